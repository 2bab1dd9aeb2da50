//! Projects (`/projects/business/{business_id}/project[/{id}]`, list `…/projects`): billing
//! methods, project types, rates and budgets; `logged_duration` (in lists only with
//! `include_logged_duration=true`) and billing state come from the project's time entries.
//! Timestamps are UTC without the `Z`. Deletes are real `DELETE`s; `skip_group=true` drops `group_id`.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::{default_field, merge, text};
use crate::error::Error;
use crate::families::Failure;
use crate::families::business::{self, fail, open, open_for_write, path_id, required};
use crate::filters::value_text;
use crate::paging::{PROJECTS_DEFAULT, Paging};
use crate::query::Query;
use crate::state::App;
use crate::store::{Business, Collection, Record};
use crate::timefmt;

const BILLING_METHODS: &[&str] = &[
    "business_rate",
    "project_rate",
    "service_rate",
    "team_member_rate",
];
const PROJECT_TYPES: &[&str] = &["hourly_rate", "fixed_price"];

/// `GET …/projects`: filters `active`, `complete`, `updated_since`; `meta` paging (default 30).
pub async fn list(
    State(app): State<App>,
    Path(business_id): Path<String>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Result<Response, Failure> {
    let query = Query::parse(raw.as_deref());
    let (state, idx) = open(&app, &headers, &business_id)?;
    let business = &state.businesses[idx];
    let updated_since = query.get("updated_since").and_then(timefmt::parse_utc);
    let mut projects: Vec<&Record> = business
        .records(Collection::Projects)
        .filter(|p| {
            query
                .flag("active")
                .is_none_or(|want| p.flag("active") == want)
        })
        .filter(|p| {
            query
                .flag("complete")
                .is_none_or(|want| p.flag("complete") == want)
        })
        .filter(|p| updated_since.is_none_or(|since| p.updated >= since))
        .collect();
    projects.sort_by_key(|project| std::cmp::Reverse(project.id));
    let (page, info) = Paging::from_query(&query, PROJECTS_DEFAULT).slice(projects);
    let sums = durations(business);
    let identity_id = state.identity.identity_id;
    let view = View::for_list(&query);
    let items = page
        .into_iter()
        .map(|p| {
            render(
                p,
                sums.get(&p.id).copied().unwrap_or_default(),
                view,
                identity_id,
            )
        })
        .collect();
    Ok(Json(business::list_body("projects", items, info, Map::new())).into_response())
}

/// `GET …/project/{id}` (with `group {id, members}`).
pub async fn get(
    State(app): State<App>,
    Path((business_id, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let (state, idx) = open(&app, &headers, &business_id)?;
    let identity_id = state.identity.identity_id;
    let business = &state.businesses[idx];
    let id = path_id(&id, "project")?;
    let project = find(business, id)?;
    Ok(single(business, project, identity_id))
}

/// `POST …/project`.
pub async fn create(
    State(app): State<App>,
    Path(business_id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    let input = business::envelope(&body, "project")?;
    let now = app.now();
    let (mut state, idx) = open_for_write(&app, &headers, &business_id)?;
    let fields = prepare(&state.businesses[idx], None, &input)?;
    let id = state.next_id(Collection::Projects);
    let at = state.write_instant(now);
    let identity_id = state.identity.identity_id;
    let business = &mut state.businesses[idx];
    business.put(Collection::Projects, Record::new(id, at, fields));
    let project = find(business, id)?;
    Ok(single(business, project, identity_id))
}

/// `PUT …/project/{id}`.
pub async fn update(
    State(app): State<App>,
    Path((business_id, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, Failure> {
    let input = business::envelope(&body, "project")?;
    let now = app.now();
    let (mut state, idx) = open_for_write(&app, &headers, &business_id)?;
    let id = path_id(&id, "project")?;
    let existing = find(&state.businesses[idx], id)?.clone();
    let fields = prepare(&state.businesses[idx], Some(&existing), &input)?;
    let at = state.write_instant(now);
    let identity_id = state.identity.identity_id;
    let business = &mut state.businesses[idx];
    business.put(
        Collection::Projects,
        Record {
            fields,
            updated: at,
            ..existing
        },
    );
    let project = find(business, id)?;
    Ok(single(business, project, identity_id))
}

/// `DELETE …/project/{id}`: a real delete, 204.
pub async fn delete(
    State(app): State<App>,
    Path((business_id, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let (mut state, idx) = open_for_write(&app, &headers, &business_id)?;
    let id = path_id(&id, "project")?;
    state.businesses[idx]
        .remove(Collection::Projects, id)
        .ok_or_else(|| fail(Error::not_found("project", id)))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn prepare(
    business: &Business,
    existing: Option<&Record>,
    input: &Map<String, Value>,
) -> Result<Map<String, Value>, Failure> {
    let mut fields = merge(
        existing,
        input,
        &[
            "logged_duration",
            "billed_amount",
            "billed_status",
            "group",
            "group_id",
            "updated_at",
            "created_at",
        ],
    );
    if text(&fields, "title").trim().is_empty() {
        return Err(required("project", "title"));
    }
    if let Some(client) = fields.get("client_id").filter(|v| !v.is_null()) {
        let client_id = value_text(client).and_then(|t| t.parse::<i64>().ok());
        match client_id.and_then(|id| business.record(Collection::Clients, id)) {
            Some(record) => {
                fields.insert("client_id".into(), json!(record.id));
            }
            None => {
                return Err(fail(Error::invalid(
                    2001,
                    "project",
                    "client_id",
                    "client not found",
                    &client.to_string(),
                )));
            }
        }
    }
    default_field(&mut fields, "client_id", Value::Null);
    default_field(&mut fields, "description", json!(""));
    default_field(&mut fields, "due_date", Value::Null);
    default_field(&mut fields, "active", json!(true));
    default_field(&mut fields, "complete", json!(false));
    default_field(&mut fields, "billing_method", Value::Null);
    default_field(&mut fields, "project_type", json!("hourly_rate"));
    default_field(&mut fields, "rate", Value::Null);
    default_field(&mut fields, "fixed_price", Value::Null);
    default_field(&mut fields, "budget", Value::Null);
    default_field(&mut fields, "services", json!([]));
    default_field(&mut fields, "retainer_id", Value::Null);
    default_field(&mut fields, "expense_markup", json!(0));
    let internal = fields.get("client_id").is_none_or(Value::is_null);
    fields.insert("internal".into(), json!(internal));
    check_choice(&fields, "billing_method", BILLING_METHODS)?;
    check_choice(&fields, "project_type", PROJECT_TYPES)?;
    for money_field in ["rate", "fixed_price", "budget"] {
        if let Some(value) = fields.get(money_field).filter(|v| !v.is_null()) {
            let text = value_text(value).unwrap_or_default();
            if text.parse::<rust_decimal::Decimal>().is_err() {
                return Err(fail(Error::invalid(
                    2001,
                    "project",
                    money_field,
                    "must be a decimal",
                    &text,
                )));
            }
            fields.insert(money_field.into(), json!(text));
        }
    }
    Ok(fields)
}

fn check_choice(fields: &Map<String, Value>, key: &str, allowed: &[&str]) -> Result<(), Failure> {
    match fields.get(key) {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(value)) if allowed.contains(&value.as_str()) => Ok(()),
        Some(other) => Err(fail(Error::invalid(
            2001,
            "project",
            key,
            &format!("must be one of {}", allowed.join(", ")),
            &other.to_string(),
        ))),
    }
}

fn find(business: &Business, id: i64) -> Result<&Record, Failure> {
    business
        .record(Collection::Projects, id)
        .ok_or_else(|| fail(Error::not_found("project", id)))
}

/// `{"project": …}`: one project, always with its logged duration and `group`.
fn single(business: &Business, project: &Record, identity_id: i64) -> Response {
    let sums = durations(business)
        .get(&project.id)
        .copied()
        .unwrap_or_default();
    Json(business::single_body(
        "project",
        render(project, sums, View::SINGLE, identity_id),
    ))
    .into_response()
}

/// Seconds logged and billed per project, from one pass over the time entries.
fn durations(business: &Business) -> HashMap<i64, (i64, i64)> {
    let mut out: HashMap<i64, (i64, i64)> = HashMap::new();
    for entry in business.records(Collection::TimeEntries) {
        let Some(project_id) = entry.fields.get("project_id").and_then(Value::as_i64) else {
            continue;
        };
        if entry.vis_state != 0 {
            continue;
        }
        let duration = entry
            .fields
            .get("duration")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        let sums = out.entry(project_id).or_default();
        sums.0 += duration;
        if entry.fields.get("billed").and_then(Value::as_bool) == Some(true) {
            sums.1 += duration;
        }
    }
    out
}

/// The project as FreshBooks sends it; `single` adds the `group` object lists leave out.
/// What a rendering shows: lists honour `include_logged_duration` and `skip_group`; a single
/// project always has its logged duration and its `group` object.
#[derive(Clone, Copy, Debug)]
struct View {
    single: bool,
    logged_duration: bool,
    group_id: bool,
}

impl View {
    const SINGLE: View = View {
        single: true,
        logged_duration: true,
        group_id: true,
    };

    fn for_list(query: &Query) -> View {
        View {
            single: false,
            logged_duration: query.flag("include_logged_duration") == Some(true),
            group_id: query.flag("skip_group") != Some(true),
        }
    }
}

fn render(project: &Record, (logged, billed): (i64, i64), view: View, identity_id: i64) -> Value {
    let billed_status = if billed == 0 {
        "unbilled"
    } else if billed >= logged {
        "billed"
    } else {
        "partially_billed"
    };
    let mut out = project.fields.clone();
    out.insert("id".into(), json!(project.id));
    out.insert(
        "logged_duration".into(),
        if view.logged_duration {
            json!(logged)
        } else {
            Value::Null
        },
    );
    out.insert("billed_status".into(), json!(billed_status));
    out.insert(
        "billed_amount".into(),
        json!(
            out.get("billed_amount")
                .and_then(value_text)
                .unwrap_or_else(|| "0.00".into())
        ),
    );
    out.insert(
        "created_at".into(),
        json!(timefmt::utc_naive(project.created)),
    );
    out.insert(
        "updated_at".into(),
        json!(timefmt::utc_naive(project.updated)),
    );
    let group_id = project.id + 5_000_000;
    if view.group_id {
        out.insert("group_id".into(), json!(group_id));
    }
    if view.single {
        out.insert("group".into(), json!({"id": group_id, "members": [{"identity_id": identity_id, "role": "owner", "active": true}]}));
    }
    Value::Object(out)
}
