//! The everyday screens' queries (Home, Clients, Time, Invoices) and the timer, against the
//! emulator in process and a real database file. Figures are computed by hand from a fixture
//! made in an otherwise empty emulator through FreshBooks' API.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use freshbooks_emulator::{Config as EmuConfig, Scale};
use ledgerline_core::{Entity, Scope};
use ledgerline_model::entity::{
    ClientUpdate, NewClient, NewInvoice, NewInvoiceLine, NewProject, NewTimeEntry, UserBusiness,
    VisState,
};
use ledgerline_model::error::ErrorCode;
use ledgerline_model::home::Aging;
use ledgerline_model::ids::{ClientId, InvoiceId, ProjectId, TimeEntryId};
use ledgerline_model::money::{CurrencyCode, Money};
use ledgerline_model::timer::TimerStart;
use ledgerline_model::views::{
    BilledFilter, ClientFilter, ClientQuery, ClientSort, InvoiceQuery, InvoiceState,
    InvoiceStatusFilter, TimeQuery,
};
use rust_decimal::Decimal;

use crate::{Harness, open_core};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn cad() -> CurrencyCode {
    CurrencyCode::new("CAD").unwrap()
}

fn usd() -> CurrencyCode {
    CurrencyCode::new("USD").unwrap()
}

fn money(s: &str, c: CurrencyCode) -> Money {
    Money::new(dec(s), c)
}

/// What the fixture made.
struct Fixture {
    owner: UserBusiness,
    other: UserBusiness,
    today: NaiveDate,
    /// Maple Leaf Studio (CAD), Birch Bay Traders (USD), Cedar Row (CAD), in the owner's
    /// business; Dogwood (no currency) in the other (USD) business.
    maple: i64,
    birch: i64,
    cedar: i64,
    dogwood: i64,
    logo: ProjectId,
    /// Invoices by their hand-computed role.
    overdue_10: i64,
    draft: i64,
}

async fn client(h: &Harness, b: &UserBusiness, name: &str, currency: Option<CurrencyCode>) -> i64 {
    h.client
        .clients(&b.account_id)
        .create(&NewClient {
            organization: Some(name.into()),
            email: Some(format!("{}@example.com", name.split(' ').next().unwrap()).to_lowercase()),
            currency_code: currency,
            ..NewClient::default()
        })
        .await
        .unwrap()
        .record
        .id
        .get()
}

async fn project(h: &Harness, b: &UserBusiness, title: &str, client: i64, rate: &str) -> ProjectId {
    h.client
        .projects(b.business_id)
        .create(&NewProject {
            title: title.into(),
            client_id: Some(ClientId(client)),
            description: None,
            due_date: None,
            internal: false,
            project_type: Some("hourly_rate".into()),
            billing_method: Some("project_rate".into()),
            rate: Some(dec(rate)),
            fixed_price: None,
        })
        .await
        .unwrap()
        .record
        .id
}

#[allow(clippy::too_many_arguments)]
async fn time(
    h: &Harness,
    b: &UserBusiness,
    client: i64,
    project: Option<ProjectId>,
    seconds: i64,
    billable: bool,
    started_at: DateTime<Utc>,
    note: &str,
) -> TimeEntryId {
    h.client
        .time_entries(b.business_id)
        .create(&NewTimeEntry {
            started_at,
            duration_seconds: seconds,
            note: Some(note.into()),
            client_id: Some(ClientId(client)),
            project_id: project,
            service_id: None,
            task_id: None,
            identity_id: None,
            billable,
            internal: false,
        })
        .await
        .unwrap()
        .record
        .id
}

/// An invoice of one line (`qty` × `unit`) dated `days_ago`, due `offset` days later; sent
/// unless `send` is false.
#[allow(clippy::too_many_arguments)]
async fn invoice(
    h: &Harness,
    b: &UserBusiness,
    client: i64,
    currency: CurrencyCode,
    today: NaiveDate,
    days_ago: u64,
    offset: i64,
    qty: &str,
    unit: &str,
    send: bool,
) -> i64 {
    let made = h
        .client
        .invoices(&b.account_id)
        .create(&NewInvoice {
            client_id: ClientId(client),
            create_date: today - chrono::Days::new(days_ago),
            due_offset_days: Some(offset),
            currency_code: Some(currency.clone()),
            invoice_number: None,
            po_number: None,
            notes: None,
            terms: None,
            discount_value: None,
            lines: vec![NewInvoiceLine {
                name: "Design work".into(),
                description: None,
                qty: dec(qty),
                unit_cost: money(unit, currency),
                tax1: None,
                tax2: None,
                date: None,
            }],
        })
        .await
        .unwrap()
        .record
        .id;
    if send {
        h.client
            .invoices(&b.account_id)
            .send_by_email(made, &["billing@example.com".to_owned()], false)
            .await
            .unwrap();
    }
    made.get()
}

async fn fixture(h: &Harness) -> Fixture {
    let owner = h.owner().await;
    let other = h
        .businesses()
        .await
        .into_iter()
        .find(|b| b.business_id != owner.business_id && b.writable())
        .expect("a second writable business");
    assert_eq!(owner.currency_code, Some(cad()));
    assert_eq!(other.currency_code, Some(usd()));
    let today = Utc::now().date_naive();
    let started = Utc::now() - TimeDelta::days(3);
    let maple = client(h, &owner, "Maple Leaf Studio", Some(cad())).await;
    let birch = client(h, &owner, "Birch Bay Traders", Some(usd())).await;
    let cedar = client(h, &owner, "Cedar Row", Some(cad())).await;
    let dogwood = client(h, &other, "Dogwood Supply", None).await;
    let logo = project(h, &owner, "Logo", maple, "120").await;
    let audit = project(h, &owner, "Audit", birch, "90").await;
    // CAD: 1.5 h and 20 min at 120 = 180 + 40 = 220.00; 1 h without a rate.
    time(
        h,
        &owner,
        maple,
        Some(logo),
        5400,
        true,
        started,
        "sketches",
    )
    .await;
    time(
        h,
        &owner,
        maple,
        Some(logo),
        1200,
        true,
        started + TimeDelta::hours(2),
        "call",
    )
    .await;
    time(
        h,
        &owner,
        maple,
        None,
        3600,
        true,
        started - TimeDelta::days(1),
        "mapping",
    )
    .await;
    // USD: 45 min at 90 = 67.50.
    time(
        h,
        &owner,
        birch,
        Some(audit),
        2700,
        true,
        started,
        "ledger review",
    )
    .await;
    // Neither counts: billed already, not billable.
    let billed = time(
        h,
        &owner,
        maple,
        Some(logo),
        7200,
        true,
        started,
        "old work",
    )
    .await;
    h.client
        .time_entries(owner.business_id)
        .mark_billed(billed, true)
        .await
        .unwrap();
    time(h, &owner, cedar, None, 3600, false, started, "favour").await;
    // Owed: Maple 200.00 due 10 days ago and 50.50 not yet due; Birch 30.00 USD due 100 days
    // ago; Cedar 12.34 due 61 days ago, a draft of 999 and a deleted 77.
    let overdue_10 = invoice(h, &owner, maple, cad(), today, 40, 30, "2", "100.00", true).await;
    invoice(h, &owner, maple, cad(), today, 5, 30, "1", "50.50", true).await;
    invoice(h, &owner, birch, usd(), today, 130, 30, "3", "10.00", true).await;
    invoice(h, &owner, cedar, cad(), today, 91, 30, "1", "12.34", true).await;
    let draft = invoice(h, &owner, cedar, cad(), today, 1, 30, "1", "999", false).await;
    let gone = invoice(h, &owner, cedar, cad(), today, 3, 30, "1", "77", true).await;
    h.client
        .invoices(&owner.account_id)
        .delete(InvoiceId(gone))
        .await
        .unwrap();
    // The other business: Dogwood 5.00 USD due 31 days ago.
    invoice(h, &other, dogwood, usd(), today, 31, 0, "1", "5.00", true).await;
    h.core.sync(Scope::All, false).await.unwrap();
    Fixture {
        owner,
        other,
        today,
        maple,
        birch,
        cedar,
        dogwood,
        logo,
        overdue_10,
        draft,
    }
}

async fn harness() -> Harness {
    Harness::start_with(EmuConfig {
        scale: Scale::Empty,
        ..EmuConfig::for_tests()
    })
    .await
}

fn aging(currency: CurrencyCode, buckets: [&str; 5]) -> Aging {
    Aging {
        currency,
        current: dec(buckets[0]),
        days_1_30: dec(buckets[1]),
        days_31_60: dec(buckets[2]),
        days_61_90: dec(buckets[3]),
        over_90: dec(buckets[4]),
    }
}

#[tokio::test]
async fn home_sums_each_currency_apart_by_hand() {
    let h = harness().await;
    let f = fixture(&h).await;
    let home = h
        .core
        .home(Some(f.owner.business_id), f.today)
        .await
        .unwrap();

    assert_eq!(home.unbilled.len(), 2, "{home:#?}");
    let [cad_time, usd_time] = [&home.unbilled[0], &home.unbilled[1]];
    assert_eq!(cad_time.currency, cad());
    assert_eq!(cad_time.total.entries, 3);
    assert_eq!(cad_time.total.seconds, 5400 + 1200 + 3600);
    assert_eq!(cad_time.amount, money("220.00", cad()));
    assert_eq!(cad_time.without_rate.entries, 1);
    assert_eq!(cad_time.without_rate.seconds, 3600);
    assert_eq!(usd_time.currency, usd());
    assert_eq!(usd_time.total.seconds, 2700);
    assert_eq!(usd_time.amount, money("67.50", usd()));
    assert_eq!(usd_time.without_rate.entries, 0);

    assert_eq!(home.receivable.len(), 2, "{home:#?}");
    let [cad_owed, usd_owed] = [&home.receivable[0], &home.receivable[1]];
    assert_eq!(cad_owed.outstanding, money("262.84", cad()));
    assert_eq!(cad_owed.outstanding_count, 3);
    assert_eq!(cad_owed.overdue, money("212.34", cad()));
    assert_eq!(cad_owed.overdue_count, 2);
    assert_eq!(usd_owed.outstanding, money("30.00", usd()));
    assert_eq!((usd_owed.overdue_count, usd_owed.outstanding_count), (1, 1));

    let names: Vec<&str> = home.aging.iter().map(|a| a.client_name.as_str()).collect();
    assert_eq!(
        names,
        ["Maple Leaf Studio", "Birch Bay Traders", "Cedar Row"]
    );
    assert_eq!(home.aging[0].client, ClientId(f.maple));
    assert_eq!(home.aging[0].business_name, f.owner.name);
    assert_eq!(
        home.aging[0].aging,
        aging(cad(), ["50.50", "200.00", "0", "0", "0"])
    );
    assert_eq!(
        home.aging[1].aging,
        aging(usd(), ["0", "0", "0", "0", "30.00"])
    );
    assert_eq!(
        home.aging[2].aging,
        aging(cad(), ["0", "0", "0", "12.34", "0"])
    );

    // Every business together: the other business's USD is added to USD only.
    let all = h.core.home(None, f.today).await.unwrap();
    assert_eq!(all.unbilled, home.unbilled);
    let usd_all = all.receivable.iter().find(|r| r.currency == usd()).unwrap();
    assert_eq!(usd_all.outstanding, money("35.00", usd()));
    assert_eq!(usd_all.overdue_count, 2);
    let cad_all = all.receivable.iter().find(|r| r.currency == cad()).unwrap();
    assert_eq!(cad_all, cad_owed);
    let dogwood = all
        .aging
        .iter()
        .find(|a| a.client == ClientId(f.dogwood))
        .unwrap();
    assert_eq!(dogwood.business, f.other.business_id);
    assert_eq!(dogwood.business_name, f.other.name);
    assert_eq!(dogwood.aging, aging(usd(), ["0", "0", "5.00", "0", "0"]));
    // Tomorrow the 50.50 is still current and the 12.34 still 61–90 (62 days).
    let tomorrow = h
        .core
        .home(Some(f.owner.business_id), f.today.succ_opt().unwrap())
        .await
        .unwrap();
    assert_eq!(tomorrow.aging[0].aging.current, dec("50.50"));
    assert_eq!(tomorrow.aging[2].aging.days_61_90, dec("12.34"));
}

#[tokio::test]
async fn clients_search_owe_sort_and_show_their_badges() {
    let h = harness().await;
    let f = fixture(&h).await;
    let b = f.owner.business_id;
    let all = h
        .core
        .list_clients(b, ClientQuery::default())
        .await
        .unwrap();
    let names: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["Birch Bay Traders", "Cedar Row", "Maple Leaf Studio"]
    );
    let maple = all.iter().find(|c| c.id == f.maple).unwrap();
    assert_eq!(maple.outstanding, vec![money("250.50", cad())]);
    let birch = all.iter().find(|c| c.id == f.birch).unwrap();
    assert_eq!(birch.outstanding, vec![money("30.00", usd())]);

    // A prefix of a word finds the client, through the index, in this business only.
    let search = |text: &str| ClientQuery {
        search: Some(text.into()),
        ..ClientQuery::default()
    };
    let found = h.core.list_clients(b, search("map")).await.unwrap();
    assert_eq!(found.iter().map(|c| c.id).collect::<Vec<_>>(), [f.maple]);
    let found = h.core.list_clients(b, search("bay TRA")).await.unwrap();
    assert_eq!(found.iter().map(|c| c.id).collect::<Vec<_>>(), [f.birch]);
    assert!(
        h.core
            .list_clients(b, search("dogwood"))
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(h.core.list_clients(b, search("  ")).await.unwrap().len(), 3);
    // Quotes and FTS operators typed in the box are taken as text, never as syntax.
    let quoted = h.core.list_clients(b, search("\"map OR")).await.unwrap();
    assert!(quoted.is_empty(), "{quoted:#?}");
    let quoted = h.core.list_clients(b, search("\"map*")).await.unwrap();
    assert_eq!(quoted.iter().map(|c| c.id).collect::<Vec<_>>(), [f.maple]);

    let by_owed = h
        .core
        .list_clients(
            b,
            ClientQuery {
                sort: ClientSort::Outstanding,
                ..ClientQuery::default()
            },
        )
        .await
        .unwrap();
    let ids: Vec<i64> = by_owed.iter().map(|c| c.id).collect();
    assert_eq!(ids, [f.maple, f.birch, f.cedar]);

    // Archived: hidden by default, shown when asked, alone when active ones are hidden.
    h.core
        .set_client_visibility(b, f.cedar, VisState::Archived)
        .await
        .unwrap();
    h.core
        .update_client(
            b,
            f.birch,
            ClientUpdate {
                email: Some("new@birch.example".into()),
                ..ClientUpdate::default()
            },
        )
        .await
        .unwrap();
    let active = h
        .core
        .list_clients(b, ClientFilter::default())
        .await
        .unwrap();
    assert_eq!(active.len(), 2);
    let archived_only = h
        .core
        .list_clients(
            b,
            ClientQuery {
                active: false,
                archived: true,
                ..ClientQuery::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(archived_only.len(), 1);
    assert_eq!(archived_only[0].id, f.cedar);
    assert!(archived_only[0].pending && !archived_only[0].conflict);
    // Recently changed: the latest local change first.
    let recent = h
        .core
        .list_clients(
            b,
            ClientQuery {
                archived: true,
                sort: ClientSort::RecentlyChanged,
                ..ClientQuery::default()
            },
        )
        .await
        .unwrap();
    let ids: Vec<i64> = recent.iter().map(|c| c.id).collect();
    assert_eq!(ids, [f.birch, f.cedar, f.maple]);

    // A conflict shows as such. FreshBooks stamps changes to the second: the clock moves on so
    // its change is told apart from the version ours was made on.
    h.emu
        .control()
        .advance_clock(std::time::Duration::from_secs(5));
    h.client
        .clients(&f.owner.account_id)
        .update(
            ClientId(f.birch),
            &ClientUpdate {
                email: Some("theirs@birch.example".into()),
                ..ClientUpdate::default()
            },
        )
        .await
        .unwrap();
    let _ = h.core.sync(Scope::Current, false).await;
    let rows = h
        .core
        .list_clients(b, ClientQuery::default())
        .await
        .unwrap();
    let birch = rows.iter().find(|c| c.id == f.birch).unwrap();
    assert!(birch.pending && birch.conflict, "{birch:#?}");
}

#[tokio::test]
async fn time_lists_filter_name_and_total() {
    let h = harness().await;
    let f = fixture(&h).await;
    let b = f.owner.business_id;
    let all = h.core.list_time(b, TimeQuery::default()).await.unwrap();
    assert_eq!(all.totals.entries, 6);
    assert_eq!(all.totals.seconds, 5400 + 1200 + 3600 + 2700 + 7200 + 3600);
    assert_eq!(all.totals.billable_entries, 5);
    assert_eq!(
        all.totals.billable_seconds,
        5400 + 1200 + 3600 + 2700 + 7200
    );
    // Latest first.
    let starts: Vec<_> = all.rows.iter().map(|r| r.started_at).collect();
    let mut sorted = starts.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(starts, sorted);
    assert_eq!(all.rows[0].note.as_deref(), Some("call"));
    assert_eq!(
        all.rows[0].client_name.as_deref(),
        Some("Maple Leaf Studio")
    );
    assert_eq!(all.rows[0].project_name.as_deref(), Some("Logo"));
    assert!(all.rows[0].team_member.is_some());

    let maple_unbilled = h
        .core
        .list_time(
            b,
            TimeQuery {
                client: Some(ClientId(f.maple)),
                billed: BilledFilter::Unbilled,
                ..TimeQuery::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(maple_unbilled.totals.entries, 3);
    assert_eq!(maple_unbilled.totals.seconds, 10200);
    let billed = h
        .core
        .list_time(
            b,
            TimeQuery {
                billed: BilledFilter::Billed,
                ..TimeQuery::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(billed.rows.len(), 1);
    assert!(billed.rows[0].billed);
    let logo = h
        .core
        .list_time(
            b,
            TimeQuery {
                project: Some(f.logo),
                limit: Some(1),
                offset: 1,
                ..TimeQuery::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(logo.totals.entries, 3, "the totals count past the page");
    assert_eq!(logo.rows.len(), 1);
    // The fixture's time started three and four days ago: a range of yesterday finds none, and
    // one of four days ago the "mapping" entry alone.
    let day = |d: i64| (Utc::now() - TimeDelta::days(d)).date_naive();
    let range = |from: NaiveDate, to: NaiveDate| TimeQuery {
        from: Some(from),
        to: Some(to),
        ..TimeQuery::default()
    };
    let none = h.core.list_time(b, range(day(1), day(0))).await.unwrap();
    assert_eq!(none.totals.entries, 0);
    let four = h.core.list_time(b, range(day(4), day(4))).await.unwrap();
    assert_eq!(four.rows.len(), 1, "{four:#?}");
    assert_eq!(four.rows[0].note.as_deref(), Some("mapping"));
    let me = all.rows[0].team_member;
    let mine = h
        .core
        .list_time(
            b,
            TimeQuery {
                team_member: me,
                ..TimeQuery::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(mine.totals.entries, 6);
}

#[tokio::test]
async fn invoices_list_states_filters_and_a_pending_draft_without_number() {
    let h = harness().await;
    let f = fixture(&h).await;
    let b = f.owner.business_id;
    let q = |status: InvoiceStatusFilter| InvoiceQuery {
        status,
        today: Some(f.today),
        ..InvoiceQuery::default()
    };
    let all = h
        .core
        .list_invoices(b, q(InvoiceStatusFilter::All))
        .await
        .unwrap();
    assert_eq!(all.len(), 5, "the deleted one is left out: {all:#?}");
    let dates: Vec<_> = all.iter().map(|r| r.create_date).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    let overdue = all.iter().find(|r| r.id == f.overdue_10).unwrap();
    assert_eq!(overdue.state, InvoiceState::Overdue);
    assert_eq!(overdue.amount, Some(money("200.00", cad())));
    assert_eq!(overdue.outstanding, Some(money("200.00", cad())));
    assert_eq!(overdue.due_date, Some(f.today - chrono::Days::new(10)));
    assert_eq!(overdue.client_name.as_deref(), Some("Maple Leaf Studio"));
    assert!(overdue.number.is_some());
    let draft = all.iter().find(|r| r.id == f.draft).unwrap();
    assert_eq!(draft.state, InvoiceState::Draft);

    let n = |s| {
        let h = &h;
        let q = &q;
        async move { h.core.list_invoices(b, q(s)).await.unwrap().len() }
    };
    assert_eq!(n(InvoiceStatusFilter::Draft).await, 1);
    assert_eq!(n(InvoiceStatusFilter::Outstanding).await, 4);
    assert_eq!(n(InvoiceStatusFilter::Overdue).await, 3);
    assert_eq!(n(InvoiceStatusFilter::Paid).await, 0);

    let cedar = h
        .core
        .list_invoices(
            b,
            InvoiceQuery {
                client: Some(ClientId(f.cedar)),
                ..InvoiceQuery::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(cedar.len(), 2);
    let dated = h
        .core
        .list_invoices(
            b,
            InvoiceQuery {
                from: Some(f.today - chrono::Days::new(40)),
                to: Some(f.today - chrono::Days::new(5)),
                ..InvoiceQuery::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(dated.len(), 2, "{dated:#?}");
    let found = h
        .core
        .list_invoices(
            b,
            InvoiceQuery {
                search: Some("bir".into()),
                ..InvoiceQuery::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].client, Some(ClientId(f.birch)));

    // An invoice made here: pending, no number until FreshBooks gives one.
    let local = h
        .core
        .create_invoice(
            b,
            NewInvoice {
                client_id: ClientId(f.maple),
                create_date: f.today,
                due_offset_days: Some(15),
                currency_code: Some(cad()),
                invoice_number: None,
                po_number: None,
                notes: None,
                terms: None,
                discount_value: None,
                lines: vec![],
            },
        )
        .await
        .unwrap();
    let rows = h
        .core
        .list_invoices(b, q(InvoiceStatusFilter::Draft))
        .await
        .unwrap();
    let mine = rows.iter().find(|r| r.id == local).unwrap();
    assert!(mine.pending && mine.number.is_none(), "{mine:#?}");
    assert_eq!(mine.due_date, Some(f.today + chrono::Days::new(15)));
    h.core.sync(Scope::Current, false).await.unwrap();
    let sent = h
        .core
        .remote_id_of(b, Entity::Invoices, local)
        .await
        .unwrap()
        .unwrap();
    let rows = h
        .core
        .list_invoices(b, q(InvoiceStatusFilter::Draft))
        .await
        .unwrap();
    let mine = rows.iter().find(|r| r.id == sent).unwrap();
    assert!(!mine.pending && mine.number.is_some(), "{mine:#?}");
}

#[tokio::test]
async fn the_timer_runs_once_per_folder_survives_a_restart_and_stops_into_one_queued_entry() {
    let h = harness().await;
    let f = fixture(&h).await;
    let b = f.owner.business_id;
    let start = TimerStart {
        client: Some(ClientId(f.maple)),
        project: Some(f.logo),
        service: None,
        note: Some("timer work".into()),
    };
    let running = h.core.start_timer(b, start.clone()).await.unwrap();
    assert_eq!(running.client_name.as_deref(), Some("Maple Leaf Studio"));
    // A second process on the same data folder sees it and cannot start another.
    let second = open_core(h.dir.path(), h.client.clone());
    let err = second
        .start_timer(b, TimerStart::default())
        .await
        .unwrap_err();
    assert!(
        matches!(err.to_payload().code, ErrorCode::TimerRunning { business, .. } if business == b),
        "{err:?}"
    );
    assert_eq!(
        second.running_timer().await.unwrap().as_ref(),
        Some(&running)
    );
    // A restart: every handle closed, the folder opened again.
    drop(second);
    let reopened = open_core(h.dir.path(), h.client.clone());
    let still = reopened.running_timer().await.unwrap().unwrap();
    assert_eq!(still.start, start);
    assert_eq!(still.started_at, running.started_at);

    // Two processes stop it at once: one time entry, the other is told none runs.
    let now = running.started_at + TimeDelta::minutes(90);
    let (a, z) = tokio::join!(h.core.stop_timer(now), reopened.stop_timer(now));
    let (entry, refused) = match (a, z) {
        (Ok(id), Err(e)) | (Err(e), Ok(id)) => (id, e),
        other => panic!("exactly one stop must win: {other:?}"),
    };
    assert_eq!(refused.to_payload().code, ErrorCode::NoTimer);
    assert!(h.core.running_timer().await.unwrap().is_none());
    let time = h
        .core
        .list_time(
            b,
            TimeQuery {
                client: Some(ClientId(f.maple)),
                ..TimeQuery::default()
            },
        )
        .await
        .unwrap();
    let logged: Vec<_> = time
        .rows
        .iter()
        .filter(|r| r.note.as_deref() == Some("timer work"))
        .collect();
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].id, entry);
    assert_eq!(logged[0].duration_seconds, 5400);
    assert!(logged[0].pending && logged[0].billable);
    let changes = h.core.changes(b).await.unwrap();
    assert_eq!(changes.len(), 1, "{changes:#?}");

    // Queued like any entry: sent once.
    h.core.sync(Scope::Current, false).await.unwrap();
    let remote = crate::sync::remote(&h.client, &f.owner, Entity::TimeEntries).await;
    let sent: Vec<_> = remote
        .values()
        .filter(|r| r["note"] == "timer work")
        .collect();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["duration"], 5400);

    // Discarding: nothing logged; twice is refused.
    h.core.start_timer(b, TimerStart::default()).await.unwrap();
    h.core.discard_timer().await.unwrap();
    assert_eq!(
        h.core.discard_timer().await.unwrap_err().to_payload().code,
        ErrorCode::NoTimer
    );
    assert_eq!(h.core.changes(b).await.unwrap().len(), 1);
    let _ = f.birch;
}

/// The unpaged time list (which counts its totals from the rows it reads) is row for row what
/// pages of two show, with the totals SQLite counts for a page, on the fixture's four entries started at the same second (the higher id first); likewise with a
/// filter.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_unpaged_time_list_is_its_pages_row_for_row() {
    let h = harness().await;
    let f = fixture(&h).await;
    let b = f.owner.business_id;
    for query in [
        TimeQuery::default(),
        TimeQuery {
            billed: BilledFilter::Unbilled,
            ..TimeQuery::default()
        },
        TimeQuery {
            client: Some(ClientId(f.maple)),
            ..TimeQuery::default()
        },
    ] {
        let all = h.core.list_time(b, query.clone()).await.unwrap();
        let mut pages = Vec::new();
        loop {
            let page = h
                .core
                .list_time(
                    b,
                    TimeQuery {
                        limit: Some(2),
                        offset: u32::try_from(pages.len()).unwrap(),
                        ..query.clone()
                    },
                )
                .await
                .unwrap();
            assert_eq!(page.totals, all.totals, "{query:?}");
            if page.rows.is_empty() {
                break;
            }
            pages.extend(page.rows);
        }
        assert_eq!(all.rows, pages, "{query:?}");
        assert_eq!(all.totals.entries as usize, all.rows.len());
        let seconds: i64 = all.rows.iter().map(|r| r.duration_seconds).sum();
        assert_eq!(all.totals.seconds, seconds);
        let billable: Vec<_> = all.rows.iter().filter(|r| r.billable).collect();
        assert_eq!(all.totals.billable_entries as usize, billable.len());
        let billable_seconds: i64 = billable.iter().map(|r| r.duration_seconds).sum();
        assert_eq!(all.totals.billable_seconds, billable_seconds);
    }
    let all = h.core.list_time(b, TimeQuery::default()).await.unwrap();
    assert_eq!(all.rows.len(), 6);
    assert!(all.rows.iter().all(|r| r.client_name.is_some()), "{all:#?}");
    let started = all
        .rows
        .iter()
        .find(|r| r.note.as_deref() == Some("sketches"))
        .and_then(|r| r.started_at);
    let same: Vec<_> = all
        .rows
        .iter()
        .filter(|r| r.started_at == started)
        .map(|r| r.id)
        .collect();
    assert_eq!(same.len(), 4, "{same:?}");
    let mut by_id = same.clone();
    by_id.sort_by(|a, b| b.cmp(a));
    assert_eq!(same, by_id);
}
