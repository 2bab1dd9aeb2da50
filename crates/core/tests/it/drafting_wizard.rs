//! The drafting wizard through the core (issue 12): what it reads to start, and "Save draft"
//! billing the same time once however it is asked for (twice in a row, by two Ledgerlines on
//! one data folder at once), refusing a draft that changed since its preview, and checking the
//! entries in FreshBooks before the invoice is sent.

use ledgerline_core::{Entity, Scope};
use ledgerline_model::draft::{DraftRequest, Grouping, RateSource};
use ledgerline_model::entity::UserBusiness;
use ledgerline_model::error::ErrorCode;
use ledgerline_model::ids::{ClientId, IdentityId, TimeEntryId};
use ledgerline_model::ipc::{DraftingSetupArgs, SaveDraftArgs};
use ledgerline_model::outbox::OpState;
use rust_decimal::Decimal;

use crate::sync::remote;
use crate::{Harness, open_core};

/// The colleague who logs every third seeded entry (the emulator's seed).
const COLLEAGUE: i64 = 4_201_002;

/// The client with the most unbilled entries of the colleague's, and the request to draft it.
async fn client_with_team_time(h: &Harness) -> (UserBusiness, ClientId, DraftRequest) {
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let setup = h
        .core
        .drafting_setup(b.business_id, DraftingSetupArgs::default())
        .await
        .unwrap();
    assert!(!setup.clients.is_empty());
    let mut best = None;
    for c in &setup.clients {
        let one = h
            .core
            .drafting_setup(
                b.business_id,
                DraftingSetupArgs {
                    client: Some(c.id),
                    ..DraftingSetupArgs::default()
                },
            )
            .await
            .unwrap();
        let theirs = one
            .entries
            .iter()
            .filter(|e| e.member == Some(IdentityId(COLLEAGUE)) && e.billable)
            .count();
        if best.as_ref().is_none_or(|(n, _)| theirs > *n) {
            best = Some((theirs, c.clone()));
        }
    }
    let (theirs, client) = best.unwrap();
    assert!(theirs > 0, "no client with a colleague's billable time");
    let mut request = crate::drafting::request(client.id);
    request.currency = client.currency.clone();
    request.grouping = Grouping::ByService;
    (b, client.id, request)
}

fn save_args(draft: &ledgerline_model::draft::Draft, request: &DraftRequest) -> SaveDraftArgs {
    SaveDraftArgs {
        request: request.clone(),
        expected_entries: draft.entries(),
        expected_total: draft.total.clone(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_setup_lists_every_members_time_and_remembers_the_choices() {
    let h = Harness::start().await;
    let (b, client, request) = client_with_team_time(&h).await;
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
    assert_eq!(setup.client.as_ref().map(|c| c.id), Some(client));
    // The colleague's time is there (time entries are read with team=true), not as the user's;
    // the user's own carry their name, from their identity.
    let colleague: Vec<_> = setup
        .entries
        .iter()
        .filter(|e| e.member == Some(IdentityId(COLLEAGUE)))
        .collect();
    assert!(!colleague.is_empty());
    assert!(colleague.iter().all(|e| !e.mine && e.member_name.is_none()));
    let mine: Vec<_> = setup.entries.iter().filter(|e| e.mine).collect();
    assert!(!mine.is_empty());
    assert!(mine.iter().all(|e| e.member_name.is_some()), "{mine:#?}");
    // Totals agree with the entries, oldest first, each project's time summed.
    assert_eq!(
        setup.total_seconds,
        setup
            .entries
            .iter()
            .map(|e| e.duration_seconds)
            .sum::<i64>()
    );
    assert!(
        setup
            .entries
            .windows(2)
            .all(|w| w[0].started_at <= w[1].started_at)
    );
    let projects: i64 = setup.projects.iter().map(|(_, _, s)| s).sum();
    let with_project: i64 = setup
        .entries
        .iter()
        .filter(|e| e.project.is_some())
        .map(|e| e.duration_seconds)
        .sum();
    assert_eq!(projects, with_project);
    // The business's taxes, from the mirror.
    assert!(!setup.taxes.is_empty());
    // No rate remembered yet: some time bills at the business rate, so it is asked for.
    assert_eq!(setup.business_rate, None);
    assert!(setup.needs_business_rate);
    h.core
        .set_business_rate(b.business_id, Some(Decimal::new(9550, 2)))
        .await
        .unwrap();
    // A project filter keeps that project's time only, and still lists every project.
    let first_project = setup.projects[0].0;
    let filtered = h
        .core
        .drafting_setup(
            b.business_id,
            DraftingSetupArgs {
                client: Some(client),
                projects: vec![first_project],
                ..DraftingSetupArgs::default()
            },
        )
        .await
        .unwrap();
    assert!(
        filtered
            .entries
            .iter()
            .all(|e| e.project == Some(first_project))
    );
    assert_eq!(filtered.projects, setup.projects);
    assert_eq!(filtered.business_rate, Some(Decimal::new(955, 1)));
    assert!(!filtered.needs_business_rate);

    // Saving remembers the layout, rounding and template for the client.
    let mut request = request;
    request.business_rate = None;
    request.template = "{service}: {note}".into();
    request.rounding.minimum_seconds = 1800;
    let draft = h.core.preview_draft(b.business_id, &request).await.unwrap();
    // The remembered business rate is used where it applies.
    for line in draft
        .lines
        .iter()
        .filter(|l| l.rate_source == RateSource::Business)
    {
        assert_eq!(line.rate.amount, Decimal::new(9550, 2));
    }
    h.core
        .save_draft(b.business_id, save_args(&draft, &request))
        .await
        .unwrap();
    let after = h
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
    assert_eq!(after.choices.grouping, Grouping::ByService);
    assert_eq!(after.choices.template, "{service}: {note}");
    assert_eq!(after.choices.rounding.minimum_seconds, 1800);
    // Its billable time is drafted; what is left is not billable (or in doubt).
    assert!(after.entries.iter().all(|e| !e.billable || e.in_doubt));
}

/// A double click: the second "Save draft" of the same preview is refused, naming the entries.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saving_the_same_draft_twice_is_refused() {
    let h = Harness::start().await;
    let (b, client, request) = client_with_team_time(&h).await;
    let draft = h.core.preview_draft(b.business_id, &request).await.unwrap();
    let saved = h
        .core
        .save_draft(b.business_id, save_args(&draft, &request))
        .await
        .unwrap();
    assert!(saved.invoice < 0);
    assert_eq!(saved.entries, draft.entries().len());
    assert_eq!(saved.total, draft.total);
    let again = h
        .core
        .save_draft(b.business_id, save_args(&draft, &request))
        .await
        .unwrap_err()
        .to_payload();
    assert!(
        matches!(&again.code, ErrorCode::EntriesAlreadyBilled { entries } if !entries.is_empty()),
        "{again:?}"
    );
    // One change, holding the invoice and the billing of its entries; sent once.
    let changes = h.core.changes(b.business_id).await.unwrap();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!(Some(changes[0].seq), saved.seq);
    crate::outbox::sync_until_sent(&h, &b, 3).await;
    let ids: Vec<i64> = draft.entries().iter().map(|e| e.get()).collect();
    crate::drafting::assert_drafted_once(&h, &b, client, &ids, draft.lines.len()).await;
    // After the sync the time is billed: refused again.
    let late = h
        .core
        .save_draft(b.business_id, save_args(&draft, &request))
        .await
        .unwrap_err()
        .to_payload();
    assert_eq!(late.code.name(), "entries_already_billed", "{late:?}");
}

/// Two Ledgerlines on one data folder (the desktop app and the command line, or two windows)
/// save the same draft at once: exactly one is saved, the other refused as already billed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_cores_saving_the_same_draft_at_once_bill_it_once() {
    let h = Harness::start().await;
    let (b, client, request) = client_with_team_time(&h).await;
    let other = open_core(h.dir.path(), crate::signed_in_client(&h.emu));
    let draft = h.core.preview_draft(b.business_id, &request).await.unwrap();
    for round in 0..3 {
        let args = save_args(&draft, &request);
        let (first, second) = tokio::join!(
            h.core.save_draft(b.business_id, args.clone()),
            other.save_draft(b.business_id, args)
        );
        let results = [first, second];
        let made = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(made, usize::from(round == 0), "round {round}: {results:?}");
        for r in results.iter().filter_map(|r| r.as_ref().err()) {
            assert_eq!(
                r.to_payload().code.name(),
                "entries_already_billed",
                "round {round}: {r}"
            );
        }
    }
    assert_eq!(h.core.changes(b.business_id).await.unwrap().len(), 1);
    crate::outbox::sync_until_sent(&h, &b, 3).await;
    let ids: Vec<i64> = draft.entries().iter().map(|e| e.get()).collect();
    crate::drafting::assert_drafted_once(&h, &b, client, &ids, draft.lines.len()).await;
}

/// The preview the user saw is no longer what would be saved (an entry was logged meanwhile, or
/// the total differs): nothing is saved, `draft_changed`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_that_changed_since_its_preview_is_not_saved() {
    let h = Harness::start().await;
    let (b, client, request) = client_with_team_time(&h).await;
    let draft = h.core.preview_draft(b.business_id, &request).await.unwrap();
    // Another total than the one shown.
    let mut args = save_args(&draft, &request);
    args.expected_total.amount += Decimal::ONE;
    let err = h
        .core
        .save_draft(b.business_id, args)
        .await
        .unwrap_err()
        .to_payload();
    assert_eq!(err.code, ErrorCode::DraftChanged);
    // New time for the client, logged in another window after the preview.
    h.core
        .create_time_entry(
            b.business_id,
            crate::outbox::new_entry(
                "2026-05-07T09:00:00Z",
                1800,
                "logged after the preview",
                Some(client.get()),
            ),
        )
        .await
        .unwrap();
    let err = h
        .core
        .save_draft(b.business_id, save_args(&draft, &request))
        .await
        .unwrap_err()
        .to_payload();
    assert_eq!(err.code, ErrorCode::DraftChanged);
    // Only the new entry's create is queued: no draft was.
    let changes = h.core.changes(b.business_id).await.unwrap();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    // The preview shown again saves.
    let again = h.core.preview_draft(b.business_id, &request).await.unwrap();
    assert_eq!(again.entries().len(), draft.entries().len() + 1);
    h.core
        .save_draft(b.business_id, save_args(&again, &request))
        .await
        .unwrap();
}

/// Saved offline; before it is sent, someone bills one of its entries on the FreshBooks
/// website: the entries are read from FreshBooks first, so no invoice is made for that time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_draft_is_checked_against_freshbooks_before_its_invoice_is_sent() {
    let h = Harness::start().await;
    let (b, _client, request) = client_with_team_time(&h).await;
    let invoices_before = remote(&h.client, &b, Entity::Invoices).await.len();
    let draft = h.core.preview_draft(b.business_id, &request).await.unwrap();
    let saved = h
        .core
        .save_draft(b.business_id, save_args(&draft, &request))
        .await
        .unwrap();
    let billed_there = draft.entries()[0];
    h.client
        .time_entries(b.business_id)
        .mark_billed(billed_there, true)
        .await
        .unwrap();
    let _ = h.core.sync(Scope::Current, false).await;
    assert_eq!(
        remote(&h.client, &b, Entity::Invoices).await.len(),
        invoices_before,
        "an invoice was made for time billed in FreshBooks"
    );
    let op = h
        .core
        .changes(b.business_id)
        .await
        .unwrap()
        .into_iter()
        .find(|q| Some(q.seq) == saved.seq)
        .unwrap();
    assert_eq!(op.state, OpState::Rejected, "{op:#?}");
    assert_eq!(
        op.last_error.map(|e| e.code),
        Some(ErrorCode::BilledInFreshBooks {
            entries: vec![TimeEntryId(billed_there.get())]
        })
    );
}
