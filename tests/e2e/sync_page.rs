//! Issue 12's Sync page, end to end: a client renamed in FreshBooks (the emulator, a separate
//! process) and, while FreshBooks is stopped, differently in the window; when FreshBooks is back,
//! the sync finds the conflict and the Sync page shows it side by side ("Mine" / "FreshBooks",
//! each with its name); "Keep mine" settles it, and after a sync FreshBooks (read through its
//! API, not the app) and the window hold the same name. The README's pictures of the Sync page
//! in English and French are taken with the conflict on screen.

use std::time::Duration;

use anyhow::{Context as _, Result, bail, ensure};
use fantoccini::Locator;
use ledgerline_e2e::freshbooks::FreshBooks;
use ledgerline_e2e::steps::Steps;
use ledgerline_e2e::{App, Desktop, Emulator, sign_in};
use serde_json::json;

/// The longest a sync may take to bring a change to FreshBooks (or back).
const SYNC_WITHIN: Duration = Duration::from_secs(60);
/// The window's size for the README's pictures (the Xvfb screen's).
const README_WINDOW: (u32, u32) = (1280, 800);
/// The first sync of the small seed.
const FIRST_SYNC_WITHIN: Duration = Duration::from_secs(90);

/// The client, and its two new names.
const CLIENT: &str = "Juniper Lane Interiors";
const CLIENT_MINE: &str = "Juniper Lane Interiors Ltd.";
const CLIENT_THEIRS: &str = "Juniper Lane Design Inc.";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rename_on_both_sides_shown_side_by_side_and_settled_from_the_sync_page() {
    if let Err(err) = scenario().await {
        panic!("{err:#}");
    }
}

async fn scenario() -> Result<()> {
    let mut steps = Steps::start("sync-page");
    let desktop = Desktop::start().await?;
    let mut emulator = Emulator::start().await?;
    let owner = emulator
        .businesses()
        .await?
        .into_iter()
        .find(|b| b.role == "owner")
        .context("the emulator's user owns no business")?;
    let client_id = FreshBooks::new(&emulator, &owner)
        .create_client(CLIENT, "studio@juniperlane.example.com")
        .await?;
    // (The rest of `signed`, its data folder, lives until the end.)
    let signed = sign_in::signed_in(&desktop, &emulator, &owner, FIRST_SYNC_WITHIN).await?;
    let app = signed.app;
    steps.pass("signed in, owner's business, first sync done");

    // Theirs first, then FreshBooks stops at once, before a sync of the window reads it.
    FreshBooks::new(&emulator, &owner)
        .update_client(client_id, json!({ "organization": CLIENT_THEIRS }))
        .await?;
    emulator.stop().await?;
    rename_client(&app, CLIENT, CLIENT_MINE).await?;
    steps.pass("renamed in FreshBooks and, offline, differently in the window");
    emulator.resume().await?;
    let fb = FreshBooks::new(&emulator, &owner);

    app.click("nav-sync").await?;
    app.element("sync-conflicts")
        .await
        .context("the Sync page's conflicts")?;
    let found = app
        .eventually("a conflict on the Sync page", SYNC_WITHIN, || async {
            let found = app
                .client
                .find_all(Locator::Css("#sync-conflicts .sync-conflict"))
                .await?;
            if found.is_empty() {
                if let Some(now) = app
                    .client
                    .find_all(Locator::Id("sync-page-now"))
                    .await?
                    .first()
                    && now.is_enabled().await.unwrap_or(false)
                {
                    let _ = now.click().await;
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
                return Ok(None);
            }
            Ok(Some(found.len()))
        })
        .await;
    if let Err(err) = found {
        let shot = app.screenshot("drafting-no-conflict").await?;
        let remote = fb.client(client_id).await.unwrap_or_default();
        bail!(
            "{err:#}; FreshBooks' client: {}; see {}",
            remote["organization"],
            shot.display()
        );
    }
    let mine = app
        .content_at("#sync-conflicts .sync-conflict .conflict-mine")
        .await?;
    let theirs = app
        .content_at("#sync-conflicts .sync-conflict .conflict-theirs")
        .await?;
    ensure!(
        mine.contains(CLIENT_MINE) && theirs.contains(CLIENT_THEIRS),
        "the conflict shows Mine {mine:?} and FreshBooks {theirs:?}, expected {CLIENT_MINE:?} and {CLIENT_THEIRS:?}"
    );
    app.picture_of("sync-conflicts", "sync-en", README_WINDOW)
        .await?;
    steps.pass("the Sync page shows the conflict: Mine and FreshBooks side by side");
    match sync_page_in_french(&app).await {
        Ok(()) => steps.pass("the Sync page in French (picture), then English again"),
        Err(err) => {
            steps.problem(format!("the Sync page in French: {err:#}"));
            let _ = app.set_language("en").await;
            app.click("nav-sync").await?;
        }
    }

    app.css("#sync-conflicts .sync-conflict .conflict-keep-mine")
        .await?
        .click()
        .await?;
    let remote = app
        .synced(
            "the window's name in FreshBooks after keeping Mine",
            SYNC_WITHIN,
            "drafting-resolve-timeout",
            || async {
                let remote = fb.client(client_id).await?;
                Ok((remote["organization"] == CLIENT_MINE).then_some(remote))
            },
        )
        .await?;
    app.click("nav-sync").await?;
    app.eventually(
        "no conflict left on the Sync page",
        Duration::from_secs(20),
        || async {
            Ok(app
                .client
                .find_all(Locator::Css("#sync-conflicts .sync-conflict"))
                .await?
                .is_empty()
                .then_some(()))
        },
    )
    .await?;
    // The window shows the same name FreshBooks holds.
    app.click("nav-clients").await?;
    app.type_into("client-search", CLIENT_MINE).await?;
    let organization = remote["organization"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    app.eventually(
        "the client list shows FreshBooks' name",
        Duration::from_secs(20),
        || async {
            let names = app.contents("#client-list .vl-row .client-name").await?;
            Ok(names.contains(&organization).then_some(()))
        },
    )
    .await?;
    steps.pass(&format!(
        "Mine kept: FreshBooks and the window both say {organization:?}"
    ));
    app.quit().await?;
    emulator.stop().await?;
    steps.finish()
}

/// The Sync page with its conflict in French for the README, then English again.
async fn sync_page_in_french(app: &App) -> Result<()> {
    app.set_language("fr-CA").await?;
    app.click("nav-sync").await?;
    app.css("#sync-conflicts .sync-conflict").await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    app.picture_of("sync-conflicts", "sync-fr", README_WINDOW)
        .await?;
    app.set_language("en").await?;
    app.click("nav-sync").await?;
    app.css("#sync-conflicts .sync-conflict").await?;
    Ok(())
}

/// Renames a client from its page (found by name in the list).
async fn rename_client(app: &App, from: &str, to: &str) -> Result<()> {
    app.click("nav-clients").await?;
    app.type_into("client-search", from).await?;
    app.eventually(
        &format!("the page of the client {from:?}"),
        Duration::from_secs(20),
        || async {
            for row in app
                .client
                .find_all(Locator::Css("#client-list .vl-row"))
                .await?
            {
                let name = row
                    .find(Locator::Css(".client-name"))
                    .await?
                    .prop("textContent")
                    .await?
                    .unwrap_or_default();
                if name.trim() == from {
                    let _ = row.click().await;
                    return Ok(app.has("client-organization").await?.then_some(()));
                }
            }
            Ok(None)
        },
    )
    .await?;
    app.type_into("client-organization", to).await?;
    app.click("client-save").await?;
    app.element("client-search")
        .await
        .context("saving the client returns to the list")?;
    Ok(())
}
