//! Issue 13, item 8: when a record's last pending change leaves the queue (undone, or settled by
//! taking FreshBooks' values), what FreshBooks changed meanwhile in the record's *other* fields —
//! skipped by the pulls while the change was pending — reaches the mirror on the next sync, not
//! with the next daily full read.

use std::time::Duration;

use ledgerline_core::{Entity, Scope};
use ledgerline_model::entity::ClientUpdate;
use ledgerline_model::ids::ClientId;
use ledgerline_model::outbox::{OpState, Resolution};

use crate::Harness;
use crate::sync::remote;

/// How a test lets the pending change go.
enum LetGo {
    Undo,
    TakeFreshBooks,
}

/// A client edited here (email) while FreshBooks changes the same email and its city; the sync
/// finds the conflict and skips the record; a day passes in FreshBooks; the change is let go.
/// Returns the harness, the business and the client's id.
async fn skipped_remote_change(
    let_go: LetGo,
) -> (Harness, ledgerline_model::entity::UserBusiness, i64) {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let client = *remote(&h.client, &b, Entity::Clients)
        .await
        .keys()
        .next()
        .unwrap();
    let seq = h
        .core
        .update_client(
            b.business_id,
            client,
            ClientUpdate {
                email: Some("mine@example.com".into()),
                ..ClientUpdate::default()
            },
        )
        .await
        .unwrap();
    h.client
        .clients(&b.account_id)
        .update(
            ClientId(client),
            &ClientUpdate {
                email: Some("theirs@example.com".into()),
                city: Some("Trois-Rivières".into()),
                ..ClientUpdate::default()
            },
        )
        .await
        .unwrap();
    // FreshBooks' clock moves on: the pulls from now on ask only for what changed since.
    h.emu
        .control()
        .advance_clock(Duration::from_secs(2 * 24 * 3600));
    h.core.sync(Scope::Current, false).await.unwrap();
    let status = h.core.status(b.business_id).await.unwrap();
    assert_eq!(status.count(OpState::Conflict), 1, "{:#?}", status.open_ops);
    let local = h
        .core
        .record(b.business_id, Entity::Clients, client)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(local["p_city"], "Trois-Rivières", "skipped while pending");
    match let_go {
        LetGo::Undo => h.core.undo(b.business_id, seq).await.unwrap(),
        LetGo::TakeFreshBooks => {
            let conflict = status.conflicts[0].id;
            h.core
                .resolve_conflict(b.business_id, conflict, Resolution::TakeFreshBooks)
                .await
                .unwrap();
        }
    }
    (h, b, client)
}

async fn assert_mirror_has_freshbooks_fields(
    h: &Harness,
    b: &ledgerline_model::entity::UserBusiness,
    client: i64,
) {
    h.core.sync(Scope::Current, false).await.unwrap();
    let local = h
        .core
        .record(b.business_id, Entity::Clients, client)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(local["p_city"], "Trois-Rivières", "{local:#}");
    assert_eq!(local["email"], "theirs@example.com", "{local:#}");
    let status = h.core.status(b.business_id).await.unwrap();
    assert!(status.open_ops.is_empty(), "{:#?}", status.open_ops);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_undo_the_next_sync_shows_what_freshbooks_changed_meanwhile() {
    let (h, b, client) = skipped_remote_change(LetGo::Undo).await;
    assert_mirror_has_freshbooks_fields(&h, &b, client).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_taking_freshbooks_values_the_next_sync_shows_its_other_changes_too() {
    let (h, b, client) = skipped_remote_change(LetGo::TakeFreshBooks).await;
    assert_mirror_has_freshbooks_fields(&h, &b, client).await;
}

/// Issue 13, item 5 (second half): orphan repair asks FreshBooks before unbilling. An invoice
/// deleted in FreshBooks and then restored there still bills its time; the mirror, not yet
/// synced, still calls it deleted; repairing must not unbill what FreshBooks has billed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn orphan_repair_checks_freshbooks_before_unbilling() {
    let h = Harness::start().await;
    let (b, client, entries) = crate::drafting::draft_for_busiest_client(&h).await;
    let (local, _) = h
        .core
        .draft_invoice(b.business_id, &crate::drafting::request(client))
        .await
        .unwrap();
    h.core.sync(Scope::Current, false).await.unwrap();
    let invoice = h
        .core
        .remote_id_of(b.business_id, Entity::Invoices, local)
        .await
        .unwrap()
        .expect("the invoice was numbered");
    let invoices = h.client.invoices(&b.account_id);
    invoices
        .delete(ledgerline_model::ids::InvoiceId(invoice))
        .await
        .unwrap();
    h.core.sync(Scope::Current, false).await.unwrap();
    let orphans = h.core.orphaned_billed_entries(b.business_id).await.unwrap();
    assert_eq!(orphans.len(), entries.len(), "{orphans:?}");
    // Someone restores the invoice on the website before the repair.
    invoices
        .restore(ledgerline_model::ids::InvoiceId(invoice))
        .await
        .unwrap();
    assert_eq!(h.core.repair_orphans(b.business_id).await.unwrap(), 0);
    h.core.sync(Scope::Current, false).await.unwrap();
    let time = remote(&h.client, &b, Entity::TimeEntries).await;
    for id in &entries {
        assert_eq!(time[id]["billed"], true, "entry {id} stays billed");
    }
    assert!(
        h.core
            .orphaned_billed_entries(b.business_id)
            .await
            .unwrap()
            .is_empty(),
        "the restored invoice is mirrored again"
    );
}

/// A record marked for reading again that FreshBooks no longer has stays in the mirror while a
/// change to it is pending: the change is refused with FreshBooks' reason when it is sent, and
/// undoing it still finds its record.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_read_again_and_gone_stays_while_a_change_to_it_waits() {
    let (h, b, client) = skipped_remote_change(LetGo::Undo).await;
    // Edited again here, while it is deleted in FreshBooks.
    let seq = h
        .core
        .update_client(
            b.business_id,
            client,
            ClientUpdate {
                note: Some("call back".into()),
                ..ClientUpdate::default()
            },
        )
        .await
        .unwrap();
    h.client
        .clients(&b.account_id)
        .delete(ClientId(client))
        .await
        .unwrap();
    // FreshBooks answers the record's reads with 404 (gone for good).
    h.emu
        .control()
        .hide_resource(freshbooks_emulator::ReadDenial {
            resource: "clients".into(),
            business: Some(b.account_id.to_string()),
        });
    let _ = h.core.sync(Scope::Current, false).await;
    assert!(
        h.core
            .record(b.business_id, Entity::Clients, client)
            .await
            .unwrap()
            .is_some(),
        "the record of a waiting change left the mirror"
    );
    h.emu.control().clear_hidden_resources();
    let _ = h.core.undo(b.business_id, seq).await;
    let status = h.core.status(b.business_id).await.unwrap();
    assert!(
        status.open_ops.iter().all(|q| q.seq != seq),
        "the change can still be let go: {:#?}",
        status.open_ops
    );
}
