//! [`Event`]: what the core tells its owner (the shell, and through it the UI; or the CLI) as it
//! happens.
//!
//! Every commit that changes the mirror sends one [`Event::Changed`] naming its [`Origin`], so a
//! UI can ignore echoes of its own writes. Failures travel as [`ErrorPayload`] values.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::entity::Entity;
use crate::error::ErrorPayload;
use crate::ids::BusinessId;

/// Who made a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The user, through the UI or CLI.
    Ui,
    /// A pull from FreshBooks.
    Sync,
    /// FreshBooks' answer to one of our operations, or a conflict resolution.
    Reconcile,
}

/// Something that happened in the core.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// A sync of a business started.
    SyncStarted {
        /// The business.
        business: BusinessId,
    },
    /// Records written so far by a pull.
    Progress {
        /// The business.
        business: BusinessId,
        /// The entity.
        entity: Entity,
        /// Records written.
        done: u64,
        /// Records FreshBooks reported, when known.
        total: Option<u64>,
    },
    /// FreshBooks refuses this user an entity (role, plan or scopes).
    Unavailable {
        /// The business.
        business: BusinessId,
        /// The entity.
        entity: Entity,
        /// Why ([`crate::error::ErrorCode::EntityUnavailable`] with FreshBooks' reason).
        reason: ErrorPayload,
    },
    /// A step failed; the sync goes on with the next one or stops, as the error says.
    Failed {
        /// The business.
        business: BusinessId,
        /// The entity, for pulls; `None` for sending changes.
        entity: Option<Entity>,
        /// What went wrong and what fixes it.
        error: ErrorPayload,
    },
    /// A sync of a business ended.
    SyncFinished {
        /// The business.
        business: BusinessId,
        /// Whether every step succeeded.
        ok: bool,
    },
    /// The mirror changed.
    Changed {
        /// The business.
        business: BusinessId,
        /// The entity.
        entity: Entity,
        /// Who changed it.
        origin: Origin,
    },
    /// The outbox changed (an operation queued, sent, refused or undone).
    OutboxChanged {
        /// The business.
        business: BusinessId,
    },
    /// A new conflict waits for the user.
    Conflict {
        /// The business.
        business: BusinessId,
        /// The conflict's number.
        conflict: i64,
    },
    /// FreshBooks asked Ledgerline to slow down (HTTP 429), or did not answer: requests wait
    /// until then (for every business: the limit is the app's). Added in issue 12; a window
    /// that does not know it may ignore it.
    Backoff {
        /// Requests are tried again after this.
        until: DateTime<Utc>,
        /// Requests allowed in flight at once now.
        in_flight: u32,
    },
}
