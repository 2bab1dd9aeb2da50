//! FreshBooks' JSON exactly as sent, and its conversion into `ledgerline_model` types.
//!
//! Nothing here is public: other crates see only model types (and the raw JSON, on request).
//! Every struct tolerates unknown fields; lenient decoders in [`de`] absorb FreshBooks' loose
//! typing; [`decode`] names the JSON path of anything that still fails.

pub(crate) mod accounting;
pub(crate) mod client;
pub(crate) mod de;
pub(crate) mod envelope;
pub(crate) mod errors;
#[cfg(test)]
mod fixtures;
pub(crate) mod identity;
pub(crate) mod invoice;
pub(crate) mod projects;
pub(crate) mod time_entry;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, Result};

/// Decodes `value` (found at JSON path `at` of the answer to `operation`) into `W`.
pub(crate) fn decode<W: DeserializeOwned>(value: &Value, operation: &str, at: &str) -> Result<W> {
    serde_path_to_error::deserialize(value).map_err(|err| {
        let inner = err.path().to_string();
        let path = match (at.is_empty(), inner.as_str()) {
            (true, _) => inner.clone(),
            (false, ".") => at.to_owned(),
            (false, _) => format!("{at}.{inner}"),
        };
        Error::Decode {
            operation: operation.to_owned(),
            path,
            message: err.into_inner().to_string(),
        }
    })
}

/// Picks `id`, or FreshBooks' older spelling of it (`userid`, `invoiceid`, …). Both usually
/// come, so serde's `alias` (which rejects duplicates) cannot be used.
pub(crate) fn either_id(
    id: Option<i64>,
    old: Option<i64>,
    what: &str,
) -> std::result::Result<i64, String> {
    id.or(old).ok_or_else(|| format!("{what} without an id"))
}
