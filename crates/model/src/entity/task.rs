//! [`Task`]: an accounting task (a kind of work billed at a rate).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::entity::VisState;
use crate::ids::TaskId;
use crate::money::Money;

/// A task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    /// FreshBooks' id (`id`, also `taskid`).
    pub id: TaskId,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Whether time on it is billable.
    pub billable: bool,
    /// Hourly rate.
    pub rate: Option<Money>,
    /// Active, archived or deleted.
    pub vis_state: VisState,
    /// When FreshBooks last changed it (UTC).
    pub updated: Option<DateTime<Utc>>,
}
