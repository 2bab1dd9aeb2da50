//! Drafting invoices from unbilled time. Pure: values in, values out; no IO, no clock, no
//! randomness (an architecture invariant, so it can move to a wasm crate for instant previews).
//!
//! The request and the preview are `ledgerline_model::draft` types, so the UI shows exactly what
//! is computed here.
//!
//! - [`rates`]: which hourly rate applies to an entry, and why ([`RateSource`]).
//! - [`taxes`]: up to two taxes per line, compound or not.
//! - [`lines`]: grouping entries into lines, totals, and the 400-line guard.

pub mod lines;
pub mod rates;
pub mod taxes;

use chrono::{DateTime, Utc};
use ledgerline_model::entity::LineTax;
use ledgerline_model::error::ErrorCode;
use ledgerline_model::ids::{ClientId, IdentityId, ProjectId, ServiceId, TimeEntryId};
use ledgerline_model::money::{CurrencyCode, Money};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use ledgerline_model::draft::{
    Draft, DraftLine, DraftRequest, DraftWarning, Grouping, MAX_LINES, RateSource, Rounding,
    RoundingMode,
};
pub use lines::{draft, to_new_invoice};

/// One unbilled time entry, as drafting needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftEntry {
    /// The entry.
    pub id: TimeEntryId,
    /// Its client.
    pub client_id: Option<ClientId>,
    /// Its project.
    pub project_id: Option<ProjectId>,
    /// Its service.
    pub service_id: Option<ServiceId>,
    /// Who logged it.
    pub identity_id: Option<IdentityId>,
    /// When the work started.
    pub started_at: DateTime<Utc>,
    /// Seconds worked.
    pub duration_seconds: i64,
    /// Its note.
    pub note: Option<String>,
}

/// Everything a draft is made with besides the entries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftSpec {
    /// The invoice's currency.
    pub currency: CurrencyCode,
    /// How entries become lines.
    pub grouping: Grouping,
    /// How time is rounded.
    pub rounding: Rounding,
    /// The rates known.
    pub rates: rates::RateBook,
    /// Taxes put on every line (at most two; the second may be compound).
    pub taxes: Vec<LineTax>,
    /// Display names of projects and services, for line names.
    pub names: Names,
}

/// Names for line titles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    /// Project titles.
    pub projects: std::collections::BTreeMap<ProjectId, String>,
    /// Service names.
    pub services: std::collections::BTreeMap<ServiceId, String>,
}

/// Why no draft could be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DraftError {
    /// Nothing to bill.
    #[error(
        "there is no unbilled time in this range for this client; widen the dates or pick another client"
    )]
    NoEntries,
    /// More lines than FreshBooks accepts.
    #[error(
        "this draft would have {lines} lines, more than the {max} FreshBooks accepts on one invoice; group by project or service, or draft a shorter date range"
    )]
    TooManyLines {
        /// Lines the draft would have.
        lines: usize,
        /// The limit.
        max: usize,
    },
    /// Some entries have no rate from any source.
    #[error(
        "{} time entries have no rate (no project, service or team rate applies, and no business rate was given); give the business's hourly rate, or set a rate in FreshBooks, sync, and draft again",
        .entries.len()
    )]
    NoRate {
        /// The entries without a rate.
        entries: Vec<TimeEntryId>,
    },
    /// More than two taxes per line.
    #[error("FreshBooks allows at most two taxes per line; pick one or two")]
    TooManyTaxes,
}

impl DraftError {
    /// Its stable code, with details.
    pub fn code(&self) -> ErrorCode {
        match self {
            DraftError::NoEntries => ErrorCode::DraftNoEntries,
            DraftError::TooManyLines { lines, max } => ErrorCode::DraftTooManyLines {
                lines: *lines,
                max: *max,
            },
            DraftError::NoRate { entries } => ErrorCode::DraftNoRate {
                entries: entries.clone(),
            },
            DraftError::TooManyTaxes => ErrorCode::DraftTooManyTaxes,
        }
    }
}

/// A money amount in the draft's currency.
pub(crate) fn money(amount: Decimal, currency: &CurrencyCode) -> Money {
    Money::new(amount, currency.clone())
}
