//! URL families and their body shapes. FreshBooks' families disagree on envelopes, paging
//! placement and error bodies; this module and its children are where those shapes live, so
//! resource modules only deal with records.
//!
//! Error bodies:
//! - accounting, validation: old shape `{"response":{"errors":[{errno, field, message, object, value}]}}`
//!   with 422 (or HTTP 200 in legacy mode); not found: new shape `{"code":5,"message":…,"details":[ErrorInfo]}`.
//! - projects / time tracking / comments: `{"error": "…"}`, `{"errno": 2001, "error": {field: "field required"}}`,
//!   401 `{"message": "The server could not verify …"}`.
//! - identity and OAuth: `{"error", "error_description"}`.
//! - a wrong account_id / business_id: a bare 404 (no body) in every family.

pub mod accounting;
pub mod business;

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::error::Error;
use crate::faults::FaultKind;

/// Which API family a request belongs to; decides body shapes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// `/oauth/…` and `/auth/oauth/token`.
    OAuth,
    /// `/auth/api/v1/users/me`.
    Identity,
    /// `/accounting/account/{account_id}/…` (and `/events/account/…`, which is accounting style).
    Accounting,
    /// `/projects/business/{business_id}/…`, `/timetracking/…`, `/comments/…`.
    Business,
}

/// An error on its way out, in its family's shape.
#[derive(Debug)]
pub struct Failure {
    pub family: Family,
    pub error: Error,
    pub legacy_on_200: bool,
}

/// The server's 401 text in the projects family, as FreshBooks sends it.
const NOT_AUTHORIZED: &str = "The server could not verify that you are authorized to access the URL requested. You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.";

impl Family {
    /// The family of a request path.
    pub fn of_path(path: &str) -> Family {
        if path.starts_with("/accounting/") || path.starts_with("/events/") {
            Family::Accounting
        } else if path.starts_with("/auth/api/") {
            Family::Identity
        } else if path.starts_with("/oauth/") || path.starts_with("/auth/oauth/") {
            Family::OAuth
        } else {
            Family::Business
        }
    }

    /// Wraps an error for this family.
    pub fn fail(self, error: Error) -> Failure {
        Failure {
            family: self,
            error,
            legacy_on_200: false,
        }
    }

    /// The answer of an injected HTTP fault.
    pub fn fault_response(self, kind: FaultKind, retry_after: Option<u64>) -> Response {
        match kind {
            FaultKind::RateLimit => {
                let body = match self {
                    Family::Accounting => json!({"response": {"errors": [{
                        "errno": 429, "field": "", "message": "Too many requests. Please try again later.",
                        "object": "", "value": ""}]}}),
                    Family::Business => json!({"error": "Too many requests. Please try again later."}),
                    Family::Identity | Family::OAuth => {
                        json!({"error": "rate_limited", "error_description": "Too many requests."})
                    }
                };
                let mut res = (StatusCode::TOO_MANY_REQUESTS, Json(body)).into_response();
                if let Some(secs) = retry_after {
                    res.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(secs));
                }
                res
            }
            FaultKind::Unavailable => (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CONTENT_TYPE, "text/html")],
                "<html><body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>",
            )
                .into_response(),
            // Server errors, and any kind that is not an HTTP answer, render as a 500.
            _ => {
                let body = match self {
                    Family::Accounting => json!({"response": {"errors": [{
                        "errno": 500, "field": "", "message": "An internal error occurred.",
                        "object": "", "value": ""}]}}),
                    Family::Business => json!({"error": "Internal Server Error"}),
                    Family::Identity | Family::OAuth => {
                        json!({"error": "server_error", "error_description": "An internal error occurred."})
                    }
                };
                (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
            }
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let Failure {
            family,
            error,
            legacy_on_200,
        } = self;
        if matches!(error, Error::UnknownBusiness) {
            return StatusCode::NOT_FOUND.into_response();
        }
        match family {
            Family::Accounting => accounting::error_response(&error, legacy_on_200),
            Family::Business => business::error_response(&error),
            Family::Identity | Family::OAuth => identity_error_response(&error),
        }
    }
}

/// `{"error", "error_description"}` bodies of identity.
fn identity_error_response(error: &Error) -> Response {
    let (status, code) = match error {
        Error::Unauthenticated => (StatusCode::UNAUTHORIZED, "unauthenticated"),
        Error::Forbidden => (StatusCode::FORBIDDEN, "forbidden"),
        Error::NotFound { .. } | Error::UnknownBusiness => (StatusCode::NOT_FOUND, "not_found"),
        Error::Invalid { .. } | Error::BadRequest(_) => {
            (StatusCode::BAD_REQUEST, "invalid_request")
        }
        Error::Io(_) | Error::StateFile(_) => (StatusCode::INTERNAL_SERVER_ERROR, "server_error"),
    };
    let description = match error {
        Error::Unauthenticated => "This action requires authentication to continue.".to_owned(),
        other => other.to_string(),
    };
    (
        status,
        Json(json!({"error": code, "error_description": description})),
    )
        .into_response()
}

/// 401 body of the projects-style families.
pub fn business_not_authorized() -> serde_json::Value {
    json!({ "message": NOT_AUTHORIZED })
}
