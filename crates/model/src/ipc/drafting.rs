//! The drafting wizard's contract: what it reads to start ([`DraftingSetup`]), the preview
//! (`preview_draft`: a [`DraftRequest`] in, a [`Draft`] out) and "Save draft" ([`SaveDraftArgs`]).
//!
//! [`DraftRequest`]: crate::draft::DraftRequest
//! [`Draft`]: crate::draft::Draft

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::draft::{DraftRequest, Grouping, Rounding};
use crate::entity::LineTax;
use crate::ids::{ClientId, IdentityId, ProjectId, ServiceId, TaxId, TimeEntryId};
use crate::money::{CurrencyCode, Money};

/// `get_drafting_setup`'s arguments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftingSetupArgs {
    /// The client to bill; `None`: only the clients with unbilled time are listed.
    pub client: Option<ClientId>,
    /// Only time from this day.
    pub from: Option<NaiveDate>,
    /// Only time to this day.
    pub to: Option<NaiveDate>,
    /// Only these projects' time (empty: all).
    #[serde(default)]
    pub projects: Vec<ProjectId>,
}

/// A client with time to bill, for the wizard's first step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillableClient {
    /// The client.
    pub id: ClientId,
    /// Its display name.
    pub name: String,
    /// Its currency (the invoice's).
    pub currency: CurrencyCode,
    /// Unbilled entries (every team member's; billable or not).
    pub entries: usize,
    /// Their time, in seconds.
    pub seconds: i64,
}

/// One unbilled time entry as the wizard lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnbilledEntry {
    /// The entry (negative while only local).
    pub id: TimeEntryId,
    /// When the work started.
    pub started_at: DateTime<Utc>,
    /// Seconds worked (as logged; rounding applies on the invoice only).
    pub duration_seconds: i64,
    /// Its project.
    pub project: Option<ProjectId>,
    /// The project's title.
    pub project_name: Option<String>,
    /// Its service.
    pub service: Option<ServiceId>,
    /// The service's name.
    pub service_name: Option<String>,
    /// Who logged it.
    pub member: Option<IdentityId>,
    /// Their name when known, else `None` (the screen says "Team member" and the id).
    pub member_name: Option<String>,
    /// Whether it is the signed-in user's own time.
    pub mine: bool,
    /// Its note.
    pub note: Option<String>,
    /// FreshBooks' billable flag.
    pub billable: bool,
    /// Its create is in doubt (sent, no answer yet): it waits for the next sync before it can
    /// be drafted, so the same time is never billed twice.
    pub in_doubt: bool,
}

/// A tax of the business, to put on lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxChoice {
    /// FreshBooks' id.
    pub id: TaxId,
    /// What goes on the line.
    pub tax: LineTax,
}

/// What the wizard remembers per client (and the business's defaults), offered again next time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftChoices {
    /// The layout.
    pub grouping: Grouping,
    /// Rounding for this client's time.
    pub rounding: Rounding,
    /// Rounding of some projects, over the client's.
    #[serde(default)]
    pub project_rounding: Vec<(ProjectId, Rounding)>,
    /// Taxes on every line (at most two).
    #[serde(default)]
    pub taxes: Vec<LineTax>,
    /// The description template.
    pub template: String,
}

/// Everything the wizard needs, read from this computer only (offline).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftingSetup {
    /// Clients with unbilled time, by name.
    pub clients: Vec<BillableClient>,
    /// The chosen client, when one was asked for and has time.
    pub client: Option<BillableClient>,
    /// The client's unbilled entries in the range, oldest first.
    pub entries: Vec<UnbilledEntry>,
    /// Their totals per project, for the project filter (id, title, seconds).
    pub projects: Vec<(ProjectId, String, i64)>,
    /// Total unbilled seconds shown.
    pub total_seconds: i64,
    /// The business's taxes.
    pub taxes: Vec<TaxChoice>,
    /// What was chosen for this client last time, else the business's defaults.
    pub choices: DraftChoices,
    /// The business's default hourly rate, once the user gave it; the API does not expose it.
    pub business_rate: Option<Decimal>,
    /// Whether some entry needs the business rate (no project, service or team rate applies),
    /// so the wizard asks for it (once; then remembered).
    pub needs_business_rate: bool,
}

/// `set_business_rate`'s arguments: the business's default hourly rate, remembered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessRate {
    /// The rate, in the business's currency; `None` forgets it.
    pub rate: Option<Decimal>,
}

/// `save_draft`'s arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SaveDraftArgs {
    /// What to draft (the same request the preview showed).
    pub request: DraftRequest,
    /// Lines the user saw, to refuse a save when the time changed meanwhile (another window,
    /// the CLI, a sync): `draft_changed` then, and the preview is shown again.
    pub expected_entries: Vec<TimeEntryId>,
    /// The total the user saw.
    pub expected_total: Money,
}

/// What "Save draft" answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSaved {
    /// The invoice's local id (negative until FreshBooks numbers it): the invoice page's.
    pub invoice: i64,
    /// The queued change (invoice and billing of its entries, one change), for "Undo".
    pub seq: Option<i64>,
    /// Entries it bills.
    pub entries: usize,
    /// Its total.
    pub total: Money,
}
