//! Bearer-token checks shared by every API family.

use axum::http::{HeaderMap, header};

use crate::error::{Error, Result};
use crate::state::Shared;

/// Checks `Authorization: Bearer <token>` against the live access tokens.
pub fn authorize(app: &Shared, headers: &HeaderMap) -> Result<()> {
    live_scope(app, headers)
        .map(drop)
        .ok_or(Error::Unauthenticated)
}

/// The scopes (space-separated) granted to the request's token, if it is a live one.
pub fn live_scope(app: &Shared, headers: &HeaderMap) -> Option<String> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            value
                .strip_prefix("Bearer ")
                .or_else(|| value.strip_prefix("bearer "))
        })
        .map(str::trim)?;
    let now = app.now();
    let state = app.state();
    state
        .grants
        .access
        .get(token)
        .filter(|grant| grant.expires_at > now)
        .map(|grant| grant.scope.clone())
}
