//! Ledgerline's front end: a Leptos client-side app, compiled to WASM and loaded by the Tauri
//! window. It does no IO of its own: everything goes through `ipc` to the shell.
//!
//! A library so the browser tests in `tests/web.rs` can mount [`app::App`]; `main.rs` mounts it
//! into the window.

pub mod app;
mod ipc;
mod pages;
