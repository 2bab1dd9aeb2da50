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
        let old_errors = body
            .pointer("/response/errors")
            .and_then(Value::as_array)
            .is_some_and(|errors| !errors.is_empty());
        let new_shape = body
            .get("code")
            .and_then(Value::as_i64)
            .is_some_and(|c| c != 0)
            && body.get("details").is_some_and(Value::is_array);
        if !old_errors && !new_shape {
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
            _ => Failure::Error(validation(status, details)),
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
        500..=599 => Failure::Error(Error::Server {
            status,
            message: details.message,
            write,
        }),
        _ => Failure::Error(validation(status, details)),
    })
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
    // Accounting, old shape.
    if let Some(first) = body
        .pointer("/response/errors")
        .and_then(Value::as_array)
        .and_then(|errors| errors.first())
    {
        return Details {
            errno: int(first.get("errno")),
            field: text(first.get("field")),
            message: text(first.get("message")),
            code: None,
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
            };
        }
        Some(Value::String(error)) => {
            return Details {
                errno: int(body.get("errno")),
                field: None,
                message: text(body.get("error_description")).or_else(|| Some(error.clone())),
                code: None,
            };
        }
        _ => {}
    }
    Details {
        errno: int(body.get("errno")),
        field: text(body.get("field")),
        message: text(body.get("message")),
        code: None,
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
}
