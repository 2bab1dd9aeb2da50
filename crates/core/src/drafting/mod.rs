//! Drafting invoices from unbilled time. Pure: values in, values out; no IO, no clock, no
//! randomness (an architecture invariant, so it can move to a wasm crate for instant previews).
//!
//! The request and the preview are `ledgerline_model::draft` types, so the UI shows exactly what
//! is computed here.
//!
//! - [`select`]: which entries go on the draft (dates, projects, unticked, non-billable).
//! - [`rates`]: which hourly rate applies to an entry, and why ([`RateSource`]).
//! - [`taxes`]: up to two taxes per line, compound or not, and each tax's total.
//! - [`describe`]: line names and descriptions from the template.
//! - [`lines`]: grouping entries into lines, totals, and the 400-line guard.

pub mod describe;
pub mod lines;
pub mod rates;
pub mod select;
pub mod taxes;
#[cfg(test)]
mod tests;

use chrono::{DateTime, NaiveDate, Utc};
use ledgerline_model::entity::LineTax;
use ledgerline_model::error::ErrorCode;
use ledgerline_model::ids::{ClientId, IdentityId, ProjectId, ServiceId, TimeEntryId};
use ledgerline_model::money::{CurrencyCode, Money};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use ledgerline_model::draft::{
    DEFAULT_TEMPLATE, Draft, DraftLine, DraftRequest, DraftWarning, Grouping, MAX_LINES,
    RateSource, Rounding, RoundingMode, TaxTotal,
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
    /// FreshBooks' billable flag (a non-billable entry is left out unless asked for).
    #[serde(default = "yes")]
    pub billable: bool,
}

fn yes() -> bool {
    true
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
    /// Rounding of some projects' time, over [`DraftSpec::rounding`].
    #[serde(default)]
    pub project_rounding: Vec<(ProjectId, Rounding)>,
    /// The rates known.
    pub rates: rates::RateBook,
    /// Taxes put on every line (at most two; the second may be compound).
    pub taxes: Vec<LineTax>,
    /// Display names of projects, services and team members, for lines.
    pub names: Names,
    /// The description template ([`DEFAULT_TEMPLATE`] when empty).
    #[serde(default)]
    pub template: String,
    /// Only time from this day.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    /// Only time to this day.
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// Only these projects' time (empty: all, and time without a project).
    #[serde(default)]
    pub projects: Vec<ProjectId>,
    /// Entries left out.
    #[serde(default)]
    pub exclude: Vec<TimeEntryId>,
    /// Bill entries marked non-billable too.
    #[serde(default)]
    pub include_non_billable: bool,
}

impl DraftSpec {
    /// The spec of a request, with the rates and names the mirror knows; the request's business
    /// rate stands over a remembered one.
    pub fn new(request: &DraftRequest, mut rates: rates::RateBook, names: Names) -> Self {
        rates.business = request.business_rate.or(rates.business);
        Self {
            currency: request.currency.clone(),
            grouping: request.grouping,
            rounding: request.rounding,
            project_rounding: request.project_rounding.clone(),
            rates,
            taxes: request.taxes.clone(),
            names,
            template: request.template.clone(),
            from: request.from,
            to: request.to,
            projects: request.projects.clone(),
            exclude: request.exclude.clone(),
            include_non_billable: request.include_non_billable,
        }
    }

    /// A spec with no filters, exact rounding and the default template.
    pub fn simple(
        currency: CurrencyCode,
        grouping: Grouping,
        rounding: Rounding,
        rates: rates::RateBook,
        taxes: Vec<LineTax>,
        names: Names,
    ) -> Self {
        Self {
            currency,
            grouping,
            rounding,
            project_rounding: Vec::new(),
            rates,
            taxes,
            names,
            template: String::new(),
            from: None,
            to: None,
            projects: Vec::new(),
            exclude: Vec::new(),
            include_non_billable: false,
        }
    }

    /// The rounding of an entry's time: its project's when one is set, else the draft's.
    pub fn rounding_for(&self, project: Option<ProjectId>) -> Rounding {
        project
            .and_then(|p| {
                self.project_rounding
                    .iter()
                    .find(|(id, _)| *id == p)
                    .map(|(_, r)| *r)
            })
            .unwrap_or(self.rounding)
    }

    /// The seconds billed for an entry: rounded (its project's rounding first), with the minimum.
    pub fn billed_seconds(&self, entry: &DraftEntry) -> i64 {
        self.rounding_for(entry.project_id)
            .apply(entry.duration_seconds)
    }
}

/// Names for line titles and descriptions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    /// Project titles.
    pub projects: std::collections::BTreeMap<ProjectId, String>,
    /// Service names.
    pub services: std::collections::BTreeMap<ServiceId, String>,
    /// Team members' names, where known.
    #[serde(default)]
    pub members: std::collections::BTreeMap<IdentityId, String>,
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
        "this draft would have {lines} lines, more than the {max} FreshBooks accepts on one invoice; group the time {} to keep most detail under it, or draft a shorter date range",
        layout_words(.suggested)
    )]
    TooManyLines {
        /// Lines the draft would have.
        lines: usize,
        /// The limit.
        max: usize,
        /// The layout to propose.
        suggested: Grouping,
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
            DraftError::TooManyLines {
                lines,
                max,
                suggested,
            } => ErrorCode::DraftTooManyLines {
                lines: *lines,
                max: *max,
                suggested: *suggested,
            },
            DraftError::NoRate { entries } => ErrorCode::DraftNoRate {
                entries: entries.clone(),
            },
            DraftError::TooManyTaxes => ErrorCode::DraftTooManyTaxes,
        }
    }
}

/// A layout in words, for messages.
fn layout_words(grouping: &Grouping) -> &'static str {
    match grouping {
        Grouping::PerEntry => "one line per entry",
        Grouping::ByService => "by service",
        Grouping::ByProject => "by project",
        Grouping::ByProjectAndService => "by project and service",
        Grouping::ByTeamMember => "by team member",
        Grouping::ByDay => "by day",
        Grouping::Summary => "in one summary line",
    }
}

/// A money amount in the draft's currency.
pub(crate) fn money(amount: Decimal, currency: &CurrencyCode) -> Money {
    Money::new(amount, currency.clone())
}
