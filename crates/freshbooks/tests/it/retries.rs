//! 429 storms, with and without `Retry-After`; writes are never retried.

use std::time::{Duration, Instant};

use freshbooks_emulator::{FaultKind, Faults};
use ledgerline_freshbooks::{Error, Page, Result, WithRaw};
use ledgerline_model::entity::{Client, NewClient};

use crate::{Harness, account};

const CLIENTS_LIST: &str = "GET /accounting/account/{account_id}/users/clients";
const CLIENTS_CREATE: &str = "POST /accounting/account/{account_id}/users/clients";

fn storm(retry_after_secs: Option<u64>) -> Faults {
    Faults {
        rate_limit_per_mille: 1000,
        retry_after_secs,
        path_contains: Some("users/clients".into()),
        ..Faults::default()
    }
}

/// The first page of the owner's clients: the read every storm here is aimed at.
async fn first_clients_page(h: &Harness) -> Result<Page<WithRaw<Client>>> {
    h.client.clients(&account(&h.owner())).list().page(1).await
}

#[tokio::test]
async fn storm_without_retry_after_backs_off_then_gives_up() {
    let h = Harness::start().await;
    h.emu.control().set_faults(storm(None));
    let started = Instant::now();
    let err = first_clients_page(&h).await.unwrap_err();
    assert!(
        matches!(err, Error::RateLimited { retry_after: None }),
        "{err:?}"
    );
    assert!(err.is_retryable());
    assert_eq!(h.count(CLIENTS_LIST), 4);
    // Backoff of 10 ms doubling with jitter in [d/2, d]: at least 5 + 10 + 20 ms in all.
    assert!(started.elapsed() >= Duration::from_millis(35));
    h.emu.shutdown().await;
}

#[tokio::test]
async fn storm_with_retry_after_is_honoured_then_passes() {
    let h = Harness::start().await;
    let control = h.emu.control();
    control.set_faults(Faults {
        retry_after_secs: Some(1),
        script: vec![FaultKind::RateLimit, FaultKind::RateLimit],
        path_contains: Some("users/clients".into()),
        ..Faults::default()
    });
    let started = Instant::now();
    let page = first_clients_page(&h).await.expect("passes");
    assert!(!page.items.is_empty());
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "waited as asked: {:?}",
        started.elapsed()
    );
    assert_eq!(h.count(CLIENTS_LIST), 3);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn retry_after_beyond_the_cap_goes_back_to_the_caller() {
    let h = Harness::start().await;
    h.emu.control().set_faults(storm(Some(120)));
    let started = Instant::now();
    let err = first_clients_page(&h).await.unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(h.count(CLIENTS_LIST), 1);
    assert!(started.elapsed() < Duration::from_secs(2));
    h.emu.shutdown().await;
}

#[tokio::test]
async fn rate_limited_writes_are_not_retried() {
    let h = Harness::start().await;
    h.emu.control().set_faults(storm(Some(0)));
    let err = h
        .client
        .clients(&account(&h.owner()))
        .create(&NewClient {
            organization: Some("Later Ltd".into()),
            ..NewClient::default()
        })
        .await
        .unwrap_err();
    assert!(matches!(err, Error::RateLimited { .. }), "{err:?}");
    assert!(
        !err.may_have_applied(),
        "a 429 was refused before anything was done"
    );
    assert_eq!(h.count(CLIENTS_CREATE), 1);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn listing_survives_a_partial_storm() {
    let h = Harness::start().await;
    let invoices = h.client.invoices(&account(&h.owner()));
    let total = invoices.list().page(1).await.expect("page 1").total;
    // About a third of all requests are refused; the walk still completes, every page once.
    h.emu.control().set_faults(Faults {
        seed: 3,
        rate_limit_per_mille: 300,
        path_contains: Some("invoices/invoices".into()),
        ..Faults::default()
    });
    let all = invoices
        .list()
        .per_page(25)
        .collect()
        .await
        .expect("all pages despite 429s");
    assert_eq!(u64::try_from(all.len()).unwrap(), total);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn a_rate_limited_refresh_keeps_freshbooks_wait_and_the_sign_in() {
    let h = Harness::start().await;
    let mut tokens = h.store.current().expect("tokens");
    tokens.expires_at = chrono::Utc::now() - chrono::TimeDelta::minutes(1);
    h.client
        .set_tokens(tokens.clone())
        .await
        .expect("installed");
    h.emu.control().set_faults(Faults {
        retry_after_secs: Some(7),
        script: vec![FaultKind::RateLimit],
        path_contains: Some("/auth/oauth/token".into()),
        ..Faults::default()
    });
    let err = h.client.me().await.unwrap_err();
    assert!(
        matches!(err, Error::RateLimited { retry_after: Some(d) } if d == Duration::from_secs(7)),
        "{err:?}"
    );
    assert!(!err.needs_sign_in());
    // The refresh token was not spent: the next try refreshes and goes through.
    assert_eq!(h.store.current().expect("tokens"), tokens);
    h.client.me().await.expect("identity");
    h.emu.shutdown().await;
}

/// Waits until the emulator has drawn every scripted fault (the scripted 429 was answered).
async fn script_spent(h: &Harness) -> Instant {
    while !h.emu.control().faults().script.is_empty() {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    Instant::now()
}

/// A 429 with `Retry-After: 1` on one read holds back the whole client, not only that read: a
/// read of another resource started once the client has read the 429 reaches FreshBooks only
/// once the second has passed (its free slot notwithstanding), and both reads then pass.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_after_holds_back_every_request_of_the_client() {
    let h = Harness::start().await;
    let owner = account(&h.owner());
    h.emu.control().set_faults(Faults {
        retry_after_secs: Some(1),
        script: vec![FaultKind::RateLimit],
        path_contains: Some("users/clients".into()),
        ..Faults::default()
    });
    let refused = tokio::spawn({
        let client = h.client.clone();
        let owner = owner.clone();
        async move { client.clients(&owner).list().page(1).await }
    });
    let answered = script_spent(&h).await;
    // Once the client has read the 429 (it shows the pause), a read of another resource.
    while h.client.pause().is_none() {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let invoices = tokio::spawn({
        let client = h.client.clone();
        async move { client.invoices(&owner).list().page(1).await }
    });
    const INVOICES_LIST: &str = "GET /accounting/account/{account_id}/invoices/invoices";
    while answered.elapsed() < Duration::from_millis(900) {
        assert_eq!(
            h.count(INVOICES_LIST),
            0,
            "sent {:?} after the 429",
            answered.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(
        !invoices
            .await
            .expect("task")
            .expect("invoices")
            .items
            .is_empty()
    );
    assert!(answered.elapsed() >= Duration::from_secs(1));
    assert!(
        !refused
            .await
            .expect("task")
            .expect("clients")
            .items
            .is_empty()
    );
    assert_eq!((h.count(CLIENTS_LIST), h.count(INVOICES_LIST)), (2, 1));
    h.emu.shutdown().await;
}

/// A 429 asking for longer than the client will wait holds back the requests after it too: they
/// come back at once as rate limited, with what is left of the wait, and never reach FreshBooks.
#[tokio::test]
async fn a_long_retry_after_refuses_the_next_requests_without_sending_them() {
    let h = Harness::start().await;
    h.emu.control().set_faults(Faults {
        retry_after_secs: Some(120),
        script: vec![FaultKind::RateLimit],
        path_contains: Some("users/clients".into()),
        ..Faults::default()
    });
    let err = first_clients_page(&h).await.unwrap_err();
    assert_eq!(err.retry_after(), Some(Duration::from_secs(120)));
    let started = Instant::now();
    let err = h
        .client
        .invoices(&account(&h.owner()))
        .list()
        .page(1)
        .await
        .unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "not slept through"
    );
    let left = err.retry_after().expect("what is left of the wait");
    assert!(
        left > Duration::from_secs(110) && left <= Duration::from_secs(120),
        "{left:?}"
    );
    assert_eq!(
        h.count("GET /accounting/account/{account_id}/invoices/invoices"),
        0
    );
    assert_eq!(h.count(CLIENTS_LIST), 1);
    h.emu.shutdown().await;
}
