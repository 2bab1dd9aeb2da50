//! Issue 12's "done means", end to end: FreshBooks (the emulator, a separate process) holds a
//! client with unbilled time logged by two team members on two services; the app signs in and
//! syncs; FreshBooks stops; in the window the owner drafts an invoice for that client, grouped by
//! service with 15-minute rounding up and HST, sees the preview with the totals computed by hand
//! below, and saves it with a double click; the same entries cannot be drafted again (the wizard
//! no longer offers them, and the very same "Save draft" request sent again is refused with a
//! message); FreshBooks comes back and a sync sends it: FreshBooks holds the invoice once, with
//! the expected lines, taxes and total, and exactly those entries are billed there; the invoice
//! opens in the window with its number, and its PDF lands in the Downloads folder.
//! (`sync_page.rs` has the conflict made on both sides and resolved from the Sync page.)
//!
//! FreshBooks' side is always read through the emulator's API (`ledgerline_e2e::freshbooks`),
//! never through the app. The README's pictures of the drafting preview in English and French are
//! taken on the way.

use std::collections::BTreeSet;
use std::time::Duration;

use anyhow::{Context as _, Result, bail, ensure};
use fantoccini::Locator;
use ledgerline_e2e::freshbooks::{FreshBooks, NewEntry, RemoteInvoice};
use ledgerline_e2e::steps::Steps;
use ledgerline_e2e::{App, Desktop, Emulator, Launch, sign_in};
use serde_json::Value;

/// The longest a sync may take to bring a change to FreshBooks (or back).
const SYNC_WITHIN: Duration = Duration::from_secs(60);
/// The window's size for the README's pictures (the Xvfb screen's).
const README_WINDOW: (u32, u32) = (1280, 800);
/// The first sync of the small seed.
const FIRST_SYNC_WITHIN: Duration = Duration::from_secs(90);
/// The longest the preview may take to show after a change of the options.
const PREVIEW_WITHIN: Duration = Duration::from_secs(20);

/// The client whose time is drafted.
const CLIENT: &str = "Juniper Lane Interiors";
/// The tax put on every line (the seed's Ontario business has it).
const TAX: (&str, &str) = ("HST", "13");
/// 15 minutes, in seconds.
const QUARTER: i64 = 900;

/// A service the test creates, with its hourly rate in cents.
struct Service {
    name: &'static str,
    rate_cents: i64,
}

const SPACE_PLANNING: Service = Service {
    name: "Space planning",
    rate_cents: 12_000,
};
const PRODUCT_COPY: Service = Service {
    name: "Product copy",
    rate_cents: 9_600,
};

/// The time logged: (service, logged by the colleague, seconds, days ago, note). Rounded up to
/// 15 minutes each: Space planning 60 + 75 + 15 min = 2.5 h × 120.00 = 300.00 (HST 39.00),
/// Product copy 30 + 45 min = 1.25 h × 96.00 = 120.00 (HST 15.60): subtotal 420.00, tax 54.60,
/// total 474.60. Unrounded it would be 1.93 h and 1.08 h: the rounding shows.
const ENTRIES: [(&Service, bool, i64, u64, &str); 5] = [
    (
        &SPACE_PLANNING,
        false,
        50 * 60,
        6,
        "Site visit and measurements",
    ),
    (&SPACE_PLANNING, true, 65 * 60, 5, "Floor plan, two options"),
    (&PRODUCT_COPY, true, 20 * 60, 4, "Catalogue blurbs"),
    (&PRODUCT_COPY, false, 45 * 60, 3, "Web page copy"),
    (&SPACE_PLANNING, false, 60, 2, "Call about the lighting"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn draft_offline_from_two_members_time_then_sync_once_and_download_its_pdf() {
    if let Err(err) = scenario().await {
        panic!("{err:#}");
    }
}

/// What FreshBooks must hold after the sync, computed by hand from [`ENTRIES`].
struct Expected {
    /// (name, quarter hours, rate in cents) per line, in the order of the services' first
    /// appearance (which the test does not require of the app).
    lines: Vec<(&'static str, i64, i64)>,
}

impl Expected {
    fn from_entries() -> Self {
        let mut lines: Vec<(&'static str, i64, i64)> = Vec::new();
        for (service, _, seconds, _, _) in ENTRIES {
            let quarters = (seconds + QUARTER - 1) / QUARTER;
            match lines.iter_mut().find(|(name, _, _)| *name == service.name) {
                Some(line) => line.1 += quarters,
                None => lines.push((service.name, quarters, service.rate_cents)),
            }
        }
        Self { lines }
    }

    fn amount_cents(quarters: i64, rate_cents: i64) -> i64 {
        quarters * rate_cents / 4
    }

    /// A line's tax in cents (exact: the amounts are whole dollars).
    fn tax_cents(amount_cents: i64) -> i64 {
        let pct: i64 = TAX.1.parse().unwrap_or_default();
        amount_cents * pct / 100
    }

    fn subtotal_cents(&self) -> i64 {
        self.lines
            .iter()
            .map(|(_, q, r)| Self::amount_cents(*q, *r))
            .sum()
    }

    fn tax_total_cents(&self) -> i64 {
        self.lines
            .iter()
            .map(|(_, q, r)| Self::tax_cents(Self::amount_cents(*q, *r)))
            .sum()
    }

    fn total_cents(&self) -> i64 {
        self.subtotal_cents() + self.tax_total_cents()
    }
}

/// `47460` → `"474.60"`.
fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// Quarter hours as FreshBooks writes a quantity, without trailing zeros: 10 → `"2.5"`.
fn hours(quarters: i64) -> String {
    let frac = ["", ".25", ".5", ".75"][usize::try_from(quarters % 4).unwrap_or_default()];
    format!("{}{frac}", quarters / 4)
}

/// A decimal written without trailing zeros (`"2.50"` → `"2.5"`, `"120.00"` → `"120"`).
fn plain(decimal: &str) -> String {
    let d = decimal.trim();
    if d.contains('.') {
        d.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        d.to_owned()
    }
}

async fn scenario() -> Result<()> {
    let mut steps = Steps::start("drafting");
    let expected = Expected::from_entries();
    let total = money(expected.total_cents());

    // FreshBooks: a client with time logged by the user and a colleague on two services.
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
    let colleague = fb.colleague().await?;
    let client_id = fb
        .create_client(CLIENT, "studio@juniperlane.example.com")
        .await?;
    let space = fb
        .create_service(SPACE_PLANNING.name, &money(SPACE_PLANNING.rate_cents))
        .await?;
    let copy = fb
        .create_service(PRODUCT_COPY.name, &money(PRODUCT_COPY.rate_cents))
        .await?;
    let today = chrono::Utc::now().date_naive();
    let mut entry_ids = BTreeSet::new();
    for (service, by_colleague, seconds, days_ago, note) in ENTRIES {
        let day = today - chrono::Days::new(days_ago);
        let id = fb
            .log_time(&NewEntry {
                client_id,
                service_id: if service.name == SPACE_PLANNING.name {
                    space
                } else {
                    copy
                },
                identity_id: if by_colleague { colleague } else { me },
                started_at: format!("{}T14:00:00Z", day.format("%Y-%m-%d")),
                seconds,
                note,
            })
            .await?;
        entry_ids.insert(id);
    }
    let billed_before = fb.billed_entries().await?;
    let tax_id = fb
        .taxes()
        .await?
        .into_iter()
        .find(|(_, name, pct)| name == TAX.0 && plain(pct) == TAX.1)
        .map(|(id, _, _)| id)
        .with_context(|| format!("the owner's business has no {} {}% tax", TAX.0, TAX.1))?;
    steps.pass(&format!(
        "FreshBooks seeded: client {client_id}, entries {entry_ids:?} (identities {me} and {colleague}), expected total {total}"
    ));

    // Signed in, first sync (time entries of the whole team).
    // (The rest of `signed`, its data folder, lives until the end.)
    let signed = sign_in::signed_in(&desktop, &emulator, &owner, FIRST_SYNC_WITHIN).await?;
    let (app, launch) = (signed.app, signed.launch);
    steps.pass("signed in, owner's business, first sync done");

    // FreshBooks gone: the wizard works from this computer alone.
    emulator.stop().await?;
    open_wizard(&app, client_id).await?;
    check_entries(&app, &entry_ids).await?;
    steps.pass("offline: the wizard lists the client's 5 unbilled entries, by two team members");
    configure(&app, tax_id).await?;
    check_preview(&app, &expected).await?;
    app.picture_of("draft-preview", "drafting-preview-en", README_WINDOW)
        .await?;
    steps.pass(&format!(
        "preview: 2 lines by service, 15-minute rounding up, HST: total {total}"
    ));

    // The README's French picture, then English again (the options are set anew each time).
    if let Err(err) = french_preview(&app, client_id, tax_id, &expected).await {
        steps.problem(format!("the preview in French: {err:#}"));
        let _ = app.set_language("en").await;
        open_wizard(&app, client_id).await?;
        configure(&app, tax_id).await?;
        check_preview(&app, &expected).await?;
    } else {
        steps.pass("the preview in French (picture), then English again");
    }

    // Save draft, double-clicked: one invoice; the request the window sent is kept to send it
    // again afterwards.
    watch_saves(&app, &mut steps).await?;
    let how = app.double_click("draft-save").await?;
    app.eventually(
        "the new invoice's page after Save draft",
        Duration::from_secs(20),
        || async { Ok(app.has("invoice-title").await?.then_some(())) },
    )
    .await
    .context("after Save draft")?;
    app.element("invoice-pending")
        .await
        .context("an invoice drafted offline shows as pending")?;
    let shown_total = app.attr_of("invoice-total", "data-amount").await?;
    ensure!(
        shown_total.as_deref().map(plain) == Some(plain(&total)),
        "the saved invoice's #invoice-total[data-amount] is {shown_total:?}, expected {total}"
    );
    app.screenshot("drafting-saved-pending").await?;
    let saves = saves_sent(&app).await?;
    steps.say(&format!(
        "save_draft calls the window made ({how}): {saves:?}"
    ));
    let ok_saves = saves.iter().filter(|c| c["ok"] == true).count();
    ensure!(
        ok_saves == 1,
        "the double click on #draft-save saved {ok_saves} drafts: {saves:?}"
    );
    steps.pass(&format!(
        "Save draft double-clicked ({how}): {} call(s), one draft saved, pending invoice shown",
        saves.len()
    ));

    // The same entries again: the wizard no longer offers them, and the same request is refused.
    let refusal = send_same_save_again(&app).await?;
    // ErrorPayload: `{kind, code: {name, …details}, message, action}`.
    let code = refusal["code"]["name"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| refusal["code"].to_string());
    let message = refusal["message"].as_str().unwrap_or_default().to_owned();
    ensure!(
        !message.trim().is_empty(),
        "the second save_draft of the same entries was refused without a message: {refusal}"
    );
    ensure!(
        [
            "entries_already_billed",
            "draft_changed",
            "draft_no_entries"
        ]
        .contains(&code.as_str()),
        "the second save_draft of the same entries was refused with {refusal}, expected entries_already_billed or draft_changed"
    );
    steps.pass(&format!(
        "the same Save draft sent again is refused: {code}: {message:?}"
    ));
    check_nothing_left(&app, client_id).await?;
    steps.pass("the wizard no longer offers the client's entries");
    check_one_pending_in_list(&app, client_id, &mut steps).await?;
    steps.pass("the invoice list shows one invoice for the client, pending");

    // FreshBooks back: the invoice once, its lines and total, exactly its entries billed.
    emulator.resume().await?;
    let fb = FreshBooks::new(&emulator, &owner);
    let invoice = app
        .synced(
            "the invoice and its billed entries in FreshBooks",
            SYNC_WITHIN,
            "drafting-sync-timeout",
            || async {
                let invoices = fb.invoices_of(client_id).await?;
                let billed = fb.billed_entries().await?;
                Ok((!invoices.is_empty() && entry_ids.is_subset(&billed)).then_some(()))
            },
        )
        .await;
    if let Err(err) = invoice {
        let invoices = fb.invoices_of(client_id).await.unwrap_or_default();
        bail!(
            "{err:#}; FreshBooks holds {} invoice(s) for the client: {:?}",
            invoices.len(),
            invoices.iter().map(|i| &i.raw).collect::<Vec<_>>()
        );
    }
    // A second copy would come with the same sync or the next one: look again after a while.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let invoices = fb.invoices_of(client_id).await?;
    let [invoice] = invoices.as_slice() else {
        bail!(
            "FreshBooks holds {} invoices for the client, expected exactly one: {:?}",
            invoices.len(),
            invoices.iter().map(|i| &i.raw).collect::<Vec<_>>()
        );
    };
    check_remote_invoice(invoice, &expected)?;
    steps.pass(&format!(
        "FreshBooks holds the invoice once ({}), lines, HST and total {total} as computed by hand",
        invoice.number
    ));
    let billed_after = fb.billed_entries().await?;
    let newly: BTreeSet<i64> = billed_after.difference(&billed_before).copied().collect();
    ensure!(
        newly == entry_ids && billed_before.is_subset(&billed_after),
        "FreshBooks billed {newly:?} (unbilled {:?}), expected exactly {entry_ids:?}",
        billed_before.difference(&billed_after).collect::<Vec<_>>()
    );
    steps.pass("exactly the drafted entries are billed in FreshBooks, no other");

    // Open it in the window: its number, not pending; its PDF into Downloads.
    open_invoice(&app, client_id, &invoice.number).await?;
    steps.pass(&format!("the invoice opens with number {}", invoice.number));
    let pdf = download_pdf(&app, &launch).await?;
    steps.pass(&format!("its PDF is in Downloads: {}", pdf.display()));

    app.quit().await?;
    emulator.stop().await?;
    steps.finish()
}

/// Opens the wizard from the invoice list and chooses the client.
pub(crate) async fn open_wizard(app: &App, client_id: i64) -> Result<()> {
    app.click("nav-invoices").await?;
    app.click("new-invoice").await?;
    app.element("draft-client")
        .await
        .context("#new-invoice opens the drafting wizard")?;
    app.choose("draft-client", &client_id.to_string())
        .await
        .context("the client with unbilled time in #draft-client")
}

/// The wizard lists exactly the client's entries, and they are by two team members.
async fn check_entries(app: &App, ids: &BTreeSet<i64>) -> Result<()> {
    let want: BTreeSet<String> = ids.iter().map(i64::to_string).collect();
    let shown = app
        .eventually(
            "the client's entries in #draft-entries",
            Duration::from_secs(20),
            || async {
                let shown: BTreeSet<String> = app
                    .attrs("#draft-entries tr.draft-entry", "data-entry")
                    .await?
                    .into_iter()
                    .flatten()
                    .collect();
                Ok((shown == want).then_some(shown))
            },
        )
        .await;
    if let Err(err) = shown {
        let shot = app.screenshot("drafting-entries").await?;
        let rows = app
            .attrs("#draft-entries tr.draft-entry", "data-entry")
            .await
            .unwrap_or_default();
        bail!(
            "{err:#}: rows {rows:?}, expected {want:?}; see {}",
            shot.display()
        );
    }
    let members: BTreeSet<String> = app
        .contents("#draft-entries tr.draft-entry .draft-entry-member")
        .await?
        .into_iter()
        .collect();
    ensure!(
        members.len() >= 2,
        "the entries show {members:?} as who logged them: expected two team members"
    );
    Ok(())
}

/// Grouped by service, 15 minutes up, no minimum, HST on every line.
async fn configure(app: &App, tax_id: i64) -> Result<()> {
    app.choose("draft-grouping", "by_service").await?;
    app.choose("draft-rounding-increment", &QUARTER.to_string())
        .await?;
    app.choose("draft-rounding-mode", "up").await?;
    if app.has("draft-rounding-minimum").await? {
        app.set_value("draft-rounding-minimum", "0").await?;
    }
    app.choose("draft-tax-1", &tax_id.to_string()).await?;
    if app.has("draft-tax-2").await? {
        app.choose("draft-tax-2", "").await?;
    }
    Ok(())
}

/// The preview shows the hand-computed lines and totals (exact, from `data-amount`).
async fn check_preview(app: &App, expected: &Expected) -> Result<()> {
    let total = money(expected.total_cents());
    let shown = app
        .eventually(
            &format!("#draft-total[data-amount={total}] with 2 lines"),
            PREVIEW_WITHIN,
            || async {
                let lines = app
                    .contents("#draft-preview tr.draft-line .draft-line-name")
                    .await?;
                let shown = app.attrs("#draft-total", "data-amount").await?;
                let done = lines.len() == expected.lines.len()
                    && shown.first().cloned().flatten().as_deref().map(plain)
                        == Some(plain(&total));
                Ok(done.then_some(lines))
            },
        )
        .await;
    let names = match shown {
        Ok(names) => names,
        Err(err) => {
            let shot = app.screenshot("drafting-preview-wrong").await?;
            let html = app.describe("draft-preview").await;
            bail!("{err:#}: {html}; see {}", shot.display());
        }
    };
    let lines = preview_lines(app).await?;
    for (name, quarters, rate) in &expected.lines {
        let amount = money(Expected::amount_cents(*quarters, *rate));
        let (_, shown_hours, shown_amount) = lines
            .iter()
            .find(|(n, _, _)| n.contains(name))
            .with_context(|| format!("no preview line named {name:?} among {names:?}"))?;
        // The amount as the window formats it (English: "$300.00"; French: "300,00 $").
        let digits: String = shown_amount
            .chars()
            .filter(|c| c.is_ascii_digit())
            .collect();
        ensure!(
            digits == amount.replace('.', ""),
            "the preview line {name:?} shows {shown_amount:?}, expected {amount}"
        );
        ensure!(
            plain(&shown_hours.replace(',', ".")).contains(&hours(*quarters)),
            "the preview line {name:?} shows {shown_hours:?} hours, expected {}",
            hours(*quarters)
        );
    }
    let subtotal = app.attr_of("draft-subtotal", "data-amount").await?;
    ensure!(
        subtotal.as_deref().map(plain) == Some(plain(&money(expected.subtotal_cents()))),
        "#draft-subtotal[data-amount] is {subtotal:?}, expected {}",
        money(expected.subtotal_cents())
    );
    let taxes = app.attrs(".draft-tax-total", "data-amount").await?;
    ensure!(
        taxes.len() == 1
            && taxes[0].as_deref().map(plain) == Some(plain(&money(expected.tax_total_cents()))),
        ".draft-tax-total[data-amount] are {taxes:?}, expected one of {}",
        money(expected.tax_total_cents())
    );
    Ok(())
}

/// The preview's lines: (name, hours, amount) as shown.
async fn preview_lines(app: &App) -> Result<Vec<(String, String, String)>> {
    let mut out = Vec::new();
    for row in app
        .client
        .find_all(Locator::Css("#draft-preview tr.draft-line"))
        .await?
    {
        let mut cells = Vec::new();
        for class in [
            ".draft-line-name",
            ".draft-line-hours",
            ".draft-line-amount",
        ] {
            let cell = row.find(Locator::Css(class)).await?;
            cells.push(
                cell.prop("textContent")
                    .await?
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            );
        }
        let [name, hours, amount] = <[String; 3]>::try_from(cells)
            .map_err(|_| anyhow::anyhow!("a preview line without its three cells"))?;
        out.push((name, hours, amount));
    }
    Ok(out)
}

/// The preview in French for the README, then English again.
async fn french_preview(app: &App, client_id: i64, tax_id: i64, expected: &Expected) -> Result<()> {
    app.set_language("fr-CA").await?;
    open_wizard(app, client_id).await?;
    configure(app, tax_id).await?;
    check_preview(app, expected).await?;
    app.picture_of("draft-preview", "drafting-preview-fr", README_WINDOW)
        .await?;
    app.set_language("en").await?;
    open_wizard(app, client_id).await?;
    configure(app, tax_id).await?;
    check_preview(app, expected).await
}

/// Keeps a copy of every `save_draft` the window sends (its request and whether it was taken):
/// the bridge's own objects are frozen, so `fetch`, which carries each call to the shell over its
/// `ipc:` protocol, is watched instead (every other call goes through untouched).
async fn watch_saves(app: &App, steps: &mut Steps) -> Result<()> {
    const SCRIPT: &str = r#"
        if (window.__e2eSaves) return 'ok';
        const original = window.fetch.bind(window);
        window.__e2eSaves = [];
        const watched = function (input, init) {
            const url = typeof input === 'string' ? input : String((input && input.url) || input);
            if (!/\/save_draft(\?|$)/.test(url)) return original(input, init);
            const call = { body: init && typeof init.body === 'string' ? init.body : null,
                           ok: null, answer: null };
            window.__e2eSaves.push(call);
            return original(input, init).then(response => {
                call.ok = response.headers.get('Tauri-Response') === 'ok';
                response.clone().text().then(t => { call.answer = t; }, () => {});
                return response;
            });
        };
        try { window.fetch = watched; } catch (e) { return 'read-only: ' + e; }
        return window.fetch === watched ? 'ok' : 'read-only';
    "#;
    let answer = app.client.execute(SCRIPT, Vec::new()).await?;
    if answer.as_str() != Some("ok") {
        steps.problem(format!(
            "cannot watch the window's save_draft calls ({answer}): the repeat is not sent"
        ));
    }
    Ok(())
}

/// The `save_draft` calls the window made: `[{body, ok, answer}]`.
async fn saves_sent(app: &App) -> Result<Vec<Value>> {
    let calls = app
        .client
        .execute("return window.__e2eSaves || [];", Vec::new())
        .await?;
    Ok(calls.as_array().cloned().unwrap_or_default())
}

/// Sends the window's successful `save_draft` again, unchanged (a second window, a stale
/// preview), through the bridge; returns the refusal (an `ErrorPayload`).
async fn send_same_save_again(app: &App) -> Result<Value> {
    const SCRIPT: &str = r#"
        const done = arguments[arguments.length - 1];
        const call = (window.__e2eSaves || []).find(c => c.ok === true && c.body);
        if (!call) { done({ sent: false }); return; }
        window.__TAURI__.core.invoke('save_draft', JSON.parse(call.body)).then(
            answer => done({ sent: true, ok: true, answer }),
            error => done({ sent: true, ok: false, answer: error }));
    "#;
    let result = app.client.execute_async(SCRIPT, Vec::new()).await?;
    ensure!(
        result["sent"] == true,
        "no successful save_draft of the window to send again: {result}"
    );
    ensure!(
        result["ok"] == false,
        "the same save_draft sent a second time was accepted: {result}"
    );
    Ok(result["answer"].clone())
}

/// The wizard no longer offers the client's time: it is not among the clients with unbilled
/// time, or it has no entry left.
async fn check_nothing_left(app: &App, client_id: i64) -> Result<()> {
    app.click("nav-invoices").await?;
    app.click("new-invoice").await?;
    app.element("draft-client").await?;
    // The list of clients comes from the core a moment after the page.
    tokio::time::sleep(Duration::from_millis(800)).await;
    let offered = app
        .attrs("#draft-client option", "value")
        .await?
        .into_iter()
        .flatten()
        .any(|v| v == client_id.to_string());
    if !offered {
        return Ok(());
    }
    app.element("draft-client")
        .await?
        .select_by_value(&client_id.to_string())
        .await?;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let rows = app
        .attrs("#draft-entries tr.draft-entry", "data-entry")
        .await?;
    ensure!(
        rows.is_empty(),
        "after the draft was saved, the wizard still offers the client's entries {rows:?}"
    );
    Ok(())
}

/// The rows of `#invoice-list` now: (client, number or `None` when pending, the row).
pub(crate) async fn invoice_rows(
    app: &App,
) -> Result<Vec<(String, Option<String>, fantoccini::elements::Element)>> {
    let mut out = Vec::new();
    for row in app
        .client
        .find_all(Locator::Css("#invoice-list .invoice-row"))
        .await?
    {
        let client = row
            .find(Locator::Css(".invoice-client"))
            .await?
            .prop("textContent")
            .await?
            .unwrap_or_default()
            .trim()
            .to_owned();
        let number = match row.find_all(Locator::Css(".invoice-number")).await?.first() {
            Some(n) => Some(
                n.prop("textContent")
                    .await?
                    .unwrap_or_default()
                    .trim()
                    .to_owned(),
            ),
            None => None,
        };
        out.push((client, number, row));
    }
    Ok(out)
}

/// The invoice list, filtered to the client with `#invoice-client`.
pub(crate) async fn list_for_client(app: &App, client_id: i64) -> Result<()> {
    app.click("nav-invoices").await?;
    app.element("invoice-list").await?;
    app.choose("invoice-client", &client_id.to_string()).await
}

/// The invoice list shows the client's invoice once, pending (filtered by client); searching
/// the client's name finds it too.
async fn check_one_pending_in_list(app: &App, client_id: i64, steps: &mut Steps) -> Result<()> {
    list_for_client(app, client_id).await?;
    let found = app
        .eventually(
            "one row of the client's invoice in #invoice-list, pending",
            Duration::from_secs(20),
            || async {
                let rows = invoice_rows(app).await?;
                let mine = rows.iter().filter(|(c, _, _)| c == CLIENT).count();
                let pending = rows
                    .iter()
                    .filter(|(c, n, _)| c == CLIENT && n.is_none())
                    .count();
                Ok((mine == 1 && pending == 1).then_some(()))
            },
        )
        .await;
    if let Err(err) = found {
        let shot = app.screenshot("drafting-list").await?;
        let rows: Vec<(String, Option<String>)> = invoice_rows(app)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|(c, n, _)| (c, n))
            .collect();
        bail!("{err:#}: rows {rows:?}; see {}", shot.display());
    }
    // A person looks for it by the client's name.
    app.choose("invoice-client", "").await?;
    app.type_into("invoice-search", CLIENT).await?;
    let searched = app
        .eventually(
            "the pending invoice found by its client's name in #invoice-search",
            Duration::from_secs(10),
            || async {
                let rows = invoice_rows(app).await?;
                Ok(rows
                    .iter()
                    .any(|(c, n, _)| c == CLIENT && n.is_none())
                    .then_some(()))
            },
        )
        .await;
    if let Err(err) = searched {
        let shot = app.screenshot("drafting-search").await?;
        steps.problem(format!("{err:#}; see {}", shot.display()));
    }
    Ok(())
}

/// FreshBooks' invoice has the hand-computed lines, tax and total.
fn check_remote_invoice(invoice: &RemoteInvoice, expected: &Expected) -> Result<()> {
    ensure!(
        invoice.lines.len() == expected.lines.len(),
        "FreshBooks' invoice has {} lines, expected {}: {:?}",
        invoice.lines.len(),
        expected.lines.len(),
        invoice.lines
    );
    for (name, quarters, rate) in &expected.lines {
        let line = invoice
            .lines
            .iter()
            .find(|l| l.name.contains(name))
            .with_context(|| format!("no line {name:?} in FreshBooks: {:?}", invoice.lines))?;
        let amount = Expected::amount_cents(*quarters, *rate);
        ensure!(
            plain(&line.qty) == hours(*quarters)
                && plain(&line.unit_cost) == plain(&money(*rate))
                && plain(&line.amount) == plain(&money(amount)),
            "FreshBooks' line {line:?}: expected {} h × {} = {}",
            hours(*quarters),
            money(*rate),
            money(amount)
        );
        let tax = line.tax1.clone().map(|(n, p)| (n, plain(&p)));
        ensure!(
            tax == Some((TAX.0.to_owned(), TAX.1.to_owned())) && line.tax2.is_none(),
            "FreshBooks' line {name:?} has taxes {:?} and {:?}, expected {} {}%",
            line.tax1,
            line.tax2,
            TAX.0,
            TAX.1
        );
    }
    ensure!(
        plain(&invoice.amount) == plain(&money(expected.total_cents())),
        "FreshBooks' invoice totals {}, expected {} (subtotal {}, {} {})",
        invoice.amount,
        money(expected.total_cents()),
        money(expected.subtotal_cents()),
        TAX.0,
        money(expected.tax_total_cents())
    );
    ensure!(
        invoice.currency.is_empty() || invoice.currency == "CAD",
        "FreshBooks' invoice is in {}, expected CAD",
        invoice.currency
    );
    Ok(())
}

/// Opens the invoice from the list (filtered to the client) and checks it shows FreshBooks'
/// number.
async fn open_invoice(app: &App, client_id: i64, number: &str) -> Result<()> {
    app.eventually(
        "the invoice's page with its number",
        Duration::from_secs(30),
        || async {
            list_for_client(app, client_id).await?;
            tokio::time::sleep(Duration::from_millis(500)).await;
            for (_, shown, row) in invoice_rows(app).await? {
                if shown.as_deref() != Some(number) {
                    continue;
                }
                row.click().await?;
                let title = app.element("invoice-number").await?;
                let text = title.prop("textContent").await?.unwrap_or_default();
                let pending = app.has("invoice-pending").await?;
                return Ok((text.contains(number) && !pending).then_some(()));
            }
            Ok(None)
        },
    )
    .await?;
    let lines = app.contents("#invoice-lines tr.invoice-line").await?;
    ensure!(
        lines.len() == 2,
        "the invoice's page shows {} lines: {lines:?}",
        lines.len()
    );
    app.screenshot("drafting-invoice").await?;
    Ok(())
}

/// Downloads the open invoice's PDF; returns the file, which must be in the launch's Downloads
/// folder and be a PDF.
async fn download_pdf(app: &App, launch: &Launch) -> Result<std::path::PathBuf> {
    app.click("invoice-download-pdf").await?;
    let saved = app
        .eventually(
            "#invoice-pdf-saved after downloading the PDF",
            Duration::from_secs(30),
            || async {
                if app.has("invoice-error").await? {
                    let error = app.describe("invoice-error").await;
                    bail!("the download failed: {error}");
                }
                if !app.has("invoice-pdf-saved").await? {
                    return Ok(None);
                }
                Ok(Some(app.content_of("invoice-pdf-saved").await?))
            },
        )
        .await?;
    let files: Vec<std::path::PathBuf> = std::fs::read_dir(launch.downloads())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    let pdf = files
        .iter()
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| saved.contains(n))
        })
        .or_else(|| files.iter().find(|p| p.extension().is_some_and(|e| e == "pdf")))
        .cloned()
        .with_context(|| {
            format!(
                "#invoice-pdf-saved says {saved:?} but {} holds {files:?} (the data folder holds {:?})",
                launch.downloads().display(),
                std::fs::read_dir(launch.data_dir())
                    .map(|d| d.filter_map(|e| e.ok().map(|e| e.file_name())).collect::<Vec<_>>())
                    .unwrap_or_default()
            )
        })?;
    let bytes = std::fs::read(&pdf)?;
    ensure!(
        bytes.starts_with(b"%PDF"),
        "{} does not start with %PDF ({} bytes)",
        pdf.display(),
        bytes.len()
    );
    app.screenshot("drafting-pdf-saved").await?;
    Ok(pdf)
}
