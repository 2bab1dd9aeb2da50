//! Paging per family: defaults 15 / 30 / 50, the silent cap at 100, page 0 as 1, past the end empty.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::start;

#[tokio::test]
async fn accounting_lists_default_to_15_and_cap_at_100() {
    let env = start().await;
    for (path, list) in [
        ("users/clients", "clients"),
        ("invoices/invoices", "invoices"),
        ("payments/payments", "payments"),
        ("expenses/expenses", "expenses"),
    ] {
        let result = env.result(&env.acct(0, path)).await;
        let total = result["total"].as_u64().expect("total");
        assert_eq!(result["per_page"], 15, "{path}");
        assert_eq!(result["page"], 1);
        assert_eq!(result["pages"].as_u64(), Some(total.div_ceil(15)), "{path}");
        assert_eq!(
            result[list].as_array().expect("list").len() as u64,
            total.min(15),
            "{path}"
        );
        assert!(result.get("meta").is_none());
    }
    let result = env
        .result(&format!(
            "{}?per_page=500",
            env.acct(0, "invoices/invoices")
        ))
        .await;
    assert_eq!(result["per_page"], 100);
    assert_eq!(result["invoices"].as_array().expect("list").len(), 100);
    let total = result["total"].as_u64().expect("total");
    assert_eq!(result["pages"].as_u64(), Some(total.div_ceil(100)));
}

#[tokio::test]
async fn page_zero_is_page_one_and_past_the_end_is_empty() {
    let env = start().await;
    let url = env.acct(0, "users/clients");
    let first = env
        .ids_of(&format!("{url}?page=1&per_page=5"), "clients")
        .await;
    let zero = env
        .ids_of(&format!("{url}?page=0&per_page=5"), "clients")
        .await;
    assert_eq!(first, zero);
    let second = env
        .ids_of(&format!("{url}?page=2&per_page=5"), "clients")
        .await;
    assert!(second.iter().all(|id| !first.contains(id)));
    let result = env.result(&format!("{url}?page=999&per_page=5")).await;
    assert_eq!(result["clients"].as_array().expect("list").len(), 0);
    assert_eq!(result["page"], 999);
    assert!(result["total"].as_u64().is_some_and(|t| t > 0));
}

#[tokio::test]
async fn walking_pages_sees_every_record_once() {
    let env = start().await;
    let url = env.acct(0, "invoices/invoices");
    let first = env.result(&format!("{url}?per_page=7")).await;
    let pages = first["pages"].as_u64().expect("pages");
    let mut seen = std::collections::BTreeSet::new();
    for page in 1..=pages {
        for id in env
            .ids_of(&format!("{url}?per_page=7&page={page}"), "invoices")
            .await
        {
            assert!(seen.insert(id), "id {id} twice");
        }
    }
    assert_eq!(seen.len() as u64, first["total"].as_u64().expect("total"));
}

#[tokio::test]
async fn projects_and_time_entries_default_to_30_in_meta_and_cap_at_100() {
    let env = start().await;
    let (status, body) = env.get(&env.biz("timetracking", 0, "time_entries")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["meta"]["per_page"], 30);
    assert_eq!(body["time_entries"].as_array().expect("list").len(), 30);
    assert!(
        body["meta"]["total_logged"].as_i64().is_some()
            && body["meta"]["total_unbilled"].as_i64().is_some()
    );
    let (_, body) = env
        .get(&format!(
            "{}?per_page=1000",
            env.biz("timetracking", 0, "time_entries")
        ))
        .await;
    assert_eq!(body["meta"]["per_page"], 100);
    assert_eq!(body["time_entries"].as_array().expect("list").len(), 100);
    assert_eq!(
        body["meta"]["pages"].as_u64(),
        Some(body["meta"]["total"].as_u64().expect("total").div_ceil(100))
    );

    for n in 0..30 {
        let (status, _) = env
            .send(
                Method::POST,
                &env.biz("projects", 0, "project"),
                Some(json!({"project": {"title": format!("Extra {n}")}})),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    let (_, body) = env.get(&env.biz("projects", 0, "projects")).await;
    assert_eq!(body["meta"]["per_page"], 30);
    assert_eq!(body["projects"].as_array().expect("list").len(), 30);
    assert_eq!(body["meta"]["total"], 38);
    assert_eq!(body["meta"]["pages"], 2);
    let (_, body) = env
        .get(&format!(
            "{}?per_page=200&page=1",
            env.biz("projects", 0, "projects")
        ))
        .await;
    assert_eq!(body["meta"]["per_page"], 100);
    assert_eq!(body["projects"].as_array().expect("list").len(), 38);
}

#[tokio::test]
async fn services_default_to_50_and_cap_at_100() {
    let env = start().await;
    for n in 0..100 {
        let (status, _) = env
            .send(
                Method::POST,
                &env.biz("comments", 0, "service"),
                Some(json!({"service": {"name": format!("Service {n}")}})),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
    }
    let (_, body) = env.get(&env.biz("comments", 0, "services")).await;
    assert_eq!(body["meta"]["per_page"], 50);
    assert_eq!(body["services"].as_array().expect("list").len(), 50);
    assert_eq!(body["meta"]["total"], 110);
    let (_, body) = env
        .get(&format!(
            "{}?per_page=150",
            env.biz("comments", 0, "services")
        ))
        .await;
    assert_eq!(body["meta"]["per_page"], 100);
    assert_eq!(body["services"].as_array().expect("list").len(), 100);
    let (_, body) = env.get(&env.biz("comments", 0, "service_rates")).await;
    assert_eq!(body["meta"]["total"], 10);
}
