//! [`Entity`]: the closed set of record kinds Ledgerline mirrors, with the names used in the
//! database, in events, on the command line and in the UI's routes.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A kind of FreshBooks record that the mirror holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    /// Clients (accounting `users/clients`).
    Clients,
    /// Invoices with their lines.
    Invoices,
    /// Time entries (time tracking).
    TimeEntries,
    /// Projects.
    Projects,
    /// Services (the comments family).
    Services,
    /// Service rates, one per service that has one.
    ServiceRates,
    /// Taxes.
    Taxes,
    /// Payments.
    Payments,
    /// Estimates.
    Estimates,
    /// Expenses.
    Expenses,
    /// Items.
    Items,
}

impl Entity {
    /// Every entity, in the order a first sync pulls them: what drafting needs first.
    pub const ALL: [Entity; 11] = [
        Entity::Clients,
        Entity::Projects,
        Entity::Services,
        Entity::ServiceRates,
        Entity::Taxes,
        Entity::TimeEntries,
        Entity::Invoices,
        Entity::Payments,
        Entity::Estimates,
        Entity::Expenses,
        Entity::Items,
    ];

    /// The snake-case name used in the database, in events and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Clients => "clients",
            Entity::Invoices => "invoices",
            Entity::TimeEntries => "time_entries",
            Entity::Projects => "projects",
            Entity::Services => "services",
            Entity::ServiceRates => "service_rates",
            Entity::Taxes => "taxes",
            Entity::Payments => "payments",
            Entity::Estimates => "estimates",
            Entity::Expenses => "expenses",
            Entity::Items => "items",
        }
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not one of [`Entity::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "“{0}” is not something Ledgerline mirrors: use one of clients, invoices, time_entries, projects, services, service_rates, taxes, payments, estimates, expenses, items"
)]
pub struct UnknownEntity(pub String);

impl FromStr for Entity {
    type Err = UnknownEntity;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
        Entity::ALL
            .into_iter()
            .find(|e| e.as_str() == wanted)
            .ok_or_else(|| UnknownEntity(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for entity in Entity::ALL {
            assert_eq!(entity.as_str().parse::<Entity>().unwrap(), entity);
        }
        assert_eq!(
            "time-entries".parse::<Entity>().unwrap(),
            Entity::TimeEntries
        );
        assert!("widgets".parse::<Entity>().is_err());
    }
}
