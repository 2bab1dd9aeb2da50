//! The CLI's errors: the core's, told with the CLI's own how-tos, and its own usage errors.
//!
//! The core's messages say what happened in words that fit any front end; this is where the
//! command line adds what to type (`run ledgerline-cli …`, `--data-dir`, `--token-file`). The
//! sentences are pinned by the CLI's tests, so scripts and people meet the same text as before.

use ledgerline_core::secrets::SecretsError;
use ledgerline_model::error::{ErrorCode, ErrorPayload, FieldProblem};

/// The CLI's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The core failed; shown with the CLI's how-to.
    #[error("{}", core_message(.0))]
    Core(#[from] ledgerline_core::Error),
    /// An argument, an environment variable or the input cannot be used.
    #[error("{arg}: {problem}")]
    Usage {
        /// The argument (`--rate`, `stdin` …).
        arg: &'static str,
        /// What is wrong and what to write instead.
        problem: String,
    },
}

impl From<ledgerline_freshbooks::Error> for Error {
    fn from(err: ledgerline_freshbooks::Error) -> Self {
        Error::Core(err.into())
    }
}

impl From<SecretsError> for Error {
    fn from(err: SecretsError) -> Self {
        Error::Core(err.into())
    }
}

impl From<ledgerline_model::entity::UnknownEntity> for Error {
    fn from(err: ledgerline_model::entity::UnknownEntity) -> Self {
        Error::Core(err.into())
    }
}

impl From<tokio::task::JoinError> for Error {
    fn from(err: tokio::task::JoinError) -> Self {
        Error::Core(err.into())
    }
}

impl From<serde_json::Error> for Error {
    fn from(err: serde_json::Error) -> Self {
        Error::Core(err.into())
    }
}

/// A core error as the command line says it: the core's words plus what to type.
fn core_message(err: &ledgerline_core::Error) -> String {
    use ledgerline_core::Error as E;
    match err {
        // These carry details the payload does not: the OS's words, FreshBooks' own message.
        E::Migration(_) => format!("{err} or use another --data-dir"),
        E::DataDir { .. } => format!("{err}; pick another with --data-dir"),
        E::Secrets(SecretsError::NoKeyring(_)) => format!(
            "{err}, or pass --token-file FILE (or set LEDGERLINE_TOKEN_FILE) to keep the sign-in in a file only you can read"
        ),
        E::Secrets(SecretsError::Keyring(_)) => format!("{err}, or use --token-file FILE"),
        E::FreshBooks(ledgerline_freshbooks::Error::AppRejected { message }) => {
            let detail = match message.as_deref().map(str::trim) {
                Some(m) if !m.is_empty() => format!(" (“{m}”)"),
                _ => String::new(),
            };
            format!(
                "FreshBooks refused Ledgerline's app credentials{detail}. Check the client id and secret (FRESHBOOKS_CLIENT_ID, FRESHBOOKS_CLIENT_SECRET) or run `auth configure` again."
            )
        }
        E::SyncIncomplete {
            failed,
            waiting,
            first,
        } => format!(
            "the sync did not finish: {failed} steps failed and {waiting} changes are still waiting; run `ledgerline-cli sync` again when FreshBooks is reachable ({})",
            first.as_ref().map_or_else(
                || "FreshBooks did not accept every change yet".to_owned(),
                payload_message
            )
        ),
        _ => payload_message(&err.to_payload()),
    }
}

/// A failure as the command line says it, from its code: the core's words plus what to type.
/// Sync failures and events arrive as payloads, so they get the same how-tos as errors.
pub fn payload_message(payload: &ErrorPayload) -> String {
    let text = &payload.message;
    match &payload.code {
        ErrorCode::Storage => {
            format!("{text}, or move the data directory aside to start a fresh mirror")
        }
        ErrorCode::DamagedRecord => {
            format!("{text}; run `ledgerline-cli sync --full` to read it again from FreshBooks")
        }
        ErrorCode::NoCurrentBusiness => format!(
            "{text}; run `ledgerline-cli businesses` to list them, then `ledgerline-cli use <business>`"
        ),
        ErrorCode::UnknownBusiness { .. } => format!(
            "{text}; run `ledgerline-cli businesses` to see their ids and names (sync first if the list is empty)"
        ),
        ErrorCode::RecordNotFound { .. } => {
            format!("{text}; run `ledgerline-cli sync` if it was just made in FreshBooks")
        }
        ErrorCode::NoSuchConflict { .. } => {
            format!("{text}; run `ledgerline-cli conflicts list` to see the open ones")
        }
        ErrorCode::InvalidField {
            problem: FieldProblem::NeedsName,
            ..
        } => format!("{text}: give --organization or --first-name"),
        ErrorCode::DraftNoRate { entries } => format!(
            "draft: {} time entries have no rate (no project, service or team rate applies, and no business rate was given); give the business's hourly rate (--rate), or set a rate in FreshBooks, sync, and draft again",
            entries.len()
        ),
        ErrorCode::DamagedSignIn => "the stored sign-in is damaged; run `ledgerline-cli auth logout`, then `auth login` again".to_owned(),
        ErrorCode::ChangesNeedYou { .. } => format!(
            "{text}; see why with `ledgerline-cli status`, settle conflicts with `ledgerline-cli conflicts list` and `conflicts resolve`, and drop a refused change with `ledgerline-cli undo <change>`"
        ),
        ErrorCode::UnsentChanges { changes } => format!(
            "{changes} changes made on this computer have not reached FreshBooks (waiting, being sent, unconfirmed, refused or in conflict), so the offline copy was kept and you are still signed in; send them with `ledgerline-cli sync`, see them with `ledgerline-cli status` and drop one with `ledgerline-cli undo <change>`, or add --discard-unsent to remove the offline copy with them"
        ),
        ErrorCode::OfflineCopyInUse => "another Ledgerline (the desktop app, or another `ledgerline-cli sync`) is sending changes from the offline copy right now, so it was kept and you are still signed in; run `ledgerline-cli auth logout --remove-offline-copy` again when it has finished".to_owned(),
        ErrorCode::OtherSender => "another Ledgerline (the desktop app, or another `ledgerline-cli sync`) is sending these changes right now; run `ledgerline-cli sync` again when it has finished".to_owned(),
        ErrorCode::BusinessNotListed {
            business,
            business_name,
        } => format!(
            "FreshBooks does not list {business_name} for this sign-in, so its unsent changes wait; sign in as one of its users (`ledgerline-cli auth login`) to send them, or undo them (`ledgerline-cli status --business {business}`, `ledgerline-cli undo`)"
        ),
        ErrorCode::NotASignInAddress { .. }
        | ErrorCode::SignInStateMismatch
        | ErrorCode::SignInStale
        | ErrorCode::SignInReplayed
        | ErrorCode::SignInFailed { .. } => format!("{text} (`ledgerline-cli auth login`)"),
        // The rest say all there is to say in any front end's words.
        _ => text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ledgerline_core::Error as E;
    use ledgerline_model::ids::BusinessId;

    /// The command line's sentences, pinned: the core's words with the CLI's how-tos, as
    /// `ledgerline-cli` said them before the core's messages were written for any front end.
    #[test]
    fn core_errors_read_as_before_on_the_command_line() {
        let cases = [
            (
                E::NoCurrentBusiness,
                "no business is chosen; run `ledgerline-cli businesses` to list them, then `ledgerline-cli use <business>`",
            ),
            (
                E::NotFound {
                    entity: ledgerline_core::Entity::Clients,
                    id: 42,
                },
                "there is no clients record 42 in this business; run `ledgerline-cli sync` if it was just made in FreshBooks",
            ),
            (
                E::Invalid {
                    field: "client",
                    problem: FieldProblem::NeedsName,
                },
                "client: a client needs an organization or a first or last name: give --organization or --first-name",
            ),
            (
                E::Secrets(SecretsError::Damaged),
                "the stored sign-in is damaged; run `ledgerline-cli auth logout`, then `auth login` again",
            ),
            (
                E::OtherSender,
                "another Ledgerline (the desktop app, or another `ledgerline-cli sync`) is sending these changes right now; run `ledgerline-cli sync` again when it has finished",
            ),
            (
                E::BusinessNotListed {
                    business: BusinessId(7),
                    name: "Acme".into(),
                },
                "FreshBooks does not list Acme for this sign-in, so its unsent changes wait; sign in as one of its users (`ledgerline-cli auth login`) to send them, or undo them (`ledgerline-cli status --business 7`, `ledgerline-cli undo`)",
            ),
            (
                E::SyncIncomplete {
                    failed: 0,
                    waiting: 2,
                    first: None,
                },
                "the sync did not finish: 0 steps failed and 2 changes are still waiting; run `ledgerline-cli sync` again when FreshBooks is reachable (FreshBooks did not accept every change yet)",
            ),
            (
                E::ChangesNeedYou {
                    refused: 1,
                    conflicts: 2,
                },
                "the sync finished, but 1 changes were refused by FreshBooks and 2 conflict with changes made in FreshBooks; see why with `ledgerline-cli status`, settle conflicts with `ledgerline-cli conflicts list` and `conflicts resolve`, and drop a refused change with `ledgerline-cli undo <change>`",
            ),
            (
                E::UnsentChanges(2),
                "2 changes made on this computer have not reached FreshBooks (waiting, being sent, unconfirmed, refused or in conflict), so the offline copy was kept and you are still signed in; send them with `ledgerline-cli sync`, see them with `ledgerline-cli status` and drop one with `ledgerline-cli undo <change>`, or add --discard-unsent to remove the offline copy with them",
            ),
            (
                E::SignInReplayed,
                "this sign-in answer was already used once, so it was not used again; if Ledgerline is not signed in, start signing in again (`ledgerline-cli auth login`)",
            ),
            (
                E::NotASignInAddress {
                    reason: "it carries no sign-in state".into(),
                },
                "this address is not a Ledgerline sign-in answer (it carries no sign-in state), so it was not used; start signing in again, and if the browser does not come back to Ledgerline by itself, paste the whole address it shows (`ledgerline-cli auth login`)",
            ),
            (
                E::OfflineCopyInUse,
                "another Ledgerline (the desktop app, or another `ledgerline-cli sync`) is sending changes from the offline copy right now, so it was kept and you are still signed in; run `ledgerline-cli auth logout --remove-offline-copy` again when it has finished",
            ),
        ];
        for (err, expected) in cases {
            assert_eq!(Error::Core(err).to_string(), expected);
        }
    }
}
