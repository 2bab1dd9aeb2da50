//! The one error shape that crosses IPC.
//!
//! The UI switches on [`ErrorKind`] (sign in again, offline banner, read-only role) and shows
//! `message` and `action` as written; it never parses text.

use serde::{Deserialize, Serialize};

/// What kind of failure this is, so the UI can react without reading the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Not signed in, or FreshBooks revoked the sign-in.
    NotSignedIn,
    /// This role may not do this in this business.
    Forbidden,
    /// The record does not exist (any more).
    NotFound,
    /// FreshBooks or Ledgerline refused the values given.
    Validation,
    /// FreshBooks is rate limiting us; it will be retried.
    RateLimited,
    /// FreshBooks could not be reached.
    Offline,
    /// FreshBooks failed on its side.
    Server,
    /// The local database failed.
    Storage,
    /// The request from the UI was malformed (a bug in Ledgerline).
    BadRequest,
    /// Something inside Ledgerline failed (a bug in Ledgerline).
    Internal,
}

/// A failure as the UI sees it: a kind, a message for people, and what they can do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message} {action}")]
pub struct ErrorPayload {
    /// What kind of failure this is.
    pub kind: ErrorKind,
    /// What went wrong, in a sentence.
    pub message: String,
    /// What the user can do about it, in a sentence.
    pub action: String,
}

impl ErrorPayload {
    /// A payload of a kind with its message and action.
    pub fn new(kind: ErrorKind, message: impl Into<String>, action: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            action: action.into(),
        }
    }
}
