//! [`Error`]: every way the core can fail, classified for retry and sign-in decisions, and turned
//! into the one [`ErrorPayload`] that crosses IPC.
//!
//! Messages say what happened, for people, in words that fit any front end: none names a command
//! line, a flag or a file to edit. What to do is the payload's [`Action`], which the desktop app
//! shows as a button and the CLI as its own how-to. Retry policy asks [`Error::is_retryable`] and
//! [`Error::needs_sign_in`]; it never reads message text.

use ledgerline_model::entity::{Entity, UnknownEntity};
use ledgerline_model::error::{Action, ErrorCode, ErrorKind, ErrorPayload, FieldProblem};
use ledgerline_model::ids::TimeEntryId;

use crate::drafting::DraftError;

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a core operation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The local database failed.
    #[error("the local database failed ({0}); close other copies of Ledgerline and try again")]
    Storage(#[from] rusqlite::Error),
    /// The database schema could not be brought up to date.
    #[error(
        "the local database could not be upgraded ({0}); this copy of Ledgerline may be older than the data directory: update Ledgerline"
    )]
    Migration(#[from] rusqlite_migration::Error),
    /// A stored JSON document could not be read back.
    #[error("a record in the local database is damaged ({0})")]
    StoredJson(#[from] serde_json::Error),
    /// The data directory could not be created or read.
    #[error("cannot use the data directory {path} ({source})")]
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
    #[error("no business is chosen")]
    NoCurrentBusiness,
    /// The business named matches none the user belongs to.
    #[error("no business matches “{0}”")]
    UnknownBusiness(String),
    /// The business named matches several.
    #[error("“{given}” matches several businesses ({}); give its id or more of its name", .matches.join(", "))]
    AmbiguousBusiness {
        /// What the user typed.
        given: String,
        /// The businesses it matches, as `Name [id]`.
        matches: Vec<String>,
    },
    /// A record named does not exist locally.
    #[error("there is no {entity} record {id} in this business")]
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
        /// What is wrong.
        problem: FieldProblem,
    },
    /// No draft could be made.
    #[error("draft: {0}")]
    Draft(#[from] DraftError),
    /// An entity name was not recognised.
    #[error(transparent)]
    UnknownEntity(#[from] UnknownEntity),
    /// A pending change cannot be undone because it is being sent or is already sent.
    #[error(
        "change #{0} is already on its way to FreshBooks or done, so it can no longer be undone; edit the record again instead"
    )]
    TooLateToUndo(i64),
    /// A change was sent but its answer was lost: it may be in FreshBooks, so it cannot be undone
    /// until a look at FreshBooks (on the next sync) settles it.
    #[error(
        "change #{0} may already be in FreshBooks: it was sent but no answer came back, so it cannot be undone until Ledgerline has checked FreshBooks; sync, then undo it if it was not applied"
    )]
    InDoubt(i64),
    /// The time to draft changed since the preview the user saw.
    #[error(
        "the unbilled time changed since this preview (another window, the command line or a sync billed or changed some of it), so nothing was saved; look at the new preview and save again"
    )]
    DraftChanged,
    /// Time entries asked to be drafted are already billed, or in a draft not yet sent.
    #[error(
        "{} of these time entries are already billed or in a draft not yet sent (#{}); draft again to invoice only unbilled time",
        .0.len(),
        .0.iter().map(i64::to_string).collect::<Vec<_>>().join(", #")
    )]
    AlreadyBilled(Vec<i64>),
    /// FreshBooks shows time entries of a draft as billed already, so its invoice was not made.
    #[error(
        "FreshBooks shows {} of this draft's time entries as already billed (#{}), so its invoice was not made; undo the draft and draft again",
        .0.len(),
        .0.iter().map(i64::to_string).collect::<Vec<_>>().join(", #")
    )]
    BilledInFreshBooks(Vec<i64>),
    /// A time entry a draft not yet sent bills cannot be undone.
    #[error(
        "change #{change} cannot be undone while draft #{draft}, not yet sent, bills this time entry; undo the draft first"
    )]
    UsedByDraft {
        /// The change asked to be undone.
        change: i64,
        /// The draft that bills the entry.
        draft: i64,
    },
    /// A conflict id that does not exist or is already resolved.
    #[error("there is no open conflict #{0}")]
    NoSuchConflict(i64),
    /// The OS keyring failed or is missing.
    #[error("{0}")]
    Secrets(#[from] crate::secrets::SecretsError),
    /// Another Ledgerline on this computer holds the outbox and is sending its changes.
    #[error(
        "another Ledgerline (the desktop app, or another sync) is sending these changes right now"
    )]
    OtherSender,
    /// FreshBooks no longer lists a business for this sign-in; its unsent changes wait.
    #[error(
        "FreshBooks does not list {name} for this sign-in, so its unsent changes wait; sign in as one of its users to send them, or undo them"
    )]
    BusinessNotListed {
        /// The business.
        business: ledgerline_model::ids::BusinessId,
        /// The business's name.
        name: String,
    },
    /// A sync ran but some of its steps failed or changes could not be sent yet.
    #[error(
        "the sync did not finish: {failed} steps failed and {waiting} changes are still waiting{}",
        .first.as_ref().map(|f| format!(" ({})", f.message)).unwrap_or_default()
    )]
    SyncIncomplete {
        /// Steps that failed.
        failed: usize,
        /// Changes not sent yet.
        waiting: usize,
        /// The first failure.
        first: Option<ErrorPayload>,
    },
    /// The sync finished, but changes wait on the user: FreshBooks refused some, or they
    /// conflict with changes made in FreshBooks.
    #[error(
        "the sync finished, but {refused} changes were refused by FreshBooks and {conflicts} conflict with changes made in FreshBooks"
    )]
    ChangesNeedYou {
        /// Changes FreshBooks refused.
        refused: usize,
        /// Changes in conflict.
        conflicts: usize,
    },
    /// The offline copy was not removed: changes in it have not reached FreshBooks.
    #[error(
        "{0} changes made on this computer have not reached FreshBooks (waiting, being sent, unconfirmed, refused or in conflict), so the offline copy was kept and you are still signed in; send or undo them first, or choose to discard them"
    )]
    UnsentChanges(usize),
    /// The offline copy was not removed: another Ledgerline on this computer is sending from it.
    #[error(
        "another Ledgerline on this computer (the desktop app, or another sync) is sending changes from the offline copy right now, so it was kept and you are still signed in; try again when it has finished"
    )]
    OfflineCopyInUse,
    /// The offline copy was removed at sign-out; the handle on it can no longer be used.
    #[error(
        "the offline copy on this computer was removed at sign-out, so it can no longer be read or changed; a new one starts when Ledgerline opens its data folder again"
    )]
    OfflineCopyRemoved,
    /// The operation was cancelled.
    #[error("cancelled")]
    Cancelled,
    /// A timer already runs in this data folder (one at a time, whichever window started it).
    #[error(
        "a timer has been running since {started_at} (UTC); stop or discard it before starting another"
    )]
    TimerRunning {
        /// The business it runs for.
        business: ledgerline_model::ids::BusinessId,
        /// When it was started.
        started_at: chrono::DateTime<chrono::Utc>,
    },
    /// No timer runs (it was stopped or discarded, perhaps in another window).
    #[error("no timer is running; it may have been stopped in another window")]
    NoTimer,
    /// The invoice was drafted here and FreshBooks has not numbered it yet.
    #[error("FreshBooks does not have this invoice yet; it gets its number at the next sync")]
    InvoiceNotInFreshBooks {
        /// The queued change that creates it, when it still waits.
        pending_seq: Option<i64>,
    },
    /// Changes to the invoice wait to be sent.
    #[error("changes to this invoice have not reached FreshBooks yet; sync first")]
    InvoiceChangesWaiting,
    /// FreshBooks' answer to an email was lost and the invoice read back does not show it sent.
    #[error(
        "FreshBooks' answer was lost: the invoice may or may not have been emailed; check with the client or in FreshBooks before sending it again"
    )]
    EmailMaybeSent {
        /// FreshBooks' id of the invoice.
        invoice: i64,
    },
    /// Email addresses that cannot receive an invoice.
    #[error("{}", bad_recipients(.0))]
    BadEmailRecipients(Vec<String>),
    /// An address handed to the sign-in is not a sign-in answer for Ledgerline.
    #[error(
        "this address is not a Ledgerline sign-in answer ({reason}), so it was not used; start signing in again, and if the browser does not come back to Ledgerline by itself, paste the whole address it shows"
    )]
    NotASignInAddress {
        /// What is wrong with it.
        reason: String,
    },
    /// The sign-in answer's state matches no sign-in started in Ledgerline on this computer.
    #[error(
        "this sign-in answer does not match any sign-in started in Ledgerline on this computer, so it was not used; start signing in again from Ledgerline"
    )]
    SignInStateMismatch,
    /// The sign-in answer belongs to a sign-in started too long ago.
    #[error(
        "this sign-in answer belongs to a sign-in started more than {minutes} minutes ago, so it was not used; start signing in again"
    )]
    SignInStale {
        /// How long a sign-in is accepted, in minutes.
        minutes: i64,
    },
    /// The sign-in answer was used once already.
    #[error(
        "this sign-in answer was already used once, so it was not used again; if Ledgerline is not signed in, start signing in again"
    )]
    SignInReplayed,
    /// FreshBooks ended the sign-in with an error instead of a code.
    #[error("{}", sign_in_failed_sentence(.error, .description.as_deref()))]
    SignInFailed {
        /// FreshBooks' error code (`access_denied`, `invalid_scope` …).
        error: String,
        /// FreshBooks' explanation, if it gave one.
        description: Option<String>,
    },
}

/// What happened and what to do, for each error FreshBooks ends a sign-in with.
fn sign_in_failed_sentence(error: &str, description: Option<&str>) -> String {
    let said = description
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let short: String = d.chars().take(200).collect();
            format!(" (FreshBooks said: “{short}”)")
        })
        .unwrap_or_default();
    match error {
        "access_denied" => format!(
            "access to FreshBooks was declined, so Ledgerline is not signed in{said}; sign in again and choose to allow access"
        ),
        "invalid_scope" => format!(
            "FreshBooks refused the access Ledgerline asks for (invalid_scope){said}: the app's registration lacks some of the scopes Ledgerline needs; add them to the app in FreshBooks' developer portal, then sign in again"
        ),
        "unauthorized_client" | "invalid_client" => format!(
            "FreshBooks refused this app ({error}){said}; check the app's client id and redirect address in FreshBooks' developer portal, then sign in again"
        ),
        "server_error" | "temporarily_unavailable" => format!(
            "FreshBooks could not finish the sign-in on its side ({error}){said}; try again in a few minutes"
        ),
        "invalid_grant" => format!(
            "FreshBooks no longer accepts this sign-in answer: it expired or was already used{said}; sign in again"
        ),
        other => {
            format!("FreshBooks ended the sign-in with the error “{other}”{said}; sign in again")
        }
    }
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
            Error::Cancelled
            | Error::SyncIncomplete { .. }
            | Error::OtherSender
            | Error::OfflineCopyInUse => true,
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
            Error::NotASignInAddress { .. }
            | Error::SignInStateMismatch
            | Error::SignInStale { .. }
            | Error::SignInReplayed
            | Error::SignInFailed { .. } => true,
            _ => false,
        }
    }

    /// The payload the UI receives: kind, code with details, message and action.
    pub fn to_payload(&self) -> ErrorPayload {
        use ErrorKind as K;
        let (kind, code, action) = match self {
            Error::FreshBooks(e) => return e.to_payload(),
            Error::Storage(_) => (K::Storage, ErrorCode::Storage, Action::CloseOtherCopies),
            Error::Migration(_) => (K::Storage, ErrorCode::DatabaseUpgrade, Action::UpdateApp),
            Error::StoredJson(_) => (K::Storage, ErrorCode::DamagedRecord, Action::SyncEverything),
            Error::DataDir { path, .. } => (
                K::Storage,
                ErrorCode::DataFolder { path: path.clone() },
                Action::CloseOtherCopies,
            ),
            Error::TaskFailed(_) => (K::Internal, ErrorCode::InternalTask, Action::ReportBug),
            Error::NoCurrentBusiness => (
                K::BadRequest,
                ErrorCode::NoCurrentBusiness,
                Action::ChooseBusiness,
            ),
            Error::UnknownBusiness(given) => (
                K::BadRequest,
                ErrorCode::UnknownBusiness {
                    given: given.clone(),
                },
                Action::ChooseBusiness,
            ),
            Error::AmbiguousBusiness { given, matches } => (
                K::BadRequest,
                ErrorCode::AmbiguousBusiness {
                    given: given.clone(),
                    matches: matches.clone(),
                },
                Action::ChooseBusiness,
            ),
            Error::NotFound { entity, id } => (
                K::NotFound,
                ErrorCode::RecordNotFound {
                    entity: *entity,
                    id: *id,
                },
                Action::Sync,
            ),
            Error::Invalid { field, problem } => (
                K::Validation,
                ErrorCode::InvalidField {
                    field: (*field).to_owned(),
                    problem: problem.clone(),
                },
                Action::FixValue,
            ),
            Error::Draft(e) => (K::Validation, e.code(), Action::FixValue),
            Error::UnknownEntity(e) => (
                K::Validation,
                ErrorCode::UnknownEntity { given: e.0.clone() },
                Action::FixValue,
            ),
            Error::TooLateToUndo(change) => (
                K::Validation,
                ErrorCode::TooLateToUndo { change: *change },
                Action::EditAgain,
            ),
            Error::InDoubt(change) => (
                K::Validation,
                ErrorCode::ChangeInDoubt { change: *change },
                Action::Sync,
            ),
            Error::DraftChanged => (K::Validation, ErrorCode::DraftChanged, Action::Retry),
            Error::AlreadyBilled(entries) => (
                K::Validation,
                ErrorCode::EntriesAlreadyBilled {
                    entries: entries.iter().copied().map(TimeEntryId).collect(),
                },
                Action::Retry,
            ),
            Error::BilledInFreshBooks(entries) => (
                K::NeedsDecision,
                ErrorCode::BilledInFreshBooks {
                    entries: entries.iter().copied().map(TimeEntryId).collect(),
                },
                Action::ReviewChanges,
            ),
            Error::UsedByDraft { change, draft } => (
                K::Validation,
                ErrorCode::UsedByPendingDraft {
                    change: *change,
                    draft: *draft,
                },
                Action::ReviewChanges,
            ),
            Error::NoSuchConflict(conflict) => (
                K::NotFound,
                ErrorCode::NoSuchConflict {
                    conflict: *conflict,
                },
                Action::ReviewChanges,
            ),
            Error::Secrets(e) => {
                let (kind, action) = match e {
                    crate::secrets::SecretsError::Damaged => (K::NotSignedIn, Action::SignIn),
                    crate::secrets::SecretsError::File { .. } => (K::Storage, Action::FixValue),
                    crate::secrets::SecretsError::NoKeyring(_)
                    | crate::secrets::SecretsError::Keyring(_)
                    | crate::secrets::SecretsError::TooLarge { .. } => {
                        (K::Storage, Action::UnlockKeyring)
                    }
                };
                (kind, e.code(), action)
            }
            Error::OtherSender => (K::Busy, ErrorCode::OtherSender, Action::None),
            Error::TimerRunning {
                business,
                started_at,
            } => (
                K::Validation,
                ErrorCode::TimerRunning {
                    business: *business,
                    started_at: *started_at,
                },
                Action::None,
            ),
            Error::NoTimer => (K::NotFound, ErrorCode::NoTimer, Action::None),
            Error::InvoiceNotInFreshBooks { pending_seq } => (
                K::Validation,
                ErrorCode::InvoiceNotInFreshBooks {
                    pending_seq: *pending_seq,
                },
                Action::Sync,
            ),
            Error::InvoiceChangesWaiting => (
                K::Validation,
                ErrorCode::InvoiceChangesWaiting,
                Action::Sync,
            ),
            Error::EmailMaybeSent { invoice } => (
                K::NeedsDecision,
                ErrorCode::EmailMaybeSent { invoice: *invoice },
                Action::None,
            ),
            Error::BadEmailRecipients(recipients) => (
                K::Validation,
                ErrorCode::BadEmailRecipients {
                    recipients: recipients.clone(),
                },
                Action::FixValue,
            ),
            // Signed in, but as someone FreshBooks does not list in this business.
            Error::BusinessNotListed { business, name } => (
                K::NeedsDecision,
                ErrorCode::BusinessNotListed {
                    business: *business,
                    business_name: name.clone(),
                },
                Action::SignIn,
            ),
            // The first failure says what kind of trouble it was and what fixes it.
            Error::SyncIncomplete {
                failed,
                waiting,
                first,
            } => (
                first.as_ref().map_or(K::Offline, |f| f.kind),
                ErrorCode::SyncIncomplete {
                    failed: *failed,
                    waiting: *waiting,
                },
                first.as_ref().map_or(Action::Retry, |f| f.action),
            ),
            Error::ChangesNeedYou { refused, conflicts } => (
                K::NeedsDecision,
                ErrorCode::ChangesNeedYou {
                    refused: *refused,
                    conflicts: *conflicts,
                },
                Action::ReviewChanges,
            ),
            Error::UnsentChanges(changes) => (
                K::NeedsDecision,
                ErrorCode::UnsentChanges { changes: *changes },
                Action::ReviewChanges,
            ),
            Error::OfflineCopyInUse => (K::Busy, ErrorCode::OfflineCopyInUse, Action::Retry),
            Error::OfflineCopyRemoved => (K::Storage, ErrorCode::OfflineCopyRemoved, Action::None),
            Error::Cancelled => (K::Cancelled, ErrorCode::Cancelled, Action::Retry),
            Error::NotASignInAddress { reason } => (
                K::NotSignedIn,
                ErrorCode::NotASignInAddress {
                    reason: reason.clone(),
                },
                Action::SignIn,
            ),
            Error::SignInStateMismatch => (
                K::NotSignedIn,
                ErrorCode::SignInStateMismatch,
                Action::SignIn,
            ),
            Error::SignInStale { .. } => (K::NotSignedIn, ErrorCode::SignInStale, Action::SignIn),
            Error::SignInReplayed => (K::NotSignedIn, ErrorCode::SignInReplayed, Action::SignIn),
            Error::SignInFailed { error, .. } => (
                K::NotSignedIn,
                ErrorCode::SignInFailed {
                    error: error.clone(),
                },
                match error.as_str() {
                    "invalid_scope" | "unauthorized_client" | "invalid_client" => {
                        Action::CheckAppRegistration
                    }
                    "server_error" | "temporarily_unavailable" => Action::Retry,
                    _ => Action::SignIn,
                },
            ),
        };
        ErrorPayload::new(kind, code, self.to_string(), action)
    }
}

fn bad_recipients(recipients: &[String]) -> String {
    if recipients.is_empty() {
        "give at least one email address to send the invoice to".to_owned()
    } else {
        format!("these are not email addresses: {}", recipients.join(", "))
    }
}

/// Why FreshBooks refuses this user an entity, as a value: its reason in FreshBooks' words.
pub(crate) fn unavailable(entity: Entity, reason: &str) -> ErrorPayload {
    ErrorPayload::new(
        ErrorKind::Forbidden,
        ErrorCode::EntityUnavailable {
            entity,
            reason: reason.to_owned(),
        },
        reason,
        Action::AskOwner,
    )
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
                matches: vec!["Acme Design [1]".into(), "Acme Build [2]".into()],
            },
            Error::NotFound {
                entity: Entity::Clients,
                id: 42,
            },
            Error::Invalid {
                field: "business_rate",
                problem: FieldProblem::NotAnAmount { given: "x".into() },
            },
            Error::Draft(DraftError::NoRate {
                entries: vec![ledgerline_model::ids::TimeEntryId(7)],
            }),
            Error::OtherSender,
            Error::BusinessNotListed {
                business: ledgerline_model::ids::BusinessId(2),
                name: "Acme Design".into(),
            },
            Error::Cancelled,
            Error::TooLateToUndo(7),
            Error::InDoubt(8),
            Error::AlreadyBilled(vec![7, 9]),
            Error::BilledInFreshBooks(vec![7]),
            Error::UsedByDraft {
                change: 4,
                draft: 6,
            },
            Error::NoSuchConflict(3),
            Error::UnsentChanges(2),
            Error::OfflineCopyInUse,
            Error::OfflineCopyRemoved,
            Error::Secrets(crate::secrets::SecretsError::NoKeyring(
                "no D-Bus session".into(),
            )),
            Error::SyncIncomplete {
                failed: 2,
                waiting: 1,
                first: Some(
                    Error::FreshBooks(ledgerline_freshbooks::Error::NotSignedIn).to_payload(),
                ),
            },
            Error::ChangesNeedYou {
                refused: 1,
                conflicts: 2,
            },
            Error::FreshBooks(ledgerline_freshbooks::Error::NotSignedIn),
            Error::NotASignInAddress {
                reason: "its path is not /callback".into(),
            },
            Error::SignInStateMismatch,
            Error::SignInStale { minutes: 15 },
            Error::SignInReplayed,
            Error::SignInFailed {
                error: "access_denied".into(),
                description: None,
            },
            Error::SignInFailed {
                error: "invalid_scope".into(),
                description: Some("user:bills:read is not a scope of this app".into()),
            },
            Error::SignInFailed {
                error: "server_error".into(),
                description: None,
            },
            Error::SignInFailed {
                error: "invalid_grant".into(),
                description: None,
            },
            Error::SignInFailed {
                error: "mystery".into(),
                description: None,
            },
        ];
        let text: Vec<String> = errors
            .iter()
            .map(|e| {
                let p = e.to_payload();
                format!(
                    "{e}\n  kind={:?} code={} action={:?}",
                    p.kind,
                    p.code.name(),
                    p.action
                )
            })
            .collect();
        insta::assert_snapshot!(text.join("\n"));
        assert!(Error::FreshBooks(ledgerline_freshbooks::Error::NotSignedIn).needs_sign_in());
        assert!(
            Error::SyncIncomplete {
                failed: 1,
                waiting: 0,
                first: None
            }
            .is_retryable()
        );
        assert!(!Error::NoCurrentBusiness.is_retryable());
        for e in &errors {
            let text = e.to_string();
            for cli_word in ["ledgerline-cli", "--token-file", "--data-dir", "--rate"] {
                assert!(!text.contains(cli_word), "{text}");
            }
        }
        let waiting_on_user = Error::ChangesNeedYou {
            refused: 0,
            conflicts: 1,
        };
        assert!(waiting_on_user.needs_user() && !waiting_on_user.is_retryable());
    }
}
