//! OAuth 2.0 as FreshBooks runs it: `GET /oauth/authorize` (consent page, or an immediate
//! redirect with auto-approve), `POST /auth/oauth/token` taking JSON or form bodies. Codes are
//! single-use and live 5 minutes; refresh tokens are single-use and rotate; PKCE parameters are
//! accepted and ignored. `GET /oauth/relay` serves Ledgerline's sign-in relay page (the one
//! `relay/index.html` of the repository), and `http://<the emulator's own address>/oauth/relay` is
//! always a registered redirect URI of the default app, so tests and the demo sign in through it.

use std::collections::HashMap;
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use chrono::{DateTime, TimeDelta, Utc};
use rand::Rng;
use serde_json::{Value, json};

use crate::config::{DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_REDIRECT_URI};
use crate::query::Query;
use crate::state::App;
use crate::store::{AccessGrant, CodeGrant, RefreshGrant, State as Store};

/// How long an authorization code lives.
const CODE_LIFETIME: TimeDelta = TimeDelta::minutes(5);
/// Scopes granted when the authorize request names none (the app's registered scopes).
pub use crate::scopes::REGISTERED_SCOPES;

/// The relay page's path.
pub const RELAY_PATH: &str = "/oauth/relay";

/// Ledgerline's sign-in relay page, from the repository (the file its README says to host).
pub const RELAY_PAGE: &str = include_str!("../../../relay/index.html");

/// The OAuth routes.
pub fn routes() -> Router<App> {
    Router::new()
        .route(
            "/oauth/authorize",
            get(authorize_page).post(authorize_decision),
        )
        .route("/auth/oauth/token", post(token))
}

/// The relay page's route. Not FreshBooks' (a static page the app's publisher hosts), so it is
/// wired outside the counting and fault layer.
pub fn relay_routes() -> Router<App> {
    Router::new().route(RELAY_PATH, get(relay_page))
}

/// `GET /oauth/relay`: the relay page, as a static host would serve it.
async fn relay_page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        RELAY_PAGE,
    )
        .into_response()
}

/// A fresh access/refresh pair for the demo user (used by the token endpoint and the control API).
pub fn mint(
    state: &mut Store,
    client_id: &str,
    scope: &str,
    ttl: Duration,
    now: DateTime<Utc>,
) -> (String, String) {
    let access = random_token();
    let refresh = random_token();
    let ttl = TimeDelta::from_std(ttl).unwrap_or(TimeDelta::MAX);
    state.grants.access.insert(
        access.clone(),
        AccessGrant {
            scope: scope.to_owned(),
            expires_at: now
                .checked_add_signed(ttl)
                .unwrap_or(DateTime::<Utc>::MAX_UTC),
        },
    );
    state.grants.refresh.insert(
        refresh.clone(),
        RefreshGrant {
            client_id: client_id.to_owned(),
            scope: scope.to_owned(),
        },
    );
    (access, refresh)
}

/// Every redirect URI registered for the default app: the default, the configured ones, and the
/// relay page at the address the browser used to reach this emulator (its `Host`).
fn registered_redirects(app: &App, headers: &HeaderMap) -> Vec<String> {
    let mut uris = vec![DEFAULT_REDIRECT_URI.to_owned()];
    uris.extend(app.config.extra_redirect_uris.iter().cloned());
    if let Some(host) = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && !h.contains(['/', '?', '#', '@']))
    {
        uris.push(format!("http://{host}{RELAY_PATH}"));
    }
    uris
}

/// What an authorize request asks for, once checked.
struct AuthorizeRequest {
    redirect_uri: String,
    state: Option<String>,
    scope: String,
}

/// Checks client_id and redirect_uri; a failure is shown to the user, never redirected.
fn check_authorize(
    app: &App,
    headers: &HeaderMap,
    query: &Query,
) -> Result<AuthorizeRequest, Box<Response>> {
    let client_id = query.get("client_id").unwrap_or_default();
    if client_id != DEFAULT_CLIENT_ID {
        return Err(Box::new(error_page(
            "Unknown application",
            "The client_id is not a registered application.",
        )));
    }
    let redirect_uri = query.get("redirect_uri").unwrap_or_default();
    if !registered_redirects(app, headers)
        .iter()
        .any(|uri| uri == redirect_uri)
    {
        return Err(Box::new(error_page(
            "Invalid redirect URI",
            "The redirect_uri does not match a URI registered for this application.",
        )));
    }
    Ok(AuthorizeRequest {
        redirect_uri: redirect_uri.to_owned(),
        state: query.get("state").map(str::to_owned),
        scope: query
            .get("scope")
            .filter(|s| !s.trim().is_empty())
            .unwrap_or(REGISTERED_SCOPES)
            .to_owned(),
    })
}

async fn authorize_page(
    State(app): State<App>,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let query = Query::parse(raw.as_deref());
    let request = match check_authorize(&app, &headers, &query) {
        Ok(request) => request,
        Err(page) => return *page,
    };
    if query.get("response_type") != Some("code") {
        return redirect_with(
            &request.redirect_uri,
            &[("error", "unsupported_response_type")],
            request.state.as_deref(),
        );
    }
    if app.config.auto_approve {
        return approve(&app, &request);
    }
    let (first, last, email) = {
        let state = app.state();
        (
            state.identity.first_name.clone(),
            state.identity.last_name.clone(),
            state.identity.email.clone(),
        )
    };
    let hidden: String = [
        "client_id",
        "redirect_uri",
        "state",
        "scope",
        "response_type",
    ]
    .iter()
    .filter_map(|name| {
        query.get(name).map(|value| {
            format!(
                "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
                escape(value)
            )
        })
    })
    .collect();
    let scopes: String = request
        .scope
        .split_whitespace()
        .map(|s| format!("<li>{}</li>", escape(s)))
        .collect();
    Html(format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>FreshBooks emulator: authorize</title></head>\
         <body><h1>Authorize Ledgerline</h1><p>Signed in as {} {} ({}).</p>\
         <p>The application asks for:</p><ul>{scopes}</ul>\
         <form method=\"post\" action=\"/oauth/authorize\">{hidden}\
         <button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\">Allow</button> \
         <button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Deny</button></form></body></html>",
        escape(&first),
        escape(&last),
        escape(&email)
    ))
    .into_response()
}

async fn authorize_decision(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    let query = Query::parse(std::str::from_utf8(&body).ok());
    let request = match check_authorize(&app, &headers, &query) {
        Ok(request) => request,
        Err(page) => return *page,
    };
    if query.get("decision") == Some("allow") {
        approve(&app, &request)
    } else {
        redirect_with(
            &request.redirect_uri,
            &[("error", "access_denied")],
            request.state.as_deref(),
        )
    }
}

fn approve(app: &App, request: &AuthorizeRequest) -> Response {
    let code = random_token();
    let expires_at = app.now() + CODE_LIFETIME;
    app.state().grants.codes.insert(
        code.clone(),
        CodeGrant {
            client_id: DEFAULT_CLIENT_ID.to_owned(),
            redirect_uri: request.redirect_uri.clone(),
            scope: request.scope.clone(),
            expires_at,
        },
    );
    redirect_with(
        &request.redirect_uri,
        &[("code", code.as_str())],
        request.state.as_deref(),
    )
}

fn redirect_with(redirect_uri: &str, pairs: &[(&str, &str)], state: Option<&str>) -> Response {
    let mut target = match url::Url::parse(redirect_uri) {
        Ok(url) => url,
        Err(_) => return error_page("Invalid redirect URI", "The redirect_uri is not a URL."),
    };
    {
        let mut query = target.query_pairs_mut();
        for (key, value) in pairs {
            query.append_pair(key, value);
        }
        if let Some(state) = state {
            query.append_pair("state", state);
        }
    }
    (
        StatusCode::FOUND,
        [(header::LOCATION, target.as_str().to_owned())],
    )
        .into_response()
}

fn error_page(title: &str, message: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Html(format!(
            "<!doctype html><html><body><h1>{}</h1><p>{}</p></body></html>",
            escape(title),
            escape(message)
        )),
    )
        .into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `POST /auth/oauth/token`.
async fn token(State(app): State<App>, headers: HeaderMap, body: Bytes) -> Response {
    let fields = match token_fields(&headers, &body) {
        Some(fields) => fields,
        None => {
            return token_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "The request body is neither JSON nor form fields.",
            );
        }
    };
    let field = |name: &str| fields.get(name).map(String::as_str).unwrap_or_default();
    let grant_type = field("grant_type");
    if grant_type != "authorization_code" && grant_type != "refresh_token" {
        return token_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "The authorization grant type is not supported by the authorization server.",
        );
    }
    if field("client_id") != DEFAULT_CLIENT_ID || field("client_secret") != DEFAULT_CLIENT_SECRET {
        return token_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
        );
    }
    let now = app.now();
    let ttl = app.config.access_token_ttl;
    let mut state = app.state();
    let scope = if grant_type == "authorization_code" {
        let code = field("code");
        if code.is_empty() {
            return token_error(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "The request is missing a required parameter: code.",
            );
        }
        // A code is spent by its first use, whether that use succeeds or not.
        match state.grants.codes.remove(code) {
            Some(grant)
                if grant.expires_at > now
                    && grant.redirect_uri == field("redirect_uri")
                    && grant.client_id == field("client_id") =>
            {
                grant.scope
            }
            _ => return invalid_grant(),
        }
    } else {
        match state.grants.refresh.remove(field("refresh_token")) {
            Some(grant) if grant.client_id == field("client_id") => grant.scope,
            _ => return invalid_grant(),
        }
    };
    let (access, refresh) = mint(&mut state, DEFAULT_CLIENT_ID, &scope, ttl, now);
    drop(state);
    Json(json!({
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": ttl.as_secs(),
        "refresh_token": refresh,
        "scope": scope,
        "created_at": now.timestamp(),
        "id_token": format!("emulator.{}.id", random_token()),
    }))
    .into_response()
}

fn invalid_grant() -> Response {
    token_error(
        StatusCode::BAD_REQUEST,
        "invalid_grant",
        "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
    )
}

fn token_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

/// Reads the token request's fields from a JSON object or a form body.
fn token_fields(headers: &HeaderMap, body: &Bytes) -> Option<HashMap<String, String>> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"))
        || body.first() == Some(&b'{');
    if is_json {
        let Value::Object(object) = serde_json::from_slice::<Value>(body).ok()? else {
            return None;
        };
        return Some(
            object
                .into_iter()
                .map(|(key, value)| {
                    let text = match value {
                        Value::String(text) => text,
                        other => other.to_string(),
                    };
                    (key, text)
                })
                .collect(),
        );
    }
    let text = std::str::from_utf8(body).ok()?;
    Some(
        url::form_urlencoded::parse(text.as_bytes())
            .into_owned()
            .collect(),
    )
}

fn random_token() -> String {
    let mut rng = rand::rng();
    (0..32)
        .map(|_| format!("{:02x}", rng.random::<u8>()))
        .collect()
}
