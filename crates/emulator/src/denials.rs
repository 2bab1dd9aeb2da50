//! Read denials: GET requests for one resource refused with 403, as FreshBooks answers a user
//! whose role, or whose token's scopes, do not include reading it (an employee without access to
//! expenses, a token granted without `user:expenses:read`).
//!
//! Off unless a test or demo asks for it through [`crate::Control::deny_reads`] or
//! `POST /_emulator/read-denials`: scopes themselves are enforced by `crate::scopes` for the
//! token a test signed in with; a denial refuses a read whatever the token's scopes.
//! Only requests with a live token are refused (an expired token still gets its 401), and only
//! reads: writes keep the role checks they always had.

use serde::{Deserialize, Serialize};

/// Reads of one resource refused with 403 (in the family's own error shape).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadDenial {
    /// A segment of the request path that names the resource, as in FreshBooks' URLs:
    /// `expenses`, `clients`, `invoices`, `time_entries`, `projects`, `services` …
    pub resource: String,
    /// Only this business, given as it appears in the URL (its `account_id` for accounting
    /// paths, its integer `business_id` for projects, time tracking and services); every business
    /// when unset.
    #[serde(default)]
    pub business: Option<String>,
}

impl ReadDenial {
    /// Whether this denial covers a request path.
    pub fn covers(&self, path: &str) -> bool {
        let has = |wanted: &str| path.split('/').any(|segment| segment == wanted);
        has(&self.resource) && self.business.as_deref().is_none_or(has)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(resource: &str, business: Option<&str>, path: &str, expected: bool) {
        let denial = ReadDenial {
            resource: resource.into(),
            business: business.map(Into::into),
        };
        assert_eq!(denial.covers(path), expected, "{denial:?} on {path}");
    }

    #[test]
    fn covers_table() {
        check(
            "expenses",
            None,
            "/accounting/account/zDmNq/expenses/expenses",
            true,
        );
        check(
            "expenses",
            Some("zDmNq"),
            "/accounting/account/zDmNq/expenses/expenses/7",
            true,
        );
        check(
            "expenses",
            Some("AbCdE"),
            "/accounting/account/zDmNq/expenses/expenses",
            false,
        );
        check(
            "expenses",
            None,
            "/accounting/account/zDmNq/users/clients",
            false,
        );
        // Whole segments only: `expenses/categories` is not `categories_x`.
        check(
            "client",
            None,
            "/accounting/account/zDmNq/users/clients",
            false,
        );
        check(
            "time_entries",
            Some("12"),
            "/timetracking/business/12/time_entries",
            true,
        );
        check(
            "time_entries",
            Some("12"),
            "/timetracking/business/120/time_entries",
            false,
        );
    }
}
