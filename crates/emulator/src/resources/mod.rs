//! One module per FreshBooks noun. Accounting nouns are described by an [`AccountingSpec`] that the
//! generic handlers in `families::accounting` (where the spec is defined) run; the business-id
//! families (projects, time entries, services) have their own handlers.

pub mod callbacks;
pub mod clients;
pub mod estimates;
pub mod invoices;
pub mod lines;
pub mod payments;
pub mod plain;
pub mod projects;
pub mod services;
pub mod time_entries;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::routing::get;
use serde_json::{Map, Value};

use crate::app::App;
use crate::families::accounting::{self, AccountingSpec};
use crate::query::Query;
use crate::store::Record;

/// Every accounting noun the emulator serves.
pub fn accounting_specs() -> [&'static AccountingSpec; 16] {
    [
        &clients::SPEC,
        &invoices::SPEC,
        &payments::SPEC,
        &estimates::SPEC,
        &plain::EXPENSES,
        &plain::CATEGORIES,
        &plain::TAXES,
        &plain::ITEMS,
        &plain::TASKS,
        &plain::STAFFS,
        &plain::CREDIT_NOTES,
        &plain::OTHER_INCOMES,
        &plain::BILLS,
        &plain::BILL_VENDORS,
        &plain::INVOICE_PROFILES,
        &callbacks::SPEC,
    ]
}

/// Routes of every accounting noun.
pub fn accounting_routes() -> Router<App> {
    let mut router = Router::new().route(
        "/accounting/account/{account_id}/invoices/invoices/{id}/pdf",
        get(invoices::pdf),
    );
    for spec in accounting_specs() {
        let base = format!(
            "/{}/account/{{account_id}}/{}",
            spec.family_prefix, spec.path
        );
        let list = move |State(app): State<App>,
                         Path(account): Path<String>,
                         headers: HeaderMap,
                         RawQuery(raw): RawQuery| async move {
            accounting::list(&call(&app, spec, &account, &headers, raw))
        };
        let create = move |State(app): State<App>,
                           Path(account): Path<String>,
                           headers: HeaderMap,
                           RawQuery(raw): RawQuery,
                           body: Bytes| async move {
            accounting::create(&call(&app, spec, &account, &headers, raw), &body)
        };
        let get_one = move |State(app): State<App>,
                            Path((account, id)): Path<(String, String)>,
                            headers: HeaderMap,
                            RawQuery(raw): RawQuery| async move {
            accounting::get(&call(&app, spec, &account, &headers, raw), &id)
        };
        let update = move |State(app): State<App>,
                           Path((account, id)): Path<(String, String)>,
                           headers: HeaderMap,
                           RawQuery(raw): RawQuery,
                           body: Bytes| async move {
            accounting::update(&call(&app, spec, &account, &headers, raw), &id, &body)
        };
        let delete = move |State(app): State<App>,
                           Path((account, id)): Path<(String, String)>,
                           headers: HeaderMap| async move {
            accounting::delete(&call(&app, spec, &account, &headers, None), &id)
        };
        router = router.route(&base, get(list).post(create)).route(
            &format!("{base}/{{id}}"),
            get(get_one).put(update).delete(delete),
        );
    }
    router
}

fn call<'a>(
    app: &'a App,
    spec: &'static AccountingSpec,
    account_id: &'a str,
    headers: &'a HeaderMap,
    raw_query: Option<String>,
) -> accounting::Call<'a> {
    accounting::Call {
        app,
        spec,
        account_id,
        headers,
        query: Query::parse(raw_query.as_deref()),
    }
}

/// Routes of the business-id families (projects, time tracking, comments).
pub fn business_routes() -> Router<App> {
    Router::new()
        .route(
            "/projects/business/{business_id}/projects",
            get(projects::list),
        )
        .route(
            "/projects/business/{business_id}/project",
            axum::routing::post(projects::create),
        )
        .route(
            "/projects/business/{business_id}/project/{id}",
            get(projects::get)
                .put(projects::update)
                .delete(projects::delete),
        )
        .route(
            "/timetracking/business/{business_id}/time_entries",
            get(time_entries::list).post(time_entries::create),
        )
        .route(
            "/timetracking/business/{business_id}/time_entries/{id}",
            get(time_entries::get)
                .put(time_entries::update)
                .delete(time_entries::delete),
        )
        .route(
            "/comments/business/{business_id}/services",
            get(services::list),
        )
        .route(
            "/comments/business/{business_id}/service",
            axum::routing::post(services::create),
        )
        .route(
            "/comments/business/{business_id}/service/{id}",
            get(services::get).put(services::update),
        )
        .route(
            "/comments/business/{business_id}/service/{id}/rate",
            get(services::get_rate)
                .post(services::put_rate)
                .put(services::put_rate),
        )
        .route(
            "/comments/business/{business_id}/service_rates",
            get(services::list_rates),
        )
}

/// Fields a client may not set: the server owns them.
const SERVER_OWNED: &[&str] = &["id", "vis_state", "updated", "created_at"];

/// The stored fields overlaid with the request's fields, except server-owned ones and `extra`.
pub fn merge(
    existing: Option<&Record>,
    input: &Map<String, Value>,
    extra_owned: &[&str],
) -> Map<String, Value> {
    let mut fields = existing
        .map(|record| record.fields.clone())
        .unwrap_or_default();
    for (key, value) in input {
        if SERVER_OWNED.contains(&key.as_str()) || extra_owned.contains(&key.as_str()) {
            continue;
        }
        fields.insert(key.clone(), value.clone());
    }
    fields
}

/// Sets `key` to `value` unless the fields already have it.
pub fn default_field(fields: &mut Map<String, Value>, key: &str, value: Value) {
    if !fields.contains_key(key) {
        fields.insert(key.to_owned(), value);
    }
}

/// A text field, or "" when absent.
pub fn text<'a>(fields: &'a Map<String, Value>, key: &str) -> &'a str {
    fields.get(key).and_then(Value::as_str).unwrap_or("")
}
