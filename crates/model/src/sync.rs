//! Sync as the UI and CLI see it: what a run covers ([`Scope`]), what it did ([`SyncReport`]),
//! and what the mirror knows of each entity ([`EntityState`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::entity::Entity;
use crate::error::ErrorPayload;
use crate::ids::BusinessId;

/// Which businesses a run covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The current business only.
    Current,
    /// Every business of the user, the current one first.
    All,
    /// One business.
    Business(BusinessId),
}

/// One step of a run that failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncFailure {
    /// The business.
    pub business: BusinessId,
    /// The entity pulled; `None` for sending changes.
    pub entity: Option<Entity>,
    /// What went wrong and what fixes it.
    pub error: ErrorPayload,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncReport {
    /// Pulls completed.
    pub pulls: usize,
    /// Records written by them.
    pub records: u64,
    /// Operations sent and applied.
    pub sent: usize,
    /// Operations refused by FreshBooks.
    pub rejected: usize,
    /// New conflicts.
    pub conflicts: usize,
    /// Operations left for later (FreshBooks unreachable or limiting us).
    pub left: usize,
    /// Entities FreshBooks refuses this user.
    pub unavailable: usize,
    /// Steps that failed.
    pub failures: Vec<SyncFailure>,
}

impl SyncReport {
    /// Whether every step succeeded.
    pub fn ok(&self) -> bool {
        self.failures.is_empty() && self.left == 0
    }
}

/// Whether a pull reads everything or only what changed since the watermark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PullMode {
    /// Every record, then a sweep of those not seen.
    Full,
    /// Records updated since the watermark (minus an overlap), plus deleted ones.
    Incremental,
}

impl PullMode {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            PullMode::Full => "full",
            PullMode::Incremental => "incremental",
        }
    }
}

/// A pull that started and has not finished.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// Its mode.
    pub mode: PullMode,
    /// When it started; becomes the watermark when it completes.
    pub started_at: DateTime<Utc>,
    /// The last page written (0 before the first).
    pub page: u32,
}

/// What the mirror knows about one entity of one business.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityState {
    /// The entity.
    pub entity: Entity,
    /// Start of the last completed pull.
    pub watermark: Option<DateTime<Utc>>,
    /// End of the last completed full read.
    pub last_full_at: Option<DateTime<Utc>>,
    /// When a pull was last tried.
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// An interrupted pull to resume.
    pub cursor: Option<Cursor>,
    /// Records written by the current or last pull.
    pub done: u64,
    /// Records FreshBooks reported for it.
    pub total: Option<u64>,
    /// `Some(reason)` when FreshBooks refuses this user the entity.
    pub unavailable: Option<ErrorPayload>,
    /// The last error, if the last attempt failed.
    pub last_error: Option<ErrorPayload>,
    /// Records FreshBooks sent that Ledgerline could not read: set aside (kept as sent, with
    /// the reason) while the rest of the entity syncs; a pull that reads one again takes it in.
    #[serde(default)]
    pub quarantined: Vec<Quarantined>,
}

/// A record set aside because it could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quarantined {
    /// FreshBooks' id for it, when even that could not be read: `None`.
    pub id: Option<i64>,
    /// Why it could not be read.
    pub reason: String,
    /// When it was last seen so.
    pub seen_at: DateTime<Utc>,
}

impl EntityState {
    /// The state of an entity never pulled.
    pub fn new(entity: Entity) -> EntityState {
        EntityState {
            entity,
            watermark: None,
            last_full_at: None,
            last_attempt_at: None,
            cursor: None,
            done: 0,
            total: None,
            unavailable: None,
            last_error: None,
            quarantined: Vec::new(),
        }
    }
}
