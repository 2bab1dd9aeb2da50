//! One module per FreshBooks noun. Accounting nouns are described by an [`AccountingSpec`] that the
//! generic handlers in `families::accounting` run; the business-id families (projects, time
//! entries, services) have their own handlers.

pub mod callbacks;
pub mod clients;
pub mod estimates;
pub mod invoices;
pub mod lines;
pub mod payments;
pub mod plain;
pub mod projects;
pub mod services;
pub mod time_entries;

use serde_json::{Map, Value};

use crate::families::accounting::AccountingSpec;
use crate::store::Record;

/// Every accounting noun the emulator serves.
pub fn accounting_specs() -> [&'static AccountingSpec; 16] {
    [
        &clients::SPEC,
        &invoices::SPEC,
        &payments::SPEC,
        &estimates::SPEC,
        &plain::EXPENSES,
        &plain::CATEGORIES,
        &plain::TAXES,
        &plain::ITEMS,
        &plain::TASKS,
        &plain::STAFFS,
        &plain::CREDIT_NOTES,
        &plain::OTHER_INCOMES,
        &plain::BILLS,
        &plain::BILL_VENDORS,
        &plain::INVOICE_PROFILES,
        &callbacks::SPEC,
    ]
}

/// Fields a client may not set: the server owns them.
const SERVER_OWNED: &[&str] = &["id", "vis_state", "updated", "created_at"];

/// The stored fields overlaid with the request's fields, except server-owned ones and `extra`.
pub fn merge(
    existing: Option<&Record>,
    input: &Map<String, Value>,
    extra_owned: &[&str],
) -> Map<String, Value> {
    let mut fields = existing
        .map(|record| record.fields.clone())
        .unwrap_or_default();
    for (key, value) in input {
        if SERVER_OWNED.contains(&key.as_str()) || extra_owned.contains(&key.as_str()) {
            continue;
        }
        fields.insert(key.clone(), value.clone());
    }
    fields
}

/// Sets `key` to `value` unless the fields already have it.
pub fn default_field(fields: &mut Map<String, Value>, key: &str, value: Value) {
    if !fields.contains_key(key) {
        fields.insert(key.to_owned(), value);
    }
}

/// A text field, or "" when absent.
pub fn text<'a>(fields: &'a Map<String, Value>, key: &str) -> &'a str {
    fields.get(key).and_then(Value::as_str).unwrap_or("")
}
