//! The outbox: local edits as durable operations, sent to FreshBooks in order.
//!
//! - [`op`]: the [`op::Op`] enum and field groups.
//! - `send`: hands one operation to FreshBooks and classifies the outcome.
//! - `reconcile`: before re-sending a create whose outcome is unknown, looks for it.

pub mod op;
pub mod payload;
