//! Issue 11's "done means", end to end against the emulator's large seed (2,000 clients, 10,000
//! invoices, 20,000 time entries in the owner's business), the emulator a separate process that
//! is stopped and started again: find a client by a word of its name; create one offline and see
//! its pending badge; edit it; bring FreshBooks back and sync: it exists there once with the typed
//! fields and the badge goes; archive and restore it; start a timer, restart the app, stop it: one
//! time entry in FreshBooks; French and back, every visible string of the frame and the page
//! changes. After signing in (issue 10's flow, clicked), every step is done with keystrokes only:
//! the focused element gets them (WebDriver's send keys on the active element), Alt+1–6 open the
//! sections, Ctrl+K searches, Ctrl+N makes a client, Ctrl+R syncs, Tab moves the focus to a
//! control, then Enter presses it, typing fills it, or typing the start of an entry picks it in a
//! drop-down list; Tab also goes round the client list and the client form, reaching every
//! control on screen.
//!
//! The language switch runs first, right after the first sync, so the README's pictures (Home and
//! Clients in both languages) show the seed as FreshBooks has it.
//!
//! A keyboard step that fails is an app bug: it is recorded, done with the mouse so the rest of
//! the scenario still runs, and fails the test at the end with every problem found.

use std::time::{Duration, Instant};

use anyhow::{Context as _, Result, bail, ensure};
use fantoccini::Locator;
use fantoccini::key::Key;
use ledgerline_e2e::emulator::SeedBusiness;
use ledgerline_e2e::keyboard::{alt, ctrl};
use ledgerline_e2e::{App, Desktop, Emulator, Launch, sign_in};
use serde_json::Value;

/// The longest a sync may take to bring a change to FreshBooks (or back).
const SYNC_WITHIN: Duration = Duration::from_secs(40);
/// The first sync of the large seed (about 5 s on an idle machine; 2 shared cores here).
const FIRST_SYNC_WITHIN: Duration = Duration::from_secs(120);
/// At most this many Tab presses to go round the whole window.
const TAB_TOUR: usize = 80;
/// FreshBooks' `vis_state` of an active record.
const ACTIVE: i64 = 0;
/// FreshBooks' `vis_state` of an archived record (1 is deleted).
const ARCHIVED: i64 = 2;
/// Words spelled the same in both catalogs (a French string that equals the English one is
/// correct for these).
const SAME_IN_FRENCH: &[&str] = &["Client", "Clients", "Format", "Total"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everyday_screens_on_the_large_seed_offline_timer_french_and_keyboard() {
    if let Err(err) = scenario().await {
        panic!("{err:#}");
    }
}

/// What the test creates.
struct NewClient {
    organization: String,
    email: String,
    edited_email: String,
    currency: &'static str,
}

/// Problems found along the way that do not stop the scenario (keyboard, focus, translation).
#[derive(Default)]
struct Problems(Vec<String>);

impl Problems {
    fn add(&mut self, what: impl Into<String>) {
        let what = what.into();
        progress(&format!("PROBLEM: {what}"));
        self.0.push(what);
    }
}

/// Progress and timings on the test's output (shown by nextest on failure or with
/// `--no-capture`).
#[allow(clippy::print_stderr)]
fn progress(what: &str) {
    eprintln!("[everyday] {what}");
}

struct Clock(Instant);

impl Clock {
    fn lap(&self, what: &str) {
        progress(&format!(
            "{:>6.1} s  {what}",
            self.0.elapsed().as_secs_f64()
        ));
    }
}

async fn scenario() -> Result<()> {
    let clock = Clock(Instant::now());
    let mut problems = Problems::default();
    let desktop = Desktop::start().await?;
    let mut emulator = Emulator::start_large().await?;
    let seed = emulator.businesses().await?;
    let owner = seed
        .iter()
        .find(|b| b.role == "owner")
        .context("the emulator's user owns no business")?
        .clone();
    let (word, seeded) = client_to_find(&emulator, &owner).await?;
    clock.lap(&format!(
        "emulator up (large seed); will look for {seeded:?} by {word:?}"
    ));

    let data_dir = tempfile::tempdir()?;
    let launch = Launch::new(data_dir.path())?.against(&emulator);
    let app = App::start(&desktop, &launch).await?;
    sign_in::with_own_app(&app, &emulator).await?;
    sign_in::choose_business(&app, &owner).await?;
    wait_for_first_sync(&app).await?;
    clock.lap("signed in, owner's business chosen, first sync done");
    go_to(&app, "2", "nav-clients", "client-count", &mut problems).await?;
    let count = client_count(&app).await?;
    ensure!(
        count >= 1000,
        "#client-count says {count} clients after the first sync of the large seed"
    );
    app.screenshot("everyday-01-clients").await?;

    // 6. (first, so the README's pictures show the seed as FreshBooks has it) French and back:
    // every visible string of the frame and of the page changes.
    french_and_back(&app, &mut problems).await?;
    clock.lap("6. French and back");

    // 1. Find a client by a word of its name, by keyboard.
    go_to(&app, "1", "nav-home", "home-business-name", &mut problems).await?;
    if let Err(err) = find_by_keyboard(&app, &word, &seeded, &mut problems).await {
        problems.add(format!("finding by keyboard: {err:#}"));
        app.click("nav-clients").await?;
        app.type_into("client-search", &word).await?;
    }
    wait_for_row(&app, &seeded).await.context("step 1: find")?;
    app.screenshot("everyday-02-found").await?;
    clock.lap("1. found a seeded client by a word of its name");

    // 2. FreshBooks gone: create a client and edit it, by keyboard.
    let suffix = std::process::id() % 10_000;
    let new = NewClient {
        organization: format!("Harbourlight Bakery {suffix}"),
        email: format!("orders{suffix}@harbourlight.example.com"),
        edited_email: format!("hello{suffix}@harbourlight.example.com"),
        currency: "USD",
    };
    emulator.stop().await?;
    if let Err(err) = create_by_keyboard(&app, &new, &mut problems).await {
        problems.add(format!("creating by keyboard: {err:#}"));
        create_by_mouse(&app, &new).await?;
    }
    search_for(&app, &new.organization, &mut problems).await?;
    wait_for_badge(&app, &new.organization, true)
        .await
        .context("step 2: the pending badge of a client created offline")?;
    app.screenshot("everyday-03-created-offline").await?;
    clock.lap("2. created offline, pending badge shown");
    if let Err(err) = edit_by_keyboard(&app, &new, &mut problems).await {
        problems.add(format!("editing by keyboard: {err:#}"));
        edit_by_mouse(&app, &new).await?;
    }
    search_for(&app, &new.organization, &mut problems).await?;
    let row = wait_for_row(&app, &new.organization).await?;
    let email = app
        .content_at(&format!("#{row} .client-email"))
        .await
        .unwrap_or_default();
    ensure!(
        email.trim() == new.edited_email,
        "step 2: the row of the edited client shows the email {email:?}, expected {}",
        new.edited_email
    );
    wait_for_badge(&app, &new.organization, true).await?;
    clock.lap("2. edited offline");
    // The indicator knows FreshBooks cannot be reached by now (two changes failed to go).
    let offline = app
        .eventually(
            "#sync-status[data-online=false] while FreshBooks is stopped",
            Duration::from_secs(10),
            || async {
                let online = app.attr_of("sync-status", "data-online").await?;
                Ok((online.as_deref() == Some("false")).then_some(()))
            },
        )
        .await;
    if let Err(err) = offline {
        let shot = app.screenshot("everyday-03-not-offline").await?;
        let status = app.content_of("sync-status").await.unwrap_or_default();
        problems.add(format!(
            "{err:#}: #sync-status says {status:?}; see {}",
            shot.display()
        ));
    }

    // 3. FreshBooks back, sync: the client exists once there with the typed fields.
    emulator.resume().await?;
    // Ctrl+R asks for a sync; it must not reload the window (a mark in the page survives).
    app.client
        .execute("window.__e2eNotReloaded = true;", Vec::new())
        .await?;
    let remote = synced(&app, &emulator, "the new client in FreshBooks", || async {
        let found = remote_clients(&emulator, &owner, &new.organization).await?;
        Ok(match found.as_slice() {
            [one] if one["email"] == new.edited_email.as_str() => Some(one.clone()),
            _ => None,
        })
    })
    .await
    .context("step 3")?;
    let kept = app
        .client
        .execute("return window.__e2eNotReloaded === true;", Vec::new())
        .await?;
    if kept.as_bool() != Some(true) {
        problems.add("Ctrl+R reloaded the window instead of only syncing");
    }
    ensure!(
        remote["organization"] == new.organization.as_str()
            && remote["currency_code"] == new.currency,
        "step 3: FreshBooks holds {remote}, expected organization {:?}, email {:?}, currency {}",
        new.organization,
        new.edited_email,
        new.currency
    );
    let remote_id = remote["id"]
        .as_i64()
        .context("the client in FreshBooks has no id")?;
    search_for(&app, &new.organization, &mut problems).await?;
    wait_for_badge(&app, &new.organization, false)
        .await
        .context("step 3: the pending badge after the sync")?;
    app.screenshot("everyday-04-synced").await?;
    clock.lap("3. synced: once in FreshBooks, badge gone");

    // 4. Archive and restore it (by keyboard); FreshBooks follows.
    if let Err(err) = open_client_by_keyboard(&app, &new.organization, &mut problems).await {
        problems.add(format!("opening the client by keyboard: {err:#}"));
        open_client_by_mouse(&app, &new.organization)
            .await
            .context("step 4")?;
    }
    press_or_click(&app, "client-archive", &mut problems).await?;
    app.wait_attr("client-state", "data-state", "archived")
        .await?;
    // A client's vis_state read by its id.
    let vis = |want: i64| {
        let emulator = &emulator;
        let path = format!(
            "/accounting/account/{}/users/clients/{remote_id}",
            owner.account_id
        );
        move || {
            let path = path.clone();
            async move {
                let answer = emulator.api_get(&path).await?;
                let now = answer["response"]["result"]["client"]["vis_state"].as_i64();
                Ok((now == Some(want)).then_some(()))
            }
        }
    };
    synced(
        &app,
        &emulator,
        "vis_state 2 (archived) in FreshBooks",
        vis(ARCHIVED),
    )
    .await
    .context("step 4: archive")?;
    app.screenshot("everyday-05-archived").await?;
    press_or_click(&app, "client-restore", &mut problems).await?;
    app.wait_attr("client-state", "data-state", "active")
        .await?;
    synced(
        &app,
        &emulator,
        "vis_state 0 (active) in FreshBooks",
        vis(ACTIVE),
    )
    .await
    .context("step 4: restore")?;
    clock.lap("4. archived and restored, FreshBooks followed");

    // 5. A timer across a restart of the app, stopped into one time entry in FreshBooks.
    if let Err(err) = start_timer_by_keyboard(&app, &new.organization, &mut problems).await {
        problems.add(format!("starting the timer by keyboard: {err:#}"));
        start_timer_by_mouse(&app, &new.organization).await?;
    }
    let before = elapsed(&app).await?;
    let later = runs_past(&app, before)
        .await
        .context("step 5: #timer-elapsed does not run")?;
    app.screenshot("everyday-06-timer").await?;
    ensure!(
        app.quit().await?,
        "the app did not exit within 10 s of its window closing"
    );
    let app = App::start(&desktop, &launch).await?;
    app.element("business-switcher").await?;
    go_to(&app, "3", "nav-time", "timer", &mut problems).await?;
    let after_restart = elapsed(&app)
        .await
        .context("step 5: the timer after a restart")?;
    ensure!(
        after_restart >= later,
        "step 5: after the restart #timer-elapsed shows {after_restart} s, less than the {later} s before it"
    );
    let what = app.content_at("#timer .timer-what").await?;
    ensure!(
        what.trim() == new.organization,
        "step 5: the running timer names {what:?}, expected {}",
        new.organization
    );
    let running = runs_past(&app, after_restart)
        .await
        .context("step 5: the timer does not run after the restart")?;
    press_or_click(&app, "timer-stop", &mut problems).await?;
    app.element("timer-start")
        .await
        .context("step 5: the timer stopped")?;
    let entries = synced(
        &app,
        &emulator,
        "one time entry for the new client",
        || async {
            let entries = remote_entries(&emulator, &owner, remote_id).await?;
            Ok((!entries.is_empty()).then_some(entries))
        },
    )
    .await
    .context("step 5")?;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let entries_now = remote_entries(&emulator, &owner, remote_id).await?;
    ensure!(
        entries.len() == 1 && entries_now.len() == 1,
        "step 5: FreshBooks holds {} time entries for the new client (then {}), expected exactly one: {entries_now:?}",
        entries.len(),
        entries_now.len()
    );
    let seconds = entries_now[0]["duration"].as_i64().unwrap_or_default();
    ensure!(
        seconds >= running,
        "step 5: the time entry lasts {seconds} s, less than the {running} s the timer showed"
    );
    app.screenshot("everyday-07-timer-stopped").await?;
    clock.lap("5. timer survived a restart; one time entry in FreshBooks");

    // The new client is still there exactly once.
    let found = remote_clients(&emulator, &owner, &new.organization).await?;
    ensure!(
        found.len() == 1,
        "{} clients named {} in FreshBooks at the end",
        found.len(),
        new.organization
    );
    app.quit().await?;
    emulator.stop().await?;
    clock.lap("done");
    if !problems.0.is_empty() {
        bail!(
            "{} problem(s):\n- {}",
            problems.0.len(),
            problems.0.join("\n- ")
        );
    }
    Ok(())
}

/// A seeded active client of `business` and a word of its name that finds it: the first word of
/// the organization of the first client FreshBooks lists, and of all the active clients whose
/// organization holds that word, the first by name (the app's list is sorted by name, so it is
/// in view at the top of the results).
async fn client_to_find(emulator: &Emulator, business: &SeedBusiness) -> Result<(String, String)> {
    let base = format!("/accounting/account/{}/users/clients", business.account_id);
    let first = emulator.api_get(&format!("{base}?per_page=25")).await?;
    let word = clients_of(&first)
        .iter()
        .filter_map(|c| c["organization"].as_str())
        .filter_map(|o| o.split_whitespace().next())
        .find(|w| w.len() >= 4)
        .context("no seeded client with an organization")?
        .to_owned();
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("search[organization_like]", &word)
        .append_pair("per_page", "100")
        .finish();
    let matches = emulator.api_get(&format!("{base}?{query}")).await?;
    let mut names: Vec<String> = clients_of(&matches)
        .iter()
        .filter(|c| c["vis_state"].as_i64() == Some(0))
        .filter_map(|c| c["organization"].as_str())
        .map(str::to_owned)
        .collect();
    names.sort_by_key(|n| n.to_lowercase());
    let name = names
        .into_iter()
        .next()
        .context("no active client holds the word")?;
    Ok((word, name))
}

/// The clients of an accounting list answer.
fn clients_of(answer: &Value) -> Vec<Value> {
    answer["response"]["result"]["clients"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

/// The clients FreshBooks holds with exactly this organization (active or archived).
async fn remote_clients(
    emulator: &Emulator,
    business: &SeedBusiness,
    organization: &str,
) -> Result<Vec<Value>> {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("search[organization_like]", organization)
        .finish();
    let answer = emulator
        .api_get(&format!(
            "/accounting/account/{}/users/clients?{query}",
            business.account_id
        ))
        .await?;
    Ok(clients_of(&answer)
        .into_iter()
        .filter(|c| c["organization"] == organization)
        .collect())
}

/// The time entries FreshBooks holds for a client (everyone's, logged or not).
async fn remote_entries(
    emulator: &Emulator,
    business: &SeedBusiness,
    client_id: i64,
) -> Result<Vec<Value>> {
    let answer = emulator
        .api_get(&format!(
            "/timetracking/business/{}/time_entries?client_id={client_id}&team=true&include_unlogged=true",
            business.business_id
        ))
        .await?;
    Ok(answer["time_entries"]
        .as_array()
        .cloned()
        .unwrap_or_default())
}

/// Waits until the sync indicator shows a finished sync (no progress, "Synced …").
async fn wait_for_first_sync(app: &App) -> Result<()> {
    app.eventually("the first sync to finish", FIRST_SYNC_WITHIN, || async {
        if app.has("sync-progress").await? {
            return Ok(None);
        }
        let last = app.content_at("#sync-status .sync-last").await?;
        Ok((!last.trim().is_empty() && !last.contains("Not synced")).then_some(()))
    })
    .await
}

/// Waits until `check` answers, asking for a sync (Ctrl+R) whenever none runs (every 5 s at
/// most).
async fn synced<T, F, Fut>(app: &App, emulator: &Emulator, what: &str, mut check: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<Option<T>>>,
{
    let deadline = Instant::now() + SYNC_WITHIN;
    let mut next_press = Instant::now();
    loop {
        if Instant::now() >= next_press {
            // Ctrl+R: "Sync now" from the keyboard, when no sync runs.
            if app.element("sync-now").await?.is_enabled().await? {
                app.press(&ctrl("r")).await?;
            }
            next_press = Instant::now() + Duration::from_secs(5);
        }
        let last = match check().await {
            Ok(Some(value)) => return Ok(value),
            Ok(None) => "not yet".to_owned(),
            Err(err) => format!("{err:#}"),
        };
        if Instant::now() >= deadline {
            let shot = app.screenshot("everyday-sync-timeout").await?;
            let status = app.content_of("sync-status").await.unwrap_or_default();
            bail!(
                "{what}: not within {SYNC_WITHIN:?} of syncing ({last}); #sync-status says {status:?}; the writes FreshBooks got: {}; see {}",
                writes_seen(emulator).await,
                shot.display()
            );
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

/// The writes the emulator has answered (its request counters, other than GETs), for failure
/// messages.
async fn writes_seen(emulator: &Emulator) -> String {
    let url = format!("{}/_emulator/counts", emulator.url());
    match ledgerline_e2e::http::get(&url).await {
        Ok(answer) => match serde_json::from_str::<serde_json::Map<String, Value>>(&answer.body) {
            Ok(counts) => counts
                .iter()
                .filter(|(endpoint, _)| !endpoint.starts_with("GET "))
                .map(|(endpoint, n)| format!("{endpoint} × {n}"))
                .collect::<Vec<_>>()
                .join(", "),
            Err(err) => format!("unreadable counts ({err})"),
        },
        Err(err) => format!("no counts ({err:#})"),
    }
}

/// The number `#client-count` says, once it has one.
async fn client_count(app: &App) -> Result<u64> {
    app.eventually("#client-count", Duration::from_secs(20), || async {
        let text = app.content_of("client-count").await?;
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        Ok(digits.parse().ok())
    })
    .await
}

/// Waits for a row of `#client-list` named `name`; returns its element id.
async fn wait_for_row(app: &App, name: &str) -> Result<String> {
    wait_for_row_with(app, name, None).await
}

/// Waits for a row of `#client-list` named `name` that shows the pending badge (or does not);
/// returns its element id (which changes when FreshBooks gives the client its id).
async fn wait_for_badge(app: &App, name: &str, pending: bool) -> Result<String> {
    wait_for_row_with(app, name, Some(pending)).await
}

async fn wait_for_row_with(app: &App, name: &str, pending: Option<bool>) -> Result<String> {
    let what = match pending {
        None => format!("a row named {name:?} in #client-list"),
        Some(true) => format!("a row named {name:?} with .badge-pending"),
        Some(false) => format!("a row named {name:?} without .badge-pending"),
    };
    let within = if pending.is_some() {
        SYNC_WITHIN
    } else {
        Duration::from_secs(20)
    };
    app.eventually(&what, within, || async {
        for row in app
            .client
            .find_all(Locator::Css("#client-list .vl-row"))
            .await?
        {
            let shown = row
                .find(Locator::Css(".client-name"))
                .await?
                .prop("textContent")
                .await?
                .unwrap_or_default();
            if shown.trim() != name {
                continue;
            }
            let badge = !row
                .find_all(Locator::Css(".badge-pending"))
                .await?
                .is_empty();
            if pending.is_none_or(|want| want == badge) {
                return Ok(row.attr("id").await?);
            }
        }
        Ok(None)
    })
    .await
}

/// Types words into the client search (Ctrl+K puts the focus there).
async fn search_for(app: &App, words: &str, problems: &mut Problems) -> Result<()> {
    app.press(&ctrl("k")).await?;
    let focus = app
        .eventually(
            "the focus in #client-search after Ctrl+K",
            Duration::from_secs(5),
            || async { Ok((app.focused_id().await? == "client-search").then_some(())) },
        )
        .await;
    match focus {
        Ok(()) => {
            app.press(&format!("{}{words}", select_all())).await?;
            Ok(())
        }
        Err(err) => {
            problems.add(format!("Ctrl+K: {err:#}"));
            app.click("nav-clients").await?;
            app.type_into("client-search", words).await
        }
    }
}

/// Ctrl+A: selects what a field holds, so typing replaces it.
fn select_all() -> String {
    ctrl("a")
}

/// Step 1 by keyboard: Ctrl+K, then the word.
async fn find_by_keyboard(
    app: &App,
    word: &str,
    name: &str,
    problems: &mut Problems,
) -> Result<()> {
    app.press(&ctrl("k")).await?;
    app.eventually(
        "the focus in #client-search after Ctrl+K",
        Duration::from_secs(10),
        || async { Ok((app.focused_id().await? == "client-search").then_some(())) },
    )
    .await?;
    check_focus_visible(app, "client-search", problems).await?;
    app.press(word).await?;
    wait_for_row(app, name).await?;
    tab_tour(app, "the client list", "client-search", problems).await
}

/// Tabs through the whole window from `from` (which has the focus) and back: every control on
/// screen must take the focus on the way.
async fn tab_tour(app: &App, page: &str, from: &str, problems: &mut Problems) -> Result<()> {
    let tour = app.tab_tour(TAB_TOUR).await?;
    progress(&format!(
        "Tab round {page}: {} stops: {}",
        tour.reached.len(),
        tour.reached.join(" → ")
    ));
    let missed = tour.missed;
    if tour.reached.len() < 5 {
        problems.add(format!("on {page}, Tab went only {:?}", tour.reached));
    }
    if !missed.is_empty() {
        let shot = app.screenshot(&format!("everyday-tab-{from}")).await?;
        problems.add(format!(
            "on {page}, Tab never reaches {}; see {}",
            missed.join(", "),
            shot.display()
        ));
    }
    app.tab_to(from).await?;
    Ok(())
}

/// Moves the focus to `id` with Tab and types `text` over what it holds.
async fn fill(app: &App, id: &str, text: &str, problems: &mut Problems) -> Result<()> {
    app.tab_to(id).await?;
    check_focus_visible(app, id, problems).await?;
    app.press(&format!("{}{text}", select_all())).await
}

/// Records a problem when the focused control does not show its focus.
async fn check_focus_visible(app: &App, id: &str, problems: &mut Problems) -> Result<()> {
    if !app.focus_is_visible().await? {
        problems.add(format!(
            "#{id} has the keyboard focus but does not match :focus-visible"
        ));
    }
    Ok(())
}

/// Step 2 by keyboard: Ctrl+N, Tab to each field, type, Tab to Save, Enter.
async fn create_by_keyboard(app: &App, new: &NewClient, problems: &mut Problems) -> Result<()> {
    app.press(&ctrl("n")).await?;
    app.element("client-organization")
        .await
        .context("Ctrl+N opens the new client's form")?;
    fill(app, "client-organization", &new.organization, problems).await?;
    tab_tour(
        app,
        "the new client's form",
        "client-organization",
        problems,
    )
    .await?;
    fill(app, "client-email", &new.email, problems).await?;
    fill(app, "client-currency", new.currency, problems).await?;
    app.tab_to("client-save").await?;
    check_focus_visible(app, "client-save", problems).await?;
    app.press(&Key::Enter).await?;
    app.element("client-search")
        .await
        .context("saving the new client returns to the list")?;
    Ok(())
}

async fn create_by_mouse(app: &App, new: &NewClient) -> Result<()> {
    app.click("nav-clients").await?;
    app.click("new-client").await?;
    app.type_into("client-organization", &new.organization)
        .await?;
    app.type_into("client-email", &new.email).await?;
    app.type_into("client-currency", new.currency).await?;
    app.click("client-save").await?;
    app.element("client-search").await?;
    Ok(())
}

/// Step 2's edit by keyboard: Tab to the list, Down, Enter opens the (only) row; Tab to the
/// email, type, Tab to Save, Enter.
async fn edit_by_keyboard(app: &App, new: &NewClient, problems: &mut Problems) -> Result<()> {
    app.tab_to("client-list").await?;
    check_focus_visible(app, "client-list", problems).await?;
    app.press(&Key::Down).await?;
    app.press(&Key::Enter).await?;
    app.eventually(
        "the client's form after Enter on its row",
        Duration::from_secs(20),
        || async {
            let found = app.client.find_all(Locator::Id("client-email")).await?;
            let Some(field) = found.first() else {
                return Ok(None);
            };
            let value = field.prop("value").await?.unwrap_or_default();
            Ok((value == new.email).then_some(()))
        },
    )
    .await?;
    fill(app, "client-email", &new.edited_email, problems).await?;
    app.tab_to("client-save").await?;
    app.press(&Key::Enter).await?;
    app.element("client-search")
        .await
        .context("saving the edit returns to the list")?;
    Ok(())
}

async fn edit_by_mouse(app: &App, new: &NewClient) -> Result<()> {
    let row = wait_for_row(app, &new.organization).await?;
    app.click(&row).await?;
    app.type_into("client-email", &new.edited_email).await?;
    app.click("client-save").await?;
    app.element("client-search").await?;
    Ok(())
}

/// The running timer's seconds once `#timer-elapsed` shows more than `seen`. The page redraws
/// it once a second, at whatever phase its interval has, from a start time whole to the second,
/// and a busy machine delays the redraw: a reading 1.5 s after another could still show the
/// same second (it read 0 s twice once), so this waits for the change itself, generously.
async fn runs_past(app: &App, seen: i64) -> Result<i64> {
    app.eventually(
        &format!("#timer-elapsed past {seen} s"),
        Duration::from_secs(15),
        || async { Ok(Some(elapsed(app).await?).filter(|&now| now > seen)) },
    )
    .await
}

/// The running timer's `h:mm:ss` in seconds.
async fn elapsed(app: &App) -> Result<i64> {
    let text = app.content_of("timer-elapsed").await?;
    let mut seconds = 0_i64;
    for part in text.trim().split(':') {
        let n: i64 = part
            .trim()
            .parse()
            .with_context(|| format!("#timer-elapsed shows {text:?}, not h:mm:ss"))?;
        seconds = seconds * 60 + n;
    }
    Ok(seconds)
}

/// The visible strings of the frame and the page: sidebar entries, the top bar's buttons, the
/// sync indicator's words, and the page's headings, buttons, labels, legends and placeholders,
/// each keyed by its id (or its tag and class, numbered), in document order. Data rather than
/// words of the app (the business name, the aging table's client names) and texts without
/// letters are left out.
async fn visible_strings(app: &App) -> Result<Vec<(String, String)>> {
    const SCRIPT: &str = r#"
        const selector = '.sidebar a, .topbar button, .sync-last, #content h1, #content h2,'
            + ' #content h3, #content button, #content label, #content legend, #content th,'
            + ' #content [placeholder]';
        const out = [];
        const seen = new Map();
        for (const el of document.querySelectorAll(selector)) {
            if (el.closest('#business-switcher') || el.matches('th[scope=row]')) continue;
            if (!el.getClientRects().length) continue;
            const text = (el.hasAttribute('placeholder') ? el.getAttribute('placeholder')
                : (el.innerText || el.textContent || '')).trim();
            if (!/\p{L}/u.test(text)) continue;
            const base = el.id ? '#' + el.id
                : el.tagName.toLowerCase() + (el.classList.length ? '.' + el.classList[0] : '');
            const n = (seen.get(base) || 0) + 1;
            seen.set(base, n);
            out.push([n > 1 ? base + ':' + n : base, text]);
        }
        return out;
    "#;
    let answer = app.client.execute(SCRIPT, Vec::new()).await?;
    let list = answer
        .as_array()
        .context("the page's strings are not a list")?;
    Ok(list
        .iter()
        .filter_map(|pair| {
            Some((
                pair.get(0)?.as_str()?.to_owned(),
                pair.get(1)?.as_str()?.to_owned(),
            ))
        })
        .collect())
}

/// Compares a page's strings in English and in French: each must differ (but for words spelled
/// the same in both), and the same elements must show.
fn compare(page: &str, en: &[(String, String)], fr: &[(String, String)], problems: &mut Problems) {
    progress(&format!(
        "{page}: {} strings in English, {} in French",
        en.len(),
        fr.len()
    ));
    if en.len() < 8 {
        problems.add(format!(
            "{page}: only {} visible strings found: {en:?}",
            en.len()
        ));
    }
    for (key, english) in en {
        match fr.iter().find(|(k, _)| k == key) {
            None => problems.add(format!(
                "{page}: {key} ({english:?}) shows in English but not in French"
            )),
            Some((_, french))
                if french == english && !SAME_IN_FRENCH.contains(&english.as_str()) =>
            {
                problems.add(format!(
                    "{page}: {key} reads {english:?} in French as in English"
                ));
            }
            Some(_) => {}
        }
    }
    for (key, french) in fr {
        if !en.iter().any(|(k, _)| k == key) {
            problems.add(format!(
                "{page}: {key} ({french:?}) shows in French but not in English"
            ));
        }
    }
}

/// Opens a section (Alt+`digit`) and waits for its heading and what shows last on it.
async fn open_section(
    app: &App,
    digit: &str,
    nav: &str,
    ready: &str,
    problems: &mut Problems,
) -> Result<()> {
    go_to(app, digit, nav, ready, problems).await?;
    // Lists and figures come from the core a moment after the heading.
    tokio::time::sleep(Duration::from_millis(400)).await;
    Ok(())
}

/// Goes to a section with Alt+`digit` and waits for `ready` there; clicks the sidebar's `nav`
/// (and records the problem) when the shortcut does not get there.
async fn go_to(
    app: &App,
    digit: &str,
    nav: &str,
    ready: &str,
    problems: &mut Problems,
) -> Result<()> {
    app.press(&alt(digit)).await?;
    let arrived = app
        .eventually(
            &format!("#{ready} after Alt+{digit}"),
            Duration::from_secs(10),
            || async { Ok(app.has(ready).await?.then_some(())) },
        )
        .await;
    if let Err(err) = arrived {
        problems.add(format!("Alt+{digit}: {err:#}"));
        app.click(nav).await?;
    }
    app.element(ready).await?;
    Ok(())
}

/// Presses a button with the keyboard: Tab until it has the focus, then Enter. Clicks it (and
/// records the problem) when Tab never gets there.
async fn press_or_click(app: &App, id: &str, problems: &mut Problems) -> Result<()> {
    match app.tab_to(id).await {
        Ok(_) => {
            check_focus_visible(app, id, problems).await?;
            app.press(&Key::Enter).await
        }
        Err(err) => {
            problems.add(format!("pressing #{id} by keyboard: {err:#}"));
            app.click(id).await
        }
    }
}

/// Chooses an entry of a drop-down list by keyboard: Tab to it, then type the start of the
/// entry's words (the list picks the first entry they begin). Checks the choice took.
async fn choose_by_typing(app: &App, id: &str, typed: &str, want: &str) -> Result<()> {
    app.tab_to(id).await?;
    app.press(typed).await?;
    let script = format!(
        "const el = document.getElementById('{id}'); \
         return el && el.selectedOptions.length ? el.selectedOptions[0].textContent.trim() : '';"
    );
    let chosen = app.client.execute(&script, Vec::new()).await?;
    ensure!(
        chosen.as_str() == Some(want),
        "typing {typed:?} in #{id} chose {chosen}, not {want:?}"
    );
    Ok(())
}

/// Opens a client's page by keyboard: Ctrl+K, its name, Tab to the list, Down, Enter.
async fn open_client_by_keyboard(app: &App, name: &str, problems: &mut Problems) -> Result<()> {
    search_for(app, name, problems).await?;
    wait_for_row(app, name).await?;
    app.tab_to("client-list").await?;
    app.press(&Key::Down).await?;
    app.press(&Key::Enter).await?;
    app.eventually(
        "the client's page after Enter on its row",
        Duration::from_secs(20),
        || async { Ok(app.has("client-state").await?.then_some(())) },
    )
    .await?;
    Ok(())
}

async fn open_client_by_mouse(app: &App, name: &str) -> Result<()> {
    app.eventually(
        "the client's page from its row",
        Duration::from_secs(20),
        || async {
            let row = wait_for_row(app, name).await?;
            // The row may be drawn again (with FreshBooks' id) between finding and clicking.
            let _ = app.click(&row).await;
            Ok(app.has("client-state").await?.then_some(()))
        },
    )
    .await
}

/// Starts the timer for a client by keyboard: Alt+3, Tab to the client, type its name, Tab to
/// Start, Enter.
async fn start_timer_by_keyboard(app: &App, name: &str, problems: &mut Problems) -> Result<()> {
    go_to(app, "3", "nav-time", "timer-client", problems).await?;
    // The pickers come from the core a moment after the page.
    app.eventually(
        "the client among the timer's clients",
        Duration::from_secs(20),
        || async {
            let options = app
                .client
                .find_all(Locator::Css("#timer-client option"))
                .await?;
            Ok((options.len() > 1).then_some(()))
        },
    )
    .await?;
    choose_by_typing(app, "timer-client", name, name).await?;
    press_or_click(app, "timer-start", problems).await?;
    app.element("timer-elapsed").await?;
    Ok(())
}

async fn start_timer_by_mouse(app: &App, name: &str) -> Result<()> {
    app.click("nav-time").await?;
    let picker = app.element("timer-client").await?;
    app.eventually(
        "the new client among the timer's clients",
        Duration::from_secs(20),
        || async { Ok(picker.clone().select_by_label(name).await.ok()) },
    )
    .await?;
    app.click("timer-start").await?;
    app.element("timer-elapsed").await?;
    Ok(())
}

/// Chooses a language in Settings (open) by keyboard, or with the mouse when that fails.
async fn choose_language(
    app: &App,
    value: &str,
    typed: &str,
    label: &str,
    problems: &mut Problems,
) -> Result<()> {
    if let Err(err) = choose_by_typing(app, "settings-language", typed, label).await {
        problems.add(format!("choosing {label} by keyboard: {err:#}"));
        app.element("settings-language")
            .await?
            .select_by_value(value)
            .await?;
    }
    Ok(())
}

/// Step 6: the strings of Home, Clients and Settings in English, then French is chosen in
/// Settings, then the same pages again; then English again.
async fn french_and_back(app: &App, problems: &mut Problems) -> Result<()> {
    let pages = [
        ("Home", "1", "nav-home", "home-unbilled", "home"),
        ("Clients", "2", "nav-clients", "client-list", "clients"),
        (
            "Settings",
            "6",
            "nav-settings",
            "settings-language",
            "settings",
        ),
    ];
    let mut english = Vec::new();
    for (_, digit, nav, ready, shot) in pages {
        open_section(app, digit, nav, ready, problems).await?;
        english.push(visible_strings(app).await?);
        app.screenshot(&format!("everyday-{shot}-en")).await?;
    }
    // Settings is open: choose French.
    let nav_home = app.text_of("nav-home").await?;
    choose_language(app, "fr-CA", "Fr", "Français (Canada)", problems).await?;
    app.eventually("the frame in French", Duration::from_secs(10), || async {
        Ok((app.text_of("nav-home").await? != nav_home).then_some(()))
    })
    .await?;
    let lang = app
        .client
        .execute("return document.documentElement.lang;", Vec::new())
        .await?;
    if lang.as_str() != Some("fr-CA") {
        problems.add(format!("<html lang> is {lang} in French, expected fr-CA"));
    }
    let settings_fr = visible_strings(app).await?;
    compare("Settings", &english[2], &settings_fr, problems);
    for (i, (page, digit, nav, ready, shot)) in pages.into_iter().enumerate().take(2).rev() {
        open_section(app, digit, nav, ready, problems).await?;
        let french = visible_strings(app).await?;
        compare(page, &english[i], &french, problems);
        app.screenshot(&format!("everyday-{shot}-fr")).await?;
    }
    // Back to English.
    open_section(app, "6", "nav-settings", "settings-language", problems).await?;
    choose_language(app, "en", "Eng", "English", problems).await?;
    app.eventually(
        "the frame in English again",
        Duration::from_secs(10),
        || async { Ok((app.text_of("nav-home").await? == nav_home).then_some(())) },
    )
    .await?;
    let again = visible_strings(app).await?;
    for (key, text) in &english[2] {
        if key.starts_with("#nav-") || key == "#page-title" {
            let now = again.iter().find(|(k, _)| k == key).map(|(_, t)| t);
            if now != Some(text) {
                problems.add(format!(
                    "back in English, {key} reads {now:?}, expected {text:?}"
                ));
            }
        }
    }
    Ok(())
}
