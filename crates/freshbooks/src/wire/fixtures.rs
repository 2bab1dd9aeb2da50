//! Pure decode tests over fixtures written from the API reference (`tests/fixtures/*.json`):
//! envelopes, lenient fields, unknown fields, US/Eastern and UTC timestamps, exact decimals,
//! and JSON paths in decode errors.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use ledgerline_model::entity::{InvoiceStatus, LineKind, Role, VisState};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::error::Error;
use crate::resources::{
    AccountingResource, BusinessResource, Clients, Invoices, Projects, TimeEntries,
};
use crate::wire::envelope::{self, Family};
use crate::wire::identity::WireMe;

fn fixture(text: &str) -> Value {
    serde_json::from_str(text).expect("fixture is JSON")
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("instant")
        .with_timezone(&Utc)
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

#[test]
fn identity_with_three_kinds_of_id() {
    let body = fixture(include_str!("../../tests/fixtures/users_me.json"));
    let me: WireMe = crate::wire::decode(&body["response"], "GET me", "response").expect("decodes");
    let me = me.into_model();
    assert_eq!(me.identity_id.get(), 712052);
    assert_eq!(me.user_id, 2192788);
    let roles: Vec<Role> = me.memberships.iter().map(|m| m.role.clone()).collect();
    assert_eq!(
        roles,
        [
            Role::Owner,
            Role::BusinessEmployee,
            Role::Other("accountant_partner".into())
        ]
    );
    assert!(
        !roles[2].presumed_writable(),
        "unknown roles are read-only until proven"
    );
    let acme = &me.memberships[0].business;
    assert_eq!(acme.id.get(), 77120);
    assert_eq!(acme.account_id.as_ref().map(|a| a.as_str()), Some("zDmNq"));
    assert_eq!(
        acme.uuid.as_ref().map(|u| u.as_str()),
        Some("3ef1d4b0-6bd6-4b9d-9c1e-5a8c1f0f5a11")
    );
    assert_eq!(me.memberships[2].business.account_id, None);
}

#[test]
fn accounting_list_with_eastern_timestamps_and_unknown_fields() {
    let body = fixture(include_str!("../../tests/fixtures/clients_list.json"));
    let (items, at, meta) =
        envelope::list(Family::Accounting, &body, Clients::LIST, "GET clients").expect("envelope");
    assert_eq!(
        (meta.page, meta.pages, meta.per_page, meta.total),
        (1, 3, 2, 6)
    );
    let clients: Vec<_> = items
        .iter()
        .enumerate()
        .map(|(idx, raw)| {
            Clients::decode(raw, "GET clients", &format!("{at}[{idx}]")).expect("decodes")
        })
        .collect();
    // Just before spring-forward: EST, UTC−5. signup_date is UTC already.
    assert_eq!(clients[0].updated, Some(utc("2026-03-08T06:59:59Z")));
    assert_eq!(clients[0].signup_date, Some(utc("2026-03-08T06:59:59Z")));
    // The repeated fall-back hour: the earlier instant (EDT).
    assert_eq!(clients[1].updated, Some(utc("2026-11-01T05:30:00Z")));
    assert_eq!(clients[0].organization, None, "empty strings are no value");
    assert_eq!(clients[1].display_name(), "Lakeshore Bakery");
    assert_eq!(clients[1].vis_state, VisState::Archived);
    let balance = clients[0].outstanding_balance.as_ref().expect("balance");
    assert_eq!(balance[0].amount, dec("1234.56"));
}

#[test]
fn invoice_with_lines_keeps_every_digit() {
    let body = fixture(include_str!("../../tests/fixtures/invoice_single.json"));
    let (raw, at) = envelope::single(Family::Accounting, &body, Invoices::SINGLE, "GET invoice")
        .expect("envelope");
    let invoice = Invoices::decode(raw, "GET invoice", &at).expect("decodes");
    assert_eq!(
        invoice
            .amount
            .as_ref()
            .map(|m| m.amount.to_string())
            .as_deref(),
        Some("1130.0000000000000001")
    );
    assert_eq!(invoice.status, InvoiceStatus::Sent);
    assert_eq!(
        invoice.updated,
        Some(utc("2026-07-01T16:00:00Z")),
        "summer: EDT, UTC−4"
    );
    assert_eq!(
        invoice.version.as_deref(),
        Some("2026-07-01 12:00:00.123456")
    );
    let lines = invoice.lines.expect("lines");
    assert_eq!(lines[0].qty, dec("7.5"));
    assert_eq!(
        lines[0].unit_cost.as_ref().map(|m| m.amount),
        Some(dec("133.333"))
    );
    assert_eq!(
        lines[0].amount.as_ref().map(|m| m.amount),
        Some(dec("999.9975"))
    );
    let hst = lines[0].tax1.as_ref().expect("tax");
    assert_eq!((hst.name.as_str(), hst.percent), ("HST", dec("13")));
    assert_eq!(lines[0].tax2, None);
    assert_eq!(lines[0].expense_id, None, "expenseid 0 is none");
    assert_eq!(lines[0].project_id.map(|p| p.get()), Some(41));
    // Numbers instead of strings are read from their text, not through a float.
    assert_eq!(lines[1].kind, LineKind::RebilledExpense);
    assert_eq!(
        lines[1].unit_cost.as_ref().map(|m| m.amount),
        Some(dec("30"))
    );
    assert_eq!(lines[1].expense_id.map(|e| e.get()), Some(55));
    // The serialized model keeps the digits too.
    let json = serde_json::to_string(&lines[0].unit_cost).expect("serializes");
    assert_eq!(json, r#"{"amount":"133.333","code":"CAD"}"#);
}

#[test]
fn time_entries_in_utc_with_and_without_z() {
    let body = fixture(include_str!("../../tests/fixtures/time_entries_list.json"));
    let (items, at, meta) =
        envelope::list(Family::Business, &body, TimeEntries::LIST, "GET entries")
            .expect("envelope");
    assert_eq!((meta.pages, meta.total), (1, 2));
    let entries: Vec<_> = items
        .iter()
        .enumerate()
        .map(|(idx, raw)| {
            TimeEntries::decode(raw, "GET entries", &format!("{at}[{idx}]")).expect("decodes")
        })
        .collect();
    assert_eq!(entries[0].started_at, utc("2026-03-08T07:30:00Z"));
    assert_eq!(entries[0].created_at, Some(utc("2026-03-08T09:00:00Z")));
    assert_eq!(entries[1].started_at, utc("2026-03-08T10:00:00Z"));
    assert!(entries[1].timer.as_ref().is_some_and(|t| t.is_running));
    assert!(!entries[1].is_logged);
}

#[test]
fn project_single() {
    let body = fixture(include_str!("../../tests/fixtures/project_single.json"));
    let (raw, at) = envelope::single(Family::Business, &body, Projects::SINGLE, "GET project")
        .expect("envelope");
    let project = Projects::decode(raw, "GET project", &at).expect("decodes");
    assert_eq!(project.rate, Some(dec("95.50")));
    assert_eq!(project.group_id, Some(88));
    assert_eq!(
        project
            .service_ids
            .iter()
            .map(|s| s.get())
            .collect::<Vec<_>>(),
        [7]
    );
    assert_eq!(project.updated_at, Some(utc("2026-03-08T07:31:00Z")));
}

#[test]
fn decode_errors_name_the_json_path() {
    let mut body = fixture(include_str!("../../tests/fixtures/clients_list.json"));
    body["response"]["result"]["clients"][1]["updated"] = Value::String("last Tuesday".into());
    let (items, at, _) =
        envelope::list(Family::Accounting, &body, "clients", "GET clients").expect("envelope");
    let err = Clients::decode(&items[1], "GET clients", &format!("{at}[1]")).unwrap_err();
    let Error::Decode { path, message, .. } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(path, "response.result.clients[1].updated");
    assert!(message.contains("last Tuesday"), "{message}");

    let mut body = fixture(include_str!("../../tests/fixtures/invoice_single.json"));
    body["response"]["result"]["invoice"]["lines"][0]["unit_cost"]["amount"] =
        Value::String("12,50".into());
    let (raw, at) =
        envelope::single(Family::Accounting, &body, "invoice", "GET invoice").expect("envelope");
    let err = Invoices::decode(raw, "GET invoice", &at).unwrap_err();
    assert!(
        matches!(&err, Error::Decode { path, .. } if path == "response.result.invoice.lines[0].unit_cost"),
        "{err:?}"
    );

    let missing = serde_json::json!({"response": {"result": {}}});
    let err = envelope::list(Family::Accounting, &missing, "clients", "GET clients").unwrap_err();
    assert!(
        matches!(&err, Error::Decode { path, .. } if path == "response.result.clients"),
        "{err:?}"
    );
}

#[test]
fn tolerates_loose_values() {
    let raw = serde_json::json!({
        "id": "77", "fname": 42, "vis_state": "2", "updated": "0000-00-00 00:00:00",
        "signup_date": "", "currency_code": "",
        "outstanding_balance": [{"amount": {"amount": "5.00", "code": ""}}]
    });
    let client = Clients::decode(&raw, "GET client", "client").expect("decodes");
    assert_eq!(client.id.get(), 77);
    assert_eq!(client.first_name.as_deref(), Some("42"));
    assert_eq!(client.vis_state, VisState::Archived);
    assert_eq!(
        (client.updated, client.signup_date, client.currency_code),
        (None, None, None)
    );
    assert_eq!(client.outstanding_balance, Some(Vec::new()));
    // An undocumented vis_state keeps its number instead of failing the record.
    let odd = serde_json::json!({"id": 1, "vis_state": 7});
    let client = Clients::decode(&odd, "GET client", "client").expect("decodes");
    assert_eq!(client.vis_state, VisState::Unknown(7));
    let odd = serde_json::json!({"id": 1, "vis_state": "3"});
    let client = Clients::decode(&odd, "GET client", "client").expect("decodes");
    assert_eq!(client.vis_state, VisState::Unknown(3));
    // Still an error when it is not a number at all, with its path.
    let bad = serde_json::json!({"id": 1, "vis_state": "hidden"});
    let err = Clients::decode(&bad, "GET client", "client").unwrap_err();
    assert!(
        matches!(&err, Error::Decode { path, .. } if path == "client.vis_state"),
        "{err:?}"
    );
}

#[test]
fn tolerates_what_other_servers_send() {
    // Integral numbers written as decimals, booleans in capitals, offsets without a colon.
    let raw = serde_json::json!({
        "id": 9.0, "started_at": "2026-03-08T07:30:00+0000", "duration": "3600.0",
        "billable": "TRUE", "billed": 0, "timer": null, "client_id": "0", "project_id": 12.0
    });
    let entry = TimeEntries::decode(&raw, "GET entry", "time_entry").expect("decodes");
    assert_eq!(entry.id.get(), 9);
    assert_eq!(entry.started_at, utc("2026-03-08T07:30:00Z"));
    assert_eq!(entry.duration_seconds, 3600);
    assert!(entry.billable && !entry.billed);
    assert_eq!(entry.client_id, None);
    assert_eq!(entry.project_id.map(|p| p.get()), Some(12));
    // A fraction where an integer belongs is still an error, with its path.
    let raw = serde_json::json!({"id": 9, "started_at": "2026-03-08T07:30:00Z", "duration": 1.5});
    let err = TimeEntries::decode(&raw, "GET entry", "time_entry").unwrap_err();
    assert!(
        matches!(&err, Error::Decode { path, .. } if path == "time_entry.duration"),
        "{err:?}"
    );
}

#[test]
fn invoice_lines_without_a_project_have_none() {
    let raw = serde_json::json!({
        "id": 1, "customerid": 2, "status": 1,
        "lines": [{"lineid": 1, "name": "Design", "qty": "1", "modern_project_id": 0,
                   "taxName1": "", "taxAmount1": "", "taxName2": "GST", "taxAmount2": "5.000"},
                  {"lineid": 2, "name": "Print", "taxName1": "HST", "taxAmount1": "13%",
                   "taxName2": "QST", "taxAmount2": 9.975}],
        "discount_value": "10 %"
    });
    let invoice = Invoices::decode(&raw, "GET invoice", "invoice").expect("decodes");
    assert_eq!(invoice.discount_value, Some(dec("10")));
    let lines = invoice.lines.expect("lines");
    let percents: Vec<_> = [&lines[1].tax1, &lines[1].tax2]
        .iter()
        .map(|t| t.as_ref().map(|t| t.percent))
        .collect();
    assert_eq!(percents, [Some(dec("13")), Some(dec("9.975"))]);
    let line = &lines[0];
    assert_eq!(line.project_id, None, "modern_project_id 0 is no project");
    assert_eq!(line.tax1, None);
    assert_eq!(
        line.tax2.as_ref().map(|t| (t.name.as_str(), t.percent)),
        Some(("GST", dec("5")))
    );
}

#[test]
fn identity_with_odd_memberships() {
    let raw = serde_json::json!({
        "id": "2192788", "identity_id": null, "first_name": "Ada",
        "business_memberships": [
            {"id": 1, "role": "owner", "business": {"id": 77120, "account_id": "zDmNq", "name": "Acme"}},
            {"id": 2, "role": "business_employee", "business": null},
            {"role": "Owner", "business": {"id": "88", "account_id": null, "name": null}}
        ]
    });
    let me: WireMe = crate::wire::decode(&raw, "GET me", "response").expect("decodes");
    let me = me.into_model();
    assert_eq!(me.identity_id.get(), 2192788);
    let ids: Vec<_> = me.memberships.iter().map(|m| m.business.id.get()).collect();
    assert_eq!(
        ids,
        [77120, 88],
        "the membership without a business is left out"
    );
    assert_eq!(me.memberships[1].role, Role::Owner);
    let raw = serde_json::json!({"id": 5, "business_memberships": null});
    let me: WireMe = crate::wire::decode(&raw, "GET me", "response").expect("decodes");
    assert!(me.into_model().memberships.is_empty());
}

#[test]
fn time_entry_timers_and_running_durations() {
    let entry = |timer: Value, duration: Value| {
        let raw = serde_json::json!({"id": 1, "started_at": "2026-03-08T07:30:00Z",
            "is_logged": false, "timer": timer, "duration": duration});
        TimeEntries::decode(&raw, "GET entry", "time_entry").expect("decodes")
    };
    let running = entry(
        serde_json::json!({"id": 4, "is_running": true}),
        Value::Null,
    );
    assert_eq!(
        running.duration_seconds, 0,
        "a running timer has no duration yet"
    );
    assert!(running.timer.is_some_and(|t| t.is_running && t.id == 4));
    assert_eq!(entry(Value::Null, serde_json::json!(60)).timer, None);
    assert_eq!(
        entry(serde_json::json!({}), serde_json::json!(60)).timer,
        None
    );
    assert_eq!(
        entry(
            serde_json::json!({"is_running": false}),
            serde_json::json!(60)
        )
        .timer,
        None
    );
}
