//! The demo, as `cargo xtask demo` opens it (`LEDGERLINE_START_DEMO=1`): signed in to the
//! emulator inside the app, the sample businesses in the switcher, and leaving it leaves nothing.

use std::time::Duration;

use anyhow::{Context as _, Result, ensure};
use fantoccini::Locator;
use ledgerline_e2e::{App, Desktop, Emulator, Launch};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_opens_signed_in_shows_the_sample_businesses_and_leaves_nothing() {
    if let Err(err) = scenario().await {
        panic!("{err:#}");
    }
}

async fn scenario() -> Result<()> {
    // The emulator's seed, read from the emulator binary itself: the demo embeds the same one.
    let seed = {
        let mut emulator = Emulator::start().await?;
        let seed = emulator.businesses().await?;
        emulator.stop().await?;
        seed
    };
    let desktop = Desktop::start().await?;
    let data_dir = tempfile::tempdir()?;
    let launch = Launch::new(data_dir.path())?.env("LEDGERLINE_START_DEMO", "1");
    let app = App::start(&desktop, &launch).await?;

    app.element("demo-banner")
        .await
        .context("the demo opens at once")?;
    app.open_switcher().await?;
    let list = app.element("business-list").await?;
    let names = app
        .eventually(
            "every sample business in the switcher",
            Duration::from_secs(20),
            || async {
                let mut names = Vec::new();
                for item in list.find_all(Locator::Css(".business-name")).await? {
                    names.push(item.text().await?.trim().to_owned());
                }
                Ok((names.len() >= seed.len()).then_some(names))
            },
        )
        .await?;
    for business in &seed {
        ensure!(
            names.contains(&business.name),
            "the switcher lists {names:?}, without {}",
            business.name
        );
    }
    // The README's picture of the demo, with the list open.
    let shot = app.screenshot("demo-switcher").await?;
    ensure!(
        app.shows("business-list").await?,
        "the switcher closed before its picture was taken; see {}",
        shot.display()
    );

    // The window at its minimum size (tauri.conf.json: 720×480): the frame's controls stay in
    // view and usable.
    app.click("business-switcher").await?;
    app.client.set_window_size(720, 480).await?;
    let shot = app.screenshot("demo-minimum-size").await?;
    for id in [
        "nav-settings",
        "business-switcher",
        "sync-now",
        "help-button",
        "leave-demo",
    ] {
        let rect = app.element(id).await?.rectangle().await?;
        ensure!(
            rect.0 >= 0.0 && rect.1 >= 0.0 && rect.0 + rect.2 <= 720.0,
            "#{id} is outside the 720×480 window at {rect:?}; see {}",
            shot.display()
        );
    }
    app.client.set_window_size(1100, 720).await?;

    app.click("leave-demo").await?;
    app.element("welcome")
        .await
        .context("leaving the demo returns to the welcome screen")?;
    let demo_dir = data_dir.path().join("demo");
    app.eventually(
        "the demo folder removed",
        Duration::from_secs(20),
        || async { Ok((!demo_dir.exists()).then_some(())) },
    )
    .await?;
    app.screenshot("demo-left").await?;
    let items = desktop.bus.keyring_items("service", "ledgerline").await?;
    ensure!(items.is_empty(), "the demo wrote to the keyring: {items:?}");
    app.quit().await?;
    Ok(())
}
