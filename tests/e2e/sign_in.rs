//! Issue 10's "done means": signing in with one's own FreshBooks app through the browser and the
//! deep link, the businesses and their roles, refused links, offline after a restart, sign-out.
//!
//! The app runs against the emulator as a separate process (not the demo), in a private D-Bus
//! session with gnome-keyring; the test plays the browser and launches the second
//! `ledgerline ledgerline://oauth/callback?…` process the relay page would.

use std::time::Duration;

use anyhow::{Context as _, Result, ensure};
use ledgerline_e2e::browser;
use ledgerline_e2e::emulator::{CLIENT_ID, CLIENT_SECRET, SeedBusiness};
use ledgerline_e2e::{App, Desktop, Emulator, Launch};

/// The keyring service and entries the app keeps its sign-in under.
const SERVICE: &str = "ledgerline";
const TOKENS_ENTRY: &str = "freshbooks-tokens";
const APP_ENTRY: &str = "freshbooks-app";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn own_app_sign_in_businesses_refused_links_offline_restart_and_sign_out() {
    if let Err(err) = scenario().await {
        panic!("{err:#}");
    }
}

async fn scenario() -> Result<()> {
    let desktop = Desktop::start().await?;
    let mut emulator = Emulator::start().await?;
    let seed = emulator.businesses().await?;
    ensure!(!seed.is_empty(), "the emulator's user has no business");
    let data_dir = tempfile::tempdir()?;
    let launch = Launch::new(data_dir.path())?.against(&emulator);

    let app = App::start(&desktop, &launch).await?;
    app.element("welcome")
        .await
        .context("first run shows the welcome screen")?;
    app.screenshot("sign-in-01-welcome").await?;

    // "Use my own FreshBooks app": the guide names the redirect URI the app will send.
    app.click("use-own-app").await?;
    let redirect_uri = app.text_of("own-app-redirect-uri").await?;
    ensure!(
        redirect_uri.trim() == emulator.relay_url(),
        "#own-app-redirect-uri shows {redirect_uri:?}, expected the relay {}",
        emulator.relay_url()
    );
    app.type_into("own-app-client-id", CLIENT_ID).await?;
    app.type_into("own-app-client-secret", CLIENT_SECRET)
        .await?;
    app.screenshot("sign-in-02-own-app").await?;
    app.click("own-app-save").await?;

    // Waiting for the browser: the test is the browser.
    app.element("sign-in-waiting").await?;
    let authorize_url = app.text_of("authorize-url").await?;
    app.screenshot("sign-in-03-waiting").await?;
    ensure!(
        authorize_url.starts_with(&emulator.url()),
        "#authorize-url is {authorize_url:?}, not on the emulator {}",
        emulator.url()
    );
    let relay = browser::authorize(authorize_url.trim()).await?;
    ensure!(
        relay.as_str().starts_with(&emulator.relay_url()),
        "the authorization sent the browser to {relay}, not to the relay {}",
        emulator.relay_url()
    );
    ensure!(
        browser::query_param(&relay, "code").is_some(),
        "no code in {relay}"
    );
    let callback = browser::deep_link(&relay)?;
    let status = app.open_url(&callback).await?;
    ensure!(
        status.success(),
        "the second ledgerline exited with {status}"
    );

    // Signed in: every business with its role.
    app.element("business-switcher")
        .await
        .context("the frame after sign-in")?;
    app.open_switcher().await?;
    for business in &seed {
        check_listed(&app, business).await?;
    }
    app.screenshot("sign-in-04-businesses").await?;

    // Switch to a business the role may not write to (the emulator's word), else to another one.
    let target = seed
        .iter()
        .find(|b| !b.can_write)
        .or_else(|| seed.last())
        .context("a business to switch to")?
        .clone();
    switch_to(&app, &target).await?;
    // Home states the role in the window's words (e.g. "team member" for business_employee).
    let role_words = app.content_of("home-business-role").await?.to_lowercase();
    app.click("nav-clients").await?;
    let new_client = app.element("new-client").await?;
    if target.can_write {
        ensure!(
            !app.shows("read-only-banner").await?,
            "#read-only-banner shown for {} ({}), whose role may write",
            target.name,
            target.role
        );
        ensure!(new_client.is_enabled().await?, "#new-client is disabled");
    } else {
        let shot = app.screenshot("sign-in-06-read-only").await?;
        ensure!(
            app.shows("read-only-banner").await?,
            "no #read-only-banner for {} (role {}, read-only in FreshBooks); see {}",
            target.name,
            target.role,
            shot.display()
        );
        let banner = app.text_of("read-only-banner").await?.to_lowercase();
        ensure!(
            banner.contains(role_words.trim()) || banner.contains(&target.role),
            "#read-only-banner says {banner:?}, which names neither the role {} nor {role_words:?}",
            target.role
        );
        ensure!(
            !new_client.is_enabled().await?,
            "#new-client is enabled in the read-only {}; see {}",
            target.name,
            shot.display()
        );
    }

    // A forged state and a replayed callback are refused, visibly.
    let forged = format!("{}?code=made-up&state=forged-state", browser::CALLBACK);
    app.open_url(&forged).await?;
    expect_refusal(&app, "sign_in_state_mismatch", "sign-in-07-forged").await?;
    app.open_url(&callback).await?;
    expect_refusal(&app, "sign_in_replayed", "sign-in-08-replayed").await?;

    let entries = keyring_entries(&desktop).await?;
    ensure!(
        entries.iter().any(|e| e == TOKENS_ENTRY) && entries.iter().any(|e| e == APP_ENTRY),
        "the keyring holds {entries:?}, expected {TOKENS_ENTRY} and {APP_ENTRY}: {}",
        desktop.bus.keyring_dump("service", SERVICE).await
    );

    // Quit, FreshBooks gone, start again on the same data folder.
    ensure!(
        app.quit().await?,
        "the app did not exit within 10 s of its window closing"
    );
    emulator.stop().await?;
    let app = App::start(&desktop, &launch).await?;
    app.eventually(
        "the cached business after a restart",
        Duration::from_secs(20),
        || async {
            let shown = app.content_of("current-business-name").await?;
            if shown.trim() == target.name {
                Ok(Some(()))
            } else {
                Err(anyhow::anyhow!(
                    "it shows {shown:?}: {}",
                    app.describe("current-business-name").await
                ))
            }
        },
    )
    .await?;
    ensure!(
        !app.shows("welcome").await?,
        "the welcome screen after a restart"
    );
    app.click("nav-home").await?;
    let home = app.text_of("home-business-name").await?;
    ensure!(
        home.trim() == target.name,
        "#home-business-name shows {home:?}, expected {}",
        target.name
    );
    app.click("sync-now").await?;
    app.wait_attr("sync-status", "data-online", "false")
        .await
        .context("offline shown after a sync attempt with FreshBooks stopped")?;
    let status = app.text_of("sync-status").await?;
    let shot = app.screenshot("sign-in-09-offline").await?;
    ensure!(
        status.contains("Offline"),
        "#sync-status says {status:?}, without the word Offline; see {}",
        shot.display()
    );

    // Sign out, keeping the offline copy: the keyring entries go.
    app.click("nav-settings").await?;
    app.click("sign-out").await?;
    app.element("sign-out-dialog").await?;
    ensure!(
        !app.element("sign-out-remove-copy")
            .await?
            .is_selected()
            .await?,
        "#sign-out-remove-copy is checked by default"
    );
    app.screenshot("sign-in-10-sign-out").await?;
    app.click("sign-out-confirm").await?;
    app.eventually("the keyring emptied", Duration::from_secs(20), || async {
        let entries = keyring_entries(&desktop).await?;
        Ok(entries.is_empty().then_some(()))
    })
    .await
    .with_context(|| "the keyring entries after sign-out".to_string())?;
    app.wait_hidden("sign-out-dialog").await?;
    let shot = app.screenshot("sign-in-11-signed-out").await?;
    if !app.shows("welcome").await? {
        // The copy was kept: the frame still shows the cached business, signed out.
        let shown = app.content_of("current-business-name").await?;
        ensure!(
            shown.trim() == target.name,
            "after sign-out neither #welcome nor the kept business: {shown:?}; see {}",
            shot.display()
        );
    }
    app.quit().await?;
    Ok(())
}

/// Picks a business in the open switcher and waits for the frame to show it.
async fn switch_to(app: &App, business: &SeedBusiness) -> Result<()> {
    app.click(&format!("business-{}", business.business_id))
        .await?;
    let shot = app.screenshot("sign-in-05-switched").await?;
    app.eventually(
        &format!("#current-business-name = {}", business.name),
        Duration::from_secs(20),
        || async {
            let shown = app.content_of("current-business-name").await?;
            if shown.trim() == business.name {
                Ok(Some(()))
            } else {
                Err(anyhow::anyhow!(
                    "it shows {shown:?}: {}",
                    app.describe("current-business-name").await
                ))
            }
        },
    )
    .await
    .with_context(|| format!("switching to {}; see {}", business.name, shot.display()))
}

/// The business's entry in the open switcher: name, role, currency.
async fn check_listed(app: &App, business: &SeedBusiness) -> Result<()> {
    let item = format!("#business-{}", business.business_id);
    let name = app.content_at(&format!("{item} .business-name")).await?;
    // The role shows in the window's words; `data-role` keeps FreshBooks' name for it.
    let role = app
        .css(&format!("{item} .business-role"))
        .await?
        .attr("data-role")
        .await?
        .unwrap_or_default();
    let currency = app
        .content_at(&format!("{item} .business-currency"))
        .await?;
    ensure!(
        name.trim() == business.name,
        "{item} is named {name:?}, expected {}",
        business.name
    );
    ensure!(
        role.trim() == business.role,
        "{item} shows role {role:?}, expected {}: {}",
        business.role,
        app.describe(&item[1..]).await
    );
    ensure!(
        currency.contains(&business.currency),
        "{item} shows currency {currency:?}, expected {}",
        business.currency
    );
    Ok(())
}

/// A refused sign-in link: `#sign-in-error` with this code and a message, then dismissed.
async fn expect_refusal(app: &App, code: &str, shot: &str) -> Result<()> {
    app.wait_attr("sign-in-error", "data-code", code)
        .await
        .with_context(|| format!("refusal {code}"))?;
    let message = app.text_of("sign-in-error").await?;
    let path = app.screenshot(shot).await?;
    ensure!(
        !message.trim().is_empty(),
        "#sign-in-error ({code}) has no message; see {}",
        path.display()
    );
    app.click("sign-in-error-dismiss").await?;
    app.wait_hidden("sign-in-error").await?;
    Ok(())
}

/// The names of the app's entries in the test keyring.
async fn keyring_entries(desktop: &Desktop) -> Result<Vec<String>> {
    Ok(desktop
        .bus
        .keyring_items("service", SERVICE)
        .await?
        .iter()
        .filter_map(|item| item.attribute("username").map(str::to_owned))
        .collect())
}
