//! The UI↔shell contract.
//!
//! Every Tauri command is declared once, in the `commands!` table at the bottom of this file:
//! its type, its name, its argument struct and its output. From that table come the
//! [`Command`] impls both sides use, and [`ALL_COMMANDS`], from which the shell's `build.rs`
//! declares the permissions; a shell test proves each one is registered and granted by the
//! capability file, and that the file grants nothing else. The shell's handler takes one argument
//! named `args` (which sidesteps Tauri's camelCase renaming of argument names); the UI calls it
//! through one typed `call::<C>()`. Both sides therefore agree by construction.

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::sync::SyncReport;

mod session;

pub use session::{
    AppChoice, AppGuide, AppsView, BusinessView, ChosenBusiness, EVENT_NAME, Mode, OwnApp,
    PastedAddress, SecretsPlace, SecretsView, Session, ShellEvent, SignInStarted, SignInWith,
    SignOutArgs, SyncView,
};

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

/// What Settings shows about the app itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppInfo {
    /// The app's version, e.g. `0.1.0`.
    pub version: String,
    /// The directory holding the local database.
    pub data_dir: String,
    /// The directory holding the log files (secrets never reach them).
    pub log_dir: String,
    /// The operating system the app runs on (`linux`, `macos`, `windows`).
    pub os: String,
}

/// Declares each command once: `Type = "name": Args -> Output`, with its doc. Generates the
/// command types, their [`Command`] impls and [`ALL_COMMANDS`].
macro_rules! commands {
    ($($(#[$doc:meta])* $ty:ident = $name:literal : $args:ty => $output:ty;)+) => {
        $(
            $(#[$doc])*
            #[derive(Debug)]
            pub enum $ty {}

            impl Command for $ty {
                const NAME: &'static str = $name;
                type Args = $args;
                type Output = $output;
            }
        )+

        /// The names of every command, in declaration order: the shell's `build.rs` declares
        /// their permissions from it, and its tests prove each is registered and granted.
        pub const ALL_COMMANDS: &[&str] = &[$($name),+];
    };
}

commands! {
    /// `get_app_info`: the version and where Ledgerline keeps its data.
    GetAppInfo = "get_app_info": NoArgs => AppInfo;
    /// `open_log_folder`: shows the log folder in the system's file manager.
    OpenLogFolder = "open_log_folder": NoArgs => ();

    /// `get_session`: sign-in, businesses, the current one, demo or not. Answers from this
    /// computer only (no network), so the first screen paints at once.
    GetSession = "get_session": NoArgs => Session;
    /// `get_app_guide`: what to register in FreshBooks' developer portal for "Use my own app".
    GetAppGuide = "get_app_guide": NoArgs => AppGuide;
    /// `save_own_app`: keeps the user's own app registration (the secret in the OS keyring).
    SaveOwnApp = "save_own_app": OwnApp => Session;
    /// `use_file_for_secrets`: where no keyring answers, keeps the sign-in in a file in the data
    /// folder instead (the user's explicit choice, remembered).
    UseFileForSecrets = "use_file_for_secrets": NoArgs => Session;
    /// `start_sign_in`: opens the browser at FreshBooks' sign-in page. The answer comes back
    /// through the `ledgerline://` deep link (a [`ShellEvent::Session`] or
    /// [`ShellEvent::SignInRefused`]), or through `finish_sign_in`.
    StartSignIn = "start_sign_in": SignInWith => SignInStarted;
    /// `finish_sign_in`: the pasted address, checked like a deep link.
    FinishSignIn = "finish_sign_in": PastedAddress => Session;
    /// `start_demo`: starts the built-in demo and signs in to it.
    StartDemo = "start_demo": NoArgs => Session;
    /// `leave_demo`: ends the demo, removes everything of it, back to the welcome screen or the
    /// user's own businesses.
    LeaveDemo = "leave_demo": NoArgs => Session;
    /// `switch_business`: the screens show another business (offline; remembered).
    SwitchBusiness = "switch_business": ChosenBusiness => Session;
    /// `sign_out`: forgets the sign-in (keyring entries removed), and on request the offline copy.
    SignOut = "sign_out": SignOutArgs => Session;

    /// `get_sync_view`: what the sync indicator shows for the current business.
    GetSyncView = "get_sync_view": NoArgs => SyncView;
    /// `sync_now`: syncs the current business now (progress arrives as events).
    SyncNow = "sync_now": NoArgs => SyncReport;
    /// `cancel_sync`: stops the running sync; what it wrote stays.
    CancelSync = "cancel_sync": NoArgs => ();
}

/// The permission a capability file grants to allow a command (`allow-get-app-info`).
pub fn permission_of(command: &str) -> String {
    format!("allow-{}", command.replace('_', "-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_snake_case_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for name in ALL_COMMANDS {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name} is not snake case"
            );
            assert!(seen.insert(*name), "{name} is declared twice");
        }
        assert_eq!(GetAppInfo::NAME, "get_app_info");
        assert_eq!(permission_of(GetAppInfo::NAME), "allow-get-app-info");
    }
}
