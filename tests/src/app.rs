//! The app under test: how it is launched (its data folder and environment), a WebDriver session
//! on its real window, and a second `ledgerline <url>` process beside it.

use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Stdio};
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};

use crate::desktop::Desktop;
use crate::driver::Driver;
use crate::emulator::Emulator;

/// How long an element may take to appear.
const APPEAR: Duration = Duration::from_secs(20);

/// How the app is started: its data folder and what is added to its environment.
#[derive(Debug, Clone)]
pub struct Launch {
    data_dir: PathBuf,
    env: Vec<(String, String)>,
    /// The Downloads folder the app sees (named in its `user-dirs.dirs`).
    downloads: PathBuf,
    /// The app's own XDG folders (WebKit's storage and caches, the window state, the desktop
    /// entry and MIME defaults the deep-link plugin registers), so tests neither share them
    /// with each other nor touch the user's.
    _xdg: std::sync::Arc<tempfile::TempDir>,
}

impl Launch {
    /// The app on its own data folder (`LEDGERLINE_DATA_DIR`) and XDG folders, with its own
    /// Downloads folder (`XDG_DOWNLOAD_DIR` in the config folder's `user-dirs.dirs`, where the
    /// desktop's user folders are named). `BROWSER=true` keeps the app's "open the browser" from
    /// starting one: the test plays the browser itself.
    pub fn new(data_dir: impl Into<PathBuf>) -> Result<Self> {
        let data_dir = data_dir.into();
        let xdg = tempfile::tempdir()?;
        let mut env = vec![
            (
                "LEDGERLINE_DATA_DIR".to_owned(),
                data_dir.display().to_string(),
            ),
            ("BROWSER".to_owned(), "true".to_owned()),
        ];
        for (var, dir) in [
            ("XDG_CONFIG_HOME", "config"),
            ("XDG_DATA_HOME", "data"),
            ("XDG_CACHE_HOME", "cache"),
        ] {
            let path = xdg.path().join(dir);
            std::fs::create_dir_all(&path)?;
            env.push((var.to_owned(), path.display().to_string()));
        }
        let downloads = xdg.path().join("Downloads");
        std::fs::create_dir_all(&downloads)?;
        std::fs::write(
            xdg.path().join("config").join("user-dirs.dirs"),
            format!("XDG_DOWNLOAD_DIR=\"{}\"\n", downloads.display()),
        )?;
        Ok(Self {
            env,
            data_dir,
            downloads,
            _xdg: std::sync::Arc::new(xdg),
        })
    }

    /// Points the app at `emulator` as FreshBooks (API, OAuth pages and the relay page).
    pub fn against(self, emulator: &Emulator) -> Self {
        self.env("FRESHBOOKS_API_URL", emulator.url())
            .env("FRESHBOOKS_AUTH_URL", emulator.url())
            .env("LEDGERLINE_RELAY_URL", emulator.relay_url())
    }

    /// Adds one variable to the app's environment.
    pub fn env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// The app's data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The app's Downloads folder (where its exports and PDFs go).
    pub fn downloads(&self) -> &Path {
        &self.downloads
    }
}

/// A running app with a WebDriver session on its main window. Dropping it ends everything.
pub struct App {
    /// The WebDriver session.
    pub client: Client,
    program: PathBuf,
    env: Vec<(String, String)>,
    data_dir: PathBuf,
    display: String,
    driver: Option<Driver>,
    /// What [`App::launch`] started for this app alone (dropped last).
    owned: Option<(Desktop, tempfile::TempDir)>,
}

/// The release app's path, from `LEDGERLINE_E2E_APP`.
pub fn app_program() -> Result<PathBuf> {
    let path = std::env::var_os("LEDGERLINE_E2E_APP").map(PathBuf::from).context(
        "LEDGERLINE_E2E_APP is not set: run the end-to-end tests through `cargo xtask e2e`, which builds the app first",
    )?;
    anyhow::ensure!(
        path.is_file(),
        "no app at {} (LEDGERLINE_E2E_APP)",
        path.display()
    );
    Ok(path)
}

impl App {
    /// The app alone: its own desktop and a fresh data folder, no FreshBooks.
    pub async fn launch() -> Result<Self> {
        let desktop = Desktop::start().await?;
        let data_dir = tempfile::tempdir()?;
        let mut app = Self::start(&desktop, &Launch::new(data_dir.path())?).await?;
        app.owned = Some((desktop, data_dir));
        Ok(app)
    }

    /// Starts tauri-driver on `desktop` with the launch's environment, and the app through it.
    pub async fn start(desktop: &Desktop, launch: &Launch) -> Result<Self> {
        let program = app_program()?;
        let mut env = desktop.env();
        env.extend(launch.env.iter().cloned());
        let driver = Driver::start(&env).await?;
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), "wry".into());
        capabilities.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": program }),
        );
        let client = ClientBuilder::rustls()
            .context("TLS roots for the WebDriver client")?
            .capabilities(capabilities)
            .connect(&driver.url)
            .await
            .context("cannot open a WebDriver session on the app")?;
        Ok(Self {
            client,
            program,
            env,
            data_dir: launch.data_dir.clone(),
            display: desktop.display.clone(),
            driver: Some(driver),
            owned: None,
        })
    }

    /// The app's data folder.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// Quits the app (ends the WebDriver session, which closes its window) and waits until its
    /// process is gone, so it can be started again on the same data folder. Returns whether it
    /// exited by itself (else it was killed after 10 s).
    pub async fn quit(mut self) -> Result<bool> {
        let closed = bounded("closing the session", async {
            Ok(self.client.clone().close().await?)
        })
        .await;
        let exited = match self.driver.take() {
            Some(driver) => driver.stop(&self.program, Duration::from_secs(10)).await,
            None => true,
        };
        closed?;
        Ok(exited)
    }

    /// Runs a second `ledgerline <url>` beside the running one, with the same environment, and
    /// waits (up to 30 s) for it to exit: the single-instance plugin hands the URL over.
    pub async fn open_url(&self, url: &str) -> Result<ExitStatus> {
        let mut child = tokio::process::Command::new(&self.program)
            .arg(url)
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("cannot start a second {}", self.program.display()))?;
        match tokio::time::timeout(Duration::from_secs(30), child.wait()).await {
            Ok(status) => Ok(status?),
            Err(_) => {
                let _ = child.start_kill();
                bail!(
                    "the second `ledgerline <url>` did not exit within 30 s: it did not hand its URL to the running window"
                )
            }
        }
    }

    /// Waits for an element by id.
    pub async fn element(&self, id: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(APPEAR)
            .for_element(Locator::Id(id))
            .await
            .with_context(|| format!("no element #{id} within {APPEAR:?}"))
    }

    /// Waits for an element by CSS selector.
    pub async fn css(&self, selector: &str) -> Result<Element> {
        self.client
            .wait()
            .at_most(APPEAR)
            .for_element(Locator::Css(selector))
            .await
            .with_context(|| format!("nothing matches {selector} within {APPEAR:?}"))
    }

    /// Whether an element with this id is in the page now (no waiting).
    pub async fn has(&self, id: &str) -> Result<bool> {
        Ok(!self.client.find_all(Locator::Id(id)).await?.is_empty())
    }

    /// Whether an element with this id is in the page now and displayed.
    pub async fn shows(&self, id: &str) -> Result<bool> {
        match self.client.find_all(Locator::Id(id)).await?.first() {
            Some(element) => Ok(element.is_displayed().await?),
            None => Ok(false),
        }
    }

    /// Waits for an element by id and returns its text.
    pub async fn text_of(&self, id: &str) -> Result<String> {
        bounded(&format!("reading #{id}"), async {
            Ok(self.element(id).await?.text().await?)
        })
        .await
    }

    /// The outer HTML of every element with this id, for failure messages.
    pub async fn describe(&self, id: &str) -> String {
        let Ok(found) = self.client.find_all(Locator::Id(id)).await else {
            return format!("#{id}: the page did not answer");
        };
        let mut html = Vec::new();
        for element in &found {
            let shown = element.is_displayed().await.unwrap_or_default();
            let outer = element.html(false).await.unwrap_or_default();
            html.push(format!("(displayed: {shown}) {outer}"));
        }
        format!("{} × #{id}: {}", found.len(), html.join(" | "))
    }

    /// Waits for an element by id and returns its DOM text (`textContent`), whether or not
    /// WebDriver deems it visible: WebKitWebDriver answers "" for the text of the switcher's
    /// business name (a flex item with `overflow: hidden`), which the window does show.
    pub async fn content_of(&self, id: &str) -> Result<String> {
        bounded(&format!("reading #{id}"), async {
            let element = self.element(id).await?;
            Ok(element.prop("textContent").await?.unwrap_or_default())
        })
        .await
    }

    /// The DOM text (`textContent`) of the first element matching a CSS selector, waiting for it.
    pub async fn content_at(&self, selector: &str) -> Result<String> {
        bounded(&format!("reading {selector}"), async {
            let element = self.css(selector).await?;
            Ok(element.prop("textContent").await?.unwrap_or_default())
        })
        .await
    }

    /// Opens the business switcher and waits until its list stays open (three looks 250 ms
    /// apart), clicking again if it closed: a session or sync event that redraws the frame just
    /// after the click closes it (seen after sign-in and at the demo's start).
    pub async fn open_switcher(&self) -> Result<()> {
        let mut steady = 0;
        for _ in 0..40 {
            if self.shows("business-list").await? {
                steady += 1;
                if steady == 3 {
                    return Ok(());
                }
            } else {
                steady = 0;
                self.click("business-switcher").await?;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        bail!("#business-list does not stay open after clicking #business-switcher")
    }

    /// Waits for an element by id and returns one of its attributes.
    pub async fn attr_of(&self, id: &str, name: &str) -> Result<Option<String>> {
        bounded(&format!("reading #{id}[{name}]"), async {
            Ok(self.element(id).await?.attr(name).await?)
        })
        .await
    }

    /// Clicks an element by id, as a person would (a WebDriver element click).
    pub async fn click(&self, id: &str) -> Result<()> {
        bounded(&format!("clicking #{id}"), async {
            self.element(id).await?.click().await?;
            Ok(())
        })
        .await
    }

    /// Types into an input by id, replacing what it held.
    pub async fn type_into(&self, id: &str, text: &str) -> Result<()> {
        bounded(&format!("typing into #{id}"), async {
            let input = self.element(id).await?;
            input.clear().await?;
            input.send_keys(text).await?;
            Ok(())
        })
        .await
    }

    /// Waits until `check` answers `Some`, polling every 200 ms for up to `within`.
    pub async fn eventually<T, F, Fut>(
        &self,
        what: &str,
        within: Duration,
        mut check: F,
    ) -> Result<T>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<Option<T>>>,
    {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let last = match check().await {
                Ok(Some(value)) => return Ok(value),
                Ok(None) => "not yet".to_owned(),
                Err(err) => format!("{err:#}"),
            };
            if tokio::time::Instant::now() >= deadline {
                bail!("{what}: not within {within:?} ({last})");
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Waits until the element `id` has attribute `name` equal to `value`.
    pub async fn wait_attr(&self, id: &str, name: &str, value: &str) -> Result<()> {
        self.eventually(&format!("#{id}[{name}={value}]"), APPEAR, || async {
            let found = self.client.find_all(Locator::Id(id)).await?;
            let Some(element) = found.first() else {
                return Ok(None);
            };
            Ok((element.attr(name).await?.as_deref() == Some(value)).then_some(()))
        })
        .await
    }

    /// Waits until the element `id` is out of sight: gone from the page, or hidden.
    pub async fn wait_hidden(&self, id: &str) -> Result<()> {
        self.eventually(&format!("#{id} out of sight"), APPEAR, || async {
            Ok((!self.shows(id).await?).then_some(()))
        })
        .await
    }

    /// The titles of the top-level windows on the app's display, as the window manager sees
    /// them (read with `xwininfo`: WebDriver only knows the page's `<title>`).
    pub async fn window_titles(&self) -> Result<Vec<String>> {
        let out = tokio::process::Command::new("xwininfo")
            .args(["-root", "-tree", "-display", &self.display])
            .output()
            .await
            .context("cannot run xwininfo: run `cargo xtask setup` (package x11-utils)")?;
        anyhow::ensure!(out.status.success(), "xwininfo failed");
        // Lines look like `0x1e00003 "Ledgerline": ("ledgerline" "Ledgerline")  1100x720+0+0 …`.
        Ok(String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter_map(|line| {
                let start = line.find('"')? + 1;
                let len = line[start..].find('"')?;
                Some(line[start..start + len].to_owned())
            })
            .collect())
    }

    /// Saves a PNG of the window as `<LEDGERLINE_E2E_OUT or target/e2e>/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> Result<PathBuf> {
        let dir = out_dir();
        std::fs::create_dir_all(&dir)?;
        let path = dir.join(format!("{name}.png"));
        let png = bounded("taking a screenshot", async {
            Ok(self.client.screenshot().await?)
        })
        .await?;
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Ends the WebDriver session (closing the app).
    pub async fn close(self) -> Result<()> {
        self.quit().await.map(|_| ())
    }
}

/// Where screenshots go: `LEDGERLINE_E2E_OUT`, else `target/e2e`.
pub fn out_dir() -> PathBuf {
    std::env::var_os("LEDGERLINE_E2E_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/e2e"))
}

/// Runs one WebDriver exchange with a time limit, so a stuck window fails the test with a
/// message naming what it was doing instead of hanging.
async fn bounded<T>(what: &str, fut: impl std::future::Future<Output = Result<T>>) -> Result<T> {
    tokio::time::timeout(Duration::from_secs(30), fut)
        .await
        .with_context(|| format!("timed out after 30 s {what}"))?
}
