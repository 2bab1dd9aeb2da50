//! Scopes: a token may call only what the scopes it was granted cover, as on FreshBooks (403 in
//! the family's error shape otherwise); an expired token still gets its 401 first.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Env, http, start};

const REDIRECT: &str = "https://localhost/oauth/callback";

/// An access token granted exactly `scope` through the authorize page and the token endpoint.
async fn token_with(env: &Env, scope: &str) -> String {
    let mut url = url::Url::parse(&format!("{}/oauth/authorize", env.base)).expect("url");
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", "demo-client-id")
        .append_pair("redirect_uri", REDIRECT)
        .append_pair("scope", scope)
        .append_pair("state", "s");
    let res = http().get(url).send().await.expect("authorize");
    assert_eq!(res.status(), StatusCode::FOUND);
    let location =
        url::Url::parse(res.headers()["location"].to_str().expect("location")).expect("a URL");
    let code = location
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .expect("code");
    let answer: Value = http()
        .post(format!("{}/auth/oauth/token", env.base))
        .form(&[
            ("grant_type", "authorization_code"),
            ("client_id", "demo-client-id"),
            ("client_secret", "demo-client-secret"),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT),
        ])
        .send()
        .await
        .expect("token")
        .json()
        .await
        .expect("json");
    assert_eq!(answer["scope"], scope);
    answer["access_token"].as_str().expect("token").to_owned()
}

/// A request to the emulator with `token`.
async fn call(token: &str, method: Method, url: &str, body: Option<Value>) -> (StatusCode, Value) {
    let mut req = http().request(method, url).bearer_auth(token);
    if let Some(body) = body {
        req = req.json(&body);
    }
    let res = req.send().await.expect("request is answered");
    let status = res.status();
    let text = res.text().await.expect("body");
    (
        status,
        serde_json::from_str(&text).unwrap_or(Value::String(text)),
    )
}

async fn get(token: &str, url: &str) -> (StatusCode, Value) {
    call(token, Method::GET, url, None).await
}

fn new_client() -> Value {
    json!({"client": {"organization": "Scoped Co"}})
}

#[tokio::test]
async fn a_token_without_clients_write_cannot_create_a_client() {
    let env = start().await;
    let reader = token_with(&env, "user:profile:read user:clients:read").await;
    let url = env.acct(0, "users/clients");
    let (status, body) = call(&reader, Method::POST, &url, Some(new_client())).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    // Accounting's error shape for a refused call.
    let error = &body["response"]["errors"][0];
    assert!(error["errno"].is_i64(), "{body}");
    assert!(error["message"].is_string(), "{body}");
    assert!(
        !env.result(&url).await["clients"]
            .as_array()
            .expect("clients")
            .iter()
            .any(|c| c["organization"] == "Scoped Co"),
        "the refused create was applied"
    );

    let writer = token_with(
        &env,
        "user:profile:read user:clients:read user:clients:write",
    )
    .await;
    let (status, body) = call(&writer, Method::POST, &url, Some(new_client())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["response"]["result"]["client"]["id"].is_i64());
}

#[tokio::test]
async fn a_read_only_token_can_list_and_read() {
    let env = start().await;
    let reader = token_with(&env, "user:profile:read user:clients:read").await;
    let (status, body) = get(&reader, &env.acct(0, "users/clients")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        !body["response"]["result"]["clients"]
            .as_array()
            .expect("clients")
            .is_empty()
    );
    let (status, body) = get(&reader, &format!("{}/auth/api/v1/users/me", env.base)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // Not granted: invoices, time entries.
    let (status, body) = get(&reader, &env.acct(0, "invoices/invoices")).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, body) = get(&reader, &env.biz("timetracking", 0, "time_entries")).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(
        body["error"].is_string(),
        "the projects family's shape: {body}"
    );
}

#[tokio::test]
async fn a_write_scope_does_not_grant_reads_and_profile_read_guards_identity() {
    let env = start().await;
    let writer = token_with(&env, "user:time_entries:write").await;
    let (status, body) = get(&writer, &env.biz("timetracking", 0, "time_entries")).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, body) = call(
        &writer,
        Method::POST,
        &env.biz("timetracking", 0, "time_entries"),
        Some(json!({"time_entry": {"is_logged": true, "duration": 600,
                "started_at": "2026-11-02T14:00:00.000Z", "note": "scoped"}})),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = get(&writer, &format!("{}/auth/api/v1/users/me", env.base)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"], "forbidden", "identity's shape: {body}");
}

#[tokio::test]
async fn minted_tokens_carry_every_scope_and_an_expired_token_is_401_first() {
    let env = start().await;
    // The minted token writes everywhere the tests write.
    let (status, body) = env
        .send(
            Method::POST,
            &env.acct(0, "expenses/expenses"),
            Some(
                json!({"expense": {"amount": {"amount": "12.00", "code": "CAD"},
                "date": "2026-11-02", "categoryid": 1, "staffid": 1}}),
            ),
        )
        .await;
    assert_ne!(status, StatusCode::FORBIDDEN, "{body}");
    let reader = token_with(&env, "user:clients:read").await;
    env.emu.control().expire_access_tokens();
    let (status, body) = call(
        &reader,
        Method::POST,
        &env.acct(0, "users/clients"),
        Some(new_client()),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
}
