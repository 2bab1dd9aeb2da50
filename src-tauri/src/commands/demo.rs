//! Commands behind the demo.

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{NoArgs, Session};
use tauri::{AppHandle, Runtime};

use crate::demo;

/// `start_demo`: starts the built-in demo and signs in to it.
#[tauri::command]
pub async fn start_demo<R: Runtime>(
    app: AppHandle<R>,
    args: NoArgs,
) -> Result<Session, ErrorPayload> {
    let NoArgs {} = args;
    demo::start(&app).await
}

/// `leave_demo`: ends the demo and removes everything of it.
#[tauri::command]
pub async fn leave_demo<R: Runtime>(
    app: AppHandle<R>,
    args: NoArgs,
) -> Result<Session, ErrorPayload> {
    let NoArgs {} = args;
    Ok(demo::leave(&app).await?)
}
