//! Time entries (`/timetracking/business/{business_id}/time_entries[/{id}]`): UTC timestamps,
//! durations in seconds, no `updated_at` (the `updated_since` filter works on a hidden instant),
//! and `billed` set only when a client says so. Deletes are real for the client; the emulator
//! keeps a tombstone so `include_deleted=true` can show it, with `active: false`. A list shows only the caller's own
//! entries unless it asks `team=true`, which shows those of every member of the business.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::{default_field, merge};
use crate::error::Error;
use crate::families::Failure;
use crate::families::business::{self, fail, open, open_for_write, path_id, required};
use crate::filters::value_text;
use crate::paging::{PROJECTS_DEFAULT, Paging};
use crate::query::Query;
use crate::state::App;
use crate::store::{Business, Collection, DELETED, Record};
use crate::timefmt;
use crate::views::{View, ViewKey};

/// `GET …/time_entries` with the documented filters; `meta` adds `total_logged` and `total_unbilled`.
pub async fn list(
    State(app): State<App>,
    Path(business_id): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, Failure> {
    let query = Query::parse(raw.as_deref());
    let (state, idx) = open(&app, &headers, &business_id)?;
    let business = &state.businesses[idx];
    let key = ViewKey::new(idx, business, Collection::TimeEntries, &query);
    let view = app.views.get_or_compute(key, || {
        let filter = EntryFilter::from_query(&query, state.identity.identity_id);
        let entries: Vec<&Record> = business
            .records(Collection::TimeEntries)
            .filter(|e| filter.keeps(e))
            .collect();
        let mut total_logged = 0i64;
        let mut total_unbilled = 0i64;
        for entry in &entries {
            let duration = entry
                .fields
                .get("duration")
                .and_then(Value::as_i64)
                .unwrap_or(0);
            total_logged += duration;
            if !entry.flag("billed") && entry.flag("billable") {
                total_unbilled += duration;
            }
        }
        // Newest first. The keys are read once, not in every comparison: 20,000 entries.
        let mut keyed: Vec<(&str, i64)> = entries.iter().map(|e| (started(e), e.id)).collect();
        keyed.sort_unstable_by(|a, b| b.cmp(a));
        View {
            ids: keyed.into_iter().map(|(_, id)| id).collect(),
            sums: [total_logged, total_unbilled],
        }
    });
    let [total_logged, total_unbilled] = view.sums;
    let (range, info) = Paging::from_query(&query, PROJECTS_DEFAULT).window(view.ids.len());
    let page = view.ids[range]
        .iter()
        .filter_map(|id| business.record(Collection::TimeEntries, *id));
    let items = page.into_iter().map(render).collect();
    let mut meta = Map::new();
    meta.insert("total_logged".into(), json!(total_logged));
    meta.insert("total_unbilled".into(), json!(total_unbilled));
    Ok(Json(business::list_body("time_entries", items, info, meta)).into_response())
}

/// `GET …/time_entries/{id}`.
pub async fn get(
    State(app): State<App>,
    Path((business_id, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let (state, idx) = open(&app, &headers, &business_id)?;
    let entry = live(&state.businesses[idx], &id)?;
    Ok(single(entry))
}

/// `POST …/time_entries`.
pub async fn create(
    State(app): State<App>,
    Path(business_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    let input = business::envelope(&body, "time_entry")?;
    let now = app.now();
    let (mut state, idx) = open_for_write(&app, &headers, &business_id)?;
    let identity_id = state.identity.identity_id;
    let fields = prepare(&state.businesses[idx], None, &input, identity_id)?;
    let id = state.next_id(Collection::TimeEntries);
    let at = state.write_instant(now);
    let business = &mut state.businesses[idx];
    business.put(Collection::TimeEntries, Record::new(id, at, fields));
    let entry = live(business, &id.to_string())?;
    Ok(single(entry))
}

/// `PUT …/time_entries/{id}` (this is how an entry becomes `billed`).
pub async fn update(
    State(app): State<App>,
    Path((business_id, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    let input = business::envelope(&body, "time_entry")?;
    let now = app.now();
    let (mut state, idx) = open_for_write(&app, &headers, &business_id)?;
    let identity_id = state.identity.identity_id;
    let existing = live(&state.businesses[idx], &id)?.clone();
    let fields = prepare(&state.businesses[idx], Some(&existing), &input, identity_id)?;
    let at = state.write_instant(now);
    let business = &mut state.businesses[idx];
    business.put(
        Collection::TimeEntries,
        Record {
            fields,
            updated: at,
            ..existing
        },
    );
    let entry = live(business, &id)?;
    Ok(single(entry))
}

/// `DELETE …/time_entries/{id}`: 204; the entry disappears except from `include_deleted` lists.
pub async fn delete(
    State(app): State<App>,
    Path((business_id, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let now = app.now();
    let (mut state, idx) = open_for_write(&app, &headers, &business_id)?;
    let entry_id = live(&state.businesses[idx], &id)?.id;
    let at = state.write_instant(now);
    if let Some(entry) = state.businesses[idx].record_mut(Collection::TimeEntries, entry_id) {
        entry.vis_state = DELETED;
        entry.updated = at;
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn live<'b>(business: &'b Business, id: &str) -> Result<&'b Record, Failure> {
    let entry_id = path_id(id, "time_entry")?;
    business
        .record(Collection::TimeEntries, entry_id)
        .filter(|e| e.vis_state != DELETED)
        .ok_or_else(|| fail(Error::not_found("time_entry", id)))
}

fn prepare(
    business: &Business,
    existing: Option<&Record>,
    input: &Map<String, Value>,
    identity_id: i64,
) -> Result<Map<String, Value>, Failure> {
    let mut fields = merge(existing, input, &["created_at", "updated_at"]);
    let started_at = fields
        .get("started_at")
        .and_then(Value::as_str)
        .and_then(timefmt::parse_utc);
    let Some(started_at) = started_at else {
        return Err(required("time_entry", "started_at"));
    };
    fields.insert("started_at".into(), json!(timefmt::utc_z(started_at)));
    let duration = match fields.get("duration") {
        None | Some(Value::Null) => 0,
        Some(value) => value_text(value)
            .and_then(|t| t.parse::<i64>().ok())
            .filter(|d| *d >= 0)
            .ok_or_else(|| {
                fail(Error::invalid(
                    2001,
                    "time_entry",
                    "duration",
                    "must be a whole number of seconds",
                    &value.to_string(),
                ))
            })?,
    };
    fields.insert("duration".into(), json!(duration));
    for (key, collection) in [
        ("client_id", Collection::Clients),
        ("project_id", Collection::Projects),
        ("service_id", Collection::Services),
    ] {
        match fields.get(key).cloned() {
            None | Some(Value::Null) => {
                fields.insert(key.into(), Value::Null);
            }
            Some(value) => {
                let id = value_text(&value).and_then(|t| t.parse::<i64>().ok());
                match id.filter(|id| business.record(collection, *id).is_some()) {
                    Some(id) => {
                        fields.insert(key.into(), json!(id));
                    }
                    None => {
                        return Err(fail(Error::invalid(
                            2001,
                            "time_entry",
                            key,
                            "not found",
                            &value.to_string(),
                        )));
                    }
                }
            }
        }
    }
    default_field(&mut fields, "is_logged", json!(true));
    default_field(&mut fields, "note", json!(""));
    default_field(&mut fields, "task_id", Value::Null);
    default_field(&mut fields, "identity_id", json!(identity_id));
    default_field(&mut fields, "billable", json!(true));
    default_field(&mut fields, "billed", json!(false));
    default_field(&mut fields, "active", json!(true));
    default_field(&mut fields, "timer", Value::Null);
    default_field(&mut fields, "retainer_id", Value::Null);
    default_field(&mut fields, "pending_client", Value::Null);
    default_field(&mut fields, "pending_project", Value::Null);
    default_field(&mut fields, "pending_task", Value::Null);
    let internal = fields.get("client_id").is_none_or(Value::is_null);
    fields.insert("internal".into(), json!(internal));
    Ok(fields)
}

/// `{"time_entry": …}`.
fn single(entry: &Record) -> Response {
    Json(business::single_body("time_entry", render(entry))).into_response()
}

fn started(entry: &Record) -> &str {
    entry
        .fields
        .get("started_at")
        .and_then(Value::as_str)
        .unwrap_or("")
}

fn int(entry: &Record, key: &str) -> Option<i64> {
    entry.fields.get(key).and_then(Value::as_i64)
}

fn render(entry: &Record) -> Value {
    let mut out = entry.fields.clone();
    out.insert("id".into(), json!(entry.id));
    out.insert("created_at".into(), json!(timefmt::utc_z(entry.created)));
    // How a deleted entry is marked. The reference lists the `include_deleted` filter and the
    // `active` field without saying how they meet; a deleted entry is gone everywhere else (a
    // real DELETE, then 404), and time entries have no `vis_state`, so `active` is the one field
    // that can tell it apart: `include_deleted=true` lists it with `active: false`, a live entry
    // is always `active: true` (whatever a client sent), and without the filter a deleted entry
    // is left out.
    out.insert("active".into(), json!(entry.vis_state != DELETED));
    Value::Object(out)
}

/// The list filters of time entries, read once per request.
struct EntryFilter {
    billable: Option<bool>,
    billed: Option<bool>,
    /// `client_id`, `project_id`, … each with the id it must equal, when asked.
    ids: [(&'static str, Option<i64>); 5],
    started_from: Option<chrono::DateTime<chrono::Utc>>,
    started_to: Option<chrono::DateTime<chrono::Utc>>,
    updated_since: Option<chrono::DateTime<chrono::Utc>>,
    include_deleted: bool,
    include_unlogged: bool,
    /// `None` with `team=true`; otherwise the caller, whose entries alone are listed.
    own: Option<i64>,
}

impl EntryFilter {
    fn from_query(query: &Query, caller: i64) -> Self {
        let id = |name: &str| query.get(name).and_then(|v| v.trim().parse::<i64>().ok());
        EntryFilter {
            billable: query.flag("billable"),
            billed: query.flag("billed"),
            ids: [
                "client_id",
                "project_id",
                "service_id",
                "task_id",
                "identity_id",
            ]
            .map(|key| (key, id(key))),
            started_from: query.get("started_from").and_then(timefmt::parse_utc),
            started_to: query.get("started_to").and_then(timefmt::parse_utc),
            updated_since: query.get("updated_since").and_then(timefmt::parse_utc),
            include_deleted: query.flag("include_deleted").unwrap_or(false),
            include_unlogged: query.flag("include_unlogged").unwrap_or(false),
            own: (!query.flag("team").unwrap_or(false)).then_some(caller),
        }
    }

    fn keeps(&self, entry: &Record) -> bool {
        // Parsing is the costly part, so only when a started_* bound asks for it.
        let started_at = if self.started_from.is_some() || self.started_to.is_some() {
            timefmt::parse_utc(started(entry))
        } else {
            None
        };
        (self.include_deleted || entry.vis_state != DELETED)
            && self
                .own
                .is_none_or(|me| int(entry, "identity_id").is_none_or(|id| id == me))
            && (self.include_unlogged
                || entry.fields.get("is_logged").and_then(Value::as_bool) != Some(false))
            && self
                .billable
                .is_none_or(|want| entry.flag("billable") == want)
            && self.billed.is_none_or(|want| entry.flag("billed") == want)
            && self
                .ids
                .iter()
                .all(|(key, want)| want.is_none_or(|want| int(entry, key) == Some(want)))
            && self
                .started_from
                .is_none_or(|from| started_at.is_some_and(|at| at >= from))
            && self
                .started_to
                .is_none_or(|to| started_at.is_some_and(|at| at <= to))
            && self
                .updated_since
                .is_none_or(|since| entry.updated >= since)
    }
}
