//! PSS after a large first sync in the window (issue 14). Ledgerline starts on an empty data
//! folder against the release emulator with the large seed and no added latency (the emulator is
//! its own process, so its memory is not counted), and is signed in the way a user with their
//! own FreshBooks app is: the welcome screen, the app's id and secret, the authorization page
//! (the emulator approves at once and redirects to its relay page), and the relay's answer
//! handed to the window by a second `ledgerline ledgerline://oauth/callback?…` process. Then the
//! large business is chosen and the first sync waited for through the window's sync indicator,
//! as the end-to-end tests do (`tests/src/sign_in.rs`, `tests/src/screens.rs`); [`SETTLE`] after
//! its end, the PSS of the process tree is read as after a start.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail};

use super::{Desktop, PATIENCE, SETTLE, pause, process_tree_pss, start_driver};
use crate::context::Context;
use crate::emulator::EmulatorProcess;
use crate::run::step;
use crate::webdriver::Session;

/// Large first syncs in the window.
pub const SYNC_RUNS: usize = 3;
/// How long the first sync of the large business may take in the window.
const SYNC_PATIENCE: Duration = Duration::from_secs(300);
/// How long the sync may take to show its progress once the business is chosen.
const SYNC_STARTS: Duration = Duration::from_secs(30);
/// The emulator's default app registration (what "Use my own FreshBooks app" is given).
const CLIENT_ID: &str = "demo-client-id";
/// Its secret.
const CLIENT_SECRET: &str = "demo-client-secret";
/// The deep link the relay page forwards FreshBooks' answer to.
const CALLBACK: &str = "ledgerline://oauth/callback";

/// The figures after a large first sync in the window.
#[derive(Default)]
pub struct AfterSync {
    /// From the sign-in handed over to the window until its indicator shows the sync done, per
    /// run.
    pub sync_ms: Vec<u128>,
    /// PSS of the process tree [`SETTLE`] after the sync's end, per run.
    pub pss_kib: Vec<u64>,
    /// The processes of the tree in the last run, with their PSS.
    pub processes: Vec<(String, u64)>,
    /// Why runs failed, if any did (each was tried again, twice at most in all).
    pub note: Option<String>,
}

/// Runs [`SYNC_RUNS`] large first syncs of `business` in the window of `binary`, each on an
/// empty data folder under `work`, against one emulator. Failures are noted, not returned, so
/// the other desktop figures still get written.
pub(super) fn measure(
    ctx: &Context,
    desktop: &Desktop,
    binary: &Path,
    work: &Path,
    business: &str,
) -> AfterSync {
    let mut after = AfterSync::default();
    let emulator = EmulatorProcess::start(
        ctx.cmd(ctx.profile_dir("release").join("freshbooks-emulator"))
            .args([
                "--port",
                "0",
                "--auto-approve",
                "--scale",
                "large",
                "--latency-ms",
                "0",
            ]),
    );
    let emulator = match emulator {
        Ok(emulator) => emulator,
        Err(err) => {
            after.note = Some(format!("the emulator did not start: {err:#}"));
            return after;
        }
    };
    let data = work.join("desktop-sync-data");
    let mut failures = Vec::new();
    // A run that fails (a WebDriver request that never answers was seen once) is tried again,
    // up to twice in all; the failures are noted.
    while after.sync_ms.len() < SYNC_RUNS && failures.len() < 2 {
        let run = after.sync_ms.len() + 1;
        let once = step(
            &format!("Ledgerline, large first sync in the window, run {run}/{SYNC_RUNS}"),
            || {
                let run = Run {
                    ctx,
                    desktop,
                    binary,
                    base: &emulator.base_url,
                    data: &data,
                    business,
                };
                run.once()
            },
        );
        match once {
            Ok((sync_ms, processes)) => {
                println!(
                    "Ledgerline after a large first sync in the window: sync {sync_ms} ms, PSS {} KiB: {processes:?}",
                    processes.iter().map(|(_, kib)| kib).sum::<u64>()
                );
                after.sync_ms.push(sync_ms);
                after
                    .pss_kib
                    .push(processes.iter().map(|(_, kib)| kib).sum());
                after.processes = processes;
            }
            Err(err) => failures.push(format!("{err:#}")),
        }
    }
    if !failures.is_empty() {
        after.note = Some(format!(
            "{} failed run{} ({})",
            failures.len(),
            if failures.len() == 1 { "" } else { "s" },
            failures.join("; ")
        ));
    }
    after
}

/// One run: the app, its data folder and the emulator it signs in to.
struct Run<'a> {
    ctx: &'a Context,
    desktop: &'a Desktop,
    binary: &'a Path,
    base: &'a str,
    data: &'a Path,
    business: &'a str,
}

impl Run<'_> {
    /// Starts the app on an empty data folder, signs it in, chooses the business and waits for
    /// the first sync's end; then the sync's time and the PSS of the tree [`SETTLE`] after it.
    fn once(&self) -> Result<(u128, Vec<(String, u64)>)> {
        if self.data.exists() {
            std::fs::remove_dir_all(self.data)?;
        }
        std::fs::create_dir_all(self.data)?;
        // The bench's session bus has no keyring: the sign-in goes to the data folder's file,
        // as the window lets a user choose when no keyring answers.
        std::fs::write(
            self.data.join("shell-settings.json"),
            "{ \"secrets_in_file\": true }\n",
        )?;
        let env = self.env();
        let (driver, port) = start_driver(self.ctx, self.desktop, &env)?;
        let session = Session::start(port, self.binary)?;
        let result = self
            .sign_in_and_sync(&session, &env)
            .map(|sync_ms| (sync_ms, process_tree_pss(driver.0.id())));
        let _ = session.close();
        drop(driver);
        let (sync_ms, processes) = result?;
        if processes.is_empty() {
            bail!("no process of Ledgerline found under tauri-driver");
        }
        Ok((sync_ms, processes))
    }

    /// The app's environment: its data folder, the emulator as FreshBooks and its relay page
    /// as the redirect URI; `BROWSER=true` keeps it from opening a browser (the bench is the
    /// browser).
    fn env(&self) -> Vec<(String, String)> {
        vec![
            (
                "LEDGERLINE_DATA_DIR".into(),
                self.data.display().to_string(),
            ),
            ("FRESHBOOKS_API_URL".into(), self.base.to_owned()),
            ("FRESHBOOKS_AUTH_URL".into(), self.base.to_owned()),
            (
                "LEDGERLINE_RELAY_URL".into(),
                format!("{}/oauth/relay", self.base),
            ),
            ("BROWSER".into(), "true".into()),
        ]
    }

    /// Signs in, chooses the business, waits for the sync's end and [`SETTLE`]; the time from
    /// the sign-in handed over to the sync's end.
    fn sign_in_and_sync(&self, session: &Session, env: &[(String, String)]) -> Result<u128> {
        until("the welcome screen (#welcome)", PATIENCE, || {
            Ok(session.text_of("#welcome")?.map(|_| ()))
        })?;
        session.click("#use-own-app")?;
        session.type_into("#own-app-client-id", CLIENT_ID)?;
        session.type_into("#own-app-client-secret", CLIENT_SECRET)?;
        session.click("#own-app-save")?;
        let authorize_url = until(
            "the authorization address (#authorize-url)",
            PATIENCE,
            || {
                Ok(session
                    .content_of("#authorize-url")?
                    .filter(|url| !url.trim().is_empty()))
            },
        )?;
        let relay = redirect_of(authorize_url.trim())?;
        let query = relay
            .split_once('?')
            .map(|(_, query)| query)
            .context("the relay address has no query")?;
        self.open_url(&format!("{CALLBACK}?{query}"), env)?;
        let signed_in = Instant::now();
        until(
            "the frame after sign-in (#business-switcher)",
            PATIENCE,
            || Ok(session.text_of("#business-switcher")?.map(|_| ())),
        )?;
        let name = self.choose_business(session)?;
        until(
            "the first sync to start (#sync-progress)",
            SYNC_STARTS,
            || Ok(session.text_of("#sync-progress")?.map(|_| ())),
        )?;
        until("the first sync to finish", SYNC_PATIENCE, || {
            if session.text_of("#sync-progress")?.is_some() {
                return Ok(None);
            }
            let last = session
                .content_of("#sync-status .sync-last")?
                .unwrap_or_default();
            Ok((!last.trim().is_empty() && !last.contains("Not synced")).then_some(()))
        })
        .map_err(|err| {
            let status = session
                .content_of("#sync-status")
                .ok()
                .flatten()
                .unwrap_or_default();
            err.context(format!("the sync indicator says {:?}", status.trim()))
        })?;
        let sync_ms = signed_in.elapsed().as_millis();
        let shown = session
            .content_of("#current-business-name")?
            .unwrap_or_default();
        if shown.trim() != name.trim() {
            bail!(
                "after the sync the window shows the business {shown:?}, not {name:?} ({})",
                self.business
            );
        }
        pause(SETTLE);
        Ok(sync_ms)
    }

    /// Opens the switcher and chooses the business (unless it is the current one already);
    /// its name. The list is opened again when a redraw closed it just after the click, as
    /// the end-to-end tests' `open_switcher` does.
    fn choose_business(&self, session: &Session) -> Result<String> {
        let item = format!("#business-{}", self.business);
        let mut steady = 0;
        for _ in 0..40 {
            if session.shows("#business-list")? {
                steady += 1;
                if steady == 3 {
                    break;
                }
            } else {
                steady = 0;
                session.click("#business-switcher")?;
            }
            pause(Duration::from_millis(250));
        }
        let name = session
            .content_of(&format!("{item} .business-name"))?
            .with_context(|| format!("the switcher lists no {item}"))?;
        if session
            .content_of(&format!("{item} .business-choice.current"))?
            .is_some()
        {
            session.click("#business-switcher")?;
        } else {
            session.click(&item)?;
        }
        until(
            &format!("#current-business-name = {name}"),
            Duration::from_secs(20),
            || {
                let shown = session
                    .content_of("#current-business-name")?
                    .unwrap_or_default();
                Ok((shown.trim() == name.trim()).then_some(()))
            },
        )?;
        Ok(name)
    }

    /// Runs a second `ledgerline <url>` beside the window, with its environment, and waits (up
    /// to 30 s) for it to exit: the single-instance plugin hands the URL to the window.
    fn open_url(&self, url: &str, env: &[(String, String)]) -> Result<()> {
        let mut child = self
            .ctx
            .cmd(self.binary)
            .arg(url)
            .envs(self.desktop.env())
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .context("cannot start a second ledgerline")?;
        let started = Instant::now();
        loop {
            if let Some(status) = child.try_wait()? {
                if !status.success() {
                    bail!("the second `ledgerline <url>` exited with {status}");
                }
                return Ok(());
            }
            if started.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                let _ = child.wait();
                bail!(
                    "the second `ledgerline <url>` did not hand its URL to the window within 30 s"
                );
            }
            pause(Duration::from_millis(50));
        }
    }
}

/// Polls `check` every 100 ms until it answers `Some`, for up to `within`.
fn until<T>(
    what: &str,
    within: Duration,
    mut check: impl FnMut() -> Result<Option<T>>,
) -> Result<T> {
    let started = Instant::now();
    loop {
        let last = match check() {
            Ok(Some(value)) => return Ok(value),
            Ok(None) => "not yet".to_owned(),
            Err(err) => format!("{err:#}"),
        };
        if started.elapsed() > within {
            bail!("{what}: not within {within:?} ({last})");
        }
        pause(Duration::from_millis(100));
    }
}

/// Opens the authorization address as a browser would, without following the redirect: where
/// the emulator (approving at once) sends the browser, the relay page with `code` and `state`.
fn redirect_of(url: &str) -> Result<String> {
    let rest = url
        .strip_prefix("http://")
        .context("the emulator speaks plain HTTP on loopback")?;
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let mut stream = TcpStream::connect(host).with_context(|| format!("cannot reach {host}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        stream,
        "GET {} HTTP/1.0\r\nHost: {host}\r\n\r\n",
        if path.is_empty() { "/" } else { path }
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let head = answer.split("\r\n\r\n").next().unwrap_or_default();
    let status = head.split_whitespace().nth(1).unwrap_or_default();
    if !status.starts_with('3') {
        bail!("the authorization page answered {status}, not a redirect");
    }
    head.lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("location")
                .then(|| value.trim().to_owned())
        })
        .context("the authorization page's redirect has no Location")
}
