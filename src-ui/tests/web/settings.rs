//! Settings: the theme and the language apply at once (the shell keeps them when it answers).

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::dom::{self, by_id, document, settle};

fn theme() -> Option<String> {
    document()
        .document_element()
        .unwrap()
        .get_attribute("data-theme")
}

fn choose(select: &str, value: &str) {
    let element: web_sys::HtmlSelectElement = by_id(select).unchecked_into();
    element.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_theme_applies_at_once() {
    dom::mount_shell_at("/settings", dom::signed_in());
    settle().await;
    by_id("settings-theme-dark").click();
    settle().await;
    assert_eq!(theme().as_deref(), Some("dark"));
    by_id("settings-theme-light").click();
    settle().await;
    assert_eq!(theme().as_deref(), Some("light"));
    // System: no attribute, so `prefers-color-scheme` decides.
    by_id("settings-theme-system").click();
    settle().await;
    assert_eq!(theme(), None);
}

#[wasm_bindgen_test]
async fn the_language_applies_at_once_and_names_each_language_in_itself() {
    dom::mount_shell_at("/settings", dom::signed_in());
    settle().await;
    let options = by_id("settings-language").inner_text();
    assert!(options.contains("English"), "{options}");
    assert!(options.contains("Français (Canada)"), "{options}");
    choose("settings-language", "fr-CA");
    settle().await;
    assert_eq!(by_id("page-title").inner_text(), "Paramètres");
    assert_eq!(by_id("nav-home").inner_text(), "Accueil");
    choose("settings-language", "en");
    settle().await;
    assert_eq!(by_id("page-title").inner_text(), "Settings");
}
