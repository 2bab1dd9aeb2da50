//! Tauri commands, one file per screen area. Each takes one argument named `args` whose type is
//! the command's `Args` in `ledgerline_model::ipc`.

pub mod settings;
