//! The emulator's state: the demo identity, its businesses with their records, and the OAuth
//! grants. One `State` lives behind a std `Mutex` in `state::Shared`; handlers lock it briefly and
//! never across an `.await`, so a std mutex is the right primitive (no async lock needed).
//!
//! Records are JSON objects (`fields`) plus the bookkeeping every FreshBooks record has (id,
//! vis_state, created/updated instants), so one generic store serves every resource; the
//! resource modules give the fields their meaning.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::Result;

/// Every kind of record the emulator stores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Collection {
    Clients,
    Invoices,
    Estimates,
    Payments,
    Expenses,
    ExpenseCategories,
    Taxes,
    Items,
    Tasks,
    Staffs,
    CreditNotes,
    OtherIncomes,
    Bills,
    BillVendors,
    InvoiceProfiles,
    Callbacks,
    Projects,
    TimeEntries,
    Services,
    ServiceRates,
}

/// vis_state values.
pub const ACTIVE: u8 = 0;
/// vis_state: deleted.
pub const DELETED: u8 = 1;
/// vis_state: archived.
pub const ARCHIVED: u8 = 2;

/// One stored record.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Record {
    pub id: i64,
    pub vis_state: u8,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    pub fields: Map<String, Value>,
}

impl Record {
    /// A record as a create makes it: visible (vis_state 0), created and last updated at `at`.
    pub fn new(id: i64, at: DateTime<Utc>, fields: Map<String, Value>) -> Record {
        Record {
            id,
            vis_state: 0,
            created: at,
            updated: at,
            fields,
        }
    }

    /// A boolean field; false when it is missing or not a boolean.
    pub fn flag(&self, key: &str) -> bool {
        self.fields
            .get(key)
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }
}

/// What a role may do in a business.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Access {
    ReadWrite,
    ReadOnly,
}

/// A postal address, as identity's `business.address` carries it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Address {
    pub id: i64,
    pub street: String,
    pub city: String,
    pub province: String,
    pub country: String,
    pub postal_code: String,
}

/// One business the demo user belongs to, with its records.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Business {
    pub id: i64,
    pub uuid: String,
    pub account_id: String,
    pub membership_id: i64,
    pub name: String,
    pub role: String,
    pub access: Access,
    pub currency: String,
    pub date_format: String,
    pub address: Address,
    pub phone_number: Option<String>,
    pub collections: BTreeMap<Collection, BTreeMap<i64, Record>>,
    /// Bumped by every change to the records through [`Business::put`],
    /// [`Business::record_mut`] and [`Business::remove`]: list views computed from the records
    /// (`crate::views`) are reused only while it stands still. Not saved.
    #[serde(skip)]
    pub generation: u64,
    /// The calendar day pinned for this business's dates (see [`Business::today`]); None
    /// follows the real clock. Not saved: each start takes it from the configuration.
    #[serde(skip)]
    pub pinned_today: Option<NaiveDate>,
}

/// The demo user.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Identity {
    pub id: i64,
    pub identity_id: i64,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub created_at: DateTime<Utc>,
}

/// A pending authorization code (single use, 5 minutes).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CodeGrant {
    pub client_id: String,
    pub redirect_uri: String,
    pub scope: String,
    pub expires_at: DateTime<Utc>,
}

/// A live access token.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccessGrant {
    pub scope: String,
    pub expires_at: DateTime<Utc>,
}

/// A live refresh token (single use; never expires).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RefreshGrant {
    pub client_id: String,
    pub scope: String,
}

/// OAuth grants in force.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Grants {
    pub codes: HashMap<String, CodeGrant>,
    pub access: HashMap<String, AccessGrant>,
    pub refresh: HashMap<String, RefreshGrant>,
}

/// The whole state of an emulator.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct State {
    pub identity: Identity,
    pub businesses: Vec<Business>,
    pub grants: Grants,
    pub next_ids: BTreeMap<Collection, i64>,
    /// The last `updated` handed out, so every write gets a strictly later instant.
    pub last_write: DateTime<Utc>,
}

impl State {
    /// The business whose accounting id is `account_id`.
    pub fn by_account(&self, account_id: &str) -> Option<usize> {
        self.businesses
            .iter()
            .position(|b| b.account_id == account_id)
    }

    /// The business whose integer id is `business_id` (given as path text).
    pub fn by_business_id(&self, business_id: &str) -> Option<usize> {
        let id: i64 = business_id.parse().ok()?;
        self.businesses.iter().position(|b| b.id == id)
    }

    /// A fresh id for a record of `collection` (ids are unique across businesses, as in FreshBooks).
    pub fn next_id(&mut self, collection: Collection) -> i64 {
        let next = self
            .next_ids
            .entry(collection)
            .or_insert_with(|| first_id(collection));
        let id = *next;
        *next += 1;
        id
    }

    /// An instant for a write: now, or 1 µs after the previous write, whichever is later, so an
    /// invoice's `version` changes on every edit even within one clock tick.
    pub fn write_instant(&mut self, now: DateTime<Utc>) -> DateTime<Utc> {
        let at = if now > self.last_write {
            now
        } else {
            self.last_write + TimeDelta::microseconds(1)
        };
        self.last_write = at;
        at
    }

    /// Loads a state file written by [`State::save`].
    pub fn load(path: &Path) -> Result<State> {
        let text = std::fs::read_to_string(path)?;
        Ok(serde_json::from_str(&text)?)
    }

    /// Writes the state as JSON, atomically (temp file, then rename).
    pub fn save(&self, path: &Path) -> Result<()> {
        let text = serde_json::to_string(self)?;
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, path)?;
        Ok(())
    }
}

impl Business {
    /// Today's date where FreshBooks keeps the books (US/Eastern): what `create_date` and
    /// payment `date` default to and what `v3_status` counts overdue from. The real day unless
    /// a test pinned one ([`crate::Config::today`]), so that a test running across midnight
    /// sees one day from its first request to its last.
    pub fn today(&self) -> NaiveDate {
        self.pinned_today
            .unwrap_or_else(|| crate::timefmt::eastern_date(Utc::now()))
    }

    /// The records of one collection.
    pub fn records(&self, collection: Collection) -> impl Iterator<Item = &Record> {
        self.collections
            .get(&collection)
            .into_iter()
            .flat_map(|records| records.values())
    }

    /// One record by id.
    pub fn record(&self, collection: Collection, id: i64) -> Option<&Record> {
        self.collections.get(&collection)?.get(&id)
    }

    /// One record by id, mutable (the caller is taken to change it).
    pub fn record_mut(&mut self, collection: Collection, id: i64) -> Option<&mut Record> {
        self.generation += 1;
        self.collections.get_mut(&collection)?.get_mut(&id)
    }

    /// Inserts or replaces a record.
    pub fn put(&mut self, collection: Collection, record: Record) {
        self.generation += 1;
        self.collections
            .entry(collection)
            .or_default()
            .insert(record.id, record);
    }

    /// Removes a record (real deletes: projects, time entries).
    pub fn remove(&mut self, collection: Collection, id: i64) -> Option<Record> {
        self.generation += 1;
        self.collections.get_mut(&collection)?.remove(&id)
    }
}

/// Ids of each collection start in their own range, which makes logs easier to read.
fn first_id(collection: Collection) -> i64 {
    match collection {
        Collection::Clients => 100_001,
        Collection::Invoices => 300_001,
        Collection::Estimates => 400_001,
        Collection::Payments => 500_001,
        Collection::Expenses => 600_001,
        Collection::TimeEntries => 10_000_001,
        Collection::Projects => 700_001,
        Collection::Services => 800_001,
        Collection::Tasks => 900_001,
        Collection::Items => 950_001,
        Collection::Taxes => 1_001,
        _ => 2_000_001,
    }
}
