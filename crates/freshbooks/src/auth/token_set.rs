//! [`TokenSet`]: a signed-in user's token pair as persisted, with its expiry arithmetic.
//!
//! The expiry is computed from the token response (FreshBooks' `created_at` and `expires_in`)
//! and checked against our clock; the session that refreshes it lives in [`super::tokens`].

use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::secret::{AccessToken, RefreshToken};

/// A signed-in user's tokens, as persisted by a [`TokenStore`](super::TokenStore).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenSet {
    /// The bearer token.
    pub access_token: AccessToken,
    /// The single-use refresh token.
    pub refresh_token: RefreshToken,
    /// When the access token stops working (UTC).
    pub expires_at: DateTime<Utc>,
    /// The scopes granted, space-separated, as FreshBooks reported them.
    pub scope: Option<String>,
}

/// Access tokens live 12 hours; used when FreshBooks omits `expires_in`.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(12 * 60 * 60);
/// The longest `expires_in` believed: a longer one is read as this (a token refreshed too early
/// costs one request; one believed valid for years would only fail later, with a 401).
const MAX_LIFETIME: TimeDelta = TimeDelta::days(30);

impl TokenSet {
    /// When a token issued now expires, from the token response's `created_at` (Unix seconds,
    /// FreshBooks' clock) and `expires_in`. The earlier of FreshBooks' reckoning and ours is
    /// taken, so a skewed clock on either side makes us refresh early rather than late — unless
    /// FreshBooks' reckoning says the token arrived already expired (a `created_at` of 0, in
    /// milliseconds, or a clock far behind): that one is ignored, or every request would spend
    /// a refresh.
    pub fn expiry(
        created_at: Option<i64>,
        expires_in: Option<Duration>,
        now: DateTime<Utc>,
    ) -> DateTime<Utc> {
        // A lifetime beyond any sane one (a value from the network) is capped rather than
        // trusted, and all arithmetic is checked: no answer can make this panic.
        let lifetime = TimeDelta::from_std(expires_in.unwrap_or(DEFAULT_LIFETIME))
            .unwrap_or(TimeDelta::MAX)
            .min(MAX_LIFETIME);
        let ours = now.checked_add_signed(lifetime).unwrap_or(now);
        let theirs = created_at
            .and_then(|secs| DateTime::<Utc>::from_timestamp(secs, 0))
            .and_then(|created| created.checked_add_signed(lifetime));
        match theirs {
            Some(theirs) if theirs > now => theirs.min(ours),
            _ => ours,
        }
    }

    /// Whether the access token should be refreshed at `now`, `margin` ahead of its expiry.
    pub fn needs_refresh(&self, now: DateTime<Utc>, margin: Duration) -> bool {
        let margin = TimeDelta::from_std(margin).unwrap_or(TimeDelta::zero());
        now + margin >= self.expires_at
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 8, h, m, 0).unwrap()
    }

    fn check(
        created_at: Option<i64>,
        expires_in: Option<u64>,
        now: DateTime<Utc>,
        expected: DateTime<Utc>,
    ) {
        let got = TokenSet::expiry(created_at, expires_in.map(Duration::from_secs), now);
        assert_eq!(
            got, expected,
            "created_at={created_at:?} expires_in={expires_in:?}"
        );
    }

    #[test]
    fn expiry_from_token_response() {
        let now = at(10, 0);
        // created_at agrees with our clock.
        check(Some(now.timestamp()), Some(43200), now, at(22, 0));
        // FreshBooks' clock is an hour behind: its reckoning is earlier, so it wins.
        check(Some(now.timestamp() - 3600), Some(43200), now, at(21, 0));
        // FreshBooks' clock is ahead: ours is earlier.
        check(Some(now.timestamp() + 3600), Some(43200), now, at(22, 0));
        // No created_at, no expires_in: 12 hours from now.
        check(None, None, now, at(22, 0));
        // A created_at that makes the token dead on arrival is ignored (0, or far behind).
        check(Some(0), Some(43200), now, at(22, 0));
        check(
            Some(now.timestamp() - 13 * 3600),
            Some(43200),
            now,
            at(22, 0),
        );
        // Milliseconds instead of seconds: far in the future, so ours is earlier.
        check(Some(now.timestamp() * 1000), Some(43200), now, at(22, 0));
        // Absurd values never panic: created_at at the end of time, expires_in of eons.
        check(Some(i64::MAX), Some(43200), now, at(22, 0));
        check(Some(8_000_000_000_000), Some(43200), now, at(22, 0));
        check(None, Some(u64::MAX), now, now + TimeDelta::days(30));
        check(None, Some(10_u64.pow(15)), now, now + TimeDelta::days(30));
        check(
            Some(now.timestamp()),
            Some(10_u64.pow(15)),
            now,
            now + TimeDelta::days(30),
        );
    }

    #[test]
    fn refreshes_within_the_margin() {
        let tokens = TokenSet {
            access_token: AccessToken::new("a"),
            refresh_token: RefreshToken::new("r"),
            expires_at: at(12, 0),
            scope: None,
        };
        let margin = Duration::from_secs(300);
        assert!(!tokens.needs_refresh(at(11, 54), margin));
        assert!(tokens.needs_refresh(at(11, 55), margin));
        assert!(tokens.needs_refresh(at(13, 0), margin));
    }
}
