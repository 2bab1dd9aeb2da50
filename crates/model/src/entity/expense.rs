//! [`Expense`]: money spent, possibly rebilled to a client.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::entity::VisState;
use crate::ids::{ClientId, ExpenseId, InvoiceId, ProjectId};
use rust_decimal::Decimal;

use crate::money::CurrencyCode;

/// An expense.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expense {
    /// FreshBooks' id (`id`, also `expenseid`).
    pub id: ExpenseId,
    /// The expense category's id.
    pub category_id: Option<i64>,
    /// The client it is for, if rebillable.
    pub client_id: Option<ClientId>,
    /// The project it belongs to.
    pub project_id: Option<ProjectId>,
    /// The invoice that rebilled it.
    pub invoice_id: Option<InvoiceId>,
    /// Vendor name.
    pub vendor: Option<String>,
    /// The date of the expense.
    pub date: Option<NaiveDate>,
    /// The amount, in [`Self::currency_code`].
    pub amount: Decimal,
    /// The amount's currency; `None` where FreshBooks sends none (a null `code`), never guessed.
    pub currency_code: Option<CurrencyCode>,
    /// Notes.
    pub notes: Option<String>,
    /// FreshBooks' numeric status.
    pub status: Option<i64>,
    /// Active, archived or deleted.
    pub vis_state: VisState,
    /// When FreshBooks last changed it (UTC).
    pub updated: Option<DateTime<Utc>>,
}
