//! One module per command family; each function takes the parsed arguments and the context,
//! prints its result on stdout, and returns core errors for `main` to report.

pub mod auth;
pub mod bench;
pub mod clients;
pub mod conflicts;
pub mod export;
pub mod invoice;
pub mod loopback;
pub mod status;
pub mod sync;
pub mod time;

use crate::error::{Error, Result};

/// Parses a `YYYY-MM-DD` argument.
pub fn parse_day(arg: &'static str, text: Option<&str>) -> Result<Option<chrono::NaiveDate>> {
    text.map(|t| {
        chrono::NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").map_err(|_| Error::Usage {
            arg,
            problem: format!("“{t}” is not a day: write YYYY-MM-DD, such as 2026-03-31"),
        })
    })
    .transpose()
}
