//! [`TokenStore`]: where the signed-in user's tokens are persisted, implemented by the caller.
//!
//! FreshBooks' refresh tokens are single-use, so the store is the source of truth: the client
//! saves every new pair *before* using it or returning it, and re-reads the store before a
//! refresh (another process sharing the store may have rotated the pair already), holding the
//! store's cross-process refresh lock from that read until the new pair is saved.

use std::sync::Mutex;

use futures::future::BoxFuture;

use crate::auth::token_set::TokenSet;
use crate::error::StoreError;

/// Persists one signed-in user's tokens. Implementations must make `save` durable before
/// returning `Ok` (the old refresh token is already dead by then).
pub trait TokenStore: Send + Sync + 'static {
    /// The saved tokens, if any.
    fn load(&self) -> BoxFuture<'_, Result<Option<TokenSet>, StoreError>>;
    /// Saves a new pair durably, replacing the old one.
    fn save<'a>(&'a self, tokens: &'a TokenSet) -> BoxFuture<'a, Result<(), StoreError>>;
    /// Forgets the tokens (sign out).
    fn clear(&self) -> BoxFuture<'_, Result<(), StoreError>>;

    /// Serializes refreshes with every other process sharing this store. The session takes it
    /// before re-reading the stored pair and holds it until the new pair is saved, so a second
    /// process waits, then finds and adopts the new pair instead of spending the dead refresh
    /// token and being signed out. A store no other process can share need not lock (the
    /// default); one kept on disk or in the OS keyring should (an OS file lock beside it).
    fn lock_refresh(&self) -> BoxFuture<'_, Result<RefreshLock, StoreError>> {
        Box::pin(async { Ok(RefreshLock::none()) })
    }
}

/// A held cross-process refresh lock (see [`TokenStore::lock_refresh`]); released on drop.
pub struct RefreshLock {
    _held: Option<Box<dyn Send + Sync>>,
}

impl RefreshLock {
    /// A lock held as long as `guard` lives (an open, locked file, say).
    pub fn new(guard: impl Send + Sync + 'static) -> Self {
        Self {
            _held: Some(Box::new(guard)),
        }
    }

    /// No lock: for a store only this process uses.
    pub fn none() -> Self {
        Self { _held: None }
    }
}

impl std::fmt::Debug for RefreshLock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RefreshLock")
            .field("held", &self._held.is_some())
            .finish()
    }
}

/// A store that keeps tokens in memory only: for tests and short-lived tools. Nothing survives
/// the process, so the user signs in again next time.
#[derive(Debug, Default)]
pub struct MemoryTokenStore {
    tokens: Mutex<Option<TokenSet>>,
}

impl MemoryTokenStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A store holding these tokens.
    pub fn with_tokens(tokens: TokenSet) -> Self {
        Self {
            tokens: Mutex::new(Some(tokens)),
        }
    }

    /// What the store holds now.
    pub fn current(&self) -> Option<TokenSet> {
        // A poisoned lock only means another thread panicked mid-assignment of a whole value.
        match self.tokens.lock() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    fn set(&self, tokens: Option<TokenSet>) {
        match self.tokens.lock() {
            Ok(mut guard) => *guard = tokens,
            Err(poisoned) => *poisoned.into_inner() = tokens,
        }
    }
}

impl TokenStore for MemoryTokenStore {
    fn load(&self) -> BoxFuture<'_, Result<Option<TokenSet>, StoreError>> {
        let current = self.current();
        Box::pin(async move { Ok(current) })
    }

    fn save<'a>(&'a self, tokens: &'a TokenSet) -> BoxFuture<'a, Result<(), StoreError>> {
        self.set(Some(tokens.clone()));
        Box::pin(async { Ok(()) })
    }

    fn clear(&self) -> BoxFuture<'_, Result<(), StoreError>> {
        self.set(None);
        Box::pin(async { Ok(()) })
    }
}
