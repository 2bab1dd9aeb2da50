//! Commands behind Time: the list, one entry's form and its changes, what forms offer to
//! choose, and the timer (one per data folder, kept across restarts).

use chrono::Utc;
use ledgerline_core::Entity;
use ledgerline_model::entity::{NewTimeEntry, TimeEntry};
use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{ChangeReceipt, NoArgs, Pickers, RecordId, TimeEntryChange};
use ledgerline_model::timer::{RunningTimer, TimerStart};
use ledgerline_model::views::{TimeList, TimeQuery};
use tauri::{AppHandle, Runtime};

use super::screens::{current, may_write, receipt, writable};
use crate::state::AppExt;

/// `list_time`: the current business's time entries as the query asks, with totals.
#[tauri::command]
pub async fn list_time<R: Runtime>(
    app: AppHandle<R>,
    args: TimeQuery,
) -> Result<TimeList, ErrorPayload> {
    let core = app.core();
    let business = current(&core).await?;
    core.list_time(business.business_id, args)
        .await
        .map_err(|e| e.to_payload())
}

/// `get_time_entry`: one time entry's fields.
#[tauri::command]
pub async fn get_time_entry<R: Runtime>(
    app: AppHandle<R>,
    args: RecordId,
) -> Result<TimeEntry, ErrorPayload> {
    let core = app.core();
    let business = current(&core).await?;
    core.time_entry_details(business.business_id, args.id)
        .await
        .map_err(|e| e.to_payload())
}

/// `create_time_entry`: queues a new time entry.
#[tauri::command]
pub async fn create_time_entry<R: Runtime>(
    app: AppHandle<R>,
    args: NewTimeEntry,
) -> Result<ChangeReceipt, ErrorPayload> {
    let core = app.core();
    let business = writable(&core).await?.business_id;
    let id = core
        .create_time_entry(business, args)
        .await
        .map_err(|e| e.to_payload())?;
    receipt(&core, business, Entity::TimeEntries, id).await
}

/// `update_time_entry`: queues changes to a time entry.
#[tauri::command]
pub async fn update_time_entry<R: Runtime>(
    app: AppHandle<R>,
    args: TimeEntryChange,
) -> Result<ChangeReceipt, ErrorPayload> {
    let core = app.core();
    let business = writable(&core).await?.business_id;
    let seq = core
        .update_time_entry(business, args.id, args.changes)
        .await
        .map_err(|e| e.to_payload())?;
    Ok(ChangeReceipt {
        id: args.id,
        seq: Some(seq),
    })
}

/// `get_pickers`: the current business's clients, projects, services and team members.
#[tauri::command]
pub async fn get_pickers<R: Runtime>(
    app: AppHandle<R>,
    args: NoArgs,
) -> Result<Pickers, ErrorPayload> {
    let NoArgs {} = args;
    let core = app.core();
    let business = current(&core).await?;
    core.pickers(business.business_id)
        .await
        .map_err(|e| e.to_payload())
}

/// `get_timer`: the timer that runs, whichever business it is for.
#[tauri::command]
pub async fn get_timer<R: Runtime>(
    app: AppHandle<R>,
    args: NoArgs,
) -> Result<Option<RunningTimer>, ErrorPayload> {
    let NoArgs {} = args;
    app.core().running_timer().await.map_err(|e| e.to_payload())
}

/// `start_timer`: starts the timer for the current business.
#[tauri::command]
pub async fn start_timer<R: Runtime>(
    app: AppHandle<R>,
    args: TimerStart,
) -> Result<RunningTimer, ErrorPayload> {
    let core = app.core();
    let business = writable(&core).await?.business_id;
    core.start_timer(business, args)
        .await
        .map_err(|e| e.to_payload())
}

/// `stop_timer`: its time becomes a queued time entry in the business it ran for.
#[tauri::command]
pub async fn stop_timer<R: Runtime>(
    app: AppHandle<R>,
    args: NoArgs,
) -> Result<ChangeReceipt, ErrorPayload> {
    let NoArgs {} = args;
    let core = app.core();
    let running = core
        .running_timer()
        .await
        .map_err(|e| e.to_payload())?
        .ok_or_else(|| ledgerline_core::Error::NoTimer.to_payload())?;
    let business = core
        .business(running.business)
        .await
        .map_err(|e| e.to_payload())?;
    may_write(&business)?;
    let id = core
        .stop_timer(Utc::now())
        .await
        .map_err(|e| e.to_payload())?;
    receipt(&core, business.business_id, Entity::TimeEntries, id).await
}

/// `discard_timer`: throws the running timer away.
#[tauri::command]
pub async fn discard_timer<R: Runtime>(
    app: AppHandle<R>,
    args: NoArgs,
) -> Result<(), ErrorPayload> {
    let NoArgs {} = args;
    app.core().discard_timer().await.map_err(|e| e.to_payload())
}
