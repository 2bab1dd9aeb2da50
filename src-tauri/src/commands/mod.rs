//! Tauri commands, one file per screen area. Each takes one argument named `args` whose type is
//! the command's `Args` in `ledgerline_model::ipc`, makes one call and maps the error to the one
//! payload shape. Long work is `async`, so it never blocks the window.

pub mod clients;
pub mod demo;
pub mod drafting;
pub mod files;
pub mod home;
pub mod invoices;
pub mod preferences;
pub mod screens;
pub mod session;
pub mod settings;
pub mod sign_in;
pub mod sync;
pub mod time;
