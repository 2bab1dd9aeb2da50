//! Signing in the way a user with their own FreshBooks app does (the welcome screen, the app's
//! id and secret, the browser played by the test, the deep link handed over by a second
//! `ledgerline <url>` process), and choosing a business, for tests that start signed in.
//! `tests/e2e/sign_in.rs` checks every step of it; this is the short way through.

use std::time::Duration;

use anyhow::{Context as _, Result, ensure};

use crate::app::App;
use crate::browser;
use crate::emulator::{CLIENT_ID, CLIENT_SECRET, Emulator, SeedBusiness};

/// From the welcome screen to the signed-in frame, with the emulator's default app.
pub async fn with_own_app(app: &App, emulator: &Emulator) -> Result<()> {
    app.element("welcome")
        .await
        .context("a first run shows the welcome screen")?;
    app.click("use-own-app").await?;
    app.type_into("own-app-client-id", CLIENT_ID).await?;
    app.type_into("own-app-client-secret", CLIENT_SECRET)
        .await?;
    app.click("own-app-save").await?;
    app.element("sign-in-waiting").await?;
    let authorize_url = app.text_of("authorize-url").await?;
    ensure!(
        authorize_url.trim().starts_with(&emulator.url()),
        "#authorize-url is {authorize_url:?}, not on the emulator {}",
        emulator.url()
    );
    let relay = browser::authorize(authorize_url.trim()).await?;
    let callback = browser::deep_link(&relay)?;
    let status = app.open_url(&callback).await?;
    ensure!(
        status.success(),
        "the second ledgerline exited with {status}"
    );
    app.element("business-switcher")
        .await
        .context("the frame after sign-in")?;
    Ok(())
}

/// Chooses `business` in the switcher and waits for the frame to name it.
pub async fn choose_business(app: &App, business: &SeedBusiness) -> Result<()> {
    if app.content_of("current-business-name").await?.trim() == business.name {
        return Ok(());
    }
    app.open_switcher().await?;
    app.click(&format!("business-{}", business.business_id))
        .await?;
    app.eventually(
        &format!("#current-business-name = {}", business.name),
        Duration::from_secs(20),
        || async {
            let shown = app.content_of("current-business-name").await?;
            Ok((shown.trim() == business.name).then_some(()))
        },
    )
    .await
}

/// A fresh app (its own data folder) against `emulator`, signed in with the emulator's default
/// app, `business` chosen and the first sync done.
pub struct SignedIn {
    /// The app.
    pub app: App,
    /// How it was started (its data and Downloads folders).
    pub launch: crate::app::Launch,
    _data_dir: tempfile::TempDir,
}

/// Starts a fresh app on `desktop`, signs in, chooses `business` and waits for the first sync
/// (up to `first_sync_within`).
pub async fn signed_in(
    desktop: &crate::desktop::Desktop,
    emulator: &Emulator,
    business: &SeedBusiness,
    first_sync_within: Duration,
) -> Result<SignedIn> {
    let data_dir = tempfile::tempdir()?;
    let launch = crate::app::Launch::new(data_dir.path())?.against(emulator);
    let app = App::start(desktop, &launch).await?;
    with_own_app(&app, emulator).await?;
    choose_business(&app, business).await?;
    app.wait_for_first_sync(first_sync_within).await?;
    Ok(SignedIn {
        app,
        launch,
        _data_dir: data_dir,
    })
}
