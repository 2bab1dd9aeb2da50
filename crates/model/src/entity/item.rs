//! [`Item`]: a saved product or service line for invoices.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::entity::VisState;
use crate::ids::{ItemId, TaxId};
use crate::money::Money;

/// An item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// FreshBooks' id (`id`, also `itemid`).
    pub id: ItemId,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Default quantity.
    pub qty: Option<Decimal>,
    /// Price of one unit.
    pub unit_cost: Option<Money>,
    /// Stock on hand, when tracked.
    pub inventory: Option<Decimal>,
    /// First tax.
    pub tax1: Option<TaxId>,
    /// Second tax.
    pub tax2: Option<TaxId>,
    /// Active, archived or deleted.
    pub vis_state: VisState,
    /// When FreshBooks last changed it (UTC).
    pub updated: Option<DateTime<Utc>>,
}
