//! The CLI's errors: the core's, told with the CLI's own how-tos, and its own usage errors.
//!
//! The core's messages say what happened in words that fit any front end; this is where the
//! command line adds what to type (`run ledgerline-cli …`, `--data-dir`, `--token-file`). The
//! sentences are pinned by the CLI's tests, so scripts and people meet the same text as before.

use ledgerline_core::secrets::SecretsError;
use ledgerline_model::error::{ErrorCode, ErrorPayload};

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
        E::Migration(_) => format!("{err} or use another --data-dir"),
        E::StoredJson(_) => {
            format!("{err}; run `ledgerline-cli sync --full` to read it again from FreshBooks")
        }
        E::DataDir { .. } => format!("{err}; pick another with --data-dir"),
        E::NoCurrentBusiness => format!(
            "{err}; run `ledgerline-cli businesses` to list them, then `ledgerline-cli use <business>`"
        ),
        E::UnknownBusiness(_) => format!(
            "{err}; run `ledgerline-cli businesses` to see their ids and names (sync first if the list is empty)"
        ),
        E::NotFound { .. } => {
            format!("{err}; run `ledgerline-cli sync` if it was just made in FreshBooks")
        }
        E::NoSuchConflict(_) => {
            format!("{err}; run `ledgerline-cli conflicts list` to see the open ones")
        }
        E::Draft(ledgerline_core::drafting::DraftError::NoRate { entries }) => format!(
            "draft: {} time entries have no rate (no project, service or team rate applies, and no business rate was given); give the business's hourly rate (--rate), or set a rate in FreshBooks, sync, and draft again",
            entries.len()
        ),
        E::Secrets(SecretsError::NoKeyring(_)) => format!(
            "{err}, or pass --token-file FILE (or set LEDGERLINE_TOKEN_FILE) to keep the sign-in in a file only you can read"
        ),
        E::Secrets(SecretsError::Keyring(_)) => format!("{err}, or use --token-file FILE"),
        E::Secrets(SecretsError::Damaged) => "the stored sign-in is damaged; run `ledgerline-cli auth logout`, then `auth login` again".to_owned(),
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
        E::ChangesNeedYou { .. } => format!(
            "{err}; see why with `ledgerline-cli status`, settle conflicts with `ledgerline-cli conflicts list` and `conflicts resolve`, and drop a refused change with `ledgerline-cli undo <change>`"
        ),
        _ => err.to_string(),
    }
}

/// A failure reported as a value (a sync step, an event) as the command line says it.
pub fn payload_message(payload: &ErrorPayload) -> String {
    match &payload.code {
        ErrorCode::OtherSender => format!(
            "{}; run `ledgerline-cli sync` again when it has finished",
            payload.message
        ),
        ErrorCode::BusinessNotListed => format!(
            "{} (`ledgerline-cli auth login`, or `ledgerline-cli status` then `ledgerline-cli undo`)",
            payload.message
        ),
        _ => payload.message.clone(),
    }
}
