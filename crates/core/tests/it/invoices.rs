//! The Invoices screens' core: the paged list with its count and totals, one invoice's page
//! (lines, taxes, pending until FreshBooks numbers it), its PDF and sending it by email.
//! Figures computed by hand from a fixture made in an empty emulator through FreshBooks' API.

use chrono::{NaiveDate, Utc};
use freshbooks_emulator::{Config as EmuConfig, Scale};
use ledgerline_core::{Error, Scope};
use ledgerline_model::entity::{LineTax, NewClient, NewInvoice, NewInvoiceLine, UserBusiness};
use ledgerline_model::error::ErrorCode;
use ledgerline_model::ids::{ClientId, InvoiceId};
use ledgerline_model::ipc::InvoicePageArgs;
use ledgerline_model::money::{CurrencyCode, Money};
use ledgerline_model::views::{InvoiceQuery, InvoiceState, InvoiceStatusFilter};
use rust_decimal::Decimal;

use crate::Harness;

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

fn tax(name: &str, percent: &str, compound: bool) -> LineTax {
    LineTax {
        name: name.into(),
        percent: dec(percent),
        number: None,
        compound,
    }
}

fn line(
    qty: &str,
    unit: &str,
    currency: CurrencyCode,
    taxes: [Option<LineTax>; 2],
) -> NewInvoiceLine {
    let [tax1, tax2] = taxes;
    NewInvoiceLine {
        name: "Design work".into(),
        description: None,
        qty: dec(qty),
        unit_cost: money(unit, currency),
        tax1,
        tax2,
        date: None,
    }
}

fn new_invoice(
    client: i64,
    currency: CurrencyCode,
    date: NaiveDate,
    offset: i64,
    lines: Vec<NewInvoiceLine>,
) -> NewInvoice {
    NewInvoice {
        client_id: ClientId(client),
        create_date: date,
        due_offset_days: Some(offset),
        currency_code: Some(currency),
        invoice_number: None,
        po_number: None,
        notes: None,
        terms: None,
        discount_value: None,
        lines,
    }
}

async fn client(h: &Harness, b: &UserBusiness, name: &str, currency: CurrencyCode) -> i64 {
    h.client
        .clients(&b.account_id)
        .create(&NewClient {
            organization: Some(name.into()),
            email: Some(format!("{}@example.com", name.split(' ').next().unwrap()).to_lowercase()),
            currency_code: Some(currency),
            ..NewClient::default()
        })
        .await
        .unwrap()
        .record
        .id
        .get()
}

/// Made in FreshBooks (and sent, when `send`); answers its id.
async fn remote(h: &Harness, b: &UserBusiness, new: NewInvoice, send: bool) -> i64 {
    let made = h
        .client
        .invoices(&b.account_id)
        .create(&new)
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

async fn harness() -> Harness {
    Harness::start_with(EmuConfig {
        scale: Scale::Empty,
        ..EmuConfig::for_tests()
    })
    .await
}

struct Fixture {
    owner: UserBusiness,
    today: NaiveDate,
    maple: i64,
    /// 2 × 100.00 + HST 13 % = 226.00 CAD, 10 days ago, due 5 days later: overdue.
    overdue: i64,
    /// 50.50 CAD today, due in 30 days.
    recent: i64,
    /// 30.00 USD 100 days ago, due that day: overdue.
    old_usd: i64,
    /// 999.00 CAD today, never sent.
    draft: i64,
    /// Made here, not yet sent: 3 × 10.00 CAD.
    local: i64,
}

async fn fixture(h: &Harness) -> Fixture {
    let owner = h.owner().await;
    let today = Utc::now().date_naive();
    let days = |n: u64| today - chrono::Days::new(n);
    let maple = client(h, &owner, "Maple Leaf Studio", cad()).await;
    let birch = client(h, &owner, "Birch Bay Traders", usd()).await;
    let hst = Some(tax("HST", "13", false));
    let overdue = remote(
        h,
        &owner,
        new_invoice(
            maple,
            cad(),
            days(10),
            5,
            vec![line("2", "100.00", cad(), [hst, None])],
        ),
        true,
    )
    .await;
    let old_usd = remote(
        h,
        &owner,
        new_invoice(
            birch,
            usd(),
            days(100),
            0,
            vec![line("1", "30.00", usd(), [None, None])],
        ),
        true,
    )
    .await;
    let recent = remote(
        h,
        &owner,
        new_invoice(
            maple,
            cad(),
            today,
            30,
            vec![line("1", "50.50", cad(), [None, None])],
        ),
        true,
    )
    .await;
    let draft = remote(
        h,
        &owner,
        new_invoice(
            maple,
            cad(),
            today,
            30,
            vec![line("1", "999.00", cad(), [None, None])],
        ),
        false,
    )
    .await;
    let deleted = remote(
        h,
        &owner,
        new_invoice(
            maple,
            cad(),
            days(3),
            30,
            vec![line("1", "77.00", cad(), [None, None])],
        ),
        true,
    )
    .await;
    h.client
        .invoices(&owner.account_id)
        .delete(InvoiceId(deleted))
        .await
        .unwrap();
    h.core.sync(Scope::Current, false).await.unwrap();
    let local = h
        .core
        .create_invoice(
            owner.business_id,
            new_invoice(
                maple,
                cad(),
                days(1),
                15,
                vec![line("3", "10.00", cad(), [None, None])],
            ),
        )
        .await
        .unwrap();
    Fixture {
        owner,
        today,
        maple,
        overdue,
        recent,
        old_usd,
        draft,
        local,
    }
}

fn page(status: InvoiceStatusFilter, today: NaiveDate, offset: u32, limit: u32) -> InvoicePageArgs {
    InvoicePageArgs {
        query: InvoiceQuery {
            status,
            today: Some(today),
            ..InvoiceQuery::default()
        },
        offset,
        limit,
    }
}

#[tokio::test]
async fn pages_in_order_with_the_whole_match_counted_and_totalled_per_currency() {
    let h = harness().await;
    let f = fixture(&h).await;
    let b = f.owner.business_id;
    let ids = |rows: &[ledgerline_model::views::InvoiceRow]| {
        rows.iter().map(|r| r.id).collect::<Vec<_>>()
    };

    // Made here first; then the newest date, the highest number first within a day.
    let mut seen = Vec::new();
    for offset in [0, 2, 4] {
        let p = h
            .core
            .invoice_page(b, page(InvoiceStatusFilter::All, f.today, offset, 2))
            .await
            .unwrap();
        assert_eq!(p.total_count, 5, "the deleted one is left out");
        // 226.00 + 50.50 + 999.00 CAD (the local invoice has no amount from FreshBooks yet).
        assert_eq!(
            p.amount,
            vec![money("1275.50", cad()), money("30.00", usd())]
        );
        // Owed: 226.00 + 50.50 CAD (not the draft), 30.00 USD.
        assert_eq!(
            p.outstanding,
            vec![money("276.50", cad()), money("30.00", usd())]
        );
        seen.extend(ids(&p.rows));
    }
    assert_eq!(seen, vec![f.local, f.draft, f.recent, f.overdue, f.old_usd]);
    let first = h
        .core
        .invoice_page(b, page(InvoiceStatusFilter::All, f.today, 0, 0))
        .await
        .unwrap();
    assert!(first.rows[0].pending && first.rows[0].number.is_none());
    assert_eq!(ids(&first.rows), seen, "limit 0 is a whole page");
    let past_the_end = h
        .core
        .invoice_page(b, page(InvoiceStatusFilter::All, f.today, 50, 10))
        .await
        .unwrap();
    assert!(past_the_end.rows.is_empty());
    assert_eq!(past_the_end.total_count, 5);

    let outstanding = h
        .core
        .invoice_page(b, page(InvoiceStatusFilter::Outstanding, f.today, 0, 0))
        .await
        .unwrap();
    assert_eq!(ids(&outstanding.rows), vec![f.recent, f.overdue, f.old_usd]);
    assert_eq!(
        outstanding.amount,
        vec![money("276.50", cad()), money("30.00", usd())]
    );
    let overdue = h
        .core
        .invoice_page(b, page(InvoiceStatusFilter::Overdue, f.today, 0, 0))
        .await
        .unwrap();
    assert_eq!(ids(&overdue.rows), vec![f.overdue, f.old_usd]);
    assert!(
        overdue
            .rows
            .iter()
            .all(|r| r.state == InvoiceState::Overdue)
    );
    let drafts = h
        .core
        .invoice_page(b, page(InvoiceStatusFilter::Draft, f.today, 0, 0))
        .await
        .unwrap();
    assert_eq!(ids(&drafts.rows), vec![f.local, f.draft]);
    assert_eq!(drafts.amount, vec![money("999.00", cad())]);
    assert!(drafts.outstanding.is_empty(), "a draft is not owed yet");
    // The export's list is every match, in the same order.
    let all = h
        .core
        .list_invoices(
            b,
            InvoiceQuery {
                today: Some(f.today),
                ..InvoiceQuery::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(ids(&all), seen);
    // A client's.
    let maple = h
        .core
        .invoice_page(
            b,
            InvoicePageArgs {
                query: InvoiceQuery {
                    client: Some(ClientId(f.maple)),
                    ..InvoiceQuery::default()
                },
                offset: 0,
                limit: 0,
            },
        )
        .await
        .unwrap();
    assert_eq!(maple.total_count, 4, "{:#?}", maple.rows);
}

#[tokio::test]
async fn an_invoice_page_adds_up_its_taxes_as_freshbooks_does() {
    let h = harness().await;
    let owner = h.owner().await;
    let today = Utc::now().date_naive();
    let maple = client(&h, &owner, "Maple Leaf Studio", cad()).await;
    // 4.5 × 155.00 = 697.50 with GST 5 % (34.875) and QST 9.975 % (69.575625);
    // 1 × 100.00 with GST 5 % (5.00) and PST 10 % compound, on 105.00 (10.50).
    // GST 39.875 → 39.88, QST 69.575625 → 69.58, PST 10.50: 119.96 shown apart, but the taxes
    // are rounded once, 119.950625 → 119.95, so the largest (QST) gives the cent: 69.57.
    // Total 797.50 + 119.95 = 917.45.
    let id = remote(
        &h,
        &owner,
        new_invoice(
            maple,
            cad(),
            today,
            30,
            vec![
                line(
                    "4.5",
                    "155.00",
                    cad(),
                    [
                        Some(tax("GST", "5", false)),
                        Some(tax("QST", "9.975", false)),
                    ],
                ),
                line(
                    "1",
                    "100.00",
                    cad(),
                    [Some(tax("GST", "5", false)), Some(tax("PST", "10", true))],
                ),
            ],
        ),
        false,
    )
    .await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let d = h
        .core
        .invoice_detail(owner.business_id, id, Some(today))
        .await
        .unwrap();
    assert_eq!(d.subtotal, money("797.50", cad()));
    let taxes: Vec<_> = d
        .taxes
        .iter()
        .map(|t| (t.tax.name.as_str(), t.amount.amount.to_string()))
        .collect();
    assert_eq!(
        taxes,
        vec![
            ("GST", "39.88".into()),
            ("QST", "69.57".into()),
            ("PST", "10.50".into())
        ]
    );
    assert!(d.taxes[2].tax.compound);
    assert_eq!(d.total, money("917.45", cad()));
    assert_eq!(
        d.row.amount,
        Some(d.total.clone()),
        "FreshBooks bills the same total"
    );
    assert_eq!(d.invoice.lines.as_ref().map(Vec::len), Some(2));
    assert_eq!(d.client_email.as_deref(), Some("maple@example.com"));
    assert_eq!(d.row.client_name.as_deref(), Some("Maple Leaf Studio"));
    assert!(d.in_freshbooks && d.pending_seq.is_none() && d.entries.is_empty());
    assert_eq!(d.row.state, InvoiceState::Draft);
    assert_eq!(d.last_emailed, None);
    let missing = h
        .core
        .invoice_detail(owner.business_id, 987_654, None)
        .await
        .unwrap_err();
    assert!(matches!(missing, Error::NotFound { .. }), "{missing:?}");
}

#[tokio::test]
async fn a_draft_made_here_is_pending_until_synced_then_the_old_id_still_finds_it() {
    let h = harness().await;
    let f = fixture(&h).await;
    let b = f.owner.business_id;
    let d = h
        .core
        .invoice_detail(b, f.local, Some(f.today))
        .await
        .unwrap();
    assert!(!d.in_freshbooks && d.row.pending && d.row.number.is_none());
    let seq = d.pending_seq.expect("its create waits");
    assert!(
        h.core
            .changes(b)
            .await
            .unwrap()
            .iter()
            .any(|q| q.seq == seq)
    );
    // 3 × 10.00 from its lines, as it will be billed.
    assert_eq!(d.total, money("30.00", cad()));
    assert_eq!(d.row.amount, Some(money("30.00", cad())));
    // Neither its PDF nor an email before FreshBooks has it: sync first.
    let err = h.core.invoice_pdf(b, f.local).await.unwrap_err();
    assert_eq!(
        err.to_payload().code,
        ErrorCode::InvoiceNotInFreshBooks {
            pending_seq: Some(seq)
        }
    );
    assert_eq!(
        err.to_payload().action,
        ledgerline_model::error::Action::Sync
    );

    h.core.sync(Scope::Current, false).await.unwrap();
    let after = h
        .core
        .invoice_detail(b, f.local, Some(f.today))
        .await
        .unwrap();
    assert!(after.row.id > 0, "FreshBooks' id: {}", after.row.id);
    assert!(after.in_freshbooks && after.pending_seq.is_none() && !after.row.pending);
    assert!(after.row.number.is_some());
    assert_eq!(after.total, money("30.00", cad()));
    assert_eq!(after.row.amount, Some(money("30.00", cad())));
    let pdf = h.core.invoice_pdf(b, f.local).await.unwrap();
    assert_eq!(pdf.invoice.id, after.row.id);
    assert_eq!(Some(&pdf.invoice.number), after.row.number.as_ref());
    assert!(pdf.bytes.starts_with(b"%PDF-"));
}

#[tokio::test]
async fn an_email_is_checked_first_sent_by_freshbooks_and_remembered_here() {
    let h = harness().await;
    let f = fixture(&h).await;
    let b = f.owner.business_id;
    let puts = "PUT /accounting/account/{account_id}/invoices/invoices/{id}";
    let before = h.emu.control().request_count(puts);
    for bad in [
        vec![],
        vec!["  ".to_owned()],
        vec!["ap@example.com".into(), "nobody".into()],
    ] {
        let err = h
            .core
            .send_invoice_email(b, f.draft, &bad, false)
            .await
            .unwrap_err();
        assert!(
            matches!(err.to_payload().code, ErrorCode::BadEmailRecipients { .. }),
            "{err:?}"
        );
    }
    assert_eq!(h.emu.control().request_count(puts), before, "no request");

    let sent = h
        .core
        .send_invoice_email(b, f.draft, &[" ap@example.com ".into()], true)
        .await
        .unwrap();
    assert_eq!(sent.id, f.draft);
    let emails = h.emu.control().sent_emails();
    let last = emails.last().unwrap();
    assert_eq!(
        (last.invoice_id, last.recipients.clone(), last.include_pdf),
        (f.draft, vec!["ap@example.com".to_owned()], true)
    );
    let d = h
        .core
        .invoice_detail(b, f.draft, Some(f.today))
        .await
        .unwrap();
    assert_eq!(d.row.state, InvoiceState::Sent, "read back into the mirror");
    let when = d.last_emailed.expect("remembered");
    assert!((Utc::now() - when).num_seconds() < 60);

    // A change waiting on it: sync first.
    h.core
        .update_invoice(
            b,
            f.overdue,
            ledgerline_model::entity::InvoiceUpdate {
                notes: Some("Thanks!".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let err = h
        .core
        .send_invoice_email(b, f.overdue, &["ap@example.com".into()], false)
        .await
        .unwrap_err();
    assert_eq!(err.to_payload().code, ErrorCode::InvoiceChangesWaiting);

    // Offline: FreshBooks cannot be reached, and the window is told so.
    h.emu.shutdown().await;
    let err = h.core.invoice_pdf(b, f.recent).await.unwrap_err();
    let payload = err.to_payload();
    assert_eq!(payload.code, ErrorCode::Unreachable, "{payload:?}");
    assert_eq!(payload.kind, ledgerline_model::error::ErrorKind::Offline);
}

/// FreshBooks' answer to an email is lost. Read back: the draft now shows sent, so it was sent
/// (once: nothing is sent again). Lost before FreshBooks did anything, on an invoice sent
/// before: nothing shows the email went out, so the answer says it may have been sent.
#[tokio::test]
async fn an_email_whose_answer_was_lost_is_read_back_before_anyone_sends_it_again() {
    use freshbooks_emulator::{FaultKind, Faults};
    let h = harness().await;
    let f = fixture(&h).await;
    let b = f.owner.business_id;
    let emails = h.emu.control().sent_emails().len();
    h.emu.control().set_faults(Faults {
        path_contains: Some("/invoices/invoices/".into()),
        script: vec![FaultKind::DropAfterCommit],
        ..Faults::default()
    });
    let sent = h
        .core
        .send_invoice_email(b, f.draft, &["ap@example.com".into()], false)
        .await
        .unwrap();
    assert_eq!(sent.id, f.draft);
    assert_eq!(h.emu.control().sent_emails().len(), emails + 1, "sent once");
    let d = h
        .core
        .invoice_detail(b, f.draft, Some(f.today))
        .await
        .unwrap();
    assert_eq!(d.row.state, InvoiceState::Sent);
    assert!(d.last_emailed.is_some());

    h.emu.control().set_faults(Faults {
        path_contains: Some("/invoices/invoices/".into()),
        script: vec![FaultKind::Reset],
        ..Faults::default()
    });
    let err = h
        .core
        .send_invoice_email(b, f.recent, &["ap@example.com".into()], false)
        .await
        .unwrap_err();
    assert_eq!(
        err.to_payload().code,
        ErrorCode::EmailMaybeSent { invoice: f.recent },
        "{err:?}"
    );
    assert_eq!(h.emu.control().sent_emails().len(), emails + 1);
}

/// The export's unpaged list (which reads every client's name at once, and its rows in the
/// index's order) is row for row what the Invoices screen's pages show, on the small seed
/// with three invoices of one day numbered `999`, `0998` and `1000`: the longer number first,
/// then the higher.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_unpaged_list_is_the_pages_row_for_row() {
    let h = Harness::start().await;
    let owner = h.owner().await;
    let b = owner.business_id;
    let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let birch = client(&h, &owner, "Birch Bay Traders", cad()).await;
    let mut numbered = Vec::new();
    for number in ["999", "0998", "1000"] {
        let mut new = new_invoice(
            birch,
            cad(),
            day,
            30,
            vec![line("1", "10.00", cad(), [None, None])],
        );
        new.invoice_number = Some(number.into());
        numbered.push((number, remote(&h, &owner, new, true).await));
    }
    h.core.sync(Scope::Current, false).await.unwrap();
    let today = Utc::now().date_naive();

    let all = h
        .core
        .list_invoices(
            b,
            InvoiceQuery {
                today: Some(today),
                ..InvoiceQuery::default()
            },
        )
        .await
        .unwrap();
    let mut pages = Vec::new();
    loop {
        let offset = u32::try_from(pages.len()).unwrap();
        let p = h
            .core
            .invoice_page(b, page(InvoiceStatusFilter::All, today, offset, 37))
            .await
            .unwrap();
        if p.rows.is_empty() {
            break;
        }
        pages.extend(p.rows);
    }
    assert!(all.len() > 100, "{} invoices", all.len());
    assert_eq!(all, pages);
    assert!(all.iter().all(|r| r.client_name.is_some()), "{all:#?}");
    let of_the_day: Vec<_> = all
        .iter()
        .filter(|r| r.client == Some(ClientId(birch)))
        .map(|r| r.number.as_deref().unwrap())
        .collect();
    assert_eq!(of_the_day, ["1000", "0998", "999"]);
    let ids: Vec<_> = all
        .iter()
        .filter(|r| r.client == Some(ClientId(birch)))
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, [numbered[2].1, numbered[1].1, numbered[0].1]);
}
