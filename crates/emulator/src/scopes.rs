//! OAuth scopes: which scope each endpoint needs, and the layer that refuses a call its token's
//! scopes do not cover — 403 in the family's own error shape, as FreshBooks answers a role or a
//! scope without the right ("403 role/scope").
//!
//! The reference names the scopes (`user:<noun>:read|write`) but does not map endpoints to them;
//! the mapping here goes by noun, and its choices are stated in the README:
//! - a read (GET) needs `user:<noun>:read`; every other method needs `user:<noun>:write`; a write
//!   scope does not grant reads;
//! - identity (`/users/me`) needs `user:profile:read`; items, tasks and services (with their
//!   rates) are billable items; expense categories are expenses;
//! - endpoints of nouns the reference names no scope for (staff, credit notes, other incomes,
//!   bills, bill vendors, invoice profiles, webhook callbacks) need none beyond a live token.
//!
//! Only a live token is checked: a missing, unknown or expired one still gets its 401 from the
//! handler.

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::Error;
use crate::families::Family;
use crate::state::App;

/// The scopes the default app is registered with: granted when an authorize request names none,
/// and carried by tokens minted through the control API. Every scope an endpoint here needs.
pub const REGISTERED_SCOPES: &str = "user:profile:read user:clients:read user:clients:write user:invoices:read user:invoices:write user:time_entries:read user:time_entries:write user:projects:read user:projects:write user:expenses:read user:expenses:write user:payments:read user:payments:write user:taxes:read user:taxes:write user:estimates:read user:estimates:write user:billable_items:read user:billable_items:write user:teams:read user:business:read user:reports:read";

/// The scope a call needs, e.g. `user:clients:write`; `None` when it needs only a live token
/// (OAuth itself, and nouns the reference names no scope for).
pub fn needed(method: &Method, path: &str) -> Option<String> {
    let access = if matches!(*method, Method::GET | Method::HEAD) {
        "read"
    } else {
        "write"
    };
    let noun = noun_of(path)?;
    if noun == "profile" && access == "write" {
        return None;
    }
    Some(format!("user:{noun}:{access}"))
}

/// The scope noun of a path.
fn noun_of(path: &str) -> Option<&'static str> {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        ["auth", "api", "v1", "users", "me"] => Some("profile"),
        // /accounting/account/{account_id}/{group}/{noun}[/…]
        ["accounting", "account", _, group, noun, ..] => match (*group, *noun) {
            ("users", "clients") => Some("clients"),
            ("invoices", "invoices") => Some("invoices"),
            ("estimates", "estimates") => Some("estimates"),
            ("payments", "payments") => Some("payments"),
            ("expenses", "expenses" | "categories") => Some("expenses"),
            ("taxes", "taxes") => Some("taxes"),
            ("items", "items") | ("projects", "tasks") => Some("billable_items"),
            _ => None,
        },
        ["projects", "business", _, ..] => Some("projects"),
        ["timetracking", "business", _, ..] => Some("time_entries"),
        ["comments", "business", _, ..] => Some("billable_items"),
        _ => None,
    }
}

/// Whether a token granted `granted` (space-separated) may make a call that needs `scope`.
pub fn covers(granted: &str, scope: &str) -> bool {
    granted.split_whitespace().any(|s| s == scope)
}

/// The layer in front of the API routes: refuses a live token whose scopes do not cover the call.
pub async fn enforce(State(app): State<App>, req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if let Some(scope) = needed(req.method(), path)
        && let Some(granted) = crate::bearer::live_scope(&app, req.headers())
        && !covers(&granted, &scope)
    {
        return Family::of_path(path).fail(Error::Forbidden).into_response();
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_map_to_scopes() {
        let cases = [
            (
                Method::GET,
                "/auth/api/v1/users/me",
                Some("user:profile:read"),
            ),
            (
                Method::GET,
                "/accounting/account/xVm3Q/users/clients",
                Some("user:clients:read"),
            ),
            (
                Method::PUT,
                "/accounting/account/xVm3Q/users/clients/7",
                Some("user:clients:write"),
            ),
            (
                Method::GET,
                "/accounting/account/xVm3Q/invoices/invoices/7/pdf",
                Some("user:invoices:read"),
            ),
            (
                Method::POST,
                "/accounting/account/xVm3Q/expenses/categories",
                Some("user:expenses:write"),
            ),
            (
                Method::GET,
                "/accounting/account/xVm3Q/projects/tasks",
                Some("user:billable_items:read"),
            ),
            (Method::GET, "/accounting/account/xVm3Q/users/staffs", None),
            (
                Method::DELETE,
                "/projects/business/6120451/project/3",
                Some("user:projects:write"),
            ),
            (
                Method::POST,
                "/timetracking/business/6120451/time_entries",
                Some("user:time_entries:write"),
            ),
            (
                Method::GET,
                "/comments/business/6120451/service_rates",
                Some("user:billable_items:read"),
            ),
            (Method::POST, "/events/account/xVm3Q/events/callbacks", None),
            (Method::POST, "/auth/oauth/token", None),
            (Method::GET, "/oauth/authorize", None),
        ];
        for (method, path, scope) in cases {
            assert_eq!(needed(&method, path).as_deref(), scope, "{method} {path}");
            if let Some(scope) = scope {
                assert!(covers(REGISTERED_SCOPES, scope), "{scope} is registered");
            }
        }
    }

    #[test]
    fn a_scope_covers_only_itself() {
        assert!(covers(
            "user:clients:read user:clients:write",
            "user:clients:write"
        ));
        assert!(!covers("user:clients:write", "user:clients:read"));
        assert!(!covers("user:clients:read", "user:clients:readx"));
        assert!(!covers("", "user:clients:read"));
    }
}
