//! Ledgerline's shared vocabulary: one name per concept, from the core to the screen.
//!
//! This crate is compiled twice: natively for the shell, the core and the CLI, and for
//! `wasm32-unknown-unknown` for the Leptos front end. It therefore holds plain data only and must
//! never depend on an IO crate (tokio, reqwest, rusqlite, keyring, tauri); `cargo xtask test`
//! checks that. Everything the screens show is a type from here.
//!
//! Layout:
//! - [`ids`]: newtype ids; an [`ids::AccountId`] can never stand where a [`ids::BusinessId`] belongs.
//! - [`money`]: [`money::Money`], an exact decimal amount with its currency. No floats.
//! - [`entity`]: our domain records (clients, invoices, time entries, …), converted from FreshBooks'
//!   wire shapes by `ledgerline-freshbooks`; [`entity::Entity`] names their kinds.
//! - [`views`]: list rows, filters and the sync status of a business.
//! - [`home`]: Home's figures per currency, and the aging rule.
//! - [`timer`]: the running timer.
//! - [`outbox`]: local changes waiting for FreshBooks, their states, conflicts and resolutions.
//! - [`sync`]: what a sync covers and did, and what the mirror knows of each entity.
//! - [`draft`]: drafting an invoice from time: the request and the preview.
//! - [`event`]: what the core announces as it happens.
//! - [`ipc`]: the UI↔shell contract, one `Args`/`Output` pair per command, declared once.
//! - [`error`]: [`error::ErrorPayload`], the only error type that crosses IPC.
#![warn(missing_docs)]

pub mod draft;
pub mod entity;
pub mod error;
pub mod event;
pub mod home;
pub mod ids;
pub mod ipc;
pub mod money;
pub mod outbox;
pub mod sync;
pub mod timer;
pub mod views;
