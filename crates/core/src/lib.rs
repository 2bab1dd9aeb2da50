//! Ledgerline's offline core: no UI, no Tauri.
//!
//! It keeps an SQLite mirror of each FreshBooks business the user belongs to, syncs it both ways,
//! and drafts invoices from time. The desktop shell and `ledgerline-cli` both drive it.
//!
//! Layout:
//! - [`store`]: the mirror ([`store::Store`]): one writer, pooled readers, WAL, migrations.
//! - [`edit`]: local edits, each written with its outbox operation in one transaction.
//! - [`outbox`]: the operations and how they are sent and reconciled.
//! - [`drafting`]: pure invoice drafting from unbilled time.
//! - [`entity`]: the kinds of records mirrored.
//! - [`error`]: [`Error`], its classification and its IPC payload.
#![warn(missing_docs)]

pub mod drafting;
pub mod edit;
pub mod entity;
pub mod error;
pub mod event;
pub mod outbox;
pub mod secrets;
pub mod store;
pub mod sync;

pub use entity::Entity;
pub use error::{Error, Result};
pub use store::Store;
