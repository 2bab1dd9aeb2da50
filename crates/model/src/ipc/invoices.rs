//! The Invoices screens' contract: the paged list ([`InvoiceList`]), one invoice
//! ([`InvoiceDetail`]), its PDF and sending it by email (online only).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::entity::Invoice;
use crate::ids::TimeEntryId;
use crate::money::Money;
use crate::views::{InvoiceQuery, InvoiceRow};

/// Each tax's total on an invoice's page, as on a draft's preview (one type for both).
pub use crate::draft::TaxTotal;

/// `list_invoices`' arguments: the filters and one page of rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InvoicePageArgs {
    /// Which invoices.
    pub query: InvoiceQuery,
    /// Rows to skip (the list is windowed: it asks for the rows in view).
    pub offset: u32,
    /// Rows to answer; 0: 200.
    pub limit: u32,
}

/// One page of the invoice list, with what the whole match adds up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceList {
    /// The rows asked for: newest invoice date first, then highest number; invoices made here
    /// and not yet numbered by FreshBooks first of all.
    pub rows: Vec<InvoiceRow>,
    /// Invoices matching, over every page.
    pub total_count: u64,
    /// Their total, per currency.
    pub amount: Vec<Money>,
    /// What is still owed on them, per currency.
    pub outstanding: Vec<Money>,
}

/// An invoice as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceDetail {
    /// The list's row for it (state, number or pending, client, amounts, badges).
    pub row: InvoiceRow,
    /// Every field, with its lines.
    pub invoice: Invoice,
    /// Sum of the lines before taxes.
    pub subtotal: Money,
    /// Each tax's total.
    pub taxes: Vec<TaxTotal>,
    /// Subtotal plus taxes (less any discount).
    pub total: Money,
    /// The client's email address, offered as the recipient.
    pub client_email: Option<String>,
    /// The time entries it bills (drafted from time here), when known.
    pub entries: Vec<TimeEntryId>,
    /// The queued change that creates it, while FreshBooks has not numbered it: its "Undo".
    pub pending_seq: Option<i64>,
    /// Whether FreshBooks has it (a number and an id): the PDF and email need that, and a
    /// connection.
    pub in_freshbooks: bool,
    /// When it was last sent by email from here.
    pub last_emailed: Option<DateTime<Utc>>,
}

/// `download_invoice_pdf`'s and `send_invoice_email`'s invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceArgs {
    /// The invoice (FreshBooks' id).
    pub id: i64,
}

/// `send_invoice_email`'s arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendInvoiceArgs {
    /// The invoice (FreshBooks' id).
    pub id: i64,
    /// Who receives it (at least one address).
    pub recipients: Vec<String>,
    /// Attach the PDF to the email.
    #[serde(default)]
    pub include_pdf: bool,
}
