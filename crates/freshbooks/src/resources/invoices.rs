//! [`Invoices`]: accounting invoices (`invoices/invoices`) with lines, their filters and writes.

use chrono::NaiveDate;
use ledgerline_model::entity::{Invoice, InvoiceUpdate, NewInvoice};
use ledgerline_model::ids::{ClientId, InvoiceId};
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::http::Call;
use crate::raw::WithRaw;
use crate::resources::accounting::{Accounting, AccountingList};
use crate::wire::invoice::{WireInvoice, invoice_update_body, new_invoice_body};

accounting_resource!(
    /// Invoices (`/accounting/account/{account_id}/invoices/invoices`). A single get always
    /// includes the lines.
    Invoices {
        record: Invoice,
        id: InvoiceId,
        path: "invoices/invoices",
        single: "invoice",
        list: "invoices",
        wire: WireInvoice,
        get_includes: &["lines"],
    }
);

impl Accounting<Invoices> {
    /// Creates an invoice; it stays a draft until sent.
    pub async fn create(&self, new: &NewInvoice) -> Result<WithRaw<Invoice>> {
        self.post(new_invoice_body(new)).await
    }

    /// Changes the fields of an invoice that are `Some` in `update` (lines are replaced whole).
    pub async fn update(&self, id: InvoiceId, update: &InvoiceUpdate) -> Result<WithRaw<Invoice>> {
        self.put(id, invoice_update_body(update)).await
    }

    /// Sends the invoice by email to `recipients`, with its PDF attached when `include_pdf`
    /// (FreshBooks marks a draft sent). Answers the invoice as it is then.
    pub async fn send_by_email(
        &self,
        id: InvoiceId,
        recipients: &[String],
        include_pdf: bool,
    ) -> Result<WithRaw<Invoice>> {
        self.put(
            id,
            json!({"invoice": {
                "action_email": true,
                "email_recipients": recipients,
                "email_include_pdf": include_pdf,
            }}),
        )
        .await
    }

    /// The invoice as a PDF document (`GET …/invoices/invoices/{id}/pdf`, `Accept:
    /// application/pdf`): its bytes, checked to be a PDF.
    pub async fn pdf(&self, id: InvoiceId) -> Result<Vec<u8>> {
        let call = Call::document(format!("{}/{id}/pdf", self.base()), PDF);
        let bytes = self.client.execute_document(&call).await?;
        if !bytes.starts_with(b"%PDF-") {
            return Err(Error::Decode {
                operation: call.operation(),
                path: String::new(),
                message: "the answer is not a PDF document".into(),
            });
        }
        Ok(bytes)
    }
}

/// The media type of a PDF document.
const PDF: &str = "application/pdf";

/// An invoice as FreshBooks shapes it (one the caller kept, e.g. in a mirror), read into the
/// model: `id`/`invoiceid`, money, lines and their taxes as FreshBooks writes them.
pub fn decode(raw: &Value) -> Result<Invoice> {
    use crate::resources::AccountingResource;
    Invoices::decode(raw, "a stored invoice", "invoice")
}

impl AccountingList<Invoices> {
    /// Includes each invoice's lines (`include[]=lines`; FreshBooks omits them otherwise).
    pub fn with_lines(self) -> Self {
        self.include("lines")
    }

    /// Invoices of one client (`search[customerid]`).
    pub fn client_id(self, client: ClientId) -> Self {
        self.search("customerid", client.to_string())
    }

    /// Only these invoices (`search[invoiceids][]`).
    pub fn ids(self, ids: &[InvoiceId]) -> Self {
        self.search_in("invoiceids", ids.iter().map(|id| id.to_string()))
    }

    /// The invoice with this number (`search[invoice_number]`).
    pub fn invoice_number(self, number: &str) -> Self {
        self.search("invoice_number", number)
    }

    /// Invoices dated on or after `day` (`search[date_min]`).
    pub fn date_min(self, day: NaiveDate) -> Self {
        self.search("date_min", day.format("%Y-%m-%d").to_string())
    }

    /// Invoices dated on or before `day` (`search[date_max]`).
    pub fn date_max(self, day: NaiveDate) -> Self {
        self.search("date_max", day.format("%Y-%m-%d").to_string())
    }

    /// Invoices in this `v3_status` (`draft`, `sent`, `paid`, …).
    pub fn v3_status(self, status: &str) -> Self {
        self.search("v3_status", status)
    }
}
