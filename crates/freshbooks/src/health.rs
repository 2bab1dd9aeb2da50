//! What a window can show of the client's dealings with FreshBooks without asking it anything:
//! whether the sign-in still works ([`SignInHealth`]) and whether requests are held back for a
//! while ([`Pause`]: FreshBooks asked to slow down, or did not answer, and a retry waits).
//!
//! Both are written by the one send path (`http.rs`) as requests go, kept in memory by the
//! [`crate::Client`] (shared by its clones) and read cheaply: a lock held for a copy. Changes to
//! the pause are also announced on a watch channel ([`crate::Client::pauses`]), so an owner can
//! tell its window at once instead of polling.

use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, Utc};
use ledgerline_model::error::ErrorPayload;
use tokio::sync::watch;

use crate::error::Error;

/// Whether the signed-in user's tokens still work, as the last request found them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInHealth {
    /// Signed in (or nothing has said otherwise yet); the access token is renewed as needed.
    Good,
    /// FreshBooks refused the renewal (or the renewed token): the user must sign in again.
    Refused,
    /// No tokens: never signed in here, or signed out.
    SignedOut,
    /// The place the tokens are kept (the OS keyring, or the file) could not be read or written.
    StoreUnreadable,
}

impl SignInHealth {
    /// What an error says of the sign-in, if anything.
    pub fn after(error: &Error) -> Option<SignInHealth> {
        match error {
            Error::TokenRevoked { .. } => Some(SignInHealth::Refused),
            Error::NotSignedIn => Some(SignInHealth::SignedOut),
            Error::TokenStore { .. } => Some(SignInHealth::StoreUnreadable),
            _ => None,
        }
    }
}

/// Requests held back until a moment: FreshBooks asked Ledgerline to slow down (a 429), or it
/// did not answer and a read waits before it is tried again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pause {
    /// Requests are tried again after this.
    pub until: DateTime<Utc>,
    /// Requests allowed in flight at once when the pause began (the app-wide limit, halved on
    /// each 429).
    pub in_flight: usize,
    /// What FreshBooks answered (or did not).
    pub reason: ErrorPayload,
}

/// The client's health, shared by its clones.
#[derive(Debug)]
pub(crate) struct Health {
    sign_in: Mutex<SignInHealth>,
    pause: Mutex<Option<Pause>>,
    /// Bumped at each new pause.
    pauses: watch::Sender<u64>,
}

impl Default for Health {
    fn default() -> Self {
        Health {
            sign_in: Mutex::new(SignInHealth::Good),
            pause: Mutex::new(None),
            pauses: watch::Sender::new(0),
        }
    }
}

impl Health {
    pub(crate) fn sign_in(&self) -> SignInHealth {
        *lock(&self.sign_in)
    }

    pub(crate) fn set_sign_in(&self, health: SignInHealth) {
        *lock(&self.sign_in) = health;
    }

    /// The pause in force at `now`, if any.
    pub(crate) fn pause(&self, now: DateTime<Utc>) -> Option<Pause> {
        lock(&self.pause).clone().filter(|p| p.until > now)
    }

    /// Records a pause; one that ends later than this one is kept.
    pub(crate) fn paused(&self, pause: Pause) {
        {
            let mut slot = lock(&self.pause);
            if slot.as_ref().is_some_and(|p| p.until > pause.until) {
                return;
            }
            *slot = Some(pause);
        }
        self.pauses.send_modify(|n| *n = n.wrapping_add(1));
    }

    pub(crate) fn pauses(&self) -> watch::Receiver<u64> {
        self.pauses.subscribe()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use chrono::TimeDelta;
    use ledgerline_model::error::{Action, ErrorCode, ErrorKind};

    use super::*;

    fn pause(at: DateTime<Utc>, secs: i64) -> Pause {
        Pause {
            until: at + TimeDelta::seconds(secs),
            in_flight: 2,
            reason: ErrorPayload::new(
                ErrorKind::RateLimited,
                ErrorCode::RateLimited {
                    retry_after_seconds: None,
                },
                "slow down",
                Action::None,
            ),
        }
    }

    #[test]
    fn a_pause_holds_until_it_ends() {
        let health = Health::default();
        let now = Utc::now();
        let mut changes = health.pauses();
        assert_eq!(health.pause(now), None);
        health.paused(pause(now, 10));
        assert!(changes.has_changed().unwrap());
        changes.borrow_and_update();
        assert_eq!(health.pause(now).map(|p| p.in_flight), Some(2));
        // A shorter one does not shorten it; it is over once its end is past.
        health.paused(pause(now, 3));
        assert_eq!(
            health.pause(now).map(|p| p.until),
            Some(now + TimeDelta::seconds(10))
        );
        assert_eq!(health.pause(now + TimeDelta::seconds(11)), None);
    }

    #[test]
    fn errors_tell_the_sign_in_s_health() {
        assert_eq!(
            SignInHealth::after(&Error::TokenRevoked { message: None }),
            Some(SignInHealth::Refused)
        );
        assert_eq!(
            SignInHealth::after(&Error::NotSignedIn),
            Some(SignInHealth::SignedOut)
        );
        assert_eq!(
            SignInHealth::after(&Error::NotFound { message: None }),
            None
        );
    }
}
