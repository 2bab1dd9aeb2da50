//! Commands behind Invoices: the paged list, one invoice, its PDF and sending it by email (the
//! drafting wizard's are in `drafting.rs`).

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{
    ExportDone, InvoiceArgs, InvoiceDetail, InvoiceList, InvoicePageArgs, RecordId, SendInvoiceArgs,
};
use ledgerline_model::views::InvoiceQuery;
use tauri::{AppHandle, Runtime};

use super::files::export_dir;
use super::home::today;
use super::screens::{current, writable};
use crate::state::AppExt;
use crate::{Error, export};

/// `list_invoices`: one page of the current business's invoices, with the match's count and
/// totals; "overdue" counted from the user's today unless the query names a day.
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
    core.invoice_page(
        business.business_id,
        InvoicePageArgs {
            query,
            offset: args.offset,
            limit: args.limit,
        },
    )
    .await
    .map_err(|e| e.to_payload())
}

/// `get_invoice`: one invoice of the current business, by FreshBooks' id or the local id it
/// had when drafted here (the page opened on it before the sync keeps working after it).
#[tauri::command]
pub async fn get_invoice<R: Runtime>(
    app: AppHandle<R>,
    args: RecordId,
) -> Result<InvoiceDetail, ErrorPayload> {
    let core = app.core();
    let business = current(&core).await?;
    core.invoice_detail(business.business_id, args.id, Some(today()))
        .await
        .map_err(|e| e.to_payload())
}

/// `download_invoice_pdf`: FreshBooks' PDF of the invoice (a read: any role), saved in the
/// Downloads folder as "Invoice <number>.pdf", never over an earlier file.
#[tauri::command]
pub async fn download_invoice_pdf<R: Runtime>(
    app: AppHandle<R>,
    args: InvoiceArgs,
) -> Result<ExportDone, ErrorPayload> {
    let core = app.core();
    let business = current(&core).await?;
    let pdf = core
        .invoice_pdf(business.business_id, args.id)
        .await
        .map_err(|e| e.to_payload())?;
    let dir = export_dir(&app);
    let stem = format!("Invoice {}", pdf.invoice.number);
    let path =
        tokio::task::spawn_blocking(move || export::write_document(&dir, &stem, "pdf", &pdf.bytes))
            .await
            .map_err(|join| Error::Core(ledgerline_core::Error::TaskFailed(join)))??;
    tracing::info!("an invoice's PDF was saved");
    Ok(ExportDone {
        path: path.display().to_string(),
        rows: 1,
    })
}

/// `send_invoice_email`: has FreshBooks email the invoice (a write: refused with `forbidden`
/// before the core where the role may not write); answers the invoice as it is then.
#[tauri::command]
pub async fn send_invoice_email<R: Runtime>(
    app: AppHandle<R>,
    args: SendInvoiceArgs,
) -> Result<InvoiceDetail, ErrorPayload> {
    let core = app.core();
    let business = writable(&core).await?;
    let b = business.business_id;
    let sent = core
        .send_invoice_email(b, args.id, &args.recipients, args.include_pdf)
        .await
        .map_err(|e| e.to_payload())?;
    tracing::info!("an invoice was sent by email");
    core.invoice_detail(b, sent.id, Some(today()))
        .await
        .map_err(|e| e.to_payload())
}
