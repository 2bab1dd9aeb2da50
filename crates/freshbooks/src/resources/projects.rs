//! [`Projects`]: projects (`/projects/business/{business_id}/…`), their filters and writes.

use chrono::{DateTime, Utc};
use ledgerline_model::entity::{NewProject, Project, ProjectUpdate};
use ledgerline_model::ids::{BusinessId, ProjectId};
use serde_json::Value;

use crate::error::Result;
use crate::raw::WithRaw;
use crate::resources::business::{BusinessList, BusinessScoped};
use crate::resources::{BusinessResource, decode_into, sealed};
use crate::time::format_utc;
use crate::wire::projects::{WireProject, new_project_body, project_update_body};

/// Projects. Listed at `/projects/business/{id}/projects`; one at `…/project/{id}`.
#[derive(Debug)]
pub enum Projects {}

impl sealed::Sealed for Projects {}

impl BusinessResource for Projects {
    type Record = Project;
    type Id = ProjectId;
    const SINGLE: &'static str = "project";
    const LIST: &'static str = "projects";

    fn list_path(business: BusinessId) -> String {
        format!("/projects/business/{business}/projects")
    }

    fn item_path(business: BusinessId, id: ProjectId) -> String {
        format!("/projects/business/{business}/project/{id}")
    }

    fn create_path(business: BusinessId) -> String {
        format!("/projects/business/{business}/project")
    }

    fn decode(value: &Value, operation: &str, at: &str) -> Result<Project> {
        decode_into(value, operation, at, WireProject::into_model)
    }

    fn id_of(record: &Project) -> i64 {
        record.id.get()
    }
}

impl BusinessScoped<Projects> {
    /// Creates a project.
    pub async fn create(&self, new: &NewProject) -> Result<WithRaw<Project>> {
        self.post(new_project_body(new)).await
    }

    /// Changes the fields of a project that are `Some` in `update`.
    pub async fn update(&self, id: ProjectId, update: &ProjectUpdate) -> Result<WithRaw<Project>> {
        self.put(id, project_update_body(update)).await
    }

    /// Deletes a project for good (a real `DELETE`).
    pub async fn delete(&self, id: ProjectId) -> Result<()> {
        self.remove(id).await
    }
}

impl BusinessList<Projects> {
    /// Only active (`true`) or only archived (`false`) projects.
    pub fn active(self, active: bool) -> Self {
        self.param("active", active.to_string())
    }

    /// Only complete (`true`) or incomplete (`false`) projects.
    pub fn complete(self, complete: bool) -> Self {
        self.param("complete", complete.to_string())
    }

    /// Projects updated since an instant (`updated_since`, UTC).
    pub fn updated_since(self, since: DateTime<Utc>) -> Self {
        self.param("updated_since", format_utc(since))
    }

    /// Adds each project's logged time (`include_logged_duration`).
    pub fn with_logged_duration(self) -> Self {
        self.param("include_logged_duration", "true")
    }
}
