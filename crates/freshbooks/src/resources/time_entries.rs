//! [`TimeEntries`]: time entries (`/timetracking/business/{business_id}/time_entries`), their
//! filters and writes.

use chrono::{DateTime, Utc};
use ledgerline_model::entity::{NewTimeEntry, TimeEntry, TimeEntryUpdate};
use ledgerline_model::ids::{BusinessId, ClientId, IdentityId, ProjectId, TimeEntryId};
use serde_json::Value;

use crate::error::Result;
use crate::raw::WithRaw;
use crate::resources::business::{BusinessList, BusinessScoped};
use crate::resources::{BusinessResource, decode_into, sealed};
use crate::time::format_utc;
use crate::wire::time_entry::{WireTimeEntry, new_time_entry_body, time_entry_update_body};

/// Time entries, at `/timetracking/business/{id}/time_entries[/{id}]`.
#[derive(Debug)]
pub enum TimeEntries {}

impl sealed::Sealed for TimeEntries {}

impl BusinessResource for TimeEntries {
    type Record = TimeEntry;
    type Id = TimeEntryId;
    const SINGLE: &'static str = "time_entry";
    const LIST: &'static str = "time_entries";

    fn list_path(business: BusinessId) -> String {
        format!("/timetracking/business/{business}/time_entries")
    }

    fn item_path(business: BusinessId, id: TimeEntryId) -> String {
        format!("/timetracking/business/{business}/time_entries/{id}")
    }

    fn create_path(business: BusinessId) -> String {
        Self::list_path(business)
    }

    fn decode(value: &Value, operation: &str, at: &str) -> Result<TimeEntry> {
        decode_into(value, operation, at, WireTimeEntry::into_model)
    }

    fn id_of(record: &TimeEntry) -> i64 {
        record.id.get()
    }
}

impl BusinessScoped<TimeEntries> {
    /// Logs a time entry.
    pub async fn create(&self, new: &NewTimeEntry) -> Result<WithRaw<TimeEntry>> {
        self.post(new_time_entry_body(new)).await
    }

    /// Changes the fields of an entry that are `Some` in `update`.
    pub async fn update(
        &self,
        id: TimeEntryId,
        update: &TimeEntryUpdate,
    ) -> Result<WithRaw<TimeEntry>> {
        self.put(id, time_entry_update_body(update)).await
    }

    /// Marks an entry billed (after its invoice was created; FreshBooks does not do both at once).
    pub async fn mark_billed(&self, id: TimeEntryId, billed: bool) -> Result<WithRaw<TimeEntry>> {
        let update = TimeEntryUpdate {
            billed: Some(billed),
            ..TimeEntryUpdate::default()
        };
        self.update(id, &update).await
    }

    /// Deletes an entry for good (a real `DELETE`).
    pub async fn delete(&self, id: TimeEntryId) -> Result<()> {
        self.remove(id).await
    }
}

impl BusinessList<TimeEntries> {
    /// Only billable (`true`) or non-billable entries.
    pub fn billable(self, billable: bool) -> Self {
        self.param("billable", billable.to_string())
    }

    /// Only billed (`true`) or unbilled entries.
    pub fn billed(self, billed: bool) -> Self {
        self.param("billed", billed.to_string())
    }

    /// Entries for one client.
    pub fn client_id(self, client: ClientId) -> Self {
        self.param("client_id", client.to_string())
    }

    /// Entries of one project (accepted by FreshBooks though thinly documented).
    pub fn project_id(self, project: ProjectId) -> Self {
        self.param("project_id", project.to_string())
    }

    /// Entries of one team member.
    pub fn identity_id(self, identity: IdentityId) -> Self {
        self.param("identity_id", identity.to_string())
    }

    /// Entries started at or after an instant.
    pub fn started_from(self, from: DateTime<Utc>) -> Self {
        self.param("started_from", format_utc(from))
    }

    /// Entries started before an instant.
    pub fn started_to(self, to: DateTime<Utc>) -> Self {
        self.param("started_to", format_utc(to))
    }

    /// Entries changed since an instant (time entries have no `updated_at`; this filter is the
    /// only way to sync them incrementally).
    pub fn updated_since(self, since: DateTime<Utc>) -> Self {
        self.param("updated_since", format_utc(since))
    }

    /// Entries of every member of the business (`team=true`). Without it FreshBooks lists only
    /// the signed-in user's own entries.
    pub fn team(self) -> Self {
        self.param("team", "true")
    }

    /// Includes deleted entries, so a mirror can see deletions.
    pub fn include_deleted(self) -> Self {
        self.param("include_deleted", "true")
    }

    /// Includes unlogged entries (running timers).
    pub fn include_unlogged(self) -> Self {
        self.param("include_unlogged", "true")
    }
}
