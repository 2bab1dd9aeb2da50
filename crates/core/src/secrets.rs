//! Secrets: FreshBooks tokens and app credentials, kept in the OS keyring or an explicit file.

/// Why secrets could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SecretsError {
    /// No keyring service answered.
    #[error(
        "no OS keyring is available here (is a secret service such as gnome-keyring running?); start one, or pass --token-file FILE to keep the sign-in in a file readable only by you"
    )]
    NoKeyring,
}

impl SecretsError {
    /// Whether the user must sign in again.
    pub fn needs_sign_in(&self) -> bool {
        false
    }
}
