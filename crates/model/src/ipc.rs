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
