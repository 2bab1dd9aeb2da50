//! The state the shell manages: cheap handles, resolved once at start-up.

use std::path::PathBuf;

use tauri::{AppHandle, Manager, Runtime};

use crate::Error;

/// The environment variable that overrides the data directory, shared with `ledgerline-cli`.
pub const DATA_DIR_ENV: &str = "LEDGERLINE_DATA_DIR";

/// What every command can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    /// Where the local database lives.
    pub data_dir: PathBuf,
}

impl AppState {
    /// Resolves the data directory (`LEDGERLINE_DATA_DIR`, else the OS's per-user app data
    /// directory) and creates it.
    pub fn resolve<R: Runtime>(app: &AppHandle<R>) -> Result<Self, Error> {
        let data_dir = match std::env::var_os(DATA_DIR_ENV) {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => app.path().app_data_dir().map_err(Error::NoDataDir)?,
        };
        std::fs::create_dir_all(&data_dir).map_err(|source| Error::DataDir {
            path: data_dir.clone(),
            source,
        })?;
        Ok(Self { data_dir })
    }
}
