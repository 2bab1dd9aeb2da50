//! Keyboard shortcuts for the frequent actions, and the help panel that lists them.
//!
//! Ctrl (⌘ on macOS) with a letter: N a new client, Shift+N a new time entry, K search (also
//! `/`), R sync now (also F5: the window never needs reloading, so the webview's reload is
//! replaced), B switch business, S save the invoice draft (on the drafting wizard); Alt with
//! 1–6 goes to a section; `?` or F1 shows the list. The
//! webview binds none of these letters to anything a user needs (Ctrl+N, Ctrl+K and Ctrl+B
//! open nothing in WebKitGTK, WebView2 or WKWebView); Ctrl+C/V/X/A/Z stay the text fields'.
//! `/` and `?` are ignored while typing in a field.

use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use wasm_bindgen::JsCast;

use crate::components::dialog::Dialog;
use crate::i18n::t;
use crate::pages::Section;
use crate::shell;
use crate::state::{ShellState, use_state};

/// What a shortcut does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    NewClient,
    NewTimeEntry,
    Search,
    SyncNow,
    SwitchBusiness,
    /// "Save draft" on the drafting wizard.
    SaveDraft,
    Go(Section),
    Help,
}

/// A key of a combination, as the help panel writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Command,
    Shift,
    Alt,
    Char(&'static str),
}

/// Every shortcut, in the help panel's order: its combinations and its label's catalog key.
const LIST: &[(&[&[Key]], Shortcut, &str)] = &[
    (
        &[&[Key::Command, Key::Char("N")]],
        Shortcut::NewClient,
        "help-new-client",
    ),
    (
        &[&[Key::Command, Key::Shift, Key::Char("N")]],
        Shortcut::NewTimeEntry,
        "help-new-time",
    ),
    (
        &[&[Key::Command, Key::Char("K")], &[Key::Char("/")]],
        Shortcut::Search,
        "help-search",
    ),
    (
        &[&[Key::Command, Key::Char("R")], &[Key::Char("F5")]],
        Shortcut::SyncNow,
        "help-sync-now",
    ),
    (
        &[&[Key::Command, Key::Char("B")]],
        Shortcut::SwitchBusiness,
        "help-switch-business",
    ),
    (
        &[&[Key::Command, Key::Char("S")]],
        Shortcut::SaveDraft,
        "help-save-draft",
    ),
    (
        &[&[Key::Alt, Key::Char("1")]],
        Shortcut::Go(Section::Home),
        "help-go-home",
    ),
    (
        &[&[Key::Alt, Key::Char("2")]],
        Shortcut::Go(Section::Clients),
        "help-go-clients",
    ),
    (
        &[&[Key::Alt, Key::Char("3")]],
        Shortcut::Go(Section::Time),
        "help-go-time",
    ),
    (
        &[&[Key::Alt, Key::Char("4")]],
        Shortcut::Go(Section::Invoices),
        "help-go-invoices",
    ),
    (
        &[&[Key::Alt, Key::Char("5")]],
        Shortcut::Go(Section::Sync),
        "help-go-sync",
    ),
    (
        &[&[Key::Alt, Key::Char("6")]],
        Shortcut::Go(Section::Settings),
        "help-go-settings",
    ),
    (
        &[&[Key::Char("?")], &[Key::Char("F1")]],
        Shortcut::Help,
        "help-show",
    ),
];

/// The shortcut a key press means, if any. `typing`: the focus is in a text field.
pub fn shortcut_for(ev: &web_sys::KeyboardEvent, typing: bool) -> Option<Shortcut> {
    let command = ev.ctrl_key() || ev.meta_key();
    let key = ev.key();
    match key.as_str() {
        "F5" => return Some(Shortcut::SyncNow),
        "F1" => return Some(Shortcut::Help),
        _ => {}
    }
    if ev.alt_key() && !command {
        let section = match ev.code().as_str() {
            "Digit1" => Section::Home,
            "Digit2" => Section::Clients,
            "Digit3" => Section::Time,
            "Digit4" => Section::Invoices,
            "Digit5" => Section::Sync,
            "Digit6" => Section::Settings,
            _ => return None,
        };
        return Some(Shortcut::Go(section));
    }
    if command && !ev.alt_key() {
        return match (key.to_ascii_lowercase().as_str(), ev.shift_key()) {
            ("n", false) => Some(Shortcut::NewClient),
            ("n", true) => Some(Shortcut::NewTimeEntry),
            ("k", false) => Some(Shortcut::Search),
            ("r", false) => Some(Shortcut::SyncNow),
            ("b", false) => Some(Shortcut::SwitchBusiness),
            ("s", false) => Some(Shortcut::SaveDraft),
            _ => None,
        };
    }
    match key.as_str() {
        "/" if !typing => Some(Shortcut::Search),
        "?" if !typing => Some(Shortcut::Help),
        _ => None,
    }
}

/// Whether the focus is in a field that takes text.
fn typing_in(target: Option<web_sys::EventTarget>) -> bool {
    let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || el.get_attribute("contenteditable").is_some()
}

/// Whether this is a Mac (⌘ rather than Ctrl).
fn on_mac() -> bool {
    web_sys::window()
        .and_then(|w| w.navigator().platform().ok())
        .is_some_and(|p| p.starts_with("Mac"))
}

/// Whether the help panel shows (the top bar's button opens it too).
#[derive(Clone, Copy)]
pub struct HelpOpen(pub RwSignal<bool>);

/// Listens for the shortcuts while the frame shows, and shows the help panel when asked.
#[component]
pub fn Shortcuts() -> impl IntoView {
    let state = use_state();
    let help = use_context::<HelpOpen>().unwrap_or(HelpOpen(RwSignal::new(false)));
    let navigate = use_navigate();
    let location = use_location();
    let handle = window_event_listener(ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if ev.default_prevented() || ev.repeat() {
            return;
        }
        // A dialog open: it has the keyboard (Escape, Tab), except the help key.
        let in_dialog = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("[role=dialog]").ok().flatten())
            .is_some();
        let Some(shortcut) = shortcut_for(&ev, typing_in(ev.target())) else {
            return;
        };
        if in_dialog && shortcut != Shortcut::Help {
            return;
        }
        ev.prevent_default();
        let path = location.pathname.get_untracked();
        run(state, shortcut, help, &path, &navigate);
    });
    on_cleanup(move || handle.remove());
    view! {
        <Show when=move || help.0.get()>
            <HelpPanel on_close=move |()| help.0.set(false) />
        </Show>
    }
}

fn run(
    state: ShellState,
    shortcut: Shortcut,
    help: HelpOpen,
    path: &str,
    navigate: &impl Fn(&str, leptos_router::NavigateOptions),
) {
    match shortcut {
        // A role that cannot write lands on the list, where the disabled button says why.
        Shortcut::NewClient if state.session.writable() => {
            navigate("/clients/new", Default::default());
        }
        Shortcut::NewClient => navigate("/clients", Default::default()),
        Shortcut::NewTimeEntry => {
            if path != "/time" {
                navigate("/time", Default::default());
            }
            click_when_shown("new-time-entry");
        }
        Shortcut::Search => {
            if path != "/clients" {
                navigate("/clients", Default::default());
            }
            focus_when_shown("client-search");
        }
        Shortcut::SyncNow => {
            let running = state.sync.0.with_untracked(|s| s.running);
            if !running && state.session.current_id().is_some() {
                shell::sync_now(state);
            }
        }
        Shortcut::SwitchBusiness => click_when_shown("business-switcher"),
        // Only where there is a draft to save (elsewhere the webview's "save page" stays off).
        Shortcut::SaveDraft if path == "/invoices/new" => click_when_shown("draft-save"),
        Shortcut::SaveDraft => {}
        Shortcut::Go(section) => navigate(section.path(), Default::default()),
        Shortcut::Help => help.0.update(|open| *open = !*open),
    }
}

/// Focuses the element with `id` once the page that holds it has rendered.
fn focus_when_shown(id: &'static str) {
    when_shown(id, |el| {
        let _ = el.focus();
    });
}

/// Presses the element with `id` once the page that holds it has rendered.
fn click_when_shown(id: &'static str) {
    when_shown(id, |el| el.click());
}

fn when_shown(id: &'static str, act: fn(&web_sys::HtmlElement)) {
    fn attempt(id: &'static str, act: fn(&web_sys::HtmlElement), left: u32) {
        let found = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        match found {
            Some(el) => act(&el),
            None if left > 0 => {
                request_animation_frame(move || attempt(id, act, left - 1));
            }
            None => {}
        }
    }
    attempt(id, act, 30);
}

/// `#help-panel`: every shortcut with its keys.
#[component]
pub fn HelpPanel(#[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let mac = on_mac();
    let key_name = move |key: Key| match key {
        Key::Command if mac => "⌘".to_owned(),
        Key::Command => t("help-key-ctrl"),
        Key::Shift => t("help-key-shift"),
        Key::Alt if mac => "⌥".to_owned(),
        Key::Alt => t("help-key-alt"),
        Key::Char(c) => c.to_owned(),
    };
    let combos = move |combos: &'static [&'static [Key]]| {
        combos
            .iter()
            .enumerate()
            .map(|(i, combo)| {
                let keys = combo
                    .iter()
                    .enumerate()
                    .map(|(j, &key)| {
                        view! {
                            {(j > 0).then_some("+")}
                            <kbd>{move || key_name(key)}</kbd>
                        }
                    })
                    .collect_view();
                view! {
                    {(i > 0).then(|| view! { " " {move || t("help-or")} " " })}
                    {keys}
                }
            })
            .collect_view()
    };
    view! {
        <Dialog id="help-panel" title="help-title" on_close>
            <p class="muted">{move || t("help-intro")}</p>
            <table class="shortcuts">
                <thead>
                    <tr>
                        <th scope="col">{move || t("help-action")}</th>
                        <th scope="col">{move || t("help-keys")}</th>
                    </tr>
                </thead>
                <tbody>
                    {LIST
                        .iter()
                        .map(|&(keys, shortcut, label)| {
                            view! {
                                <tr data-shortcut=format!("{shortcut:?}")>
                                    <td>{move || t(label)}</td>
                                    <td>{combos(keys)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <div class="dialog-actions">
                <button
                    id="help-close"
                    type="button"
                    class="button primary"
                    on:click=move |_| on_close.run(())
                >
                    {move || t("common-close")}
                </button>
            </div>
        </Dialog>
    }
}
