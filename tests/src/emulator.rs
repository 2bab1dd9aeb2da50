//! The FreshBooks emulator as a separate process (the `freshbooks-emulator` binary from
//! `LEDGERLINE_E2E_EMULATOR`), on a fixed free port and with a state file, so it can be stopped
//! (the app goes offline) and started again with the same data at the same address.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// The emulator's default app registration (what "Use my own FreshBooks app" is given).
pub const CLIENT_ID: &str = "demo-client-id";
/// Its secret.
pub const CLIENT_SECRET: &str = "demo-client-secret";

/// One business of the emulator's user, from `GET /_emulator/identity`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedBusiness {
    /// The integer id (the switcher's item is `#business-<id>`).
    pub business_id: i64,
    /// Its name.
    pub name: String,
    /// The user's role in it, in FreshBooks' spelling.
    pub role: String,
    /// Whether the emulator lets that role write.
    pub can_write: bool,
    /// Its currency code.
    pub currency: String,
    /// The short text id of its accounting API (`/accounting/account/<account_id>/…`).
    pub account_id: String,
}

/// The emulator process; stopped when dropped.
pub struct Emulator {
    program: PathBuf,
    port: u16,
    state_file: PathBuf,
    /// Arguments added to every start (e.g. `--scale large`; the seed only matters until the
    /// state file exists).
    extra_args: Vec<String>,
    child: Option<Child>,
    /// A bearer token minted through the control API, for reading FreshBooks' side.
    token: std::sync::Mutex<Option<String>>,
    _dir: tempfile::TempDir,
}

impl Emulator {
    /// Starts the emulator from `LEDGERLINE_E2E_EMULATOR` on a free port, approving every
    /// authorization at once (the test plays the browser), keeping its state in a file.
    pub async fn start() -> Result<Self> {
        Self::start_with(&[]).await
    }

    /// Starts it with the large seed: 2,000 clients, 10,000 invoices with lines and 20,000 time
    /// entries in the first business.
    pub async fn start_large() -> Result<Self> {
        Self::start_with(&["--scale", "large"]).await
    }

    /// Starts it as [`Emulator::start`] does, with `extra_args` added (each start).
    pub async fn start_with(extra_args: &[&str]) -> Result<Self> {
        let program = std::env::var_os("LEDGERLINE_E2E_EMULATOR")
            .map(PathBuf::from)
            .context(
                "LEDGERLINE_E2E_EMULATOR is not set: run the end-to-end tests through `cargo xtask e2e`, which builds the emulator",
            )?;
        anyhow::ensure!(
            program.is_file(),
            "no emulator at {} (LEDGERLINE_E2E_EMULATOR)",
            program.display()
        );
        let dir = tempfile::tempdir()?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let mut emulator = Self {
            program,
            port,
            state_file: dir.path().join("emulator-state.json"),
            extra_args: extra_args.iter().map(|a| (*a).to_owned()).collect(),
            child: None,
            token: std::sync::Mutex::new(None),
            _dir: dir,
        };
        emulator.resume().await?;
        Ok(emulator)
    }

    /// The base URL of both the API and the OAuth pages, e.g. `http://127.0.0.1:40123`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The relay page the emulator serves: the redirect URI of its default app.
    pub fn relay_url(&self) -> String {
        format!("{}/oauth/relay", self.url())
    }

    /// Whether it is running.
    pub fn is_running(&self) -> bool {
        self.child.is_some()
    }

    /// Starts it again on the same port with the state it saved when stopped.
    pub async fn resume(&mut self) -> Result<()> {
        anyhow::ensure!(self.child.is_none(), "the emulator is already running");
        let mut child = Command::new(&self.program)
            .args(["--port", &self.port.to_string()])
            .arg("--auto-approve")
            .arg("--state")
            .arg(&self.state_file)
            // The relay is registered for the default app anyway; naming it keeps the test
            // independent of that default.
            .args(["--redirect-uri", &self.relay_url()])
            .args(&self.extra_args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("cannot start {}", self.program.display()))?;
        let stdout = child.stdout.take().context("stdout is piped")?;
        let mut line = String::new();
        tokio::time::timeout(
            Duration::from_secs(20),
            BufReader::new(stdout).read_line(&mut line),
        )
        .await
        .context("the emulator did not print its address within 20 s")??;
        if line.trim() != self.url() {
            bail!(
                "the emulator printed {:?}, expected {}",
                line.trim(),
                self.url()
            );
        }
        self.child = Some(child);
        Ok(())
    }

    /// Stops it the way Ctrl-C does (it saves its state first) and waits for it to exit.
    pub async fn stop(&mut self) -> Result<()> {
        let Some(mut child) = self.child.take() else {
            return Ok(());
        };
        if let Some(pid) = child.id() {
            let _ = std::process::Command::new("kill")
                .args(["-INT", &pid.to_string()])
                .status();
        }
        match tokio::time::timeout(Duration::from_secs(15), child.wait()).await {
            Ok(status) => {
                status?;
            }
            Err(_) => {
                child.start_kill()?;
                bail!("the emulator did not stop within 15 s of SIGINT");
            }
        }
        // Nothing answers at its address any more.
        anyhow::ensure!(
            tokio::net::TcpStream::connect(("127.0.0.1", self.port))
                .await
                .is_err(),
            "something still answers on the emulator's port {}",
            self.port
        );
        Ok(())
    }

    /// The emulator user's businesses, as the emulator itself describes them.
    pub async fn businesses(&self) -> Result<Vec<SeedBusiness>> {
        let response = crate::http::get(&format!("{}/_emulator/identity", self.url())).await?;
        anyhow::ensure!(
            response.status == 200,
            "GET /_emulator/identity answered {}",
            response.status
        );
        let identity: serde_json::Value = serde_json::from_str(&response.body)?;
        let list = identity["businesses"]
            .as_array()
            .context("the identity has no businesses")?;
        list.iter()
            .map(|b| {
                Ok(SeedBusiness {
                    business_id: b["business_id"].as_i64().context("business_id")?,
                    name: b["name"].as_str().context("name")?.to_owned(),
                    role: b["role"].as_str().context("role")?.to_owned(),
                    can_write: b["can_write"].as_bool().context("can_write")?,
                    currency: b["currency"].as_str().context("currency")?.to_owned(),
                    account_id: b["account_id"].as_str().context("account_id")?.to_owned(),
                })
            })
            .collect()
    }

    /// The emulator user's identity id (FreshBooks' `identity_id`: who logs time entries).
    pub async fn identity_id(&self) -> Result<i64> {
        let response = crate::http::get(&format!("{}/_emulator/identity", self.url())).await?;
        let identity: serde_json::Value = serde_json::from_str(&response.body)?;
        identity["identity_id"]
            .as_i64()
            .context("the identity has no identity_id")
    }

    /// GETs a FreshBooks API path (`/accounting/…`, `/timetracking/…`) as the emulator's user,
    /// with a token minted once through `POST /_emulator/tokens`, and returns the JSON answer.
    pub async fn api_get(&self, path_and_query: &str) -> Result<serde_json::Value> {
        self.api("GET", path_and_query, None).await
    }

    /// Sends one FreshBooks API request as the emulator's user (`POST`, `PUT` … with a JSON
    /// body) and returns the JSON answer; anything but a 2xx fails with FreshBooks' answer.
    pub async fn api(
        &self,
        method: &str,
        path_and_query: &str,
        body: Option<&serde_json::Value>,
    ) -> Result<serde_json::Value> {
        let token = self.token().await?;
        let bearer = format!("Bearer {token}");
        let url = format!("{}{path_and_query}", self.url());
        let body = body.map(serde_json::Value::to_string);
        let response =
            crate::http::request(method, &url, &[("Authorization", &bearer)], body.as_deref())
                .await?;
        anyhow::ensure!(
            (200..300).contains(&response.status),
            "{method} {path_and_query} answered {}: {}",
            response.status,
            response.body
        );
        if response.body.trim().is_empty() {
            return Ok(serde_json::Value::Null);
        }
        serde_json::from_str(&response.body)
            .with_context(|| format!("the answer to {method} {path_and_query} is not JSON"))
    }

    /// A bearer token minted once through `POST /_emulator/tokens` (it survives a restart: the
    /// state file keeps it).
    async fn token(&self) -> Result<String> {
        let cached = self.token.lock().ok().and_then(|t| t.clone());
        if let Some(token) = cached {
            return Ok(token);
        }
        let minted = crate::http::request(
            "POST",
            &format!("{}/_emulator/tokens", self.url()),
            &[],
            Some("{}"),
        )
        .await?;
        anyhow::ensure!(
            minted.status == 200,
            "POST /_emulator/tokens answered {}: {}",
            minted.status,
            minted.body
        );
        let body: serde_json::Value = serde_json::from_str(&minted.body)?;
        let token = body["access_token"]
            .as_str()
            .context("no access_token from /_emulator/tokens")?
            .to_owned();
        if let Ok(mut slot) = self.token.lock() {
            *slot = Some(token.clone());
        }
        Ok(token)
    }
}
