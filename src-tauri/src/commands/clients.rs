//! Commands behind Clients: the list, one client's form, and its changes (each queued, offline
//! or not, and undoable until sent).

use ledgerline_core::Entity;
use ledgerline_model::entity::{Client, NewClient};
use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{ChangeReceipt, ClientChange, ClientVisibility, RecordId, UndoArgs};
use ledgerline_model::views::{ClientQuery, ClientRow};
use tauri::{AppHandle, Runtime};

use super::screens::{current, receipt, writable};
use crate::state::AppExt;

/// `list_clients`: the current business's clients as the query asks.
#[tauri::command]
pub async fn list_clients<R: Runtime>(
    app: AppHandle<R>,
    args: ClientQuery,
) -> Result<Vec<ClientRow>, ErrorPayload> {
    let core = app.core();
    let business = current(&core).await?;
    core.list_clients(business.business_id, args)
        .await
        .map_err(|e| e.to_payload())
}

/// `get_client`: one client's fields.
#[tauri::command]
pub async fn get_client<R: Runtime>(
    app: AppHandle<R>,
    args: RecordId,
) -> Result<Client, ErrorPayload> {
    let core = app.core();
    let business = current(&core).await?;
    core.client_details(business.business_id, args.id)
        .await
        .map_err(|e| e.to_payload())
}

/// `create_client`: queues a new client.
#[tauri::command]
pub async fn create_client<R: Runtime>(
    app: AppHandle<R>,
    args: NewClient,
) -> Result<ChangeReceipt, ErrorPayload> {
    let core = app.core();
    let business = writable(&core).await?.business_id;
    let id = core
        .create_client(business, args)
        .await
        .map_err(|e| e.to_payload())?;
    receipt(&core, business, Entity::Clients, id).await
}

/// `update_client`: queues changes to a client.
#[tauri::command]
pub async fn update_client<R: Runtime>(
    app: AppHandle<R>,
    args: ClientChange,
) -> Result<ChangeReceipt, ErrorPayload> {
    let core = app.core();
    let business = writable(&core).await?.business_id;
    let seq = core
        .update_client(business, args.id, args.changes)
        .await
        .map_err(|e| e.to_payload())?;
    Ok(ChangeReceipt {
        id: args.id,
        seq: Some(seq),
    })
}

/// `set_client_visibility`: archives, deletes or restores a client.
#[tauri::command]
pub async fn set_client_visibility<R: Runtime>(
    app: AppHandle<R>,
    args: ClientVisibility,
) -> Result<ChangeReceipt, ErrorPayload> {
    let core = app.core();
    let business = writable(&core).await?.business_id;
    let seq = core
        .set_client_visibility(business, args.id, args.to)
        .await
        .map_err(|e| e.to_payload())?;
    Ok(ChangeReceipt {
        id: args.id,
        seq: Some(seq),
    })
}

/// `undo_change`: takes back a change of the current business not yet sent.
#[tauri::command]
pub async fn undo_change<R: Runtime>(
    app: AppHandle<R>,
    args: UndoArgs,
) -> Result<(), ErrorPayload> {
    let core = app.core();
    let business = writable(&core).await?.business_id;
    core.undo(business, args.seq)
        .await
        .map_err(|e| e.to_payload())
}
