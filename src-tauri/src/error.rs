//! The shell's errors, and their one shape on the way to the UI.

use std::path::PathBuf;

use ledgerline_model::error::{Action, ErrorCode, ErrorKind, ErrorPayload};

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
}

impl From<Error> for ErrorPayload {
    fn from(err: Error) -> Self {
        match err {
            Error::NoDataDir(_) => ErrorPayload::new(
                ErrorKind::Storage,
                ErrorCode::DataFolder {
                    path: String::new(),
                },
                err.to_string(),
                Action::ReportBug,
            ),
            Error::DataDir { ref path, .. } => ErrorPayload::new(
                ErrorKind::Storage,
                ErrorCode::DataFolder {
                    path: path.display().to_string(),
                },
                err.to_string(),
                Action::CloseOtherCopies,
            ),
        }
    }
}
