//! The only module that touches the Tauri JS bridge (`window.__TAURI__`).
//!
//! [`call`] sends a [`Command`]'s args as `{ args }` (every shell command takes one argument named
//! `args`) and decodes the answer or the shell's [`ErrorPayload`]. Nothing here unwraps: a bridge
//! that is missing or answers nonsense becomes an `ErrorPayload` the page can show.

use ledgerline_model::error::{Action, ErrorCode, ErrorKind, ErrorPayload};
use ledgerline_model::ipc::Command;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;
}

#[derive(Serialize)]
struct Envelope<'a, A> {
    args: &'a A,
}

/// Calls a shell command and decodes its answer.
pub async fn call<C: Command>(args: &C::Args) -> Result<C::Output, ErrorPayload> {
    if !bridge_present() {
        return Err(ErrorPayload::new(
            ErrorKind::Internal,
            ErrorCode::NoShell,
            "The Ledgerline shell is not answering: open Ledgerline from its desktop app rather than a web browser.",
            Action::None,
        ));
    }
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let js_args = Envelope { args }
        .serialize(&serializer)
        .map_err(|err| bug(format!("could not encode {}: {err}", C::NAME)))?;
    match tauri_invoke(C::NAME, js_args).await {
        Ok(value) => serde_wasm_bindgen::from_value(value)
            .map_err(|err| bug(format!("could not decode the answer to {}: {err}", C::NAME))),
        Err(value) => Err(
            serde_wasm_bindgen::from_value::<ErrorPayload>(value.clone())
                .unwrap_or_else(|_| bug(format!("{} failed: {value:?}", C::NAME))),
        ),
    }
}

fn bridge_present() -> bool {
    let window: JsValue = js_sys::global().into();
    js_sys::Reflect::get(&window, &JsValue::from_str("__TAURI__"))
        .map(|tauri| !tauri.is_undefined())
        .unwrap_or(false)
}

fn bug(detail: String) -> ErrorPayload {
    let message = format!(
        "Ledgerline's window and its shell disagree ({detail}); restart Ledgerline, and if this keeps happening, report it with this message."
    );
    ErrorPayload::new(
        ErrorKind::Internal,
        ErrorCode::ShellMismatch { detail },
        message,
        Action::ReportBug,
    )
}
