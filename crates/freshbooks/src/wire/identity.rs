//! `/auth/api/v1/users/me`: the user and their business memberships.

use ledgerline_model::entity::{Business, Identity, Membership, Role};
use ledgerline_model::ids::{AccountId, BusinessId, BusinessUuid, IdentityId};
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
    #[serde(default)]
    business_memberships: Vec<WireMembership>,
}

#[derive(Debug, Deserialize)]
struct WireMembership {
    #[serde(deserialize_with = "de::i64")]
    id: i64,
    #[serde(default, deserialize_with = "de::opt_string")]
    role: Option<String>,
    business: WireBusiness,
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
                .map(|m| Membership {
                    id: m.id,
                    role: Role::from_freshbooks(m.role.as_deref().unwrap_or("")),
                    business: Business {
                        id: BusinessId(m.business.id),
                        account_id: m.business.account_id.map(AccountId),
                        uuid: m.business.business_uuid.map(BusinessUuid),
                        name: m.business.name.unwrap_or_default(),
                        date_format: m.business.date_format,
                        active: m.business.active,
                    },
                })
                .collect(),
        }
    }
}
