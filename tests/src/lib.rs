//! The end-to-end harness: a virtual display, a D-Bus session, tauri-driver (which drives
//! WebKitWebDriver) and the real release app, reached from Rust over WebDriver.
//!
//! The app under test comes from `LEDGERLINE_E2E_APP` (set by `cargo xtask test`, which builds
//! it first); screenshots go to `LEDGERLINE_E2E_OUT`.

pub mod app;
pub mod driver;
pub mod xvfb;

pub use app::App;
