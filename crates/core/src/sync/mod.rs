//! Two-way sync: push the outbox, pull what changed.
//!
//! - [`plan`]: pure; what to do now.
//! - `pull`: one entity's pull, page by page, each page in one transaction with its cursor.
//! - `engine`: the loop over a closed `engine::Input` enum that owns every sync task.
//! - [`monitor`]: the running sync's progress, kept in memory for the Sync page; [`eta`]: its
//!   time left (pure).

pub(crate) mod engine;
pub mod eta;
pub(crate) mod fetch;
pub mod monitor;
pub mod plan;
pub(crate) mod pull;
pub(crate) mod run;
pub(crate) mod stale;
