//! [`Error`]: every way the core can fail, classified for retry and sign-in decisions, and turned
//! into the one [`ErrorPayload`] that crosses IPC.
//!
//! Messages are for people and say what to do. Retry policy asks [`Error::is_retryable`] and
//! [`Error::needs_sign_in`]; it never reads message text.

use ledgerline_model::error::{ErrorKind, ErrorPayload};

use crate::entity::{Entity, UnknownEntity};

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a core operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The local database failed.
    #[error(
        "the local database failed ({0}); close other copies of Ledgerline and try again, or move the data directory aside to start a fresh mirror"
    )]
    Storage(#[from] rusqlite::Error),
    /// The database schema could not be brought up to date.
    #[error(
        "the local database could not be upgraded ({0}); this copy of Ledgerline may be older than the data directory: update Ledgerline or use another --data-dir"
    )]
    Migration(#[from] rusqlite_migration::Error),
    /// A stored JSON document could not be read back.
    #[error(
        "a record in the local database is damaged ({0}); run `ledgerline-cli sync --full` to read it again from FreshBooks"
    )]
    StoredJson(#[from] serde_json::Error),
    /// The data directory could not be created or read.
    #[error("cannot use the data directory {path} ({source}); pick another with --data-dir")]
    DataDir {
        /// The directory.
        path: String,
        /// What the OS said.
        #[source]
        source: std::io::Error,
    },
    /// A background task died.
    #[error(
        "an internal task stopped unexpectedly ({0}); this is a bug in Ledgerline, please report it"
    )]
    TaskFailed(#[from] tokio::task::JoinError),
    /// FreshBooks (or the network) failed.
    #[error("{0}")]
    FreshBooks(#[from] ledgerline_freshbooks::Error),
    /// No business is chosen yet.
    #[error(
        "no business is chosen; run `ledgerline-cli businesses` to list them, then `ledgerline-cli use <business>`"
    )]
    NoCurrentBusiness,
    /// The business named matches none the user belongs to.
    #[error(
        "no business matches “{0}”; run `ledgerline-cli businesses` to see their ids and names (sync first if the list is empty)"
    )]
    UnknownBusiness(String),
    /// The business named matches several.
    #[error("“{given}” matches several businesses ({matches}); give its id or more of its name")]
    AmbiguousBusiness {
        /// What the user typed.
        given: String,
        /// The names it matches.
        matches: String,
    },
    /// A record named does not exist locally.
    #[error(
        "there is no {entity} record {id} in this business; run `ledgerline-cli sync` if it was just made in FreshBooks"
    )]
    NotFound {
        /// Its entity.
        entity: Entity,
        /// The id given.
        id: i64,
    },
    /// A value given by the user cannot be used.
    #[error("{field}: {problem}")]
    Invalid {
        /// The field or argument.
        field: &'static str,
        /// What is wrong and what to write instead.
        problem: String,
    },
    /// An entity name was not recognised.
    #[error(transparent)]
    UnknownEntity(#[from] UnknownEntity),
    /// A pending change cannot be undone because it is being sent or is already sent.
    #[error(
        "change #{0} is already on its way to FreshBooks or done, so it can no longer be undone; edit the record again instead"
    )]
    TooLateToUndo(i64),
    /// A conflict id that does not exist or is already resolved.
    #[error(
        "there is no open conflict #{0}; run `ledgerline-cli conflicts list` to see the open ones"
    )]
    NoSuchConflict(i64),
    /// The OS keyring failed or is missing.
    #[error("{0}")]
    Secrets(#[from] crate::secrets::SecretsError),
    /// A sync ran but some of its steps failed or changes could not be sent yet.
    #[error(
        "the sync did not finish: {failed} steps failed and {waiting} changes are still waiting; run `ledgerline-cli sync` again when FreshBooks is reachable ({first})"
    )]
    SyncIncomplete {
        /// Steps that failed.
        failed: usize,
        /// Changes not sent yet.
        waiting: usize,
        /// The first failure's message.
        first: String,
    },
    /// The sync finished, but changes wait on the user: FreshBooks refused some, or they
    /// conflict with changes made in FreshBooks.
    #[error(
        "the sync finished, but {refused} changes were refused by FreshBooks and {conflicts} conflict with changes made in FreshBooks; see why with `ledgerline-cli status`, settle conflicts with `ledgerline-cli conflicts list` and `conflicts resolve`, and drop a refused change with `ledgerline-cli undo <change>`"
    )]
    ChangesNeedYou {
        /// Changes FreshBooks refused.
        refused: usize,
        /// Changes in conflict.
        conflicts: usize,
    },
    /// The operation was cancelled.
    #[error("cancelled")]
    Cancelled,
}

impl Error {
    /// Whether trying again later may succeed without anyone doing anything.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::FreshBooks(e) => e.is_retryable(),
            // SQLITE_BUSY after the busy timeout: another writer held the database.
            Error::Storage(rusqlite::Error::SqliteFailure(e, _)) => matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ),
            Error::Cancelled | Error::SyncIncomplete { .. } => true,
            _ => false,
        }
    }

    /// Whether changes wait on a decision of the user (refused, or in conflict): syncing again
    /// will not help.
    pub fn needs_user(&self) -> bool {
        matches!(self, Error::ChangesNeedYou { .. })
    }

    /// Whether the user must sign in (again) before this can work.
    pub fn needs_sign_in(&self) -> bool {
        match self {
            Error::FreshBooks(e) => e.needs_sign_in(),
            Error::Secrets(e) => e.needs_sign_in(),
            _ => false,
        }
    }

    /// The payload the UI receives.
    pub fn to_payload(&self) -> ErrorPayload {
        let (kind, action) = match self {
            Error::FreshBooks(e) => return e.to_payload(),
            Error::Storage(_)
            | Error::Migration(_)
            | Error::StoredJson(_)
            | Error::DataDir { .. } => (
                ErrorKind::Storage,
                "Close other copies of Ledgerline and try again.",
            ),
            Error::TaskFailed(_) => (ErrorKind::Internal, "Please report this bug."),
            Error::NoCurrentBusiness => (ErrorKind::BadRequest, "Choose a business."),
            Error::UnknownBusiness(_) | Error::AmbiguousBusiness { .. } => {
                (ErrorKind::BadRequest, "Choose a business from the list.")
            }
            Error::NotFound { .. } => (ErrorKind::NotFound, "Sync, then try again."),
            Error::Invalid { .. } | Error::UnknownEntity(_) => {
                (ErrorKind::Validation, "Correct the value and try again.")
            }
            Error::TooLateToUndo(_) => (ErrorKind::Validation, "Edit the record again instead."),
            Error::NoSuchConflict(_) => (ErrorKind::NotFound, "Refresh the list of conflicts."),
            Error::Secrets(e) if e.needs_sign_in() => (ErrorKind::NotSignedIn, "Sign in again."),
            Error::Secrets(_) => (
                ErrorKind::Storage,
                "Unlock the keyring or use a token file.",
            ),
            Error::Cancelled => (ErrorKind::Offline, "Try again."),
            Error::SyncIncomplete { .. } => (ErrorKind::Offline, "Sync again later."),
            Error::ChangesNeedYou { .. } => (
                ErrorKind::Validation,
                "Review the refused changes and settle the conflicts.",
            ),
        };
        ErrorPayload::new(kind, self.to_string(), action)
    }
}

impl From<&Error> for ErrorPayload {
    fn from(err: &Error) -> Self {
        err.to_payload()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message a user can meet from the core, pinned: each says what to do.
    #[test]
    fn messages_say_what_to_do() {
        let errors = [
            Error::NoCurrentBusiness,
            Error::UnknownBusiness("Acme".into()),
            Error::AmbiguousBusiness {
                given: "acme".into(),
                matches: "Acme Design [1], Acme Build [2]".into(),
            },
            Error::NotFound {
                entity: Entity::Clients,
                id: 42,
            },
            Error::Invalid {
                field: "--rate",
                problem: "“x” is not an amount, such as 95 or 95.50".into(),
            },
            Error::TooLateToUndo(7),
            Error::NoSuchConflict(3),
            Error::Secrets(crate::secrets::SecretsError::NoKeyring(
                "no D-Bus session".into(),
            )),
            Error::SyncIncomplete {
                failed: 2,
                waiting: 1,
                first: "FreshBooks had a problem on its side (HTTP 503).".into(),
            },
            Error::ChangesNeedYou {
                refused: 1,
                conflicts: 2,
            },
            Error::FreshBooks(ledgerline_freshbooks::Error::NotSignedIn),
        ];
        let text: Vec<String> = errors
            .iter()
            .map(|e| {
                let p = e.to_payload();
                format!("{e}\n  kind={:?} action={}", p.kind, p.action)
            })
            .collect();
        insta::assert_snapshot!(text.join("\n"));
        assert!(Error::FreshBooks(ledgerline_freshbooks::Error::NotSignedIn).needs_sign_in());
        assert!(
            Error::SyncIncomplete {
                failed: 1,
                waiting: 0,
                first: String::new()
            }
            .is_retryable()
        );
        assert!(!Error::NoCurrentBusiness.is_retryable());
        let waiting_on_user = Error::ChangesNeedYou {
            refused: 0,
            conflicts: 1,
        };
        assert!(waiting_on_user.needs_user() && !waiting_on_user.is_retryable());
    }
}
