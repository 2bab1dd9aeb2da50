//! The Sync page's contract: what was pulled when, what waits to be sent, what was refused,
//! each conflict side by side, the sign-in's health, any backoff, and a running sync's progress.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::entity::Entity;
use crate::error::ErrorPayload;
use crate::ids::BusinessId;
use crate::outbox::{Conflict, OpKind, OpState, Resolution};

/// One entity's sync state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitySync {
    /// The entity.
    pub entity: Entity,
    /// When its last pull finished (changes since the one before).
    pub last_synced: Option<DateTime<Utc>>,
    /// When it was last read completely.
    pub last_full: Option<DateTime<Utc>>,
    /// Records in the mirror.
    pub records: u64,
    /// A pull stopped part way, to resume (records done of total).
    pub resumable: Option<(u64, Option<u64>)>,
    /// FreshBooks refuses it to this user (role, plan or scopes), and why.
    pub unavailable: Option<ErrorPayload>,
    /// The last pull's error.
    pub last_error: Option<ErrorPayload>,
    /// Records set aside because they could not be read.
    pub quarantined: usize,
}

/// A local change as the Sync page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeView {
    /// Its number (what `undo_change` takes).
    pub seq: i64,
    /// What it does.
    pub kind: OpKind,
    /// The entity it writes.
    pub entity: Entity,
    /// The record (negative while only local).
    pub record: i64,
    /// The record as the user knows it (the window puts it in words in its language).
    pub label: RecordLabel,
    /// Where it stands.
    pub state: OpState,
    /// Times handed to FreshBooks.
    pub attempts: i64,
    /// Why it was refused or last failed.
    pub error: Option<ErrorPayload>,
    /// When the user made it.
    pub created_at: DateTime<Utc>,
    /// Whether "Undo" is still safe (not sent, not in doubt): `undo_blocked` is `None`.
    pub can_undo: bool,
    /// Why "Undo" is not safe, when it is not.
    #[serde(default)]
    pub undo_blocked: Option<UndoBlocked>,
}

/// Why a change cannot be undone now (what the window says beside its greyed "Undo").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum UndoBlocked {
    /// A new time entry that a draft waiting to be sent bills: undo the draft first.
    BilledByDraft {
        /// The draft's change number.
        draft_seq: i64,
    },
    /// A draft whose first steps already reached FreshBooks.
    PartlySent,
    /// Being handed to FreshBooks right now.
    Sending,
    /// Sent, but its answer was lost: it may be in FreshBooks.
    InDoubt,
    /// Already in FreshBooks.
    Sent,
}

/// A conflict with the record's name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictView {
    /// The conflict: field group, "Mine" and "FreshBooks" values by field.
    pub conflict: Conflict,
    /// The record as the user knows it.
    pub label: RecordLabel,
}

/// A record as the user knows it, in facts rather than words: the window says it in its own
/// language ("Invoice 0042" / "Facture 0042", "New invoice for Acme" / "Nouvelle facture pour
/// Acme", a time entry's day and client).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RecordLabel {
    /// A client, by its name.
    Client {
        /// The name the window shows for it.
        name: String,
    },
    /// An invoice FreshBooks has numbered.
    Invoice {
        /// Its number.
        number: String,
    },
    /// An invoice FreshBooks has not numbered yet.
    NewInvoice {
        /// Its client's name, when known.
        client: Option<String>,
    },
    /// A time entry.
    TimeEntry {
        /// The day it was logged for.
        day: NaiveDate,
        /// Its client's name, when it has one.
        client: Option<String>,
    },
    /// Another record with a name in the mirror (a project, a service, …).
    Named {
        /// Its entity.
        entity: Entity,
        /// Its name.
        name: String,
    },
    /// A record the mirror cannot name.
    Other {
        /// Its entity.
        entity: Entity,
        /// Its id (negative while only local).
        id: i64,
    },
}

/// The sign-in's health.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenHealth {
    /// Signed in; the access token is renewed as needed.
    Good,
    /// FreshBooks refused the renewal: sign in again.
    Refused,
    /// Not signed in.
    SignedOut,
    /// The keyring does not answer: the sign-in cannot be read.
    Unreadable,
}

/// FreshBooks asked Ledgerline to slow down (HTTP 429) or did not answer: requests wait.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backoff {
    /// Requests resume after this.
    pub until: DateTime<Utc>,
    /// Requests allowed in flight now (halved on each 429, grown back slowly).
    pub in_flight: u32,
    /// Why.
    pub reason: ErrorPayload,
}

/// A running sync's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncProgress {
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// Records written so far (all entities).
    pub done: u64,
    /// Records FreshBooks reported, when known for every entity read so far.
    pub total: Option<u64>,
    /// The entity being read.
    pub entity: Option<Entity>,
    /// Estimated seconds left, once enough is known.
    pub seconds_left: Option<u64>,
}

/// Everything the Sync page shows for the current business.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncPage {
    /// The business.
    pub business: BusinessId,
    /// Whether FreshBooks answered the last time it was asked.
    pub online: bool,
    /// When every entity was last pulled (the oldest of them).
    pub last_synced: Option<DateTime<Utc>>,
    /// Each entity, in the order a sync pulls them.
    pub entities: Vec<EntitySync>,
    /// Changes waiting to be sent, oldest first.
    pub pending: Vec<ChangeView>,
    /// Changes FreshBooks refused, with why, and those whose fate is in doubt.
    pub refused: Vec<ChangeView>,
    /// Conflicts to settle.
    pub conflicts: Vec<ConflictView>,
    /// The sign-in.
    pub token: TokenHealth,
    /// A backoff in force.
    pub backoff: Option<Backoff>,
    /// The running sync, if one runs.
    pub progress: Option<SyncProgress>,
}

/// `resolve_conflict`'s arguments: one choice for one field group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolveArgs {
    /// The conflict's number.
    pub conflict: i64,
    /// "Mine" or "FreshBooks".
    pub resolution: Resolution,
}
