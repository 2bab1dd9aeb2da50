//! Issue 13, pulls and the mirror: what a pull must not miss, stop on, or sweep away. Each test
//! is named for its scenario and runs through the emulator on a real SQLite file.

use std::collections::BTreeSet;

use futures::TryStreamExt;
use ledgerline_core::{Entity, Scope};
use serde_json::Value;

use crate::Harness;

/// Item 6: FreshBooks lists only the signed-in user's own time unless asked for the team's; the
/// mirror holds every member's entries (the seed has entries by the user and a colleague).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn team_members_time_entries_reach_the_mirror() {
    let h = Harness::start().await;
    let b = h.owner().await;
    let report = h.core.sync(Scope::Current, false).await.expect("sync");
    assert!(report.ok(), "{report:?}");
    let team: Vec<Value> = h
        .client
        .time_entries(b.business_id)
        .list()
        .team()
        .stream_with_raw()
        .map_ok(|r| r.raw)
        .try_collect()
        .await
        .expect("the team's entries");
    let members = |entries: &[Value]| -> BTreeSet<i64> {
        entries
            .iter()
            .filter_map(|e| e["identity_id"].as_i64())
            .collect()
    };
    assert!(members(&team).len() >= 2, "the seed has one member only");
    let mirrored = h
        .core
        .export(b.business_id, Entity::TimeEntries)
        .await
        .expect("export");
    assert_eq!(members(&mirrored), members(&team));
    assert_eq!(mirrored.len(), team.len());
}
