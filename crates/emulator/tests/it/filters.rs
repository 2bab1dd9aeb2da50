//! Every filter the emulator implements, on records whose values the test controls.

use std::time::Duration;

use chrono::{Days, Utc};
use chrono_tz::America::New_York;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::{Env, start};

async fn invoice(env: &Env, customer: i64, date: &str, number: &str, amount: &str) -> i64 {
    let (status, body) = env
        .send(Method::POST, &env.acct(0, "invoices/invoices"), Some(json!({"invoice": {
            "customerid": customer, "create_date": date, "invoice_number": number,
            "lines": [{"name": "Work", "qty": 1, "unit_cost": {"amount": amount, "code": "CAD"}}]}})))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["response"]["result"]["invoice"]["id"]
        .as_i64()
        .expect("id")
}

#[tokio::test]
async fn client_search_filters() {
    let env = start().await;
    let a = env.create_client(0, json!({"fname": "Zed", "lname": "Quorra", "organization": "Filterable Widgets", "email": "zq@filter.test", "mob_phone": "555-867-5309"})).await;
    let b = env.create_client(0, json!({"fname": "Yara", "lname": "Quorrington", "organization": "Other Filterable", "email": "yq@filter.test"})).await;
    let url = env.acct(0, "users/clients");
    assert_eq!(
        env.ids_of(&format!("{url}?search[email]=ZQ@filter.test"), "clients")
            .await,
        [a]
    );
    assert_eq!(
        env.ids_of(&format!("{url}?search[email]=zq@filter"), "clients")
            .await,
        Vec::<i64>::new(),
        "email is an equality"
    );
    assert_eq!(
        env.ids_of(
            &format!("{url}?search[organization_like]=filterable&sort=id_asc"),
            "clients"
        )
        .await,
        [a, b]
    );
    assert_eq!(
        env.ids_of(&format!("{url}?search[fname_like]=zed"), "clients")
            .await,
        [a]
    );
    assert_eq!(
        env.ids_of(&format!("{url}?search[lname_like]=Quorring"), "clients")
            .await,
        [b]
    );
    assert_eq!(
        env.ids_of(&format!("{url}?search[phone_like]=867-53"), "clients")
            .await,
        [a]
    );
    assert_eq!(
        env.ids_of(
            &format!("{url}?search[userids][]={a}&search[userids][]={b}&sort=id_asc"),
            "clients"
        )
        .await,
        [a, b]
    );
    assert_eq!(
        env.ids_of(
            &format!("{url}?search[no_such_filter]=x&search[organization_like]=Other Filterable"),
            "clients"
        )
        .await,
        [b],
        "an unknown filter is ignored"
    );
}

#[tokio::test]
async fn updated_min_works_to_the_day_and_updated_max_is_strictly_before() {
    let env = start().await;
    let id = env
        .create_client(0, json!({"organization": "Fresh Today"}))
        .await;
    let today = Utc::now().with_timezone(&New_York).date_naive();
    let tomorrow = today.checked_add_days(Days::new(1)).expect("date");
    let url = env.acct(0, "users/clients");
    let since_today = env
        .ids_of(
            &format!("{url}?search[updated_min]={today}&per_page=100"),
            "clients",
        )
        .await;
    assert_eq!(since_today, [id], "seed data is older than today");
    let with_time = env
        .ids_of(
            &format!("{url}?search[updated_min]={today}%2023:59:59&per_page=100"),
            "clients",
        )
        .await;
    assert_eq!(with_time, [id], "updated_min ignores the time of day");
    assert!(
        env.ids_of(&format!("{url}?search[updated_min]={tomorrow}"), "clients")
            .await
            .is_empty()
    );
    let before_today = env
        .ids_of(
            &format!("{url}?search[updated_max]={today}&per_page=100"),
            "clients",
        )
        .await;
    assert!(
        !before_today.contains(&id),
        "updated_max is strictly less-than"
    );
    assert!(!before_today.is_empty());
    let before_tomorrow = env
        .ids_of(
            &format!("{url}?search[updated_max]={tomorrow}&search[updated_min]={today}"),
            "clients",
        )
        .await;
    assert_eq!(before_tomorrow, [id]);
}

#[tokio::test]
async fn vis_state_rules_for_plain_lists() {
    let env = start().await;
    let url = env.acct(0, "users/clients");
    let all = env.result(&format!("{url}?per_page=100")).await;
    let states: Vec<i64> = all["clients"]
        .as_array()
        .expect("list")
        .iter()
        .map(|c| c["vis_state"].as_i64().expect("vis"))
        .collect();
    assert!(
        states.contains(&0) && states.contains(&2),
        "active and archived"
    );
    assert!(!states.contains(&1), "no deleted in a plain list");
    for wanted in [0, 1, 2] {
        let result = env
            .result(&format!("{url}?per_page=100&search[vis_state]={wanted}"))
            .await;
        let list = result["clients"].as_array().expect("list");
        assert!(!list.is_empty(), "seed has vis_state {wanted}");
        assert!(list.iter().all(|c| c["vis_state"] == wanted));
    }
}

#[tokio::test]
async fn invoice_search_filters_and_ignored_ones() {
    let env = start().await;
    let c = env
        .create_client(0, json!({"organization": "Invoice Filters Inc"}))
        .await;
    let i1 = invoice(&env, c, "2020-01-10", "F-0001", "100.00").await;
    let i2 = invoice(&env, c, "2020-02-10", "F-0002", "50.00").await;
    let url = env.acct(0, "invoices/invoices");
    assert_eq!(
        env.ids_of(
            &format!("{url}?search[customerid]={c}&sort=invoice_date_asc"),
            "invoices"
        )
        .await,
        [i1, i2]
    );
    assert_eq!(
        env.ids_of(&format!("{url}?search[invoiceids][]={i2}"), "invoices")
            .await,
        [i2]
    );
    assert_eq!(
        env.ids_of(&format!("{url}?search[invoice_number]=F-0001"), "invoices")
            .await,
        [i1]
    );
    assert_eq!(
        env.ids_of(
            &format!("{url}?search[customerid]={c}&search[date_min]=2020-02-01"),
            "invoices"
        )
        .await,
        [i2]
    );
    assert_eq!(
        env.ids_of(
            &format!("{url}?search[customerid]={c}&search[date_max]=2020-01-31"),
            "invoices"
        )
        .await,
        [i1]
    );
    assert_eq!(
        env.ids_of(
            &format!("{url}?search[customerid]={c}&search[v3_status]=draft&sort=invoice_date_asc"),
            "invoices"
        )
        .await,
        [i1, i2]
    );
    // Pay one in full: the paid/outstanding booleans follow.
    let (status, _) = env.send(Method::POST, &env.acct(0, "payments/payments"), Some(json!({"payment": {"invoiceid": i1, "amount": {"amount": "100.00"}, "date": "2020-01-20", "type": "Check"}}))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        env.ids_of(
            &format!("{url}?search[customerid]={c}&search[paid]=true"),
            "invoices"
        )
        .await,
        [i1]
    );
    assert_eq!(
        env.ids_of(
            &format!("{url}?search[customerid]={c}&search[outstanding]=true"),
            "invoices"
        )
        .await,
        [i2]
    );
    // search[status] and search[payment_status] are ignored, as on FreshBooks.
    assert_eq!(
        env.ids_of(
            &format!(
                "{url}?search[customerid]={c}&search[payment_status]=paid&sort=invoice_date_asc"
            ),
            "invoices"
        )
        .await,
        [i1, i2]
    );
    assert_eq!(
        env.ids_of(
            &format!("{url}?search[customerid]={c}&search[status]=4&sort=invoice_date_asc"),
            "invoices"
        )
        .await,
        [i1, i2]
    );
    let dated = env
        .ids_of(
            &format!("{url}?search[customerid]={c}&sort=invoice_date_desc"),
            "invoices",
        )
        .await;
    assert_eq!(dated, [i2, i1]);
    let ignored = env
        .ids_of(
            &format!("{url}?search[customerid]={c}&sort=create_date_asc"),
            "invoices",
        )
        .await;
    assert_eq!(
        ignored,
        [i2, i1],
        "invoices honour only invoice_date sorts; the default is newest first"
    );
    // Client filters that look at invoices.
    let clients = env.acct(0, "users/clients");
    assert!(
        env.ids_of(
            &format!("{clients}?search[has_outstanding]=true&search[userids][]={c}"),
            "clients"
        )
        .await
        .contains(&c)
    );
    assert!(
        env.ids_of(
            &format!("{clients}?search[has_draft]=true&search[userids][]={c}"),
            "clients"
        )
        .await
        .contains(&c)
    );
    assert!(
        env.ids_of(
            &format!("{clients}?search[has_outstanding]=false&search[userids][]={c}"),
            "clients"
        )
        .await
        .is_empty()
    );
    assert!(
        env.ids_of(
            &format!("{clients}?search[has_overdue]=true&search[userids][]={c}"),
            "clients"
        )
        .await
        .is_empty()
    );
    let overdue = env
        .result(&format!("{clients}?search[has_overdue]=true&per_page=100"))
        .await;
    assert!(
        overdue["total"].as_u64().is_some_and(|t| t > 0),
        "seeded invoices past due make overdue clients"
    );
}

#[tokio::test]
async fn lines_only_with_include() {
    let env = start().await;
    let url = env.acct(0, "invoices/invoices");
    let plain = env.result(&format!("{url}?per_page=3")).await;
    assert!(
        plain["invoices"]
            .as_array()
            .expect("list")
            .iter()
            .all(|i| i.get("lines").is_none())
    );
    let full = env
        .result(&format!("{url}?per_page=3&include[]=lines"))
        .await;
    assert!(
        full["invoices"]
            .as_array()
            .expect("list")
            .iter()
            .all(|i| i["lines"].as_array().is_some_and(|l| !l.is_empty()))
    );
}

fn entry_ids(body: &Value) -> Vec<i64> {
    body["time_entries"]
        .as_array()
        .expect("list")
        .iter()
        .map(|e| e["id"].as_i64().expect("id"))
        .collect()
}

async fn entry(env: &Env, body: Value) -> i64 {
    let (status, res) = env
        .send(
            Method::POST,
            &env.biz("timetracking", 0, "time_entries"),
            Some(json!({"time_entry": body})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{res}");
    res["time_entry"]["id"].as_i64().expect("id")
}

#[tokio::test]
async fn time_entry_filters() {
    let env = start().await;
    let c = env
        .create_client(0, json!({"organization": "Timed Co"}))
        .await;
    let (_, p) = env
        .send(
            Method::POST,
            &env.biz("projects", 0, "project"),
            Some(json!({"project": {"title": "Timed", "client_id": c}})),
        )
        .await;
    let p = p["project"]["id"].as_i64().expect("project");
    let e1 = entry(&env, json!({"started_at": "2019-03-01T10:00:00Z", "duration": 3600, "client_id": c, "project_id": p, "billable": true})).await;
    let e2 = entry(&env, json!({"started_at": "2019-03-05T10:00:00.000Z", "duration": 1800, "client_id": c, "billable": false})).await;
    let e3 = entry(&env, json!({"started_at": "2019-03-09T10:00:00Z", "duration": 0, "client_id": c, "is_logged": false})).await;
    let url = env.biz("timetracking", 0, "time_entries");
    let list = |query: String| {
        let env = &env;
        let url = url.clone();
        async move {
            let (status, body) = env.get(&format!("{url}?client_id={c}&{query}")).await;
            assert_eq!(status, StatusCode::OK);
            let mut ids = entry_ids(&body);
            ids.sort_unstable();
            ids
        }
    };
    assert_eq!(
        list(String::new()).await,
        [e1, e2],
        "unlogged entries only with include_unlogged"
    );
    assert_eq!(list("include_unlogged=true".into()).await, [e1, e2, e3]);
    assert_eq!(list("billable=true".into()).await, [e1]);
    assert_eq!(list("billable=false".into()).await, [e2]);
    assert_eq!(list(format!("project_id={p}")).await, [e1]);
    assert_eq!(list("started_from=2019-03-02T00:00:00Z".into()).await, [e2]);
    assert_eq!(list("started_to=2019-03-02T00:00:00Z".into()).await, [e1]);
    assert_eq!(
        list(format!("identity_id={}", env.ids.identity_id)).await,
        [e1, e2]
    );
    assert_eq!(list("billed=true".into()).await, Vec::<i64>::new());
    // Marking billed is a separate call; it also moves the entry past an updated_since mark.
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let mark = Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    let (status, body) = env
        .send(
            Method::PUT,
            &format!("{url}/{e1}"),
            Some(json!({"time_entry": {"billed": true}})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["time_entry"]["billed"], true);
    assert_eq!(
        body["time_entry"]["duration"], 3600,
        "an update keeps the other fields"
    );
    assert_eq!(list("billed=true".into()).await, [e1]);
    assert_eq!(list(format!("updated_since={mark}")).await, [e1]);
    // A delete is real, except for include_deleted.
    let (status, _) = env.send(Method::DELETE, &format!("{url}/{e2}"), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(
        env.get(&format!("{url}/{e2}")).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(list(String::new()).await, [e1]);
    assert_eq!(list("include_deleted=true".into()).await, [e1, e2]);
    // There a deleted entry is marked `active: false`; a live one is always `active: true`
    // (even when a client sent otherwise), so `active` alone tells them apart.
    let (status, body) = env
        .get(&format!(
            "{url}?client_id={c}&include_deleted=true&updated_since={mark}"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    let active: Vec<(i64, Value)> = body["time_entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| (e["id"].as_i64().expect("id"), e["active"].clone()))
        .collect();
    assert!(active.contains(&(e2, json!(false))), "{active:?}");
    assert!(active.contains(&(e1, json!(true))), "{active:?}");
    let (_, body) = env
        .send(
            Method::PUT,
            &format!("{url}/{e1}"),
            Some(json!({"time_entry": {"active": false}})),
        )
        .await;
    assert_eq!(body["time_entry"]["active"], true, "{body}");
}

#[tokio::test]
async fn project_filters() {
    let env = start().await;
    let url = env.biz("projects", 0, "projects");
    let (_, body) = env.get(&format!("{url}?complete=true&per_page=100")).await;
    let complete = body["projects"].as_array().expect("list");
    assert!(!complete.is_empty() && complete.iter().all(|p| p["complete"] == true));
    let (_, body) = env.get(&format!("{url}?active=true&per_page=100")).await;
    assert!(
        body["projects"]
            .as_array()
            .expect("list")
            .iter()
            .all(|p| p["active"] == true)
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let mark = Utc::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    let (_, created) = env
        .send(
            Method::POST,
            &env.biz("projects", 0, "project"),
            Some(json!({"project": {"title": "Since"}})),
        )
        .await;
    let (_, body) = env.get(&format!("{url}?updated_since={mark}")).await;
    let ids: Vec<&Value> = body["projects"]
        .as_array()
        .expect("list")
        .iter()
        .map(|p| &p["id"])
        .collect();
    assert_eq!(ids, [&created["project"]["id"]]);
}

/// One request per remaining documented filter: (url suffix, list name, expected ids).
#[tokio::test]
async fn remaining_accounting_filters() {
    let env = start().await;
    let c1 = env
        .create_client(
            0,
            json!({"organization": "Rest One", "email": "rest.one@rest.test"}),
        )
        .await;
    let c2 = env
        .create_client(
            0,
            json!({"organization": "Rest Two", "email": "rest.two@rest.test"}),
        )
        .await;
    let i1 = invoice(&env, c1, "2021-05-01", "R-100", "10.00").await;
    let i2 = invoice(&env, c2, "2021-06-01", "R-200", "20.00").await;
    let post = |path: &'static str, body: Value| {
        let env = &env;
        async move {
            let (status, res) = env.send(Method::POST, &env.acct(0, path), Some(body)).await;
            assert_eq!(status, StatusCode::OK, "{path}: {res}");
            let result = &res["response"]["result"];
            let single = result
                .as_object()
                .and_then(|o| o.values().next())
                .expect("single");
            single["id"].as_i64().expect("id")
        }
    };
    let p1 = post(
        "payments/payments",
        json!({"payment": {"invoiceid": i1, "amount": {"amount": "5.00"}, "date": "2021-05-10"}}),
    )
    .await;
    let p2 = post(
        "payments/payments",
        json!({"payment": {"invoiceid": i2, "amount": {"amount": "5.00"}, "date": "2021-06-10"}}),
    )
    .await;
    let e1 = post("estimates/estimates", json!({"estimate": {"customerid": c1, "create_date": "2021-01-01", "estimate_number": "EST-R1"}})).await;
    let e2 = post(
        "estimates/estimates",
        json!({"estimate": {"customerid": c2, "create_date": "2021-02-01"}}),
    )
    .await;
    let x1 = post("expenses/expenses", json!({"expense": {"clientid": c1, "categoryid": 1, "date": "2021-03-01", "amount": {"amount": "3.00"}}})).await;
    let x2 = post("expenses/expenses", json!({"expense": {"clientid": c2, "categoryid": 2, "date": "2021-04-01", "amount": {"amount": "4.00"}}})).await;
    let t1 = post(
        "taxes/taxes",
        json!({"tax": {"name": "Restful Levy", "amount": "2"}}),
    )
    .await;
    let it1 = post("items/items", json!({"item": {"name": "Restful Widget"}})).await;
    let k1 = post("projects/tasks", json!({"task": {"name": "Restful Task"}})).await;
    let n1 = post(
        "credit_notes/credit_notes",
        json!({"credit_notes": {"clientid": c2}}),
    )
    .await;
    let (status, cb) = env
        .send(Method::POST, &format!("{}/events/account/{}/events/callbacks", env.base, env.ids.businesses[0].account_id), Some(json!({"callback": {"event": "invoice.create", "uri": "https://example.test/hook"}})))
        .await;
    assert_eq!(status, StatusCode::OK);
    let cb1 = cb["response"]["result"]["callback"]["id"]
        .as_i64()
        .expect("callback");
    let cases: Vec<(String, &str, Vec<i64>)> = vec![
        (
            "users/clients?search[email_like]=rest.tw".into(),
            "clients",
            vec![c2],
        ),
        (
            format!("users/clients?search[clientids][]={c1}"),
            "clients",
            vec![c1],
        ),
        (
            format!(
                "users/clients?search[has_credit]=true&search[userids][]={c1}&search[userids][]={c2}"
            ),
            "clients",
            vec![c2],
        ),
        (
            format!(
                "invoices/invoices?search[customerids][]={c1}&search[customerids][]={c2}&sort=invoice_date_asc"
            ),
            "invoices",
            vec![i1, i2],
        ),
        (
            "invoices/invoices?search[invoice_number_like]=R-2".into(),
            "invoices",
            vec![i2],
        ),
        (
            format!("payments/payments?search[invoiceid]={i1}"),
            "payments",
            vec![p1],
        ),
        (
            format!("payments/payments?search[invoiceids][]={i2}"),
            "payments",
            vec![p2],
        ),
        (
            format!("payments/payments?search[clientid]={c2}"),
            "payments",
            vec![p2],
        ),
        (
            format!(
                "payments/payments?search[clientid]={c1}&search[date_min]=2021-05-01&search[date_max]=2021-05-31"
            ),
            "payments",
            vec![p1],
        ),
        (
            format!("estimates/estimates?search[customerid]={c2}"),
            "estimates",
            vec![e2],
        ),
        (
            format!("estimates/estimates?search[estimateids][]={e1}"),
            "estimates",
            vec![e1],
        ),
        (
            "estimates/estimates?search[estimate_number]=EST-R1".into(),
            "estimates",
            vec![e1],
        ),
        (
            format!("estimates/estimates?search[customerid]={c1}&search[date_max]=2021-01-31"),
            "estimates",
            vec![e1],
        ),
        (
            format!("expenses/expenses?search[clientid]={c1}"),
            "expenses",
            vec![x1],
        ),
        (
            format!("expenses/expenses?search[categoryid]=2&search[clientid]={c2}"),
            "expenses",
            vec![x2],
        ),
        (
            format!("expenses/expenses?search[clientid]={c2}&search[date_min]=2021-04-01"),
            "expenses",
            vec![x2],
        ),
        (
            "taxes/taxes?search[name_like]=restful".into(),
            "taxes",
            vec![t1],
        ),
        (
            "items/items?search[name_like]=restful".into(),
            "items",
            vec![it1],
        ),
        (
            "projects/tasks?search[name_like]=restful".into(),
            "tasks",
            vec![k1],
        ),
        (
            format!("credit_notes/credit_notes?search[clientid]={c2}"),
            "credit_notes",
            vec![n1],
        ),
    ];
    for (suffix, list, expected) in cases {
        assert_eq!(
            env.ids_of(&env.acct(0, &suffix), list).await,
            expected,
            "{suffix}"
        );
    }
    let hooks = env
        .result(&format!(
            "{}/events/account/{}/events/callbacks?search[event]=invoice.create",
            env.base, env.ids.businesses[0].account_id
        ))
        .await;
    assert_eq!(hooks["callbacks"][0]["id"], cb1);
}

#[tokio::test]
async fn time_entry_service_and_task_filters() {
    let env = start().await;
    let (_, services) = env.get(&env.biz("comments", 0, "services")).await;
    let service = services["services"][3]["id"].as_i64().expect("service");
    let id = entry(&env, json!({"started_at": "2018-01-01T10:00:00Z", "duration": 60, "service_id": service, "task_id": 77})).await;
    let url = env.biz("timetracking", 0, "time_entries");
    let (_, body) = env.get(&format!("{url}?task_id=77")).await;
    assert_eq!(entry_ids(&body), [id]);
    let (_, body) = env
        .get(&format!(
            "{url}?service_id={service}&started_to=2018-12-31T00:00:00Z"
        ))
        .await;
    assert_eq!(entry_ids(&body), [id]);
    let (status, _) = env
        .send(
            Method::POST,
            &url,
            Some(json!({"time_entry": {"started_at": "2018-01-01T10:00:00Z", "service_id": 1}})),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "an unknown service is refused"
    );
}

#[tokio::test]
async fn project_list_options() {
    let env = start().await;
    let url = env.biz("projects", 0, "projects");
    let (_, plain) = env.get(&url).await;
    let first = &plain["projects"][0];
    assert!(
        first["logged_duration"].is_null(),
        "lists leave logged_duration out unless asked"
    );
    assert!(first["group_id"].is_number());
    assert!(first.get("group").is_none());
    let (_, with) = env
        .get(&format!(
            "{url}?include_logged_duration=true&skip_group=true"
        ))
        .await;
    let first = &with["projects"][0];
    assert!(first["logged_duration"].as_i64().is_some());
    assert!(first.get("group_id").is_none());
    let id = first["id"].as_i64().expect("id");
    let (_, single) = env
        .get(&env.biz("projects", 0, &format!("project/{id}")))
        .await;
    assert_eq!(
        single["project"]["logged_duration"],
        first["logged_duration"]
    );
    assert!(single["project"]["group"]["members"].is_array());
}

/// Without `team=true` a time-entry list shows the caller's own entries only; with it, those of
/// every member of the business (the seed has entries by the demo user and a colleague).
#[tokio::test]
async fn time_entries_of_other_members_only_with_team() {
    let env = start().await;
    let url = env.biz("timetracking", 0, "time_entries");
    let members = |body: &Value| -> std::collections::BTreeSet<i64> {
        body["time_entries"]
            .as_array()
            .expect("list")
            .iter()
            .filter_map(|e| e["identity_id"].as_i64())
            .collect()
    };
    let (status, own) = env.get(&format!("{url}?per_page=100")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        members(&own).into_iter().collect::<Vec<_>>(),
        [env.ids.identity_id]
    );
    let (status, team) = env.get(&format!("{url}?per_page=100&team=true")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(members(&team).len() >= 2, "{:?}", members(&team));
    assert!(
        team["meta"]["total"].as_u64() > own["meta"]["total"].as_u64(),
        "{} vs {}",
        team["meta"],
        own["meta"]
    );
}
