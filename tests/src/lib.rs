//! The end-to-end harness: a virtual display, a private D-Bus session with gnome-keyring,
//! tauri-driver (which drives WebKitWebDriver), the real release app reached from Rust over
//! WebDriver, and the FreshBooks emulator as a separate process.
//!
//! The app under test comes from `LEDGERLINE_E2E_APP` and the emulator from
//! `LEDGERLINE_E2E_EMULATOR` (both set by `cargo xtask e2e`/`cargo xtask test`, which build them
//! first); screenshots go to `LEDGERLINE_E2E_OUT`.

pub mod app;
pub mod browser;
pub mod desktop;
pub mod driver;
pub mod emulator;
pub mod freshbooks;
pub mod http;
pub mod keyboard;
pub mod screens;
pub mod session_bus;
pub mod sign_in;
pub mod steps;
pub mod xvfb;

pub use app::{App, Launch};
pub use desktop::Desktop;
pub use emulator::Emulator;
