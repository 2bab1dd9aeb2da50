//! [`TokenSet`] and the per-user session that keeps it fresh.
//!
//! One token pair serves every business of a signed-in user, so there is one session per user
//! (one [`crate::Client`], cloned freely) and refreshes are single-flight within it: the session's
//! async mutex is held across the refresh, so concurrent callers wait and then use the new pair.
//!
//! # Crash safety
//!
//! FreshBooks kills the old refresh token the moment it issues a new one. The new pair is
//! therefore saved to the [`TokenStore`] before it is used or returned. What that does and does
//! not protect:
//!
//! - A crash *after* the save: nothing is lost; the next start loads the new pair.
//! - A save that fails: the new pair stays in memory (marked unsaved) and the save is retried
//!   before every later request; the user stays signed in for as long as the process lives.
//! - A crash *between* FreshBooks answering the refresh and the save completing (or a refresh
//!   whose answer is lost in transit): the new pair exists only at FreshBooks and the stored
//!   refresh token is dead. This cannot be recovered — FreshBooks offers no way to fetch the
//!   pair again — and the user must sign in again. The window is one local write long.
//!   The old access token usually still works until its own expiry, but it cannot be renewed.
//! - A caller that stops waiting mid-refresh (a cancelled sync, a timeout around a call): the
//!   refresh runs in its own task from the moment it is sent until the new pair is saved, so
//!   dropping the caller's future cannot drop FreshBooks' answer.
//! - Two processes sharing one store: before refreshing, the session re-reads the store and
//!   adopts a pair another process saved, and after an `invalid_grant` it re-reads once more,
//!   so a concurrent rotation by the other process does not sign this one out.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::auth::oauth::OAuth;
use crate::auth::store::TokenStore;
use crate::error::{Error, Result};
use crate::secret::{AccessToken, RefreshToken};

/// A signed-in user's tokens, as persisted by a [`TokenStore`].
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

/// The session's state behind its lock.
#[derive(Debug, Default)]
struct State {
    /// Whether the store has been read yet.
    loaded: bool,
    tokens: Option<TokenSet>,
    /// The pair in `tokens` is newer than the store's (a save failed); save before using it.
    unsaved: bool,
}

/// One signed-in user's tokens, refreshed single-flight.
pub(crate) struct Session {
    store: Arc<dyn TokenStore>,
    // A tokio mutex: it is held across the refresh request on purpose (single flight). In an
    // `Arc` so that a refresh task can own the guard (see `refresh_detached`).
    state: Arc<Mutex<State>>,
}

impl Session {
    pub(crate) fn new(store: Arc<dyn TokenStore>) -> Self {
        Self {
            store,
            state: Arc::new(Mutex::new(State::default())),
        }
    }

    /// Refreshes in a task of its own that holds the session's lock until the new pair is
    /// saved, and waits for it. FreshBooks kills the old refresh token as soon as it answers, so
    /// the answer must reach the store even if the caller's future is dropped meanwhile.
    async fn refresh_detached(
        &self,
        mut state: OwnedMutexGuard<State>,
        oauth: &OAuth,
        now: DateTime<Utc>,
    ) -> Result<AccessToken> {
        let session = Session {
            store: self.store.clone(),
            state: self.state.clone(),
        };
        let oauth = oauth.clone();
        let task = tokio::spawn(async move {
            session.refresh_locked(&mut state, &oauth, now).await?;
            current_access(&state)
        });
        match task.await {
            Ok(res) => res,
            Err(join) if join.is_panic() => std::panic::resume_unwind(join.into_panic()),
            // Only when the runtime itself shuts down.
            Err(join) => Err(Error::OutcomeUnknown {
                operation: "token refresh".to_owned(),
                source: Box::new(join),
            }),
        }
    }

    /// A usable access token, refreshed first if it expires within `margin` of `now`.
    pub(crate) async fn access_token(
        &self,
        oauth: &OAuth,
        now: DateTime<Utc>,
        margin: Duration,
    ) -> Result<AccessToken> {
        let mut state = self.state.clone().lock_owned().await;
        self.ensure_loaded(&mut state).await?;
        self.ensure_saved(&mut state).await?;
        let needs_refresh = match &state.tokens {
            None => return Err(Error::NotSignedIn),
            Some(tokens) => tokens.needs_refresh(now, margin),
        };
        if needs_refresh {
            tracing::debug!("access token expires soon; refreshing ahead of time");
            return self.refresh_detached(state, oauth, now).await;
        }
        current_access(&state)
    }

    /// After a 401 with `failed`: refresh unless someone else already did, and return the token
    /// to retry with.
    pub(crate) async fn after_unauthorized(
        &self,
        oauth: &OAuth,
        failed: &AccessToken,
        now: DateTime<Utc>,
    ) -> Result<AccessToken> {
        let mut state = self.state.clone().lock_owned().await;
        self.ensure_loaded(&mut state).await?;
        self.ensure_saved(&mut state).await?;
        let already_replaced = match &state.tokens {
            None => return Err(Error::NotSignedIn),
            Some(tokens) => tokens.access_token != *failed,
        };
        if !already_replaced {
            tracing::debug!("FreshBooks refused the access token; refreshing once");
            return self.refresh_detached(state, oauth, now).await;
        }
        current_access(&state)
    }

    /// Saves and installs a pair from a fresh sign-in.
    pub(crate) async fn install(&self, tokens: TokenSet) -> Result<()> {
        let mut state = self.state.lock().await;
        state.loaded = true;
        state.tokens = Some(tokens);
        state.unsaved = true;
        self.ensure_saved(&mut state).await
    }

    /// Forgets the tokens here and in the store.
    pub(crate) async fn clear(&self) -> Result<()> {
        let mut state = self.state.lock().await;
        state.loaded = true;
        state.tokens = None;
        state.unsaved = false;
        self.store
            .clear()
            .await
            .map_err(|source| Error::TokenStore { source })
    }

    /// The current pair, loading it from the store if needed.
    pub(crate) async fn tokens(&self) -> Result<Option<TokenSet>> {
        let mut state = self.state.lock().await;
        self.ensure_loaded(&mut state).await?;
        Ok(state.tokens.clone())
    }

    async fn ensure_loaded(&self, state: &mut State) -> Result<()> {
        if !state.loaded {
            state.tokens = self
                .store
                .load()
                .await
                .map_err(|source| Error::TokenStore { source })?;
            state.loaded = true;
        }
        Ok(())
    }

    async fn ensure_saved(&self, state: &mut State) -> Result<()> {
        if state.unsaved {
            if let Some(tokens) = &state.tokens {
                self.store
                    .save(tokens)
                    .await
                    .map_err(|source| Error::TokenStore { source })?;
            }
            state.unsaved = false;
        }
        Ok(())
    }

    async fn refresh_locked(
        &self,
        state: &mut State,
        oauth: &OAuth,
        now: DateTime<Utc>,
    ) -> Result<()> {
        // Another process sharing the store may have rotated the pair already: adopt its pair
        // rather than spending our (then dead) refresh token.
        if let Some(stored) = self.load_different(state).await? {
            let fresh = !stored.needs_refresh(now, Duration::ZERO);
            state.tokens = Some(stored);
            if fresh {
                tracing::debug!("adopted a token pair another process saved");
                return Ok(());
            }
        }
        let Some(refresh_token) = state.tokens.as_ref().map(|t| t.refresh_token.clone()) else {
            return Err(Error::NotSignedIn);
        };
        let new = match oauth.refresh(&refresh_token, now).await {
            Ok(new) => new,
            Err(Error::TokenRevoked { message }) => {
                // Lost a race with another process? Its pair is in the store.
                if let Some(stored) = self.load_different(state).await? {
                    tracing::debug!("refresh token was spent elsewhere; adopted the stored pair");
                    state.tokens = Some(stored);
                    return Ok(());
                }
                return Err(Error::TokenRevoked { message });
            }
            Err(other) => return Err(other),
        };
        state.tokens = Some(new);
        state.unsaved = true;
        self.ensure_saved(state).await?;
        tracing::info!("FreshBooks tokens refreshed and saved");
        Ok(())
    }

    /// The stored pair, if it differs from the one in memory.
    async fn load_different(&self, state: &State) -> Result<Option<TokenSet>> {
        if state.unsaved {
            return Ok(None);
        }
        let stored = self
            .store
            .load()
            .await
            .map_err(|source| Error::TokenStore { source })?;
        Ok(stored.filter(|stored| {
            state
                .tokens
                .as_ref()
                .is_none_or(|ours| ours.refresh_token != stored.refresh_token)
        }))
    }
}

fn current_access(state: &State) -> Result<AccessToken> {
    state
        .tokens
        .as_ref()
        .map(|t| t.access_token.clone())
        .ok_or(Error::NotSignedIn)
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
