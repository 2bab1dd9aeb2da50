//! Drafting an invoice from unbilled time, as the UI asks for it and sees it: the
//! [`DraftRequest`] (grouping, rounding, taxes, the business rate) and the [`Draft`] preview
//! (lines with their rate's provenance, exact totals, warnings).
//!
//! The rules that turn one into the other are pure and live in the core's `drafting` module.

mod rounding;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::entity::LineTax;
use crate::ids::{ClientId, IdentityId, ProjectId, ServiceId, TimeEntryId};
use crate::money::{CurrencyCode, Money};

pub use rounding::{Rounding, RoundingMode};

/// FreshBooks' web app refuses an invoice with more time-entry lines than this.
pub const MAX_LINES: usize = 400;

/// How entries become lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    /// One line per time entry.
    PerEntry,
    /// One line per project (and rate).
    ByProject,
    /// One line per service (and rate).
    ByService,
    /// One line per project and service (and rate).
    ByProjectAndService,
    /// One line per team member (and rate).
    ByTeamMember,
    /// One line per day worked (and rate).
    ByDay,
    /// One summary line for all the time (one per rate when rates differ).
    Summary,
}

impl Grouping {
    /// Every layout, in the order the wizard offers them.
    pub const ALL: [Grouping; 7] = [
        Grouping::PerEntry,
        Grouping::ByService,
        Grouping::ByProject,
        Grouping::ByProjectAndService,
        Grouping::ByTeamMember,
        Grouping::ByDay,
        Grouping::Summary,
    ];
}

/// The description template used when none is remembered: each placeholder is replaced for
/// each line (`{service}`, `{project}`, `{member}`, `{date}`, `{note}`; a grouped line's
/// `{date}` is its first and last day, its `{note}` the entries' notes joined by "; ").
pub const DEFAULT_TEMPLATE: &str = "{date}: {note}";

/// What to draft an invoice from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftRequest {
    /// The client billed.
    pub client: ClientId,
    /// Time from this day.
    pub from: Option<NaiveDate>,
    /// Time to this day.
    pub to: Option<NaiveDate>,
    /// How entries become lines.
    pub grouping: Grouping,
    /// Time rounding, applied on the invoice only, never to the entries.
    pub rounding: Rounding,
    /// Taxes on every line (at most two; the second may be compound).
    pub taxes: Vec<LineTax>,
    /// The invoice's currency.
    pub currency: CurrencyCode,
    /// The invoice's date.
    pub create_date: NaiveDate,
    /// The business's default hourly rate (FreshBooks' API does not expose it), used where a
    /// project bills at the business rate or nothing else applies.
    pub business_rate: Option<Decimal>,
    /// Only time of these projects; empty: every project (and time without one).
    #[serde(default)]
    pub projects: Vec<ProjectId>,
    /// Entries the user unticked: left out of the draft (they stay unbilled).
    #[serde(default)]
    pub exclude: Vec<TimeEntryId>,
    /// Also bill entries marked non-billable (left out, with a warning, by default).
    #[serde(default)]
    pub include_non_billable: bool,
    /// Rounding for some projects' time, over [`DraftRequest::rounding`].
    #[serde(default)]
    pub project_rounding: Vec<(ProjectId, Rounding)>,
    /// The lines' description template ([`DEFAULT_TEMPLATE`] when empty).
    #[serde(default)]
    pub template: String,
}

/// Where a line's rate came from, shown beside it so the user can trust it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "source", content = "id", rename_all = "snake_case")]
pub enum RateSource {
    /// The project's rate.
    Project(ProjectId),
    /// The service's rate.
    Service(ServiceId),
    /// The team member's rate.
    TeamMember(IdentityId),
    /// The business rate.
    Business,
    /// A flat-fee project: its fixed price (less what FreshBooks says is billed of it
    /// already), billed as one line of quantity 1 whatever the hours and the layout.
    FlatFee(ProjectId),
}

/// One line of a draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftLine {
    /// The line's title.
    pub name: String,
    /// Its description.
    pub description: String,
    /// Hours, to two decimals: the invoice line's quantity (1 for a flat fee).
    pub hours: Decimal,
    /// The hourly rate (a flat fee's price).
    pub rate: Money,
    /// Where the rate came from.
    pub rate_source: RateSource,
    /// hours × rate, to the cent.
    pub amount: Money,
    /// The line's taxes.
    pub taxes: Vec<LineTax>,
    /// The tax on this line, to the cent.
    pub tax: Money,
    /// The entries it bills.
    pub entries: Vec<TimeEntryId>,
}

/// Something in a draft the user should look at before saving it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "warning", rename_all = "snake_case")]
pub enum DraftWarning {
    /// These entries are billed at a rate of zero.
    ZeroRate {
        /// The entries.
        entries: Vec<TimeEntryId>,
    },
    /// These entries are marked non-billable in FreshBooks.
    NonBillable {
        /// The entries.
        entries: Vec<TimeEntryId>,
        /// Whether they are on the draft (the user asked) or left out (the default).
        included: bool,
    },
}

/// One tax's total over an invoice's (or a draft's) lines: the lines' exact taxes of that name
/// and rate added up and rounded once to the cent; the figures of an invoice add up to its tax.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxTotal {
    /// The tax (name, percent, number, compound).
    pub tax: LineTax,
    /// What it adds, to the cent.
    pub amount: Money,
}

/// A drafted invoice, before it is saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Its lines.
    pub lines: Vec<DraftLine>,
    /// Sum of the lines' amounts.
    pub subtotal: Money,
    /// Each tax's total (by name and rate, in the lines' order), as the invoice's page will
    /// show them; they add up to [`Draft::tax`].
    pub taxes: Vec<TaxTotal>,
    /// The lines' taxes added up exactly and rounded once to the cent, as FreshBooks totals an
    /// invoice (it may differ by a cent from the sum of the lines' rounded taxes): the sum of
    /// [`Draft::taxes`].
    pub tax: Money,
    /// subtotal + tax.
    pub total: Money,
    /// What to look at before saving.
    pub warnings: Vec<DraftWarning>,
}

impl Draft {
    /// Every entry the draft bills.
    pub fn entries(&self) -> Vec<TimeEntryId> {
        self.lines
            .iter()
            .flat_map(|l| l.entries.iter().copied())
            .collect()
    }
}
