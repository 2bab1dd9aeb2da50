//! [`Estimate`]: a quote sent before an invoice.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::entity::{InvoiceLine, VisState};
use crate::ids::{ClientId, EstimateId};
use crate::money::{CurrencyCode, Money};

/// An estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Estimate {
    /// FreshBooks' id (`id`, also `estimateid`).
    pub id: EstimateId,
    /// The estimate number.
    pub estimate_number: Option<String>,
    /// The client (`customerid`).
    pub client_id: ClientId,
    /// The estimate date.
    pub create_date: Option<NaiveDate>,
    /// Currency.
    pub currency_code: Option<CurrencyCode>,
    /// Total.
    pub amount: Option<Money>,
    /// FreshBooks' numeric status.
    pub status: Option<i64>,
    /// FreshBooks' status word as its web app shows it.
    pub ui_status: Option<String>,
    /// Notes.
    pub notes: Option<String>,
    /// Active, archived or deleted.
    pub vis_state: VisState,
    /// When FreshBooks last changed it (UTC).
    pub updated: Option<DateTime<Utc>>,
    /// The lines, when asked for.
    pub lines: Option<Vec<InvoiceLine>>,
}
