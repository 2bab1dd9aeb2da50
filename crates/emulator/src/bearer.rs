//! Bearer-token checks shared by every API family.

use axum::http::{HeaderMap, header};

use crate::error::{Error, Result};
use crate::state::Shared;

/// Checks `Authorization: Bearer <token>` against the live access tokens.
pub fn authorize(app: &Shared, headers: &HeaderMap) -> Result<()> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            value
                .strip_prefix("Bearer ")
                .or_else(|| value.strip_prefix("bearer "))
        })
        .map(str::trim)
        .ok_or(Error::Unauthenticated)?;
    let now = app.now();
    let state = app.state();
    match state.grants.access.get(token) {
        Some(grant) if grant.expires_at > now => Ok(()),
        _ => Err(Error::Unauthenticated),
    }
}
