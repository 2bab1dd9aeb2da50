//! The outbox: local edits as durable operations, sent to FreshBooks in order.
//!
//! - [`op`]: the [`op::Op`] enum and field groups.
//! - [`payload`]: an operation's fields as the client's typed payloads.
//! - [`conflict`]: pure conflict detection per field group.
//! - [`send`]: hands operations to FreshBooks and classifies each outcome.
//! - [`reconcile`]: before re-sending a create whose outcome is unknown, looks for it.

pub mod conflict;
pub mod op;
pub mod payload;
pub mod reconcile;
pub mod send;
