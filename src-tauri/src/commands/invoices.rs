//! Commands behind Invoices (the list; the drafting wizard comes with issue 12).

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::views::{InvoiceQuery, InvoiceRow};
use tauri::{AppHandle, Runtime};

use super::home::today;
use super::screens::current;
use crate::state::AppExt;

/// `list_invoices`: the current business's invoices; "overdue" counted from the user's today
/// unless the query names a day.
#[tauri::command]
pub async fn list_invoices<R: Runtime>(
    app: AppHandle<R>,
    args: InvoiceQuery,
) -> Result<Vec<InvoiceRow>, ErrorPayload> {
    let core = app.core();
    let business = current(&core).await?;
    let query = InvoiceQuery {
        today: args.today.or_else(|| Some(today())),
        ..args
    };
    core.list_invoices(business.business_id, query)
        .await
        .map_err(|e| e.to_payload())
}
