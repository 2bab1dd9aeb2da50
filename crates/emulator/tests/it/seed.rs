//! Seed data: deterministic, sized by scale, and kept across restarts with a state file.

use std::time::Instant;

use freshbooks_emulator::{Config, Emulator, Scale};
use reqwest::StatusCode;
use serde_json::json;

use crate::support::start_with;

#[tokio::test]
async fn the_same_seed_gives_the_same_records() {
    let a = start_with(Config::for_tests()).await;
    let b = start_with(Config::for_tests()).await;
    for path in [
        "users/clients?per_page=100",
        "invoices/invoices?per_page=100&include[]=lines",
        "payments/payments?per_page=100",
    ] {
        assert_eq!(
            a.result(&a.acct(0, path)).await,
            b.result(&b.acct(0, path)).await,
            "{path}"
        );
    }
    let (_, ta) = a
        .get(&a.biz("timetracking", 0, "time_entries?per_page=100"))
        .await;
    let (_, tb) = b
        .get(&b.biz("timetracking", 0, "time_entries?per_page=100"))
        .await;
    assert_eq!(ta, tb);
    let mut config = Config::for_tests();
    config.seed = 8;
    let c = start_with(config).await;
    assert_ne!(
        a.result(&a.acct(0, "users/clients")).await,
        c.result(&c.acct(0, "users/clients")).await
    );
}

#[tokio::test]
async fn small_scale_has_billed_and_unbilled_time_and_every_billing_method() {
    let env = start_with(Config::for_tests()).await;
    for n in 0..3 {
        let clients = env.result(&env.acct(n, "users/clients")).await;
        assert!(
            clients["total"].as_u64().is_some_and(|t| t >= 30),
            "business {n}"
        );
        let invoices = env.result(&env.acct(n, "invoices/invoices")).await;
        assert!(invoices["total"].as_u64().is_some_and(|t| t >= 100));
    }
    let (_, billed) = env
        .get(&env.biz("timetracking", 0, "time_entries?billed=true"))
        .await;
    let (_, unbilled) = env
        .get(&env.biz("timetracking", 0, "time_entries?billed=false&billable=true"))
        .await;
    assert!(billed["meta"]["total"].as_u64().is_some_and(|t| t > 20));
    assert!(unbilled["meta"]["total"].as_u64().is_some_and(|t| t > 20));
    let (_, projects) = env.get(&env.biz("projects", 0, "projects")).await;
    let mut methods: Vec<&str> = projects["projects"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|p| p["billing_method"].as_str())
        .collect();
    methods.sort_unstable();
    methods.dedup();
    assert_eq!(
        methods,
        [
            "business_rate",
            "project_rate",
            "service_rate",
            "team_member_rate"
        ]
    );
    let statuses = env
        .result(&env.acct(0, "invoices/invoices?per_page=100"))
        .await;
    let mut v3: Vec<&str> = statuses["invoices"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|i| i["v3_status"].as_str())
        .collect();
    v3.sort_unstable();
    v3.dedup();
    assert!(
        v3.contains(&"paid") && v3.contains(&"draft") && v3.len() >= 4,
        "{v3:?}"
    );
}

#[tokio::test]
async fn large_scale_has_benchmark_sizes_in_the_first_business() {
    let mut config = Config::for_tests();
    config.scale = Scale::Large;
    let started = Instant::now();
    let env = start_with(config).await;
    let took = started.elapsed();
    let count = |v: serde_json::Value| v["total"].as_u64().expect("total");
    let active_and_archived = count(env.result(&env.acct(0, "users/clients")).await);
    let deleted = count(
        env.result(&env.acct(0, "users/clients?search[vis_state]=1"))
            .await,
    );
    assert_eq!(active_and_archived + deleted, 2_000);
    let invoices = count(env.result(&env.acct(0, "invoices/invoices")).await)
        + count(
            env.result(&env.acct(0, "invoices/invoices?search[vis_state]=1"))
                .await,
        );
    assert_eq!(invoices, 10_000);
    let (_, entries) = env
        .get(&env.biz("timetracking", 0, "time_entries?team=true"))
        .await;
    assert_eq!(entries["meta"]["total"], 20_000);
    eprintln!("large seed + start took {took:?} (debug build)");
}

#[tokio::test]
async fn empty_scale_has_businesses_and_taxes_only() {
    let mut config = Config::for_tests();
    config.scale = Scale::Empty;
    let env = start_with(config).await;
    assert_eq!(env.result(&env.acct(0, "users/clients")).await["total"], 0);
    assert!(
        env.result(&env.acct(0, "taxes/taxes")).await["total"]
            .as_u64()
            .is_some_and(|t| t > 0)
    );
}

#[tokio::test]
async fn state_file_keeps_writes_across_restarts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("state.json");
    let mut config = Config::for_tests();
    config.state_file = Some(path.clone());
    let env = start_with(config.clone()).await;
    let id = env
        .create_client(0, json!({"organization": "Persisted Ltd"}))
        .await;
    let Env { emu, .. } = env;
    emu.shutdown().await;
    assert!(path.exists());
    let emu = Emulator::start(config).await.expect("restart");
    let (token, _) = emu.control().mint_tokens();
    let res = reqwest::Client::new()
        .get(format!(
            "{}/accounting/account/xVm3Q/users/clients/{id}",
            emu.base_url()
        ))
        .bearer_auth(token)
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(
        body["response"]["result"]["client"]["organization"],
        "Persisted Ltd"
    );
    emu.shutdown().await;
}

use crate::support::Env;
