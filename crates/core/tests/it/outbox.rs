//! Local edits reach FreshBooks exactly once, also through injected faults.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use freshbooks_emulator::Faults;
use ledgerline_core::{Entity, Scope};
use ledgerline_model::entity::{
    ClientUpdate, NewClient, NewInvoice, NewTimeEntry, TimeEntryUpdate, UserBusiness, VisState,
};
use ledgerline_model::error::{Action, ErrorCode};
use ledgerline_model::ids::ClientId;
use ledgerline_model::money::CurrencyCode;
use ledgerline_model::outbox::OpState;
use ledgerline_model::views::ClientFilter;
use serde_json::{Value, json};

use crate::Harness;
use crate::sync::{assert_mirror_matches, remote};

/// A client with an organization and, when given, an email.
pub fn new_client(organization: &str, email: Option<&str>) -> NewClient {
    NewClient {
        organization: Some(organization.to_owned()),
        email: email.map(str::to_owned),
        ..NewClient::default()
    }
}

/// A billable time entry started at `started` (RFC 3339).
pub fn new_entry(
    started: &str,
    duration_seconds: i64,
    note: &str,
    client: Option<i64>,
) -> NewTimeEntry {
    NewTimeEntry {
        started_at: DateTime::parse_from_rfc3339(started)
            .expect("an RFC 3339 time")
            .with_timezone(&Utc),
        duration_seconds,
        note: Some(note.to_owned()),
        client_id: client.map(ClientId),
        project_id: None,
        service_id: None,
        task_id: None,
        identity_id: None,
        billable: true,
        internal: false,
    }
}

/// A change of a client's email only.
pub fn email_update(email: &str) -> ClientUpdate {
    ClientUpdate {
        email: Some(email.to_owned()),
        ..ClientUpdate::default()
    }
}

/// Syncs until nothing is left to send (at most `rounds` runs).
pub async fn sync_until_sent(h: &Harness, b: &UserBusiness, rounds: usize) {
    for _ in 0..rounds {
        let _ = h.core.sync(Scope::Current, false).await;
        let status = h.core.status(b.business_id).await.expect("status");
        let waiting = status.count(OpState::Pending)
            + status.count(OpState::Sending)
            + status.count(OpState::Unknown);
        if waiting == 0 {
            return;
        }
    }
    let status = h.core.status(b.business_id).await.expect("status");
    panic!(
        "outbox not empty after {rounds} runs: {:#?}",
        status.open_ops
    );
}

/// Makes `n_creates` clients, updates and archives some existing ones, and logs time entries,
/// all offline; returns what FreshBooks should end up with.
async fn offline_edits(
    h: &Harness,
    b: &UserBusiness,
    n_creates: usize,
    n_updates: usize,
    n_archives: usize,
    n_entries: usize,
) -> Expected {
    let id = b.business_id;
    let existing: Vec<i64> = h
        .core
        .list_clients(id, ClientFilter::default())
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .filter(|i| *i > 0)
        .collect();
    assert!(
        existing.len() >= n_updates + n_archives,
        "seed too small: {} clients",
        existing.len()
    );
    let mut expected = Expected::default();
    for i in 0..n_creates {
        let org = format!("Offline Co {i:03}");
        h.core
            .create_client(
                id,
                new_client(&org, Some(&format!("offline{i}@example.com"))),
            )
            .await
            .unwrap();
        expected.created.push(org);
    }
    for (i, client) in existing.iter().take(n_updates).enumerate() {
        let email = format!("updated{i}@example.com");
        h.core
            .update_client(id, *client, email_update(&email))
            .await
            .unwrap();
        expected.emails.insert(*client, email);
    }
    for client in existing.iter().skip(n_updates).take(n_archives) {
        h.core
            .set_client_visibility(id, *client, VisState::Archived)
            .await
            .unwrap();
        expected.archived.push(*client);
    }
    for i in 0..n_entries {
        let note = format!("offline entry {i:03}");
        let started = format!("2026-10-{:02}T{:02}:00:00Z", 1 + i % 28, 8 + i % 9);
        h.core
            .create_time_entry(
                id,
                new_entry(
                    &started,
                    1800 + i64::try_from(i).unwrap(),
                    &note,
                    Some(existing[0]),
                ),
            )
            .await
            .unwrap();
        expected.notes.push(note);
    }
    expected
}

#[derive(Default)]
struct Expected {
    created: Vec<String>,
    emails: BTreeMap<i64, String>,
    archived: Vec<i64>,
    notes: Vec<String>,
}

async fn assert_applied_once(h: &Harness, b: &UserBusiness, expected: &Expected) {
    let clients = remote(&h.client, b, Entity::Clients).await;
    for org in &expected.created {
        let n = clients
            .values()
            .filter(|c| c["organization"] == json!(org))
            .count();
        assert_eq!(n, 1, "{org} exists {n} times in FreshBooks");
    }
    for (id, email) in &expected.emails {
        assert_eq!(clients[id]["email"], json!(email), "client {id}");
    }
    for id in &expected.archived {
        assert_eq!(clients[id]["vis_state"], json!(2), "client {id}");
    }
    let entries = remote(&h.client, b, Entity::TimeEntries).await;
    for note in &expected.notes {
        let n = entries
            .values()
            .filter(|e| e["note"] == json!(note))
            .count();
        assert_eq!(n, 1, "{note} exists {n} times in FreshBooks");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_edits_reach_freshbooks_once() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let expected = offline_edits(&h, &b, 5, 3, 2, 4).await;
    // The mirror shows the edits at once, as pending.
    let listed = h
        .core
        .list_clients(b.business_id, ClientFilter::default())
        .await
        .unwrap();
    assert_eq!(listed.iter().filter(|c| c.id < 0 && c.pending).count(), 5);
    sync_until_sent(&h, &b, 3).await;
    assert_applied_once(&h, &b, &expected).await;
    // Local ids were replaced by FreshBooks' ids.
    let listed = h
        .core
        .list_clients(b.business_id, ClientFilter::default())
        .await
        .unwrap();
    assert!(listed.iter().all(|c| c.id > 0 && !c.pending));
    h.core.sync(Scope::Current, true).await.unwrap();
    assert_mirror_matches(&h, &b).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undo_before_send_and_rejections_stay_visible() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let id = b.business_id;
    let local = h
        .core
        .create_client(id, new_client("Never Sent", None))
        .await
        .unwrap();
    let status = h.core.status(id).await.unwrap();
    let seq = status.open_ops[0].seq;
    h.core.undo(id, seq).await.unwrap();
    assert!(
        h.core
            .record(id, Entity::Clients, local)
            .await
            .unwrap()
            .is_none()
    );

    // An invoice for a client FreshBooks does not know is refused, and stays visible with why.
    h.core
        .create_invoice(
            id,
            NewInvoice {
                client_id: ClientId(999_999),
                create_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
                due_offset_days: None,
                currency_code: Some(CurrencyCode::new("CAD").unwrap()),
                invoice_number: None,
                po_number: None,
                notes: None,
                terms: None,
                discount_value: None,
                lines: vec![],
            },
        )
        .await
        .unwrap();
    h.core.sync(Scope::Current, false).await.unwrap();
    let status = h.core.status(id).await.unwrap();
    assert_eq!(status.count(OpState::Rejected), 1, "{:#?}", status.open_ops);
    assert!(
        status.open_ops[0]
            .last_error
            .as_ref()
            .map_or("", |e| e.message.as_str())
            .contains("FreshBooks"),
        "{:?}",
        status.open_ops[0]
    );
    let clients = remote(&h.client, &b, Entity::Clients).await;
    assert!(
        clients
            .values()
            .all(|c| c["organization"] != json!("Never Sent"))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_offline_edits_converge_through_faults() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let expected = offline_edits(&h, &b, 130, 25, 5, 40).await;
    h.emu.control().set_faults(Faults {
        seed: 11,
        rate_limit_per_mille: 20,
        server_error_per_mille: 15,
        unavailable_per_mille: 10,
        hang_per_mille: 5,
        hang_ms: 4_000,
        reset_per_mille: 20,
        truncate_per_mille: 10,
        drop_after_commit_per_mille: 50,
        ..Faults::default()
    });
    sync_until_sent(&h, &b, 40).await;
    h.emu.control().clear_faults();
    let status = h.core.status(b.business_id).await.unwrap();
    assert!(status.open_ops.is_empty(), "{:#?}", status.open_ops);
    assert_applied_once(&h, &b, &expected).await;
    tokio::time::sleep(Duration::from_millis(10)).await;
    h.core.sync(Scope::Current, true).await.unwrap();
    assert_mirror_matches(&h, &b).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_role_gets_its_edit_refused_with_the_reason() {
    let h = Harness::start().await;
    h.businesses().await;
    let employee = h
        .emu
        .control()
        .demo_identity()
        .businesses
        .into_iter()
        .find(|b| !b.can_write)
        .expect("read-only business");
    let b = h.core.use_business(&employee.account_id).await.unwrap();
    h.core.sync(Scope::Current, false).await.unwrap();
    let client = h
        .core
        .list_clients(b.business_id, ClientFilter::default())
        .await
        .unwrap()[0]
        .id;
    h.core
        .update_client(
            b.business_id,
            client,
            ClientUpdate {
                organization: Some("Not Allowed".into()),
                ..ClientUpdate::default()
            },
        )
        .await
        .unwrap();
    h.core.sync(Scope::Current, false).await.unwrap();
    let status = h.core.status(b.business_id).await.unwrap();
    assert_eq!(status.count(OpState::Rejected), 1, "{:#?}", status.open_ops);
    let reason = status.open_ops[0]
        .last_error
        .as_ref()
        .map(|e| e.message.clone())
        .unwrap_or_default();
    assert!(reason.contains("role"), "{reason}");
    // Undoing the refused change puts FreshBooks' value back.
    h.core
        .undo(b.business_id, status.open_ops[0].seq)
        .await
        .unwrap();
    let local = h
        .core
        .record(b.business_id, Entity::Clients, client)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(local["organization"], "Not Allowed");
}

/// Two Ledgerlines on one data directory (the desktop app and a `ledgerline-cli sync`, or two
/// CLI runs) push at the same moment: each create still reaches FreshBooks once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_6_two_processes_pushing_one_outbox_create_once() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    // A second core on the same database, as another process would open it.
    let other = crate::open_core(h.dir.path(), crate::signed_in_client(&h.emu));
    for i in 0..3 {
        h.core
            .create_client(
                b.business_id,
                new_client(
                    &format!("Twice Co {i}"),
                    Some(&format!("twice{i}@example.com")),
                ),
            )
            .await
            .unwrap();
    }
    // Slow answers, so the two pushes overlap.
    h.emu.control().set_latency(Duration::from_millis(300));
    let (first, second) = tokio::join!(
        h.core.sync(Scope::Current, false),
        other.sync(Scope::Current, false)
    );
    h.emu.control().set_latency(Duration::ZERO);
    // The one that found the outbox busy says why its changes are still waiting.
    let reports: Vec<_> = [first, second].into_iter().flatten().collect();
    assert!(
        reports.iter().any(|r| r
            .failures
            .iter()
            .any(|f| f.error.message.contains("another Ledgerline"))),
        "{reports:#?}"
    );
    sync_until_sent(&h, &b, 3).await;
    let clients = remote(&h.client, &b, Entity::Clients).await;
    for i in 0..3 {
        let org = format!("Twice Co {i}");
        let n = clients
            .values()
            .filter(|c| c["organization"] == json!(org))
            .count();
        assert_eq!(n, 1, "{org} created {n} times");
    }
}

/// Signing in as another FreshBooks user (or FreshBooks no longer listing a business) must not
/// throw away the edits not yet sent to that business: refreshing the businesses used to delete
/// the business with everything in it, unsent operations included.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_6_a_business_gone_from_the_sign_in_keeps_its_unsent_edits() {
    let state_dir = tempfile::tempdir().unwrap();
    let state_file = state_dir.path().join("freshbooks.json");
    let mut config = freshbooks_emulator::Config::for_tests();
    config.state_file = Some(state_file.clone());
    let h = Harness::start_with(config.clone()).await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let local = h
        .core
        .create_client(b.business_id, new_client("Unsent Co", None))
        .await
        .unwrap();
    let Harness { emu, core, .. } = h;
    emu.shutdown().await;
    // The same FreshBooks, seen by a user who is not a member of that business.
    let original = std::fs::read_to_string(&state_file).unwrap();
    let mut state: Value = serde_json::from_str(&original).unwrap();
    state["businesses"]
        .as_array_mut()
        .unwrap()
        .retain(|business| business["id"] != json!(b.business_id.get()));
    std::fs::write(&state_file, state.to_string()).unwrap();
    let emu = freshbooks_emulator::Emulator::start(config).await.unwrap();
    core.set_client(crate::signed_in_client(&emu));
    let listed = core.refresh_businesses().await.unwrap();
    assert!(listed.iter().all(|m| m.business_id != b.business_id));

    let status = core.status(b.business_id).await.unwrap();
    assert_eq!(status.count(OpState::Pending), 1, "{:#?}", status.open_ops);
    let clients = core
        .list_clients(b.business_id, ClientFilter::default())
        .await
        .unwrap();
    assert!(
        clients.iter().any(|c| c.id == local),
        "the local client is kept"
    );
    // A business with nothing waiting goes as before.
    let kept: Vec<_> = core.businesses().await.unwrap();
    assert_eq!(kept.len(), listed.len() + 1, "{kept:#?}");

    // Syncing everything leaves the kept business alone (FreshBooks would answer 404 and the
    // edit would be refused for good) and says why its change waits.
    let report = core.sync(Scope::All, false).await.unwrap();
    assert!(
        report
            .failures
            .iter()
            // What to do is the error's action now (the CLI turns it into `auth login`), not
            // words in its message.
            .any(|f| f.error.message.contains("does not list")
                && matches!(f.error.code, ErrorCode::BusinessNotListed { .. })
                && f.error.action == Action::SignIn),
        "{report:#?}"
    );
    let status = core.status(b.business_id).await.unwrap();
    assert_eq!(status.count(OpState::Pending), 1, "{:#?}", status.open_ops);

    // Signed in as a member again: the business is back and the edit goes out.
    emu.shutdown().await;
    std::fs::write(&state_file, &original).unwrap();
    let mut config = freshbooks_emulator::Config::for_tests();
    config.state_file = Some(state_file.clone());
    let emu = freshbooks_emulator::Emulator::start(config).await.unwrap();
    let client = crate::signed_in_client(&emu);
    core.set_client(client.clone());
    core.refresh_businesses().await.unwrap();
    let report = core.sync(Scope::All, false).await.unwrap();
    assert!(report.ok(), "{report:#?}");
    let clients = remote(&client, &b, Entity::Clients).await;
    let n = clients
        .values()
        .filter(|c| c["organization"] == json!("Unsent Co"))
        .count();
    assert_eq!(n, 1);
}

/// A client created offline and then edited offline: once the create has reached FreshBooks
/// (the client now has FreshBooks' id) the edit, still waiting, can be undone like any other.
/// Undo used to look the client up under its old local id and fail with "not found".
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_6_undo_an_edit_of_a_client_created_offline_after_its_create_was_sent() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let local = h
        .core
        .create_client(
            b.business_id,
            new_client("Fresh Co", Some("fresh@example.com")),
        )
        .await
        .unwrap();
    let edit = h
        .core
        .update_client(b.business_id, local, email_update("typo@example.com"))
        .await
        .unwrap();
    // The create goes through; everything about the existing client is rate limited for long.
    h.emu.control().set_faults(freshbooks_emulator::Faults {
        rate_limit_per_mille: 1000,
        retry_after_secs: Some(600),
        path_contains: Some("users/clients/".into()),
        ..Default::default()
    });
    let core = h.core.clone();
    let syncing = tokio::spawn(async move { core.sync(Scope::Current, false).await });
    let mut created = false;
    for _ in 0..100 {
        let open = h.core.status(b.business_id).await.unwrap().open_ops;
        if open.len() == 1 && open[0].seq == edit {
            created = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(created, "the create was sent");
    h.core.shutdown().await;
    let _ = syncing.await;
    h.emu.control().clear_faults();

    // The app started again: a new client, which does not remember FreshBooks' request to wait
    // ten minutes (the old one holds every request back until then).
    let client = crate::signed_in_client(&h.emu);
    let core = crate::open_core(h.dir.path(), client.clone());
    core.undo(b.business_id, edit).await.expect("undo");
    let clients = core.export(b.business_id, Entity::Clients).await.unwrap();
    let fresh = clients
        .iter()
        .find(|c| c["organization"] == json!("Fresh Co"))
        .expect("the created client");
    assert!(fresh["id"].as_i64().unwrap() > 0);
    assert_eq!(fresh["email"], json!("fresh@example.com"));
    core.sync(Scope::Current, false).await.unwrap();
    let remote_clients = remote(&client, &b, Entity::Clients).await;
    let theirs = remote_clients
        .values()
        .find(|c| c["organization"] == json!("Fresh Co"))
        .unwrap();
    assert_eq!(theirs["email"], json!("fresh@example.com"));
}

/// Clearing a field is an edit like any other: a cleared text field reaches FreshBooks (it used
/// to be left out of the update, so FreshBooks kept the old value and the next sync brought it
/// back), and a field FreshBooks cannot clear is refused at once with the reason.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_6_clearing_a_field_reaches_freshbooks_or_is_refused_at_once() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let clients = remote(&h.client, &b, Entity::Clients).await;
    let (&id, _) = clients
        .iter()
        .find(|(_, c)| {
            c["organization"].as_str().is_some_and(|o| !o.is_empty())
                && c["p_city"].as_str().is_some_and(|c| !c.is_empty())
        })
        .expect("a client with an organization and a city");
    h.core
        .update_client(
            b.business_id,
            id,
            // An empty text clears the field.
            ClientUpdate {
                city: Some(String::new()),
                ..ClientUpdate::default()
            },
        )
        .await
        .unwrap();
    sync_until_sent(&h, &b, 3).await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let theirs = &remote(&h.client, &b, Entity::Clients).await[&id];
    assert_eq!(theirs["p_city"], json!(""), "{theirs}");
    let ours = h.core.export(b.business_id, Entity::Clients).await.unwrap();
    let ours = ours.iter().find(|c| c["id"] == json!(id)).unwrap();
    assert_eq!(ours["p_city"], json!(""), "{ours}");

    // A field FreshBooks cannot clear (a time entry's `project_id`) can no longer be asked to be
    // cleared: `TimeEntryUpdate` has no way to say it. The refusal of such a stored change (one
    // queued by an older Ledgerline) is checked where fields are still FreshBooks' maps, in
    // `edit::tests::issue_6_a_field_freshbooks_cannot_clear_is_refused_at_once`.
    let status = h.core.status(b.business_id).await.unwrap();
    assert!(status.open_ops.is_empty(), "{:#?}", status.open_ops);
}

/// The UI or a script may hold a record's offline id after its create was sent (the record now
/// has FreshBooks' id). An edit made with the old id edits that record, exactly once: it used to
/// miss the record it meant.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_6_an_edit_by_the_offline_id_after_the_create_was_sent_edits_the_record() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let client = h
        .core
        .create_client(b.business_id, new_client("Stale Id Co", None))
        .await
        .unwrap();
    let entry = h
        .core
        .create_time_entry(
            b.business_id,
            new_entry("2026-03-02T09:00:00Z", 600, "first", None),
        )
        .await
        .unwrap();
    assert!(client < 0 && entry < 0);
    sync_until_sent(&h, &b, 3).await;

    h.core
        .update_client(b.business_id, client, email_update("stale@example.com"))
        .await
        .expect("an edit by the offline id");
    h.core
        .update_time_entry(
            b.business_id,
            entry,
            TimeEntryUpdate {
                note: Some("second".into()),
                ..TimeEntryUpdate::default()
            },
        )
        .await
        .expect("an edit by the offline id");
    h.core
        .set_client_visibility(b.business_id, client, VisState::Archived)
        .await
        .expect("an archive by the offline id");

    // The mirror has each record once, under FreshBooks' id, with the edits.
    let ours = h.core.export(b.business_id, Entity::Clients).await.unwrap();
    let mine: Vec<_> = ours
        .iter()
        .filter(|c| c["organization"] == json!("Stale Id Co"))
        .collect();
    assert_eq!(mine.len(), 1, "{mine:#?}");
    assert!(mine[0]["id"].as_i64().unwrap() > 0, "{}", mine[0]);
    assert_eq!(mine[0]["email"], json!("stale@example.com"));
    let ours = h
        .core
        .export(b.business_id, Entity::TimeEntries)
        .await
        .unwrap();
    assert!(
        ours.iter().all(|e| e["id"] != json!(entry)),
        "no row under the offline id"
    );
    assert_eq!(
        ours.iter().filter(|e| e["note"] == json!("second")).count(),
        1
    );

    // FreshBooks gets each edit once, on the record it was meant for.
    sync_until_sent(&h, &b, 3).await;
    let theirs = remote(&h.client, &b, Entity::Clients).await;
    let theirs: Vec<_> = theirs
        .values()
        .filter(|c| c["organization"] == json!("Stale Id Co"))
        .collect();
    assert_eq!(theirs.len(), 1, "{theirs:#?}");
    assert_eq!(theirs[0]["email"], json!("stale@example.com"));
    assert_eq!(theirs[0]["vis_state"], json!(2));
    let theirs = remote(&h.client, &b, Entity::TimeEntries).await;
    assert_eq!(
        theirs
            .values()
            .filter(|e| e["note"] == json!("second"))
            .count(),
        1
    );
    assert_eq!(
        theirs
            .values()
            .filter(|e| e["note"] == json!("first"))
            .count(),
        0
    );
}

// `issue_6_a_field_the_payload_cannot_carry_is_refused_at_once` (a client's `vat_number`, a
// time entry's `task_id` on update) cannot be written against the public API any more: its
// payloads (`NewClient`, `ClientUpdate`, `TimeEntryUpdate`) have no such fields. It lives on in
// `edit::tests`, where an edit's fields are still FreshBooks' maps.
