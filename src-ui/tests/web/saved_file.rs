//! The notice for a file written into the Downloads folder, shared by the invoice's PDF, the
//! invoice list's export and Settings' export: its ids, its sentence (in the language chosen),
//! the file's name as `data-file`, "Show in folder", and "Dismiss" that runs the caller's close.

use ledgerline_ui::components::saved_file::SavedFileNotice;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::dom::{self, by_id, settle, try_by_id};

#[wasm_bindgen_test]
async fn the_notice_names_the_file_offers_the_folder_and_dismisses() {
    let shown = RwSignal::new(true);
    let path = "/home/pat/Downloads/Invoice 0042.pdf".to_owned();
    dom::mount_with(dom::signed_in(), move || {
        move || {
            shown.get().then(|| {
                view! {
                    <SavedFileNotice
                        id="invoice-pdf-saved"
                        reveal_id="invoice-pdf-reveal"
                        path=path.clone()
                        message=Signal::derive(|| "Saved Invoice 0042.pdf".to_owned())
                        data_file="Invoice 0042.pdf".to_owned()
                        on_dismiss=move |()| shown.set(false)
                    />
                }
            })
        }
    });
    settle().await;
    let notice = by_id("invoice-pdf-saved");
    assert_eq!(notice.get_attribute("role").as_deref(), Some("status"));
    assert_eq!(
        notice.get_attribute("data-file").as_deref(),
        Some("Invoice 0042.pdf")
    );
    assert!(notice.inner_text().contains("Saved Invoice 0042.pdf"));
    assert_eq!(by_id("invoice-pdf-reveal").inner_text(), "Show in folder");

    let dismiss = notice
        .query_selector("button.quiet")
        .unwrap()
        .expect("a Dismiss button");
    dismiss.dyn_into::<web_sys::HtmlElement>().unwrap().click();
    settle().await;
    assert!(
        try_by_id("invoice-pdf-saved").is_none(),
        "Dismiss closes the notice"
    );
}
