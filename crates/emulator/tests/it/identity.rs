//! `/auth/api/v1/users/me`: three memberships with every field FreshBooks' SDKs read.

use reqwest::StatusCode;

use crate::support::{http, start};

#[tokio::test]
async fn users_me_lists_three_businesses_with_all_fields() {
    let env = start().await;
    let (status, body) = env.get(&format!("{}/auth/api/v1/users/me", env.base)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.get("result").is_none() && body["response"].get("result").is_none(),
        "no result level"
    );
    let me = &body["response"];
    assert!(me["identity_id"].as_i64().is_some() && me["id"].as_i64().is_some());
    assert_eq!(me["email"], "dana@example.com");
    let memberships = me["business_memberships"].as_array().expect("memberships");
    assert_eq!(memberships.len(), 3);
    let roles: Vec<&str> = memberships
        .iter()
        .map(|m| m["role"].as_str().expect("role"))
        .collect();
    assert_eq!(roles, ["owner", "admin", "business_employee"]);
    for m in memberships {
        assert_eq!(m["unacknowledged_change"], false);
        let b = &m["business"];
        assert!(b["id"].is_i64());
        assert!(b["account_id"].as_str().is_some_and(|a| a.len() == 5));
        assert!(b["business_uuid"].as_str().is_some_and(|u| u.len() == 36));
        assert!(b["date_format"].is_string());
        for key in ["id", "street", "city", "province", "country", "postal_code"] {
            assert!(!b["address"][key].is_null(), "address.{key}");
        }
        assert!(b.get("phone_number").is_some());
        assert!(b["business_clients"].is_array());
        assert_eq!(b["active"], true);
    }
    assert_eq!(memberships[0]["business"]["base_currency"], "CAD");
    assert_eq!(memberships[1]["business"]["base_currency"], "USD");
    assert!(memberships[2]["business"]["phone_number"].is_null());
    assert!(memberships[0]["business"]["phone_number"]["phone_number"].is_string());
    let ids = &env.ids;
    assert_eq!(
        ids.businesses
            .iter()
            .map(|b| b.can_write)
            .collect::<Vec<_>>(),
        [true, true, false]
    );
}

#[tokio::test]
async fn identity_401_has_its_own_shape() {
    let env = start().await;
    let res = http()
        .get(format!("{}/auth/api/v1/users/me", env.base))
        .bearer_auth("nope")
        .send()
        .await
        .expect("me");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["error"], "unauthenticated");
    assert!(body["error_description"].is_string());
    let res = http()
        .get(format!("{}/auth/api/v1/users/me", env.base))
        .send()
        .await
        .expect("me");
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}
