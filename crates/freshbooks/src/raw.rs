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
