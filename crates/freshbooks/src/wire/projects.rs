//! Projects (`/projects/business/{id}/…`) and services with rates (`/comments/business/{id}/…`).

use chrono::{DateTime, NaiveDate, Utc};
use ledgerline_model::entity::{
    NewProject, Project, ProjectUpdate, Service, ServiceRate, VisState,
};
use ledgerline_model::ids::{BusinessId, ClientId, ProjectId, ServiceId};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::wire::de;

#[derive(Debug, Deserialize)]
pub(crate) struct WireProject {
    #[serde(deserialize_with = "de::i64")]
    id: i64,
    #[serde(default, deserialize_with = "de::opt_string")]
    title: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    description: Option<String>,
    #[serde(default, deserialize_with = "de::opt_date")]
    due_date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    client_id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    internal: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    active: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    complete: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_string")]
    billing_method: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    project_type: Option<String>,
    #[serde(default, deserialize_with = "de::opt_decimal")]
    rate: Option<Decimal>,
    #[serde(default, deserialize_with = "de::opt_decimal")]
    fixed_price: Option<Decimal>,
    #[serde(default, deserialize_with = "de::opt_decimal")]
    budget: Option<Decimal>,
    #[serde(default, deserialize_with = "de::opt_decimal")]
    billed_amount: Option<Decimal>,
    #[serde(default, deserialize_with = "de::opt_string")]
    billed_status: Option<String>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    logged_duration: Option<i64>,
    #[serde(default)]
    services: Option<Vec<WireServiceRef>>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    group_id: Option<i64>,
    #[serde(default)]
    group: Option<WireGroup>,
    #[serde(default, deserialize_with = "de::opt_utc")]
    created_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "de::opt_utc")]
    updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize)]
struct WireServiceRef {
    #[serde(deserialize_with = "de::i64")]
    id: i64,
}

#[derive(Debug, Deserialize)]
struct WireGroup {
    #[serde(default, deserialize_with = "de::opt_i64")]
    id: Option<i64>,
}

impl WireProject {
    pub(crate) fn into_model(self) -> Result<Project, String> {
        Ok(Project {
            id: ProjectId(self.id),
            title: self.title.unwrap_or_default(),
            description: self.description,
            due_date: self.due_date,
            client_id: self.client_id.filter(|id| *id != 0).map(ClientId),
            internal: self.internal.unwrap_or(false),
            active: self.active.unwrap_or(true),
            complete: self.complete.unwrap_or(false),
            billing_method: self.billing_method,
            project_type: self.project_type,
            rate: self.rate,
            fixed_price: self.fixed_price,
            budget: self.budget,
            billed_amount: self.billed_amount,
            billed_status: self.billed_status,
            logged_duration: self.logged_duration,
            service_ids: self
                .services
                .unwrap_or_default()
                .into_iter()
                .map(|s| ServiceId(s.id))
                .collect(),
            group_id: self.group_id.or(self.group.and_then(|g| g.id)),
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct WireService {
    #[serde(deserialize_with = "de::i64")]
    id: i64,
    #[serde(default, deserialize_with = "de::opt_i64")]
    business_id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    billable: Option<bool>,
    #[serde(default, deserialize_with = "de::vis_state")]
    vis_state: VisState,
}

impl WireService {
    pub(crate) fn into_model(self) -> Result<Service, String> {
        Ok(Service {
            id: ServiceId(self.id),
            business_id: self.business_id.map(BusinessId),
            name: self.name.unwrap_or_default(),
            billable: self.billable.unwrap_or(true),
            vis_state: self.vis_state,
        })
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct WireServiceRate {
    #[serde(deserialize_with = "de::i64")]
    service_id: i64,
    #[serde(default, deserialize_with = "de::opt_i64")]
    business_id: Option<i64>,
    #[serde(deserialize_with = "de::decimal")]
    rate: Decimal,
}

impl WireServiceRate {
    pub(crate) fn into_model(self) -> ServiceRate {
        ServiceRate {
            service_id: ServiceId(self.service_id),
            business_id: self.business_id.map(BusinessId),
            rate: self.rate,
        }
    }
}

/// `{"project": {…}}` to create a project.
pub(crate) fn new_project_body(new: &NewProject) -> Value {
    let mut map = Map::new();
    map.insert("title".into(), json!(new.title));
    map.insert("internal".into(), json!(new.internal));
    if let Some(client) = new.client_id {
        map.insert("client_id".into(), json!(client.get()));
    }
    for (key, value) in [
        ("description", &new.description),
        ("project_type", &new.project_type),
        ("billing_method", &new.billing_method),
    ] {
        if let Some(v) = value {
            map.insert(key.into(), json!(v));
        }
    }
    if let Some(date) = new.due_date {
        map.insert(
            "due_date".into(),
            json!(date.format("%Y-%m-%d").to_string()),
        );
    }
    if let Some(rate) = new.rate {
        map.insert("rate".into(), json!(rate.to_string()));
    }
    if let Some(price) = new.fixed_price {
        map.insert("fixed_price".into(), json!(price.to_string()));
    }
    json!({ "project": map })
}

/// `{"project": {…}}` with only the changed fields.
pub(crate) fn project_update_body(update: &ProjectUpdate) -> Value {
    let mut map = Map::new();
    if let Some(title) = &update.title {
        map.insert("title".into(), json!(title));
    }
    if let Some(client) = update.client_id {
        map.insert("client_id".into(), json!(client.get()));
    }
    if let Some(d) = &update.description {
        map.insert("description".into(), json!(d));
    }
    if let Some(date) = update.due_date {
        map.insert(
            "due_date".into(),
            json!(date.format("%Y-%m-%d").to_string()),
        );
    }
    if let Some(active) = update.active {
        map.insert("active".into(), json!(active));
    }
    if let Some(complete) = update.complete {
        map.insert("complete".into(), json!(complete));
    }
    if let Some(rate) = update.rate {
        map.insert("rate".into(), json!(rate.to_string()));
    }
    json!({ "project": map })
}
