//! [`TimeEntry`]: logged time, with its create and update payloads.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{ClientId, IdentityId, ProjectId, ServiceId, TaskId, TimeEntryId};

/// A time entry.
///
/// FreshBooks keeps no `updated_at` on time entries: incremental sync relies on the
/// `updated_since` filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeEntry {
    /// FreshBooks' id.
    pub id: TimeEntryId,
    /// Whether the entry is logged (a running timer's entry is not yet).
    pub is_logged: bool,
    /// When the work started (UTC).
    pub started_at: DateTime<Utc>,
    /// Length in seconds; 0 while a timer runs (FreshBooks sends none until it stops).
    pub duration_seconds: i64,
    /// Note.
    pub note: Option<String>,
    /// Client.
    pub client_id: Option<ClientId>,
    /// Project.
    pub project_id: Option<ProjectId>,
    /// Service.
    pub service_id: Option<ServiceId>,
    /// Task.
    pub task_id: Option<TaskId>,
    /// The team member who logged it.
    pub identity_id: Option<IdentityId>,
    /// Billable.
    pub billable: bool,
    /// Already billed on an invoice.
    pub billed: bool,
    /// Internal (not for a client).
    pub internal: bool,
    /// Active (not deleted).
    pub active: bool,
    /// The running timer, if any.
    pub timer: Option<Timer>,
    /// When FreshBooks created it (UTC).
    pub created_at: Option<DateTime<Utc>>,
    /// Retainer it counts against.
    pub retainer_id: Option<i64>,
}

/// A timer attached to a time entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timer {
    /// The timer's id.
    pub id: i64,
    /// Whether it is running now.
    pub is_running: bool,
}

/// A time entry to create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTimeEntry {
    /// When the work started.
    pub started_at: DateTime<Utc>,
    /// Length in seconds.
    pub duration_seconds: i64,
    /// Note.
    pub note: Option<String>,
    /// Client.
    pub client_id: Option<ClientId>,
    /// Project.
    pub project_id: Option<ProjectId>,
    /// Service.
    pub service_id: Option<ServiceId>,
    /// Task.
    pub task_id: Option<TaskId>,
    /// Team member; FreshBooks uses the signed-in user when absent.
    pub identity_id: Option<IdentityId>,
    /// Billable.
    pub billable: bool,
    /// Internal.
    pub internal: bool,
}

/// Changes to a time entry: only the fields that are `Some` are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeEntryUpdate {
    /// When the work started.
    pub started_at: Option<DateTime<Utc>>,
    /// Length in seconds.
    pub duration_seconds: Option<i64>,
    /// Note.
    pub note: Option<String>,
    /// Client.
    pub client_id: Option<ClientId>,
    /// Project.
    pub project_id: Option<ProjectId>,
    /// Service.
    pub service_id: Option<ServiceId>,
    /// Billable.
    pub billable: Option<bool>,
    /// Billed: set `true` after invoicing the entry.
    pub billed: Option<bool>,
    /// Internal.
    pub internal: Option<bool>,
}
