//! A private D-Bus session with gnome-keyring's Secret Service in it, so the app keeps its
//! sign-in in a real keyring that belongs to this test alone.
//!
//! What works (tried by hand with `secret-tool`, libsecret-tools): `dbus-daemon --session
//! --nofork --print-address=1`, then, with that bus's address, `gnome-keyring-daemon --unlock
//! --components=secrets` with a **non-empty** password on stdin (it creates the `login`
//! collection, makes it the default and leaves it unlocked; an empty password leaves the new
//! collection locked and every write fails with "Cannot create an item in a locked
//! collection"), then `gnome-keyring-daemon --start --components=secrets`, which finds that daemon
//! and returns. The keyring files go to `$XDG_DATA_HOME/keyrings` and the control socket to
//! `$XDG_RUNTIME_DIR/keyring`, both pointed into this session's temporary directory so parallel
//! tests never share a keyring. gnome-keyring exits by itself when the bus goes away.
//!
//! keyring-rs (crate `keyring`, Secret Service back end) stores each entry with the attributes
//! `service` and `username` (= the entry name), plus `target` = `default`; checked with
//! `secret-tool search --all service ledgerline`, which prints the items on stdout and their
//! attributes on stderr.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};

/// The password of the test keyring (gnome-keyring needs one to create an unlocked collection).
const KEYRING_PASSWORD: &str = "ledgerline-e2e";

/// A running D-Bus session bus with an unlocked gnome-keyring; stopped when dropped.
pub struct SessionBus {
    child: Child,
    /// The value for `DBUS_SESSION_BUS_ADDRESS`.
    pub address: String,
    dir: tempfile::TempDir,
}

/// One item the Secret Service holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyringItem {
    /// Its attributes, as `secret-tool` prints them (`service`, `username`, …), in order.
    pub attributes: Vec<(String, String)>,
}

impl KeyringItem {
    /// The value of one attribute.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

impl SessionBus {
    /// Starts the bus and the keyring in it, and checks that the keyring takes a write without
    /// asking anyone.
    pub async fn start() -> Result<Self> {
        let dir = tempfile::tempdir()?;
        let mut child = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .process_group(0)
            .kill_on_drop(true)
            .spawn()
            .context("cannot start dbus-daemon: run `cargo xtask setup` (package dbus)")?;
        let stdout = child.stdout.take().context("stdout is piped")?;
        let mut line = String::new();
        tokio::time::timeout(
            Duration::from_secs(10),
            BufReader::new(stdout).read_line(&mut line),
        )
        .await
        .context("dbus-daemon did not print its address within 10 s")??;
        let address = line.trim().to_owned();
        if address.is_empty() {
            bail!("dbus-daemon exited without printing its address");
        }
        let bus = Self {
            child,
            address,
            dir,
        };
        bus.start_keyring().await?;
        Ok(bus)
    }

    /// The environment a process needs to live in this session: the bus's address.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![("DBUS_SESSION_BUS_ADDRESS".into(), self.address.clone())]
    }

    fn data_home(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn runtime_dir(&self) -> PathBuf {
        self.dir.path().join("runtime")
    }

    /// A command that runs inside this session.
    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .envs(self.env())
            .env("XDG_DATA_HOME", self.data_home())
            .env("XDG_RUNTIME_DIR", self.runtime_dir())
            .stdin(Stdio::null())
            .kill_on_drop(true);
        command
    }

    async fn start_keyring(&self) -> Result<()> {
        std::fs::create_dir_all(self.data_home())?;
        let runtime = self.runtime_dir();
        std::fs::create_dir_all(&runtime)?;
        std::fs::set_permissions(
            &runtime,
            std::os::unix::fs::PermissionsExt::from_mode(0o700),
        )?;
        // The daemonized keyring inherits stdout/stderr: they must not be pipes we wait on.
        let mut unlock = self
            .command("gnome-keyring-daemon")
            .args(["--unlock", "--components=secrets"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start gnome-keyring-daemon: run `cargo xtask setup` (package gnome-keyring)")?;
        let mut stdin = unlock.stdin.take().context("stdin is piped")?;
        stdin.write_all(KEYRING_PASSWORD.as_bytes()).await?;
        drop(stdin);
        wait_ok(&mut unlock, "gnome-keyring-daemon --unlock").await?;
        let mut start = self
            .command("gnome-keyring-daemon")
            .args(["--start", "--components=secrets"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        wait_ok(&mut start, "gnome-keyring-daemon --start").await?;
        // The collection is ready once a write and a removal go through.
        let mut last = String::new();
        for _ in 0..50 {
            match self.probe().await {
                Ok(()) => return Ok(()),
                Err(err) => last = format!("{err:#}"),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        bail!("the test keyring does not take a write: {last}")
    }

    async fn probe(&self) -> Result<()> {
        let mut store = self
            .command("secret-tool")
            .args([
                "store",
                "--label=ledgerline e2e probe",
                "service",
                "ledgerline-e2e-probe",
                "username",
                "probe",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .context("cannot run secret-tool: run `cargo xtask setup` (package libsecret-tools)")?;
        let mut stdin = store.stdin.take().context("stdin is piped")?;
        stdin.write_all(b"probe").await?;
        drop(stdin);
        let out = tokio::time::timeout(Duration::from_secs(10), store.wait_with_output())
            .await
            .context("secret-tool store hung")??;
        if !out.status.success() {
            bail!(
                "secret-tool store: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        self.secret_tool(&["clear", "service", "ledgerline-e2e-probe"])
            .await
            .map(|_| ())
    }

    /// Every item whose attribute `name` is `value` (`secret-tool search --all`).
    pub async fn keyring_items(&self, name: &str, value: &str) -> Result<Vec<KeyringItem>> {
        let (stdout, stderr) = self
            .secret_tool(&["search", "--all", "--unlock", name, value])
            .await?;
        parse_items(&stdout, &stderr)
    }

    /// What `secret-tool search --all` prints for these attributes, secrets masked, for failure
    /// messages.
    pub async fn keyring_dump(&self, name: &str, value: &str) -> String {
        match self
            .secret_tool(&["search", "--all", "--unlock", name, value])
            .await
        {
            Ok((stdout, stderr)) => format!("{stdout}{stderr}")
                .lines()
                .map(|line| {
                    if line.starts_with("secret = ") {
                        "secret = …"
                    } else {
                        line
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
            Err(err) => format!("{err:#}"),
        }
    }

    /// Runs secret-tool and returns its stdout and stderr.
    async fn secret_tool(&self, args: &[&str]) -> Result<(String, String)> {
        let out = tokio::time::timeout(
            Duration::from_secs(10),
            self.command("secret-tool").args(args).output(),
        )
        .await
        .with_context(|| format!("secret-tool {} hung", args.join(" ")))?
        .context("cannot run secret-tool: run `cargo xtask setup` (package libsecret-tools)")?;
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        // `search` answers 1 when nothing matches; that is an empty answer, not a failure.
        if !out.status.success() && stderr.contains("secret-tool:") {
            bail!("secret-tool {}: {}", args.join(" "), stderr.trim());
        }
        Ok((stdout, stderr))
    }
}

/// Reads `secret-tool search --all`: stdout has a `[path]` line opening each item (then its
/// label, secret and dates); stderr has the items' attributes, `attribute.<name> = <value>`, in
/// the same order, one block per item (a name seen again opens the next block).
fn parse_items(stdout: &str, stderr: &str) -> Result<Vec<KeyringItem>> {
    let count = stdout
        .lines()
        .filter(|line| line.starts_with('[') && line.ends_with(']'))
        .count();
    let mut items: Vec<KeyringItem> = Vec::new();
    for line in stderr.lines() {
        let Some((name, value)) = line
            .strip_prefix("attribute.")
            .and_then(|rest| rest.split_once(" = "))
        else {
            continue;
        };
        let opens_next = items
            .last()
            .is_none_or(|item| item.attribute(name).is_some());
        if opens_next {
            items.push(KeyringItem {
                attributes: Vec::new(),
            });
        }
        if let Some(item) = items.last_mut() {
            item.attributes.push((name.to_owned(), value.to_owned()));
        }
    }
    anyhow::ensure!(
        items.len() == count,
        "secret-tool listed {count} items but {} blocks of attributes",
        items.len()
    );
    Ok(items)
}

async fn wait_ok(child: &mut Child, what: &str) -> Result<()> {
    let status = tokio::time::timeout(Duration::from_secs(10), child.wait())
        .await
        .with_context(|| format!("{what} did not return within 10 s"))??;
    anyhow::ensure!(status.success(), "{what} failed ({status})");
    Ok(())
}

impl Drop for SessionBus {
    fn drop(&mut self) {
        if let Some(pid) = self.child.id() {
            crate::driver::kill_group(pid);
        }
        let _ = self.child.start_kill();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_output_is_read_item_by_item() {
        // As secret-tool 0.20 prints it: items on stdout, their attributes on stderr.
        let stdout = "[/org/freedesktop/secrets/collection/login/3]\nlabel = b\nsecret = x\n\
                      [/org/freedesktop/secrets/collection/login/2]\nlabel = a\nsecret = y\n";
        let stderr = "attribute.service = ledgerline\nattribute.username = freshbooks-tokens\n\
                      attribute.target = default\nattribute.service = ledgerline\n\
                      attribute.username = freshbooks-app\nattribute.target = default\n";
        let items = parse_items(stdout, stderr).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].attribute("username"), Some("freshbooks-tokens"));
        assert_eq!(items[1].attribute("username"), Some("freshbooks-app"));
        assert_eq!(items[1].attribute("service"), Some("ledgerline"));
        assert!(parse_items("", "").unwrap().is_empty());
        assert!(parse_items(stdout, "").is_err());
    }
}
