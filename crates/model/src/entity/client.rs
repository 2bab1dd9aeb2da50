//! [`Client`]: a customer of the business, with its create and update payloads.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::entity::VisState;
use crate::ids::ClientId;
use crate::money::{CurrencyCode, Money};

/// A client (customer) of a business.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    /// FreshBooks' id (`id`, also `userid`).
    pub id: ClientId,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Organization name.
    pub organization: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Business phone.
    pub business_phone: Option<String>,
    /// Mobile phone.
    pub mobile_phone: Option<String>,
    /// Home phone.
    pub home_phone: Option<String>,
    /// Primary (billing) address.
    pub address: Address,
    /// Currency invoices to this client use by default.
    pub currency_code: Option<CurrencyCode>,
    /// Language code, e.g. `en`.
    pub language: Option<String>,
    /// Private notes.
    pub note: Option<String>,
    /// Active, archived or deleted.
    pub vis_state: VisState,
    /// When FreshBooks last changed the record (UTC).
    pub updated: Option<DateTime<Utc>>,
    /// When the client signed up (UTC).
    pub signup_date: Option<DateTime<Utc>>,
    /// Outstanding balance per currency, when asked for (`include[]=outstanding_balance`).
    pub outstanding_balance: Option<Vec<Money>>,
}

impl Client {
    /// The name to show: the organization, else first and last name, else the email.
    pub fn display_name(&self) -> String {
        if let Some(org) = self
            .organization
            .as_deref()
            .filter(|s| !s.trim().is_empty())
        {
            return org.to_owned();
        }
        let name = [self.first_name.as_deref(), self.last_name.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if name.is_empty() {
            self.email.clone().unwrap_or_default()
        } else {
            name
        }
    }
}

/// A postal address (FreshBooks' `p_…` fields on clients).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Street.
    pub street: Option<String>,
    /// Second street line.
    pub street2: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Province or state.
    pub province: Option<String>,
    /// Postal or ZIP code.
    pub postal_code: Option<String>,
    /// Country.
    pub country: Option<String>,
}

/// A client to create. FreshBooks needs an organization or a first/last name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewClient {
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Organization name.
    pub organization: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Business phone.
    pub business_phone: Option<String>,
    /// Mobile phone.
    pub mobile_phone: Option<String>,
    /// Address.
    pub address: Address,
    /// Default currency.
    pub currency_code: Option<CurrencyCode>,
    /// Language code.
    pub language: Option<String>,
    /// Private notes.
    pub note: Option<String>,
}

/// Changes to a client: only the fields that are `Some` are sent. To archive, delete or restore,
/// use the client handler's `archive`/`delete`/`restore` (FreshBooks ignores every other field
/// in a request that changes `vis_state`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientUpdate {
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Organization name.
    pub organization: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Business phone.
    pub business_phone: Option<String>,
    /// Mobile phone.
    pub mobile_phone: Option<String>,
    /// Street.
    pub street: Option<String>,
    /// Second street line.
    pub street2: Option<String>,
    /// City.
    pub city: Option<String>,
    /// Province or state.
    pub province: Option<String>,
    /// Postal or ZIP code.
    pub postal_code: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Default currency.
    pub currency_code: Option<CurrencyCode>,
    /// Language code.
    pub language: Option<String>,
    /// Private notes.
    pub note: Option<String>,
}
