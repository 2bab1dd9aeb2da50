//! [`Invoice`] and [`InvoiceLine`], with the payloads to create and update a draft.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::entity::VisState;
use crate::ids::{ClientId, ExpenseId, InvoiceId, LineId, ProjectId};
use crate::money::{CurrencyCode, Money};

/// An invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    /// FreshBooks' id (`id`, also `invoiceid`).
    pub id: InvoiceId,
    /// The invoice number shown to the client.
    pub invoice_number: Option<String>,
    /// The client billed (`customerid`).
    pub client_id: ClientId,
    /// The invoice date.
    pub create_date: Option<NaiveDate>,
    /// The due date, when FreshBooks sends one.
    pub due_date: Option<NaiveDate>,
    /// Days from the invoice date to the due date.
    pub due_offset_days: Option<i64>,
    /// Currency of every amount on the invoice.
    pub currency_code: Option<CurrencyCode>,
    /// Total.
    pub amount: Option<Money>,
    /// What is still owed.
    pub outstanding: Option<Money>,
    /// What has been paid.
    pub paid: Option<Money>,
    /// Discount as a percentage (e.g. `10` for 10 %).
    pub discount_value: Option<Decimal>,
    /// Discount amount.
    pub discount_total: Option<Money>,
    /// FreshBooks' numeric status.
    pub status: InvoiceStatus,
    /// FreshBooks' newer status word (`draft`, `sent`, `paid`, `overdue`, …).
    pub v3_status: Option<String>,
    /// What FreshBooks' web app shows (`draft`, `sent`, `viewed`, `outstanding`, …).
    pub display_status: Option<String>,
    /// `unpaid`, `partial`, `paid`, `auto-paid`.
    pub payment_status: Option<String>,
    /// Purchase order number.
    pub po_number: Option<String>,
    /// Notes shown on the invoice.
    pub notes: Option<String>,
    /// Terms shown on the invoice.
    pub terms: Option<String>,
    /// Client organization copied onto the invoice.
    pub organization: Option<String>,
    /// Client first name copied onto the invoice.
    pub first_name: Option<String>,
    /// Client last name copied onto the invoice.
    pub last_name: Option<String>,
    /// Active, archived or deleted.
    pub vis_state: VisState,
    /// When FreshBooks created it (UTC).
    pub created_at: Option<DateTime<Utc>>,
    /// When FreshBooks last changed it (UTC).
    pub updated: Option<DateTime<Utc>>,
    /// Opaque edit marker that changes on every edit: compare it to detect a change made elsewhere.
    pub version: Option<String>,
    /// FreshBooks' UUID for the invoice.
    pub uuid: Option<String>,
    /// The lines; `None` when the list was read without lines (FreshBooks omits them unless asked).
    pub lines: Option<Vec<InvoiceLine>>,
}

/// FreshBooks' numeric invoice status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// 0.
    Disputed,
    /// 1: not sent yet.
    Draft,
    /// 2.
    Sent,
    /// 3.
    Viewed,
    /// 4.
    Paid,
    /// 5.
    AutoPaid,
    /// 6.
    Retry,
    /// 7.
    Failed,
    /// 8.
    Partial,
    /// A number FreshBooks documents no meaning for.
    Unknown(i64),
}

impl InvoiceStatus {
    /// The status for FreshBooks' number.
    pub fn from_code(code: i64) -> Self {
        match code {
            0 => Self::Disputed,
            1 => Self::Draft,
            2 => Self::Sent,
            3 => Self::Viewed,
            4 => Self::Paid,
            5 => Self::AutoPaid,
            6 => Self::Retry,
            7 => Self::Failed,
            8 => Self::Partial,
            other => Self::Unknown(other),
        }
    }

    /// FreshBooks' number for this status.
    pub fn code(self) -> i64 {
        match self {
            Self::Disputed => 0,
            Self::Draft => 1,
            Self::Sent => 2,
            Self::Viewed => 3,
            Self::Paid => 4,
            Self::AutoPaid => 5,
            Self::Retry => 6,
            Self::Failed => 7,
            Self::Partial => 8,
            Self::Unknown(code) => code,
        }
    }
}

/// One line of an invoice or estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceLine {
    /// The line's id, unique within its invoice.
    pub line_id: Option<LineId>,
    /// Normal line or rebilled expense.
    pub kind: LineKind,
    /// Item name.
    pub name: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Quantity (exact; may be fractional hours).
    pub qty: Decimal,
    /// Price of one unit.
    pub unit_cost: Option<Money>,
    /// `qty × unit_cost`, before tax.
    pub amount: Option<Money>,
    /// First tax.
    pub tax1: Option<LineTax>,
    /// Second tax; compound when FreshBooks charges it on top of the first.
    pub tax2: Option<LineTax>,
    /// The expense this line rebills.
    pub expense_id: Option<ExpenseId>,
    /// The line's date.
    pub date: Option<NaiveDate>,
    /// The project this line was made from, for lines made from time.
    pub project_id: Option<ProjectId>,
    /// When the line last changed (UTC).
    pub updated: Option<DateTime<Utc>>,
}

/// The kind of an invoice line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// An ordinary line (type 0).
    Normal,
    /// A rebilled expense (type 1).
    RebilledExpense,
    /// A type FreshBooks documents no meaning for.
    Unknown(i64),
}

/// A tax on a line: its name, its rate as a percentage, its registration number, and whether it
/// is charged on the amount plus the taxes before it (FreshBooks' `compounded_tax`, which only a
/// line's second tax can be).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineTax {
    /// Tax name, e.g. `HST`.
    pub name: String,
    /// Rate in percent (`13` for 13 %). Not money.
    pub percent: Decimal,
    /// Tax registration number.
    pub number: Option<String>,
    /// Charged on the amount plus the taxes before it.
    #[serde(default)]
    pub compound: bool,
}

/// A draft invoice to create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInvoice {
    /// The client billed.
    pub client_id: ClientId,
    /// The invoice date.
    pub create_date: NaiveDate,
    /// Days until due.
    pub due_offset_days: Option<i64>,
    /// Currency; FreshBooks uses the client's when absent.
    pub currency_code: Option<CurrencyCode>,
    /// Invoice number; FreshBooks numbers it when absent.
    pub invoice_number: Option<String>,
    /// Purchase order number.
    pub po_number: Option<String>,
    /// Notes.
    pub notes: Option<String>,
    /// Terms.
    pub terms: Option<String>,
    /// Discount percentage.
    pub discount_value: Option<Decimal>,
    /// The lines.
    pub lines: Vec<NewInvoiceLine>,
}

/// A line to put on an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInvoiceLine {
    /// Item name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Quantity.
    pub qty: Decimal,
    /// Price of one unit.
    pub unit_cost: Money,
    /// First tax.
    pub tax1: Option<LineTax>,
    /// Second tax.
    pub tax2: Option<LineTax>,
    /// The line's date.
    pub date: Option<NaiveDate>,
}

/// Changes to an invoice: only the fields that are `Some` are sent. `lines`, when given,
/// replaces every line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceUpdate {
    /// The client billed.
    pub client_id: Option<ClientId>,
    /// The invoice date.
    pub create_date: Option<NaiveDate>,
    /// Days until due.
    pub due_offset_days: Option<i64>,
    /// Currency.
    pub currency_code: Option<CurrencyCode>,
    /// Invoice number.
    pub invoice_number: Option<String>,
    /// Purchase order number.
    pub po_number: Option<String>,
    /// Notes.
    pub notes: Option<String>,
    /// Terms.
    pub terms: Option<String>,
    /// Discount percentage.
    pub discount_value: Option<Decimal>,
    /// Replacement lines.
    pub lines: Option<Vec<NewInvoiceLine>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_round_trip() {
        for code in -1..=9 {
            assert_eq!(InvoiceStatus::from_code(code).code(), code);
        }
        assert_eq!(InvoiceStatus::from_code(1), InvoiceStatus::Draft);
    }
}
