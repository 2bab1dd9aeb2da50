//! OAuth: authorize page and auto-approve, token endpoint in JSON and form, single-use codes
//! and refresh tokens, documented error bodies, token expiry.

use std::time::Duration;

use freshbooks_emulator::Config;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{Env, http, start, start_with};

const REDIRECT: &str = "https://localhost/oauth/callback";

fn authorize_url(env: &Env, redirect: &str, state: &str) -> String {
    let mut url = url_with_base(env, "/oauth/authorize");
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", "demo-client-id")
        .append_pair("redirect_uri", redirect)
        .append_pair("scope", "user:profile:read user:clients:read")
        .append_pair("state", state)
        .append_pair("code_challenge", "ignored")
        .append_pair("code_challenge_method", "S256");
    url.to_string()
}

fn url_with_base(env: &Env, path: &str) -> url::Url {
    url::Url::parse(&format!("{}{path}", env.base)).expect("url")
}

fn query_of(location: &str) -> Vec<(String, String)> {
    url::Url::parse(location)
        .expect("location")
        .query_pairs()
        .into_owned()
        .collect()
}

fn param(pairs: &[(String, String)], name: &str) -> Option<String> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

/// `GET /oauth/authorize` as a browser would send it, without following the redirect.
async fn authorize(env: &Env, redirect: &str, state: &str) -> reqwest::Response {
    http()
        .get(authorize_url(env, redirect, state))
        .send()
        .await
        .expect("authorize")
}

async fn code(env: &Env) -> String {
    let res = authorize(env, REDIRECT, "s1").await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(location.starts_with(REDIRECT), "{location}");
    let pairs = query_of(&location);
    assert_eq!(param(&pairs, "state").as_deref(), Some("s1"));
    param(&pairs, "code").expect("code")
}

async fn token_form(env: &Env, fields: &[(&str, &str)]) -> (StatusCode, Value) {
    let res = http()
        .post(format!("{}/auth/oauth/token", env.base))
        .form(fields)
        .send()
        .await
        .expect("token");
    let status = res.status();
    (status, res.json().await.expect("json body"))
}

async fn exchange(env: &Env, code: &str) -> (StatusCode, Value) {
    token_form(
        env,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", "demo-client-id"),
            ("client_secret", "demo-client-secret"),
            ("code", code),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await
}

async fn refresh(env: &Env, refresh_token: &str) -> (StatusCode, Value) {
    token_form(
        env,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", "demo-client-id"),
            ("client_secret", "demo-client-secret"),
            ("refresh_token", refresh_token),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await
}

/// Asserts that the token endpoint refuses `fields` with `status` and the OAuth `error` code.
async fn assert_token_refused(env: &Env, fields: &[(&str, &str)], status: StatusCode, error: &str) {
    let (res_status, body) = token_form(env, fields).await;
    assert_eq!((res_status, body["error"].as_str()), (status, Some(error)));
}

async fn me_status(env: &Env, token: &str) -> StatusCode {
    http()
        .get(format!("{}/auth/api/v1/users/me", env.base))
        .bearer_auth(token)
        .send()
        .await
        .expect("me")
        .status()
}

#[tokio::test]
async fn code_exchange_by_form_gives_a_documented_token_answer() {
    let env = start().await;
    let code = code(&env).await;
    let (status, body) = exchange(&env, &code).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 43_200);
    assert!(
        body["created_at"]
            .as_i64()
            .is_some_and(|t| t > 1_700_000_000)
    );
    for field in ["access_token", "refresh_token", "scope", "id_token"] {
        assert!(
            body[field].as_str().is_some_and(|s| !s.is_empty()),
            "{field} in {body}"
        );
    }
    assert_eq!(body["scope"], "user:profile:read user:clients:read");
    assert_eq!(
        me_status(&env, body["access_token"].as_str().expect("token")).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn code_exchange_by_json_body_works_too() {
    let env = start().await;
    let code = code(&env).await;
    let res = http()
        .post(format!("{}/auth/oauth/token", env.base))
        .json(&json!({"grant_type": "authorization_code", "client_id": "demo-client-id", "client_secret": "demo-client-secret", "code": code, "redirect_uri": REDIRECT}))
        .send()
        .await
        .expect("token");
    assert_eq!(res.status(), StatusCode::OK);
    let body: Value = res.json().await.expect("json");
    assert!(body["access_token"].is_string());
}

#[tokio::test]
async fn a_code_is_single_use() {
    let env = start().await;
    let code = code(&env).await;
    assert_eq!(exchange(&env, &code).await.0, StatusCode::OK);
    let (status, body) = exchange(&env, &code).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_grant");
    assert!(body["error_description"].is_string());
}

#[tokio::test]
async fn a_code_for_another_redirect_uri_is_refused() {
    let env = start().await;
    let code = code(&env).await;
    assert_token_refused(
        &env,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", "demo-client-id"),
            ("client_secret", "demo-client-secret"),
            ("code", &code),
            ("redirect_uri", "https://elsewhere.example/cb"),
        ],
        StatusCode::BAD_REQUEST,
        "invalid_grant",
    )
    .await;
}

#[tokio::test]
async fn wrong_secret_and_unknown_client_are_invalid_client() {
    let env = start().await;
    let code = code(&env).await;
    assert_token_refused(
        &env,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", "demo-client-id"),
            ("client_secret", "nope"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
        ],
        StatusCode::UNAUTHORIZED,
        "invalid_client",
    )
    .await;
    assert_token_refused(
        &env,
        &[
            ("grant_type", "refresh_token"),
            ("client_id", "other"),
            ("client_secret", "demo-client-secret"),
            ("refresh_token", "x"),
        ],
        StatusCode::UNAUTHORIZED,
        "invalid_client",
    )
    .await;
}

#[tokio::test]
async fn unsupported_grant_type_and_missing_code_are_400() {
    let env = start().await;
    assert_token_refused(
        &env,
        &[
            ("grant_type", "password"),
            ("client_id", "demo-client-id"),
            ("client_secret", "demo-client-secret"),
        ],
        StatusCode::BAD_REQUEST,
        "unsupported_grant_type",
    )
    .await;
    assert_token_refused(
        &env,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", "demo-client-id"),
            ("client_secret", "demo-client-secret"),
        ],
        StatusCode::BAD_REQUEST,
        "invalid_request",
    )
    .await;
}

#[tokio::test]
async fn refresh_rotates_and_the_old_refresh_token_dies() {
    let env = start().await;
    let (_, first) = exchange(&env, &code(&env).await).await;
    let old_refresh = first["refresh_token"].as_str().expect("refresh");
    let (status, second) = refresh(&env, old_refresh).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_ne!(second["access_token"], first["access_token"]);
    let (status, body) = refresh(&env, old_refresh).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    assert_eq!(
        me_status(&env, second["access_token"].as_str().expect("token")).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn access_tokens_expire_after_the_configured_ttl() {
    let mut config = Config::for_tests();
    config.access_token_ttl = Duration::from_millis(1500);
    let env = start_with(config).await;
    let (_, tokens) = exchange(&env, &code(&env).await).await;
    assert_eq!(tokens["expires_in"], 1);
    let access = tokens["access_token"].as_str().expect("token");
    assert_eq!(me_status(&env, access).await, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(1700)).await;
    assert_eq!(me_status(&env, access).await, StatusCode::UNAUTHORIZED);
    let (status, renewed) = refresh(&env, tokens["refresh_token"].as_str().expect("refresh")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        me_status(&env, renewed["access_token"].as_str().expect("token")).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn control_can_expire_every_access_token() {
    let env = start().await;
    assert_eq!(me_status(&env, &env.token).await, StatusCode::OK);
    let res = http()
        .post(format!("{}/_emulator/tokens/expire", env.base))
        .send()
        .await
        .expect("expire");
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(me_status(&env, &env.token).await, StatusCode::UNAUTHORIZED);
    let minted: Value = http()
        .post(format!("{}/_emulator/tokens", env.base))
        .send()
        .await
        .expect("mint")
        .json()
        .await
        .expect("json");
    assert_eq!(
        me_status(&env, minted["access_token"].as_str().expect("token")).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn consent_page_allows_and_denies() {
    let mut config = Config::for_tests();
    config.auto_approve = false;
    let env = start_with(config).await;
    let res = authorize(&env, REDIRECT, "s2").await;
    assert_eq!(res.status(), StatusCode::OK);
    let page = res.text().await.expect("html");
    assert!(
        page.contains("Allow") && page.contains("Deny") && page.contains("dana@example.com"),
        "{page}"
    );
    let form = [
        ("client_id", "demo-client-id"),
        ("redirect_uri", REDIRECT),
        ("state", "s2"),
        ("response_type", "code"),
    ];
    let decide = |decision| {
        let mut fields = form.to_vec();
        fields.push(("decision", decision));
        http()
            .post(format!("{}/oauth/authorize", env.base))
            .form(&fields)
            .send()
    };
    let res = decide("allow").await.expect("allow");
    let pairs = query_of(res.headers()["location"].to_str().expect("location"));
    assert!(param(&pairs, "code").is_some());
    assert_eq!(param(&pairs, "state").as_deref(), Some("s2"));
    let res = decide("deny").await.expect("deny");
    assert_eq!(res.status(), StatusCode::FOUND);
    let pairs = query_of(res.headers()["location"].to_str().expect("location"));
    assert_eq!(param(&pairs, "error").as_deref(), Some("access_denied"));
    assert_eq!(param(&pairs, "state").as_deref(), Some("s2"));
    assert!(param(&pairs, "code").is_none());
}

#[tokio::test]
async fn only_registered_redirect_uris_and_clients_are_accepted() {
    let env = start().await;
    for redirect in [
        "http://localhost/oauth/callback",
        "https://localhost/oauth/callback?x=1",
        "ledgerline://oauth/callback",
    ] {
        let res = authorize(&env, redirect, "s").await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{redirect}");
        assert!(res.headers().get("location").is_none());
    }
    let res = http()
        .get(format!(
            "{}/oauth/authorize?response_type=code&client_id=nobody&redirect_uri={REDIRECT}",
            env.base
        ))
        .send()
        .await
        .expect("authorize");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    let mut config = Config::for_tests();
    config.extra_redirect_uris = vec!["ledgerline://oauth/callback".into()];
    let env = start_with(config).await;
    let res = authorize(&env, "ledgerline://oauth/callback", "s3").await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let location = res.headers()["location"].to_str().expect("location");
    assert!(
        location.starts_with("ledgerline://oauth/callback?code="),
        "{location}"
    );
}

#[tokio::test]
async fn codes_live_five_minutes_and_tokens_expire_on_the_emulator_clock() {
    let env = start().await;
    let fresh = code(&env).await;
    let stale = code(&env).await;
    let (status, tokens) = exchange(&env, &fresh).await;
    assert_eq!(status, StatusCode::OK);
    let res = http()
        .post(format!("{}/_emulator/clock/advance", env.base))
        .json(&json!({"secs": 301}))
        .send()
        .await
        .expect("advance");
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let (status, body) = exchange(&env, &stale).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant")),
        "a 5-minute-old code is spent"
    );
    let access = tokens["access_token"].as_str().expect("token");
    assert_eq!(
        me_status(&env, access).await,
        StatusCode::OK,
        "12 h tokens outlive 5 minutes"
    );
    env.emu
        .control()
        .advance_clock(Duration::from_secs(12 * 3600));
    assert_eq!(me_status(&env, access).await, StatusCode::UNAUTHORIZED);
    let (status, _) = refresh(&env, tokens["refresh_token"].as_str().expect("refresh")).await;
    assert_eq!(status, StatusCode::OK, "refresh tokens do not expire");
}

/// Every answer carries a `Date` from the emulator's clock, the clock its change instants come
/// from: set 15 minutes behind (as a client clock 15 minutes fast sees FreshBooks), both follow.
#[tokio::test]
async fn the_date_header_follows_the_emulator_clock() {
    let env = start().await;
    let date_of = |res: &reqwest::Response| {
        let text = res
            .headers()
            .get(reqwest::header::DATE)
            .expect("a Date header")
            .to_str()
            .expect("text")
            .to_owned();
        chrono::DateTime::parse_from_rfc2822(&text)
            .expect("an HTTP date")
            .with_timezone(&chrono::Utc)
    };
    let url = env.biz("timetracking", 0, "time_entries");
    let res = env
        .http
        .get(&url)
        .bearer_auth(&env.token)
        .send()
        .await
        .expect("list");
    let drift = (date_of(&res) - chrono::Utc::now()).num_seconds().abs();
    assert!(drift <= 2, "{drift} s off");
    let res = env
        .http
        .put(format!("{}/_emulator/clock", env.base))
        .json(&json!({"offset_secs": -900}))
        .send()
        .await
        .expect("set clock");
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = env
        .http
        .get(&url)
        .bearer_auth(&env.token)
        .send()
        .await
        .expect("list");
    let behind = (chrono::Utc::now() - date_of(&res)).num_seconds();
    assert!((898..=902).contains(&behind), "{behind} s behind");
}

/// The relay page at the emulator's own address is a registered redirect URI of the default
/// app: the authorization answer goes to it, and its code is exchanged with it. The relay on
/// another host is not.
#[tokio::test]
async fn the_relay_page_at_its_own_address_is_a_registered_redirect_uri() {
    let env = start().await;
    let relay = format!("{}/oauth/relay", env.base);
    let res = authorize(&env, &relay, "s-relay").await;
    assert_eq!(res.status(), StatusCode::FOUND);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    assert!(
        location.starts_with(&format!("{relay}?code=")),
        "{location}"
    );
    let pairs = query_of(&location);
    assert_eq!(param(&pairs, "state").as_deref(), Some("s-relay"));
    let code = param(&pairs, "code").expect("code");
    let (status, body) = token_form(
        &env,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", "demo-client-id"),
            ("client_secret", "demo-client-secret"),
            ("code", &code),
            ("redirect_uri", &relay),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    for elsewhere in [
        "http://elsewhere.example/oauth/relay".to_owned(),
        format!("{}/oauth/relay/other", env.base),
        format!("{}/oauth/relay", env.base.replace("http://", "https://")),
    ] {
        let res = authorize(&env, &elsewhere, "s").await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{elsewhere}");
    }
}

/// `GET /oauth/relay` serves the repository's relay page as it is, with no request of its own
/// to make, and never faulted: it stands for a static host, not FreshBooks.
#[tokio::test]
async fn the_relay_page_is_served_as_the_repository_holds_it() {
    let env = start().await;
    env.emu
        .control()
        .push_faults(&[freshbooks_emulator::FaultKind::ServerError]);
    let res = http()
        .get(format!("{}/oauth/relay?code=c1&state=s1", env.base))
        .send()
        .await
        .expect("relay");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["content-type"].to_str().expect("type"),
        "text/html; charset=utf-8"
    );
    let page = res.text().await.expect("page");
    let file = include_str!("../../../../relay/index.html");
    assert_eq!(page, file);
    assert!(page.contains("ledgerline://oauth/callback"));
    assert!(
        page.contains("default-src 'none'"),
        "no request leaves the page"
    );
    for external in [
        "http://",
        "https://",
        "fetch(",
        "XMLHttpRequest",
        "console.",
    ] {
        assert!(!page.contains(external), "{external} in the relay page");
    }
    assert!(page.contains("paste it into") && page.contains("collez-la"));
    assert_eq!(
        env.emu.control().request_count("GET /oauth/relay"),
        0,
        "not counted as a FreshBooks call"
    );
}
