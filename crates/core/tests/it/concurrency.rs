//! Issue 14: the first sync keeps several requests in flight (pages of one entity, entities of
//! one business) under the client's one limit, which backs off when FreshBooks throttles; pages
//! written as they arrive, in any order, never move the resumable cursor past a page not written.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use freshbooks_emulator::{Config as EmuConfig, Faults};
use ledgerline_core::{Entity, Scope};
use ledgerline_freshbooks::Client;
use ledgerline_model::entity::UserBusiness;
use serde_json::Value;

use crate::Harness;
use crate::sync::{assert_mirror_matches, record_id};

const TIME_ENTRIES: &str = "GET /timetracking/business/{business_id}/time_entries";

/// The first sync keeps more than one request on the wire: more than the 4 the client's limit
/// starts at, as the limit grows while FreshBooks answers, and never more than its ceiling (8).
/// 200 ms is added to every request so that requests of a concurrent sync overlap whatever the
/// machine's speed; how fast the sync is, `cargo xtask bench` measures.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_sync_keeps_several_requests_in_flight() {
    let h = Harness::start().await;
    h.owner().await;
    h.emu.control().reset_counts();
    h.emu.control().set_latency(Duration::from_millis(200));
    // Behaviour, not timing (speed is the benchmark's): with every request slow, a sync that
    // reads one page at a time never has two on the wire.
    let report = h.core.sync(Scope::All, false).await.expect("sync");
    assert!(report.failures.is_empty(), "{report:?}");
    let stats = h.client.limiter_stats();
    let ceiling = ledgerline_freshbooks::Concurrency::standard().cap;
    assert!(stats.peak_in_flight > 4, "the limit never grew: {stats:?}");
    assert!(stats.peak_in_flight <= ceiling, "{stats:?}");
    assert_eq!(stats.throttled, 0, "{stats:?}");
    h.emu.control().set_latency(Duration::ZERO);
    for b in h.core.businesses().await.unwrap() {
        assert_mirror_matches(&h, &b).await;
    }
}

/// The emulator's real rate limit (more than N requests in one second get a 429): the sync
/// still completes with the mirror exact, and the client's limit came down.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rate_limited_sync_backs_off_and_still_matches() {
    let h = Harness::start().await;
    h.owner().await;
    // The client as the app builds it: FreshBooks' pace, the standard retries.
    let client = with_standard_retries(&h, crate::signed_in_client(&h.emu));
    let core = crate::open_core(h.dir.path(), client.clone());
    h.emu.control().set_latency(Duration::from_millis(50));
    h.emu.control().set_faults(Faults {
        // Low enough that even a sync slowed by a loaded machine (CI runs tests side by side)
        // goes past it: at 30 a slow sync once spread its 42 requests thin enough never to be
        // throttled.
        max_requests_per_second: 10,
        ..Faults::default()
    });
    let report = core.sync(Scope::All, false).await.expect("sync");
    let stats = client.limiter_stats();
    assert!(report.failures.is_empty(), "{report:?}");
    assert!(
        stats.throttled > 0,
        "the emulator never throttled: {stats:?}"
    );
    assert!(stats.decreases > 0, "the limit never came down: {stats:?}");
    h.emu.control().clear_faults();
    h.emu.control().set_latency(Duration::ZERO);
    let h = Harness { core, ..h };
    for b in h.core.businesses().await.unwrap() {
        assert_mirror_matches(&h, &b).await;
    }
}

/// A first sync with requests in flight and more waiting for a slot; FreshBooks answers one
/// read of time entries 429 with `Retry-After: 2`. Once the client has read it, no request
/// reaches FreshBooks for those 2 s (the waiting work does not take the slots the halving left
/// free), then the sync goes on, completes without a failure and the mirror is exact.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_after_holds_the_whole_sync_back_then_it_completes() {
    let h = Harness::start().await;
    h.owner().await;
    let client = with_standard_retries(&h, crate::signed_in_client(&h.emu));
    let core = crate::open_core(h.dir.path(), client.clone());
    let control = h.emu.control();
    // Slow enough answers that several requests are in flight, and more wait, at the 429.
    control.set_latency(Duration::from_millis(50));
    control.set_faults(Faults {
        retry_after_secs: Some(2),
        script: vec![freshbooks_emulator::FaultKind::RateLimit],
        path_contains: Some("time_entries".into()),
        ..Faults::default()
    });
    let arrived = || control.request_counts().values().sum::<u64>();
    let watch = async {
        // The moment the client has read the 429 (it shows the pause FreshBooks asked for).
        while client.pause().is_none() {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let read = Instant::now();
        // Requests given a slot before the 429 came back may still arrive just after it.
        tokio::time::sleep(Duration::from_millis(100)).await;
        let (before, held) = (arrived(), client.limiter_stats());
        tokio::time::sleep_until((read + Duration::from_millis(1850)).into()).await;
        (before, arrived(), held)
    };
    let (report, (before, after, held)) = tokio::join!(core.sync(Scope::All, false), watch);
    let report = report.expect("sync");
    assert_eq!(before, after, "requests reached FreshBooks during the wait");
    assert!(held.waiting > 0, "nothing was held back: {held:?}");
    assert!(arrived() > after, "the sync went on after the wait");
    assert!(report.failures.is_empty(), "{report:?}");
    let stats = client.limiter_stats();
    assert_eq!(stats.throttled, 1, "{stats:?}");
    control.clear_faults();
    control.set_latency(Duration::ZERO);
    let h = Harness { core, ..h };
    for b in h.core.businesses().await.unwrap() {
        assert_mirror_matches(&h, &b).await;
    }
}

/// `client`'s tokens in a client with the app's own retry policy.
fn with_standard_retries(h: &Harness, client: Client) -> Client {
    let mut config = client.config().clone();
    config.retry = ledgerline_freshbooks::RetryPolicy::standard();
    let (access, refresh) = h.emu.control().mint_tokens();
    let store = std::sync::Arc::new(ledgerline_freshbooks::MemoryTokenStore::with_tokens(
        ledgerline_freshbooks::TokenSet {
            access_token: ledgerline_freshbooks::AccessToken::new(access),
            refresh_token: ledgerline_freshbooks::RefreshToken::new(refresh),
            expires_at: chrono::Utc::now() + chrono::TimeDelta::hours(12),
            scope: None,
        },
    ));
    Client::new(config, store).expect("client builds")
}

/// Time entries in FreshBooks' list order, a page of 100 at a time.
async fn pages_in_order(client: &Client, b: &UserBusiness) -> Vec<Vec<i64>> {
    let list = client
        .time_entries(b.business_id)
        .list()
        .team()
        .per_page(100);
    let first = list.page_checked(1).await.expect("page 1");
    let mut pages = vec![first.items.iter().map(|i| id(&i.raw)).collect::<Vec<_>>()];
    for n in 2..=first.pages {
        let page = list.page_checked(n).await.expect("page");
        pages.push(page.items.iter().map(|i| id(&i.raw)).collect());
    }
    pages
}

fn id(raw: &Value) -> i64 {
    record_id(Entity::TimeEntries, raw).expect("id")
}

/// Pages of time entries answered out of order (half the requests held back a second), the sync
/// stopped soon after the first page is written, many times: every page up to the cursor is in
/// the mirror each time, at least one stop finds a page written past a missing one, and each
/// resumed sync reads only the pages after the cursor and ends exact.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_written_out_of_order_never_move_the_cursor_past_a_missing_page() {
    let mut ahead_seen = 0;
    for round in 0..25u64 {
        if ahead_seen >= 2 {
            break;
        }
        // A fresh mirror each round, so what it holds is what this round wrote.
        let h = Harness::start_with(EmuConfig::for_tests()).await;
        let owner = h.owner().await;
        let b = owner.business_id;
        let pages = pages_in_order(&h.client, &owner).await;
        assert!(pages.len() >= 3, "{} pages of time entries", pages.len());
        let core = h.core.clone();
        h.emu.control().set_latency(Duration::from_millis(20));
        h.emu.control().set_faults(Faults {
            seed: round,
            hang_per_mille: 500,
            hang_ms: 1000,
            path_contains: Some("/time_entries".into()),
            ..Faults::default()
        });
        let mut events = core.subscribe();
        let syncing = tokio::spawn({
            let core = core.clone();
            async move { core.sync(Scope::Current, true).await }
        });
        // Stop a little after the first page of time entries is written.
        loop {
            if let ledgerline_core::Event::Progress {
                entity: Entity::TimeEntries,
                ..
            } = events.recv().await.expect("events")
            {
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
        core.shutdown().await;
        let _ = syncing.await.unwrap();
        h.emu.control().clear_faults();
        h.emu.control().set_latency(Duration::ZERO);

        let status = core.status(b).await.unwrap();
        let st = status
            .entities
            .iter()
            .find(|e| e.entity == Entity::TimeEntries)
            .unwrap();
        let mirrored: BTreeSet<i64> = core
            .export(b, Entity::TimeEntries)
            .await
            .unwrap()
            .iter()
            .map(id)
            .collect();
        let Some(cursor) = st.cursor.clone() else {
            continue; // it finished before the stop
        };
        let done = usize::try_from(cursor.page).unwrap();
        for (n, page) in pages.iter().enumerate().take(done) {
            for entry in page {
                assert!(
                    mirrored.contains(entry),
                    "round {round}: cursor at page {done}, but entry {entry} of page {} is not in the mirror",
                    n + 1
                );
            }
        }
        let missing_then_written = pages
            .iter()
            .skip(done)
            .any(|page| !page.iter().all(|e| mirrored.contains(e)))
            && pages
                .iter()
                .skip(done + 1)
                .any(|page| page.iter().all(|e| mirrored.contains(e)));
        if missing_then_written {
            ahead_seen += 1;
        }
        // A new process on the same data picks up after the cursor.
        let core = crate::open_core(h.dir.path(), h.client.clone());
        h.emu.control().reset_counts();
        core.sync(Scope::Current, false)
            .await
            .expect("resumed sync");
        let fetched = h.emu.control().request_count(TIME_ENTRIES);
        assert_eq!(
            fetched,
            // (A cursor on the last page still asks for the page after it, once.)
            u64::try_from((pages.len() - done).max(1)).unwrap(),
            "round {round}: pages fetched again after the cursor at {done}"
        );
        let h2 = Harness { core, ..h };
        assert_mirror_matches(&h2, &owner).await;
    }
    assert!(
        ahead_seen > 0,
        "no stop caught a page written past a missing one"
    );
}
