//! The control surface tests and benchmarks drive: fault and latency injection, request counters
//! per endpoint, token expiry and minting. [`Control`] is the in-process handle; the same
//! operations are served over HTTP under [`CONTROL_PREFIX`] (never counted or faulted):
//!
//! | method + path | body / answer |
//! |---|---|
//! | `GET /_emulator/health` | `ok` |
//! | `GET /_emulator/counts` | `{"GET /accounting/account/{account_id}/users/clients": 3, …}` |
//! | `DELETE /_emulator/counts` | resets the counters |
//! | `GET /_emulator/faults`, `PUT /_emulator/faults` | a `Faults` JSON object (missing fields = 0) |
//! | `DELETE /_emulator/faults` | no faults |
//! | `POST /_emulator/faults/script` | `["rate_limit", "reset", …]`: faults for the next requests |
//! | `PUT /_emulator/latency` | `{"ms": 250}` |
//! | `PUT /_emulator/legacy-errors` | `{"on_200": true}` |
//! | `POST /_emulator/tokens` | mints `{"access_token", "refresh_token", "expires_in"}` |
//! | `POST /_emulator/tokens/expire` | expires every access token now |
//! | `GET /_emulator/identity` | the demo user's businesses and ids |
//! | `GET /_emulator/webhooks` | registered callbacks with the verifier FreshBooks would send |
//! | `POST /_emulator/clock/advance` | `{"secs": 301}`: moves the token/code clock forward |
//! | `POST /_emulator/records/malform` | `{"business_id": 6120451, "resource": "time_entries", "id": 7, "field": "started_at", "value": "soon"}`: one stored record served with a field FreshBooks' documentation does not allow |
//! | `PUT /_emulator/clock` | `{"offset_secs": -900}`: the clock (tokens, change instants, `Date`) runs this far from the system's |
//! | `GET /_emulator/read-denials` | the [`ReadDenial`]s in force |
//! | `POST /_emulator/read-denials` | `{"resource": "expenses", "business": "zDmNq"}`: GETs of it answer 403 (business optional) |
//! | `DELETE /_emulator/read-denials` | every read allowed again |
//! | `GET /_emulator/hidden-resources` | the resources whose reads answer 404 |
//! | `POST /_emulator/hidden-resources` | `{"resource": "expenses", "business": "zDmNq"}`: GETs of it answer 404, as for an endpoint the account or its plan lacks (business optional) |
//! | `DELETE /_emulator/hidden-resources` | every resource offered again |

use std::collections::BTreeMap;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::config::DEFAULT_CLIENT_ID;
use crate::denials::ReadDenial;
use crate::faults::{FaultEngine, FaultKind, Faults};
use crate::oauth;
use crate::state::App;

/// Path prefix of the control API (fault injection, counters, token minting). Never a FreshBooks path.
pub const CONTROL_PREFIX: &str = "/_emulator";

/// Cheap-clone handle on a running emulator's state.
#[derive(Clone, Debug)]
pub struct Control {
    app: App,
}

/// The demo user and its businesses, for tests that skip `/users/me`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoIdentity {
    pub identity_id: i64,
    pub email: String,
    pub businesses: Vec<DemoBusiness>,
}

/// A registered webhook and the verifier FreshBooks would have sent to its URI.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookVerifier {
    pub account_id: String,
    pub callback_id: i64,
    pub event: String,
    pub uri: String,
    pub verifier: String,
    pub verified: bool,
}

/// An invoice sent by email through the API (`action_email`), as the emulator recorded it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentEmail {
    pub account_id: String,
    pub invoice_id: i64,
    pub recipients: Vec<String>,
    pub include_pdf: bool,
    /// When it was sent (RFC 3339).
    pub at: String,
}

/// One business of the demo user.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoBusiness {
    /// Integer id: projects, time tracking, services.
    pub business_id: i64,
    /// Short text id: accounting.
    pub account_id: String,
    pub business_uuid: String,
    pub name: String,
    pub role: String,
    /// Whether the role may write.
    pub can_write: bool,
    pub currency: String,
}

impl Control {
    pub(crate) fn new(app: App) -> Self {
        Control { app }
    }

    /// The shared state, for the crate's own tests.
    #[cfg(test)]
    pub(crate) fn app(&self) -> &App {
        &self.app
    }

    /// Replaces the fault settings (and restarts the fault RNG from `faults.seed`).
    pub fn set_faults(&self, faults: Faults) {
        *self.app.fault_engine() = FaultEngine::new(faults);
    }

    /// The fault settings in force (with what is left of the script).
    pub fn faults(&self) -> Faults {
        self.app.fault_engine().faults()
    }

    /// Queues faults for the next matching requests, after any already queued.
    pub fn push_faults(&self, kinds: &[FaultKind]) {
        let mut faults = self.faults();
        faults.script.extend_from_slice(kinds);
        let mut engine = self.app.fault_engine();
        *engine = FaultEngine::resume(faults, &engine);
    }

    /// Removes every fault.
    pub fn clear_faults(&self) {
        self.set_faults(Faults::default());
    }

    /// Sets the latency added to every API request.
    pub fn set_latency(&self, latency: Duration) {
        self.app.set_latency(latency);
    }

    /// Refuses reads (GET) of a resource with 403 from now on, as FreshBooks does for a role or
    /// a token's scopes without it. Adds to the denials already in force.
    pub fn deny_reads(&self, denial: ReadDenial) {
        self.app.read_denials().push(denial);
    }

    /// The read denials in force.
    pub fn read_denials(&self) -> Vec<ReadDenial> {
        self.app.read_denials().clone()
    }

    /// Allows every read again.
    pub fn clear_read_denials(&self) {
        self.app.read_denials().clear();
    }

    /// Answers reads (GET, lists and single records) of a resource with 404 in the family's shape
    /// from now on, as FreshBooks does for an endpoint this account or its plan does not offer
    /// (expenses on a plan without them). Adds to the resources already hidden; a read denial
    /// (403) of the same resource wins.
    pub fn hide_resource(&self, resource: ReadDenial) {
        self.app.hidden_resources().push(resource);
    }

    /// The resources hidden by [`Control::hide_resource`].
    pub fn hidden_resources(&self) -> Vec<ReadDenial> {
        self.app.hidden_resources().clone()
    }

    /// Offers every resource again.
    pub fn clear_hidden_resources(&self) {
        self.app.hidden_resources().clear();
    }

    /// Accounting validation errors with HTTP 200 (old shape) when on.
    pub fn set_legacy_errors_on_200(&self, on: bool) {
        self.app.legacy_errors_on_200.store(on, Ordering::Relaxed);
    }

    /// Requests served per endpoint: `"GET /accounting/account/{account_id}/users/clients"` → n.
    pub fn request_counts(&self) -> BTreeMap<String, u64> {
        self.app.counters().clone()
    }

    /// Requests served for one endpoint key (0 if none).
    pub fn request_count(&self, key: &str) -> u64 {
        self.app.counters().get(key).copied().unwrap_or(0)
    }

    /// Zeroes the counters.
    pub fn reset_counts(&self) {
        self.app.counters().clear();
    }

    /// Makes every access token issued so far expired (refresh tokens stay valid).
    pub fn expire_access_tokens(&self) {
        let now = self.app.now();
        let mut state = self.app.state();
        for grant in state.grants.access.values_mut() {
            grant.expires_at = now - chrono::TimeDelta::seconds(1);
        }
    }

    /// Moves the emulator's clock forward (expires codes and access tokens without waiting).
    pub fn advance_clock(&self, by: Duration) {
        self.app
            .advance_clock(chrono::TimeDelta::from_std(by).unwrap_or(chrono::TimeDelta::MAX));
    }

    /// Sets the emulator's clock `offset` away from the system clock (negative: behind). Token
    /// expiry, the instants records change at (what `updated_since` compares) and the `Date`
    /// header all read it: a server 15 minutes behind looks like a client clock 15 minutes fast.
    pub fn set_clock_offset(&self, offset: chrono::TimeDelta) {
        self.app.set_clock_offset(offset);
    }

    /// Pins the US/Eastern day the records live in (`create_date` defaults, overdue), or with
    /// None lets it follow the real clock again (see [`crate::Config::today`]).
    pub fn pin_today(&self, today: Option<chrono::NaiveDate>) {
        for business in &mut self.app.state().businesses {
            business.pinned_today = today;
        }
    }

    /// Stores `value` in one field of one record, as it is then served, however wrong for the
    /// field (a record some other FreshBooks client or an old bug wrote): for testing readers
    /// that must not stop on one unreadable record. The record counts as changed now. `resource`
    /// is a collection's snake_case name (`time_entries`, `clients` …); false when no such record.
    pub fn malform_record(
        &self,
        business_id: i64,
        resource: &str,
        id: i64,
        field: &str,
        value: serde_json::Value,
    ) -> bool {
        self.change_record(business_id, resource, id, |record| {
            record.fields.insert(field.to_owned(), value);
        })
    }

    /// Deletes one record as the FreshBooks website would, at once (no API request, so no
    /// latency or fault applies): the record turns `vis_state` 1, which hides a time entry from
    /// lists and single reads as its API delete does. False when no such record.
    pub fn delete_record(&self, business_id: i64, resource: &str, id: i64) -> bool {
        self.change_record(business_id, resource, id, |record| {
            record.vis_state = crate::store::DELETED;
        })
    }

    /// Changes one stored record in place, outside the API, and counts it as changed now (its
    /// `updated` and the business's write instant move, the state file is saved). False when
    /// no such record.
    fn change_record(
        &self,
        business_id: i64,
        resource: &str,
        id: i64,
        change: impl FnOnce(&mut crate::store::Record),
    ) -> bool {
        let Ok(collection) = serde_json::from_value::<crate::store::Collection>(json!(resource))
        else {
            return false;
        };
        let now = self.app.now();
        let mut state = self.app.state();
        let Some(idx) = state.businesses.iter().position(|b| b.id == business_id) else {
            return false;
        };
        if state.businesses[idx].record(collection, id).is_none() {
            return false;
        }
        let at = state.write_instant(now);
        let Some(record) = state.businesses[idx].record_mut(collection, id) else {
            return false;
        };
        change(record);
        record.updated = at;
        self.app.dirty.store(true, Ordering::Relaxed);
        true
    }

    /// A fresh (access, refresh) pair for the demo user, as if it had signed in.
    pub fn mint_tokens(&self) -> (String, String) {
        let now = self.app.now();
        let ttl = self.app.config.access_token_ttl;
        let mut state = self.app.state();
        oauth::mint(
            &mut state,
            DEFAULT_CLIENT_ID,
            oauth::REGISTERED_SCOPES,
            ttl,
            now,
        )
    }

    /// Every live webhook callback with its verifier (what FreshBooks would send to the URI).
    pub fn webhook_verifiers(&self) -> Vec<WebhookVerifier> {
        let state = self.app.state();
        let text = |record: &crate::store::Record, key: &str| {
            record
                .fields
                .get(key)
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        state
            .businesses
            .iter()
            .flat_map(|b| {
                b.records(crate::store::Collection::Callbacks)
                    .filter(|r| r.vis_state == 0)
                    .map(move |r| WebhookVerifier {
                        account_id: b.account_id.clone(),
                        callback_id: r.id,
                        event: text(r, "event"),
                        uri: text(r, "uri"),
                        verifier: text(r, crate::resources::callbacks::VERIFIER),
                        verified: r
                            .fields
                            .get("verified")
                            .and_then(serde_json::Value::as_bool)
                            .unwrap_or(false),
                    })
            })
            .collect()
    }

    /// Every invoice email sent through the API, per business in the order they were sent.
    pub fn sent_emails(&self) -> Vec<SentEmail> {
        let state = self.app.state();
        let mut res = Vec::new();
        for b in &state.businesses {
            for r in b.records(crate::store::Collection::Invoices) {
                let Some(serde_json::Value::Array(sent)) =
                    r.fields.get(crate::resources::invoices::SENT_EMAILS)
                else {
                    continue;
                };
                for email in sent {
                    res.push(SentEmail {
                        account_id: b.account_id.clone(),
                        invoice_id: r.id,
                        recipients: email
                            .get("recipients")
                            .and_then(serde_json::Value::as_array)
                            .map(|all| {
                                all.iter()
                                    .filter_map(|v| v.as_str().map(str::to_owned))
                                    .collect()
                            })
                            .unwrap_or_default(),
                        include_pdf: email
                            .get("include_pdf")
                            .and_then(serde_json::Value::as_bool)
                            .unwrap_or(false),
                        at: email
                            .get("at")
                            .and_then(serde_json::Value::as_str)
                            .unwrap_or_default()
                            .to_owned(),
                    });
                }
            }
        }
        res.sort_by(|a, b| a.at.cmp(&b.at));
        res
    }

    /// The demo user and its businesses, in `/users/me` order.
    pub fn demo_identity(&self) -> DemoIdentity {
        let state = self.app.state();
        DemoIdentity {
            identity_id: state.identity.identity_id,
            email: state.identity.email.clone(),
            businesses: state
                .businesses
                .iter()
                .map(|b| DemoBusiness {
                    business_id: b.id,
                    account_id: b.account_id.clone(),
                    business_uuid: b.uuid.clone(),
                    name: b.name.clone(),
                    role: b.role.clone(),
                    can_write: b.access == crate::store::Access::ReadWrite,
                    currency: b.currency.clone(),
                })
                .collect(),
        }
    }
}

/// The control routes (nested under the control prefix).
pub fn routes() -> Router<App> {
    Router::new()
        .route("/health", get(|| async { "ok" }))
        .route("/counts", get(counts).delete(reset_counts))
        .route(
            "/faults",
            get(get_faults).put(put_faults).delete(delete_faults),
        )
        .route("/faults/script", post(push_script))
        .route("/latency", put(put_latency))
        .route("/legacy-errors", put(put_legacy))
        .route("/tokens", post(mint))
        .route("/tokens/expire", post(expire))
        .route("/identity", get(identity))
        .route("/clock/advance", post(advance_clock))
        .route("/clock", put(put_clock))
        .route("/records/malform", post(malform))
        .route("/webhooks", get(webhooks))
        .route("/emails", get(emails))
        .route(
            "/read-denials",
            get(read_denials)
                .post(deny_reads)
                .delete(clear_read_denials),
        )
        .route(
            "/hidden-resources",
            get(hidden_resources)
                .post(hide_resource)
                .delete(clear_hidden_resources),
        )
}

async fn emails(State(app): State<App>) -> Response {
    Json(Control::new(app).sent_emails()).into_response()
}

async fn hidden_resources(State(app): State<App>) -> Response {
    Json(Control::new(app).hidden_resources()).into_response()
}

async fn hide_resource(State(app): State<App>, Json(resource): Json<ReadDenial>) -> Response {
    let control = Control::new(app);
    control.hide_resource(resource);
    Json(control.hidden_resources()).into_response()
}

async fn clear_hidden_resources(State(app): State<App>) -> StatusCode {
    Control::new(app).clear_hidden_resources();
    StatusCode::NO_CONTENT
}

async fn read_denials(State(app): State<App>) -> Response {
    Json(Control::new(app).read_denials()).into_response()
}

async fn deny_reads(State(app): State<App>, Json(denial): Json<ReadDenial>) -> Response {
    let control = Control::new(app);
    control.deny_reads(denial);
    Json(control.read_denials()).into_response()
}

async fn clear_read_denials(State(app): State<App>) -> StatusCode {
    Control::new(app).clear_read_denials();
    StatusCode::NO_CONTENT
}

async fn counts(State(app): State<App>) -> Response {
    Json(Control::new(app).request_counts()).into_response()
}

async fn reset_counts(State(app): State<App>) -> StatusCode {
    Control::new(app).reset_counts();
    StatusCode::NO_CONTENT
}

async fn get_faults(State(app): State<App>) -> Response {
    Json(Control::new(app).faults()).into_response()
}

async fn put_faults(State(app): State<App>, Json(faults): Json<Faults>) -> Response {
    let control = Control::new(app);
    control.set_faults(faults);
    Json(control.faults()).into_response()
}

async fn delete_faults(State(app): State<App>) -> StatusCode {
    Control::new(app).clear_faults();
    StatusCode::NO_CONTENT
}

async fn push_script(State(app): State<App>, Json(kinds): Json<Vec<FaultKind>>) -> Response {
    let control = Control::new(app);
    control.push_faults(&kinds);
    Json(control.faults()).into_response()
}

#[derive(Deserialize)]
struct LatencyBody {
    ms: u64,
}

async fn put_latency(State(app): State<App>, Json(body): Json<LatencyBody>) -> StatusCode {
    Control::new(app).set_latency(Duration::from_millis(body.ms));
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct LegacyBody {
    on_200: bool,
}

async fn put_legacy(State(app): State<App>, Json(body): Json<LegacyBody>) -> StatusCode {
    Control::new(app).set_legacy_errors_on_200(body.on_200);
    StatusCode::NO_CONTENT
}

async fn mint(State(app): State<App>) -> Response {
    let expires_in = app.config.access_token_ttl.as_secs();
    let (access, refresh) = Control::new(app).mint_tokens();
    Json(json!({"access_token": access, "refresh_token": refresh, "token_type": "Bearer", "expires_in": expires_in})).into_response()
}

async fn expire(State(app): State<App>) -> StatusCode {
    Control::new(app).expire_access_tokens();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct AdvanceBody {
    secs: u64,
}

async fn advance_clock(State(app): State<App>, Json(body): Json<AdvanceBody>) -> StatusCode {
    Control::new(app).advance_clock(Duration::from_secs(body.secs));
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct MalformBody {
    business_id: i64,
    resource: String,
    id: i64,
    field: String,
    value: serde_json::Value,
}

async fn malform(State(app): State<App>, Json(body): Json<MalformBody>) -> StatusCode {
    let done = Control::new(app).malform_record(
        body.business_id,
        &body.resource,
        body.id,
        &body.field,
        body.value,
    );
    if done {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::NOT_FOUND
    }
}

#[derive(Deserialize)]
struct ClockBody {
    offset_secs: i64,
}

async fn put_clock(State(app): State<App>, Json(body): Json<ClockBody>) -> StatusCode {
    Control::new(app).set_clock_offset(chrono::TimeDelta::seconds(body.offset_secs));
    StatusCode::NO_CONTENT
}

async fn webhooks(State(app): State<App>) -> Response {
    Json(Control::new(app).webhook_verifiers()).into_response()
}

async fn identity(State(app): State<App>) -> Response {
    Json(Control::new(app).demo_identity()).into_response()
}
