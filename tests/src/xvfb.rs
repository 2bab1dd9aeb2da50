//! A virtual X display for machines without one (CI), started only when `DISPLAY` is unset.

use std::process::Stdio;

use anyhow::{Context as _, Result, bail};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// A running Xvfb server; stopped when dropped.
pub struct VirtualDisplay {
    child: Child,
    /// The `DISPLAY` value, e.g. `:99`.
    pub display: String,
}

impl VirtualDisplay {
    /// Starts Xvfb on a free display number (Xvfb picks one and reports it through `-displayfd`).
    pub async fn start() -> Result<Self> {
        let mut child = Command::new("Xvfb")
            .args([
                "-displayfd",
                "1",
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .context("cannot start Xvfb: run `cargo xtask setup` (package xvfb)")?;
        let stdout = child.stdout.take().context("stdout is piped")?;
        let mut line = String::new();
        let read = tokio::time::timeout(
            std::time::Duration::from_secs(20),
            BufReader::new(stdout).read_line(&mut line),
        )
        .await
        .context("Xvfb did not report its display within 20 s")??;
        let number = line.trim();
        if read == 0 || number.is_empty() {
            bail!("Xvfb exited without reporting a display");
        }
        Ok(Self {
            child,
            display: format!(":{number}"),
        })
    }
}

impl Drop for VirtualDisplay {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}
