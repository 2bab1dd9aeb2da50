//! Commands behind Home and the search box.

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::home::HomeSummary;
use ledgerline_model::ipc::{HomeArgs, HomeScope, SearchArgs};
use ledgerline_model::views::SearchHit;
use tauri::{AppHandle, Runtime};

use super::screens::current;
use crate::state::AppExt;

/// The user's today, in the computer's time zone ("overdue" and the aging count from it).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// `get_home`: Home's figures for the current business, or every business together.
#[tauri::command]
pub async fn get_home<R: Runtime>(
    app: AppHandle<R>,
    args: HomeArgs,
) -> Result<HomeSummary, ErrorPayload> {
    let core = app.core();
    let business = match args.scope {
        HomeScope::Current => Some(current(&core).await?.business_id),
        HomeScope::All => None,
    };
    core.home(business, today())
        .await
        .map_err(|e| e.to_payload())
}

/// `search`: the full-text index across every business, from this computer only.
#[tauri::command]
pub async fn search<R: Runtime>(
    app: AppHandle<R>,
    args: SearchArgs,
) -> Result<Vec<SearchHit>, ErrorPayload> {
    app.core()
        .search(&args.text, args.limit)
        .await
        .map_err(|e| e.to_payload())
}
