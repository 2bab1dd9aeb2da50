//! [`Tax`]: a sales tax the business charges.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::ids::TaxId;

/// A tax.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tax {
    /// FreshBooks' id (`taxid`).
    pub id: TaxId,
    /// Name, e.g. `HST`.
    pub name: String,
    /// Rate in percent (`13` for 13 %).
    pub percent: Option<Decimal>,
    /// Registration number.
    pub number: Option<String>,
    /// Whether it compounds on another tax.
    pub compound: bool,
    /// When FreshBooks last changed it (UTC).
    pub updated: Option<DateTime<Utc>>,
}
