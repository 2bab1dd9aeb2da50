//! A modal dialog: focus moves into it when it opens, Tab and Shift+Tab stay inside it, Escape
//! closes it, and focus goes back to where it was (the button that opened it) when it closes.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::t;

/// What can receive focus inside a dialog.
const FOCUSABLE: &str = "input:not([disabled]), button:not([disabled]), [href], select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// A dialog titled `title` (a catalog key), with `id`; its title element is `<id>-title`.
#[component]
pub fn Dialog(
    id: &'static str,
    title: &'static str,
    #[prop(into)] on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<html::Div>::new();
    // Where the focus was: it goes back there when the dialog closes.
    let opener = send_wrapper::SendWrapper::new(active_element());
    on_cleanup(move || {
        if let Some(el) = opener.take().filter(|el| el.is_connected()) {
            let _ = el.focus();
        }
    });
    Effect::new(move || {
        if let Some(dialog) = node.get() {
            focus_first(&dialog);
        }
    });
    let on_keydown = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            ev.stop_propagation();
            on_close.run(());
        }
        "Tab"
            if node
                .get_untracked()
                .is_some_and(|dialog| trap_tab(&dialog, ev.shift_key())) =>
        {
            ev.prevent_default();
        }
        _ => {}
    };
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
                on:keydown=on_keydown
            >
                <h2 id=title_id>{move || t(title)}</h2>
                {children()}
            </div>
        </div>
    }
}

/// The element that has the focus.
fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Keeps Tab inside `root`: from the last control to the first, Shift+Tab from the first to the
/// last. Whether it moved the focus (the caller then stops the browser's own move).
fn trap_tab(root: &web_sys::HtmlElement, backwards: bool) -> bool {
    let Ok(list) = root.query_selector_all(FOCUSABLE) else {
        return false;
    };
    let controls: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        let _ = root.focus();
        return true;
    };
    let active = active_element();
    let at = |el: &web_sys::HtmlElement| active.as_ref().is_some_and(|a| a.is_same_node(Some(el)));
    let outside = !active
        .as_ref()
        .is_some_and(|a| root.contains(Some(a)) && !a.is_same_node(Some(root)));
    if backwards && (at(first) || outside) {
        let _ = last.focus();
        true
    } else if !backwards && (at(last) || outside) {
        let _ = first.focus();
        true
    } else {
        false
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
