//! Before re-sending a create whose outcome is unknown, look for it in FreshBooks.
//!
//! FreshBooks has no idempotency keys and no field hidden from the user where a marker could
//! live, so a record is recognised by its content and its creation time: same fields as sent,
//! created no earlier than the edit was made (less [`CLOCK_SKEW`]), and not already claimed by
//! another local record (the id map). The first such record is taken as ours.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use futures::TryStreamExt;
use ledgerline_freshbooks::Client;
use ledgerline_model::ids::ClientId;
use serde_json::Value;

use super::conflict::same;
use super::op::Fields;
use crate::error::Result;
use crate::store::{Store, records};
use ledgerline_model::entity::Entity;
use ledgerline_model::entity::UserBusiness;

/// How far FreshBooks' clock may be behind ours.
pub const CLOCK_SKEW: Duration = Duration::from_secs(10 * 60);

/// The raw JSON of the client our create made, if FreshBooks has it.
pub async fn find_client(
    store: &Store,
    client: &Client,
    business: &UserBusiness,
    fields: &Fields,
    edited_at: DateTime<Utc>,
) -> Result<Option<Value>> {
    let mut list = client.clients(&business.account_id).list();
    list = match (text(fields, "email"), text(fields, "organization")) {
        (Some(email), _) => list.email(&email),
        (None, Some(org)) => list.organization_like(&org),
        (None, None) => list.updated_since(edited_at - skew() - chrono::Duration::days(1)),
    };
    let candidates: Vec<_> = list.stream_with_raw().try_collect().await?;
    for c in candidates {
        let created_ok = c.record.signup_date.is_none_or(|t| t >= edited_at - skew());
        if created_ok
            && matches(fields, &c.raw)
            && !claimed(store, business, Entity::Clients, &c.raw).await?
        {
            return Ok(Some(c.raw));
        }
    }
    Ok(None)
}

/// The raw JSON of the time entry our create made, if FreshBooks has it.
pub async fn find_time_entry(
    store: &Store,
    client: &Client,
    business: &UserBusiness,
    fields: &Fields,
    started_at: DateTime<Utc>,
    edited_at: DateTime<Utc>,
) -> Result<Option<Value>> {
    let list = client
        .time_entries(business.business_id)
        .list()
        .started_from(started_at - chrono::Duration::seconds(1))
        .started_to(started_at + chrono::Duration::seconds(1));
    let candidates: Vec<_> = list.stream_with_raw().try_collect().await?;
    let wanted: Fields = fields
        .iter()
        .filter(|(k, _)| {
            matches!(
                k.as_str(),
                "duration" | "note" | "client_id" | "project_id" | "service_id"
            )
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for c in candidates {
        let created_ok = c.record.created_at.is_none_or(|t| t >= edited_at - skew());
        if created_ok
            && c.record.started_at == started_at
            && matches(&wanted, &c.raw)
            && !claimed(store, business, Entity::TimeEntries, &c.raw).await?
        {
            return Ok(Some(c.raw));
        }
    }
    Ok(None)
}

/// The raw JSON of the invoice our create made, if FreshBooks has it.
pub async fn find_invoice(
    store: &Store,
    client: &Client,
    business: &UserBusiness,
    customer: ClientId,
    create_date: NaiveDate,
    fields: &Fields,
    edited_at: DateTime<Utc>,
) -> Result<Option<Value>> {
    let list = client
        .invoices(&business.account_id)
        .list()
        .client_id(customer)
        .date_min(create_date)
        .date_max(create_date)
        .with_lines();
    let candidates: Vec<_> = list.stream_with_raw().try_collect().await?;
    let wanted_lines = line_names(fields.get("lines"));
    for c in candidates {
        let created_ok = c.record.created_at.is_none_or(|t| t >= edited_at - skew());
        if created_ok
            && line_names(c.raw.get("lines")) == wanted_lines
            && !claimed(store, business, Entity::Invoices, &c.raw).await?
        {
            return Ok(Some(c.raw));
        }
    }
    Ok(None)
}

fn skew() -> chrono::Duration {
    chrono::Duration::from_std(CLOCK_SKEW).unwrap_or(chrono::Duration::minutes(10))
}

fn text(fields: &Fields, k: &str) -> Option<String> {
    fields
        .get(k)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Whether every field we sent has the same value in the remote record.
fn matches(fields: &Fields, remote: &Value) -> bool {
    fields.iter().all(|(k, v)| match remote.get(k) {
        Some(theirs) => same(theirs, v),
        // A field FreshBooks does not echo cannot tell records apart.
        None => true,
    })
}

fn line_names(lines: Option<&Value>) -> Vec<(String, String)> {
    let Some(Value::Array(lines)) = lines else {
        return Vec::new();
    };
    lines
        .iter()
        .map(|l| {
            let name = l
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let qty = l
                .get("qty")
                .map(|q| match q {
                    Value::String(s) => s
                        .parse::<rust_decimal::Decimal>()
                        .map(|d| d.normalize().to_string())
                        .unwrap_or_default(),
                    other => other.to_string(),
                })
                .unwrap_or_default();
            (name, qty)
        })
        .collect()
}

async fn claimed(
    store: &Store,
    business: &UserBusiness,
    entity: Entity,
    raw: &Value,
) -> Result<bool> {
    let Some(id) = records::record_id(entity, raw) else {
        return Ok(true);
    };
    let b = business.business_id;
    store
        .read(move |c| records::is_mapped(c, b, entity, id))
        .await
}
