//! Routes: each path shows its page, the sidebar's links go there and mark the current
//! section, Back returns, and the placeholders read their links' filters.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::dom::{self, by_id, settle, try_by_id};

async fn title_at(path: &str) -> String {
    dom::mount_shell_at(path, dom::signed_in());
    settle().await;
    by_id("page-title").inner_text()
}

#[wasm_bindgen_test]
async fn each_path_shows_its_page() {
    assert_eq!(title_at("/invoices").await, "Invoices");
    assert_eq!(title_at("/sync").await, "Sync");
    assert_eq!(title_at("/settings").await, "Settings");
    assert_eq!(title_at("/nowhere/at/all").await, "Nothing here");
    assert_eq!(
        by_id("nav-home").get_attribute("aria-current"),
        None,
        "no section is current on an unknown path"
    );
}

#[wasm_bindgen_test]
async fn the_invoice_list_reads_its_filters() {
    dom::mount_shell_at("/invoices?status=overdue&client=12", dom::signed_in());
    settle().await;
    let status: web_sys::HtmlSelectElement = by_id("invoice-status").unchecked_into();
    assert_eq!(status.value(), "overdue");
    let client: web_sys::HtmlSelectElement = by_id("invoice-client").unchecked_into();
    assert_eq!(client.value(), "12");
    assert_eq!(
        by_id("nav-invoices")
            .get_attribute("aria-current")
            .as_deref(),
        Some("page")
    );
}

#[wasm_bindgen_test]
async fn links_navigate_and_back_returns() {
    dom::mount_shell_at("/settings", dom::signed_in());
    settle().await;
    assert_eq!(by_id("page-title").inner_text(), "Settings");
    by_id("nav-invoices").click();
    settle().await;
    assert_eq!(dom::address(), "/invoices");
    assert_eq!(by_id("page-title").inner_text(), "Invoices");
    assert_eq!(by_id("nav-settings").get_attribute("aria-current"), None);

    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .back()
        .unwrap();
    // `popstate` arrives after the browser moved back.
    for _ in 0..50 {
        settle().await;
        if dom::address() == "/settings" && by_id("page-title").inner_text() == "Settings" {
            break;
        }
        gloo_wait().await;
    }
    assert_eq!(dom::address(), "/settings");
    assert_eq!(by_id("page-title").inner_text(), "Settings");
    assert!(try_by_id("nav-settings").is_some());
}

/// Waits a few milliseconds for the browser.
async fn gloo_wait() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
