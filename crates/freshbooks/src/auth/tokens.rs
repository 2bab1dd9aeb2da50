//! The per-user session that keeps a [`TokenSet`] fresh (the pair itself is in
//! [`super::token_set`]).
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
//! - Two processes sharing one store: the session takes the store's cross-process refresh lock
//!   ([`TokenStore::lock_refresh`]), re-reads the store and adopts a pair another process saved,
//!   and holds the lock until its own new pair is saved; so the other process's refresh, waiting
//!   on the lock, finds the new pair instead of spending the dead token. After an
//!   `invalid_grant` it re-reads once more (a store that takes no lock, a pair rotated by a
//!   process that took none).

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::auth::oauth::OAuth;
use crate::auth::store::TokenStore;
use crate::error::{Error, Result};
use crate::secret::AccessToken;

// Re-exported so `auth::tokens::TokenSet`, its path before it had a file of its own, still works.
pub use crate::auth::token_set::TokenSet;

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
        // Other processes sharing the store refresh one at a time: held from the re-read below
        // until the new pair is saved, so a second one waits and then adopts the saved pair.
        let _cross_process = self
            .store
            .lock_refresh()
            .await
            .map_err(|source| Error::TokenStore { source })?;
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
