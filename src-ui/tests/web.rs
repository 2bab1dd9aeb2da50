//! Component tests in a real browser (headless Chromium through wasm-bindgen-test-runner):
//! mount the app, or the window over hand-built state, click as a person would, and read the
//! DOM; and [`vocabulary`]: every kind of payload the shell sends decodes in the browser as it
//! was sent.
#![cfg(target_arch = "wasm32")]
// Test helpers outside #[wasm_bindgen_test] functions: a failed DOM call should fail the test.
#![allow(clippy::unwrap_used)]

#[path = "web/aging_chart.rs"]
mod aging_chart;
#[path = "web/client_form.rs"]
mod client_form;
#[path = "web/dom.rs"]
mod dom;
#[path = "web/drafting.rs"]
mod drafting;
#[path = "web/drafting_preview.rs"]
mod drafting_preview;
#[path = "web/frame.rs"]
mod frame;
#[path = "web/home_reads.rs"]
mod home_reads;
#[path = "web/i18n.rs"]
mod i18n;
#[path = "web/invoices.rs"]
mod invoices;
#[path = "web/invoices_detail.rs"]
mod invoices_detail;
#[path = "web/locale.rs"]
mod locale;
#[path = "web/routes.rs"]
mod routes;
#[path = "web/saved_file.rs"]
mod saved_file;
#[path = "web/settings.rs"]
mod settings;
#[path = "web/shortcuts.rs"]
mod shortcuts;
#[path = "web/sign_in.rs"]
mod sign_in;
#[path = "web/sync.rs"]
mod sync;
#[path = "web/timer.rs"]
mod timer;
#[path = "web/virtual_list.rs"]
mod virtual_list;
#[path = "web/vocabulary.rs"]
mod vocabulary;

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

use dom::{by_id, document, settle};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_app_without_the_shell_says_what_to_do() {
    // In a plain browser there is no Tauri bridge: the app must explain, not crash.
    dom::mount_app();
    settle().await;
    let alert = document()
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert explaining the missing shell");
    let text = alert.text_content().unwrap_or_default();
    assert!(text.contains("shell is not answering"), "{text}");
    assert!(text.contains("desktop app"), "{text}");
    assert_eq!(
        alert.get_attribute("data-code").as_deref(),
        Some("no_shell")
    );
}

#[wasm_bindgen_test]
async fn sidebar_switches_pages_and_marks_the_current_one() {
    dom::mount_shell(dom::signed_in());
    settle().await;
    assert_eq!(by_id("page-title").inner_text(), "Home");
    assert_eq!(
        by_id("nav-home").get_attribute("aria-current").as_deref(),
        Some("page")
    );

    by_id("nav-clients").click();
    settle().await;
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
    dom::mount_shell(dom::signed_in());
    by_id("nav-settings").click();
    settle().await;
    let alert = document()
        .query_selector("#content [role=alert]")
        .unwrap()
        .expect("an alert explaining the missing shell");
    let text = alert.text_content().unwrap_or_default();
    assert!(text.contains("shell is not answering"), "{text}");
}
