//! The only module that touches the Tauri JS bridge (`window.__TAURI__`).
//!
//! [`call`] sends a [`Command`]'s args as `{ args }` (every shell command takes one argument named
//! `args`) and decodes the answer or the shell's [`ErrorPayload`]. [`listen`] subscribes to the
//! one event the shell emits ([`EVENT_NAME`]) and hands each decoded [`ShellEvent`] to a
//! handler until its [`Listening`] handle is dropped. Nothing here unwraps: a bridge that is
//! missing or answers nonsense becomes an `ErrorPayload` the page can show.

use ledgerline_model::error::{Action, ErrorCode, ErrorKind, ErrorPayload};
use ledgerline_model::ipc::{Command, EVENT_NAME, ShellEvent};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = invoke, catch)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen, catch)]
    fn tauri_listen(
        event: &str,
        handler: &Closure<dyn FnMut(JsValue)>,
    ) -> Result<js_sys::Promise, JsValue>;
}

#[derive(Serialize)]
struct Envelope<'a, A> {
    args: &'a A,
}

/// Calls a shell command and decodes its answer.
pub async fn call<C: Command>(args: &C::Args) -> Result<C::Output, ErrorPayload> {
    if !bridge_present(&["__TAURI__", "core"]) {
        return Err(no_shell());
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

/// A subscription to the shell's events: dropping it unsubscribes.
pub struct Listening {
    unlisten: js_sys::Function,
    // Called by the bridge until `unlisten` runs; dropped after it.
    _handler: Closure<dyn FnMut(JsValue)>,
}

impl Drop for Listening {
    fn drop(&mut self) {
        // The bridge removes the handler synchronously; a failure here leaves nothing to undo.
        let _ = self.unlisten.call0(&JsValue::NULL);
    }
}

/// Hands every [`ShellEvent`] the shell emits to `handler`, decoded (or, when the payload is not
/// one, the bug as an [`ErrorPayload`]), until the returned handle is dropped.
pub async fn listen(
    mut handler: impl FnMut(Result<ShellEvent, ErrorPayload>) + 'static,
) -> Result<Listening, ErrorPayload> {
    if !bridge_present(&["__TAURI__", "event"]) {
        return Err(no_shell());
    }
    let closure = Closure::<dyn FnMut(JsValue)>::new(move |message: JsValue| {
        // Tauri wraps the payload: `{ event, id, payload }`.
        let payload = js_sys::Reflect::get(&message, &JsValue::from_str("payload"))
            .unwrap_or(JsValue::UNDEFINED);
        handler(
            serde_wasm_bindgen::from_value::<ShellEvent>(payload)
                .map_err(|err| bug(format!("could not decode an event: {err}"))),
        );
    });
    let promise = tauri_listen(EVENT_NAME, &closure)
        .map_err(|err| bug(format!("could not listen to {EVENT_NAME}: {err:?}")))?;
    let unlisten = JsFuture::from(promise)
        .await
        .map_err(|err| bug(format!("could not listen to {EVENT_NAME}: {err:?}")))?;
    let unlisten = unlisten
        .dyn_into::<js_sys::Function>()
        .map_err(|_| bug(format!("listening to {EVENT_NAME} gave no way to stop")))?;
    Ok(Listening {
        unlisten,
        _handler: closure,
    })
}

/// Whether `window.a.b…` exists.
fn bridge_present(path: &[&str]) -> bool {
    let mut at: JsValue = js_sys::global().into();
    for part in path {
        match js_sys::Reflect::get(&at, &JsValue::from_str(part)) {
            Ok(next) if !next.is_undefined() && !next.is_null() => at = next,
            _ => return false,
        }
    }
    true
}

fn no_shell() -> ErrorPayload {
    ErrorPayload::new(
        ErrorKind::Internal,
        ErrorCode::NoShell,
        "The Ledgerline shell is not answering: open Ledgerline from its desktop app rather than a web browser.",
        Action::None,
    )
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
