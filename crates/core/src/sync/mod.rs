//! Two-way sync: push the outbox, pull what changed.
//!
//! - [`plan`]: pure; what to do now.
//! - `pull`: one entity's pull, page by page, each page in one transaction with its cursor.
//! - `engine`: the loop over a closed `engine::Input` enum that owns every sync task.

pub(crate) mod engine;
pub(crate) mod fetch;
pub mod plan;
pub(crate) mod pull;
pub(crate) mod run;
pub(crate) mod stale;
