//! The crate's one error type. API handlers return it and `families` renders it in the body shape
//! of the family that failed; start-up and persistence return it to the caller.

/// Everything that can go wrong in the emulator.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No bearer token, an unknown one, or an expired one.
    #[error("the access token is missing, unknown or expired")]
    Unauthenticated,
    /// The business role may not write.
    #[error("this role may not change records in this business")]
    Forbidden,
    /// The account_id / business_id is not one of the user's businesses: FreshBooks sends a bare 404.
    #[error("no such business for this user")]
    UnknownBusiness,
    /// The record does not exist (or belongs to another business).
    #[error("{object} {id} not found")]
    NotFound {
        /// FreshBooks' object name, e.g. `invoice`.
        object: &'static str,
        /// The id asked for.
        id: String,
    },
    /// A field failed validation (accounting errno, projects `field required`).
    #[error("{object}.{field}: {message}")]
    Invalid {
        /// FreshBooks' errno for the failure.
        errno: u32,
        /// The object being written, e.g. `invoice`.
        object: &'static str,
        /// The offending field.
        field: String,
        /// The human message.
        message: String,
        /// The offending value, as a string.
        value: String,
    },
    /// The body is not JSON, or lacks the `{"<single>": {…}}` envelope.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Reading or writing the state file, or binding the listener.
    #[error("i/o: {0}")]
    Io(#[from] std::io::Error),
    /// The state file is not valid JSON state.
    #[error("state file: {0}")]
    StateFile(#[from] serde_json::Error),
}

/// Result with the emulator's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A validation failure on `field` with FreshBooks' errno.
    pub fn invalid(
        errno: u32,
        object: &'static str,
        field: &str,
        message: &str,
        value: &str,
    ) -> Self {
        Error::Invalid {
            errno,
            object,
            field: field.to_owned(),
            message: message.to_owned(),
            value: value.to_owned(),
        }
    }

    /// A missing record.
    pub fn not_found(object: &'static str, id: impl ToString) -> Self {
        Error::NotFound {
            object,
            id: id.to_string(),
        }
    }
}
