//! Role rules (a role that cannot write gets 403 on writes) and wrong ids (bare 404).

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::start;

#[tokio::test]
async fn a_read_only_role_reads_but_gets_403_on_every_write() {
    let env = start().await;
    assert!(!env.ids.businesses[2].can_write);
    let clients = env.result(&env.acct(2, "users/clients")).await;
    let some_client = clients["clients"][0]["id"]
        .as_i64()
        .expect("a seeded client");

    let (status, body) = env
        .send(
            Method::POST,
            &env.acct(2, "users/clients"),
            Some(json!({"client": {"organization": "Nope"}})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body["response"]["errors"][0]["errno"].is_number(), "{body}");
    let (status, _) = env
        .send(
            Method::PUT,
            &env.acct(2, &format!("users/clients/{some_client}")),
            Some(json!({"client": {"vis_state": 1}})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = env
        .send(
            Method::DELETE,
            &env.acct(2, &format!("users/clients/{some_client}")),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body) = env
        .send(
            Method::POST,
            &env.biz("timetracking", 2, "time_entries"),
            Some(json!({"time_entry": {"started_at": "2026-01-01T00:00:00Z", "duration": 60}})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body["error"].is_string());
    let (status, _) = env
        .send(
            Method::POST,
            &env.biz("projects", 2, "project"),
            Some(json!({"project": {"title": "x"}})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = env
        .send(
            Method::POST,
            &env.biz("comments", 2, "service"),
            Some(json!({"service": {"name": "x"}})),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Nothing was written.
    let after = env.result(&env.acct(2, "users/clients")).await;
    assert_eq!(after["total"], clients["total"]);
    // The admin of the second business may write.
    let (status, _) = env
        .send(
            Method::POST,
            &env.acct(1, "users/clients"),
            Some(json!({"client": {"organization": "Yes"}})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn wrong_account_or_business_id_is_a_bare_404() {
    let env = start().await;
    let business_id = env.ids.businesses[0].business_id;
    let account_id = env.ids.businesses[0].account_id.clone();
    for url in [
        format!("{}/accounting/account/NOPE1/users/clients", env.base),
        format!(
            "{}/accounting/account/{business_id}/users/clients",
            env.base
        ),
        format!("{}/projects/business/{account_id}/projects", env.base),
        format!("{}/projects/business/999/projects", env.base),
        format!(
            "{}/timetracking/business/{account_id}/time_entries",
            env.base
        ),
        format!("{}/comments/business/{account_id}/services", env.base),
    ] {
        let (status, body) = env.get(&url).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{url}");
        assert_eq!(body, Value::Null, "bare 404 for {url}");
    }
}

/// Reads can be refused for one resource of one business (as for a role or token without the
/// read scope); off by default, other resources and businesses unaffected, clearing restores them.
#[tokio::test]
async fn read_denials_refuse_one_resource_of_one_business() {
    let env = start().await;
    let control = env.emu.control();
    assert!(control.read_denials().is_empty(), "off by default");
    let (status, _) = env.get(&env.acct(0, "expenses/expenses")).await;
    assert_eq!(status, StatusCode::OK);

    control.deny_reads(freshbooks_emulator::ReadDenial {
        resource: "expenses".into(),
        business: Some(env.ids.businesses[0].account_id.clone()),
    });
    let (status, body) = env.get(&env.acct(0, "expenses/expenses")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body["response"]["errors"][0]["errno"].is_number(), "{body}");
    // Another resource, and the same resource of another business, still read.
    let (status, _) = env.get(&env.acct(0, "users/clients")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = env.get(&env.acct(1, "expenses/expenses")).await;
    assert_eq!(status, StatusCode::OK);

    // Over HTTP, for a business-id family: time entries of business 1.
    let url = format!("{}/_emulator/read-denials", env.base);
    let res = crate::support::http()
        .post(&url)
        .json(&json!({"resource": "time_entries", "business": env.ids.businesses[1].business_id.to_string()}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let listed: Value = res.json().await.unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(2), "{listed}");
    let (status, body) = env.get(&env.biz("timetracking", 1, "time_entries")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body["error"].is_string(), "{body}");
    let (status, _) = env.get(&env.biz("timetracking", 0, "time_entries")).await;
    assert_eq!(status, StatusCode::OK);

    // An expired token still gets its 401 first.
    control.expire_access_tokens();
    let (status, _) = env.get(&env.acct(0, "expenses/expenses")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let res = crate::support::http().delete(&url).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(control.read_denials().is_empty());
}
