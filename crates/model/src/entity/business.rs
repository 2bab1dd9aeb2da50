//! Who is signed in and which businesses they belong to: [`Identity`], [`Membership`],
//! [`Business`], [`Role`]; and [`UserBusiness`], one of those businesses as Ledgerline keeps it.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::{AccountId, BusinessId, BusinessUuid, IdentityId};
use crate::money::CurrencyCode;

/// The signed-in FreshBooks user (`/auth/api/v1/users/me`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// The user's identity id (the team member on time entries).
    pub identity_id: IdentityId,
    /// The user's id (`id` in FreshBooks' answer).
    pub user_id: i64,
    /// First name.
    pub first_name: Option<String>,
    /// Last name.
    pub last_name: Option<String>,
    /// Email address.
    pub email: Option<String>,
    /// Every business this user belongs to, in FreshBooks' order. Never pick the first silently.
    pub memberships: Vec<Membership>,
}

/// The user's place in one business.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    /// The membership's own id (0 when FreshBooks sends none).
    pub id: i64,
    /// The user's role in this business.
    pub role: Role,
    /// The business.
    pub business: Business,
}

/// A FreshBooks business and its three ids, which never stand in for one another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Business {
    /// The integer id: projects, time tracking, services.
    pub id: BusinessId,
    /// The accounting id; `None` for a business FreshBooks gives no accounting account.
    pub account_id: Option<AccountId>,
    /// The UUID used by newer accounting endpoints.
    pub uuid: Option<BusinessUuid>,
    /// The business's name.
    pub name: String,
    /// FreshBooks' date format preference, e.g. `mm/dd/yyyy`.
    pub date_format: Option<String>,
    /// Whether the business is active.
    pub active: Option<bool>,
    /// The business's own currency (`base_currency`), when FreshBooks sends one; `None` is
    /// unknown, never a guess.
    #[serde(default)]
    pub currency_code: Option<CurrencyCode>,
}

/// A user's role in a business.
///
/// FreshBooks' full list of roles is unverified: an [`Role::Other`] role is treated as
/// read-only until a write succeeds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The business owner: may do everything.
    Owner,
    /// An administrator (legacy `admin`).
    Admin,
    /// A team member (`business_employee`).
    BusinessEmployee,
    /// A client of the business looking at its own records.
    Client,
    /// A role FreshBooks sent that Ledgerline does not know, as spelled by FreshBooks.
    Other(String),
}

/// One of the signed-in user's businesses as Ledgerline mirrors it: what the business switcher
/// lists. Only a business with an accounting account can be mirrored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserBusiness {
    /// The integer id (projects, time tracking, services).
    pub business_id: BusinessId,
    /// The accounting id.
    pub account_id: AccountId,
    /// The UUID, when FreshBooks gave one.
    pub business_uuid: Option<BusinessUuid>,
    /// The business's name.
    pub name: String,
    /// The user's role in it.
    pub role: Role,
    /// The business's home currency, when known.
    pub currency_code: Option<CurrencyCode>,
}

impl UserBusiness {
    /// Whether Ledgerline should offer edits in this business (see [`Role::presumed_writable`]).
    pub fn writable(&self) -> bool {
        self.role.presumed_writable()
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_freshbooks())
    }
}

impl Role {
    /// The role for FreshBooks' spelling.
    pub fn from_freshbooks(raw: &str) -> Self {
        // Case and surrounding spaces are not trusted to be stable across FreshBooks' services.
        match raw.trim().to_ascii_lowercase().as_str() {
            "owner" => Role::Owner,
            "admin" => Role::Admin,
            "business_employee" => Role::BusinessEmployee,
            "client" => Role::Client,
            _ => Role::Other(raw.to_owned()),
        }
    }

    /// FreshBooks' spelling of the role.
    pub fn as_freshbooks(&self) -> &str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::BusinessEmployee => "business_employee",
            Role::Client => "client",
            Role::Other(raw) => raw,
        }
    }

    /// Whether Ledgerline should expect writes to work for this role before trying one.
    ///
    /// Only owners and administrators are presumed to write. The reference lists
    /// `business_employee` as a role seen but not what it may change, and says a role that may
    /// not write gets 403 on writes; a team member's rights are set per person by the owner, so
    /// offering edits that FreshBooks may refuse would turn into failed saves. Unknown roles are
    /// read-only too, until a write succeeds.
    pub fn presumed_writable(&self) -> bool {
        matches!(self, Role::Owner | Role::Admin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_keep_freshbooks_spelling() {
        for raw in [
            "owner",
            "admin",
            "business_employee",
            "client",
            "accountant_partner",
        ] {
            assert_eq!(Role::from_freshbooks(raw).as_freshbooks(), raw);
        }
        assert_eq!(Role::from_freshbooks(" Owner "), Role::Owner);
        assert_eq!(
            Role::from_freshbooks("Manager"),
            Role::Other("Manager".into())
        );
        assert!(Role::Owner.presumed_writable());
        assert!(Role::Admin.presumed_writable());
        assert!(!Role::BusinessEmployee.presumed_writable());
        assert!(!Role::Client.presumed_writable());
        assert!(!Role::Other("accountant_partner".into()).presumed_writable());
    }
}
