//! `GET /auth/api/v1/users/me`: the demo user and its business memberships, wrapped in
//! `{"response": {…}}` with no `result` level. Each business carries all the fields FreshBooks'
//! SDKs read (address object, phone_number, business_clients, active, date_format, …).

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

use crate::bearer;
use crate::families::{Failure, Family};
use crate::state::App;
use crate::store::{Business, State as Store};
use crate::timefmt;

/// The identity route.
pub fn routes() -> Router<App> {
    Router::new().route("/auth/api/v1/users/me", get(me))
}

async fn me(State(app): State<App>, headers: HeaderMap) -> Result<Response, Failure> {
    bearer::authorize(&app, &headers).map_err(|e| Family::Identity.fail(e))?;
    let state = app.state();
    Ok(Json(json!({ "response": body(&state) })).into_response())
}

/// The `response` object of `/users/me`.
fn body(state: &Store) -> Value {
    let identity = &state.identity;
    let memberships: Vec<Value> = state.businesses.iter().map(membership).collect();
    let roles: Vec<Value> = state
        .businesses
        .iter()
        .map(|b| json!({"id": b.membership_id, "role": legacy_role(&b.role), "systemid": b.id, "userid": identity.id, "created_at": timefmt::utc_z(identity.created_at), "links": {"me": format!("/service/auth/v1/users/{}", identity.id)}, "accountid": b.account_id}))
        .collect();
    json!({
        "id": identity.id,
        "identity_id": identity.identity_id,
        "identity_uuid": format!("{:08x}-0000-4000-8000-{:012x}", identity.identity_id, identity.id),
        "first_name": identity.first_name,
        "last_name": identity.last_name,
        "email": identity.email,
        "language": "en",
        "confirmed_at": timefmt::utc_z(identity.created_at),
        "created_at": timefmt::utc_z(identity.created_at),
        "unconfirmed_email": null,
        "setup_complete": true,
        "phone_numbers": [{"title": "mobile", "phone_number": "416-555-0142"}],
        "addresses": [],
        "profession": {"id": 1, "business_id": state.businesses.first().map_or(0, |b| b.id), "title": "Designer", "company": "", "designation": null},
        "subscription_statuses": {},
        "business_memberships": memberships,
        "roles": roles,
        "permissions": {},
        "groups": [],
        "links": {"me": format!("/service/auth/v1/users/{}", identity.id), "roles": format!("/service/auth/v1/users/role/{}", identity.id)},
        "integrations": {},
    })
}

fn membership(business: &Business) -> Value {
    let address = &business.address;
    let phone = business.phone_number.as_ref().map_or(
        Value::Null,
        |number| json!({"id": business.id * 10 + 1, "phone_number": number}),
    );
    json!({
        "id": business.membership_id,
        "role": business.role,
        "unacknowledged_change": false,
        "fasttrack_token": null,
        "business": {
            "id": business.id,
            "business_uuid": business.uuid,
            "name": business.name,
            "account_id": business.account_id,
            "date_format": business.date_format,
            "address": {
                "id": address.id,
                "street": address.street,
                "city": address.city,
                "province": address.province,
                "country": address.country,
                "postal_code": address.postal_code,
            },
            "phone_number": phone,
            "business_clients": [],
            "active": true,
            "base_currency": business.currency,
            "status": "active",
        }
    })
}

/// The legacy `roles[]` vocabulary: owners and admins are `admin`, anyone else `client`.
fn legacy_role(role: &str) -> &'static str {
    match role {
        "owner" | "admin" => "admin",
        _ => "client",
    }
}
