//! Writes: vis_state semantics, invoice totals with taxes, version on every edit, payments
//! moving outstanding and statuses, sending, and the business-id families' updates and deletes.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::start;

#[tokio::test]
async fn a_vis_state_change_ignores_every_other_field() {
    let env = start().await;
    let id = env
        .create_client(0, json!({"organization": "Before"}))
        .await;
    let url = env.acct(0, &format!("users/clients/{id}"));
    let (status, body) = env
        .send(
            Method::PUT,
            &url,
            Some(json!({"client": {"vis_state": 2, "organization": "Ignored"}})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["response"]["result"]["client"]["vis_state"], 2);
    assert_eq!(
        body["response"]["result"]["client"]["organization"],
        "Before"
    );
    let (_, body) = env
        .send(
            Method::PUT,
            &url,
            Some(json!({"client": {"vis_state": 2, "organization": "Applied"}})),
        )
        .await;
    assert_eq!(
        body["response"]["result"]["client"]["organization"], "Applied",
        "same vis_state: a normal update"
    );
    let (status, _) = env.send(Method::DELETE, &url, None).await;
    assert_eq!(status, StatusCode::OK);
    let (_, body) = env.get(&url).await;
    assert_eq!(
        body["response"]["result"]["client"]["vis_state"], 1,
        "a deleted record can still be read by id"
    );
    let list = env.acct(0, "users/clients");
    assert!(
        !env.ids_of(&format!("{list}?search[userids][]={id}"), "clients")
            .await
            .contains(&id)
    );
    assert_eq!(
        env.ids_of(
            &format!("{list}?search[userids][]={id}&search[vis_state]=1"),
            "clients"
        )
        .await,
        [id]
    );
}

fn money(value: &Value) -> &str {
    value["amount"].as_str().expect("money amount string")
}

#[tokio::test]
async fn invoices_total_lines_with_two_taxes_and_follow_payments() {
    let env = start().await;
    let c = env
        .create_client(
            0,
            json!({"organization": "Taxed Ltd", "p_province": "Québec"}),
        )
        .await;
    let (status, body) = env
        .send(Method::POST, &env.acct(0, "invoices/invoices?include[]=lines"), Some(json!({"invoice": {
            "customerid": c, "create_date": "2026-11-02", "discount_value": "10",
            "lines": [
                {"name": "Design", "qty": "2.5", "unit_cost": {"amount": "120.00", "code": "CAD"}, "taxName1": "GST", "taxAmount1": "5", "taxName2": "QST", "taxAmount2": "9.975"},
                {"name": "Hosting", "qty": 1, "unit_cost": {"amount": "19.99", "code": "CAD"}, "taxName1": "HST", "taxAmount1": 13}
            ]}})))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let inv = &body["response"]["result"]["invoice"];
    let id = inv["id"].as_i64().expect("id");
    assert_eq!(inv["invoiceid"], id);
    // 300.00 + 19.99 = 319.99; discount 10 % = 32.00; taxes on discounted lines:
    // 270 × 14.975 % = 40.4325, 17.991 × 13 % = 2.33883 → 42.77; total 319.99 − 32.00 + 42.77 = 330.76.
    assert_eq!(money(&inv["discount_total"]), "32.00");
    assert_eq!(money(&inv["amount"]), "330.76");
    assert_eq!(inv["amount"]["code"], "CAD");
    assert_eq!(money(&inv["outstanding"]), "330.76");
    assert_eq!(inv["lines"][0]["amount"]["amount"], "300.00");
    assert_eq!(inv["lines"][0]["taxAmount2"], "9.975");
    assert_eq!(inv["lines"][1]["taxAmount1"], "13");
    assert_eq!(inv["lines"][0]["invoiceid"], id);
    assert_eq!(
        (
            inv["status"].as_i64(),
            inv["v3_status"].as_str(),
            inv["payment_status"].as_str()
        ),
        (Some(1), Some("draft"), Some("unpaid"))
    );
    let version0 = inv["version"].as_str().expect("version").to_owned();
    assert_eq!(version0.len(), "2026-11-02 10:00:00.123456".len());

    let url = env.acct(0, &format!("invoices/invoices/{id}"));
    let (_, sent) = env
        .send(
            Method::PUT,
            &url,
            Some(json!({"invoice": {"action_email": true, "email_recipients": ["a@b.c"]}})),
        )
        .await;
    let sent = &sent["response"]["result"]["invoice"];
    assert_eq!(
        (sent["status"].as_i64(), sent["v3_status"].as_str()),
        (Some(2), Some("sent"))
    );
    let version1 = sent["version"].as_str().expect("version").to_owned();
    assert_ne!(version0, version1, "version changes on every edit");

    let (status, pay) = env.send(Method::POST, &env.acct(0, "payments/payments"), Some(json!({"payment": {"invoiceid": id, "amount": {"amount": "100.00"}, "date": "2026-11-05", "type": "Check"}}))).await;
    assert_eq!(status, StatusCode::OK, "{pay}");
    let payment_id = pay["response"]["result"]["payment"]["id"]
        .as_i64()
        .expect("payment id");
    let (_, after) = env.get(&url).await;
    let after = &after["response"]["result"]["invoice"];
    assert_eq!(money(&after["outstanding"]), "230.76");
    assert_eq!(money(&after["paid"]), "100.00");
    assert_eq!(
        (
            after["status"].as_i64(),
            after["payment_status"].as_str(),
            after["v3_status"].as_str()
        ),
        (Some(8), Some("partial"), Some("partial"))
    );
    assert_ne!(
        after["version"].as_str(),
        Some(version1.as_str()),
        "a payment changes the invoice"
    );

    env.send(
        Method::POST,
        &env.acct(0, "payments/payments"),
        Some(json!({"payment": {"invoiceid": id, "amount": {"amount": "230.76"}, "type": "Cash"}})),
    )
    .await;
    let (_, paid) = env.get(&url).await;
    let paid = &paid["response"]["result"]["invoice"];
    assert_eq!(
        (
            money(&paid["outstanding"]),
            paid["status"].as_i64(),
            paid["payment_status"].as_str()
        ),
        ("0.00", Some(4), Some("paid"))
    );

    let (status, _) = env
        .send(
            Method::PUT,
            &env.acct(0, &format!("payments/payments/{payment_id}")),
            Some(json!({"payment": {"vis_state": 1}})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (_, reopened) = env.get(&url).await;
    assert_eq!(
        money(&reopened["response"]["result"]["invoice"]["outstanding"]),
        "100.00"
    );
}

#[tokio::test]
async fn updating_lines_replaces_them_and_recomputes() {
    let env = start().await;
    let c = env
        .create_client(0, json!({"organization": "Relined"}))
        .await;
    let (_, body) = env
        .send(Method::POST, &env.acct(0, "invoices/invoices"), Some(json!({"invoice": {"customerid": c, "lines": [{"name": "a", "qty": 1, "unit_cost": {"amount": "10.00"}}]}})))
        .await;
    let id = body["response"]["result"]["invoice"]["id"]
        .as_i64()
        .expect("id");
    let url = env.acct(0, &format!("invoices/invoices/{id}?include[]=lines"));
    let (_, body) = env.send(Method::PUT, &url, Some(json!({"invoice": {"lines": [{"name": "b", "qty": 3, "unit_cost": {"amount": "7.50"}}, {"name": "c", "qty": 1, "unit_cost": {"amount": "1.00"}}]}}))).await;
    let inv = &body["response"]["result"]["invoice"];
    assert_eq!(inv["lines"].as_array().map(Vec::len), Some(2));
    assert_eq!(money(&inv["amount"]), "23.50");
    let (_, body) = env
        .send(
            Method::PUT,
            &url,
            Some(json!({"invoice": {"notes": "keep lines"}})),
        )
        .await;
    assert_eq!(
        money(&body["response"]["result"]["invoice"]["amount"]),
        "23.50"
    );
    assert_eq!(
        body["response"]["result"]["invoice"]["lines"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
}

#[tokio::test]
async fn projects_update_delete_and_service_rates() {
    let env = start().await;
    let (status, body) = env
        .send(Method::POST, &env.biz("projects", 0, "project"), Some(json!({"project": {"title": "Rated", "billing_method": "project_rate", "rate": "125.50", "project_type": "hourly_rate"}})))
        .await;
    assert_eq!(status, StatusCode::OK);
    let project = &body["project"];
    assert_eq!(project["rate"], "125.50");
    assert_eq!(project["internal"], true);
    assert!(project["group"]["members"].is_array());
    assert!(
        project["updated_at"]
            .as_str()
            .is_some_and(|t| !t.ends_with('Z') && t.contains('T'))
    );
    let id = project["id"].as_i64().expect("id");
    let url = env.biz("projects", 0, &format!("project/{id}"));
    let (_, body) = env
        .send(
            Method::PUT,
            &url,
            Some(json!({"project": {"complete": true}})),
        )
        .await;
    assert_eq!(
        (
            body["project"]["complete"].as_bool(),
            body["project"]["title"].as_str()
        ),
        (Some(true), Some("Rated"))
    );
    assert_eq!(
        env.send(Method::DELETE, &url, None).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(env.get(&url).await.0, StatusCode::NOT_FOUND);

    let (_, body) = env.get(&env.biz("comments", 0, "services")).await;
    let service = body["services"][0]["id"].as_i64().expect("service");
    let rate_url = env.biz("comments", 0, &format!("service/{service}/rate"));
    let (status, body) = env
        .send(
            Method::PUT,
            &rate_url,
            Some(json!({"service_rate": {"rate": "99.00"}})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["service_rate"]["rate"], "99.00");
    assert_eq!(body["service_rate"]["service_id"], service);
    let (_, body) = env.get(&rate_url).await;
    assert_eq!(body["service_rate"]["rate"], "99.00");
    let (_, body) = env
        .send(
            Method::PUT,
            &env.biz("comments", 0, &format!("service/{service}")),
            Some(json!({"service": {"vis_state": 1, "name": "ignored"}})),
        )
        .await;
    assert_eq!(body["service"]["vis_state"], 1);
    assert_ne!(body["service"]["name"], "ignored");
}

#[tokio::test]
async fn other_accounting_nouns_store_what_they_are_sent() {
    let env = start().await;
    for (path, single, plural) in [
        ("taxes/taxes", "tax", "taxes"),
        ("items/items", "item", "items"),
        ("expenses/expenses", "expense", "expenses"),
        ("projects/tasks", "task", "tasks"),
        ("users/staffs", "staff", "staffs"),
    ] {
        let (status, body) = env
            .send(
                Method::POST,
                &env.acct(0, path),
                Some(json!({single: {"name": "Probe", "amount": "1"}})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
        let id = body["response"]["result"][single]["id"]
            .as_i64()
            .expect("id");
        let (_, body) = env.get(&env.acct(0, &format!("{path}/{id}"))).await;
        assert_eq!(body["response"]["result"][single]["name"], "Probe");
        let list = env.result(&env.acct(0, path)).await;
        assert!(list[plural].is_array(), "{path}");
    }
    let taxes = env.result(&env.acct(0, "taxes/taxes")).await;
    let names: Vec<&str> = taxes["taxes"]
        .as_array()
        .expect("taxes")
        .iter()
        .filter_map(|t| t["name"].as_str())
        .collect();
    assert!(
        names.contains(&"HST")
            && names.contains(&"GST")
            && names.contains(&"QST")
            && names.contains(&"PST"),
        "{names:?}"
    );
    let taxes = env.result(&env.acct(1, "taxes/taxes")).await;
    assert!(
        taxes["taxes"]
            .as_array()
            .expect("taxes")
            .iter()
            .any(|t| t["name"] == "NY Sales Tax")
    );
    assert!(taxes["taxes"][0]["taxid"].is_number());
}

#[tokio::test]
async fn client_outstanding_balance_and_invoice_pdf() {
    let env = start().await;
    let c = env
        .create_client(0, json!({"organization": "Owes Money"}))
        .await;
    let (_, body) = env
        .send(Method::POST, &env.acct(0, "invoices/invoices"), Some(json!({"invoice": {"customerid": c, "lines": [{"name": "a", "qty": 2, "unit_cost": {"amount": "40.00"}}]}})))
        .await;
    let id = body["response"]["result"]["invoice"]["id"]
        .as_i64()
        .expect("id");
    let (_, body) = env
        .get(&env.acct(
            0,
            &format!("users/clients/{c}?include[]=outstanding_balance"),
        ))
        .await;
    assert_eq!(
        body["response"]["result"]["client"]["outstanding_balance"],
        json!([{"amount": {"amount": "80.00", "code": "CAD"}}])
    );
    let (_, body) = env.get(&env.acct(0, &format!("users/clients/{c}"))).await;
    assert!(
        body["response"]["result"]["client"]
            .get("outstanding_balance")
            .is_none()
    );
    let res = env
        .http
        .get(env.acct(0, &format!("invoices/invoices/{id}/pdf")))
        .bearer_auth(&env.token)
        .header("Accept", "application/pdf")
        .send()
        .await
        .expect("pdf");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let bytes = res.bytes().await.expect("bytes");
    assert!(bytes.starts_with(b"%PDF-1.4") && bytes.ends_with(b"%%EOF\n"));
}

#[tokio::test]
async fn estimates_total_their_lines() {
    let env = start().await;
    let c = env
        .create_client(0, json!({"organization": "Quoted"}))
        .await;
    let (status, body) = env
        .send(Method::POST, &env.acct(0, "estimates/estimates"), Some(json!({"estimate": {"customerid": c, "lines": [{"name": "a", "qty": 4, "unit_cost": {"amount": "25.00"}, "taxName1": "HST", "taxAmount1": "13"}]}})))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let estimate = &body["response"]["result"]["estimate"];
    assert_eq!(money(&estimate["amount"]), "113.00");
    assert!(
        estimate.get("lines").is_none(),
        "lines only with include[]=lines"
    );
    let (status, _) = env
        .send(
            Method::POST,
            &env.acct(0, "estimates/estimates"),
            Some(json!({"estimate": {"customerid": 1}})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn webhook_callbacks_verify_with_the_verifier() {
    let env = start().await;
    let url = format!(
        "{}/events/account/{}/events/callbacks",
        env.base, env.ids.businesses[0].account_id
    );
    let (status, _) = env.send(Method::POST, &url, Some(json!({"callback": {"event": "invoice.create", "uri": "http://insecure.test/hook"}}))).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "callback URIs must be HTTPS"
    );
    let (status, body) = env
        .send(
            Method::POST,
            &url,
            Some(json!({"callback": {"event": "invoice.create", "uri": "https://hooks.test/fb"}})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let callback = &body["response"]["result"]["callback"];
    assert_eq!(callback["verified"], false);
    assert!(
        callback.get("verifier").is_none(),
        "the verifier goes to the URI, not the API answer"
    );
    let id = callback["callbackid"].as_i64().expect("id");
    let hooks = env.emu.control().webhook_verifiers();
    let hook = hooks
        .iter()
        .find(|h| h.callback_id == id)
        .expect("listed by the control API");
    assert_eq!(hook.uri, "https://hooks.test/fb");
    let one = format!("{url}/{id}");
    let (status, _) = env
        .send(
            Method::PUT,
            &one,
            Some(json!({"callback": {"verifier": "wrong"}})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = env
        .send(
            Method::PUT,
            &one,
            Some(json!({"callback": {"verifier": hook.verifier}})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["response"]["result"]["callback"]["verified"], true);
    let (_, body) = env
        .send(
            Method::PUT,
            &one,
            Some(json!({"callback": {"resend": true}})),
        )
        .await;
    assert_eq!(body["response"]["result"]["callback"]["verified"], false);
    let listed: Value = http_get_json(&format!("{}/_emulator/webhooks", env.base)).await;
    assert!(
        listed
            .as_array()
            .expect("list")
            .iter()
            .any(|h| h["callback_id"] == id && h["verifier"] != hook.verifier.as_str())
    );
}

async fn http_get_json(url: &str) -> Value {
    reqwest::get(url)
        .await
        .expect("get")
        .json()
        .await
        .expect("json")
}
