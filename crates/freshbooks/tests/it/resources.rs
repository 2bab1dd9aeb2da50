//! Every resource's list and get, the writes Ledgerline uses, exact decimals, and US/Eastern
//! timestamps converted to UTC.

use std::str::FromStr;

use chrono::{NaiveDate, Offset, TimeDelta, TimeZone, Utc};
use ledgerline_model::entity::{
    ClientUpdate, InvoiceStatus, InvoiceUpdate, NewClient, NewInvoice, NewInvoiceLine, NewProject,
    NewTimeEntry, ProjectUpdate, TimeEntryUpdate, VisState,
};
use ledgerline_model::money::{CurrencyCode, Money};
use rust_decimal::Decimal;

use crate::{Harness, account, business_id};

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

#[tokio::test]
async fn every_accounting_resource_lists_and_gets() {
    let h = Harness::start().await;
    let acct = account(&h.owner());
    let c = &h.client;

    let clients = c.clients(&acct).list().collect().await.expect("clients");
    assert!(!clients.is_empty());
    let client = c.clients(&acct).get(clients[0].id).await.expect("client");
    assert_eq!(client, clients[0]);

    let invoices = c.invoices(&acct).list().collect().await.expect("invoices");
    let with_lines = c
        .invoices(&acct)
        .get(invoices[0].id)
        .await
        .expect("invoice");
    assert!(
        with_lines.lines.as_ref().is_some_and(|l| !l.is_empty()),
        "get includes lines"
    );
    assert!(invoices[0].lines.is_none(), "plain lists carry no lines");

    let estimates = c
        .estimates(&acct)
        .list()
        .with_lines()
        .collect()
        .await
        .expect("estimates");
    if let Some(first) = estimates.first() {
        assert_eq!(
            c.estimates(&acct).get(first.id).await.expect("estimate").id,
            first.id
        );
    }
    let payments = c.payments(&acct).list().collect().await.expect("payments");
    if let Some(first) = payments.first() {
        assert_eq!(
            c.payments(&acct).get(first.id).await.expect("payment").id,
            first.id
        );
    }
    let expenses = c.expenses(&acct).list().collect().await.expect("expenses");
    assert!(!expenses.is_empty());
    assert_eq!(
        c.expenses(&acct)
            .get(expenses[0].id)
            .await
            .expect("expense")
            .id,
        expenses[0].id
    );
    let taxes = c.taxes(&acct).list().collect().await.expect("taxes");
    let hst = taxes.iter().find(|t| t.name == "HST").expect("Ontario HST");
    assert_eq!(hst.percent, Some(dec("13")));
    assert_eq!(c.taxes(&acct).get(hst.id).await.expect("tax").id, hst.id);
    let items = c.items(&acct).list().collect().await.expect("items");
    assert!(!items.is_empty());
    assert_eq!(
        c.items(&acct).get(items[0].id).await.expect("item").id,
        items[0].id
    );
    let tasks = c.tasks(&acct).list().collect().await.expect("tasks");
    if let Some(first) = tasks.first() {
        assert_eq!(
            c.tasks(&acct).get(first.id).await.expect("task").id,
            first.id
        );
    }
    h.emu.shutdown().await;
}

#[tokio::test]
async fn every_business_resource_lists_and_gets() {
    let h = Harness::start().await;
    let biz = business_id(&h.owner());
    let c = &h.client;

    let projects = c.projects(biz).list().collect().await.expect("projects");
    assert!(!projects.is_empty());
    let project = c.projects(biz).get(projects[0].id).await.expect("project");
    assert_eq!(project.id, projects[0].id);

    let entries = c
        .time_entries(biz)
        .list()
        .per_page(20)
        .page(1)
        .await
        .expect("entries");
    let entry = &entries.items[0].record;
    let again = c.time_entries(biz).get(entry.id).await.expect("entry");
    assert_eq!(again.started_at, entry.started_at);

    let services = c.services(biz).list().collect().await.expect("services");
    assert!(!services.is_empty());
    assert_eq!(
        c.services(biz)
            .get(services[0].id)
            .await
            .expect("service")
            .id,
        services[0].id
    );
    let rates = c.services(biz).rates().await.expect("rates");
    assert!(!rates.is_empty());
    let one = c
        .services(biz)
        .rate(rates[0].record.service_id)
        .await
        .expect("rate");
    assert_eq!(one.record.rate, rates[0].record.rate);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn client_writes_and_eastern_timestamps() {
    let h = Harness::start().await;
    let clients = h.client.clients(&account(&h.owner()));
    let before = Utc::now();
    let created = clients
        .create(&NewClient {
            organization: Some("Lakeshore Bakery".into()),
            email: Some("orders@lakeshore.example".into()),
            currency_code: Some(CurrencyCode::new("CAD").expect("code")),
            ..NewClient::default()
        })
        .await
        .expect("created");
    assert_eq!(
        created.record.organization.as_deref(),
        Some("Lakeshore Bakery")
    );
    // `updated` is US/Eastern wall time on the wire; converted right it is within a minute of
    // now (a zone mistake would be four or five hours off).
    let updated = created.record.updated.expect("updated");
    assert!(
        (updated - before).num_seconds().abs() < 90,
        "{updated} vs {before}"
    );
    assert_eq!(
        created.record.signup_date,
        Some(updated),
        "same instant, two clocks"
    );
    let raw_updated = created.raw["updated"].as_str().expect("raw updated");
    assert!(
        !raw_updated.ends_with('Z'),
        "accounting sends wall time: {raw_updated}"
    );

    let id = created.record.id;
    let changed = clients
        .update(
            id,
            &ClientUpdate {
                first_name: Some("Ana".into()),
                ..ClientUpdate::default()
            },
        )
        .await
        .expect("updated");
    assert_eq!(changed.record.first_name.as_deref(), Some("Ana"));
    assert_eq!(
        changed.record.organization.as_deref(),
        Some("Lakeshore Bakery")
    );
    assert_eq!(
        clients
            .archive(id)
            .await
            .expect("archived")
            .record
            .vis_state,
        VisState::Archived
    );
    assert_eq!(
        clients
            .restore(id)
            .await
            .expect("restored")
            .record
            .vis_state,
        VisState::Active
    );
    assert_eq!(
        clients.delete(id).await.expect("deleted").record.vis_state,
        VisState::Deleted
    );
    let found = clients
        .list()
        .email("orders@lakeshore.example")
        .vis_state(VisState::Deleted)
        .collect()
        .await
        .expect("search");
    assert_eq!(found.iter().map(|c| c.id).collect::<Vec<_>>(), vec![id]);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn invoice_draft_round_trips_decimals_exactly() {
    let h = Harness::start().await;
    let acct = account(&h.owner());
    let cad = CurrencyCode::new("CAD").expect("code");
    let client_id = h
        .client
        .clients(&acct)
        .list()
        .per_page(1)
        .page(1)
        .await
        .expect("page")
        .items[0]
        .record
        .id;
    let line = |name: &str, qty: &str, cost: &str| NewInvoiceLine {
        name: name.into(),
        description: None,
        qty: dec(qty),
        unit_cost: Money::new(dec(cost), cad.clone()),
        tax1: None,
        tax2: None,
        date: None,
    };
    let created = h
        .client
        .invoices(&acct)
        .create(&NewInvoice {
            client_id,
            create_date: NaiveDate::from_ymd_opt(2026, 11, 2).expect("date"),
            due_offset_days: Some(30),
            currency_code: Some(cad.clone()),
            invoice_number: None,
            po_number: None,
            notes: Some("Drafted by Ledgerline".into()),
            terms: None,
            discount_value: None,
            lines: vec![line("Design", "1.25", "0.10"), line("Review", "3", "0.20")],
        })
        .await
        .expect("created");
    let invoice = created.record;
    assert_eq!(invoice.status, InvoiceStatus::Draft);
    // 1.25 × 0.10 + 3 × 0.20 = 0.725 → 0.73 (float arithmetic would give 0.7250000000000001).
    let lines = invoice.lines.clone().expect("lines");
    assert_eq!(lines[0].qty, dec("1.25"));
    assert_eq!(
        lines[0].unit_cost.as_ref().map(|m| m.amount),
        Some(dec("0.10"))
    );
    let amount = invoice.amount.clone().expect("amount").amount;
    assert!(amount == dec("0.73") || amount == dec("0.725"), "{amount}");

    let got = h
        .client
        .invoices(&acct)
        .get_with_raw(invoice.id)
        .await
        .expect("read back");
    assert_eq!(got.record.amount, invoice.amount);
    assert_eq!(
        got.raw["amount"]["amount"].as_str().map(dec),
        got.record.amount.as_ref().map(|m| m.amount),
        "the raw string and the decimal agree exactly"
    );
    let changed = h
        .client
        .invoices(&acct)
        .update(
            invoice.id,
            &InvoiceUpdate {
                notes: Some("Edited".into()),
                lines: Some(vec![line("Design", "2.5", "100.05")]),
                ..InvoiceUpdate::default()
            },
        )
        .await
        .expect("updated");
    assert_eq!(changed.record.notes.as_deref(), Some("Edited"));
    let new_lines = changed.record.lines.clone().expect("lines");
    assert_eq!(new_lines.len(), 1);
    assert_eq!(new_lines[0].qty, dec("2.5"));
    assert_eq!(
        new_lines[0].unit_cost.as_ref().map(|m| m.amount),
        Some(dec("100.05"))
    );
    let amount = changed.record.amount.clone().expect("amount").amount;
    assert!(
        [dec("250.125"), dec("250.13")].contains(&amount),
        "{amount}"
    );
    assert_ne!(
        changed.record.version, invoice.version,
        "version changes on every edit"
    );
    h.emu.shutdown().await;
}

#[tokio::test]
async fn time_entry_and_project_writes() {
    let h = Harness::start().await;
    let biz = business_id(&h.owner());
    let project = h
        .client
        .projects(biz)
        .create(&NewProject {
            title: "Storefront refresh".into(),
            client_id: None,
            description: None,
            due_date: None,
            internal: true,
            project_type: Some("hourly_rate".into()),
            billing_method: None,
            rate: None,
            fixed_price: None,
        })
        .await
        .expect("project created")
        .record;
    let renamed = h
        .client
        .projects(biz)
        .update(
            project.id,
            &ProjectUpdate {
                title: Some("Storefront".into()),
                ..ProjectUpdate::default()
            },
        )
        .await
        .expect("project updated");
    assert_eq!(renamed.record.title, "Storefront");

    let started = Utc
        .with_ymd_and_hms(2026, 11, 1, 6, 30, 0)
        .single()
        .expect("instant");
    let entries = h.client.time_entries(biz);
    let entry = entries
        .create(&NewTimeEntry {
            started_at: started,
            duration_seconds: 5400,
            note: Some("Wireframes".into()),
            client_id: None,
            project_id: Some(project.id),
            service_id: None,
            task_id: None,
            identity_id: None,
            billable: true,
            internal: false,
        })
        .await
        .expect("entry created")
        .record;
    assert_eq!(entry.started_at, started, "UTC survives the round trip");
    assert_eq!(entry.duration_seconds, 5400);
    let edited = entries
        .update(
            entry.id,
            &TimeEntryUpdate {
                duration_seconds: Some(3600),
                ..TimeEntryUpdate::default()
            },
        )
        .await
        .expect("entry updated");
    assert_eq!(edited.record.duration_seconds, 3600);
    let billed = entries.mark_billed(entry.id, true).await.expect("billed");
    assert!(billed.record.billed);
    let unbilled: Vec<_> = entries
        .list()
        .billed(false)
        .collect()
        .await
        .expect("unbilled");
    assert!(unbilled.iter().all(|e| !e.billed));
    assert!(unbilled.iter().all(|e| e.id != entry.id));

    entries.delete(entry.id).await.expect("entry deleted");
    let err = entries.get(entry.id).await.unwrap_err();
    assert!(
        matches!(err, ledgerline_freshbooks::Error::NotFound { .. }),
        "{err:?}"
    );
    h.client
        .projects(biz)
        .delete(project.id)
        .await
        .expect("project deleted");

    // Incremental sync filter: entries updated since a minute ago include ours only.
    let since = Utc::now() - TimeDelta::minutes(1);
    let recent: Vec<_> = entries
        .list()
        .updated_since(since)
        .collect()
        .await
        .expect("recent");
    assert!(
        recent.iter().all(|e| e.id != entry.id),
        "deleted entries are not listed"
    );
    h.emu.shutdown().await;
}

#[tokio::test]
async fn eastern_updated_matches_utc_signup_across_dst() {
    // The emulator stamps a seeded client's `signup_date` (UTC) and `updated` (US/Eastern wall
    // time) from the same instant. Read right, they agree in summer (EDT) and winter (EST) alike;
    // a fixed offset would be an hour off for half the year.
    let h = Harness::start().await;
    let clients = h
        .client
        .clients(&account(&h.owner()))
        .list()
        .collect()
        .await
        .expect("clients");
    let mut summer = 0;
    let mut winter = 0;
    for client in &clients {
        let (updated, signup) = (
            client.updated.expect("updated"),
            client.signup_date.expect("signup"),
        );
        assert_eq!(updated, signup, "client {}", client.id);
        let offset = chrono_tz::America::New_York
            .offset_from_utc_datetime(&updated.naive_utc())
            .fix()
            .local_minus_utc();
        if offset == -4 * 3600 {
            summer += 1;
        } else {
            winter += 1;
        }
    }
    assert!(
        summer > 0 && winter > 0,
        "both sides of DST: {summer} summer, {winter} winter"
    );
    h.emu.shutdown().await;
}
