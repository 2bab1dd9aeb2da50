//! Crash test: a child process syncing (pulls and the outbox) is SIGKILLed at random points;
//! after each kill the database opens and passes `integrity_check`, and in the end FreshBooks has
//! every edit exactly once.
//!
//! The child is this test binary again, running [`crash_child`] with `LEDGERLINE_CRASH_CHILD`
//! set; without it that test does nothing.

use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{TimeDelta, Utc};
use freshbooks_emulator::Config as EmuConfig;
use ledgerline_core::{Entity, Scope, Store};
use ledgerline_freshbooks::{AccessToken, Client, MemoryTokenStore, RefreshToken, TokenSet};
use ledgerline_model::outbox::OpState;
use ledgerline_model::views::ClientFilter;
use serde_json::json;

use crate::outbox::{email_update, new_client, new_entry};
use crate::sync::remote;
use crate::{Harness, open_core};

const CHILD_ENV: &str = "LEDGERLINE_CRASH_CHILD";

/// How many times the child is killed.
const KILLS: usize = 100;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crash_child() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let spec: serde_json::Value = serde_json::from_str(&spec).unwrap();
    let client = child_client(&spec);
    let core = open_core(std::path::Path::new(spec["dir"].as_str().unwrap()), client);
    // Sync forever; the parent kills us at a random point.
    loop {
        let full = rand::random_range(0..4) == 0;
        let _ = core.sync(Scope::Current, full).await;
    }
}

fn child_client(spec: &serde_json::Value) -> Client {
    let store = std::sync::Arc::new(MemoryTokenStore::with_tokens(TokenSet {
        access_token: AccessToken::new(spec["access"].as_str().unwrap()),
        refresh_token: RefreshToken::new(spec["refresh"].as_str().unwrap()),
        expires_at: Utc::now() + TimeDelta::hours(12),
        scope: None,
    }));
    let app = ledgerline_freshbooks::AppCredentials {
        client_id: "demo-client-id".into(),
        client_secret: ledgerline_freshbooks::ClientSecret::new("demo-client-secret"),
        redirect_uri: "https://localhost/oauth/callback".parse().unwrap(),
    };
    let base = spec["base"].as_str().unwrap();
    let config = ledgerline_freshbooks::Config::with_urls(app, base, base).unwrap();
    Client::new(config, store).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_at_random_points_every_edit_lands_once() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let h = Harness::start_with(EmuConfig::for_tests()).await;
    let b = h.owner().await;
    let id = b.business_id;
    h.core.sync(Scope::Current, false).await.unwrap();
    let existing: Vec<i64> = h
        .core
        .list_clients(id, ClientFilter::default())
        .await
        .unwrap()
        .iter()
        .map(|c| c.id)
        .collect();
    h.emu.control().set_latency(Duration::from_millis(5));
    let (access, refresh) = h.emu.control().mint_tokens();
    let spec = json!({"dir": h.dir.path(), "base": h.emu.base_url(), "access": access, "refresh": refresh}).to_string();
    let exe = std::env::current_exe().unwrap();
    let mut orgs = Vec::new();
    let mut notes = Vec::new();
    for kill in 0..KILLS {
        // New edits between runs, so kills land among creates, updates and pulls alike.
        let org = format!("Crash Co {kill:03}");
        h.core
            .create_client(id, new_client(&org, None))
            .await
            .unwrap();
        orgs.push(org);
        if kill % 3 == 0 {
            let note = format!("crash entry {kill:03}");
            let started = format!("2026-09-{:02}T10:00:00Z", 1 + kill % 28);
            h.core
                .create_time_entry(
                    id,
                    new_entry(
                        &started,
                        600 + i64::try_from(kill).unwrap(),
                        &note,
                        Some(existing[0]),
                    ),
                )
                .await
                .unwrap();
            notes.push(note);
        }
        if kill % 5 == 0 {
            let client = existing[kill % existing.len()];
            h.core
                .update_client(
                    id,
                    client,
                    email_update(&format!("crash{kill}@example.com")),
                )
                .await
                .unwrap();
        }
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash::crash_child",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env(CHILD_ENV, &spec)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let wait = Duration::from_millis(rand::random_range(30..600));
        tokio::time::sleep(wait).await;
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let store = tokio::task::spawn_blocking({
            let dir = h.dir.path().to_owned();
            move || Store::open_in(&dir)
        })
        .await
        .unwrap()
        .expect("the database opens after a kill");
        assert_eq!(
            store.integrity_check().unwrap(),
            vec!["ok".to_owned()],
            "after kill {kill}"
        );
    }
    // The children did real work between kills: most edits were already sent by them.
    let ops = h.core.changes(id).await.unwrap();
    let done = ops.iter().filter(|q| q.state == OpState::Done).count();
    assert!(
        done * 2 > ops.len(),
        "only {done} of {} edits sent by the killed children",
        ops.len()
    );
    // Let a sync finish undisturbed.
    for _ in 0..10 {
        let _ = h.core.sync(Scope::Current, false).await;
        let status = h.core.status(id).await.unwrap();
        if status.count(OpState::Pending)
            + status.count(OpState::Sending)
            + status.count(OpState::Unknown)
            == 0
        {
            break;
        }
    }
    let status = h.core.status(id).await.unwrap();
    assert!(status.open_ops.is_empty(), "{:#?}", status.open_ops);
    let clients = remote(&h.client, &b, Entity::Clients).await;
    for org in &orgs {
        let n = clients
            .values()
            .filter(|c| c["organization"] == json!(org))
            .count();
        assert_eq!(n, 1, "{org} exists {n} times");
    }
    let entries = remote(&h.client, &b, Entity::TimeEntries).await;
    for note in &notes {
        let n = entries
            .values()
            .filter(|e| e["note"] == json!(note))
            .count();
        assert_eq!(n, 1, "{note} exists {n} times");
    }
    h.core.sync(Scope::Current, true).await.unwrap();
    crate::sync::assert_mirror_matches(&h, &b).await;
}
