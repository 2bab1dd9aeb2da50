//! Error bodies per family: accounting old shape (422, or 200 in legacy mode) and new shape
//! (404), projects-style `{"error"}` / errno 2001, and 401s.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::support::{http, start};

#[tokio::test]
async fn accounting_validation_uses_the_old_shape_with_an_errno() {
    let env = start().await;
    let (status, body) = env
        .send(
            Method::POST,
            &env.acct(0, "invoices/invoices"),
            Some(json!({"invoice": {"customerid": 987654321, "create_date": "2026-11-02"}})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = &body["response"]["errors"][0];
    assert_eq!(error["errno"], 1012);
    assert_eq!(error["field"], "customerid");
    assert_eq!(error["object"], "invoice");
    assert_eq!(error["value"], "987654321");
    assert!(error["message"].is_string());
    let (status, body) = env
        .send(
            Method::POST,
            &env.acct(0, "users/clients"),
            Some(json!({"client": {"email": "x@y.z"}})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["response"]["errors"][0]["errno"].is_number());
}

#[tokio::test]
async fn legacy_mode_sends_the_old_shape_on_http_200() {
    let env = start().await;
    env.emu.control().set_legacy_errors_on_200(true);
    let (status, body) = env
        .send(
            Method::POST,
            &env.acct(0, "invoices/invoices"),
            Some(json!({"invoice": {"customerid": 1, "create_date": "2026-11-02"}})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["response"]["errors"][0]["errno"], 1012);
    // The same switch over HTTP.
    let res = http()
        .put(format!("{}/_emulator/legacy-errors", env.base))
        .json(&json!({"on_200": false}))
        .send()
        .await
        .expect("control");
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let (status, _) = env
        .send(
            Method::POST,
            &env.acct(0, "invoices/invoices"),
            Some(json!({"invoice": {"customerid": 1, "create_date": "2026-11-02"}})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn accounting_not_found_uses_the_new_shape() {
    let env = start().await;
    let (status, body) = env.get(&env.acct(0, "invoices/invoices/987654321")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], 5);
    assert_eq!(
        body["details"][0]["@type"],
        "type.googleapis.com/google.rpc.ErrorInfo"
    );
    assert_eq!(body["details"][0]["metadata"]["value"], "987654321");
}

#[tokio::test]
async fn bad_bodies_are_400() {
    let env = start().await;
    let res = http()
        .post(env.acct(0, "users/clients"))
        .bearer_auth(&env.token)
        .body("not json")
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let (status, _) = env
        .send(
            Method::POST,
            &env.acct(0, "users/clients"),
            Some(json!({"organization": "no envelope"})),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn projects_family_errors() {
    let env = start().await;
    let (status, body) = env.get(&env.biz("projects", 0, "project/1")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"], "Requested resource could not be found.");
    let (status, body) = env
        .send(
            Method::POST,
            &env.biz("projects", 0, "project"),
            Some(json!({"project": {"description": "no title"}})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["errno"], 2001);
    assert_eq!(body["error"]["title"], "field required");
    let (status, body) = env
        .send(
            Method::POST,
            &env.biz("timetracking", 0, "time_entries"),
            Some(json!({"time_entry": {"duration": 60}})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"]["started_at"], "field required");
    let (status, body) = env
        .send(
            Method::POST,
            &env.biz("projects", 0, "project"),
            Some(json!({"project": {"title": "x", "billing_method": "whatever"}})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["error"]["billing_method"].is_string());
}

#[tokio::test]
async fn unauthenticated_bodies_per_family() {
    let env = start().await;
    let res = http()
        .get(env.biz("projects", 0, "projects"))
        .bearer_auth("bad")
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let body: serde_json::Value = res.json().await.expect("json");
    assert!(
        body["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("The server could not verify"))
    );
    let res = http()
        .get(env.acct(0, "users/clients"))
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let body: serde_json::Value = res.json().await.expect("json");
    assert!(body["response"]["errors"][0]["errno"].is_number());
}

/// A resource this account or its plan does not offer: its reads (list and single record) answer
/// 404 in the family's shape, for one business only; other resources and businesses still read,
/// an expired token still gets its 401, and clearing offers it again.
#[tokio::test]
async fn a_hidden_resource_answers_its_reads_with_404() {
    let env = start().await;
    let control = env.emu.control();
    assert!(control.hidden_resources().is_empty(), "off by default");
    control.hide_resource(freshbooks_emulator::ReadDenial {
        resource: "expenses".into(),
        business: Some(env.ids.businesses[0].account_id.clone()),
    });
    let (status, body) = env.get(&env.acct(0, "expenses/expenses")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], 5, "{body}");
    assert!(body["details"].is_array(), "{body}");
    let (status, _) = env.get(&env.acct(0, "expenses/expenses/1")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = env.get(&env.acct(0, "users/clients")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = env.get(&env.acct(1, "expenses/expenses")).await;
    assert_eq!(status, StatusCode::OK);

    // Over HTTP, for a business-id family.
    let url = format!("{}/_emulator/hidden-resources", env.base);
    let res = http()
        .post(&url)
        .json(&json!({"resource": "time_entries", "business": env.ids.businesses[1].business_id.to_string()}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let (status, body) = env.get(&env.biz("timetracking", 1, "time_entries")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"].is_string(), "{body}");
    let (status, _) = env.get(&env.biz("timetracking", 0, "time_entries")).await;
    assert_eq!(status, StatusCode::OK);

    control.expire_access_tokens();
    let (status, _) = env.get(&env.acct(0, "expenses/expenses")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let res = http().delete(&url).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(control.hidden_resources().is_empty());
}
