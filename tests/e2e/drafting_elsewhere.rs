//! Issue 12: "a second Save draft of the same entries is refused with a message", seen in the
//! real window. The wizard shows a client's preview; meanwhile another process on the same data
//! folder (the command line, `ledgerline-cli invoice draft`) drafts the same time; then Save
//! draft in the window is refused in `#draft-error` (`entries_already_billed`, with a message),
//! and the invoice list holds the one draft the command line made, no second.

use std::time::Duration;

use anyhow::{Context as _, Result, bail, ensure};
use ledgerline_e2e::freshbooks::{FreshBooks, NewEntry};
use ledgerline_e2e::steps::Steps;
use ledgerline_e2e::{Desktop, Emulator, sign_in};

use crate::drafting::{invoice_rows, list_for_client, open_wizard};

/// The client whose time is drafted twice.
const CLIENT: &str = "Alder Street Bakery";
/// The first sync of the small seed.
const FIRST_SYNC_WITHIN: Duration = Duration::from_secs(90);
/// The longest the window may take to show a preview, a refusal or a list.
const SHOWS_WITHIN: Duration = Duration::from_secs(20);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn save_draft_refused_when_another_process_drafted_the_same_time() {
    if let Err(err) = scenario().await {
        panic!("{err:#}");
    }
}

/// The command line's path, from `LEDGERLINE_E2E_CLI` (set by `cargo xtask e2e`).
fn cli_program() -> Result<std::path::PathBuf> {
    let path = std::env::var_os("LEDGERLINE_E2E_CLI")
        .map(std::path::PathBuf::from)
        .context("LEDGERLINE_E2E_CLI is not set: run the end-to-end tests through `cargo xtask e2e`, which builds the command line first")?;
    ensure!(
        path.is_file(),
        "no command line at {} (LEDGERLINE_E2E_CLI)",
        path.display()
    );
    Ok(path)
}

async fn scenario() -> Result<()> {
    let mut steps = Steps::start("drafting-elsewhere");
    let cli = cli_program()?;

    // FreshBooks: a client with two hours of unbilled time on a service with a rate.
    let desktop = Desktop::start().await?;
    let mut emulator = Emulator::start().await?;
    let owner = emulator
        .businesses()
        .await?
        .into_iter()
        .find(|b| b.role == "owner")
        .context("the emulator's user owns no business")?;
    let fb = FreshBooks::new(&emulator, &owner);
    let me = emulator.identity_id().await?;
    let client_id = fb
        .create_client(CLIENT, "orders@alderstreet.example.com")
        .await?;
    let service = fb.create_service("Bookkeeping", "80.00").await?;
    let day = chrono::Utc::now().date_naive() - chrono::Days::new(2);
    fb.log_time(&NewEntry {
        client_id,
        service_id: service,
        identity_id: me,
        started_at: format!("{}T14:00:00Z", day.format("%Y-%m-%d")),
        seconds: 2 * 3600,
        note: "Month-end reconciliation",
    })
    .await?;
    steps.pass(&format!(
        "FreshBooks seeded: client {client_id}, 2 h unbilled"
    ));

    let signed = sign_in::signed_in(&desktop, &emulator, &owner, FIRST_SYNC_WITHIN).await?;
    let (app, launch) = (signed.app, signed.launch);
    emulator.stop().await?;
    steps.pass("signed in, first sync done, FreshBooks stopped");

    // The wizard's preview for the client, ready to save.
    open_wizard(&app, client_id).await?;
    app.eventually("#draft-total in the preview", SHOWS_WITHIN, || async {
        let total = app.attrs("#draft-total", "data-amount").await?;
        Ok(total.first().cloned().flatten().filter(|t| !t.is_empty()))
    })
    .await
    .context("the wizard's preview")?;
    steps.pass("the wizard shows the client's preview");

    // Meanwhile the command line drafts the same time on the same data folder.
    let out = tokio::process::Command::new(&cli)
        .arg("--data-dir")
        .arg(launch.data_dir())
        .args(["invoice", "draft", "--client", &client_id.to_string()])
        .output()
        .await
        .with_context(|| format!("running {}", cli.display()))?;
    ensure!(
        out.status.success(),
        "ledgerline-cli invoice draft failed ({}): {}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    steps.pass(&format!(
        "ledgerline-cli drafted the same time: {}",
        String::from_utf8_lossy(&out.stdout).trim()
    ));

    // Save draft in the window: refused, with a message.
    app.click("draft-save").await?;
    let refused = app
        .eventually("#draft-error after Save draft", SHOWS_WITHIN, || async {
            if !app.has("draft-error").await? || !app.shows("draft-error").await? {
                return Ok(None);
            }
            let code = app.attr_of("draft-error", "data-code").await?;
            let text = app.text_of("draft-error").await?;
            Ok(Some((code, text)))
        })
        .await;
    let (code, message) = match refused {
        Ok(found) => found,
        Err(err) => {
            let shot = app.screenshot("drafting-elsewhere-no-error").await?;
            bail!("{err:#}; see {}", shot.display());
        }
    };
    ensure!(
        code.as_deref() == Some("entries_already_billed"),
        "#draft-error[data-code] is {code:?}, expected entries_already_billed ({message:?})"
    );
    ensure!(
        !message.trim().is_empty(),
        "#draft-error says nothing (data-code {code:?})"
    );
    app.screenshot("drafting-elsewhere-refused").await?;
    steps.pass(&format!(
        "Save draft in the window is refused: entries_already_billed: {:?}",
        message.trim()
    ));

    // One draft for the client in the app's invoice list: the command line's.
    list_for_client(&app, client_id).await?;
    let one = app
        .eventually(
            "one invoice of the client in #invoice-list",
            SHOWS_WITHIN,
            || async {
                let rows = invoice_rows(&app).await?;
                let mine = rows.iter().filter(|(c, _, _)| c == CLIENT).count();
                Ok((mine == 1).then_some(()))
            },
        )
        .await;
    if let Err(err) = one {
        let shot = app.screenshot("drafting-elsewhere-list").await?;
        let rows: Vec<(String, Option<String>)> = invoice_rows(&app)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|(c, n, _)| (c, n))
            .collect();
        bail!("{err:#}: rows {rows:?}; see {}", shot.display());
    }
    steps.pass("the invoice list holds one invoice for the client");

    app.quit().await?;
    steps.finish()
}
