//! The desktop a test's app runs on: an X display (a virtual one when `DISPLAY` is unset) and a
//! private D-Bus session with a keyring. One per test; every process of the test (tauri-driver,
//! the app it starts, a second `ledgerline <url>` process) lives in it.

use anyhow::Result;

use crate::session_bus::SessionBus;
use crate::xvfb::VirtualDisplay;

/// A display and a session bus; both stop when dropped.
pub struct Desktop {
    /// The `DISPLAY` value.
    pub display: String,
    /// The D-Bus session with the keyring.
    pub bus: SessionBus,
    _xvfb: Option<VirtualDisplay>,
}

impl Desktop {
    /// Uses `DISPLAY` when set, otherwise starts Xvfb; then starts the session bus and keyring.
    pub async fn start() -> Result<Self> {
        let (xvfb, display) = match std::env::var("DISPLAY") {
            Ok(display) if !display.is_empty() => (None, display),
            _ => {
                let xvfb = VirtualDisplay::start().await?;
                let display = xvfb.display.clone();
                (Some(xvfb), display)
            }
        };
        let bus = SessionBus::start().await?;
        Ok(Self {
            display,
            bus,
            _xvfb: xvfb,
        })
    }

    /// The environment of a process on this desktop: the display and the bus.
    pub fn env(&self) -> Vec<(String, String)> {
        let mut env = vec![("DISPLAY".to_owned(), self.display.clone())];
        env.extend(self.bus.env());
        env
    }
}
