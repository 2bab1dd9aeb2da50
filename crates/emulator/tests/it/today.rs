//! The day records live in: a test may pin it (`Config::today`, `Control::pin_today`), and then
//! what the emulator answers depends on that day alone, never on the real clock. A test that
//! syncs and then compares used to fail when midnight passed in US/Eastern in between: an
//! invoice due the day before turned from `sent` to `overdue`.

use chrono::NaiveDate;
use freshbooks_emulator::Config;
use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{Env, start_with};

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

/// A sent invoice due on 2001-02-03 (created that day, due at once).
async fn sent_invoice_due_2001_02_03(env: &Env) -> i64 {
    let client = env
        .create_client(0, json!({"organization": "Due Co"}))
        .await;
    let (_, body) = env
        .send(
            Method::POST,
            &env.acct(0, "invoices/invoices"),
            Some(json!({"invoice": {
                "customerid": client, "create_date": "2001-02-03", "due_offset_days": 0,
                "action_mark_as_sent": true,
                "lines": [{"name": "Work", "qty": "1", "unit_cost": {"amount": "10.00", "code": "CAD"}}]
            }})),
        )
        .await;
    body["response"]["result"]["invoice"]["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("invoice created: {body}"))
}

async fn v3_status(env: &Env, id: i64) -> Value {
    let invoice = env
        .result(&env.acct(0, &format!("invoices/invoices/{id}")))
        .await;
    invoice["invoice"]["v3_status"].clone()
}

async fn overdue_ids(env: &Env) -> Vec<i64> {
    env.ids_of(
        &env.acct(
            0,
            "invoices/invoices?search[v3_status]=overdue&per_page=100",
        ),
        "invoices",
    )
    .await
}

#[tokio::test]
async fn a_pinned_day_alone_decides_overdue_and_date_defaults() {
    // Pinned on the due day, decades before the real clock: still `sent`, however late it is.
    let env = start_with(Config {
        today: Some(day("2001-02-03")),
        ..Config::for_tests()
    })
    .await;
    let id = sent_invoice_due_2001_02_03(&env).await;
    assert_eq!(v3_status(&env, id).await, "sent");
    assert!(!overdue_ids(&env).await.contains(&id));

    // Midnight passes (the day after the due date): overdue, in the record and in the
    // filtered list, whose kept view belongs to the day before.
    env.emu.control().pin_today(Some(day("2001-02-04")));
    assert_eq!(v3_status(&env, id).await, "overdue");
    assert!(overdue_ids(&env).await.contains(&id));

    // Dates a create leaves out are the pinned day's.
    let client = env
        .create_client(0, json!({"organization": "Undated Co"}))
        .await;
    let (_, body) = env
        .send(
            Method::POST,
            &env.acct(0, "invoices/invoices"),
            Some(json!({"invoice": {"customerid": client, "lines": []}})),
        )
        .await;
    assert_eq!(
        body["response"]["result"]["invoice"]["create_date"],
        "2001-02-04"
    );

    // Unpinned, the real day (long after 2001) rules again.
    env.emu.control().pin_today(None);
    assert_eq!(v3_status(&env, id).await, "overdue");
}

#[test]
fn with_today_pinned_pins_the_current_day_once() {
    let pinned = Config::for_tests().with_today_pinned();
    let today = pinned.today.expect("pinned");
    let now = chrono::Utc::now().date_naive();
    assert!(
        (today - now).num_days().abs() <= 1,
        "{today} is not about {now}"
    );
    let kept = Config {
        today: Some(day("2001-02-03")),
        ..Config::for_tests()
    }
    .with_today_pinned();
    assert_eq!(kept.today, Some(day("2001-02-03")));
}
