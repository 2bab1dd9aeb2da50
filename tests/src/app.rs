//! The app under test: display, driver and a WebDriver session on the real window.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context as _, Result};
use fantoccini::{Client, ClientBuilder, Locator};

use crate::driver::Driver;
use crate::xvfb::VirtualDisplay;

/// A running app with a WebDriver session on its main window. Dropping it ends everything.
pub struct App {
    /// The WebDriver session.
    pub client: Client,
    /// The app's data directory, private to this test.
    pub data_dir: tempfile::TempDir,
    /// The X display the app runs on.
    pub display: String,
    _driver: Driver,
    _display: Option<VirtualDisplay>,
}

impl App {
    /// Starts a display if there is none, tauri-driver, and the app from `LEDGERLINE_E2E_APP`.
    pub async fn launch() -> Result<Self> {
        let app_path = std::env::var_os("LEDGERLINE_E2E_APP").map(PathBuf::from).context(
            "LEDGERLINE_E2E_APP is not set: run the end-to-end tests through `cargo xtask test`, which builds the app first",
        )?;
        anyhow::ensure!(
            app_path.is_file(),
            "no app at {} (LEDGERLINE_E2E_APP)",
            app_path.display()
        );
        let display = match std::env::var("DISPLAY") {
            Ok(display) if !display.is_empty() => (None, display),
            _ => {
                let xvfb = VirtualDisplay::start().await?;
                let display = xvfb.display.clone();
                (Some(xvfb), display)
            }
        };
        let data_dir = tempfile::tempdir()?;
        let driver = Driver::start(&display.1, data_dir.path()).await?;
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), "wry".into());
        capabilities.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app_path }),
        );
        let client = ClientBuilder::rustls()
            .context("TLS roots for the WebDriver client")?
            .capabilities(capabilities)
            .connect(&driver.url)
            .await
            .context("cannot open a WebDriver session on the app")?;
        Ok(Self {
            client,
            data_dir,
            display: display.1.clone(),
            _driver: driver,
            _display: display.0,
        })
    }

    /// Waits for an element by id and returns its text.
    pub async fn text_of(&self, id: &str) -> Result<String> {
        bounded(&format!("reading #{id}"), async {
            let element = self.element(id).await?;
            Ok(element.text().await?)
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

    async fn element(&self, id: &str) -> Result<fantoccini::elements::Element> {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Id(id))
            .await
            .with_context(|| format!("no element #{id}"))
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
        let dir = std::env::var_os("LEDGERLINE_E2E_OUT")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("target/e2e"));
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
        bounded("closing the session", async {
            Ok(self.client.close().await?)
        })
        .await
    }
}

/// Runs one WebDriver exchange with a time limit, so a stuck window fails the test with a
/// message naming what it was doing instead of hanging.
async fn bounded<T>(what: &str, fut: impl std::future::Future<Output = Result<T>>) -> Result<T> {
    tokio::time::timeout(Duration::from_secs(30), fut)
        .await
        .with_context(|| format!("timed out after 30 s {what}"))?
}
