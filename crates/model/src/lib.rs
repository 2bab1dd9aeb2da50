//! Ledgerline's shared vocabulary.
//!
//! This crate is compiled twice: natively for the shell, the core and the CLI, and for
//! `wasm32-unknown-unknown` for the Leptos front end. It therefore holds plain data only and must
//! never depend on an IO crate (tokio, reqwest, rusqlite, keyring, tauri); `cargo xtask test`
//! checks that.
//!
//! Layout:
//! - [`ids`]: newtype ids; an [`ids::AccountId`] can never stand where a [`ids::BusinessId`] belongs.
//! - [`money`]: [`money::Money`], an exact decimal amount with its currency. No floats.
//! - [`entity`]: our domain records (clients, invoices, time entries, …), converted from FreshBooks'
//!   wire shapes by `ledgerline-freshbooks`.
//! - [`ipc`]: the UI↔shell contract, one `Args`/`Output` pair per command.
//! - [`error`]: [`error::ErrorPayload`], the only error type that crosses IPC.
#![warn(missing_docs)]

pub mod entity;
pub mod error;
pub mod ids;
pub mod ipc;
pub mod money;
