//! FreshBooks' error bodies, in every shape it sends, and how a status plus a body becomes an
//! [`Error`].
//!
//! Shapes (see the API reference):
//! - accounting, old: `{"response": {"errors": [{"errno", "field", "message", "object", "value"}]}}`,
//!   possibly with HTTP **200** — so a success status alone proves nothing;
//! - accounting, new: `{"code": 5, "message", "details": [{"reason": "1012", "metadata": {field, message}}]}`;
//! - projects / time tracking: `{"error": "text"}` or `{"errno": 2001, "error": {"<field>": "text"}}`,
//!   and a 401 of `{"message": "…"}`;
//! - identity and OAuth: `{"error": "unauthenticated", "error_description": "…"}`.
//!
//! A telling status (401, 403, 404, 429, 5xx) decides the kind; under a vague one (2xx, 400,
//! 422) the errno does, from FreshBooks' published list (see `by_errno`), and a validation error
//! is what is left.

use std::time::Duration;

use serde_json::Value;

use crate::error::Error;

/// What the body of an error says.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Details {
    pub(crate) errno: Option<i64>,
    pub(crate) field: Option<String>,
    pub(crate) message: Option<String>,
    /// The gRPC-style code of the new accounting shape.
    pub(crate) code: Option<i64>,
    /// The kind of record the error is about (`invoice`), when named.
    pub(crate) object: Option<String>,
}

/// A failed call: either FreshBooks refused the token (the caller refreshes once), or an error.
#[derive(Debug)]
pub(crate) enum Failure {
    Unauthorized(Option<String>),
    Error(Error),
}

/// Whether this answer is an error, and which.
pub(crate) fn classify(
    status: u16,
    body: Option<&Value>,
    retry_after: Option<Duration>,
    write: bool,
) -> Option<Failure> {
    let details = body.map(details).unwrap_or_default();
    if (200..300).contains(&status) {
        let body = body?;
        if !is_error_body(body) {
            return None;
        }
        return Some(match details.code {
            Some(5) => Failure::Error(Error::NotFound {
                message: details.message,
            }),
            Some(7) => Failure::Error(Error::Forbidden {
                message: details.message,
            }),
            Some(16) => Failure::Unauthorized(details.message),
            _ => by_errno(status, details, write),
        });
    }
    Some(match status {
        401 => Failure::Unauthorized(details.message),
        403 => Failure::Error(Error::Forbidden {
            message: details.message,
        }),
        404 | 410 => Failure::Error(Error::NotFound {
            message: details.message,
        }),
        429 => Failure::Error(Error::RateLimited { retry_after }),
        // Redirects are never followed (the bearer token would go along): an API that redirects
        // is at another address than the one configured (`http://` for `https://`, say).
        300..=399 => Failure::Error(Error::Config {
            setting: "FRESHBOOKS_API_URL",
            problem: format!(
                "FreshBooks answered with a redirect (HTTP {status}) instead of data; use its \
                 https:// address, or leave the setting unset"
            ),
        }),
        // A request timeout is FreshBooks giving up on us, not a refusal of the values.
        408 | 500..=599 => Failure::Error(Error::Server {
            status,
            message: details.message,
            write,
        }),
        // FreshBooks documents 409 as "being modified by another request": transient.
        409 => {
            let message = details.message.clone();
            match by_errno(status, details, write) {
                Failure::Error(Error::Validation { .. }) => Failure::Error(Error::Server {
                    status,
                    message,
                    write,
                }),
                other => other,
            }
        }
        // 400, 422 and the rest: what the body's errno says, else a validation error.
        _ => by_errno(status, details, write),
    })
}

/// Whether a success status carries an error body: accounting's old shape (FreshBooks sends it
/// with HTTP 200), the new shape, or the projects family's bare `{"error": …}`.
fn is_error_body(body: &Value) -> bool {
    let old_errors = body
        .pointer("/response/errors")
        .is_some_and(|errors| match errors {
            Value::Array(errors) => !errors.is_empty(),
            Value::Object(error) => !error.is_empty(),
            _ => false,
        });
    let new_shape = int(body.get("code")).is_some_and(|c| c != 0)
        && body.get("details").is_some_and(Value::is_array);
    // `{"error": "…"}` or `{"errno": 2001, "error": {…}}` and nothing else: no success answer of
    // any family is shaped like that (their records sit under `response` or a record key).
    let bare_error = body.as_object().is_some_and(|map| {
        map.get("error").is_some_and(|e| !e.is_null())
            && map.keys().all(|k| {
                matches!(
                    k.as_str(),
                    "error" | "errno" | "error_description" | "message" | "code"
                )
            })
    });
    old_errors || new_shape || bare_error
}

/// FreshBooks' accounting error numbers that mean more than "invalid value" (its published
/// list): 1011 the record is deleted, 1012 the record cannot be found, 1003 access denied, 1042
/// the account is inactive, 409 the record is being changed by another request at the same
/// time, 500 an unexpected failure on its side.
const ERRNO_DELETED: i64 = 1011;
const ERRNO_UNKNOWN_RESOURCE: i64 = 1012;
const ERRNO_ACCESS_DENIED: i64 = 1003;
const ERRNO_INACTIVE_ACCOUNT: i64 = 1042;
const ERRNO_CONFLICT: i64 = 409;
const ERRNO_UNEXPECTED: i64 = 500;

/// An error whose status says little (2xx with an error body, 400, 422, …), read by its errno.
///
/// "Not found" names the record addressed unless the error names a *field* pointing at another
/// record (`customerid` on an invoice being created): that stays a validation error carrying the
/// field, because the change itself must be corrected.
fn by_errno(status: u16, details: Details, write: bool) -> Failure {
    match details.errno {
        Some(ERRNO_DELETED | ERRNO_UNKNOWN_RESOURCE) if !names_other_record(&details) => {
            Failure::Error(Error::NotFound {
                message: details.message,
            })
        }
        Some(ERRNO_ACCESS_DENIED | ERRNO_INACTIVE_ACCOUNT) => Failure::Error(Error::Forbidden {
            message: details.message,
        }),
        // A concurrent change is transient: worth trying again, never "correct your values".
        Some(ERRNO_CONFLICT | ERRNO_UNEXPECTED) => Failure::Error(Error::Server {
            status,
            message: details.message,
            write,
        }),
        _ => Failure::Error(validation(status, details)),
    }
}

/// Whether the error's field refers to a record other than the one the error is about.
fn names_other_record(details: &Details) -> bool {
    let Some(field) = details
        .field
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
    else {
        return false;
    };
    if field == "id" {
        return false;
    }
    match details.object.as_deref() {
        // A client's own id is `userid`.
        Some("client") if field == "userid" => false,
        Some(object) => field != format!("{object}id"),
        None => true,
    }
}

fn validation(status: u16, details: Details) -> Error {
    Error::Validation {
        status,
        errno: details.errno,
        field: details.field,
        message: details
            .message
            .unwrap_or_else(|| format!("HTTP {status} without an explanation")),
    }
}

/// Reads errno, field and message from any of FreshBooks' error shapes.
pub(crate) fn details(body: &Value) -> Details {
    // Accounting, old shape (an array; a lone object is read the same).
    let old = body.pointer("/response/errors");
    if let Some(first) = old
        .and_then(Value::as_array)
        .and_then(|errors| errors.first())
        .or(old.filter(|e| e.is_object()))
    {
        return Details {
            errno: int(first.get("errno")),
            field: text(first.get("field")),
            message: text(first.get("message")),
            code: None,
            object: text(first.get("object")),
        };
    }
    // Accounting, new shape.
    if let Some(details) = body.get("details").and_then(Value::as_array) {
        let first = details.first();
        let metadata = first.and_then(|d| d.get("metadata"));
        return Details {
            errno: first.and_then(|d| int(d.get("reason"))),
            field: metadata.and_then(|m| text(m.get("field"))),
            message: metadata
                .and_then(|m| text(m.get("message")))
                .or_else(|| text(body.get("message"))),
            code: int(body.get("code")),
            object: metadata.and_then(|m| text(m.get("object"))),
        };
    }
    // Projects / time tracking: `error` as text or as {field: message}.
    match body.get("error") {
        Some(Value::Object(fields)) => {
            let first = fields.iter().next();
            return Details {
                errno: int(body.get("errno")),
                field: first.map(|(k, _)| k.clone()),
                message: first.and_then(|(_, v)| text(Some(v)).or_else(|| Some(v.to_string()))),
                code: None,
                object: None,
            };
        }
        Some(Value::String(error)) => {
            return Details {
                errno: int(body.get("errno")),
                field: None,
                message: text(body.get("error_description")).or_else(|| Some(error.clone())),
                code: None,
                object: None,
            };
        }
        _ => {}
    }
    Details {
        errno: int(body.get("errno")),
        field: text(body.get("field")),
        message: text(body.get("message")),
        code: None,
        object: None,
    }
}

fn int(v: Option<&Value>) -> Option<i64> {
    match v? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Array(items) => items.iter().find_map(|i| text(Some(i))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(status: u16, body: Value, expected: &str) {
        let got = match classify(status, Some(&body), None, false) {
            None => "ok".to_owned(),
            Some(Failure::Unauthorized(m)) => format!("unauthorized {m:?}"),
            Some(Failure::Error(e)) => format!("{e:?}"),
        };
        assert_eq!(got, expected, "{status} {body}");
    }

    #[test]
    fn every_shape() {
        check(
            200,
            json!({"response": {"result": {"client": {"id": 1}}}}),
            "ok",
        );
        check(
            200,
            json!({"response": {"errors": [{"errno": 1012, "field": "customerid", "message": "Customer not found.", "object": "invoice", "value": "999999"}]}}),
            r#"Validation { status: 200, errno: Some(1012), field: Some("customerid"), message: "Customer not found." }"#,
        );
        check(
            404,
            json!({"code": 5, "message": "Request failed with status_code: 404", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "1012", "domain": "accounting.api.freshbooks.com", "metadata": {"object": "client", "message": "Client not found.", "value": "9", "field": "userid"}}]}),
            r#"NotFound { message: Some("Client not found.") }"#,
        );
        check(
            400,
            json!({"code": 3, "message": "bad", "details": [{"reason": "2001", "metadata": {"field": "email", "message": "Invalid email."}}]}),
            r#"Validation { status: 400, errno: Some(2001), field: Some("email"), message: "Invalid email." }"#,
        );
        check(
            404,
            json!({"error": "Requested resource could not be found."}),
            r#"NotFound { message: Some("Requested resource could not be found.") }"#,
        );
        check(
            422,
            json!({"errno": 2001, "error": {"title": "field required"}}),
            r#"Validation { status: 422, errno: Some(2001), field: Some("title"), message: "field required" }"#,
        );
        check(
            401,
            json!({"message": "The server could not verify that you are authorized to access the URL requested."}),
            r#"unauthorized Some("The server could not verify that you are authorized to access the URL requested.")"#,
        );
        check(
            401,
            json!({"error": "unauthenticated", "error_description": "The access token is invalid"}),
            r#"unauthorized Some("The access token is invalid")"#,
        );
        check(
            403,
            json!({"message": "Forbidden"}),
            r#"Forbidden { message: Some("Forbidden") }"#,
        );
        check(
            503,
            json!({}),
            "Server { status: 503, message: None, write: false }",
        );
    }

    #[test]
    fn old_shape_on_200_is_read_by_its_errno() {
        // The addressed record is missing (field is its own id): not found, not "correct it".
        check(
            200,
            json!({"response": {"errors": [{"errno": 1012, "field": "userid", "message": "Client not found.", "object": "client", "value": "9"}]}}),
            r#"NotFound { message: Some("Client not found.") }"#,
        );
        check(
            200,
            json!({"response": {"errors": [{"errno": "1012", "field": "invoiceid", "message": "Invoice not found.", "object": "invoice", "value": "9"}]}}),
            r#"NotFound { message: Some("Invoice not found.") }"#,
        );
        check(
            200,
            json!({"response": {"errors": [{"errno": 1011, "message": "The resource referred to is deleted."}]}}),
            r#"NotFound { message: Some("The resource referred to is deleted.") }"#,
        );
        // A field pointing at another record: the change must be corrected, field kept.
        check(
            200,
            json!({"response": {"errors": [{"errno": 1012, "field": "customerid", "message": "Customer not found.", "object": "invoice", "value": "999999"}]}}),
            r#"Validation { status: 200, errno: Some(1012), field: Some("customerid"), message: "Customer not found." }"#,
        );
        check(
            200,
            json!({"response": {"errors": [{"errno": 1003, "message": "You do not have access to perform the action requested."}]}}),
            r#"Forbidden { message: Some("You do not have access to perform the action requested.") }"#,
        );
        check(
            200,
            json!({"response": {"errors": [{"errno": 500, "message": "The ORM encountered an unexpected error."}]}}),
            r#"Server { status: 200, message: Some("The ORM encountered an unexpected error."), write: false }"#,
        );
        // The same numbers under a vague status.
        check(
            400,
            json!({"response": {"errors": [{"errno": 1012, "field": "id", "message": "Not found.", "object": "estimate"}]}}),
            r#"NotFound { message: Some("Not found.") }"#,
        );
        // A lone error object instead of an array.
        check(
            200,
            json!({"response": {"errors": {"errno": 1001, "field": "email", "message": "Email is required."}}}),
            r#"Validation { status: 200, errno: Some(1001), field: Some("email"), message: "Email is required." }"#,
        );
        // The new shape with the code as a string, on a success status.
        check(
            200,
            json!({"code": "5", "message": "not found", "details": [{"reason": "1012", "metadata": {"object": "client", "field": "userid", "message": "Client not found."}}]}),
            r#"NotFound { message: Some("Client not found.") }"#,
        );
    }

    #[test]
    fn redirects_and_request_timeouts() {
        let got = match classify(301, None, None, false) {
            Some(Failure::Error(e)) => e.to_string(),
            other => format!("{other:?}"),
        };
        assert_eq!(
            got,
            "The setting FRESHBOOKS_API_URL is invalid: FreshBooks answered with a redirect (HTTP 301) instead of data; use its https:// address, or leave the setting unset. Correct it and start again."
        );
        check(
            408,
            json!({}),
            "Server { status: 408, message: None, write: false }",
        );
        // A concurrent change (FreshBooks' 409, as a status or an errno) is transient.
        check(
            409,
            json!({"response": {"errors": [{"errno": 409, "message": "The resource is being modified by another request."}]}}),
            r#"Server { status: 409, message: Some("The resource is being modified by another request."), write: false }"#,
        );
        check(
            200,
            json!({"response": {"errors": [{"errno": 409, "message": "Busy."}]}}),
            r#"Server { status: 200, message: Some("Busy."), write: false }"#,
        );
        check(
            409,
            json!({}),
            "Server { status: 409, message: None, write: false }",
        );
        check(
            200,
            json!({"response": {"errors": [{"errno": 1042, "message": "The account is inactive."}]}}),
            r#"Forbidden { message: Some("The account is inactive.") }"#,
        );
    }

    #[test]
    fn projects_errors_on_a_success_status_are_errors() {
        check(
            200,
            json!({"error": "Requested resource could not be found."}),
            r#"Validation { status: 200, errno: None, field: None, message: "Requested resource could not be found." }"#,
        );
        check(
            200,
            json!({"errno": 2001, "error": {"title": "field required"}}),
            r#"Validation { status: 200, errno: Some(2001), field: Some("title"), message: "field required" }"#,
        );
        // A record that merely has an `error` field among others is not an error.
        check(200, json!({"project": {"id": 1, "error": "x"}}), "ok");
        check(200, json!({"error": null, "project": {"id": 1}}), "ok");
    }
}
