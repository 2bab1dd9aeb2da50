//! [`Error`]: every way a FreshBooks call fails, classified so callers branch on methods
//! ([`Error::is_retryable`], [`Error::needs_sign_in`], [`Error::may_have_applied`]) and never on text.
//!
//! Each message is written for the person using Ledgerline and ends with what they can do.

use std::time::Duration;

use ledgerline_model::error::{Action, ErrorCode, ErrorKind, ErrorPayload};

/// A result whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A boxed error from a [`crate::TokenStore`] implementation.
pub type StoreError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Every way a FreshBooks call can fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No one is signed in (no tokens in the store).
    #[error("You are not signed in to FreshBooks. Sign in to continue.")]
    NotSignedIn,

    /// FreshBooks no longer accepts this sign-in (refresh token spent or revoked, or a 401 that
    /// a fresh token did not cure).
    #[error(
        "FreshBooks no longer accepts this sign-in{}. Sign in to FreshBooks again.",
        detail(.message)
    )]
    TokenRevoked {
        /// FreshBooks' explanation, if it gave one.
        message: Option<String>,
    },

    /// FreshBooks refused the app's own credentials (client id or secret).
    #[error(
        "FreshBooks refused Ledgerline's app credentials{}. Check the app's client id, secret and \
         redirect address, then sign in again.",
        detail(.message)
    )]
    AppRejected {
        /// FreshBooks' explanation, if it gave one.
        message: Option<String>,
    },

    /// The address the browser came back to does not belong to the sign-in we started
    /// (wrong or missing `state`): possibly forged, or from an older attempt.
    #[error(
        "This sign-in link does not match the sign-in Ledgerline started. Start signing in again."
    )]
    StateMismatch,

    /// The sign-in did not complete: the user declined, or FreshBooks sent an error back.
    #[error("Signing in to FreshBooks did not complete ({error}{}). Try signing in again.", detail(.description))]
    SignInFailed {
        /// FreshBooks' error code, e.g. `access_denied`.
        error: String,
        /// FreshBooks' explanation.
        description: Option<String>,
    },

    /// This user's role (or the scopes granted) does not allow this.
    #[error(
        "FreshBooks refused this because your role or the access you granted does not allow it{}. \
         Ask the business owner for more access, or discard the change.",
        detail(.message)
    )]
    Forbidden {
        /// FreshBooks' explanation, if it gave one.
        message: Option<String>,
    },

    /// The record does not exist, or an id of the wrong kind was used.
    #[error(
        "FreshBooks has no such record{}. It may have been deleted; sync to refresh your copy.",
        detail(.message)
    )]
    NotFound {
        /// FreshBooks' explanation, if it gave one.
        message: Option<String>,
    },

    /// FreshBooks refused the values sent.
    #[error("FreshBooks refused the change: {}{}. Correct it and try again, or discard the change.", .message.trim_end_matches('.'), field_note(.field))]
    Validation {
        /// The HTTP status (200 for old-style accounting errors).
        status: u16,
        /// FreshBooks' error number, if any.
        errno: Option<i64>,
        /// The field at fault, if named.
        field: Option<String>,
        /// FreshBooks' message.
        message: String,
    },

    /// FreshBooks is rate limiting this app.
    #[error("FreshBooks is asking Ledgerline to slow down{}. It will try again by itself; nothing is lost.", wait_note(.retry_after))]
    RateLimited {
        /// How long FreshBooks asked us to wait, when it said (it documents no `Retry-After`).
        retry_after: Option<Duration>,
    },

    /// FreshBooks failed on its side.
    #[error("FreshBooks had a problem on its side (HTTP {status}{}). Try again in a few minutes.", detail(.message))]
    Server {
        /// The HTTP status.
        status: u16,
        /// FreshBooks' explanation, if it gave one.
        message: Option<String>,
        /// Whether this answered a write (which may then have been applied in part).
        write: bool,
    },

    /// FreshBooks could not be reached (the request did not reach it, or a read failed midway).
    #[error(
        "Could not reach FreshBooks. Check your internet connection; Ledgerline will retry when it is back."
    )]
    Network {
        /// The underlying failure.
        #[source]
        source: reqwest::Error,
    },

    /// A write was sent but its answer never came (timeout, reset, truncated body), or came
    /// with success but could not be read (then `source` is the [`Error::Decode`]): it may or
    /// may not have been applied. Read the record back before sending it again.
    #[error(
        "FreshBooks did not confirm a change ({operation}). It may or may not have been saved; Ledgerline will check before sending it again."
    )]
    OutcomeUnknown {
        /// What was being done, e.g. `POST /accounting/account/…/users/clients`.
        operation: String,
        /// The underlying failure.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync + 'static>,
    },

    /// FreshBooks answered with JSON Ledgerline does not understand.
    #[error(
        "FreshBooks sent an answer Ledgerline does not understand (at `{path}` in {operation}: {message}). Update Ledgerline; if it persists, report it."
    )]
    Decode {
        /// What was being read.
        operation: String,
        /// The JSON path where decoding failed (`response.result.clients[3].updated`).
        path: String,
        /// What was wrong there.
        message: String,
    },

    /// The token store failed to save or load the sign-in.
    #[error(
        "Could not save the FreshBooks sign-in to secure storage. Check that the system keyring is unlocked, then try again."
    )]
    TokenStore {
        /// The store's error.
        #[source]
        source: StoreError,
    },

    /// A setting is invalid.
    #[error("The setting {setting} is invalid: {problem}. Correct it and start again.")]
    Config {
        /// The setting's name.
        setting: &'static str,
        /// What is wrong with it.
        problem: String,
    },
}

fn detail(message: &Option<String>) -> String {
    match message {
        Some(m) if !m.trim().is_empty() => format!(" (“{}”)", m.trim()),
        _ => String::new(),
    }
}

fn field_note(field: &Option<String>) -> String {
    match field {
        Some(f) if !f.is_empty() => format!(" (field `{f}`)"),
        _ => String::new(),
    }
}

fn wait_note(retry_after: &Option<Duration>) -> String {
    match retry_after.map(|d| d.as_secs()) {
        None => String::new(),
        Some(secs @ 0..120) => format!(" for {} s", secs.max(1)),
        Some(secs @ 120..7200) => format!(" for about {} minutes", secs.div_ceil(60)),
        Some(secs) => format!(" for about {} hours", secs.div_ceil(3600)),
    }
}

impl Error {
    /// Whether sending the same request again later may succeed *and is safe*: rate limiting,
    /// server errors on reads, network failures. Outcome-unknown writes are not retryable
    /// blindly (read back first), so this is `false` for them.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::RateLimited { .. } | Error::Network { .. } => true,
            Error::Server { write, .. } => !write,
            Error::NotSignedIn
            | Error::TokenRevoked { .. }
            | Error::AppRejected { .. }
            | Error::StateMismatch
            | Error::SignInFailed { .. }
            | Error::Forbidden { .. }
            | Error::NotFound { .. }
            | Error::Validation { .. }
            | Error::OutcomeUnknown { .. }
            | Error::Decode { .. }
            | Error::TokenStore { .. }
            | Error::Config { .. } => false,
        }
    }

    /// Whether only signing in again can fix this.
    pub fn needs_sign_in(&self) -> bool {
        matches!(
            self,
            Error::NotSignedIn
                | Error::TokenRevoked { .. }
                | Error::StateMismatch
                | Error::SignInFailed { .. }
        )
    }

    /// Whether this failure is final for this request: sending it again unchanged will fail the
    /// same way (validation, forbidden, not found, decode).
    pub fn is_permanent(&self) -> bool {
        matches!(
            self,
            Error::Forbidden { .. }
                | Error::NotFound { .. }
                | Error::Validation { .. }
                | Error::Decode { .. }
                | Error::AppRejected { .. }
                | Error::Config { .. }
        )
    }

    /// Whether a write that failed this way may nonetheless have been applied by FreshBooks, so
    /// the caller must read back before re-sending (FreshBooks has no idempotency keys).
    pub fn may_have_applied(&self) -> bool {
        matches!(
            self,
            Error::OutcomeUnknown { .. } | Error::Server { write: true, .. }
        )
    }

    /// How long to wait before retrying, when FreshBooks said.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Error::RateLimited { retry_after } => *retry_after,
            _ => None,
        }
    }

    /// The kind the UI switches on.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotSignedIn
            | Error::TokenRevoked { .. }
            | Error::StateMismatch
            | Error::SignInFailed { .. } => ErrorKind::NotSignedIn,
            Error::Forbidden { .. } => ErrorKind::Forbidden,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Validation { .. } => ErrorKind::Validation,
            Error::RateLimited { .. } => ErrorKind::RateLimited,
            Error::Network { .. } | Error::OutcomeUnknown { .. } => ErrorKind::Offline,
            Error::Server { .. } => ErrorKind::Server,
            Error::TokenStore { .. } => ErrorKind::Storage,
            // The app's registration or a setting is wrong: signing in cannot work until fixed.
            Error::AppRejected { .. } | Error::Config { .. } => ErrorKind::NotSignedIn,
            Error::Decode { .. } => ErrorKind::Internal,
        }
    }

    /// The payload that crosses IPC: kind, code with its details, message and the action that
    /// fixes it.
    pub fn to_payload(&self) -> ErrorPayload {
        let (code, action) = match self {
            Error::NotSignedIn => (ErrorCode::NotSignedIn, Action::SignIn),
            Error::TokenRevoked { .. } => (ErrorCode::SignInExpired, Action::SignIn),
            Error::AppRejected { .. } => (ErrorCode::AppRejected, Action::CheckAppRegistration),
            Error::StateMismatch => (ErrorCode::SignInStateMismatch, Action::SignIn),
            Error::SignInFailed { error, .. } => (
                ErrorCode::SignInFailed {
                    error: error.clone(),
                },
                Action::SignIn,
            ),
            Error::Forbidden { .. } => (ErrorCode::Forbidden, Action::AskOwner),
            Error::NotFound { .. } => (ErrorCode::RemoteNotFound, Action::Sync),
            Error::Validation { field, message, .. } => (
                ErrorCode::Rejected {
                    field: field.clone(),
                    message: message.clone(),
                },
                Action::FixValue,
            ),
            Error::RateLimited { retry_after } => (
                ErrorCode::RateLimited {
                    retry_after_seconds: retry_after.map(|d| d.as_secs()),
                },
                Action::None,
            ),
            Error::Network { .. } => (ErrorCode::Unreachable, Action::Retry),
            Error::OutcomeUnknown { .. } => (ErrorCode::OutcomeUnknown, Action::None),
            Error::Server { status, .. } => {
                (ErrorCode::ServerError { status: *status }, Action::Retry)
            }
            Error::TokenStore { .. } => (ErrorCode::TokenStore, Action::UnlockKeyring),
            Error::Config { setting, .. } => (
                ErrorCode::BadSetting {
                    setting: (*setting).to_owned(),
                },
                Action::CheckAppRegistration,
            ),
            Error::Decode { .. } => (ErrorCode::UnreadableAnswer, Action::UpdateApp),
        };
        ErrorPayload::new(self.kind(), code, self.to_string(), action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_what_to_do() {
        let errors = [
            Error::NotSignedIn,
            Error::TokenRevoked { message: None },
            Error::StateMismatch,
            Error::Forbidden {
                message: Some("Only admins".into()),
            },
            Error::NotFound { message: None },
            Error::Validation {
                status: 200,
                errno: Some(1012),
                field: Some("customerid".into()),
                message: "Customer not found.".into(),
            },
            Error::RateLimited {
                retry_after: Some(Duration::from_secs(3)),
            },
            Error::Server {
                status: 503,
                message: None,
                write: false,
            },
            Error::AppRejected { message: None },
            Error::SignInFailed {
                error: "access_denied".into(),
                description: None,
            },
            Error::OutcomeUnknown {
                operation: "POST /accounting/account/xVm3Q/users/clients".into(),
                source: "connection reset".into(),
            },
            Error::Decode {
                operation: "GET /accounting/account/xVm3Q/users/clients".into(),
                path: "response.result.clients[3].updated".into(),
                message: "expected a date and time, got \"soon\"".into(),
            },
            Error::TokenStore {
                source: "keyring locked".into(),
            },
            Error::Config {
                setting: "FRESHBOOKS_API_URL",
                problem: "“x” is not a URL".into(),
            },
        ];
        let texts: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            texts,
            [
                "You are not signed in to FreshBooks. Sign in to continue.",
                "FreshBooks no longer accepts this sign-in. Sign in to FreshBooks again.",
                "This sign-in link does not match the sign-in Ledgerline started. Start signing in again.",
                "FreshBooks refused this because your role or the access you granted does not allow it (“Only admins”). Ask the business owner for more access, or discard the change.",
                "FreshBooks has no such record. It may have been deleted; sync to refresh your copy.",
                "FreshBooks refused the change: Customer not found (field `customerid`). Correct it and try again, or discard the change.",
                "FreshBooks is asking Ledgerline to slow down for 3 s. It will try again by itself; nothing is lost.",
                "FreshBooks had a problem on its side (HTTP 503). Try again in a few minutes.",
                "FreshBooks refused Ledgerline's app credentials. Check the app's client id, secret and redirect address, then sign in again.",
                "Signing in to FreshBooks did not complete (access_denied). Try signing in again.",
                "FreshBooks did not confirm a change (POST /accounting/account/xVm3Q/users/clients). It may or may not have been saved; Ledgerline will check before sending it again.",
                "FreshBooks sent an answer Ledgerline does not understand (at `response.result.clients[3].updated` in GET /accounting/account/xVm3Q/users/clients: expected a date and time, got \"soon\"). Update Ledgerline; if it persists, report it.",
                "Could not save the FreshBooks sign-in to secure storage. Check that the system keyring is unlocked, then try again.",
                "The setting FRESHBOOKS_API_URL is invalid: “x” is not a URL. Correct it and start again.",
            ]
        );
        let payload = errors[0].to_payload();
        assert_eq!(payload.kind, ErrorKind::NotSignedIn);
        assert_eq!(payload.code, ErrorCode::NotSignedIn);
        assert_eq!(payload.action, Action::SignIn);
        assert_eq!(
            payload.message,
            "You are not signed in to FreshBooks. Sign in to continue."
        );
        for text in &texts {
            assert!(
                !text.contains("auth configure") && !text.contains("FRESHBOOKS_CLIENT"),
                "{text}"
            );
        }
    }

    #[test]
    fn long_waits_read_in_minutes_or_hours() {
        let text = |secs| {
            Error::RateLimited {
                retry_after: Some(Duration::from_secs(secs)),
            }
            .to_string()
        };
        assert!(text(0).contains("slow down for 1 s."), "{}", text(0));
        assert!(text(119).contains("for 119 s."));
        assert!(text(600).contains("for about 10 minutes."));
        assert!(text(86_400).contains("for about 24 hours."));
    }

    #[test]
    fn classification() {
        let server_read = Error::Server {
            status: 500,
            message: None,
            write: false,
        };
        let server_write = Error::Server {
            status: 500,
            message: None,
            write: true,
        };
        assert!(server_read.is_retryable());
        assert!(!server_write.is_retryable());
        assert!(server_write.may_have_applied());
        assert!(Error::TokenRevoked { message: None }.needs_sign_in());
        assert!(Error::NotFound { message: None }.is_permanent());
        assert!(Error::RateLimited { retry_after: None }.is_retryable());
    }
}
