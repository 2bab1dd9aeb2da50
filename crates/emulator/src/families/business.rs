//! The business-id families: projects (`/projects/business/{business_id}/…`), time tracking
//! (`/timetracking/business/{business_id}/…`) and comments/services
//! (`/comments/business/{business_id}/…`). Bodies are `{"<single>": {…}}` both ways, lists put
//! paging in `meta`, and errors are `{"error": …}` / `{"errno": 2001, "error": {field: …}}`.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::{Failure, Family, business_not_authorized};
use crate::error::Error;
use crate::paging::PageInfo;

/// An error body of the business-id families.
pub fn error_response(error: &Error) -> Response {
    match error {
        Error::Unauthenticated => {
            (StatusCode::UNAUTHORIZED, Json(business_not_authorized())).into_response()
        }
        Error::Forbidden => (
            StatusCode::FORBIDDEN,
            Json(json!({"error": "You do not have permission to access this resource."})),
        )
            .into_response(),
        Error::NotFound { .. } => (
            StatusCode::NOT_FOUND,
            Json(json!({"error": "Requested resource could not be found."})),
        )
            .into_response(),
        Error::UnknownBusiness => StatusCode::NOT_FOUND.into_response(),
        Error::Invalid { field, message, .. } => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({"errno": 2001, "error": {field.as_str(): message}})),
        )
            .into_response(),
        Error::BadRequest(message) => {
            (StatusCode::BAD_REQUEST, Json(json!({"error": message}))).into_response()
        }
        Error::Io(_) | Error::StateFile(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(json!({"error": "Internal Server Error"})),
        )
            .into_response(),
    }
}

/// Wraps an error for these families.
pub fn fail(error: Error) -> Failure {
    Family::Business.fail(error)
}

/// `{"<plural>": [...], "meta": {page, pages, per_page, total, …extra}}`.
pub fn list_body(
    plural: &str,
    items: Vec<Value>,
    info: PageInfo,
    extra_meta: Map<String, Value>,
) -> Value {
    let mut meta = Map::new();
    meta.insert("page".into(), json!(info.page));
    meta.insert("pages".into(), json!(info.pages));
    meta.insert("per_page".into(), json!(info.per_page));
    meta.insert("total".into(), json!(info.total));
    meta.extend(extra_meta);
    let mut body = Map::new();
    body.insert(plural.to_owned(), Value::Array(items));
    body.insert("meta".into(), Value::Object(meta));
    Value::Object(body)
}

/// `{"<single>": {…}}`.
pub fn single_body(single: &str, item: Value) -> Value {
    let mut body = Map::new();
    body.insert(single.to_owned(), item);
    Value::Object(body)
}

/// Checks the token and finds the business by its integer id; returns the locked state and
/// the business index.
pub fn open<'a>(
    app: &'a crate::state::Shared,
    headers: &axum::http::HeaderMap,
    business_id: &str,
) -> Result<(std::sync::MutexGuard<'a, crate::store::State>, usize), Failure> {
    crate::bearer::authorize(app, headers).map_err(fail)?;
    let state = app.state();
    let idx = state
        .by_business_id(business_id)
        .ok_or_else(|| fail(Error::UnknownBusiness))?;
    Ok((state, idx))
}

/// Like [`open`], and refuses a role that may not write.
pub fn open_for_write<'a>(
    app: &'a crate::state::Shared,
    headers: &axum::http::HeaderMap,
    business_id: &str,
) -> Result<(std::sync::MutexGuard<'a, crate::store::State>, usize), Failure> {
    let (state, idx) = open(app, headers, business_id)?;
    super::accounting::writable(&state.businesses[idx]).map_err(fail)?;
    Ok((state, idx))
}

/// Reads `{"<single>": {…}}` from a request body.
pub fn envelope(body: &[u8], single: &str) -> Result<Map<String, Value>, Failure> {
    super::accounting::envelope(&axum::body::Bytes::copy_from_slice(body), single).map_err(fail)
}

/// `{"errno": 2001, "error": {field: "field required"}}`.
pub fn required(object: &'static str, field: &str) -> Failure {
    fail(Error::invalid(2001, object, field, "field required", ""))
}

/// An id from the path, or 404.
pub fn path_id(id: &str, object: &'static str) -> Result<i64, Failure> {
    id.trim()
        .parse::<i64>()
        .map_err(|_| fail(Error::not_found(object, id)))
}
