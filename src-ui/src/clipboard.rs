//! Copying text for the user (the redirect address, the scopes, the sign-in address): the
//! browser's clipboard where it answers, else the older copy command on a hidden selection.
//! Not the Tauri bridge: the webview's own clipboard.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Copies `text`; `false` when neither way worked (the caller says to select and copy it).
pub async fn copy(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map(|c| !c.is_undefined() && !c.is_null())
        .unwrap_or(false);
    if has_clipboard
        && JsFuture::from(navigator.clipboard().write_text(text))
            .await
            .is_ok()
    {
        return true;
    }
    copy_by_selection(text).unwrap_or(false)
}

/// The fallback: a hidden text area, selected, and the document's copy command.
fn copy_by_selection(text: &str) -> Option<bool> {
    let document = web_sys::window()?.document()?;
    let area: web_sys::HtmlTextAreaElement =
        document.create_element("textarea").ok()?.dyn_into().ok()?;
    area.set_value(text);
    area.set_class_name("offscreen");
    document.body()?.append_child(&area).ok()?;
    area.select();
    let copied = document
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|doc| doc.exec_command("copy").ok())
        .unwrap_or(false);
    area.remove();
    Some(copied)
}
