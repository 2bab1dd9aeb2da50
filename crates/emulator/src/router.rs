//! The route table: which handler answers each URL. The accounting nouns (one set of routes per
//! [`AccountingSpec`]) and the business-id families are listed here; OAuth, identity and the
//! control API bring their own short `routes()`. The FreshBooks families and OAuth go through
//! the counting / fault-injection layer and the scope check; the control API (under
//! [`CONTROL_PREFIX`]) does not.
//! Wiring only: it depends on the handler modules and [`crate::state`], and none of them on it.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware;
use axum::routing::get;

use crate::control::{self, CONTROL_PREFIX};
use crate::families::accounting::{self, AccountingSpec};
use crate::query::Query;
use crate::resources::{self, invoices, projects, services, time_entries};
use crate::state::App;
use crate::{identity, injection, oauth, scopes};

/// The whole HTTP surface: API families and OAuth (behind the counting/fault layer), then the
/// sign-in relay page and the control API (never faulted or counted).
pub fn router(app: App) -> Router {
    let api = Router::new()
        .merge(oauth::routes())
        .merge(identity::routes())
        .merge(accounting_routes())
        .merge(business_routes())
        // Inside the counting/fault layer: a call refused for its scopes is counted and faulted
        // like any other.
        .route_layer(middleware::from_fn_with_state(app.clone(), scopes::enforce))
        .route_layer(middleware::from_fn_with_state(
            app.clone(),
            injection::count_and_inject,
        ));
    Router::new()
        .merge(api)
        .merge(oauth::relay_routes())
        .nest(CONTROL_PREFIX, control::routes())
        .fallback(|| async { StatusCode::NOT_FOUND })
        .with_state(app)
}

/// Routes of every accounting noun.
fn accounting_routes() -> Router<App> {
    let mut router = Router::new().route(
        "/accounting/account/{account_id}/invoices/invoices/{id}/pdf",
        get(invoices::pdf),
    );
    for spec in resources::accounting_specs() {
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
fn business_routes() -> Router<App> {
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
