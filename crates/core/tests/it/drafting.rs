//! Drafting an invoice from time: one operation that creates the invoice and marks the entries
//! billed, finished on the next run when a failure falls between the two steps.

use freshbooks_emulator::FaultKind;
use ledgerline_core::{Entity, Scope};
use ledgerline_model::draft::{DraftRequest, Grouping, Rounding, RoundingMode};
use ledgerline_model::entity::UserBusiness;
use ledgerline_model::ids::ClientId;
use ledgerline_model::money::CurrencyCode;
use ledgerline_model::outbox::OpState;
use ledgerline_model::views::TimeFilter;
use serde_json::json;

use crate::Harness;
use crate::sync::remote;

pub async fn draft_for_busiest_client(h: &Harness) -> (UserBusiness, ClientId, Vec<i64>) {
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let unbilled = h
        .core
        .unbilled_time(b.business_id, TimeFilter::default())
        .await
        .unwrap();
    let mut per_client = std::collections::BTreeMap::<i64, usize>::new();
    for e in &unbilled {
        if let Some(c) = e.client_id {
            *per_client.entry(c.get()).or_default() += 1;
        }
    }
    let (&client, _) = per_client
        .iter()
        .max_by_key(|(_, n)| **n)
        .expect("unbilled time");
    let entries = unbilled
        .iter()
        .filter(|e| e.client_id == Some(ClientId(client)))
        .map(|e| e.id.get())
        .collect();
    (b, ClientId(client), entries)
}

pub fn request(client: ClientId) -> DraftRequest {
    DraftRequest {
        client,
        from: None,
        to: None,
        grouping: Grouping::ByProject,
        rounding: Rounding {
            increment_seconds: 900,
            mode: RoundingMode::Up,
            minimum_seconds: 0,
        },
        taxes: vec![],
        currency: CurrencyCode::new("CAD").unwrap(),
        create_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        business_rate: Some(rust_decimal::Decimal::from(100)),
        projects: Vec::new(),
        exclude: Vec::new(),
        include_non_billable: false,
        project_rounding: Vec::new(),
        template: String::new(),
    }
}

pub async fn assert_drafted_once(
    h: &Harness,
    b: &UserBusiness,
    client: ClientId,
    entries: &[i64],
    n_lines: usize,
) {
    let invoices = remote(&h.client, b, Entity::Invoices).await;
    let ours: Vec<_> = invoices
        .values()
        .filter(|i| {
            i["customerid"] == json!(client.get()) && i["create_date"] == json!("2026-11-20")
        })
        .collect();
    assert_eq!(ours.len(), 1, "{ours:#?}");
    assert_eq!(ours[0]["lines"].as_array().map(Vec::len), Some(n_lines));
    let time = remote(&h.client, b, Entity::TimeEntries).await;
    for id in entries {
        assert_eq!(time[id]["billed"], json!(true), "entry {id}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn draft_from_time_creates_the_invoice_and_bills_the_entries() {
    let h = Harness::start().await;
    let (b, client, entries) = draft_for_busiest_client(&h).await;
    let (local, draft) = h
        .core
        .draft_invoice(b.business_id, &request(client))
        .await
        .unwrap();
    assert!(local < 0);
    assert_eq!(draft.entries().len(), entries.len());
    // Offline, at once: the entries no longer show as unbilled.
    let left = h
        .core
        .unbilled_time(
            b.business_id,
            TimeFilter {
                client: Some(client),
                ..TimeFilter::default()
            },
        )
        .await
        .unwrap();
    assert!(left.is_empty());
    h.core.sync(Scope::Current, false).await.unwrap();
    assert!(
        h.core
            .status(b.business_id)
            .await
            .unwrap()
            .open_ops
            .is_empty()
    );
    assert_drafted_once(&h, &b, client, &entries, draft.lines.len()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn draft_interrupted_between_steps_is_finished_once() {
    let h = Harness::start().await;
    let (b, client, entries) = draft_for_busiest_client(&h).await;
    let (_, draft) = h
        .core
        .draft_invoice(b.business_id, &request(client))
        .await
        .unwrap();
    // The invoice is created but its answer is lost; then marking the first entry fails too.
    h.emu.control().set_faults(freshbooks_emulator::Faults {
        script: vec![FaultKind::DropAfterCommit],
        path_contains: Some("invoices".into()),
        ..Default::default()
    });
    let _ = h.core.sync(Scope::Current, false).await;
    h.emu.control().set_faults(freshbooks_emulator::Faults {
        script: vec![FaultKind::Reset, FaultKind::DropAfterCommit],
        path_contains: Some("time_entries/".into()),
        ..Default::default()
    });
    for _ in 0..5 {
        let _ = h.core.sync(Scope::Current, false).await;
    }
    let status = h.core.status(b.business_id).await.unwrap();
    assert!(status.open_ops.is_empty(), "{:#?}", status.open_ops);
    let all = h.core.changes(b.business_id).await.unwrap();
    assert!(all.iter().all(|q| q.state == OpState::Done));
    assert_drafted_once(&h, &b, client, &entries, draft.lines.len()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entries_of_a_deleted_invoice_are_found_and_repaired() {
    let h = Harness::start().await;
    let (b, client, entries) = draft_for_busiest_client(&h).await;
    let (local, _) = h
        .core
        .draft_invoice(b.business_id, &request(client))
        .await
        .unwrap();
    h.core.sync(Scope::Current, false).await.unwrap();
    assert!(
        h.core
            .orphaned_billed_entries(b.business_id)
            .await
            .unwrap()
            .is_empty()
    );
    let invoice = h
        .core
        .remote_id_of(b.business_id, Entity::Invoices, local)
        .await
        .unwrap()
        .expect("the invoice was numbered");
    h.client
        .invoices(&b.account_id)
        .delete(ledgerline_model::ids::InvoiceId(invoice))
        .await
        .unwrap();
    h.core.sync(Scope::Current, false).await.unwrap();
    let orphans = h.core.orphaned_billed_entries(b.business_id).await.unwrap();
    assert_eq!(orphans.len(), entries.len(), "{orphans:?}");
    assert_eq!(
        h.core.repair_orphans(b.business_id).await.unwrap(),
        entries.len()
    );
    h.core.sync(Scope::Current, false).await.unwrap();
    let time = remote(&h.client, &b, Entity::TimeEntries).await;
    for id in &entries {
        assert_eq!(time[id]["billed"], json!(false), "entry {id}");
    }
    assert!(
        h.core
            .orphaned_billed_entries(b.business_id)
            .await
            .unwrap()
            .is_empty()
    );
}

/// The invoice of a draft-from-time is in FreshBooks, then marking an entry is refused (it was
/// deleted there): the operation cannot be "undone" any more, because undoing would tell the user
/// that nothing happened while the invoice stays in FreshBooks.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_6_a_partly_sent_draft_cannot_be_undone() {
    let h = Harness::start().await;
    let (b, client, entries) = draft_for_busiest_client(&h).await;
    assert!(entries.len() >= 2, "need two entries: {entries:?}");
    h.core
        .draft_invoice(b.business_id, &request(client))
        .await
        .unwrap();
    // The last entry goes away in FreshBooks before the draft is sent.
    let last = *entries.last().unwrap();
    h.client
        .time_entries(b.business_id)
        .delete(ledgerline_model::ids::TimeEntryId(last))
        .await
        .unwrap();
    let _ = h.core.sync(Scope::Current, false).await;
    let status = h.core.status(b.business_id).await.unwrap();
    let op = status
        .open_ops
        .iter()
        .find(|q| q.state == OpState::Rejected)
        .unwrap_or_else(|| panic!("a refused draft: {:#?}", status.open_ops))
        .clone();
    assert!(op.step >= 1, "the invoice step is done: {op:#?}");
    let err = h.core.undo(b.business_id, op.seq).await.unwrap_err();
    assert!(err.to_string().contains("can no longer be undone"), "{err}");
    // The mirror still shows what FreshBooks has: the invoice and the entries billed so far.
    let invoices = remote(&h.client, &b, Entity::Invoices).await;
    let ours = invoices
        .values()
        .filter(|i| {
            i["customerid"] == json!(client.get()) && i["create_date"] == json!("2026-11-20")
        })
        .count();
    assert_eq!(ours, 1);
    let mirrored = h
        .core
        .export(b.business_id, Entity::Invoices)
        .await
        .unwrap();
    assert!(
        mirrored
            .iter()
            .any(|i| i["customerid"] == json!(client.get())
                && i["create_date"] == json!("2026-11-20"))
    );
    let first = entries[0];
    let local = h
        .core
        .export(b.business_id, Entity::TimeEntries)
        .await
        .unwrap();
    let entry = local.iter().find(|e| e["id"] == json!(first)).unwrap();
    assert_eq!(entry["billed"], json!(true));
}
