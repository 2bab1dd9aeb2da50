//! The background engine: sync now through it, edits pushed on their own, cancellation.

use std::time::Duration;

use ledgerline_core::{Error, Scope};

use crate::Harness;
use crate::outbox::new_client;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn engine_syncs_now_pushes_edits_and_cancels() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.start_engine().unwrap();
    let report = h.core.sync_now(Scope::Current, false).await.unwrap();
    assert!(report.records > 0, "{report:?}");

    // An edit is sent by the engine without anyone asking.
    h.core
        .create_client(b.business_id, new_client("Engine Co", None))
        .await
        .unwrap();
    let mut sent = false;
    for _ in 0..100 {
        if h.core
            .status(b.business_id)
            .await
            .unwrap()
            .open_ops
            .is_empty()
        {
            sent = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(sent, "the engine did not send the edit");

    // A slow full sync is cancelled; its cursors stay for the next run.
    h.emu.control().set_latency(Duration::from_millis(200));
    let core = h.core.clone();
    let running = tokio::spawn(async move { core.sync_now(Scope::All, true).await });
    tokio::time::sleep(Duration::from_millis(500)).await;
    h.core.cancel_sync().await;
    let res = tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .expect("cancelled in time")
        .unwrap();
    assert!(matches!(res, Err(Error::Cancelled)), "{res:?}");
    h.core.shutdown().await;
}

/// An edit made while the engine is in the middle of a run is sent as soon as that run ends,
/// not at the next scheduled tick (30 s later): the edit's nudge used to be dropped while a run
/// was going.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_6_an_edit_during_a_run_is_sent_when_it_ends() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.start_engine().unwrap();
    h.emu.control().set_latency(Duration::from_millis(100));
    let core = h.core.clone();
    let running = tokio::spawn(async move { core.sync_now(Scope::Current, false).await });
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(!running.is_finished(), "the run is still going");
    h.core
        .create_client(b.business_id, new_client("Mid Run Co", None))
        .await
        .unwrap();
    running.await.unwrap().unwrap();
    h.emu.control().set_latency(Duration::ZERO);
    let mut sent = false;
    for _ in 0..100 {
        if h.core
            .status(b.business_id)
            .await
            .unwrap()
            .open_ops
            .is_empty()
        {
            sent = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(sent, "the edit waited for the next tick");
    h.core.shutdown().await;
}

/// A sync that is cancelled still says it ended: a window that saw `SyncStarted` would otherwise
/// show "Syncing…" forever (seen after a sign-out and with FreshBooks unreachable).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_sync_still_announces_its_end() {
    use ledgerline_core::Event;

    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.start_engine().unwrap();
    let mut events = h.core.subscribe();
    h.emu.control().set_latency(Duration::from_millis(200));
    let core = h.core.clone();
    let running = tokio::spawn(async move { core.sync_now(Scope::Current, true).await });
    tokio::time::sleep(Duration::from_millis(500)).await;
    h.core.cancel_sync().await;
    let res = tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .expect("cancelled in time")
        .unwrap();
    assert!(matches!(res, Err(Error::Cancelled)), "{res:?}");
    // The engine answers the cancelled caller first and drops the run after, so the end may
    // come a moment later: wait for it (a run that never announces it fails here).
    let (mut started, mut finished) = (false, None);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while finished.is_none() {
        let Ok(Ok(event)) = tokio::time::timeout_at(deadline, events.recv()).await else {
            break;
        };
        match event {
            Event::SyncStarted { business } if business == b.business_id => started = true,
            Event::SyncFinished { business, ok } if business == b.business_id => {
                finished = Some(ok)
            }
            _ => {}
        }
    }
    assert!(started, "the run started");
    assert_eq!(finished, Some(false), "the cancelled run announced no end");
    h.core.shutdown().await;
}

/// Changes that cannot go because FreshBooks cannot be reached say so: the run reports the
/// failure and announces it, so a window can show "offline" when only edits were waiting (no
/// pull ran to find out).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_held_back_by_an_unreachable_freshbooks_are_announced_as_offline() {
    use ledgerline_core::Event;
    use ledgerline_model::error::ErrorKind;

    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let crate::Harness { emu, core, dir, .. } = h;
    emu.shutdown().await;
    core.create_client(b.business_id, new_client("Offline Co", None))
        .await
        .unwrap();
    let mut events = core.subscribe();
    let report = tokio::time::timeout(Duration::from_secs(60), core.sync(Scope::Current, false))
        .await
        .expect("the run ends")
        .unwrap();
    assert!(report.left > 0, "{report:?}");
    assert!(
        report
            .failures
            .iter()
            .any(|f| f.entity.is_none() && f.error.kind == ErrorKind::Offline),
        "no offline failure for the changes held back: {report:?}"
    );
    let mut announced = false;
    while let Ok(event) = events.try_recv() {
        if let Event::Failed {
            entity: None,
            error,
            ..
        } = event
        {
            announced |= error.kind == ErrorKind::Offline;
        }
    }
    assert!(announced, "no Failed event said FreshBooks is unreachable");
    core.shutdown().await;
    drop(dir);
}
