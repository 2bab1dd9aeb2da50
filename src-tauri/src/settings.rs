//! The shell's own small settings file in the data folder (`shell-settings.json`): where the
//! sign-in is kept (when the user chose the file) and which registration it was made with, so
//! the next start installs the right client. Nothing secret is in it.

use std::path::Path;

use ledgerline_model::ipc::AppChoice;
use serde::{Deserialize, Serialize};

/// The file's name in the data folder.
pub const FILE_NAME: &str = "shell-settings.json";

/// The file in the data folder that holds the sign-in when the user chose it over the keyring.
pub const SECRETS_FILE: &str = "sign-in.json";

/// What the shell remembers across starts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShellSettings {
    /// The user chose to keep the sign-in in [`SECRETS_FILE`] (no keyring answered).
    #[serde(default)]
    pub secrets_in_file: bool,
    /// The registration the saved sign-in was made with.
    #[serde(default)]
    pub signed_in_with: Option<AppChoice>,
}

impl ShellSettings {
    /// Reads the settings; a missing or unreadable file gives the defaults (logged).
    pub fn load(data_dir: &Path) -> Self {
        let path = data_dir.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).unwrap_or_else(|e| {
                tracing::warn!("the shell's settings file is unreadable ({e}); using defaults");
                ShellSettings::default()
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => ShellSettings::default(),
            Err(e) => {
                tracing::warn!("the shell's settings file cannot be read ({e}); using defaults");
                ShellSettings::default()
            }
        }
    }

    /// Writes the settings (a temporary file renamed over the old one).
    pub fn save(&self, data_dir: &Path) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        let tmp = data_dir.join(format!(".{FILE_NAME}.tmp"));
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, data_dir.join(FILE_NAME))
    }

    /// Loads, changes and saves the settings; a failure to save is logged (the choice then holds
    /// until the app closes).
    pub fn update(data_dir: &Path, change: impl FnOnce(&mut ShellSettings)) {
        let mut settings = ShellSettings::load(data_dir);
        change(&mut settings);
        if let Err(e) = settings.save(data_dir) {
            tracing::warn!("the shell's settings could not be saved: {e}");
        }
    }
}
