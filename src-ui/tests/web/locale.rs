//! Switching the language changes every visible string of the frame: each text the window
//! writes (not the user's data) reads differently in French, or is a word both languages share.

use std::collections::BTreeSet;

use ledgerline_model::error::{Action, ErrorCode, ErrorKind, ErrorPayload};
use ledgerline_model::ids::BusinessId;
use ledgerline_ui::i18n::{self, LocaleId};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::dom::{self, by_id, settle};

/// The visible text nodes under an element, in document order.
fn texts(root: &web_sys::Element) -> Vec<String> {
    let mut out = Vec::new();
    let all = root.query_selector_all("*").unwrap();
    for i in 0..all.length() {
        let element: web_sys::Element = all.item(i).unwrap().unchecked_into();
        // The pages have their own tests; this one is about the frame around them.
        // Decorations hidden from assistive technology (the switcher's caret) are no words.
        if element.closest("#content").unwrap().is_some()
            || element.closest("[aria-hidden=true]").unwrap().is_some()
        {
            continue;
        }
        let children = element.child_nodes();
        for j in 0..children.length() {
            let node = children.item(j).unwrap();
            if node.node_type() == web_sys::Node::TEXT_NODE {
                let text = node.text_content().unwrap_or_default().trim().to_owned();
                if !text.is_empty() {
                    out.push(text);
                }
            }
        }
    }
    out
}

/// Texts both catalogs write the same way ("Clients", "Ledgerline", "Version").
fn shared_words() -> BTreeSet<String> {
    i18n::keys(LocaleId::En)
        .into_iter()
        .map(|key| {
            (
                i18n::t_in(LocaleId::En, &key, &[]),
                i18n::t_in(LocaleId::FrCa, &key, &[]),
            )
        })
        .filter(|(en, fr)| en == fr)
        .map(|(en, _)| en)
        .collect()
}

#[wasm_bindgen_test]
async fn switching_to_french_and_back_changes_every_string_of_the_frame() {
    let state = dom::mount_shell(dom::signed_in());
    // Every part of the frame that has words: a read-only business, changes waiting and
    // needing the user, offline, and a notice.
    state
        .session
        .0
        .update(|s| s.current = Some(BusinessId(202)));
    state.sync.0.update(|s| {
        s.view.pending = 2;
        s.view.needs_you = 1;
        s.online = false;
    });
    state.notices.push(
        ErrorPayload::new(
            ErrorKind::Offline,
            ErrorCode::Unreachable,
            "FreshBooks cannot be reached",
            Action::Retry,
        ),
        Some(Callback::new(|()| {})),
    );
    settle().await;
    state.locale.0.set(LocaleId::En);
    settle().await;
    let frame = by_id("app-root");
    let english = texts(&frame);
    assert!(english.iter().any(|t| t == "Home"), "{english:?}");

    state.locale.0.set(LocaleId::FrCa);
    settle().await;
    let french = texts(&frame);
    assert_eq!(english.len(), french.len(), "{english:?}\n{french:?}");
    let shared = shared_words();
    // The user's data: business names and currency codes.
    let data = [
        "Acme Design",
        "Birch Bakery",
        "Cedar Consulting",
        "CAD",
        "USD",
        "EUR",
    ];
    let unchanged: Vec<_> = english
        .iter()
        .zip(&french)
        .filter(|(en, fr)| en == fr)
        .map(|(en, _)| en)
        .filter(|text| !shared.contains(*text) && !data.contains(&text.as_str()))
        .collect();
    assert!(unchanged.is_empty(), "still in English: {unchanged:?}");
    assert!(french.iter().any(|t| t == "Accueil"), "{french:?}");
    assert_eq!(
        dom::document()
            .document_element()
            .unwrap()
            .get_attribute("lang")
            .as_deref(),
        Some("fr-CA")
    );

    state.locale.0.set(LocaleId::En);
    settle().await;
    assert_eq!(texts(&frame), english);
}
