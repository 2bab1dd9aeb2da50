//! [`Project`], with its create and update payloads.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ids::{ClientId, ProjectId, ServiceId};

/// A project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// FreshBooks' id.
    pub id: ProjectId,
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Due date.
    pub due_date: Option<NaiveDate>,
    /// The client it is for.
    pub client_id: Option<ClientId>,
    /// Internal (not billed to a client).
    pub internal: bool,
    /// Active (not archived).
    pub active: bool,
    /// Marked complete.
    pub complete: bool,
    /// `business_rate`, `project_rate`, `service_rate` or `team_member_rate`.
    pub billing_method: Option<String>,
    /// `hourly_rate` or `fixed_price`.
    pub project_type: Option<String>,
    /// Hourly rate for `project_rate` billing.
    pub rate: Option<Decimal>,
    /// Price of a fixed-price project.
    pub fixed_price: Option<Decimal>,
    /// Budget.
    pub budget: Option<Decimal>,
    /// Amount billed so far.
    pub billed_amount: Option<Decimal>,
    /// `billed`, `partially_billed` or `unbilled`.
    pub billed_status: Option<String>,
    /// Seconds logged, when asked for.
    pub logged_duration: Option<i64>,
    /// Services attached to the project.
    pub service_ids: Vec<ServiceId>,
    /// The project's team group.
    pub group_id: Option<i64>,
    /// When FreshBooks created it (UTC).
    pub created_at: Option<DateTime<Utc>>,
    /// When FreshBooks last changed it (UTC).
    pub updated_at: Option<DateTime<Utc>>,
}

/// A project to create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewProject {
    /// Title.
    pub title: String,
    /// The client it is for.
    pub client_id: Option<ClientId>,
    /// Description.
    pub description: Option<String>,
    /// Due date.
    pub due_date: Option<NaiveDate>,
    /// Internal (not billed to a client).
    pub internal: bool,
    /// `hourly_rate` or `fixed_price`.
    pub project_type: Option<String>,
    /// `business_rate`, `project_rate`, `service_rate` or `team_member_rate`.
    pub billing_method: Option<String>,
    /// Hourly rate.
    pub rate: Option<Decimal>,
    /// Fixed price.
    pub fixed_price: Option<Decimal>,
}

/// Changes to a project: only the fields that are `Some` are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectUpdate {
    /// Title.
    pub title: Option<String>,
    /// The client it is for.
    pub client_id: Option<ClientId>,
    /// Description.
    pub description: Option<String>,
    /// Due date.
    pub due_date: Option<NaiveDate>,
    /// Active (not archived).
    pub active: Option<bool>,
    /// Marked complete.
    pub complete: Option<bool>,
    /// Hourly rate.
    pub rate: Option<Decimal>,
}
