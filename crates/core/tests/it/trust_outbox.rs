//! Issue 13, group A: the outbox cannot lose, double or double-bill through undo racing a push,
//! operations in doubt, temporary local failures, or time drafted twice.
//!
//! Where a scenario has two Ledgerlines on one data folder (the desktop app and the CLI), the
//! second one is a real process: this test binary again, running [`trust_outbox_child`] with
//! `LEDGERLINE_TRUST_OUTBOX_CHILD` set (without it that test does nothing).

use std::process::{Command, Stdio};
use std::time::Duration;

use freshbooks_emulator::{FaultKind, Faults, ReadDenial};
use ledgerline_core::{Core, Scope};
use ledgerline_model::entity::{Entity, UserBusiness};
use ledgerline_model::error::{ErrorCode, ErrorPayload};
use ledgerline_model::ids::BusinessId;
use ledgerline_model::outbox::OpState;
use serde_json::json;

use crate::outbox::{email_update, new_client};
use crate::sync::remote;
use crate::{Harness, open_core};

const CHILD_ENV: &str = "LEDGERLINE_TRUST_OUTBOX_CHILD";

/// The other process: opens the data folder and does one thing, printing its result on a line of
/// its own (`RESULT ok` or `RESULT err <payload>`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trust_outbox_child() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let spec: serde_json::Value = serde_json::from_str(&spec).unwrap();
    let core = Core::open(ledgerline_core::CoreConfig {
        data_dir: spec["dir"].as_str().unwrap().into(),
        schedule: ledgerline_core::Schedule::default(),
    })
    .unwrap();
    let business = BusinessId(spec["business"].as_i64().unwrap());
    let res = match spec["do"].as_str().unwrap() {
        "undo" => core.undo(business, spec["seq"].as_i64().unwrap()).await,
        other => panic!("unknown child task {other}"),
    };
    match res {
        Ok(()) => println!("RESULT ok"),
        Err(e) => println!(
            "RESULT err {}",
            serde_json::to_string(&e.to_payload()).unwrap()
        ),
    }
}

/// Runs [`trust_outbox_child`] in another process on `h`'s data folder and returns its result.
async fn in_other_process(
    h: &Harness,
    b: &UserBusiness,
    task: serde_json::Value,
) -> Result<(), ErrorPayload> {
    let mut spec = task;
    spec["dir"] = json!(h.dir.path());
    spec["business"] = json!(b.business_id.get());
    let exe = std::env::current_exe().unwrap();
    let out = tokio::task::spawn_blocking(move || {
        Command::new(exe)
            .args([
                "--exact",
                "trust_outbox::trust_outbox_child",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env(CHILD_ENV, spec.to_string())
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find_map(|l| l.split_once("RESULT ").map(|(_, r)| r.trim()))
        .unwrap_or_else(|| panic!("the child said nothing: {stdout}"));
    match line.strip_prefix("err ") {
        None => Ok(()),
        Some(payload) => Err(serde_json::from_str(payload).unwrap()),
    }
}

/// Polls until `f` holds (at most ten seconds).
async fn wait_until<F, Fut>(what: &str, mut f: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..2000 {
        if f().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("timed out waiting for {what}");
}

async fn state_of(core: &Core, b: &UserBusiness, seq: i64) -> OpState {
    core.changes(b.business_id)
        .await
        .unwrap()
        .into_iter()
        .find(|q| q.seq == seq)
        .map(|q| q.state)
        .expect("the change")
}

async fn count_remote(
    h: &Harness,
    b: &UserBusiness,
    entity: Entity,
    field: &str,
    value: &str,
) -> usize {
    remote(&h.client, b, entity)
        .await
        .values()
        .filter(|r| r[field] == json!(value))
        .count()
}

/// Item 1: the push read the queue, then sent each operation it had read without looking at its
/// state again, so a create undone (here by another process, as `ledgerline-cli undo` during the
/// app's sync) while an earlier one was on its way was sent anyway.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undo_during_a_running_push_never_sends_the_undone_create() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    h.core
        .create_client(b.business_id, new_client("Sent First Co", None))
        .await
        .unwrap();
    h.core
        .create_client(b.business_id, new_client("Undone Meanwhile Co", None))
        .await
        .unwrap();
    let ops = h.core.changes(b.business_id).await.unwrap();
    let (first, second) = (ops[0].seq, ops[1].seq);
    // Slow answers, so the first create is on its way while the other process undoes the second.
    h.emu.control().set_latency(Duration::from_millis(1500));
    let core = h.core.clone();
    let syncing = tokio::spawn(async move { core.sync(Scope::Current, false).await });
    wait_until("the first create on its way", || async {
        state_of(&h.core, &b, first).await == OpState::Sending
    })
    .await;
    in_other_process(&h, &b, json!({"do": "undo", "seq": second}))
        .await
        .expect("a pending change can be undone");
    h.emu.control().set_latency(Duration::ZERO);
    let _ = syncing.await.unwrap();

    assert_eq!(state_of(&h.core, &b, second).await, OpState::Undone);
    assert_eq!(
        count_remote(
            &h,
            &b,
            Entity::Clients,
            "organization",
            "Undone Meanwhile Co"
        )
        .await,
        0,
        "the undone create reached FreshBooks"
    );
    assert_eq!(
        count_remote(&h, &b, Entity::Clients, "organization", "Sent First Co").await,
        1
    );
    let ours = h.core.export(b.business_id, Entity::Clients).await.unwrap();
    assert!(
        ours.iter()
            .all(|c| c["organization"] != json!("Undone Meanwhile Co")),
        "the undone client is back in the mirror"
    );
}

/// Item 1: an update reads FreshBooks' record before it is sent (the conflict check); an undo
/// during that read reverted the mirror, and the push then marked the change `sending`
/// regardless and sent it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undo_during_the_pre_send_read_never_sends_the_undone_update() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let clients = remote(&h.client, &b, Entity::Clients).await;
    let (&id, before) = clients.iter().next().expect("a client");
    let seq = h
        .core
        .update_client(b.business_id, id, email_update("undone@example.com"))
        .await
        .unwrap();
    // The read of this client hangs a while (then answers), so the undo lands during it.
    h.emu.control().set_faults(Faults {
        script: vec![FaultKind::Hang],
        hang_ms: 1500,
        path_contains: Some(format!("users/clients/{id}")),
        ..Faults::default()
    });
    let core = h.core.clone();
    let syncing = tokio::spawn(async move { core.sync(Scope::Current, false).await });
    wait_until("the pre-send read on its way", || async {
        h.emu.control().faults().script.is_empty()
    })
    .await;
    h.core
        .undo(b.business_id, seq)
        .await
        .expect("a pending change can be undone");
    let _ = syncing.await.unwrap();
    h.emu.control().clear_faults();

    assert_eq!(state_of(&h.core, &b, seq).await, OpState::Undone);
    let theirs = &remote(&h.client, &b, Entity::Clients).await[&id];
    assert_eq!(
        theirs["email"], before["email"],
        "the undone update reached FreshBooks"
    );
    let ours = h
        .core
        .record(b.business_id, Entity::Clients, id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ours["email"], before["email"]);
}

/// Leaves the first create sent under `path` in doubt: FreshBooks applies it but the answer is
/// lost, and every read of `path` fails for a while, so no look settles it; then the core is shut
/// down as the app closing would. The data folder keeps the operation `unknown`.
async fn leave_in_doubt(h: &Harness, b: &UserBusiness, path: &str) -> i64 {
    h.emu.control().set_faults(Faults {
        script: vec![FaultKind::DropAfterCommit],
        unavailable_per_mille: 1000,
        path_contains: Some(path.to_owned()),
        ..Faults::default()
    });
    let core = h.core.clone();
    let syncing = tokio::spawn(async move { core.sync(Scope::Current, false).await });
    let mut seq = None;
    for _ in 0..2000 {
        let ops = h.core.changes(b.business_id).await.unwrap();
        seq = ops
            .iter()
            .find(|q| q.state == OpState::Unknown)
            .map(|q| q.seq);
        if seq.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    h.core.shutdown().await;
    let _ = syncing.await.unwrap();
    h.emu.control().clear_faults();
    seq.expect("a change in doubt")
}

/// A client whose sign-in FreshBooks no longer accepts (both tokens revoked).
fn signed_out_client(h: &Harness) -> ledgerline_freshbooks::Client {
    use ledgerline_freshbooks::{AccessToken, MemoryTokenStore, RefreshToken, TokenSet};
    let store = std::sync::Arc::new(MemoryTokenStore::with_tokens(TokenSet {
        access_token: AccessToken::new("revoked-access"),
        refresh_token: RefreshToken::new("revoked-refresh"),
        expires_at: chrono::Utc::now() + chrono::TimeDelta::hours(12),
        scope: None,
    }));
    let app = ledgerline_freshbooks::AppCredentials {
        client_id: "demo-client-id".into(),
        client_secret: ledgerline_freshbooks::ClientSecret::new("demo-client-secret"),
        redirect_uri: "https://localhost/oauth/callback".parse().unwrap(),
    };
    let base = h.emu.base_url();
    let config = ledgerline_freshbooks::Config::with_urls(app, &base, &base).unwrap();
    ledgerline_freshbooks::Client::new(config, store).unwrap()
}

/// Item 2: a create whose answer was lost went back to `pending` when the read that looks for
/// it needed a sign-in, and was then posted again without looking: FreshBooks had it twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_create_in_doubt_stays_in_doubt_through_a_sign_in_and_is_created_once() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    h.core
        .create_client(
            b.business_id,
            new_client("Doubt Co", Some("doubt@example.com")),
        )
        .await
        .unwrap();
    let seq = leave_in_doubt(&h, &b, "users/clients").await;
    assert_eq!(
        count_remote(&h, &b, Entity::Clients, "organization", "Doubt Co").await,
        1,
        "FreshBooks applied the create"
    );

    // The sign-in expired meanwhile: the look cannot be made.
    let signed_out = open_core(h.dir.path(), signed_out_client(&h));
    let err = signed_out.sync(Scope::Current, false).await.unwrap_err();
    assert!(err.needs_sign_in(), "{err}");
    assert_eq!(state_of(&signed_out, &b, seq).await, OpState::Unknown);
    // It may be in FreshBooks: undo is refused, saying why.
    let refused = signed_out.undo(b.business_id, seq).await.unwrap_err();
    assert_eq!(
        refused.to_payload().code,
        ErrorCode::ChangeInDoubt { change: seq },
        "{refused}"
    );
    signed_out.shutdown().await;

    // Signed in again: the look finds the client, and it is not created a second time.
    let core = open_core(h.dir.path(), h.client.clone());
    for _ in 0..3 {
        let _ = core.sync(Scope::Current, false).await;
    }
    assert_eq!(state_of(&core, &b, seq).await, OpState::Done);
    assert_eq!(
        count_remote(&h, &b, Entity::Clients, "organization", "Doubt Co").await,
        1,
        "the create in doubt was posted again"
    );
    let ours = core.export(b.business_id, Entity::Clients).await.unwrap();
    let ours: Vec<_> = ours
        .iter()
        .filter(|c| c["organization"] == json!("Doubt Co"))
        .collect();
    assert_eq!(ours.len(), 1, "{ours:#?}");
    assert!(ours[0]["id"].as_i64().unwrap() > 0);
}

/// Item 2: a draft whose invoice create was in doubt became `rejected` when the read that looks
/// for the invoice was refused (here a 403), and undoing it unbilled the time although FreshBooks
/// had the invoice. It stays in doubt, undo is refused with the reason, and once the look can be
/// made the draft finishes once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_in_doubt_whose_look_is_refused_stays_in_doubt_and_cannot_be_undone() {
    let h = Harness::start().await;
    let (b, client, entries) = crate::drafting::draft_for_busiest_client(&h).await;
    let (_, draft) = h
        .core
        .draft_invoice(b.business_id, &crate::drafting::request(client))
        .await
        .unwrap();
    let seq = leave_in_doubt(&h, &b, "invoices").await;

    h.emu.control().deny_reads(ReadDenial {
        resource: "invoices".into(),
        business: None,
    });
    let core = open_core(h.dir.path(), h.client.clone());
    let _ = core.sync(Scope::Current, false).await;
    assert_eq!(state_of(&core, &b, seq).await, OpState::Unknown);
    let refused = core.undo(b.business_id, seq).await.unwrap_err();
    assert_eq!(
        refused.to_payload().code,
        ErrorCode::ChangeInDoubt { change: seq },
        "{refused}"
    );
    // The entries still show as billed here.
    let unbilled = core
        .unbilled_time(
            b.business_id,
            ledgerline_model::views::TimeFilter::default(),
        )
        .await
        .unwrap();
    assert!(
        unbilled.iter().all(|e| !entries.contains(&e.id.get())),
        "drafted time shows as unbilled again"
    );

    h.emu.control().clear_read_denials();
    for _ in 0..3 {
        let _ = core.sync(Scope::Current, false).await;
    }
    assert_eq!(state_of(&core, &b, seq).await, OpState::Done);
    crate::drafting::assert_drafted_once(&h, &b, client, &entries, draft.lines.len()).await;
}

/// The OS keyring as the client sees it: it answers with the tokens, or fails while locked.
#[derive(Debug)]
struct Keyring {
    tokens: ledgerline_freshbooks::MemoryTokenStore,
    locked: std::sync::atomic::AtomicBool,
}

impl Keyring {
    fn check(&self) -> Result<(), ledgerline_freshbooks::StoreError> {
        if self.locked.load(std::sync::atomic::Ordering::SeqCst) {
            Err("the keyring is locked".into())
        } else {
            Ok(())
        }
    }
}

impl ledgerline_freshbooks::TokenStore for Keyring {
    fn load(
        &self,
    ) -> futures::future::BoxFuture<
        '_,
        Result<Option<ledgerline_freshbooks::TokenSet>, ledgerline_freshbooks::StoreError>,
    > {
        Box::pin(async move {
            self.check()?;
            self.tokens.load().await
        })
    }

    fn save<'a>(
        &'a self,
        tokens: &'a ledgerline_freshbooks::TokenSet,
    ) -> futures::future::BoxFuture<'a, Result<(), ledgerline_freshbooks::StoreError>> {
        Box::pin(async move {
            self.check()?;
            self.tokens.save(tokens).await
        })
    }

    fn clear(
        &self,
    ) -> futures::future::BoxFuture<'_, Result<(), ledgerline_freshbooks::StoreError>> {
        Box::pin(async move {
            self.check()?;
            self.tokens.clear().await
        })
    }
}

/// Item 3: a keyring locked when the sync started made the first change `rejected` for good, then
/// the next, and so on: one locked keyring refused the whole queue. Only FreshBooks refusing a
/// change refuses it; a local failure leaves every change waiting, says why, and they go out once
/// the keyring is unlocked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_locked_keyring_leaves_every_change_waiting_instead_of_refused() {
    use ledgerline_freshbooks::{AccessToken, MemoryTokenStore, RefreshToken, TokenSet};
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let (access, refresh) = h.emu.control().mint_tokens();
    let keyring = std::sync::Arc::new(Keyring {
        tokens: MemoryTokenStore::with_tokens(TokenSet {
            access_token: AccessToken::new(access),
            refresh_token: RefreshToken::new(refresh),
            expires_at: chrono::Utc::now() + chrono::TimeDelta::hours(12),
            scope: None,
        }),
        locked: true.into(),
    });
    let app = ledgerline_freshbooks::AppCredentials {
        client_id: "demo-client-id".into(),
        client_secret: ledgerline_freshbooks::ClientSecret::new("demo-client-secret"),
        redirect_uri: "https://localhost/oauth/callback".parse().unwrap(),
    };
    let base = h.emu.base_url();
    let config = ledgerline_freshbooks::Config::with_urls(app, &base, &base).unwrap();
    let client = ledgerline_freshbooks::Client::new(config, keyring.clone()).unwrap();
    h.core.set_client(client);

    let clients = remote(&h.client, &b, Entity::Clients).await;
    let (&existing, _) = clients.iter().next().expect("a client");
    h.core
        .create_client(b.business_id, new_client("Keyring Co", None))
        .await
        .unwrap();
    h.core
        .update_client(b.business_id, existing, email_update("keyring@example.com"))
        .await
        .unwrap();
    h.core
        .create_time_entry(
            b.business_id,
            crate::outbox::new_entry("2026-05-04T09:00:00Z", 900, "keyring entry", None),
        )
        .await
        .unwrap();

    let report = h.core.sync(Scope::Current, false).await;
    let status = h.core.status(b.business_id).await.unwrap();
    assert_eq!(
        status.count(OpState::Pending),
        3,
        "{report:#?} {:#?}",
        status.open_ops
    );
    // Why they wait is said: the push failed on the keyring.
    let report = report.unwrap();
    assert!(
        report
            .failures
            .iter()
            .any(|f| f.error.message.contains("keyring")),
        "{report:#?}"
    );

    keyring
        .locked
        .store(false, std::sync::atomic::Ordering::SeqCst);
    crate::outbox::sync_until_sent(&h, &b, 3).await;
    assert_eq!(
        count_remote(&h, &b, Entity::Clients, "organization", "Keyring Co").await,
        1
    );
    assert_eq!(
        remote(&h.client, &b, Entity::Clients).await[&existing]["email"],
        json!("keyring@example.com")
    );
    assert_eq!(
        count_remote(&h, &b, Entity::TimeEntries, "note", "keyring entry").await,
        1
    );
}

/// Item 4: the draft read the unbilled entries in one transaction and wrote the invoice in
/// another, never checking `billed`: a double click (or two Ledgerlines on one data folder)
/// made two invoices for the same time. One gets the draft; the other is refused, naming the
/// entries.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_drafts_of_the_same_time_at_once_bill_it_once() {
    let h = Harness::start().await;
    let (b, client, entries) = crate::drafting::draft_for_busiest_client(&h).await;
    let other = open_core(h.dir.path(), crate::signed_in_client(&h.emu));
    let request = crate::drafting::request(client);
    let (first, second) = tokio::join!(
        h.core.draft_invoice(b.business_id, &request),
        other.draft_invoice(b.business_id, &request)
    );
    let (made, refused): (Vec<_>, Vec<_>) = [first, second].into_iter().partition(Result::is_ok);
    assert_eq!(made.len(), 1, "two drafts of the same time were made");
    let refused = refused
        .into_iter()
        .next()
        .unwrap()
        .unwrap_err()
        .to_payload();
    assert!(
        matches!(
            refused.code,
            ErrorCode::EntriesAlreadyBilled { .. } | ErrorCode::DraftNoEntries
        ),
        "{refused:?}"
    );
    let (_, draft) = made.into_iter().next().unwrap().unwrap();
    crate::outbox::sync_until_sent(&h, &b, 3).await;
    crate::drafting::assert_drafted_once(&h, &b, client, &entries, draft.lines.len()).await;
}

/// Item 4: time billed on the FreshBooks website after the draft was made (before it was sent)
/// was billed again: the entries were never read from FreshBooks before the invoice went out.
/// The draft is now refused before its invoice is made, naming the entries billed there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn time_billed_on_the_website_meanwhile_is_not_billed_again() {
    let h = Harness::start().await;
    let (b, client, entries) = crate::drafting::draft_for_busiest_client(&h).await;
    let invoices_before = remote(&h.client, &b, Entity::Invoices).await.len();
    h.core
        .draft_invoice(b.business_id, &crate::drafting::request(client))
        .await
        .unwrap();
    let seq = h.core.changes(b.business_id).await.unwrap()[0].seq;
    // Someone bills one of the entries on the website meanwhile.
    let billed_there = entries[0];
    h.client
        .time_entries(b.business_id)
        .mark_billed(ledgerline_model::ids::TimeEntryId(billed_there), true)
        .await
        .unwrap();

    let _ = h.core.sync(Scope::Current, false).await;
    assert_eq!(
        remote(&h.client, &b, Entity::Invoices).await.len(),
        invoices_before,
        "an invoice was made for time already billed in FreshBooks"
    );
    let op = h
        .core
        .changes(b.business_id)
        .await
        .unwrap()
        .into_iter()
        .find(|q| q.seq == seq)
        .unwrap();
    assert_eq!(op.state, OpState::Rejected, "{op:#?}");
    assert_eq!(
        op.last_error.as_ref().map(|e| e.code.clone()),
        Some(ErrorCode::BilledInFreshBooks {
            entries: vec![ledgerline_model::ids::TimeEntryId(billed_there)]
        }),
        "{op:#?}"
    );
    // Dropping the refused draft frees the other entries, and leaves the one billed there billed.
    h.core.undo(b.business_id, seq).await.unwrap();
    let unbilled: Vec<i64> = h
        .core
        .unbilled_time(
            b.business_id,
            ledgerline_model::views::TimeFilter::default(),
        )
        .await
        .unwrap()
        .iter()
        .map(|e| e.id.get())
        .collect();
    assert!(!unbilled.contains(&billed_there));
    assert!(entries[1..].iter().all(|e| unbilled.contains(e)));
}

/// Item 5 (issue item 13): undoing the creation of a time entry that a pending draft bills left
/// the draft billing an entry that no longer exists (its invoice would go out with that time).
/// The undo is refused, naming the draft.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undoing_a_time_entry_a_pending_draft_bills_is_refused() {
    let h = Harness::start().await;
    let (b, client, entries) = crate::drafting::draft_for_busiest_client(&h).await;
    let local = h
        .core
        .create_time_entry(
            b.business_id,
            crate::outbox::new_entry(
                "2026-05-05T09:00:00Z",
                1800,
                "drafted offline entry",
                Some(client.get()),
            ),
        )
        .await
        .unwrap();
    let create = h.core.changes(b.business_id).await.unwrap()[0].seq;
    let (_, draft) = h
        .core
        .draft_invoice(b.business_id, &crate::drafting::request(client))
        .await
        .unwrap();
    assert!(draft.entries().iter().any(|e| e.get() == local));
    let draft_seq = h.core.changes(b.business_id).await.unwrap()[1].seq;

    let refused = h.core.undo(b.business_id, create).await.unwrap_err();
    assert_eq!(
        refused.to_payload().code,
        ErrorCode::UsedByPendingDraft {
            change: create,
            draft: draft_seq
        },
        "{refused}"
    );
    crate::outbox::sync_until_sent(&h, &b, 3).await;
    let theirs = remote(&h.client, &b, Entity::TimeEntries).await;
    let mine: Vec<_> = theirs
        .values()
        .filter(|e| e["note"] == json!("drafted offline entry"))
        .collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["billed"], json!(true));
    let mut all = entries.clone();
    all.push(mine[0]["id"].as_i64().unwrap());
    crate::drafting::assert_drafted_once(&h, &b, client, &all, draft.lines.len()).await;
}

/// Item 4: after a time entry's create went into doubt, a pull brought FreshBooks' copy while the
/// local one was still waiting for its look: both showed as unbilled, and one draft billed the
/// same time twice. The local copy in doubt is left out of drafts until the look settles it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_entry_created_in_doubt_and_its_pulled_copy_are_not_both_drafted() {
    let h = Harness::start().await;
    let (b, client, _) = crate::drafting::draft_for_busiest_client(&h).await;
    h.core
        .create_time_entry(
            b.business_id,
            crate::outbox::new_entry(
                "2026-05-06T09:00:00Z",
                2700,
                "twice seen",
                Some(client.get()),
            ),
        )
        .await
        .unwrap();
    leave_in_doubt(&h, &b, "time_entries").await;
    // Another Ledgerline holds the outbox, so this one only pulls: FreshBooks' copy arrives.
    let lock_path = h.dir.path().join(format!(
        "{}.outbox-lock",
        ledgerline_core::Store::open_in(h.dir.path())
            .unwrap()
            .path()
            .file_name()
            .unwrap()
            .to_string_lossy()
    ));
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .unwrap();
    lock.try_lock().unwrap();
    let core = open_core(h.dir.path(), h.client.clone());
    let _ = core.sync(Scope::Current, true).await;
    let both = core
        .export(b.business_id, Entity::TimeEntries)
        .await
        .unwrap();
    assert_eq!(
        both.iter()
            .filter(|e| e["note"] == json!("twice seen"))
            .count(),
        2,
        "the local copy and the pulled one"
    );
    let preview = core
        .preview_draft(b.business_id, &crate::drafting::request(client))
        .await
        .unwrap();
    let twice: Vec<_> = preview
        .entries()
        .into_iter()
        .filter(|id| {
            both.iter()
                .any(|e| e["id"] == json!(id.get()) && e["note"] == json!("twice seen"))
        })
        .collect();
    assert_eq!(twice.len(), 1, "the same time drafted twice: {twice:?}");
    drop(lock);
}

/// Item 4, review finding: a draft whose invoice request was lost before FreshBooks got it is in
/// doubt; meanwhile one of its entries is billed on the website. The look finds no invoice, so
/// the draft is sent again, and the entries must be read from FreshBooks first then too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_in_doubt_is_checked_against_time_billed_on_the_website_before_it_is_sent_again() {
    let h = Harness::start().await;
    let (b, client, entries) = crate::drafting::draft_for_busiest_client(&h).await;
    let invoices_before = remote(&h.client, &b, Entity::Invoices).await.len();
    h.core
        .draft_invoice(b.business_id, &crate::drafting::request(client))
        .await
        .unwrap();
    let seq = h.core.changes(b.business_id).await.unwrap()[0].seq;
    // FreshBooks makes the invoice but its answer is lost, and every read of invoices fails for
    // a while: the draft stays in doubt.
    let in_doubt = leave_in_doubt(&h, &b, "invoices/invoices").await;
    assert_eq!(in_doubt, seq);
    // On the website, that invoice is deleted (plain lists no longer show it) and one of its
    // entries is billed on another invoice.
    let made = remote(&h.client, &b, Entity::Invoices).await;
    assert_eq!(made.len(), invoices_before + 1);
    let newest = *made.keys().max().unwrap();
    h.client
        .invoices(&b.account_id)
        .delete(ledgerline_model::ids::InvoiceId(newest))
        .await
        .unwrap();
    let core = open_core(h.dir.path(), h.client.clone());
    let billed_there = entries[0];
    h.client
        .time_entries(b.business_id)
        .mark_billed(ledgerline_model::ids::TimeEntryId(billed_there), true)
        .await
        .unwrap();

    let _ = core.sync(Scope::Current, false).await;
    assert_eq!(
        remote(&h.client, &b, Entity::Invoices).await.len(),
        invoices_before,
        "an invoice was made again for time already billed in FreshBooks"
    );
    // Not sent: it waits (still in doubt: the look is repeated before any later attempt).
    assert_ne!(state_of(&core, &b, seq).await, OpState::Done);
}
