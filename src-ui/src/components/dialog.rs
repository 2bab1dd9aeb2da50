//! A modal dialog: focus moves into it when it opens, Escape closes it.

use leptos::html;
use leptos::prelude::*;

use crate::i18n::t;
use wasm_bindgen::JsCast;

/// What receives focus first inside a dialog.
const FOCUSABLE: &str = "input:not([disabled]), button:not([disabled]), [href], select, textarea";

/// A dialog titled `title` (a catalog key), with `id`; its title element is `<id>-title`.
#[component]
pub fn Dialog(
    id: &'static str,
    title: &'static str,
    #[prop(into)] on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<html::Div>::new();
    Effect::new(move || {
        if let Some(dialog) = node.get() {
            focus_first(&dialog);
        }
    });
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <div class="dialog-backdrop">
            <div
                id=id
                class="dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby=labelled_by
                tabindex="-1"
                node_ref=node
                on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        ev.prevent_default();
                        on_close.run(());
                    }
                }
            >
                <h2 id=title_id>{move || t(title)}</h2>
                {children()}
            </div>
        </div>
    }
}

/// Focuses the first control inside `root`, or `root` itself.
pub fn focus_first(root: &web_sys::HtmlElement) {
    let first = root
        .query_selector(FOCUSABLE)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    let _ = first.as_ref().unwrap_or(root).focus();
}
