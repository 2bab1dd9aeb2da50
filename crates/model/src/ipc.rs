//! The UI↔shell contract.
//!
//! Every Tauri command is declared here once, as a type implementing [`Command`]: its name, its
//! argument struct and its output. The shell registers a handler per command taking one argument
//! named `args` (which sidesteps Tauri's camelCase renaming of argument names); the UI calls it
//! through one typed `call::<C>()`. Both sides therefore agree by construction.

use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// One IPC command: its name as registered in the shell, and its argument and output types.
pub trait Command {
    /// The command's name, `verb_noun` in snake case, as registered in the shell.
    const NAME: &'static str;
    /// What the UI sends.
    type Args: Serialize + DeserializeOwned;
    /// What the shell answers.
    type Output: Serialize + DeserializeOwned;
}

/// No arguments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoArgs {}

/// `get_app_info`: the version and where Ledgerline keeps its data.
#[derive(Debug)]
pub enum GetAppInfo {}

impl Command for GetAppInfo {
    const NAME: &'static str = "get_app_info";
    type Args = NoArgs;
    type Output = AppInfo;
}

/// What Settings shows about the app itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppInfo {
    /// The app's version, e.g. `0.1.0`.
    pub version: String,
    /// The directory holding the local database.
    pub data_dir: String,
    /// The operating system the app runs on (`linux`, `macos`, `windows`).
    pub os: String,
}

/// The names of every command, so the shell can prove each one is registered.
pub const ALL_COMMANDS: &[&str] = &[GetAppInfo::NAME];
