//! Component tests in a real browser (headless Chromium through wasm-bindgen-test-runner):
//! mount the app, click as a person would, and read the DOM; and [`vocabulary`]: every kind of
//! payload the shell sends decodes in the browser as it was sent.
#![cfg(target_arch = "wasm32")]
// Test helpers outside #[wasm_bindgen_test] functions: a failed DOM call should fail the test.
#![allow(clippy::unwrap_used)]

#[path = "web/vocabulary.rs"]
mod vocabulary;

use leptos::task::tick;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document")
}

fn by_id(id: &str) -> HtmlElement {
    document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("no element #{id}"))
        .unchecked_into()
}

/// Mounts a fresh app into its own container, replacing the one an earlier test mounted. (The
/// rest of the body belongs to the test runner, which reports through it.)
fn mount() {
    if let Some(earlier) = document().get_element_by_id("app-root") {
        earlier.remove();
    }
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    root.set_id("app-root");
    document()
        .body()
        .expect("a body")
        .append_child(&root)
        .unwrap();
    let handle = leptos::mount::mount_to(root, ledgerline_ui::app::App);
    // The app lives as long as the page does.
    handle.forget();
}

#[wasm_bindgen_test]
async fn sidebar_switches_pages_and_marks_the_current_one() {
    mount();
    assert_eq!(by_id("page-title").inner_text(), "Home");
    assert_eq!(
        by_id("nav-home").get_attribute("aria-current").as_deref(),
        Some("page")
    );

    by_id("nav-clients").click();
    tick().await;
    assert_eq!(by_id("page-title").inner_text(), "Clients");
    assert_eq!(by_id("nav-home").get_attribute("aria-current"), None);
    assert_eq!(
        by_id("nav-clients")
            .get_attribute("aria-current")
            .as_deref(),
        Some("page")
    );
}

#[wasm_bindgen_test]
async fn settings_without_the_shell_says_what_to_do() {
    // In a plain browser there is no Tauri bridge: the page must explain, not crash.
    mount();
    by_id("nav-settings").click();
    for _ in 0..20 {
        tick().await;
    }
    let alert = document()
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert explaining the missing shell");
    let text = alert.text_content().unwrap_or_default();
    assert!(text.contains("shell is not answering"), "{text}");
    assert!(text.contains("desktop app"), "{text}");
}
