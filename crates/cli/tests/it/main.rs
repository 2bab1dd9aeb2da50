//! The real `ledgerline-cli` binary against the emulator (in process, port 0): the contract
//! scripts rely on — stdout, one-line errors, exit codes, `--data-dir`, the token file.
//!
//! One binary, one module per area; `support` starts the emulator and runs the binary. Exit
//! codes are checked where they arise: 1 any other error (`args`, `keyring`, `sync`), 2 usage
//! (`args`, `conflicts`), 3 sign-in needed (`auth`, `keyring`, `sync`), 4 FreshBooks unreachable
//! (`sync`), 5 changes waiting on the user (`sync`, `conflicts`).
// Helpers outside #[test] functions too: a failed unwrap there is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod args;
mod auth;
mod businesses;
mod conflicts;
mod keyring;
mod status;
mod support;
mod sync;
mod two_processes;
