//! Every injected fault, latency, determinism of seeded rates, and the control API that sets
//! them and counts requests.

use std::time::{Duration, Instant};

use freshbooks_emulator::{Config, FaultKind, Faults};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Env, http, start, start_with};

/// `GET users/clients` in the first business, as the raw response (the faults shape it).
async fn get_clients(env: &Env) -> reqwest::Response {
    env.http
        .get(env.acct(0, "users/clients"))
        .bearer_auth(&env.token)
        .send()
        .await
        .expect("answered")
}

async fn clients_status(env: &Env) -> StatusCode {
    get_clients(env).await.status()
}

/// A `GET` on the control API, read as JSON.
async fn control_json(url: String) -> Value {
    http()
        .get(url)
        .send()
        .await
        .expect("control")
        .json()
        .await
        .expect("json")
}

#[tokio::test]
async fn rate_limit_with_and_without_retry_after() {
    let env = start().await;
    let control = env.emu.control();
    control.set_faults(Faults {
        retry_after_secs: Some(3),
        script: vec![FaultKind::RateLimit],
        ..Faults::default()
    });
    let res = get_clients(&env).await;
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        res.headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()),
        Some("3")
    );
    let body: Value = res.json().await.expect("json");
    assert!(body["response"]["errors"][0]["errno"].is_number());
    assert_eq!(
        clients_status(&env).await,
        StatusCode::OK,
        "the script is spent"
    );

    control.set_faults(Faults {
        rate_limit_per_mille: 1000,
        ..Faults::default()
    });
    let res = env
        .http
        .get(env.biz("projects", 0, "projects"))
        .bearer_auth(&env.token)
        .send()
        .await
        .expect("answered");
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(res.headers().get("retry-after").is_none());
    let body: Value = res.json().await.expect("json");
    assert!(body["error"].is_string(), "projects family body");
    control.clear_faults();
    assert_eq!(clients_status(&env).await, StatusCode::OK);
}

#[tokio::test]
async fn server_errors_500_json_and_503_html() {
    let env = start().await;
    env.emu
        .control()
        .push_faults(&[FaultKind::ServerError, FaultKind::Unavailable]);
    let res = get_clients(&env).await;
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(res.json::<Value>().await.is_ok());
    let res = get_clients(&env).await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let text = res.text().await.expect("body");
    assert!(text.contains("<html>") && serde_json::from_str::<Value>(&text).is_err());
}

#[tokio::test]
async fn hang_outlasts_the_client_timeout() {
    let env = start().await;
    env.emu.control().set_faults(Faults {
        hang_ms: 5_000,
        script: vec![FaultKind::Hang],
        ..Faults::default()
    });
    let client = reqwest::Client::builder()
        .timeout(Duration::from_millis(400))
        .build()
        .expect("client");
    let started = Instant::now();
    let err = client
        .get(env.acct(0, "users/clients"))
        .bearer_auth(&env.token)
        .send()
        .await
        .expect_err("times out");
    assert!(err.is_timeout(), "{err}");
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(
        client
            .get(env.acct(0, "users/clients"))
            .bearer_auth(&env.token)
            .send()
            .await
            .expect("answered")
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn reset_drops_the_connection_without_an_answer() {
    let env = start().await;
    let before = env.result(&env.acct(0, "users/clients")).await["total"].clone();
    env.emu.control().push_faults(&[FaultKind::Reset]);
    let err = http()
        .post(env.acct(0, "users/clients"))
        .bearer_auth(&env.token)
        .json(&json!({"client": {"organization": "Never written"}}))
        .send()
        .await
        .expect_err("reset");
    assert!(!err.is_timeout() && !err.is_status(), "{err}");
    let after = env.result(&env.acct(0, "users/clients")).await["total"].clone();
    assert_eq!(before, after, "a reset happens before the handler runs");
}

#[tokio::test]
async fn truncated_body_fails_to_read() {
    let env = start().await;
    env.emu.control().push_faults(&[FaultKind::Truncate]);
    let res = get_clients(&env).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.content_length().is_some_and(|n| n > 100));
    assert!(res.bytes().await.is_err(), "the body is cut short");
    assert_eq!(clients_status(&env).await, StatusCode::OK);
}

#[tokio::test]
async fn drop_after_commit_writes_but_never_answers() {
    let env = start().await;
    env.emu.control().set_faults(Faults {
        drop_after_commit_per_mille: 1000,
        ..Faults::default()
    });
    assert_eq!(
        clients_status(&env).await,
        StatusCode::OK,
        "reads are not affected"
    );
    let err = http()
        .post(env.acct(0, "users/clients"))
        .bearer_auth(&env.token)
        .json(&json!({"client": {"organization": "Committed Anyway"}}))
        .send()
        .await
        .expect_err("no answer");
    assert!(!err.is_timeout(), "{err}");
    env.emu.control().clear_faults();
    let found = env
        .result(&format!(
            "{}?search[organization_like]=Committed Anyway",
            env.acct(0, "users/clients")
        ))
        .await;
    assert_eq!(found["total"], 1, "the write happened");
}

#[tokio::test]
async fn added_latency_delays_every_request() {
    let env = start().await;
    env.emu.control().set_latency(Duration::from_millis(300));
    let started = Instant::now();
    assert_eq!(clients_status(&env).await, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(300));
    let res = http()
        .put(format!("{}/_emulator/latency", env.base))
        .json(&json!({"ms": 0}))
        .send()
        .await
        .expect("control");
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let started = Instant::now();
    assert_eq!(clients_status(&env).await, StatusCode::OK);
    assert!(started.elapsed() < Duration::from_millis(300));
}

async fn statuses(faults: Faults) -> Vec<u16> {
    let mut config = Config::for_tests();
    config.faults = faults;
    let env = start_with(config).await;
    let mut out = Vec::new();
    for _ in 0..40 {
        out.push(clients_status(&env).await.as_u16());
    }
    out
}

#[tokio::test]
async fn seeded_rates_repeat_exactly() {
    let faults = Faults {
        seed: 42,
        server_error_per_mille: 300,
        rate_limit_per_mille: 200,
        ..Faults::default()
    };
    let first = statuses(faults.clone()).await;
    let second = statuses(faults).await;
    assert_eq!(first, second);
    let n_faults = first.iter().filter(|s| **s != 200).count();
    assert!(
        (8..=32).contains(&n_faults),
        "about half of 40 fail: {first:?}"
    );
    assert!(first.contains(&429) && first.contains(&500));
    let other = statuses(Faults {
        seed: 43,
        server_error_per_mille: 300,
        rate_limit_per_mille: 200,
        ..Faults::default()
    })
    .await;
    assert_ne!(first, other, "another seed, another sequence");
}

#[tokio::test]
async fn path_filter_limits_faults() {
    let env = start().await;
    env.emu.control().set_faults(Faults {
        server_error_per_mille: 1000,
        path_contains: Some("/timetracking/".into()),
        ..Faults::default()
    });
    assert_eq!(clients_status(&env).await, StatusCode::OK);
    let (status, _) = env.get(&env.biz("timetracking", 0, "time_entries")).await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
}

#[tokio::test]
async fn control_api_sets_faults_and_counts_requests_per_endpoint() {
    let env = start().await;
    let control_url = format!("{}/_emulator", env.base);
    let res = http()
        .put(format!("{control_url}/faults"))
        .json(&json!({"rate_limit_per_mille": 1000, "retry_after_secs": 1}))
        .send()
        .await
        .expect("put");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(clients_status(&env).await, StatusCode::TOO_MANY_REQUESTS);
    let faults: Value = control_json(format!("{control_url}/faults")).await;
    assert_eq!(faults["rate_limit_per_mille"], 1000);
    assert_eq!(
        http()
            .delete(format!("{control_url}/faults"))
            .send()
            .await
            .expect("delete")
            .status(),
        StatusCode::NO_CONTENT
    );
    let res = http()
        .post(format!("{control_url}/faults/script"))
        .json(&json!(["server_error"]))
        .send()
        .await
        .expect("script");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        clients_status(&env).await,
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(clients_status(&env).await, StatusCode::OK);

    assert_eq!(
        http()
            .delete(format!("{control_url}/counts"))
            .send()
            .await
            .expect("reset")
            .status(),
        StatusCode::NO_CONTENT
    );
    for _ in 0..3 {
        clients_status(&env).await;
    }
    env.get(&env.acct(0, "users/clients/100001")).await;
    env.get(&env.biz("timetracking", 1, "time_entries")).await;
    let counts: Value = control_json(format!("{control_url}/counts")).await;
    assert_eq!(
        counts["GET /accounting/account/{account_id}/users/clients"],
        3
    );
    assert_eq!(
        counts["GET /accounting/account/{account_id}/users/clients/{id}"],
        1
    );
    assert_eq!(
        counts["GET /timetracking/business/{business_id}/time_entries"],
        1
    );
    assert!(
        counts
            .as_object()
            .expect("map")
            .keys()
            .all(|k| !k.contains("_emulator")),
        "control calls are not counted"
    );
    assert_eq!(
        env.emu
            .control()
            .request_count("GET /accounting/account/{account_id}/users/clients"),
        3
    );
    env.emu.control().reset_counts();
    assert!(env.emu.control().request_counts().is_empty());
    let identity: Value = control_json(format!("{control_url}/identity")).await;
    assert_eq!(
        identity["businesses"][0]["account_id"],
        env.ids.businesses[0].account_id.as_str()
    );
}

#[test]
fn rates_parse_as_per_mille_or_percent() {
    use freshbooks_emulator::parse_rate;
    assert_eq!(parse_rate("25"), Ok(25));
    assert_eq!(parse_rate("5%"), Ok(50));
    assert_eq!(parse_rate("2.5%"), Ok(25));
    assert_eq!(parse_rate("100%"), Ok(1000));
    assert!(parse_rate("101%").is_err());
    assert!(parse_rate("1001").is_err());
    assert!(parse_rate("lots").is_err());
}

#[tokio::test]
async fn many_concurrent_requests_are_all_served_and_counted() {
    let env = start().await;
    let url = env.acct(0, "invoices/invoices?per_page=100&include[]=lines");
    let requests = (0..40).map(|_| env.http.get(&url).bearer_auth(&env.token).send());
    let responses = futures::future::join_all(requests).await;
    assert!(
        responses
            .iter()
            .all(|r| r.as_ref().is_ok_and(|r| r.status() == StatusCode::OK))
    );
    assert_eq!(
        env.emu
            .control()
            .request_count("GET /accounting/account/{account_id}/invoices/invoices"),
        40
    );
}

#[tokio::test]
async fn shutdown_ends_hanging_requests() {
    let env = start().await;
    env.emu.control().set_faults(Faults {
        hang_per_mille: 1000,
        hang_ms: 60_000,
        ..Faults::default()
    });
    let hanging = tokio::spawn(
        env.http
            .get(env.acct(0, "users/clients"))
            .bearer_auth(env.token.clone())
            .send(),
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = Instant::now();
    env.emu.shutdown().await;
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "shutdown does not wait for the hang"
    );
    let res = hanging.await.expect("task");
    assert!(res.is_err(), "the hanging request ends without an answer");
}

#[tokio::test]
async fn a_requests_per_second_limit_answers_429_past_the_limit() {
    let env = start().await;
    env.emu.control().set_faults(Faults {
        max_requests_per_second: 5,
        retry_after_secs: Some(1),
        ..Faults::default()
    });
    let mut statuses = Vec::new();
    for _ in 0..8 {
        statuses.push(clients_status(&env).await.as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        clients_status(&env).await,
        StatusCode::OK,
        "a new second, a new allowance"
    );
}
