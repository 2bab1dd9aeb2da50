//! [`WithRaw`]: a decoded record together with the JSON FreshBooks sent for it.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A record and its raw JSON, exactly as FreshBooks sent it (unknown fields included), for
/// callers that store or export FreshBooks' own shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WithRaw<T> {
    /// The record, in Ledgerline's types.
    pub record: T,
    /// FreshBooks' JSON for it.
    pub raw: Value,
}

impl<T> WithRaw<T> {
    /// Converts the record, keeping the raw JSON.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> WithRaw<U> {
        WithRaw {
            record: f(self.record),
            raw: self.raw,
        }
    }
}

/// A record of a page read record by record: decoded, or why it could not be, with its raw JSON
/// either way. A mirror keeps what it can read and sets aside what it cannot, instead of losing
/// the whole page to one odd record.
#[derive(Debug)]
pub struct Checked<T> {
    /// The record, or why it does not decode.
    pub record: std::result::Result<T, crate::Error>,
    /// FreshBooks' JSON for it.
    pub raw: Value,
}
