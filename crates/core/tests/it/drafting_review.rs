//! Drafting, from the review of issue 12: a flat fee billed once across drafts, unticked entries
//! that stay unticked once FreshBooks numbers them, running timers left out, remembered choices
//! that follow a client FreshBooks numbers, and requests the core refuses.

use chrono::{NaiveDate, TimeZone, Utc};
use ledgerline_core::{Entity, Scope};
use ledgerline_model::draft::{DraftRequest, DraftWarning, RateSource};
use ledgerline_model::entity::{NewTimeEntry, UserBusiness};
use ledgerline_model::ids::{ClientId, ProjectId, TimeEntryId};
use ledgerline_model::ipc::{DraftingSetupArgs, SaveDraftArgs};
use ledgerline_model::money::CurrencyCode;
use ledgerline_model::views::TimeFilter;
use rust_decimal::Decimal;

use crate::Harness;

/// A flat-fee project with a client and some of its fee left to bill: (project, client, fee left).
async fn flat_fee_project(h: &Harness, b: &UserBusiness) -> (ProjectId, ClientId, Decimal) {
    let (book, _) = h.core.rate_book(b.business_id).await.unwrap();
    let projects = h
        .core
        .export(b.business_id, Entity::Projects)
        .await
        .unwrap();
    projects
        .iter()
        .find_map(|p| {
            let id = ProjectId(p["id"].as_i64()?);
            let client = ClientId(p["client_id"].as_i64()?);
            let left = book.projects.get(&id)?.fixed_price?;
            (left > Decimal::ZERO).then_some((id, client, left))
        })
        .expect("a seeded flat-fee project with a client")
}

/// Logs an hour on `project` for `client` on `day` (long before the seeded time); its local id.
async fn log_hour(
    h: &Harness,
    b: &UserBusiness,
    client: ClientId,
    project: Option<ProjectId>,
    day: NaiveDate,
) -> i64 {
    h.core
        .create_time_entry(
            b.business_id,
            NewTimeEntry {
                started_at: Utc.from_utc_datetime(&day.and_hms_opt(9, 0, 0).unwrap()),
                duration_seconds: 3600,
                note: Some("review".into()),
                client_id: Some(client),
                project_id: project,
                service_id: None,
                task_id: None,
                identity_id: None,
                billable: true,
                internal: false,
            },
        )
        .await
        .unwrap()
}

/// A request for one month of 2019 of a client's time, in its currency.
async fn month_request(
    h: &Harness,
    b: &UserBusiness,
    client: ClientId,
    month: u32,
) -> DraftRequest {
    let setup = h
        .core
        .drafting_setup(
            b.business_id,
            DraftingSetupArgs {
                client: Some(client),
                ..DraftingSetupArgs::default()
            },
        )
        .await
        .unwrap();
    let mut request = crate::drafting::request(client);
    request.currency = setup.client.expect("the client has unbilled time").currency;
    request.from = NaiveDate::from_ymd_opt(2019, month, 1);
    request.to = NaiveDate::from_ymd_opt(2019, month, 28);
    request
}

fn save_args(draft: &ledgerline_model::draft::Draft, request: &DraftRequest) -> SaveDraftArgs {
    SaveDraftArgs {
        request: request.clone(),
        expected_entries: draft.entries(),
        expected_total: draft.total.clone(),
    }
}

fn flat_amount(draft: &ledgerline_model::draft::Draft, project: ProjectId) -> Decimal {
    draft
        .lines
        .iter()
        .filter(|l| l.rate_source == RateSource::FlatFee(project))
        .map(|l| l.amount.amount)
        .sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flat_fee_is_billed_once_across_drafts_until_one_is_undone() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let (project, client, left) = flat_fee_project(&h, &b).await;
    log_hour(
        &h,
        &b,
        client,
        Some(project),
        NaiveDate::from_ymd_opt(2019, 1, 10).unwrap(),
    )
    .await;
    log_hour(
        &h,
        &b,
        client,
        Some(project),
        NaiveDate::from_ymd_opt(2019, 2, 10).unwrap(),
    )
    .await;
    let january = month_request(&h, &b, client, 1).await;
    let february = month_request(&h, &b, client, 2).await;

    let first = h.core.preview_draft(b.business_id, &january).await.unwrap();
    assert_eq!(flat_amount(&first, project), left);
    let saved = h
        .core
        .save_draft(b.business_id, save_args(&first, &january))
        .await
        .unwrap();

    // January's draft billed the fee: February's bills nothing more, and says so.
    let second = h
        .core
        .preview_draft(b.business_id, &february)
        .await
        .unwrap();
    assert_eq!(flat_amount(&second, project), Decimal::ZERO, "{second:#?}");
    assert!(
        second
            .warnings
            .iter()
            .any(|w| matches!(w, DraftWarning::ZeroRate { .. })),
        "{:?}",
        second.warnings
    );

    // Undoing January's draft gives the fee back to February's.
    h.core
        .undo(b.business_id, saved.seq.unwrap())
        .await
        .unwrap();
    let again = h
        .core
        .preview_draft(b.business_id, &february)
        .await
        .unwrap();
    assert_eq!(flat_amount(&again, project), left);
}

/// Some client with unbilled time, and its currency.
async fn some_client(h: &Harness, b: &UserBusiness) -> ClientId {
    let setup = h
        .core
        .drafting_setup(b.business_id, DraftingSetupArgs::default())
        .await
        .unwrap();
    setup
        .clients
        .first()
        .expect("a client with unbilled time")
        .id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unticked_entry_stays_out_once_freshbooks_numbers_it() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let client = some_client(&h, &b).await;
    let unticked = log_hour(
        &h,
        &b,
        client,
        None,
        NaiveDate::from_ymd_opt(2019, 3, 5).unwrap(),
    )
    .await;
    log_hour(
        &h,
        &b,
        client,
        None,
        NaiveDate::from_ymd_opt(2019, 3, 6).unwrap(),
    )
    .await;
    assert!(unticked < 0, "an entry made here has a local id");
    let mut request = month_request(&h, &b, client, 3).await;
    request.exclude = vec![TimeEntryId(unticked)];
    let before = h.core.preview_draft(b.business_id, &request).await.unwrap();
    assert_eq!(before.entries().len(), 1);
    assert!(!before.entries().contains(&TimeEntryId(unticked)));

    // FreshBooks numbers both entries; the wizard still holds the local id.
    h.core.sync(Scope::Current, false).await.unwrap();
    let numbered = h
        .core
        .remote_id_of(b.business_id, Entity::TimeEntries, unticked)
        .await
        .unwrap()
        .expect("the entry was sent");
    let after = h.core.preview_draft(b.business_id, &request).await.unwrap();
    assert_eq!(after.entries().len(), 1, "{:?}", after.entries());
    assert!(!after.entries().contains(&TimeEntryId(numbered)));
    let saved = h
        .core
        .save_draft(b.business_id, save_args(&after, &request))
        .await
        .unwrap();
    assert_eq!(saved.entries, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn time_with_a_running_timer_is_not_offered_for_drafting() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let setup = h
        .core
        .drafting_setup(b.business_id, DraftingSetupArgs::default())
        .await
        .unwrap();
    let client = setup
        .clients
        .iter()
        .find(|c| c.entries >= 2)
        .expect("a client with two unbilled entries")
        .clone();
    let of_client = h
        .core
        .drafting_setup(
            b.business_id,
            DraftingSetupArgs {
                client: Some(client.id),
                ..DraftingSetupArgs::default()
            },
        )
        .await
        .unwrap();
    let running = of_client
        .entries
        .iter()
        .find(|e| e.billable && !e.in_doubt)
        .expect("a billable entry")
        .id;
    // The mirror holds the entry as FreshBooks reports a timer still running (not logged yet,
    // its duration only the time so far): seeded into the real database file, as a single read
    // of the entry would write it (lists leave such entries out unless asked).
    let db = rusqlite::Connection::open(h.dir.path().join("ledgerline.sqlite3")).unwrap();
    let changed = db
        .execute(
            "UPDATE time_entries SET raw = json_set(raw, '$.is_logged', json('false'),
                 '$.timer', json('{\"id\": 77, \"is_running\": true}'))
             WHERE business_id = ?1 AND id = ?2",
            rusqlite::params![b.business_id.get(), running.get()],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(db);

    let after = h
        .core
        .drafting_setup(
            b.business_id,
            DraftingSetupArgs {
                client: Some(client.id),
                ..DraftingSetupArgs::default()
            },
        )
        .await
        .unwrap();
    assert!(after.entries.iter().all(|e| e.id != running));
    assert_eq!(after.entries.len() + 1, of_client.entries.len());
    let unbilled = h
        .core
        .unbilled_time(b.business_id, TimeFilter::default())
        .await
        .unwrap();
    assert!(!unbilled.is_empty());
    assert!(unbilled.iter().all(|e| e.id != running));
    let mut request = crate::drafting::request(client.id);
    request.currency = client.currency.clone();
    request.include_non_billable = true;
    let draft = h.core.preview_draft(b.business_id, &request).await.unwrap();
    assert!(!draft.entries().contains(&running));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn choices_remembered_for_a_new_client_follow_it_once_freshbooks_numbers_it() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let mut new_client = crate::outbox::new_client("Review Co", None);
    new_client.currency_code = h
        .core
        .client_currency(b.business_id, some_client(&h, &b).await)
        .await
        .unwrap();
    let local = ClientId(
        h.core
            .create_client(b.business_id, new_client)
            .await
            .unwrap(),
    );
    assert!(local.get() < 0);
    log_hour(
        &h,
        &b,
        local,
        None,
        NaiveDate::from_ymd_opt(2019, 4, 2).unwrap(),
    )
    .await;
    let mut theirs = month_request(&h, &b, local, 4).await;
    theirs.template = "For Review Co: {note}".into();
    let draft = h.core.preview_draft(b.business_id, &theirs).await.unwrap();
    h.core
        .save_draft(b.business_id, save_args(&draft, &theirs))
        .await
        .unwrap();
    // Another client's draft after it changes the business's last choices.
    let other = some_client(&h, &b).await;
    log_hour(
        &h,
        &b,
        other,
        None,
        NaiveDate::from_ymd_opt(2019, 5, 2).unwrap(),
    )
    .await;
    let mut others = month_request(&h, &b, other, 5).await;
    others.template = "Other: {note}".into();
    let draft = h.core.preview_draft(b.business_id, &others).await.unwrap();
    h.core
        .save_draft(b.business_id, save_args(&draft, &others))
        .await
        .unwrap();

    h.core.sync(Scope::Current, false).await.unwrap();
    let numbered = h
        .core
        .remote_id_of(b.business_id, Entity::Clients, local.get())
        .await
        .unwrap()
        .expect("the client was sent");
    let setup = h
        .core
        .drafting_setup(
            b.business_id,
            DraftingSetupArgs {
                client: Some(ClientId(numbered)),
                ..DraftingSetupArgs::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(setup.choices.template, "For Review Co: {note}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_core_does_not_trust_the_request() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let client = some_client(&h, &b).await;
    log_hour(
        &h,
        &b,
        client,
        None,
        NaiveDate::from_ymd_opt(2019, 6, 3).unwrap(),
    )
    .await;
    let request = month_request(&h, &b, client, 6).await;
    let theirs = request.currency.clone();

    // A negative business rate is refused, by the preview and by "Save draft".
    let mut negative = request.clone();
    negative.business_rate = Some(Decimal::from(-100));
    let err = h
        .core
        .preview_draft(b.business_id, &negative)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            ledgerline_core::Error::Invalid {
                field: "business_rate",
                ..
            }
        ),
        "{err}"
    );
    let fine = h.core.preview_draft(b.business_id, &request).await.unwrap();
    let err = h
        .core
        .save_draft(b.business_id, save_args(&fine, &negative))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            ledgerline_core::Error::Invalid {
                field: "business_rate",
                ..
            }
        ),
        "{err}"
    );

    // Another currency than the client's: the draft is in the client's.
    let mut foreign = request.clone();
    foreign.currency = CurrencyCode::new(if theirs.as_str() == "JPY" {
        "EUR"
    } else {
        "JPY"
    })
    .unwrap();
    let drafted = h.core.preview_draft(b.business_id, &foreign).await.unwrap();
    assert_eq!(drafted.total.currency, theirs);

    // Rounding beyond a day, or below nothing, is held to 0..=24 h: the hour bills a day at most.
    let mut wild = request.clone();
    wild.rounding.increment_seconds = 10 * 86_400;
    wild.rounding.mode = ledgerline_model::draft::RoundingMode::Up;
    wild.rounding.minimum_seconds = -5;
    let drafted = h.core.preview_draft(b.business_id, &wild).await.unwrap();
    assert_eq!(drafted.lines.len(), 1);
    assert_eq!(drafted.lines[0].hours, Decimal::from(24));
    wild.rounding.increment_seconds = -900;
    wild.rounding.minimum_seconds = 100 * 86_400;
    let drafted = h.core.preview_draft(b.business_id, &wild).await.unwrap();
    assert_eq!(drafted.lines[0].hours, Decimal::from(24));
    let saved = h
        .core
        .save_draft(b.business_id, save_args(&drafted, &wild))
        .await
        .unwrap();
    assert_eq!(saved.total.currency, theirs);
    // What is remembered for the client is what was drafted.
    let setup = h
        .core
        .drafting_setup(
            b.business_id,
            DraftingSetupArgs {
                client: Some(client),
                ..DraftingSetupArgs::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(setup.choices.rounding.increment_seconds, 0);
    assert_eq!(setup.choices.rounding.minimum_seconds, 86_400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flat_fee_is_billable_again_once_its_invoice_is_deleted_in_freshbooks() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let (project, client, left) = flat_fee_project(&h, &b).await;
    log_hour(
        &h,
        &b,
        client,
        Some(project),
        NaiveDate::from_ymd_opt(2019, 7, 10).unwrap(),
    )
    .await;
    log_hour(
        &h,
        &b,
        client,
        Some(project),
        NaiveDate::from_ymd_opt(2019, 8, 10).unwrap(),
    )
    .await;
    let july = month_request(&h, &b, client, 7).await;
    let august = month_request(&h, &b, client, 8).await;
    let first = h.core.preview_draft(b.business_id, &july).await.unwrap();
    let saved = h
        .core
        .save_draft(b.business_id, save_args(&first, &july))
        .await
        .unwrap();
    h.core.sync(Scope::Current, false).await.unwrap();
    let second = h.core.preview_draft(b.business_id, &august).await.unwrap();
    assert_eq!(
        flat_amount(&second, project),
        Decimal::ZERO,
        "sent, still billed"
    );

    let invoice = h
        .core
        .remote_id_of(b.business_id, Entity::Invoices, saved.invoice)
        .await
        .unwrap()
        .expect("the invoice was numbered");
    h.client
        .invoices(&b.account_id)
        .delete(ledgerline_model::ids::InvoiceId(invoice))
        .await
        .unwrap();
    h.core.sync(Scope::Current, false).await.unwrap();
    let again = h.core.preview_draft(b.business_id, &august).await.unwrap();
    assert_eq!(flat_amount(&again, project), left);
}
