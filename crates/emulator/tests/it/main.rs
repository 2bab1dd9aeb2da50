//! The emulator's integration tests: real HTTP to an in-process emulator on port 0.

mod binary;
mod errors;
mod faults;
mod filters;
mod identity;
mod oauth;
mod paging;
mod roles;
mod scopes;
mod seed;
mod support;
mod today;
mod writes;
