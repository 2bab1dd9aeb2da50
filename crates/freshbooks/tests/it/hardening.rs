//! What a real FreshBooks may answer that the seeded emulator does not by itself: records
//! carrying values our decoders refuse, and lists longer than one default page. The emulator is
//! driven through its own HTTP API to get there.

use ledgerline_freshbooks::Error;
use ledgerline_model::entity::ClientUpdate;
use serde_json::{Value, json};

use crate::{Harness, account, business_id};

/// Sends a raw API request to the emulator with the harness's access token.
async fn raw(h: &Harness, method: reqwest::Method, path: &str, body: Value) -> Value {
    let token = h.store.current().expect("signed in").access_token;
    let res = reqwest::Client::new()
        .request(method, format!("{}{path}", h.emu.base_url()))
        .bearer_auth(token.secret())
        .json(&body)
        .send()
        .await
        .expect("emulator answers");
    assert!(res.status().is_success(), "{path}: {}", res.status());
    res.json().await.expect("JSON")
}

#[tokio::test]
async fn a_write_whose_answer_cannot_be_read_is_unconfirmed_not_rejected() {
    let h = Harness::start().await;
    let acct = account(&h.owner());
    let clients = h.client.clients(&acct);
    let id = clients.list().collect().await.expect("clients")[0].id;
    // Another app stored a value of a shape Ledgerline does not read.
    let path = format!("/accounting/account/{acct}/users/clients/{id}");
    raw(
        &h,
        reqwest::Method::PUT,
        &path,
        json!({"client": {"p_code": {"zip": "M5V"}}}),
    )
    .await;

    let update = ClientUpdate {
        note: Some("called on Monday".into()),
        ..ClientUpdate::default()
    };
    let err = clients.update(id, &update).await.unwrap_err();
    // FreshBooks applied the change and answered 200: the caller must read back, not give up
    // (nor send it again blindly).
    assert!(matches!(err, Error::OutcomeUnknown { .. }), "{err:?}");
    assert!(err.may_have_applied() && !err.is_permanent(), "{err:?}");
    let source = std::error::Error::source(&err).map(ToString::to_string);
    assert!(
        source.as_deref().is_some_and(|s| s.contains("p_code")),
        "{source:?}"
    );
    let stored = raw(&h, reqwest::Method::GET, &path, Value::Null).await;
    assert_eq!(
        stored["response"]["result"]["client"]["note"],
        "called on Monday"
    );
    h.emu.shutdown().await;
}

#[tokio::test]
async fn every_service_rate_across_pages() {
    let h = Harness::start().await;
    let biz = business_id(&h.owner());
    let before = h.client.services(biz).rates().await.expect("rates").len();
    // More rates than one default page (50) holds.
    for n in 0..60 {
        let created = raw(
            &h,
            reqwest::Method::POST,
            &format!("/comments/business/{biz}/service"),
            json!({"service": {"name": format!("Service {n}"), "billable": true}}),
        )
        .await;
        let service_id = created["service"]["id"].as_i64().expect("service id");
        raw(
            &h,
            reqwest::Method::PUT,
            &format!("/comments/business/{biz}/service/{service_id}/rate"),
            json!({"service_rate": {"rate": format!("{}.50", 100 + n)}}),
        )
        .await;
    }
    let rates = h.client.services(biz).rates().await.expect("rates");
    assert_eq!(rates.len(), before + 60);
    h.emu.shutdown().await;
}
