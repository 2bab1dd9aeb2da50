//! tauri-driver, run inside its own D-Bus session (`dbus-run-session`): WebKitWebDriver and the
//! app it launches only answer inside one.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use tokio::process::{Child, Command};

/// A running tauri-driver; stopped when dropped.
pub struct Driver {
    child: Child,
    /// The WebDriver endpoint, e.g. `http://127.0.0.1:4444`.
    pub url: String,
}

impl Driver {
    /// Starts tauri-driver on free ports, with `display` and the app's data directory in its
    /// environment (WebKitWebDriver passes the environment on to the app).
    pub async fn start(display: &str, data_dir: &Path) -> Result<Self> {
        let port = free_port()?;
        let native_port = free_port()?;
        let child = Command::new("dbus-run-session")
            .arg("--")
            .arg("tauri-driver")
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .env("DISPLAY", display)
            .env("LEDGERLINE_DATA_DIR", data_dir)
            .stdin(Stdio::null())
            // Its own process group, so dropping the driver ends the D-Bus daemon, WebKitWebDriver
            // and the app with it.
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .context("cannot start tauri-driver under dbus-run-session: run `cargo xtask setup`")?;
        let url = format!("http://127.0.0.1:{port}");
        wait_for_port(port).await?;
        Ok(Self { child, url })
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(pid) = self.child.id() {
            kill_group(pid);
        }
        let _ = self.child.start_kill();
    }
}

/// Ends a whole process group (the driver and everything it started).
pub(crate) fn kill_group(pid: u32) {
    let _ = std::process::Command::new("kill")
        .args(["-KILL", "--", &format!("-{pid}")])
        .stderr(Stdio::null())
        .status();
}

fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(listener.local_addr()?.port())
}

async fn wait_for_port(port: u16) -> Result<()> {
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    bail!("tauri-driver did not listen on port {port} within 10 s")
}
