//! The invoice list: rows show their state, their number or the "pending" badge, and their
//! amounts in their own currency; a row not loaded yet asks for its page; Enter opens the
//! active row; the filters make the `list_invoices` arguments and ride in the address (Home's
//! links open the list filtered).

use std::sync::Arc;

use chrono::NaiveDate;
use ledgerline_model::ids::ClientId;
use ledgerline_model::ipc::{InvoiceList, InvoicePageArgs};
use ledgerline_model::money::{CurrencyCode, Money};
use ledgerline_model::views::{InvoiceQuery, InvoiceRow, InvoiceState, InvoiceStatusFilter};
use ledgerline_ui::pages::invoices::InvoiceTable;
use ledgerline_ui::pages::invoices::filters::Filters;
use ledgerline_ui::pages::invoices::rows::{PAGE, Slot, empty_slots, land_page, page_of};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::dom::{self, by_id, document, press, select, settle};

pub fn money(amount: &str, code: &str) -> Money {
    Money::parse(amount, CurrencyCode::new(code).unwrap()).unwrap()
}

pub fn row(
    id: i64,
    number: Option<&str>,
    state: InvoiceState,
    amount: &str,
    owed: &str,
    code: &str,
) -> InvoiceRow {
    InvoiceRow {
        id,
        number: number.map(str::to_owned),
        client: Some(ClientId(7)),
        client_name: Some("Maple Studio".into()),
        state,
        create_date: NaiveDate::from_ymd_opt(2026, 3, 2),
        due_date: NaiveDate::from_ymd_opt(2026, 4, 1),
        amount: Some(money(amount, code)),
        outstanding: Some(money(owed, code)),
        currency: Some(CurrencyCode::new(code).unwrap()),
        pending: number.is_none(),
        conflict: false,
    }
}

/// The page styles (the list's height and rows come from them).
pub fn load_styles() {
    crate::virtual_list::load_screen_styles();
    if document().get_element_by_id("invoices-css").is_some() {
        return;
    }
    let style = document().create_element("style").unwrap();
    style.set_id("invoices-css");
    style.set_text_content(Some(include_str!("../../style/invoices.css")));
    document().head().unwrap().append_child(&style).unwrap();
}

fn text(selector: &str) -> String {
    select(selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .inner_text()
}

#[wasm_bindgen_test]
async fn rows_show_state_number_or_pending_and_amounts_and_ask_for_missing_pages() {
    load_styles();
    let needed = RwSignal::new(Vec::<u32>::new());
    let opened = RwSignal::new(None::<i64>);
    let slots = RwSignal::new(vec![
        Slot {
            index: 0,
            row: Some(Arc::new(row(
                -3,
                None,
                InvoiceState::Draft,
                "100.00",
                "100.00",
                "USD",
            ))),
        },
        Slot {
            index: 1,
            row: Some(Arc::new(row(
                42,
                Some("0042"),
                InvoiceState::Paid,
                "1234.50",
                "0",
                "CAD",
            ))),
        },
        Slot {
            index: 2,
            row: Some(Arc::new(row(
                41,
                Some("0041"),
                InvoiceState::Overdue,
                "80.00",
                "30.00",
                "CAD",
            ))),
        },
        Slot {
            index: 3,
            row: None,
        },
    ]);
    dom::mount_with(dom::signed_in(), move || {
        view! {
            <InvoiceTable
                slots
                need=Callback::new(move |i: u32| needed.update(|n| n.push(i)))
                on_open=move |r: InvoiceRow| opened.set(Some(r.id))
            />
        }
    });
    settle().await;

    // An invoice made here, not yet numbered: the pending badge instead of a number.
    let pending = ".invoice-row[data-invoice='-3']";
    assert_eq!(text(&format!("{pending} .invoice-pending")), "Pending");
    assert!(select(&format!("{pending} .invoice-number")).is_none());
    assert_eq!(
        select(&format!("{pending} .invoice-state"))
            .unwrap()
            .get_attribute("data-state")
            .as_deref(),
        Some("draft")
    );
    assert!(text(&format!("{pending} .invoice-amount")).contains("US$100.00"));

    let paid = ".invoice-row[data-invoice='42']";
    assert_eq!(text(&format!("{paid} .invoice-number")), "0042");
    assert!(select(&format!("{paid} .invoice-pending")).is_none());
    assert_eq!(text(&format!("{paid} .invoice-state")), "Paid");
    assert_eq!(text(&format!("{paid} .invoice-client")), "Maple Studio");
    assert_eq!(text(&format!("{paid} .invoice-amount")), "$1,234.50");
    assert_eq!(text(&format!("{paid} .invoice-outstanding")), "$0.00");
    assert_eq!(
        text(".invoice-row[data-invoice='41'] .invoice-state"),
        "Overdue"
    );
    assert_eq!(
        text(".invoice-row[data-invoice='41'] .invoice-outstanding"),
        "$30.00"
    );

    // The slot not loaded yet is a placeholder that asked for its row.
    assert!(by_id("invoice-slot-3").class_list().contains("vl-row"));
    assert_eq!(needed.get_untracked(), vec![3]);

    // Its page arrives: the placeholder gives way to the row.
    slots.update(|s| {
        s[3].row = Some(Arc::new(row(
            40,
            Some("0040"),
            InvoiceState::Sent,
            "10.00",
            "10.00",
            "EUR",
        )))
    });
    settle().await;
    assert!(dom::try_by_id("invoice-slot-3").is_none());
    assert!(text(".invoice-row[data-invoice='40'] .invoice-amount").contains("€"));

    // Keyboard: Down twice, Enter opens the second row.
    by_id("invoice-list").focus().unwrap();
    press("ArrowDown");
    press("ArrowDown");
    settle().await;
    press("Enter");
    settle().await;
    assert_eq!(opened.get_untracked(), Some(42));
}

#[wasm_bindgen_test]
fn pages_land_in_their_slots() {
    let list = |total: u64, rows: Vec<InvoiceRow>| InvoiceList {
        rows,
        total_count: total,
        amount: Vec::new(),
        outstanding: Vec::new(),
    };
    let mut slots = Vec::new();
    land_page(
        &mut slots,
        0,
        &list(
            250,
            vec![row(1, Some("1"), InvoiceState::Sent, "1", "1", "CAD")],
        ),
    );
    assert_eq!(slots.len(), 250);
    assert_eq!(slots[0].row.as_ref().map(|r| r.id), Some(1));
    assert!(slots[1].row.is_none());
    land_page(
        &mut slots,
        PAGE * 2,
        &list(
            250,
            vec![row(9, Some("9"), InvoiceState::Sent, "1", "1", "CAD")],
        ),
    );
    assert_eq!(slots[200].row.as_ref().map(|r| r.id), Some(9));
    assert_eq!(
        slots[0].row.as_ref().map(|r| r.id),
        Some(1),
        "earlier pages stay"
    );
    assert_eq!(page_of(199), 1);
    assert_eq!(page_of(200), 2);
    // A different count (the data changed): every slot is asked again.
    land_page(&mut slots, 0, &list(3, Vec::new()));
    assert_eq!(slots, empty_slots(3));
}

#[wasm_bindgen_test]
fn filters_make_the_page_arguments_and_the_address() {
    let address = |q: &str| Filters::from_query(|name| param(q, name));
    let f = address("?status=overdue&client=12&q=%20maple%20");
    assert_eq!(
        f.page_args(200, 100),
        InvoicePageArgs {
            query: InvoiceQuery {
                status: InvoiceStatusFilter::Overdue,
                client: Some(ClientId(12)),
                search: Some("maple".into()),
                ..InvoiceQuery::default()
            },
            offset: 200,
            limit: 100,
        }
    );
    let encode = |s: &str| String::from(js_sys::encode_uri_component(s));
    assert_eq!(f.to_query(encode), "?status=overdue&client=12&q=maple");
    assert_eq!(address("").page_args(0, 100).query, InvoiceQuery::default());
    assert_eq!(address("?status=nonsense&client=x").to_query(encode), "");
    for word in ["draft", "outstanding", "overdue", "paid", "deleted"] {
        let q = format!("?status={word}");
        assert_eq!(address(&q).to_query(encode), q);
    }
}

/// The page's filter controls as a person uses them: they start from the address (Home's
/// link), and each change lands in the address, which makes the arguments asked for.
#[wasm_bindgen_test]
async fn the_page_reads_its_filters_from_the_address_and_keeps_them_there() {
    load_styles();
    dom::mount_shell_at("/invoices?status=overdue&client=12", dom::signed_in());
    settle().await;
    assert_eq!(by_id("page-title").inner_text(), "Invoices");
    let status: web_sys::HtmlSelectElement = by_id("invoice-status").unchecked_into();
    assert_eq!(status.value(), "overdue");
    let client: web_sys::HtmlSelectElement = by_id("invoice-client").unchecked_into();
    assert_eq!(
        client.value(),
        "12",
        "a client named by the address stays chosen"
    );
    assert_eq!(
        by_id("nav-invoices")
            .get_attribute("aria-current")
            .as_deref(),
        Some("page")
    );
    // Without the shell the list says so, with its code.
    assert_eq!(
        by_id("invoice-error").get_attribute("data-code").as_deref(),
        Some("no_shell")
    );

    status.set_value("paid");
    status
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    dom::type_into("invoice-search", "maple");
    wait_ms(300).await;
    settle().await;
    assert_eq!(dom::address(), "/invoices?status=paid&client=12&q=maple");
    let search = web_sys::window().unwrap().location().search().unwrap();
    assert_eq!(
        Filters::from_query(|n| param(&search, n))
            .page_args(0, PAGE)
            .query,
        InvoiceQuery {
            status: InvoiceStatusFilter::Paid,
            client: Some(ClientId(12)),
            search: Some("maple".into()),
            ..InvoiceQuery::default()
        }
    );

    client.set_value("");
    client
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    settle().await;
    assert_eq!(dom::address(), "/invoices?status=paid&q=maple");

    // "Draft an invoice" is there for an owner, and goes to the wizard.
    let new: web_sys::HtmlButtonElement = by_id("new-invoice").unchecked_into();
    assert!(!new.disabled());
}

#[wasm_bindgen_test]
async fn a_read_only_role_cannot_draft() {
    let mut session = dom::signed_in();
    session.current = Some(ledgerline_model::ids::BusinessId(202));
    dom::mount_shell_at("/invoices", session);
    settle().await;
    let new: web_sys::HtmlButtonElement = by_id("new-invoice").unchecked_into();
    assert!(new.disabled());
    assert!(
        by_id("new-invoice-reason")
            .inner_text()
            .contains("cannot draft")
    );
}

/// Waits `ms` milliseconds.
pub async fn wait_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// One parameter of an address's query (`?a=1&b=x%20y`), decoded.
fn param(query: &str, name: &str) -> Option<String> {
    query.trim_start_matches('?').split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| {
            js_sys::decode_uri_component(&value.replace('+', " "))
                .map(String::from)
                .unwrap_or_default()
        })
    })
}

/// 10,000 invoices: only the rows in view are drawn, a page landing redraws quickly, and a
/// jump to the middle asks for that page only.
#[wasm_bindgen_test]
async fn ten_thousand_rows_stay_quick() {
    load_styles();
    let needed = RwSignal::new(Vec::<u32>::new());
    let slots = RwSignal::new(empty_slots(10_000));
    dom::mount_with(dom::signed_in(), move || {
        view! {
            <InvoiceTable
                slots
                need=Callback::new(move |i: u32| needed.update(|n| n.push(i)))
                on_open=|_: InvoiceRow| {}
            />
        }
    });
    settle().await;
    let drawn = || {
        document()
            .query_selector_all("#invoice-list .vl-row")
            .unwrap()
            .length()
    };
    assert!(drawn() < 40, "{} rows drawn", drawn());
    assert!(needed.get_untracked().iter().all(|i| page_of(*i) == 0));

    let page = |first: u32| InvoiceList {
        rows: (first..first + PAGE)
            .map(|i| {
                row(
                    i64::from(i) + 1,
                    Some(&format!("{i:05}")),
                    InvoiceState::Sent,
                    "10.00",
                    "10.00",
                    "CAD",
                )
            })
            .collect(),
        total_count: 10_000,
        amount: Vec::new(),
        outstanding: Vec::new(),
    };
    let started = js_sys::Date::now();
    slots.update(|s| land_page(s, 0, &page(0)));
    settle().await;
    let landed_ms = js_sys::Date::now() - started;
    assert!(select(".invoice-row[data-invoice='1']").is_some());
    assert!(landed_ms < 250.0, "a page landed in {landed_ms} ms");

    needed.set(Vec::new());
    let list = by_id("invoice-list");
    list.set_scroll_top(5_000 * 48);
    list.dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    settle().await;
    let asked: Vec<u32> = needed.get_untracked().iter().map(|i| page_of(*i)).collect();
    assert!(
        !asked.is_empty() && asked.iter().all(|p| *p == 49 || *p == 50),
        "{asked:?}"
    );
    assert!(drawn() < 40, "{} rows drawn", drawn());
}
