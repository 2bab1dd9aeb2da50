//! Services and their rates (the comments family): `/comments/business/{business_id}/service[/{id}]`,
//! list `…/services` (default 50 per page), a service's rate at `…/service/{id}/rate`, and every
//! rate at `…/service_rates`. Rates are decimal strings.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::{default_field, merge, text};
use crate::error::Error;
use crate::families::Failure;
use crate::families::business::{self, fail, open, open_for_write, path_id, required};
use crate::filters::value_text;
use crate::paging::{Paging, SERVICES_DEFAULT};
use crate::query::Query;
use crate::state::App;
use crate::store::{Business, Collection, DELETED, Record};

/// `GET …/services`.
pub async fn list(
    State(app): State<App>,
    Path(business_id): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, Failure> {
    let query = Query::parse(raw.as_deref());
    let (state, idx) = open(&app, &headers, &business_id)?;
    let business = &state.businesses[idx];
    let mut services: Vec<&Record> = business
        .records(Collection::Services)
        .filter(|s| s.vis_state != DELETED)
        .collect();
    services.sort_by_key(|s| s.id);
    let (page, info) = Paging::from_query(&query, SERVICES_DEFAULT).slice(services);
    let items = page.into_iter().map(|s| render(business, s)).collect();
    Ok(Json(business::list_body("services", items, info, Map::new())).into_response())
}

/// `GET …/service/{id}`.
pub async fn get(
    State(app): State<App>,
    Path((business_id, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let (state, idx) = open(&app, &headers, &business_id)?;
    let business = &state.businesses[idx];
    let service = find(business, &id)?;
    Ok(single(business, service))
}

/// `POST …/service`.
pub async fn create(
    State(app): State<App>,
    Path(business_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    let input = business::envelope(&body, "service")?;
    let now = app.now();
    let (mut state, idx) = open_for_write(&app, &headers, &business_id)?;
    let mut fields = merge(None, &input, &["business_id"]);
    if text(&fields, "name").trim().is_empty() {
        return Err(required("service", "name"));
    }
    default_field(&mut fields, "billable", json!(true));
    let id = state.next_id(Collection::Services);
    let at = state.write_instant(now);
    let business = &mut state.businesses[idx];
    business.put(Collection::Services, Record::new(id, at, fields));
    let service = find(business, &id.to_string())?;
    Ok(single(business, service))
}

/// `PUT …/service/{id}` (vis_state 1 deletes).
pub async fn update(
    State(app): State<App>,
    Path((business_id, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    let input = business::envelope(&body, "service")?;
    let now = app.now();
    let (mut state, idx) = open_for_write(&app, &headers, &business_id)?;
    let mut record = find(&state.businesses[idx], &id)?.clone();
    match input
        .get("vis_state")
        .and_then(value_text)
        .and_then(|v| v.parse::<u8>().ok())
    {
        Some(vis) if vis != record.vis_state => record.vis_state = vis,
        _ => record.fields = merge(Some(&record), &input, &["business_id"]),
    }
    record.updated = state.write_instant(now);
    let business = &mut state.businesses[idx];
    business.put(Collection::Services, record);
    let service = find(business, &id)?;
    Ok(single(business, service))
}

/// `GET …/service/{id}/rate`.
pub async fn get_rate(
    State(app): State<App>,
    Path((business_id, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let (state, idx) = open(&app, &headers, &business_id)?;
    let business = &state.businesses[idx];
    let service = find(business, &id)?;
    let rate = find_rate(business, service.id)?;
    Ok(single_rate(business, rate))
}

/// `POST` or `PUT …/service/{id}/rate` with `{"service_rate": {"rate": "95.00"}}`.
pub async fn put_rate(
    State(app): State<App>,
    Path((business_id, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    let input = business::envelope(&body, "service_rate")?;
    let now = app.now();
    let (mut state, idx) = open_for_write(&app, &headers, &business_id)?;
    let service_id = find(&state.businesses[idx], &id)?.id;
    let rate_text = input.get("rate").and_then(value_text).unwrap_or_default();
    if rate_text.parse::<rust_decimal::Decimal>().is_err() {
        return Err(required("service_rate", "rate"));
    }
    let at = state.write_instant(now);
    let business = &mut state.businesses[idx];
    let mut fields = Map::new();
    fields.insert("rate".into(), json!(rate_text));
    let created = business
        .record(Collection::ServiceRates, service_id)
        .map_or(at, |r| r.created);
    // A rate is keyed by its service's id: one rate per service.
    business.put(
        Collection::ServiceRates,
        Record {
            id: service_id,
            vis_state: 0,
            created,
            updated: at,
            fields,
        },
    );
    let rate = find_rate(business, service_id)?;
    Ok(single_rate(business, rate))
}

/// `GET …/service_rates`.
pub async fn list_rates(
    State(app): State<App>,
    Path(business_id): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, Failure> {
    let query = Query::parse(raw.as_deref());
    let (state, idx) = open(&app, &headers, &business_id)?;
    let business = &state.businesses[idx];
    let rates: Vec<&Record> = business.records(Collection::ServiceRates).collect();
    let (page, info) = Paging::from_query(&query, SERVICES_DEFAULT).slice(rates);
    let items = page.into_iter().map(|r| render_rate(business, r)).collect();
    Ok(Json(business::list_body(
        "service_rates",
        items,
        info,
        Map::new(),
    ))
    .into_response())
}

fn find<'b>(business: &'b Business, id: &str) -> Result<&'b Record, Failure> {
    let service_id = path_id(id, "service")?;
    business
        .record(Collection::Services, service_id)
        .ok_or_else(|| fail(Error::not_found("service", id)))
}

/// A service's rate, keyed by the service's id.
fn find_rate(business: &Business, service_id: i64) -> Result<&Record, Failure> {
    business
        .record(Collection::ServiceRates, service_id)
        .ok_or_else(|| fail(Error::not_found("service_rate", service_id)))
}

/// `{"service": …}`.
fn single(business: &Business, service: &Record) -> Response {
    Json(business::single_body("service", render(business, service))).into_response()
}

/// `{"service_rate": …}`.
fn single_rate(business: &Business, rate: &Record) -> Response {
    Json(business::single_body(
        "service_rate",
        render_rate(business, rate),
    ))
    .into_response()
}

fn render(business: &Business, service: &Record) -> Value {
    let mut out = service.fields.clone();
    out.insert("id".into(), json!(service.id));
    out.insert("business_id".into(), json!(business.id));
    out.insert("vis_state".into(), json!(service.vis_state));
    Value::Object(out)
}

fn render_rate(business: &Business, rate: &Record) -> Value {
    json!({
        "rate": rate.fields.get("rate").cloned().unwrap_or(json!("0.00")),
        "business_id": business.id,
        "service_id": rate.id,
    })
}
