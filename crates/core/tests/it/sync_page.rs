//! The Sync page: conflicts side by side and settled either way, changes waiting and refused
//! with their names and whether undo is safe, a rate-limit backoff, the sign-in's health, and a
//! long sync's progress with the time left.

use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeDelta, Utc};
use freshbooks_emulator::{FaultKind, Faults};
use ledgerline_core::{Entity, Event, Scope};
use ledgerline_freshbooks::{AccessToken, MemoryTokenStore, RefreshToken, TokenSet};
use ledgerline_model::entity::{ClientUpdate, UserBusiness};
use ledgerline_model::entity::{InvoiceUpdate, NewInvoice};
use ledgerline_model::error::ErrorKind;
use ledgerline_model::ids::ClientId;
use ledgerline_model::ipc::{RecordLabel, SyncPage, TokenHealth, UndoBlocked};
use ledgerline_model::money::CurrencyCode;
use ledgerline_model::outbox::{OpKind, OpState, Resolution};
use ledgerline_model::views::ClientFilter;

use crate::outbox::{new_client, new_entry};
use crate::sync::remote;
use crate::{Harness, open_core};

/// The first client FreshBooks lists, edited here (name and address) and there (name and
/// email), then synced: one conflict on the name.
async fn conflicting_edit(h: &Harness) -> (UserBusiness, i64) {
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let client_id = *remote(&h.client, &b, Entity::Clients)
        .await
        .keys()
        .next()
        .unwrap();
    h.core
        .update_client(
            b.business_id,
            client_id,
            ClientUpdate {
                organization: Some("Mine Ltd".into()),
                city: Some("Montreal".into()),
                ..ClientUpdate::default()
            },
        )
        .await
        .unwrap();
    // FreshBooks' side of it, through its API.
    h.client
        .clients(&b.account_id)
        .update(
            ClientId(client_id),
            &ClientUpdate {
                organization: Some("Theirs Inc".into()),
                email: Some("theirs@example.com".into()),
                ..ClientUpdate::default()
            },
        )
        .await
        .unwrap();
    h.core.sync(Scope::Current, false).await.unwrap();
    (b, client_id)
}

async fn page(h: &Harness, b: &UserBusiness) -> SyncPage {
    h.core.sync_page(b.business_id).await.unwrap()
}

async fn settle(resolution: Resolution) -> serde_json::Value {
    let h = Harness::start().await;
    let (b, client_id) = conflicting_edit(&h).await;
    let before = page(&h, &b).await;
    assert_eq!(before.conflicts.len(), 1, "{:#?}", before.conflicts);
    let view = &before.conflicts[0];
    assert_eq!(view.conflict.field_group, "name");
    assert_eq!(view.conflict.entity, Entity::Clients);
    assert_eq!(view.conflict.mine["organization"], "Mine Ltd");
    assert_eq!(view.conflict.theirs["organization"], "Theirs Inc");
    // Named as the window shows the client now (our side, until it is settled).
    assert_eq!(
        view.label,
        RecordLabel::Client {
            name: "Mine Ltd".into()
        }
    );
    // The change it holds back is neither waiting nor refused: it waits on the user.
    assert!(
        before.pending.is_empty() && before.refused.is_empty(),
        "{before:#?}"
    );

    h.core
        .resolve_conflict(b.business_id, view.conflict.id, resolution)
        .await
        .unwrap();
    h.core.sync(Scope::Current, false).await.unwrap();
    let after = page(&h, &b).await;
    assert!(after.conflicts.is_empty(), "{:#?}", after.conflicts);
    assert!(
        after.pending.is_empty() && after.refused.is_empty(),
        "{after:#?}"
    );
    let fb = remote(&h.client, &b, Entity::Clients).await;
    let local = h
        .core
        .record(b.business_id, Entity::Clients, client_id)
        .await
        .unwrap()
        .unwrap();
    // The mirror and FreshBooks agree on both groups, and FreshBooks' email survived.
    assert_eq!(local["organization"], fb[&client_id]["organization"]);
    assert_eq!(local["p_city"], fb[&client_id]["p_city"]);
    assert_eq!(fb[&client_id]["email"], "theirs@example.com");
    assert_eq!(fb[&client_id]["p_city"], "Montreal");
    fb[&client_id].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conflict_settled_by_taking_freshbooks_leaves_both_sides_agreeing() {
    let fb = settle(Resolution::TakeFreshBooks).await;
    assert_eq!(fb["organization"], "Theirs Inc");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conflict_settled_by_keeping_mine_leaves_both_sides_agreeing() {
    let fb = settle(Resolution::KeepMine).await;
    assert_eq!(fb["organization"], "Mine Ltd");
}

/// Changes made offline wait, oldest first, each named and undoable; one FreshBooks refuses
/// (a read-only role) is listed with why, still undoable, and undo takes it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiting_and_refused_changes_are_named_with_why_and_whether_undo_is_safe() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let id = b.business_id;
    let first = h
        .core
        .create_client(id, new_client("Pending Co", None))
        .await
        .unwrap();
    let existing = h
        .core
        .list_clients(id, ClientFilter::default())
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.id > 0)
        .unwrap();
    h.core
        .update_client(
            id,
            existing.id,
            ClientUpdate {
                city: Some("Quebec".into()),
                ..ClientUpdate::default()
            },
        )
        .await
        .unwrap();
    let p = page(&h, &b).await;
    assert_eq!(p.pending.len(), 2, "{:#?}", p.pending);
    assert!(p.pending[0].seq < p.pending[1].seq, "oldest first");
    assert_eq!(
        (p.pending[0].kind, p.pending[0].record, &p.pending[0].label),
        (OpKind::CreateClient, first, &client_label("Pending Co"))
    );
    assert_eq!(p.pending[1].kind, OpKind::UpdateClient);
    assert_eq!(p.pending[1].label, client_label(&existing.name));
    assert!(
        p.pending
            .iter()
            .all(|c| c.can_undo && c.state == OpState::Pending)
    );
    assert!(p.refused.is_empty());

    // A read-only business: its edit is refused by FreshBooks.
    let employee = h
        .emu
        .control()
        .demo_identity()
        .businesses
        .into_iter()
        .find(|b| !b.can_write)
        .expect("a read-only business");
    let ro = h.core.use_business(&employee.account_id).await.unwrap();
    h.core.sync(Scope::Current, false).await.unwrap();
    let client = h
        .core
        .list_clients(ro.business_id, ClientFilter::default())
        .await
        .unwrap()
        .remove(0);
    h.core
        .update_client(
            ro.business_id,
            client.id,
            ClientUpdate {
                organization: Some("Not Allowed".into()),
                ..ClientUpdate::default()
            },
        )
        .await
        .unwrap();
    h.core.sync(Scope::Current, false).await.unwrap();
    let p = page(&h, &ro).await;
    assert!(p.pending.is_empty(), "{:#?}", p.pending);
    assert_eq!(p.refused.len(), 1, "{:#?}", p.refused);
    let refused = &p.refused[0];
    assert_eq!(refused.state, OpState::Rejected);
    assert_eq!(
        refused.label,
        client_label("Not Allowed"),
        "named as the window shows it"
    );
    let reason = refused.error.as_ref().expect("why it was refused");
    assert!(reason.message.contains("role"), "{reason:?}");
    assert!(refused.can_undo);
    h.core.undo(ro.business_id, refused.seq).await.unwrap();
    let p = page(&h, &ro).await;
    assert!(p.refused.is_empty(), "{:#?}", p.refused);
}

fn client_label(name: &str) -> RecordLabel {
    RecordLabel::Client { name: name.into() }
}

/// Each change names its record in facts the window puts in words (never English made here):
/// a time entry by its day (FreshBooks' UTC day) and client, an invoice FreshBooks has not
/// numbered yet by its client, then by the number FreshBooks gave it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_name_time_entries_and_invoices_by_their_facts() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let id = b.business_id;
    let client = h
        .core
        .list_clients(id, ClientFilter::default())
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.id > 0 && !c.name.is_empty())
        .unwrap();
    h.core
        .create_time_entry(
            id,
            new_entry("2026-10-05T23:30:00Z", 1800, "labels", Some(client.id)),
        )
        .await
        .unwrap();
    h.core
        .create_time_entry(
            id,
            new_entry("2026-10-06T09:00:00Z", 600, "no client", None),
        )
        .await
        .unwrap();
    h.core
        .create_invoice(
            id,
            NewInvoice {
                client_id: ClientId(client.id),
                create_date: chrono::NaiveDate::from_ymd_opt(2026, 10, 7).unwrap(),
                due_offset_days: None,
                currency_code: Some(CurrencyCode::new("CAD").unwrap()),
                invoice_number: None,
                po_number: Some("LABEL-PO".into()),
                notes: None,
                terms: None,
                discount_value: None,
                lines: vec![],
            },
        )
        .await
        .unwrap();
    let p = page(&h, &b).await;
    let labels: Vec<&RecordLabel> = p.pending.iter().map(|c| &c.label).collect();
    let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 10, d).unwrap();
    assert_eq!(
        labels,
        [
            &RecordLabel::TimeEntry {
                day: day(5),
                client: Some(client.name.clone())
            },
            &RecordLabel::TimeEntry {
                day: day(6),
                client: None
            },
            &RecordLabel::NewInvoice {
                client: Some(client.name.clone())
            },
        ]
    );

    // Sent: FreshBooks numbers the invoice; a change to it is named by that number.
    h.core.sync(Scope::Current, false).await.unwrap();
    let invoices = remote(&h.client, &b, Entity::Invoices).await;
    let (invoice_id, sent) = invoices
        .iter()
        .find(|(_, v)| v["po_number"] == "LABEL-PO")
        .expect("the invoice in FreshBooks");
    let number = sent["invoice_number"].as_str().unwrap().to_owned();
    assert!(!number.is_empty());
    h.core
        .update_invoice(
            id,
            *invoice_id,
            InvoiceUpdate {
                notes: Some("Thanks".into()),
                ..InvoiceUpdate::default()
            },
        )
        .await
        .unwrap();
    let p = page(&h, &b).await;
    assert_eq!(p.pending.len(), 1, "{:#?}", p.pending);
    assert_eq!(p.pending[0].label, RecordLabel::Invoice { number });
}

/// A create whose answer was lost is in doubt: listed with the refused ones, and not undoable
/// (it may be in FreshBooks), as undo itself says.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_in_doubt_is_listed_and_cannot_be_undone() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    h.core
        .create_client(b.business_id, new_client("Lost Answer Ltd", None))
        .await
        .unwrap();
    h.emu.control().set_faults(Faults {
        path_contains: Some("/users/clients".into()),
        // The answer is lost, and the looks that would settle it fail too.
        script: std::iter::once(FaultKind::DropAfterCommit)
            .chain(std::iter::repeat_n(FaultKind::ServerError, 30))
            .collect(),
        ..Faults::default()
    });
    let _ = h.core.sync(Scope::Current, false).await;
    let p = page(&h, &b).await;
    let doubt = p
        .refused
        .iter()
        .find(|c| c.state == OpState::Unknown)
        .unwrap_or_else(|| panic!("in doubt: {p:#?}"));
    assert_eq!(doubt.label, client_label("Lost Answer Ltd"));
    assert!(!doubt.can_undo);
    assert_eq!(doubt.undo_blocked, Some(UndoBlocked::InDoubt));
    assert!(h.core.undo(b.business_id, doubt.seq).await.is_err());
}

/// A new time entry that a draft waiting to be sent bills cannot be undone, and the page says
/// why: the draft bills it (not "already in FreshBooks"), naming the draft's change.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_entry_billed_by_a_waiting_draft_says_the_draft_blocks_its_undo() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let id = b.business_id;
    let client = h
        .core
        .list_clients(id, ClientFilter::default())
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.id > 0)
        .unwrap();
    h.core
        .create_time_entry(
            id,
            new_entry("2026-10-05T09:00:00Z", 3600, "drafted", Some(client.id)),
        )
        .await
        .unwrap();
    let before = page(&h, &b).await;
    let entry = before
        .pending
        .iter()
        .find(|c| c.kind == OpKind::CreateTimeEntry)
        .expect("the new entry")
        .clone();
    assert!(entry.can_undo);
    assert_eq!(entry.undo_blocked, None);
    h.core
        .draft_invoice(id, &crate::drafting::request(ClientId(client.id)))
        .await
        .unwrap();
    let after = page(&h, &b).await;
    let draft = after
        .pending
        .iter()
        .find(|c| c.entity == Entity::Invoices)
        .expect("the draft");
    let entry = after
        .pending
        .iter()
        .find(|c| c.seq == entry.seq)
        .expect("the entry still waits");
    assert!(!entry.can_undo);
    assert_eq!(
        entry.undo_blocked,
        Some(UndoBlocked::BilledByDraft {
            draft_seq: draft.seq
        })
    );
    assert_eq!(draft.undo_blocked, None);
    assert!(h.core.undo(id, entry.seq).await.is_err());
}

/// FreshBooks answers every request with 429 and asks for 30 s: the page shows a backoff in
/// force until then, with the in-flight limit halved, and the run announced it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_storm_shows_a_backoff() {
    let h = Harness::start().await;
    let b = h.owner().await;
    let p = page(&h, &b).await;
    assert_eq!(p.backoff, None);
    assert_eq!(p.token, TokenHealth::Good);
    let mut events = h.core.subscribe();
    h.emu.control().set_faults(Faults {
        rate_limit_per_mille: 1000,
        retry_after_secs: Some(30),
        ..Faults::default()
    });
    let started = Utc::now();
    let _ = h.core.sync(Scope::Current, false).await;
    let p = page(&h, &b).await;
    let backoff = p.backoff.expect("a backoff in force");
    assert!(
        backoff.until > Utc::now() + TimeDelta::seconds(20)
            && backoff.until <= Utc::now() + TimeDelta::seconds(31),
        "{backoff:?} (started {started})"
    );
    assert!(backoff.in_flight < 4, "halved from 4: {backoff:?}");
    assert_eq!(backoff.reason.kind, ErrorKind::RateLimited);
    assert!(p.online, "FreshBooks answered, if only to say wait");
    let mut announced = None;
    while let Ok(event) = events.try_recv() {
        if let Event::Backoff { until, in_flight } = event {
            announced = Some((until, in_flight));
        }
    }
    let (until, _) = announced.expect("the run announced the backoff");
    assert!(until > started, "{until}");
    // The page is read from memory: it answers at once even while FreshBooks refuses.
    assert!(p.progress.is_none(), "no sync runs now");
}

/// The sign-in's health: good once a request went through, refused when FreshBooks refuses the
/// renewal, signed out with no sign-in at all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sign_in_s_health() {
    let h = Harness::start().await;
    let b = h.owner().await;
    assert_eq!(page(&h, &b).await.token, TokenHealth::Good);

    // A token pair whose access token has expired and whose refresh token FreshBooks never
    // issued: the renewal is refused.
    let dir = tempfile::tempdir().unwrap();
    let stale = Arc::new(MemoryTokenStore::with_tokens(TokenSet {
        access_token: AccessToken::new("expired".to_owned()),
        refresh_token: RefreshToken::new("never-issued".to_owned()),
        expires_at: Utc::now() - TimeDelta::hours(1),
        scope: None,
    }));
    let client = ledgerline_freshbooks::Client::new(h.client.config().clone(), stale).unwrap();
    let core = open_core(dir.path(), client);
    assert!(core.refresh_businesses().await.is_err());
    let id = b.business_id;
    assert_eq!(
        core.sync_page(id).await.unwrap().token,
        TokenHealth::Refused
    );

    // No sign-in: a core without a client.
    let none = tempfile::tempdir().unwrap();
    let core = ledgerline_core::Core::open(ledgerline_core::CoreConfig {
        data_dir: none.path().to_owned(),
        schedule: ledgerline_core::Schedule::default(),
    })
    .unwrap();
    let p = core.sync_page(id).await.unwrap();
    assert_eq!(p.token, TokenHealth::SignedOut);
    assert_eq!(p.entities.len(), Entity::ALL.len());
    assert!(
        p.entities
            .iter()
            .all(|e| e.records == 0 && e.last_synced.is_none())
    );
}

/// The large seed synced: while it runs the page shows records done of the total and, once the
/// pace is known, the time left; afterwards each entity's records and when it was pulled.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_sync_shows_its_progress_and_time_left() {
    let mut config = freshbooks_emulator::Config::for_tests();
    config.scale = freshbooks_emulator::Scale::Large;
    let h = Harness::start_with(config).await;
    let b = h.owner().await;
    let core = h.core.clone();
    let syncing = tokio::spawn(async move { core.sync(Scope::Current, false).await });
    let mut seen = Vec::new();
    let mut read_at = Vec::new();
    while !syncing.is_finished() {
        if let Some(progress) = page(&h, &b).await.progress {
            seen.push(progress);
            read_at.push(Utc::now());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let report = syncing.await.unwrap().unwrap();
    assert!(report.failures.is_empty(), "{report:?}");
    assert!(seen.len() > 5, "{} readings", seen.len());
    let started = seen[0].started_at;
    assert!(seen.iter().all(|p| p.started_at == started), "one run");
    for p in &seen {
        if let Some(total) = p.total {
            assert!(p.done <= total, "{p:?}");
        }
    }
    let with_total: Vec<_> = seen.iter().filter(|p| p.total.is_some()).collect();
    assert!(
        !with_total.is_empty(),
        "a total once FreshBooks reported one"
    );
    assert!(
        with_total.windows(2).any(|w| w[1].done > w[0].done),
        "records done grow"
    );
    let estimates: Vec<u64> = seen.iter().filter_map(|p| p.seconds_left).collect();
    assert!(
        !estimates.is_empty(),
        "a time left once the pace is known: {seen:#?}"
    );
    for (p, at) in seen.iter().zip(&read_at) {
        if p.seconds_left.is_some() {
            assert!(p.total.is_some(), "an estimate only with a total: {p:?}");
            assert!(
                *at >= started + TimeDelta::milliseconds(1900),
                "no estimate in the first two seconds: {p:?} at {at}"
            );
        }
    }
    assert!(seen.iter().any(|p| p.entity.is_some()));
    eprintln!(
        "{} readings over {:?}; estimates {:?}",
        seen.len(),
        Utc::now() - started,
        &estimates
    );
    // Done: no progress, every entity pulled, with its records.
    let p = page(&h, &b).await;
    assert!(p.progress.is_none());
    assert!(p.last_synced.is_some());
    let clients = p
        .entities
        .iter()
        .find(|e| e.entity == Entity::Clients)
        .unwrap();
    assert!(clients.records > 1000, "{clients:?}");
    assert!(clients.last_synced.is_some() && clients.resumable.is_none());
    assert_eq!(
        p.entities.iter().map(|e| e.entity).collect::<Vec<_>>(),
        Entity::ALL.to_vec()
    );
}
