//! `/auth/api/v1/users/me`: the user and their business memberships.

use ledgerline_model::entity::{Business, Identity, Membership, Role};
use ledgerline_model::ids::{AccountId, BusinessId, BusinessUuid, IdentityId};
use ledgerline_model::money::CurrencyCode;
use serde::Deserialize;

use crate::wire::de;

#[derive(Debug, Deserialize)]
pub(crate) struct WireMe {
    #[serde(deserialize_with = "de::i64")]
    id: i64,
    #[serde(default, deserialize_with = "de::opt_i64")]
    identity_id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    first_name: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    last_name: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    email: Option<String>,
    /// `null` for a user without businesses is read as none.
    #[serde(default, deserialize_with = "de::vec_or_null")]
    business_memberships: Vec<WireMembership>,
}

#[derive(Debug, Deserialize)]
struct WireMembership {
    #[serde(default, deserialize_with = "de::opt_i64")]
    id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    role: Option<String>,
    /// A membership without a business (a pending invitation, say) has no ids to use: it is
    /// left out rather than failing the whole identity, and with it signing in.
    #[serde(default)]
    business: Option<WireBusiness>,
}

#[derive(Debug, Deserialize)]
struct WireBusiness {
    #[serde(deserialize_with = "de::i64")]
    id: i64,
    #[serde(default, deserialize_with = "de::opt_string")]
    business_uuid: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    account_id: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    date_format: Option<String>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    active: Option<bool>,
    /// The business's currency. A code that does not read as one is left unknown rather than
    /// failing the identity (and with it signing in): a currency is then asked for, never guessed.
    #[serde(default, deserialize_with = "de::opt_string")]
    base_currency: Option<String>,
}

impl WireMe {
    pub(crate) fn into_model(self) -> Identity {
        Identity {
            // The identity id is the user's id where FreshBooks sends no separate one.
            identity_id: IdentityId(self.identity_id.unwrap_or(self.id)),
            user_id: self.id,
            first_name: self.first_name,
            last_name: self.last_name,
            email: self.email,
            memberships: self
                .business_memberships
                .into_iter()
                .filter_map(|m| {
                    let Some(business) = m.business else {
                        tracing::warn!("left out a FreshBooks membership without a business");
                        return None;
                    };
                    Some(Membership {
                        id: m.id.unwrap_or(0),
                        role: Role::from_freshbooks(m.role.as_deref().unwrap_or("")),
                        business: Business {
                            id: BusinessId(business.id),
                            account_id: business.account_id.map(AccountId),
                            uuid: business.business_uuid.map(BusinessUuid),
                            name: business.name.unwrap_or_default(),
                            date_format: business.date_format,
                            active: business.active,
                            currency_code: business
                                .base_currency
                                .as_deref()
                                .and_then(|c| CurrencyCode::new(c).ok()),
                        },
                    })
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn business_currency(business: serde_json::Value) -> Option<CurrencyCode> {
        let me: WireMe = serde_json::from_value(serde_json::json!({
            "id": 1, "business_memberships": [{"id": 2, "role": "owner", "business": business}]
        }))
        .unwrap();
        me.into_model().memberships[0]
            .business
            .currency_code
            .clone()
    }

    #[test]
    fn business_currency_is_read_and_never_guessed() {
        assert_eq!(
            business_currency(serde_json::json!({"id": 3, "base_currency": "CAD"})),
            Some(CurrencyCode::new("CAD").unwrap())
        );
        assert_eq!(business_currency(serde_json::json!({"id": 3})), None);
        assert_eq!(
            business_currency(serde_json::json!({"id": 3, "base_currency": null})),
            None
        );
        assert_eq!(
            business_currency(serde_json::json!({"id": 3, "base_currency": "dollars"})),
            None
        );
    }
}
