//! End-to-end tests of the real release app in a real window. One binary, one module per area.

mod demo;
mod drafting;
mod drafting_elsewhere;
mod everyday;
mod shell;
mod sign_in;
mod sync_page;
