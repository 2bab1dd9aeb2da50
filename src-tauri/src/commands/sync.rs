//! Commands behind the sync indicator.

use ledgerline_core::Scope;
use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{NoArgs, SyncView};
use ledgerline_model::sync::SyncReport;
use tauri::{AppHandle, Runtime};

use crate::state::AppExt;
use crate::{events, session};

/// `get_sync_view`: what the sync indicator shows.
#[tauri::command]
pub async fn get_sync_view<R: Runtime>(
    app: AppHandle<R>,
    args: NoArgs,
) -> Result<SyncView, ErrorPayload> {
    let NoArgs {} = args;
    Ok(session::sync_view(&app).await?)
}

/// `sync_now`: syncs the current business now; what FreshBooks answered (or not) tells online.
#[tauri::command]
pub async fn sync_now<R: Runtime>(
    app: AppHandle<R>,
    args: NoArgs,
) -> Result<SyncReport, ErrorPayload> {
    let NoArgs {} = args;
    let active = app.shell().active();
    let res = active.slot.core.sync_now(Scope::Current, false).await;
    let reached = match &res {
        Ok(report) => events::report_reached(report),
        Err(e) => events::reached(&e.to_payload()),
    };
    if let Some(online) = reached {
        events::connectivity(&app, &active.slot.watch, online);
    }
    res.map_err(|e| e.to_payload())
}

/// `cancel_sync`: stops the running sync; what it wrote stays.
#[tauri::command]
pub async fn cancel_sync<R: Runtime>(app: AppHandle<R>, args: NoArgs) -> Result<(), ErrorPayload> {
    let NoArgs {} = args;
    app.core().cancel_sync().await;
    Ok(())
}
