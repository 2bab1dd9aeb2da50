//! The one error shape that crosses IPC.
//!
//! A failure reaches the UI as an [`ErrorPayload`]: a coarse [`ErrorKind`] (sign in again,
//! offline banner, read-only role), a stable [`ErrorCode`] carrying the structured details (the
//! field that is wrong, the entries without a rate, the entity refused and why), an English
//! `message` for logs, and the [`Action`] that fixes it. The UI turns kind + code + details into a
//! translated sentence and the action into a button; it never parses text.

use serde::{Deserialize, Serialize};

use crate::draft::Grouping;
use crate::entity::Entity;
use crate::ids::{BusinessId, TimeEntryId};

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
    /// The local database, the data folder or the keyring failed.
    Storage,
    /// Changes wait on a decision of the user (refused, or in conflict).
    NeedsDecision,
    /// Another Ledgerline on this computer is doing the same work right now; it ends by itself.
    Busy,
    /// The work was stopped before it finished (by the user, or because the app is closing).
    Cancelled,
    /// The request from the UI was malformed (a bug in Ledgerline).
    BadRequest,
    /// Something inside Ledgerline failed (a bug in Ledgerline).
    Internal,
}

/// What the user can do about a failure: the UI shows it as a button that does it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Nothing to do: it will be retried by itself.
    None,
    /// Try the same thing again (now or in a while).
    Retry,
    /// Sign in to FreshBooks (again).
    SignIn,
    /// Check the FreshBooks app's registration: client id, secret and redirect address.
    CheckAppRegistration,
    /// Sync now.
    Sync,
    /// Read everything again from FreshBooks.
    SyncEverything,
    /// Choose a business.
    ChooseBusiness,
    /// Correct the value named in the code's details.
    FixValue,
    /// Open the list of refused changes and conflicts.
    ReviewChanges,
    /// Edit the record again instead (the change is past undoing).
    EditAgain,
    /// Unlock or set up the system's keyring.
    UnlockKeyring,
    /// Ask the business's owner for access.
    AskOwner,
    /// Close other copies of Ledgerline and try again.
    CloseOtherCopies,
    /// Update Ledgerline.
    UpdateApp,
    /// Report the bug.
    ReportBug,
}

/// Why a value was refused, for [`ErrorCode::InvalidField`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FieldProblem {
    /// The field must be given.
    Required,
    /// A client needs an organization or a first or last name.
    NeedsName,
    /// Not an amount such as `95` or `95.50`.
    NotAnAmount {
        /// What was given.
        given: String,
    },
    /// Not a day such as `2026-03-31`.
    NotADate {
        /// What was given.
        given: String,
    },
    /// Not a time such as `2026-03-01T09:00:00Z`.
    NotATime {
        /// What was given.
        given: String,
    },
    /// Not a three-letter currency code.
    NotACurrency {
        /// What was given.
        given: String,
    },
    /// FreshBooks cannot clear this field: a value must be given instead.
    CannotClear,
    /// Ledgerline cannot send this field to FreshBooks, so the change would be lost.
    CannotSend {
        /// The field given.
        given: String,
        /// The fields that can be sent.
        allowed: Vec<String>,
    },
    /// The change builds on a record that was never created in FreshBooks.
    NeverCreated,
    /// A record of another business was named.
    OtherBusiness,
    /// Only a line's second tax can be charged on top of the first.
    CompoundFirstTax,
    /// A visibility FreshBooks documents no meaning for.
    UnknownVisibility {
        /// FreshBooks' number.
        code: i64,
    },
}

impl std::fmt::Display for FieldProblem {
    /// English, for logs and the CLI; the desktop app translates from the variant.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldProblem::Required => f.write_str("this must be given"),
            FieldProblem::NeedsName => {
                f.write_str("a client needs an organization or a first or last name")
            }
            FieldProblem::NotAnAmount { given } => {
                write!(f, "“{given}” is not an amount, such as 95 or 95.50")
            }
            FieldProblem::NotADate { given } => {
                write!(f, "“{given}” is not a day: write YYYY-MM-DD, such as 2026-03-31")
            }
            FieldProblem::NotATime { given } => write!(
                f,
                "“{given}” is not a time: write it as 2026-03-01T09:00:00Z"
            ),
            FieldProblem::NotACurrency { given } => write!(
                f,
                "“{given}” is not a currency code: use three letters, such as CAD or USD"
            ),
            FieldProblem::CannotClear => {
                f.write_str("FreshBooks cannot clear this field; give a value instead")
            }
            FieldProblem::CannotSend { given, allowed } => write!(
                f,
                "Ledgerline cannot send “{given}” to FreshBooks, so that change would be lost; leave it out (these can be sent: {})",
                allowed.join(", ")
            ),
            FieldProblem::NeverCreated => f.write_str(
                "this change builds on a record that was never created in FreshBooks (its creation was refused or undone); undo this change",
            ),
            FieldProblem::OtherBusiness => f.write_str("this record belongs to another business"),
            FieldProblem::CompoundFirstTax => f.write_str(
                "only a line's second tax can be charged on top of the first; make the first tax simple",
            ),
            FieldProblem::UnknownVisibility { code } => write!(
                f,
                "{code} is not a visibility FreshBooks documents; choose active, archived or deleted"
            ),
        }
    }
}

/// A stable code for every failure the UI can meet, with the details a translated sentence
/// needs. Serialized with its name under `name` and the details beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "name", rename_all = "snake_case")]
pub enum ErrorCode {
    // Sign-in.
    /// Not signed in.
    NotSignedIn,
    /// FreshBooks revoked or expired the sign-in.
    SignInExpired,
    /// FreshBooks rejected the app's registration (client id, secret or redirect address).
    AppRejected,
    /// The sign-in answer did not match a sign-in Ledgerline started.
    SignInStateMismatch,
    /// FreshBooks ended the sign-in with an error (`access_denied`, bad scopes …).
    SignInFailed {
        /// FreshBooks' error code.
        error: String,
    },
    /// The sign-in answer belongs to a sign-in started too long ago (or before a restart).
    SignInStale,
    /// The sign-in answer was already used once (a replayed address).
    SignInReplayed,
    /// The address is not a sign-in answer for Ledgerline.
    NotASignInAddress {
        /// What is wrong with it (scheme, path, missing `code`).
        reason: String,
    },
    /// Saving or loading the sign-in failed.
    TokenStore,
    /// A setting is invalid.
    BadSetting {
        /// The setting's name.
        setting: String,
    },

    // FreshBooks' answers.
    /// This role may not do this.
    Forbidden,
    /// FreshBooks has no such record.
    RemoteNotFound,
    /// FreshBooks refused the values.
    Rejected {
        /// The field FreshBooks named, if any.
        field: Option<String>,
        /// FreshBooks' own words.
        message: String,
    },
    /// FreshBooks asks us to slow down.
    RateLimited {
        /// How long it asked us to wait, in seconds.
        retry_after_seconds: Option<u64>,
    },
    /// FreshBooks could not be reached.
    Unreachable,
    /// A change was sent but no answer came back; it is checked before being sent again.
    OutcomeUnknown,
    /// FreshBooks failed on its side.
    ServerError {
        /// The HTTP status.
        status: u16,
    },
    /// FreshBooks answered something Ledgerline cannot read.
    UnreadableAnswer,
    /// FreshBooks refuses this user an entity (role, plan or scopes).
    EntityUnavailable {
        /// The entity.
        entity: Entity,
        /// FreshBooks' reason, in its words.
        reason: String,
    },

    // The local mirror.
    /// The local database failed.
    Storage,
    /// The local database is from a newer Ledgerline, or could not be upgraded.
    DatabaseUpgrade,
    /// A record in the local database is damaged.
    DamagedRecord,
    /// The data folder cannot be used.
    DataFolder {
        /// The folder.
        path: String,
    },
    /// An internal task stopped unexpectedly.
    InternalTask,
    /// The offline copy was not removed because changes in it have not reached FreshBooks
    /// (waiting, being sent, unconfirmed, refused or in conflict).
    UnsentChanges {
        /// How many.
        changes: usize,
    },
    /// The offline copy was not removed because another Ledgerline on this computer is sending
    /// changes from it.
    OfflineCopyInUse,
    /// The offline copy was removed (at sign-out); this handle on it can no longer be used.
    OfflineCopyRemoved,

    // Businesses and records.
    /// No business is chosen yet.
    NoCurrentBusiness,
    /// No business matches what was given.
    UnknownBusiness {
        /// What was given.
        given: String,
    },
    /// Several businesses match what was given.
    AmbiguousBusiness {
        /// What was given.
        given: String,
        /// The names it matches.
        matches: Vec<String>,
    },
    /// There is no such record in this business.
    RecordNotFound {
        /// Its entity.
        entity: Entity,
        /// The id given.
        id: i64,
    },
    /// A value cannot be used.
    InvalidField {
        /// The field.
        field: String,
        /// What is wrong.
        problem: FieldProblem,
    },
    /// Not a kind of record Ledgerline mirrors.
    UnknownEntity {
        /// What was given.
        given: String,
    },

    // Drafting.
    /// No unbilled time in the range for the client.
    DraftNoEntries,
    /// The draft would have more lines than FreshBooks accepts.
    DraftTooManyLines {
        /// Lines the draft would have.
        lines: usize,
        /// The limit.
        max: usize,
        /// The layout to propose: the one keeping most detail under the limit (by service,
        /// else by project, else one summary line).
        suggested: Grouping,
    },
    /// Entries have no rate from any source.
    DraftNoRate {
        /// The entries without a rate.
        entries: Vec<TimeEntryId>,
    },
    /// More than two taxes per line.
    DraftTooManyTaxes,
    /// The time to draft changed since the preview the user saw (other entries, or another
    /// total): nothing was saved, the preview is shown again.
    DraftChanged,
    /// Time entries asked for are already billed, or in a draft not yet sent.
    EntriesAlreadyBilled {
        /// The entries.
        entries: Vec<TimeEntryId>,
    },
    /// FreshBooks shows time entries of a draft as billed already (billed there meanwhile), so
    /// the draft's invoice was not made.
    #[serde(rename = "billed_in_freshbooks", alias = "billed_in_fresh_books")]
    BilledInFreshBooks {
        /// The entries billed in FreshBooks.
        entries: Vec<TimeEntryId>,
    },

    // The outbox.
    /// The change is on its way or done: too late to undo.
    TooLateToUndo {
        /// The change's number.
        change: i64,
    },
    /// The change may already be in FreshBooks (sent, but its answer was lost): it cannot be
    /// undone until a look at FreshBooks settles it.
    ChangeInDoubt {
        /// The change's number.
        change: i64,
    },
    /// A time entry cannot be undone while a draft not yet sent bills it.
    UsedByPendingDraft {
        /// The change's number.
        change: i64,
        /// The draft's change number.
        draft: i64,
    },
    /// No open conflict has this number.
    NoSuchConflict {
        /// The conflict's number.
        conflict: i64,
    },
    /// A sync ran but steps failed or changes still wait.
    SyncIncomplete {
        /// Steps that failed.
        failed: usize,
        /// Changes not sent yet.
        waiting: usize,
    },
    /// Changes were refused or conflict with changes made in FreshBooks.
    ChangesNeedYou {
        /// Changes FreshBooks refused.
        refused: usize,
        /// Changes in conflict.
        conflicts: usize,
    },
    /// Another Ledgerline on this computer is sending these changes right now.
    OtherSender,
    /// FreshBooks no longer lists the business for this sign-in; its changes wait.
    BusinessNotListed {
        /// The business.
        business: BusinessId,
        /// Its name.
        business_name: String,
    },

    // Secrets.
    /// No OS keyring answered.
    NoKeyring {
        /// What the system said.
        reason: String,
    },
    /// The OS keyring refused or failed.
    KeyringFailed {
        /// What the system said.
        reason: String,
    },
    /// The sign-in file cannot be used.
    TokenFile {
        /// The file.
        path: String,
    },
    /// The stored sign-in is damaged.
    DamagedSignIn,

    // The timer.
    /// A timer already runs in this data folder (perhaps started in another window or process).
    TimerRunning {
        /// The business it runs for.
        business: BusinessId,
        /// When it was started.
        started_at: chrono::DateTime<chrono::Utc>,
    },
    /// No timer runs.
    NoTimer,

    // Invoices.
    /// The invoice was drafted here and FreshBooks has not numbered it yet: its PDF and email
    /// come after the sync that sends it.
    #[serde(rename = "invoice_not_in_freshbooks")]
    InvoiceNotInFreshBooks {
        /// The queued change that creates it, when it still waits.
        pending_seq: Option<i64>,
    },
    /// Changes to the invoice made here wait to be sent: FreshBooks' PDF or email would not
    /// show them.
    InvoiceChangesWaiting,
    /// FreshBooks' answer to "send by email" was lost, and reading the invoice back does not
    /// show it sent: the email may or may not have gone out. Check before sending it again.
    EmailMaybeSent {
        /// FreshBooks' id of the invoice.
        invoice: i64,
    },
    /// Email addresses that cannot receive the invoice (none given when empty).
    BadEmailRecipients {
        /// The addresses refused, as typed.
        recipients: Vec<String>,
    },

    // Control.
    /// The work was cancelled.
    Cancelled,
    /// The UI sent a request the shell cannot read.
    BadRequest,
    /// The window runs without the desktop shell (opened in a plain browser).
    NoShell,
    /// The window and the shell disagree on a command's shape (a bug in Ledgerline).
    ShellMismatch {
        /// What did not match.
        detail: String,
    },
}

impl ErrorCode {
    /// The code's stable name, as serialized under `name` (`no_current_business` …).
    pub fn name(&self) -> &'static str {
        match self {
            ErrorCode::NotSignedIn => "not_signed_in",
            ErrorCode::SignInExpired => "sign_in_expired",
            ErrorCode::AppRejected => "app_rejected",
            ErrorCode::SignInStateMismatch => "sign_in_state_mismatch",
            ErrorCode::SignInFailed { .. } => "sign_in_failed",
            ErrorCode::SignInStale => "sign_in_stale",
            ErrorCode::SignInReplayed => "sign_in_replayed",
            ErrorCode::NotASignInAddress { .. } => "not_a_sign_in_address",
            ErrorCode::TokenStore => "token_store",
            ErrorCode::BadSetting { .. } => "bad_setting",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::RemoteNotFound => "remote_not_found",
            ErrorCode::Rejected { .. } => "rejected",
            ErrorCode::RateLimited { .. } => "rate_limited",
            ErrorCode::Unreachable => "unreachable",
            ErrorCode::OutcomeUnknown => "outcome_unknown",
            ErrorCode::ServerError { .. } => "server_error",
            ErrorCode::UnreadableAnswer => "unreadable_answer",
            ErrorCode::EntityUnavailable { .. } => "entity_unavailable",
            ErrorCode::Storage => "storage",
            ErrorCode::DatabaseUpgrade => "database_upgrade",
            ErrorCode::DamagedRecord => "damaged_record",
            ErrorCode::DataFolder { .. } => "data_folder",
            ErrorCode::InternalTask => "internal_task",
            ErrorCode::UnsentChanges { .. } => "unsent_changes",
            ErrorCode::OfflineCopyInUse => "offline_copy_in_use",
            ErrorCode::OfflineCopyRemoved => "offline_copy_removed",
            ErrorCode::NoCurrentBusiness => "no_current_business",
            ErrorCode::UnknownBusiness { .. } => "unknown_business",
            ErrorCode::AmbiguousBusiness { .. } => "ambiguous_business",
            ErrorCode::RecordNotFound { .. } => "record_not_found",
            ErrorCode::InvalidField { .. } => "invalid_field",
            ErrorCode::UnknownEntity { .. } => "unknown_entity",
            ErrorCode::DraftNoEntries => "draft_no_entries",
            ErrorCode::DraftTooManyLines { .. } => "draft_too_many_lines",
            ErrorCode::DraftNoRate { .. } => "draft_no_rate",
            ErrorCode::DraftTooManyTaxes => "draft_too_many_taxes",
            ErrorCode::DraftChanged => "draft_changed",
            ErrorCode::EntriesAlreadyBilled { .. } => "entries_already_billed",
            ErrorCode::BilledInFreshBooks { .. } => "billed_in_freshbooks",
            ErrorCode::TooLateToUndo { .. } => "too_late_to_undo",
            ErrorCode::ChangeInDoubt { .. } => "change_in_doubt",
            ErrorCode::UsedByPendingDraft { .. } => "used_by_pending_draft",
            ErrorCode::NoSuchConflict { .. } => "no_such_conflict",
            ErrorCode::SyncIncomplete { .. } => "sync_incomplete",
            ErrorCode::ChangesNeedYou { .. } => "changes_need_you",
            ErrorCode::OtherSender => "other_sender",
            ErrorCode::BusinessNotListed { .. } => "business_not_listed",
            ErrorCode::NoKeyring { .. } => "no_keyring",
            ErrorCode::KeyringFailed { .. } => "keyring_failed",
            ErrorCode::TokenFile { .. } => "token_file",
            ErrorCode::DamagedSignIn => "damaged_sign_in",
            ErrorCode::TimerRunning { .. } => "timer_running",
            ErrorCode::NoTimer => "no_timer",
            ErrorCode::InvoiceNotInFreshBooks { .. } => "invoice_not_in_freshbooks",
            ErrorCode::InvoiceChangesWaiting => "invoice_changes_waiting",
            ErrorCode::EmailMaybeSent { .. } => "email_maybe_sent",
            ErrorCode::BadEmailRecipients { .. } => "bad_email_recipients",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::NoShell => "no_shell",
            ErrorCode::ShellMismatch { .. } => "shell_mismatch",
        }
    }
}

/// A failure as the UI sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{message}")]
pub struct ErrorPayload {
    /// What kind of failure this is.
    pub kind: ErrorKind,
    /// Which failure, with its details.
    pub code: ErrorCode,
    /// What went wrong, in English, for logs and as a fallback. Never names a command line.
    pub message: String,
    /// What fixes it.
    pub action: Action,
}

impl ErrorPayload {
    /// A payload of a kind and code with its message and action.
    pub fn new(
        kind: ErrorKind,
        code: ErrorCode,
        message: impl Into<String>,
        action: Action,
    ) -> Self {
        Self {
            kind,
            code,
            message: message.into(),
            action,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_carries_its_name_and_details() {
        let payload = ErrorPayload::new(
            ErrorKind::Validation,
            ErrorCode::DraftNoRate {
                entries: vec![TimeEntryId(7)],
            },
            "1 time entries have no rate",
            Action::FixValue,
        );
        let json = serde_json::to_value(&payload).unwrap();
        assert_eq!(json["code"]["name"], "draft_no_rate");
        assert_eq!(json["code"]["entries"][0], 7);
        assert_eq!(json["kind"], "validation");
        assert_eq!(json["action"], "fix_value");
        assert_eq!(payload.code.name(), "draft_no_rate");
        let back: ErrorPayload = serde_json::from_value(json).unwrap();
        assert_eq!(back, payload);
    }

    #[test]
    fn every_code_name_is_its_serialized_tag() {
        let codes = [
            ErrorCode::NoCurrentBusiness,
            ErrorCode::InvalidField {
                field: "email".into(),
                problem: FieldProblem::Required,
            },
            ErrorCode::EntityUnavailable {
                entity: Entity::Payments,
                reason: "no access".into(),
            },
            ErrorCode::ChangesNeedYou {
                refused: 1,
                conflicts: 0,
            },
            ErrorCode::UnsentChanges { changes: 2 },
            ErrorCode::OfflineCopyInUse,
            ErrorCode::OfflineCopyRemoved,
            ErrorCode::TimerRunning {
                business: BusinessId(1),
                started_at: chrono::DateTime::UNIX_EPOCH,
            },
            ErrorCode::NoTimer,
            ErrorCode::DraftChanged,
            ErrorCode::DraftTooManyLines {
                lines: 401,
                max: 400,
                suggested: Grouping::ByService,
            },
            ErrorCode::InvoiceNotInFreshBooks {
                pending_seq: Some(3),
            },
            ErrorCode::InvoiceChangesWaiting,
            ErrorCode::EmailMaybeSent { invoice: 9 },
            ErrorCode::BilledInFreshBooks {
                entries: vec![TimeEntryId(4)],
            },
            ErrorCode::BadEmailRecipients {
                recipients: vec!["nobody".into()],
            },
        ];
        for code in codes {
            assert_eq!(serde_json::to_value(&code).unwrap()["name"], code.name());
        }
    }
}
