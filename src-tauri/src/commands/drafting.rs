//! Commands behind the drafting wizard (`/invoices/new`), offline from start to finish: what it
//! reads to start, the live preview, "Save draft" and the business rate. Saving and the business
//! rate are edits: refused with `forbidden` before the core is asked where the role may not
//! write.

use ledgerline_model::draft::{Draft, DraftRequest};
use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{
    BusinessRate, DraftSaved, DraftingSetup, DraftingSetupArgs, SaveDraftArgs,
};
use tauri::{AppHandle, Runtime};

use super::screens::{current, writable};
use crate::state::AppExt;

/// `get_drafting_setup`: clients with unbilled time, a client's entries, taxes, remembered
/// choices and the business rate.
#[tauri::command]
pub async fn get_drafting_setup<R: Runtime>(
    app: AppHandle<R>,
    args: DraftingSetupArgs,
) -> Result<DraftingSetup, ErrorPayload> {
    let core = app.core();
    let business = current(&core).await?;
    core.drafting_setup(business.business_id, args)
        .await
        .map_err(|e| e.to_payload())
}

/// `preview_draft`: the draft these choices make (nothing saved).
#[tauri::command]
pub async fn preview_draft<R: Runtime>(
    app: AppHandle<R>,
    args: DraftRequest,
) -> Result<Draft, ErrorPayload> {
    let core = app.core();
    let business = current(&core).await?;
    core.preview_draft(business.business_id, &args)
        .await
        .map_err(|e| e.to_payload())
}

/// `save_draft`: queues the invoice and the billing of its entries as one change.
#[tauri::command]
pub async fn save_draft<R: Runtime>(
    app: AppHandle<R>,
    args: SaveDraftArgs,
) -> Result<DraftSaved, ErrorPayload> {
    let core = app.core();
    let business = writable(&core).await?;
    core.save_draft(business.business_id, args)
        .await
        .map_err(|e| e.to_payload())
}

/// `set_business_rate`: remembers the business's default hourly rate.
#[tauri::command]
pub async fn set_business_rate<R: Runtime>(
    app: AppHandle<R>,
    args: BusinessRate,
) -> Result<(), ErrorPayload> {
    let core = app.core();
    let business = writable(&core).await?;
    core.set_business_rate(business.business_id, args.rate)
        .await
        .map_err(|e| e.to_payload())
}
