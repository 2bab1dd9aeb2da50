//! The outbox: local edits as durable operations, sent to FreshBooks in order.
//!
//! Operations are stored with FreshBooks' field names (the one exception to "only
//! `ledgerline-freshbooks` knows FreshBooks' JSON", see ARCHITECTURE.md), so an operation written
//! by one version of Ledgerline is sent unchanged by the next.
//!
//! - [`op`]: the [`op::Op`] enum and field groups.
//! - [`fields`]: model payloads as an operation's stored fields.
//! - [`payload`]: an operation's fields as the client's typed payloads (the inverse).
//! - [`conflict`]: pure conflict detection per field group.
//! - [`send`]: hands operations to FreshBooks and classifies each outcome.
//! - [`reconcile`]: before re-sending a create whose outcome is unknown, looks for it.

pub(crate) mod conflict;
pub(crate) mod fields;
pub(crate) mod op;
pub(crate) mod payload;
pub(crate) mod reconcile;
pub(crate) mod send;
