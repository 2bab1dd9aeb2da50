//! Identifier newtypes.
//!
//! FreshBooks gives every business three ids (see the API reference): the integer `business_id`
//! (projects, time tracking, services), the short string `account_id` (accounting) and the
//! `business_uuid`. Passing one where another belongs yields a bare 404, so each is its own type
//! and none converts into another.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Declares an id newtype over an integer or a string, with `Display`, serde as the bare value
/// and `From` the inner type.
macro_rules! id {
    ($(#[$meta:meta])* $name:ident: i64) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// The raw integer, as FreshBooks spells it.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl From<i64> for $name {
            fn from(raw: i64) -> Self {
                Self(raw)
            }
        }
    };
    ($(#[$meta:meta])* $name:ident: String) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The raw string, as FreshBooks spells it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(raw: String) -> Self {
                Self(raw)
            }
        }

        impl From<&str> for $name {
            fn from(raw: &str) -> Self {
                Self(raw.to_owned())
            }
        }
    };
}

id!(
    /// A business's integer id: the key of the projects, time-tracking and services families.
    BusinessId: i64
);
id!(
    /// A business's accounting id (e.g. `"zDmNq"`): the key of the accounting family.
    AccountId: String
);
id!(
    /// A business's UUID, used by FreshBooks' newer accounting endpoints.
    BusinessUuid: String
);
id!(
    /// A FreshBooks user's identity id (the team member on time entries).
    IdentityId: i64
);
id!(
    /// A client (`userid` in accounting).
    ClientId: i64
);
id!(
    /// An invoice (`invoiceid`).
    InvoiceId: i64
);
id!(
    /// An invoice line (`lineid`), unique within its invoice.
    LineId: i64
);
id!(
    /// An estimate (`estimateid`).
    EstimateId: i64
);
id!(
    /// A payment (`paymentid`).
    PaymentId: i64
);
id!(
    /// An expense (`expenseid`).
    ExpenseId: i64
);
id!(
    /// A tax (`taxid`).
    TaxId: i64
);
id!(
    /// An item (`itemid`).
    ItemId: i64
);
id!(
    /// A project.
    ProjectId: i64
);
id!(
    /// A service (the comments family).
    ServiceId: i64
);
id!(
    /// An accounting task (`taskid`).
    TaskId: i64
);
id!(
    /// A time entry.
    TimeEntryId: i64
);
id!(
    /// A record created offline that FreshBooks has not numbered yet; local to this machine.
    LocalId: i64
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_serialize_as_bare_values() {
        assert_eq!(serde_json::to_string(&BusinessId(42)).unwrap(), "42");
        assert_eq!(
            serde_json::to_string(&AccountId::from("zDmNq")).unwrap(),
            "\"zDmNq\""
        );
        let back: ClientId = serde_json::from_str("7").unwrap();
        assert_eq!(back, ClientId(7));
    }
}
