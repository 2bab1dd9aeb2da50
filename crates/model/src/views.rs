//! What lists and status screens show: rows, filters and summaries read from the mirror.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::entity::{Entity, VisState};
use crate::ids::{BusinessId, ClientId};
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
}

/// Which clients a list shows besides the active ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientFilter {
    /// Show archived clients too.
    pub archived: bool,
    /// Show deleted clients too.
    pub deleted: bool,
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
