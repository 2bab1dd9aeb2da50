//! Issue 13, group A: the outbox cannot lose, double or double-bill through undo racing a push,
//! operations in doubt, temporary local failures, or time drafted twice.
//!
//! Where a scenario has two Ledgerlines on one data folder (the desktop app and the CLI), the
//! second one is a real process: this test binary again, running [`trust_outbox_child`] with
//! `LEDGERLINE_TRUST_OUTBOX_CHILD` set (without it that test does nothing).

use std::process::{Command, Stdio};
use std::time::Duration;

use freshbooks_emulator::{FaultKind, Faults};
use ledgerline_core::{Core, Scope};
use ledgerline_model::entity::{Entity, UserBusiness};
use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ids::BusinessId;
use ledgerline_model::outbox::OpState;
use serde_json::json;

use crate::Harness;
use crate::outbox::{email_update, new_client};
use crate::sync::remote;

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
