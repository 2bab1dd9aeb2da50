//! Commands behind Invoices (the list; the drafting wizard comes with issue 12).

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{InvoiceList, InvoicePageArgs};
use ledgerline_model::views::InvoiceQuery;
use tauri::{AppHandle, Runtime};

use super::home::today;
use super::screens::current;
use crate::state::AppExt;

/// `list_invoices`: the current business's invoices; "overdue" counted from the user's today
/// unless the query names a day.
#[tauri::command]
pub async fn list_invoices<R: Runtime>(
    app: AppHandle<R>,
    args: InvoicePageArgs,
) -> Result<InvoiceList, ErrorPayload> {
    let core = app.core();
    let business = current(&core).await?;
    let query = InvoiceQuery {
        today: args.query.today.or_else(|| Some(today())),
        ..args.query
    };
    // TODO(issue 12): page in the core (LIMIT/OFFSET and totals in SQL).
    let rows = core
        .list_invoices(business.business_id, query)
        .await
        .map_err(|e| e.to_payload())?;
    let limit = if args.limit == 0 { 200 } else { args.limit } as usize;
    Ok(InvoiceList {
        total_count: rows.len() as u64,
        amount: Vec::new(),
        outstanding: Vec::new(),
        rows: rows
            .into_iter()
            .skip(args.offset as usize)
            .take(limit)
            .collect(),
    })
}
