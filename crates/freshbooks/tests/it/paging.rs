//! Paging past FreshBooks' 100-per-page cap in both families, expiry in the middle of a
//! listing, and deleted records (`search[vis_state]=1`).

use std::collections::HashSet;

use futures::{StreamExt, TryStreamExt};
use ledgerline_model::entity::VisState;

use crate::{Harness, account, business_id};

const INVOICES: &str = "GET /accounting/account/{account_id}/invoices/invoices";
const TIME_ENTRIES: &str = "GET /timetracking/business/{business_id}/time_entries";

#[tokio::test]
async fn accounting_list_walks_past_the_cap() {
    let h = Harness::start().await;
    let owner = h.owner();
    let invoices = h.client.invoices(&account(&owner));
    let first = invoices.list().per_page(500).page(1).await.expect("page 1");
    assert_eq!(first.per_page, 100, "per_page is capped at 100");
    assert!(
        first.total > 100,
        "the seed has more than one page: {}",
        first.total
    );
    assert_eq!(first.pages, 2);
    h.emu.control().reset_counts();

    let all: Vec<_> = invoices
        .list()
        .with_lines()
        .collect()
        .await
        .expect("all invoices");
    assert_eq!(u64::try_from(all.len()).unwrap(), first.total);
    let ids: HashSet<_> = all.iter().map(|i| i.id).collect();
    assert_eq!(ids.len(), all.len(), "no duplicates");
    assert!(all.iter().all(|i| i.lines.is_some()), "lines were included");
    assert_eq!(h.count(INVOICES), 2, "one request per page");
    h.emu.shutdown().await;
}

#[tokio::test]
async fn time_tracking_list_walks_past_the_cap() {
    let h = Harness::start().await;
    let owner = h.owner();
    let entries = h.client.time_entries(business_id(&owner));
    let first = entries.list().team().page(1).await.expect("page 1");
    assert!(first.total > 200, "{}", first.total);
    h.emu.control().reset_counts();
    let all: Vec<_> = entries.list().team().collect().await.expect("all entries");
    assert_eq!(u64::try_from(all.len()).unwrap(), first.total);
    let ids: HashSet<_> = all.iter().map(|e| e.id).collect();
    assert_eq!(ids.len(), all.len());
    assert_eq!(h.count(TIME_ENTRIES), u64::from(first.pages));
    h.emu.shutdown().await;
}

#[tokio::test]
async fn access_token_expiring_mid_listing_is_refreshed_once() {
    let h = Harness::start().await;
    let owner = h.owner();
    let mut pages = h
        .client
        .time_entries(business_id(&owner))
        .list()
        .per_page(50)
        .pages();
    let first = pages.next().await.expect("a page").expect("page 1");
    assert!(first.pages >= 4);
    h.emu.control().expire_access_tokens();
    let mut n_records = first.items.len();
    let mut n_pages = 1;
    while let Some(page) = pages.try_next().await.expect("later pages") {
        n_records += page.items.len();
        n_pages += 1;
    }
    assert_eq!(n_pages, first.pages);
    assert_eq!(u64::try_from(n_records).unwrap(), first.total);
    assert_eq!(h.count("POST /auth/oauth/token"), 1);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn deleted_records_appear_only_when_asked_for() {
    let h = Harness::start().await;
    let clients = h.client.clients(&account(&h.owner()));
    let victim = clients
        .list()
        .per_page(1)
        .page(1)
        .await
        .expect("a page")
        .items
        .remove(0)
        .record;
    let deleted = clients.delete(victim.id).await.expect("deleted");
    assert_eq!(deleted.record.vis_state, VisState::Deleted);

    let plain: Vec<_> = clients.list().collect().await.expect("plain list");
    assert!(
        plain.iter().all(|c| c.id != victim.id),
        "plain lists hide deleted records"
    );
    let gone: Vec<_> = clients
        .list()
        .vis_state(VisState::Deleted)
        .collect()
        .await
        .expect("deleted list");
    assert!(gone.iter().any(|c| c.id == victim.id));
    assert!(gone.iter().all(|c| c.vis_state == VisState::Deleted));

    let restored = clients.restore(victim.id).await.expect("restored");
    assert_eq!(restored.record.vis_state, VisState::Active);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn pages_stream_in_order_with_raw_json() {
    let h = Harness::start().await;
    let pages: Vec<_> = h
        .client
        .clients(&account(&h.owner()))
        .list()
        .per_page(7)
        .pages()
        .try_collect()
        .await
        .expect("pages");
    let numbers: Vec<u32> = pages.iter().map(|p| p.page).collect();
    let expected: Vec<u32> = (1..=pages[0].pages).collect();
    assert_eq!(numbers, expected);
    for record in pages.iter().flat_map(|p| &p.items) {
        assert_eq!(record.raw["id"].as_i64(), Some(record.record.id.get()));
    }
    h.emu.shutdown().await;
}

#[tokio::test]
async fn later_pages_are_fetched_with_bounded_concurrency() {
    // Six pages at 200 ms each: page 1 alone, then five more two at a time, is at least four
    // round trips; unbounded it would be two.
    let h = Harness::start().await;
    h.emu
        .control()
        .set_latency(std::time::Duration::from_millis(200));
    let list = h
        .client
        .time_entries(business_id(&h.owner()))
        .list()
        .team()
        .per_page(50);
    let started = std::time::Instant::now();
    let n_bounded = list.clone().collect().await.expect("entries").len();
    let bounded = started.elapsed();
    assert_eq!(h.client.config().page_concurrency, 2);
    assert!(
        bounded >= std::time::Duration::from_millis(780),
        "{bounded:?}"
    );

    // With a wider bound the same walk takes fewer round trips.
    let mut wide = crate::config(&h.emu.base_url());
    wide.page_concurrency = 6;
    let client = ledgerline_freshbooks::Client::new(wide, h.store.clone()).expect("client");
    let started = std::time::Instant::now();
    let n_wide = client
        .time_entries(business_id(&h.owner()))
        .list()
        .team()
        .per_page(50)
        .collect()
        .await
        .expect("entries")
        .len();
    assert_eq!(n_wide, n_bounded);
    assert!(
        started.elapsed() < bounded,
        "{:?} vs {bounded:?}",
        started.elapsed()
    );
    h.emu.shutdown().await;
}
