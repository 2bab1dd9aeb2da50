//! Keyboard: the help panel lists every shortcut (translated), a shortcut does what it says,
//! and a dialog keeps Tab inside it and gives the focus back when it closes.

use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::dom::{self, by_id, document, focused_id, press, settle, try_by_id};

/// Presses a key with modifiers on the focused element (or the body), as a person would.
fn chord(key: &str, code: &str, ctrl: bool, shift: bool, alt: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_code(code);
    init.set_ctrl_key(ctrl);
    init.set_shift_key(shift);
    init.set_alt_key(alt);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    let target: web_sys::Element = document()
        .active_element()
        .unwrap_or_else(|| document().body().unwrap().into());
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn f1_shows_the_help_panel_listing_every_shortcut() {
    let state = dom::mount_shell(dom::signed_in());
    settle().await;
    assert!(try_by_id("help-panel").is_none());
    chord("F1", "F1", false, false, false);
    settle().await;
    let panel = by_id("help-panel");
    let rows = panel.query_selector_all("tbody tr").unwrap();
    assert_eq!(rows.length(), 13);
    let text = panel.inner_text();
    for words in [
        "New client",
        "New time entry",
        "Search",
        "Sync now",
        "Switch business",
        "Save the invoice draft",
        "Ctrl",
        "F5",
    ] {
        assert!(text.contains(words), "{words} missing in {text}");
    }
    // In French too.
    state.locale.0.set(ledgerline_ui::i18n::LocaleId::FrCa);
    settle().await;
    let text = by_id("help-panel").inner_text();
    assert!(text.contains("Nouveau client"), "{text}");
    assert!(text.contains("Maj"), "{text}");
    state.locale.0.set(ledgerline_ui::i18n::LocaleId::En);
    // Escape closes it; the top bar's button opens it too.
    press("Escape");
    settle().await;
    assert!(try_by_id("help-panel").is_none());
    by_id("help-button").click();
    settle().await;
    assert!(try_by_id("help-panel").is_some());
}

#[wasm_bindgen_test]
async fn shortcuts_go_to_sections_and_open_the_switcher() {
    dom::mount_shell(dom::signed_in());
    settle().await;
    chord("2", "Digit2", false, false, true);
    settle().await;
    assert_eq!(dom::address(), "/clients");
    chord("6", "Digit6", false, false, true);
    settle().await;
    assert_eq!(dom::address(), "/settings");
    assert_eq!(by_id("page-title").inner_text(), "Settings");

    chord("b", "KeyB", true, false, false);
    for _ in 0..5 {
        settle().await;
    }
    assert!(
        try_by_id("business-list").is_some(),
        "Ctrl+B opens the switcher"
    );

    // A new client from anywhere.
    press("Escape");
    chord("n", "KeyN", true, false, false);
    settle().await;
    assert_eq!(dom::address(), "/clients/new");
}

#[wasm_bindgen_test]
async fn typing_a_slash_in_a_field_is_not_a_shortcut() {
    dom::mount_shell_at("/settings", dom::signed_in());
    settle().await;
    by_id("export-list").focus().unwrap();
    chord("/", "Slash", false, false, false);
    settle().await;
    assert_eq!(dom::address(), "/settings");
}

#[wasm_bindgen_test]
async fn a_dialog_keeps_tab_inside_and_gives_the_focus_back() {
    dom::mount_shell_at("/settings", dom::signed_in());
    settle().await;
    by_id("sign-out").focus().unwrap();
    by_id("sign-out").click();
    settle().await;
    assert_eq!(focused_id(), "sign-out-remove-copy");
    // Shift+Tab on the first control goes to the last; Tab on the last to the first.
    chord("Tab", "Tab", false, true, false);
    assert_eq!(focused_id(), "sign-out-confirm");
    chord("Tab", "Tab", false, false, false);
    assert_eq!(focused_id(), "sign-out-remove-copy");
    press("Escape");
    settle().await;
    assert!(try_by_id("sign-out-dialog").is_none());
    assert_eq!(focused_id(), "sign-out");
}
