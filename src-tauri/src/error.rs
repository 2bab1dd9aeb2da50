//! The shell's errors, and their one shape on the way to the UI.
//!
//! The core's errors already carry their payload ([`ledgerline_core::Error::to_payload`]); the
//! shell adds only what it alone can get wrong: its data folder, the app registrations it has to
//! offer, the values typed into the own-app form, the demo and the folders it opens.

use std::path::PathBuf;

use ledgerline_model::error::{Action, ErrorCode, ErrorKind, ErrorPayload, FieldProblem};

/// What can fail in the shell itself.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The OS gave no per-user data directory.
    #[error("the system gave Ledgerline no folder for its data: {0}")]
    NoDataDir(#[source] tauri::Error),
    /// The data directory could not be created.
    #[error("Ledgerline cannot create its data folder {path}: {source}")]
    DataDir {
        /// The folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The core failed.
    #[error(transparent)]
    Core(#[from] ledgerline_core::Error),
    /// "Sign in to FreshBooks" was asked of a build that carries no app registration.
    #[error(
        "this copy of Ledgerline carries no FreshBooks app registration; use your own FreshBooks app instead"
    )]
    NoBuiltinApp,
    /// A sign-in with the user's own app was asked before one was saved.
    #[error("no FreshBooks app of yours is saved yet; enter its client id and secret first")]
    NoOwnApp,
    /// A field of the own-app form is empty.
    #[error("the {field} is empty; copy it from your app's page in FreshBooks' developer portal")]
    EmptyField {
        /// `client_id` or `client_secret`.
        field: &'static str,
    },
    /// The demo was asked for something while it does not run.
    #[error("the demo is not running; start it again from the welcome screen")]
    DemoNotRunning,
    /// The demo's emulated FreshBooks could not start or answer.
    #[error("the demo could not start: {0}")]
    Demo(String),
    /// An edit was asked in a business where the user's role may not write.
    #[error(
        "your role in {business} is {role}, which FreshBooks lets only look: ask the business's owner for the access to make changes"
    )]
    ReadOnly {
        /// The business's name.
        business: String,
        /// The role, as a person reads it.
        role: String,
    },
    /// An address the app opens only on its own pages was asked for another.
    #[error("Ledgerline opens only FreshBooks' and its own pages over https, not {url}: {reason}")]
    AddressRefused {
        /// The address asked for.
        url: String,
        /// Why.
        reason: &'static str,
    },
    /// A file to show is outside the folders Ledgerline writes to.
    #[error("Ledgerline shows only files in its data folder or the Downloads folder, not {path}")]
    PathRefused {
        /// The path asked for.
        path: String,
    },
    /// An export could not be written.
    #[error("Ledgerline could not write the export in {path}: {source}")]
    Export {
        /// The folder or file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A preference is out of range.
    #[error("{setting} must be between {min} and {max}")]
    BadPreference {
        /// The preference.
        setting: &'static str,
        /// The smallest value allowed.
        min: u32,
        /// The largest value allowed.
        max: u32,
    },
    /// The preferences could not be saved.
    #[error("Ledgerline could not save your preferences in {path}: {source}")]
    Preferences {
        /// The data folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The browser could not be opened at an allowed address.
    #[error("Ledgerline could not open your browser at {url}: {reason}")]
    OpenBrowser {
        /// The address.
        url: String,
        /// What the system said.
        reason: String,
    },
    /// A folder could not be shown in the file manager.
    #[error("Ledgerline could not open the folder {path}: {reason}")]
    OpenFolder {
        /// The folder.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
}

impl From<ledgerline_freshbooks::Error> for Error {
    fn from(err: ledgerline_freshbooks::Error) -> Self {
        Error::Core(ledgerline_core::Error::FreshBooks(err))
    }
}

impl From<ledgerline_core::secrets::SecretsError> for Error {
    fn from(err: ledgerline_core::secrets::SecretsError) -> Self {
        Error::Core(ledgerline_core::Error::Secrets(err))
    }
}

impl From<Error> for ErrorPayload {
    fn from(err: Error) -> Self {
        let message = err.to_string();
        let (kind, code, action) = match err {
            Error::Core(e) => return e.to_payload(),
            Error::NoDataDir(_) => (
                ErrorKind::Storage,
                ErrorCode::DataFolder {
                    path: String::new(),
                },
                Action::ReportBug,
            ),
            Error::DataDir { ref path, .. } => (
                ErrorKind::Storage,
                ErrorCode::DataFolder {
                    path: path.display().to_string(),
                },
                Action::CloseOtherCopies,
            ),
            Error::NoBuiltinApp => (
                ErrorKind::BadRequest,
                ErrorCode::BadSetting {
                    setting: "builtin_app".into(),
                },
                Action::CheckAppRegistration,
            ),
            Error::NoOwnApp => (
                ErrorKind::NotSignedIn,
                ErrorCode::BadSetting {
                    setting: "own_app".into(),
                },
                Action::CheckAppRegistration,
            ),
            Error::EmptyField { field } => (
                ErrorKind::Validation,
                ErrorCode::InvalidField {
                    field: field.to_owned(),
                    problem: FieldProblem::Required,
                },
                Action::FixValue,
            ),
            Error::DemoNotRunning => (ErrorKind::BadRequest, ErrorCode::BadRequest, Action::Retry),
            Error::Demo(_) => (ErrorKind::Internal, ErrorCode::InternalTask, Action::Retry),
            Error::ReadOnly { .. } => {
                (ErrorKind::Forbidden, ErrorCode::Forbidden, Action::AskOwner)
            }
            Error::AddressRefused { .. } | Error::PathRefused { .. } => (
                ErrorKind::BadRequest,
                ErrorCode::BadRequest,
                Action::ReportBug,
            ),
            Error::Export { ref path, .. } | Error::Preferences { ref path, .. } => (
                ErrorKind::Storage,
                ErrorCode::DataFolder {
                    path: path.display().to_string(),
                },
                Action::Retry,
            ),
            Error::BadPreference { setting, .. } => (
                ErrorKind::Validation,
                ErrorCode::BadSetting {
                    setting: setting.to_owned(),
                },
                Action::FixValue,
            ),
            Error::OpenBrowser { .. } => {
                (ErrorKind::Internal, ErrorCode::InternalTask, Action::Retry)
            }
            Error::OpenFolder { ref path, .. } => (
                ErrorKind::Storage,
                ErrorCode::DataFolder {
                    path: path.display().to_string(),
                },
                Action::None,
            ),
        };
        ErrorPayload::new(kind, code, message, action)
    }
}

/// The payload of a core error (for `map_err`).
pub fn core(err: ledgerline_core::Error) -> ErrorPayload {
    err.to_payload()
}
