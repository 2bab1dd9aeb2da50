//! Time entries (`/timetracking/business/{id}/time_entries`): the record and its bodies.

use chrono::{DateTime, Utc};
use ledgerline_model::entity::{NewTimeEntry, TimeEntry, TimeEntryUpdate, Timer};
use ledgerline_model::ids::{ClientId, IdentityId, ProjectId, ServiceId, TaskId, TimeEntryId};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::time::format_utc;
use crate::wire::de;

#[derive(Debug, Deserialize)]
pub(crate) struct WireTimeEntry {
    #[serde(deserialize_with = "de::i64")]
    id: i64,
    #[serde(default, deserialize_with = "de::opt_bool")]
    is_logged: Option<bool>,
    #[serde(deserialize_with = "de::utc")]
    started_at: DateTime<Utc>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    duration: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    note: Option<String>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    client_id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    project_id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    service_id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    task_id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    identity_id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    billable: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    billed: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    internal: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    active: Option<bool>,
    #[serde(default)]
    timer: Option<WireTimer>,
    #[serde(default, deserialize_with = "de::opt_utc")]
    created_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    retainer_id: Option<i64>,
}

#[derive(Debug, Deserialize)]
struct WireTimer {
    #[serde(default, deserialize_with = "de::opt_i64")]
    id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    is_running: Option<bool>,
}

impl WireTimeEntry {
    pub(crate) fn into_model(self) -> Result<TimeEntry, String> {
        let nonzero = |id: Option<i64>| id.filter(|id| *id != 0);
        Ok(TimeEntry {
            id: TimeEntryId(self.id),
            is_logged: self.is_logged.unwrap_or(true),
            started_at: self.started_at,
            duration_seconds: self.duration.unwrap_or(0),
            note: self.note,
            client_id: nonzero(self.client_id).map(ClientId),
            project_id: nonzero(self.project_id).map(ProjectId),
            service_id: nonzero(self.service_id).map(ServiceId),
            task_id: nonzero(self.task_id).map(TaskId),
            identity_id: nonzero(self.identity_id).map(IdentityId),
            billable: self.billable.unwrap_or(false),
            billed: self.billed.unwrap_or(false),
            internal: self.internal.unwrap_or(false),
            active: self.active.unwrap_or(true),
            // `{}` or a timer without an id is no timer Ledgerline can address.
            timer: self.timer.and_then(|t| {
                Some(Timer {
                    id: t.id?,
                    is_running: t.is_running.unwrap_or(false),
                })
            }),
            created_at: self.created_at,
            retainer_id: self.retainer_id,
        })
    }
}

/// `{"time_entry": {…}}` to create an entry.
pub(crate) fn new_time_entry_body(new: &NewTimeEntry) -> Value {
    let mut map = Map::new();
    map.insert("is_logged".into(), json!(true));
    map.insert("started_at".into(), json!(format_utc(new.started_at)));
    map.insert("duration".into(), json!(new.duration_seconds));
    map.insert("billable".into(), json!(new.billable));
    map.insert("internal".into(), json!(new.internal));
    if let Some(note) = &new.note {
        map.insert("note".into(), json!(note));
    }
    for (key, value) in [
        ("client_id", new.client_id.map(|i| i.get())),
        ("project_id", new.project_id.map(|i| i.get())),
        ("service_id", new.service_id.map(|i| i.get())),
        ("task_id", new.task_id.map(|i| i.get())),
        ("identity_id", new.identity_id.map(|i| i.get())),
    ] {
        if let Some(v) = value {
            map.insert(key.into(), json!(v));
        }
    }
    json!({ "time_entry": map })
}

/// `{"time_entry": {…}}` with only the changed fields.
pub(crate) fn time_entry_update_body(update: &TimeEntryUpdate) -> Value {
    let mut map = Map::new();
    if let Some(started) = update.started_at {
        map.insert("started_at".into(), json!(format_utc(started)));
    }
    if let Some(duration) = update.duration_seconds {
        map.insert("duration".into(), json!(duration));
    }
    if let Some(note) = &update.note {
        map.insert("note".into(), json!(note));
    }
    for (key, value) in [
        ("client_id", update.client_id.map(|i| i.get())),
        ("project_id", update.project_id.map(|i| i.get())),
        ("service_id", update.service_id.map(|i| i.get())),
    ] {
        if let Some(v) = value {
            map.insert(key.into(), json!(v));
        }
    }
    for (key, value) in [
        ("billable", update.billable),
        ("billed", update.billed),
        ("internal", update.internal),
    ] {
        if let Some(v) = value {
            map.insert(key.into(), json!(v));
        }
    }
    json!({ "time_entry": map })
}
