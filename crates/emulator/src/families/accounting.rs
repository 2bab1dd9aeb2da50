//! The accounting family: `/accounting/account/{account_id}/{path}[/{id}]`, `{"<single>": {…}}`
//! bodies, `{"response": {"result": …}}` answers, paging inside `result`, vis_state soft deletes,
//! and both error shapes. Handlers here are generic over an [`AccountingSpec`], defined here; the
//! resource modules supply what differs.

use std::sync::MutexGuard;

use axum::Json;
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};

use super::{Failure, Family};
use crate::bearer;
use crate::error::Error;
use crate::filters::{self, Filter};
use crate::paging::{ACCOUNTING_DEFAULT, Paging};
use crate::query::Query;
use crate::state::Shared;
use crate::store::{Access, Business, Collection, DELETED, Record, State as Store};
use crate::views::{View, ViewKey};

/// Turns the stored fields (None on create) and the request's fields into the new stored fields.
pub type Prepare =
    fn(&Business, Option<&Record>, &Map<String, Value>) -> Result<Map<String, Value>, Error>;
/// Adds computed fields to a rendered record.
pub type Render = fn(&Business, &Record, &Query, &mut Map<String, Value>);
/// Runs after a record of this kind was written (e.g. a payment updates its invoice).
pub type AfterWrite = fn(&mut Business, i64, DateTime<Utc>);

/// Which `sort=` values a list honours; the others are ignored, as FreshBooks ignores them.
#[derive(Clone, Copy, Debug)]
pub enum SortRule {
    /// Any stored field.
    AnyField,
    /// Only these names, each standing for a stored field (`invoice_date` → `create_date`).
    Only(&'static [(&'static str, &'static str)]),
}

/// What the generic accounting handlers need to know about one noun.
#[derive(Debug)]
pub struct AccountingSpec {
    /// First path segment: `accounting` or `events`.
    pub family_prefix: &'static str,
    /// `users/clients`, `invoices/invoices`, …
    pub path: &'static str,
    /// Name of one record in bodies: `client`.
    pub single: &'static str,
    /// Name of the list: `clients`.
    pub plural: &'static str,
    pub collection: Collection,
    /// Second id field some nouns carry (`userid`, `invoiceid`, `taxid`, …).
    pub id_alias: Option<&'static str>,
    /// The documented `search[…]` filters.
    pub filters: &'static [Filter],
    /// Which `sort=<field>_asc|_desc` values are honoured.
    pub sort: SortRule,
    pub prepare: Prepare,
    pub render: Render,
    pub after_write: Option<AfterWrite>,
}

/// An accounting error body: old shape for validation (HTTP 200 in legacy mode), new shape for 404.
pub fn error_response(error: &Error, legacy_on_200: bool) -> Response {
    match error {
        Error::Invalid {
            errno,
            object,
            field,
            message,
            value,
        } => {
            let status = if legacy_on_200 {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            (
                status,
                Json(old_shape(*errno, field, message, object, value)),
            )
                .into_response()
        }
        Error::NotFound { object, id } => {
            let body = json!({
                "code": 5,
                "message": "Request failed with status_code: 404",
                "details": [{
                    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "1012",
                    "domain": "accounting.api.freshbooks.com",
                    "metadata": {"object": object, "message": format!("The requested {object} could not be found."), "value": id, "field": "id"}
                }]
            });
            (StatusCode::NOT_FOUND, Json(body)).into_response()
        }
        Error::Unauthenticated => (
            StatusCode::UNAUTHORIZED,
            Json(old_shape(
                1003,
                "",
                "The server could not verify that you are authorized to access the URL requested.",
                "",
                "",
            )),
        )
            .into_response(),
        Error::Forbidden => (
            StatusCode::FORBIDDEN,
            Json(old_shape(
                1002,
                "",
                "You do not have permission to perform this action.",
                "",
                "",
            )),
        )
            .into_response(),
        Error::BadRequest(message) => (
            StatusCode::BAD_REQUEST,
            Json(old_shape(1001, "", message, "", "")),
        )
            .into_response(),
        Error::UnknownBusiness => StatusCode::NOT_FOUND.into_response(),
        Error::Io(_) | Error::StateFile(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(old_shape(500, "", "An internal error occurred.", "", "")),
        )
            .into_response(),
    }
}

fn old_shape(errno: u32, field: &str, message: &str, object: &str, value: &str) -> Value {
    json!({"response": {"errors": [{"errno": errno, "field": field, "message": message, "object": object, "value": value}]}})
}

fn ok(result: Value) -> Response {
    Json(json!({"response": {"result": result}})).into_response()
}

fn fail(app: &Shared, error: Error) -> Failure {
    Failure {
        family: Family::Accounting,
        error,
        legacy_on_200: app.legacy_on_200(),
    }
}

/// One accounting request: the shared state, the noun, the business's account_id, the headers
/// (for the bearer token) and the decoded query.
#[derive(Debug)]
pub struct Call<'a> {
    pub app: &'a Shared,
    pub spec: &'static AccountingSpec,
    pub account_id: &'a str,
    pub headers: &'a HeaderMap,
    pub query: Query,
}

impl<'a> Call<'a> {
    /// Checks the bearer token and finds the business by its account_id; returns the locked
    /// state and the business index.
    fn open(&self) -> Result<(MutexGuard<'a, Store>, usize), Failure> {
        let app = self.app;
        bearer::authorize(app, self.headers).map_err(|e| fail(app, e))?;
        let state = app.state();
        let idx = state
            .by_account(self.account_id)
            .ok_or_else(|| fail(app, Error::UnknownBusiness))?;
        Ok((state, idx))
    }

    /// Like [`Call::open`], and refuses a role that may not write.
    fn open_for_write(&self) -> Result<(MutexGuard<'a, Store>, usize), Failure> {
        let (state, idx) = self.open()?;
        writable(&state.businesses[idx]).map_err(|e| fail(self.app, e))?;
        Ok((state, idx))
    }

    /// Stores a created or changed record, runs the resource's after-write hook, and answers
    /// with the record as it reads now (the hook may have changed it).
    fn save(
        &self,
        business: &mut Business,
        record: Record,
        at: DateTime<Utc>,
    ) -> Result<Response, Failure> {
        let (app, spec) = (self.app, self.spec);
        let record_id = record.id;
        business.put(spec.collection, record);
        after_write(spec, business, record_id, at);
        let record = find(business, spec, &record_id.to_string()).map_err(|e| fail(app, e))?;
        Ok(ok(single(spec, business, record, &self.query)))
    }
}

/// `GET …/{path}`: active and archived records unless `search[vis_state]` says otherwise.
/// The filtered, ordered ids come from [`crate::views`], so the pages of one listing filter and
/// sort the collection once.
pub fn list(call: &Call<'_>) -> Result<Response, Failure> {
    let Call { spec, query, .. } = call;
    let (state, idx) = call.open()?;
    let business = &state.businesses[idx];
    let key = ViewKey::new(idx, business, spec.collection, query);
    let view = call.app.views.get_or_compute(key, || {
        let active = filters::prepare(spec.filters, business, query);
        let mut records: Vec<&Record> = business
            .records(spec.collection)
            .filter(|record| active.matches(business, record))
            .collect();
        sort(&mut records, spec, query);
        View {
            ids: records.iter().map(|record| record.id).collect(),
            sums: [0; 2],
        }
    });
    let paging = Paging::from_query(query, ACCOUNTING_DEFAULT);
    let (range, info) = paging.window(view.ids.len());
    let items: Vec<Value> = view.ids[range]
        .iter()
        .filter_map(|id| business.record(spec.collection, *id))
        .map(|record| Value::Object(render(spec, business, record, query)))
        .collect();
    let mut result = Map::new();
    result.insert(spec.plural.to_owned(), Value::Array(items));
    result.insert("page".into(), json!(info.page));
    result.insert("pages".into(), json!(info.pages));
    result.insert("per_page".into(), json!(info.per_page));
    result.insert("total".into(), json!(info.total));
    Ok(ok(Value::Object(result)))
}

/// `GET …/{path}/{id}`: any vis_state.
pub fn get(call: &Call<'_>, id: &str) -> Result<Response, Failure> {
    let Call {
        app, spec, query, ..
    } = call;
    let (state, idx) = call.open()?;
    let business = &state.businesses[idx];
    let record = find(business, spec, id).map_err(|e| fail(app, e))?;
    Ok(ok(single(spec, business, record, query)))
}

/// `POST …/{path}` with `{"<single>": {…}}`.
pub fn create(call: &Call<'_>, body: &Bytes) -> Result<Response, Failure> {
    let Call { app, spec, .. } = call;
    let now = app.now();
    let (mut state, idx) = call.open_for_write()?;
    let input = envelope(body, spec.single).map_err(|e| fail(app, e))?;
    let fields = (spec.prepare)(&state.businesses[idx], None, &input).map_err(|e| fail(app, e))?;
    let id = state.next_id(spec.collection);
    let at = state.write_instant(now);
    call.save(&mut state.businesses[idx], Record::new(id, at, fields), at)
}

/// `PUT …/{path}/{id}`: a vis_state change ignores every other field.
pub fn update(call: &Call<'_>, id: &str, body: &Bytes) -> Result<Response, Failure> {
    let Call { app, spec, .. } = call;
    let now = app.now();
    let (mut state, idx) = call.open_for_write()?;
    let input = envelope(body, spec.single).map_err(|e| fail(app, e))?;
    let existing = find(&state.businesses[idx], spec, id)
        .map_err(|e| fail(app, e))?
        .clone();
    let wanted_vis = input
        .get("vis_state")
        .and_then(filters::value_text)
        .and_then(|v| v.parse::<u8>().ok());
    let mut record = existing.clone();
    match wanted_vis {
        Some(vis) if vis != existing.vis_state => {
            if vis > 2 {
                return Err(fail(
                    app,
                    Error::invalid(
                        1001,
                        spec.single,
                        "vis_state",
                        "vis_state must be 0, 1 or 2.",
                        &vis.to_string(),
                    ),
                ));
            }
            record.vis_state = vis;
        }
        _ => {
            record.fields = (spec.prepare)(&state.businesses[idx], Some(&existing), &input)
                .map_err(|e| fail(app, e))?;
        }
    }
    let at = state.write_instant(now);
    record.updated = at;
    call.save(&mut state.businesses[idx], record, at)
}

/// `DELETE …/{path}/{id}`: a soft delete (vis_state 1), like the documented PUT.
pub fn delete(call: &Call<'_>, id: &str) -> Result<Response, Failure> {
    let Call { app, spec, .. } = call;
    let now = app.now();
    let (mut state, idx) = call.open_for_write()?;
    let record_id = find(&state.businesses[idx], spec, id)
        .map_err(|e| fail(app, e))?
        .id;
    let at = state.write_instant(now);
    let business = &mut state.businesses[idx];
    if let Some(record) = business.record_mut(spec.collection, record_id) {
        record.vis_state = DELETED;
        record.updated = at;
    }
    after_write(spec, business, record_id, at);
    Ok(ok(json!({})))
}

/// Refuses writes for a role that may not write.
pub fn writable(business: &Business) -> Result<(), Error> {
    match business.access {
        Access::ReadWrite => Ok(()),
        Access::ReadOnly => Err(Error::Forbidden),
    }
}

/// Reads `{"<single>": {…}}` from a request body.
pub fn envelope(body: &Bytes, single: &str) -> Result<Map<String, Value>, Error> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| Error::BadRequest(format!("the body is not JSON: {e}")))?;
    match value {
        Value::Object(mut outer) => match outer.remove(single) {
            Some(Value::Object(inner)) => Ok(inner),
            _ => Err(Error::BadRequest(format!(
                "the body needs a \"{single}\" object"
            ))),
        },
        _ => Err(Error::BadRequest(format!(
            "the body needs a \"{single}\" object"
        ))),
    }
}

fn after_write(spec: &AccountingSpec, business: &mut Business, record_id: i64, at: DateTime<Utc>) {
    if let Some(after) = spec.after_write {
        after(business, record_id, at);
    }
}

fn find<'b>(business: &'b Business, spec: &AccountingSpec, id: &str) -> Result<&'b Record, Error> {
    id.trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| business.record(spec.collection, id))
        .ok_or_else(|| Error::not_found(spec.single, id))
}

fn single(spec: &AccountingSpec, business: &Business, record: &Record, query: &Query) -> Value {
    let mut result = Map::new();
    result.insert(
        spec.single.to_owned(),
        Value::Object(render(spec, business, record, query)),
    );
    Value::Object(result)
}

/// The record as FreshBooks sends it: its fields, ids, vis_state, `updated` in US/Eastern, then
/// whatever the resource adds (and lines only when `include[]=lines` asks).
fn render(
    spec: &AccountingSpec,
    business: &Business,
    record: &Record,
    query: &Query,
) -> Map<String, Value> {
    let mut out = record.fields.clone();
    out.insert("id".into(), json!(record.id));
    if let Some(alias) = spec.id_alias {
        out.insert(alias.into(), json!(record.id));
    }
    out.insert("vis_state".into(), json!(record.vis_state));
    out.insert(
        "updated".into(),
        json!(crate::timefmt::eastern(record.updated)),
    );
    (spec.render)(business, record, query, &mut out);
    if !query.includes("lines") {
        out.remove("lines");
    }
    out
}

/// `sort=<field>_asc|_desc`; otherwise by id, newest first, as FreshBooks lists.
fn sort(records: &mut [&Record], spec: &AccountingSpec, query: &Query) {
    let wanted = query.get("sort").and_then(|sort| {
        let (field, descending) = match sort.strip_suffix("_desc") {
            Some(field) => (field, true),
            None => (sort.strip_suffix("_asc").unwrap_or(sort), false),
        };
        let field = match spec.sort {
            SortRule::AnyField => field,
            SortRule::Only(names) => names
                .iter()
                .find(|(name, _)| *name == field)
                .map(|(_, real)| *real)?,
        };
        Some((field.to_owned(), descending))
    });
    match wanted {
        Some((field, descending)) => records.sort_by(|a, b| {
            let order = match (
                filters::field_text(a, &field),
                filters::field_text(b, &field),
            ) {
                (Some(x), Some(y)) => filters::compare(&x, &y),
                (x, y) => x.is_some().cmp(&y.is_some()),
            }
            .then(a.id.cmp(&b.id));
            if descending { order.reverse() } else { order }
        }),
        None => records.sort_by_key(|record| std::cmp::Reverse(record.id)),
    }
}
