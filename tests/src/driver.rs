//! tauri-driver, started with the test's environment (the display, the session bus, the app's
//! settings): WebKitWebDriver passes its environment on to the app it launches.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use tokio::process::{Child, Command};

/// A running tauri-driver; stopped (with everything it started) when dropped.
pub struct Driver {
    child: Child,
    /// The WebDriver endpoint, e.g. `http://127.0.0.1:4444`.
    pub url: String,
}

impl Driver {
    /// Starts tauri-driver on free ports with `env` added to its environment.
    pub async fn start(env: &[(String, String)]) -> Result<Self> {
        let port = free_port()?;
        let native_port = free_port()?;
        let child = Command::new("tauri-driver")
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            // Its own process group, so stopping the driver ends WebKitWebDriver and the app
            // with it.
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .context("cannot start tauri-driver: run `cargo xtask setup`")?;
        let url = format!("http://127.0.0.1:{port}");
        wait_for_port(port).await?;
        wait_for_status(&url).await?;
        Ok(Self { child, url })
    }

    /// Waits up to `patience` for every process of `program` the driver started to exit, then
    /// ends the driver's whole process group. Returns whether the app had exited by itself.
    pub async fn stop(mut self, program: &Path, patience: Duration) -> bool {
        let Some(pgid) = self.child.id() else {
            return true;
        };
        let deadline = tokio::time::Instant::now() + patience;
        let mut exited = false;
        while tokio::time::Instant::now() < deadline {
            if live_processes(pgid, program).is_empty() {
                exited = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        kill_group(pgid);
        let _ = self.child.wait().await;
        // A killed app takes a moment to let go of its files and its D-Bus name.
        for _ in 0..50 {
            if live_processes(pgid, program).is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        exited
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

/// The processes of `program` in process group `pgid` that have not exited (zombies excluded),
/// read from /proc.
pub(crate) fn live_processes(pgid: u32, program: &Path) -> Vec<u32> {
    let program = std::fs::canonicalize(program).unwrap_or_else(|_| program.to_path_buf());
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                return false;
            };
            // `pid (comm) state ppid pgrp …`; comm may hold spaces, so split after the last ')'.
            let Some(rest) = stat.rsplit_once(')').map(|(_, rest)| rest) else {
                return false;
            };
            let fields: Vec<&str> = rest.split_whitespace().collect();
            let (Some(state), Some(pgrp)) = (fields.first(), fields.get(2)) else {
                return false;
            };
            if *state == "Z" || pgrp.parse::<u32>().ok() != Some(pgid) {
                return false;
            }
            std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| {
                exe == program
                    || exe
                        .to_string_lossy()
                        .starts_with(&*program.to_string_lossy())
            })
        })
        .collect()
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

/// Waits until tauri-driver and the WebKitWebDriver behind it answer `GET /status`: the port
/// opens before WebKitWebDriver listens, and a session asked for in between fails ("webdriver
/// server did not respond"), seen on a quick restart of the app.
async fn wait_for_status(url: &str) -> Result<()> {
    let status = format!("{url}/status");
    let mut last = String::new();
    for _ in 0..200 {
        match crate::http::get(&status).await {
            Ok(answer) if answer.status == 200 => return Ok(()),
            Ok(answer) => last = format!("status {}", answer.status),
            Err(err) => last = format!("{err:#}"),
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    bail!("the WebDriver behind tauri-driver did not answer GET /status within 10 s ({last})")
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
