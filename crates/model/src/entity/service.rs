//! [`Service`] and [`ServiceRate`]: kinds of work time is logged against, and their rates.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::entity::VisState;
use crate::ids::{BusinessId, ServiceId};

/// A service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    /// FreshBooks' id.
    pub id: ServiceId,
    /// The business it belongs to.
    pub business_id: Option<BusinessId>,
    /// Name.
    pub name: String,
    /// Whether time on it is billable.
    pub billable: bool,
    /// Active, archived or deleted.
    pub vis_state: VisState,
}

/// A service's hourly rate, in the business's currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceRate {
    /// The service.
    pub service_id: ServiceId,
    /// The business.
    pub business_id: Option<BusinessId>,
    /// The rate per hour (exact). FreshBooks sends no currency with it.
    pub rate: Decimal,
}
