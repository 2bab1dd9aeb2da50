//! What lists and status screens show: rows, filters and summaries read from the mirror.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::entity::{Entity, VisState};
use crate::ids::{BusinessId, ClientId, IdentityId, ProjectId, ServiceId};
use crate::money::{CurrencyCode, Money};
use crate::outbox::{Conflict, OpState, QueuedOp};
use crate::sync::EntityState;

/// A client as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientRow {
    /// FreshBooks' id (negative while only local).
    pub id: i64,
    /// Organization, or first and last name.
    pub name: String,
    /// Email.
    pub email: Option<String>,
    /// Active, archived or deleted.
    pub vis_state: VisState,
    /// Whether a local change to it waits to be sent (or was refused, or conflicts).
    pub pending: bool,
    /// Whether a local change to it conflicts with a change made in FreshBooks.
    #[serde(default)]
    pub conflict: bool,
    /// What it still owes on invoices (drafts and deleted invoices left out), one amount per
    /// currency, by currency code; empty when it owes nothing.
    #[serde(default)]
    pub outstanding: Vec<Money>,
}

/// Which clients a list shows besides the active ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientFilter {
    /// Show archived clients too.
    pub archived: bool,
    /// Show deleted clients too.
    pub deleted: bool,
}

/// Which clients a list shows, found how, in which order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClientQuery {
    /// Show active clients.
    pub active: bool,
    /// Show archived clients (and those in a state Ledgerline does not know).
    pub archived: bool,
    /// Show deleted clients.
    pub deleted: bool,
    /// Only clients with every word of this as the start of a word of their name or email
    /// ("map" finds "Maple"), through the full-text index. Blank shows all.
    pub search: Option<String>,
    /// The order.
    pub sort: ClientSort,
}

impl Default for ClientQuery {
    fn default() -> Self {
        Self {
            active: true,
            archived: false,
            deleted: false,
            search: None,
            sort: ClientSort::Name,
        }
    }
}

impl From<ClientFilter> for ClientQuery {
    fn from(filter: ClientFilter) -> Self {
        Self {
            archived: filter.archived,
            deleted: filter.deleted,
            ..Self::default()
        }
    }
}

/// The order of a client list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientSort {
    /// By name, A to Z.
    #[default]
    Name,
    /// Who owes most first (by the largest amount in any one currency; currencies are never
    /// added), then by name.
    Outstanding,
    /// Clients with changes not yet sent first (latest change first), then by FreshBooks' last
    /// change, latest first.
    RecentlyChanged,
}

/// Which unbilled time to list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeFilter {
    /// Only this client's time.
    pub client: Option<ClientId>,
    /// Only time started on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Only time started on or before this day (UTC).
    pub to: Option<NaiveDate>,
}

/// One search hit, across every business.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The record's business.
    pub business: BusinessId,
    /// Clients, invoices or time entries.
    pub entity: Entity,
    /// The record.
    pub id: i64,
    /// A line to show for it.
    pub label: String,
}

/// A time entry still marked billed whose invoice (drafted here) was deleted in FreshBooks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrphanedEntry {
    /// The entry.
    pub entry: i64,
    /// The invoice it was billed on.
    pub invoice: i64,
}

/// What the sync status of a business shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BusinessStatus {
    /// The business.
    pub business: BusinessId,
    /// Each entity's sync state.
    pub entities: Vec<EntityState>,
    /// Changes not done, oldest first.
    pub open_ops: Vec<QueuedOp>,
    /// Open conflicts.
    pub conflicts: Vec<Conflict>,
}

impl BusinessStatus {
    /// How many open changes are in a state.
    pub fn count(&self, state: OpState) -> usize {
        self.open_ops.iter().filter(|q| q.state == state).count()
    }
}

/// Billed, unbilled or all time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BilledFilter {
    /// Every entry.
    #[default]
    All,
    /// Only entries not yet billed.
    Unbilled,
    /// Only billed entries.
    Billed,
}

/// Which time entries the Time screen lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TimeQuery {
    /// Only this client's time.
    pub client: Option<ClientId>,
    /// Only this project's time.
    pub project: Option<ProjectId>,
    /// Only this service's time.
    pub service: Option<ServiceId>,
    /// Only time this team member logged.
    pub team_member: Option<IdentityId>,
    /// Only time started on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Only time started on or before this day (UTC).
    pub to: Option<NaiveDate>,
    /// Billed, unbilled or both.
    pub billed: BilledFilter,
    /// At most this many rows (the totals still count every match); `None` for all.
    pub limit: Option<u32>,
    /// Rows skipped before the first one returned.
    pub offset: u32,
}

/// One time entry as the Time screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRow {
    /// FreshBooks' id (negative while only local).
    pub id: i64,
    /// When the work started (UTC); `None` when FreshBooks sent no readable time.
    pub started_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Length in seconds.
    pub duration_seconds: i64,
    /// Note.
    pub note: Option<String>,
    /// Billable.
    pub billable: bool,
    /// Already on an invoice.
    pub billed: bool,
    /// The client.
    pub client: Option<ClientId>,
    /// The client's name, when the mirror knows the client.
    pub client_name: Option<String>,
    /// The project.
    pub project: Option<ProjectId>,
    /// The project's title, when known.
    pub project_name: Option<String>,
    /// The service.
    pub service: Option<ServiceId>,
    /// The service's name, when known.
    pub service_name: Option<String>,
    /// The team member who logged it.
    pub team_member: Option<IdentityId>,
    /// The team member's name, when the mirror knows it (FreshBooks' lists give only the id).
    pub team_member_name: Option<String>,
    /// Whether a local change to it waits to be sent (or was refused, or conflicts).
    pub pending: bool,
    /// Whether a local change to it conflicts with a change made in FreshBooks.
    pub conflict: bool,
}

/// Counts over every entry a [`TimeQuery`] matches (not only the rows returned).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeTotals {
    /// Entries.
    pub entries: u32,
    /// Their length, in seconds.
    pub seconds: i64,
    /// Billable entries.
    pub billable_entries: u32,
    /// The billable entries' length, in seconds.
    pub billable_seconds: i64,
}

/// The Time screen's list: rows (latest first) and totals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeList {
    /// The rows asked for, latest first.
    pub rows: Vec<TimeRow>,
    /// Over every match.
    pub totals: TimeTotals,
}

/// Which invoices by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatusFilter {
    /// Every invoice not deleted.
    #[default]
    All,
    /// Drafts (not sent yet), those made here and not yet sent to FreshBooks too.
    Draft,
    /// Sent, with something still owed.
    Outstanding,
    /// Outstanding and past its due date.
    Overdue,
    /// Nothing left to pay.
    Paid,
    /// Deleted in FreshBooks.
    Deleted,
}

/// Which invoices the Invoices screen lists.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InvoiceQuery {
    /// By state.
    pub status: InvoiceStatusFilter,
    /// Only this client's invoices.
    pub client: Option<ClientId>,
    /// Only invoices dated on or after this day.
    pub from: Option<NaiveDate>,
    /// Only invoices dated on or before this day.
    pub to: Option<NaiveDate>,
    /// Every word as the start of a word of the number, the client's name or a line, through
    /// the full-text index.
    pub search: Option<String>,
    /// The day "overdue" is counted from (the user's today). Without it, FreshBooks' own word
    /// as of the last sync decides.
    pub today: Option<NaiveDate>,
}

/// Where an invoice stands.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceState {
    /// Not sent yet.
    Draft,
    /// Sent, nothing paid yet.
    Sent,
    /// Seen by the client.
    Viewed,
    /// Partly paid.
    Partial,
    /// Outstanding past its due date.
    Overdue,
    /// Nothing left to pay.
    Paid,
    /// The client disputes it.
    Disputed,
    /// Deleted in FreshBooks.
    Deleted,
    /// A state FreshBooks names that Ledgerline does not know (its word).
    Other(String),
}

/// One invoice as the Invoices screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceRow {
    /// FreshBooks' id (negative while only local).
    pub id: i64,
    /// Its number; `None` until FreshBooks assigns one (an invoice made here, not yet sent).
    pub number: Option<String>,
    /// The client billed.
    pub client: Option<ClientId>,
    /// The client's name (from the mirror, else as copied onto the invoice).
    pub client_name: Option<String>,
    /// Where it stands.
    pub state: InvoiceState,
    /// The invoice date.
    pub create_date: Option<NaiveDate>,
    /// The due date.
    pub due_date: Option<NaiveDate>,
    /// The total.
    pub amount: Option<Money>,
    /// What is still owed.
    pub outstanding: Option<Money>,
    /// The currency of both.
    pub currency: Option<CurrencyCode>,
    /// Whether a local change to it waits to be sent (or was refused, or conflicts).
    pub pending: bool,
    /// Whether a local change to it conflicts with a change made in FreshBooks.
    pub conflict: bool,
}
