//! Ledgerline's front end: a Leptos client-side app, compiled to WASM and loaded by the Tauri
//! window. It does no IO of its own: everything goes through `ipc` to the shell.
//!
//! - `app`: the root (session, events) and the choice of screen.
//! - `state`: what the window knows, as context newtypes over signals.
//! - `shell`: what the window asks the shell, landing the answers in the state.
//! - `components`: the frame's pieces (switcher, sync indicator, banners, notices, dialogs).
//! - `pages`: the screens.
//! - `i18n`: every visible string (Fluent catalogs in `locales/`), number, amount and date.
//!
//! A library so the browser tests in `tests/web.rs` can mount [`app::App`], or [`app::Shell`]
//! over hand-built state; `main.rs` mounts it into the window.

pub mod app;
mod clipboard;
mod clock;
pub mod components;
pub mod i18n;
mod ipc;
pub mod pages;
mod screens_api;
mod shell;
pub mod state;
