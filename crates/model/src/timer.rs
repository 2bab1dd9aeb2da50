//! The timer: one at a time per data folder, kept across restarts, a queued time entry once
//! stopped.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{BusinessId, ClientId, ProjectId, ServiceId};

/// What a timer is started for. Time with a client is billable; time without one is internal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimerStart {
    /// The client.
    pub client: Option<ClientId>,
    /// The project.
    pub project: Option<ProjectId>,
    /// The service.
    pub service: Option<ServiceId>,
    /// What the time is for.
    pub note: Option<String>,
}

/// The timer that runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunningTimer {
    /// The business its time entry will be logged in.
    pub business: BusinessId,
    /// When it was started (UTC).
    pub started_at: DateTime<Utc>,
    /// What it was started for.
    pub start: TimerStart,
    /// The client's name, when the mirror knows the client.
    pub client_name: Option<String>,
}

impl RunningTimer {
    /// Whole seconds run by `now` (never negative).
    pub fn elapsed_seconds(&self, now: DateTime<Utc>) -> i64 {
        (now - self.started_at).num_seconds().max(0)
    }
}
