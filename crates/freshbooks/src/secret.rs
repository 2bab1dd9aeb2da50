//! Secret newtypes: [`AccessToken`], [`RefreshToken`], [`ClientSecret`], [`AuthorizationCode`].
//!
//! Their `Debug` and `Display` print `[redacted]`; the value is read only through `.secret()`,
//! so a secret cannot reach a log line by accident. They serialize as the bare string, because
//! a `TokenStore` must be able to persist them (to the OS keyring, never to logs or SQLite).

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! secret {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a secret value.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The secret itself. Never log it.
            pub fn secret(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}([redacted])", stringify!($name))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("[redacted]")
            }
        }
    };
}

secret!(
    /// A bearer token for API calls (lives 12 hours).
    AccessToken
);
secret!(
    /// A single-use refresh token: every refresh returns a new one and kills this one.
    RefreshToken
);
secret!(
    /// The FreshBooks app's client secret.
    ClientSecret
);
secret!(
    /// The one-time code FreshBooks hands back after sign-in (lives 5 minutes).
    AuthorizationCode
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let token = AccessToken::new("tok-123");
        assert_eq!(format!("{token}"), "[redacted]");
        assert_eq!(format!("{token:?}"), "AccessToken([redacted])");
        assert_eq!(token.secret(), "tok-123");
        assert_eq!(serde_json::to_string(&token).unwrap(), "\"tok-123\"");
    }
}
