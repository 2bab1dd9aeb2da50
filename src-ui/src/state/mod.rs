//! What the window knows, as context newtypes over signals (provided once by [`provide`]):
//! the [`SessionState`] (sign-in, businesses, the current one), the [`SyncState`] (what the sync
//! indicator shows), the [`SignInState`] (the sign-in under way and the last refusal), the
//! [`Notices`] queue, and the window's [`Locale`](crate::i18n::Locale). The page shown is the
//! router's (`crate::pages::PageRoutes`).
//!
//! Nothing here calls the shell: `crate::shell` asks it and lands the answers here, and
//! [`events::apply`] lands what it pushes. Components read these through [`use_state`], so the
//! browser tests mount them over hand-built values.

pub mod events;
mod notices;
mod preferences;
mod session;
mod sign_in;
mod sync;

use ledgerline_model::ipc::Session;
use leptos::prelude::*;

pub use notices::{Notice, Notices};
pub use preferences::{PreferencesState, apply_theme, theme_code};
pub use session::SessionState;
pub use sign_in::{SignInFlow, SignInState};
pub use sync::{SyncIndicator, SyncState};

/// Every piece of window state, for code that needs several (all `Copy`).
#[derive(Clone, Copy)]
pub struct ShellState {
    /// The session.
    pub session: SessionState,
    /// The sync indicator.
    pub sync: SyncState,
    /// The sign-in flow.
    pub sign_in: SignInState,
    /// Notices waiting for the user.
    pub notices: Notices,
    /// The window's language.
    pub locale: crate::i18n::Locale,
    /// The user's preferences.
    pub preferences: PreferencesState,
    /// Whether the business switcher's list is open: kept here, not in the switcher, so a
    /// redraw of the frame (a session or sync event) never closes it under the user.
    pub switcher_open: RwSignal<bool>,
}

/// Creates the state for a session and provides each part as context.
pub fn provide(session: Session) -> ShellState {
    let state = ShellState {
        sync: SyncState::new(session.online),
        session: SessionState(RwSignal::new(session)),
        sign_in: SignInState::new(),
        notices: Notices::new(),
        locale: crate::i18n::provide_locale(),
        preferences: PreferencesState::new(),
        switcher_open: RwSignal::new(false),
    };
    provide_context(crate::i18n::format::BusinessDateFormat(RwSignal::new(None)));
    provide_context(state);
    provide_context(state.session);
    provide_context(state.sync);
    provide_context(state.sign_in);
    provide_context(state.notices);
    provide_context(state.preferences);
    state
}

/// The state [`provide`]d above this component.
pub fn use_state() -> ShellState {
    expect_context::<ShellState>()
}
