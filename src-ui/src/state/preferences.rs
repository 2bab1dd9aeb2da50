//! The user's preferences (language, theme, sync schedule) as the shell keeps them, and their
//! effect on the window: the language through [`crate::i18n`], the theme as `data-theme` on the
//! document (`light`, `dark`, or none to follow `prefers-color-scheme`). Both are also cached in
//! the webview's storage so the first paint of the next start is already right.

use ledgerline_model::ipc::{Preferences, Theme};
use leptos::prelude::*;

use crate::i18n::{self, LocaleId};

const THEME_KEY: &str = "ledgerline.theme";

/// The preferences, once the shell answered (defaults until then).
#[derive(Clone, Copy)]
pub struct PreferencesState(pub RwSignal<Preferences>);

impl PreferencesState {
    /// The defaults, with the theme cached by the last start.
    pub fn new() -> Self {
        let theme = cached_theme();
        apply_theme(theme);
        Self(RwSignal::new(Preferences {
            theme,
            language: i18n::chosen().map(|l| l.code().to_owned()),
            ..Preferences::default()
        }))
    }

    /// Lands preferences (the shell's, or the user's change) in the window.
    pub fn land(self, prefs: Preferences) {
        apply_theme(prefs.theme);
        i18n::set_locale(prefs.language.as_deref().and_then(LocaleId::from_code));
        self.0.set(prefs);
    }
}

impl Default for PreferencesState {
    fn default() -> Self {
        Self::new()
    }
}

/// The stored name of a theme.
pub fn theme_code(theme: Theme) -> &'static str {
    match theme {
        Theme::Light => "light",
        Theme::Dark => "dark",
        Theme::System => "system",
    }
}

/// Sets the document's theme.
pub fn apply_theme(theme: Theme) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            other => root.set_attribute("data-theme", theme_code(other)),
        };
    }
    if let Ok(Some(storage)) = window.local_storage() {
        let _ = storage.set_item(THEME_KEY, theme_code(theme));
    }
}

fn cached_theme() -> Theme {
    let stored = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(THEME_KEY).ok().flatten());
    match stored.as_deref() {
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        _ => Theme::System,
    }
}
