//! Typed handlers for every FreshBooks resource Ledgerline uses.
//!
//! Two URL families, two generic handlers:
//! - [`accounting::Accounting`] for `/accounting/account/{account_id}/…` (clients, invoices,
//!   estimates, payments, expenses, taxes, items, tasks), keyed by [`ledgerline_model::ids::AccountId`];
//! - [`business::BusinessScoped`] for projects, time tracking and services, keyed by
//!   [`ledgerline_model::ids::BusinessId`].
//!
//! Each resource is a marker type (e.g. [`Clients`]) in its own module, which also holds its
//! typed list filters and its writes. The traits are sealed: their hidden items are FreshBooks
//! URL and envelope knowledge that no other crate needs.

/// Declares an accounting resource marker and its trait impl.
macro_rules! accounting_resource {
    ($(#[$meta:meta])* $marker:ident {
        record: $record:ty,
        id: $id:ty,
        path: $path:literal,
        single: $single:literal,
        list: $list:literal,
        wire: $wire:ty,
        $(get_includes: $includes:expr,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug)]
        pub enum $marker {}

        impl crate::resources::sealed::Sealed for $marker {}

        impl crate::resources::AccountingResource for $marker {
            type Record = $record;
            type Id = $id;
            const PATH: &'static str = $path;
            const SINGLE: &'static str = $single;
            const LIST: &'static str = $list;
            $(const GET_INCLUDES: &'static [&'static str] = $includes;)?

            fn decode(
                value: &serde_json::Value,
                operation: &str,
                at: &str,
            ) -> crate::error::Result<Self::Record> {
                crate::resources::decode_into(value, operation, at, <$wire>::into_model)
            }

            fn id_of(record: &Self::Record) -> i64 {
                record.id.get()
            }
        }
    };
}

pub mod accounting;
pub mod business;
pub mod clients;
pub mod estimates;
pub mod expenses;
pub mod invoices;
pub mod items;
pub mod payments;
pub mod projects;
pub mod services;
pub mod tasks;
pub mod taxes;
pub mod time_entries;

use std::fmt;

use ledgerline_model::ids::BusinessId;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::http::Call;

pub use clients::Clients;
pub use estimates::Estimates;
pub use expenses::Expenses;
pub use invoices::Invoices;
pub use items::Items;
pub use payments::Payments;
pub use projects::Projects;
pub use services::Services;
pub use tasks::Tasks;
pub use taxes::Taxes;
pub use time_entries::TimeEntries;

mod sealed {
    /// Only this crate's resource markers implement the resource traits.
    pub trait Sealed {}
}

/// An accounting resource (`/accounting/account/{account_id}/{path}`).
pub trait AccountingResource: sealed::Sealed + Send + Sync + 'static {
    /// The record, in Ledgerline's types.
    type Record: Send + 'static;
    /// Its id type.
    type Id: Copy + fmt::Display + Send + Sync + 'static;
    #[doc(hidden)]
    /// `users/clients`, `invoices/invoices`, …
    const PATH: &'static str;
    #[doc(hidden)]
    /// The singular envelope key (`client`).
    const SINGLE: &'static str;
    #[doc(hidden)]
    /// The list envelope key (`clients`).
    const LIST: &'static str;
    #[doc(hidden)]
    /// Includes always asked for on a single get and on writes (invoices' lines).
    const GET_INCLUDES: &'static [&'static str] = &[];
    #[doc(hidden)]
    /// Decodes one record found at JSON path `at`.
    fn decode(value: &Value, operation: &str, at: &str) -> Result<Self::Record>;
    #[doc(hidden)]
    /// The record's id, for de-duplication across pages.
    fn id_of(record: &Self::Record) -> i64;
}

/// A resource of the projects, time-tracking or comments family, keyed by business id.
pub trait BusinessResource: sealed::Sealed + Send + Sync + 'static {
    /// The record, in Ledgerline's types.
    type Record: Send + 'static;
    /// Its id type.
    type Id: Copy + fmt::Display + Send + Sync + 'static;
    #[doc(hidden)]
    /// The list path.
    fn list_path(business: BusinessId) -> String;
    #[doc(hidden)]
    /// The path of one record (and of updates and deletes).
    fn item_path(business: BusinessId, id: Self::Id) -> String;
    #[doc(hidden)]
    /// The path creates are posted to.
    fn create_path(business: BusinessId) -> String;
    #[doc(hidden)]
    /// The singular envelope key.
    const SINGLE: &'static str;
    #[doc(hidden)]
    /// The list envelope key.
    const LIST: &'static str;
    #[doc(hidden)]
    /// Decodes one record found at JSON path `at`.
    fn decode(value: &Value, operation: &str, at: &str) -> Result<Self::Record>;
    #[doc(hidden)]
    /// The record's id, for de-duplication across pages.
    fn id_of(record: &Self::Record) -> i64;
}

/// Sends a create or update and reads the written record from its answer with `read`; an
/// answer that cannot be read becomes an outcome to confirm (`unconfirmed_write`).
pub(crate) async fn send_write<T>(
    client: &Client,
    call: &Call,
    read: fn(&Value, &str) -> Result<T>,
) -> Result<T> {
    let answer = client.execute(call).await?;
    read(&answer, &call.operation()).map_err(|err| unconfirmed_write(&call.operation(), err))
}

/// A write's answer that could not be read. FreshBooks answered with success, so the change was
/// most likely applied: reporting a permanent decode failure would invite the caller to give up
/// on it or send it again (no idempotency keys: a duplicate). It is reported as an outcome to
/// confirm by reading back, with the decode failure as its source.
fn unconfirmed_write(operation: &str, err: Error) -> Error {
    match err {
        Error::Decode { .. } => Error::OutcomeUnknown {
            operation: operation.to_owned(),
            source: Box::new(err),
        },
        other => other,
    }
}

/// Decodes a wire struct and converts it, naming the JSON path of any failure.
pub(crate) fn decode_into<W: DeserializeOwned, M>(
    value: &Value,
    operation: &str,
    at: &str,
    convert: impl FnOnce(W) -> std::result::Result<M, String>,
) -> Result<M> {
    let wire: W = crate::wire::decode(value, operation, at)?;
    convert(wire).map_err(|message| Error::Decode {
        operation: operation.to_owned(),
        path: at.to_owned(),
        message,
    })
}
