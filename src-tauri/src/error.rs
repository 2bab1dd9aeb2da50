//! The shell's errors, and their one shape on the way to the UI.

use std::path::PathBuf;

use ledgerline_model::error::{ErrorKind, ErrorPayload};

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
            Error::NoDataDir(_) | Error::DataDir { .. } => ErrorPayload::new(
                ErrorKind::Storage,
                err.to_string(),
                "Set LEDGERLINE_DATA_DIR to a folder you can write to, then start Ledgerline again.",
            ),
        }
    }
}
