//! An invoice's page: its lines and tax totals (each with its exact amount), the number or the
//! pending badge, the PDF and email buttons off with the reason (pending: sync first; offline),
//! "Undo" while it is pending, and the email's dialog: the client's address to start with, the
//! focus inside, recipients checked before anything is sent.

use ledgerline_model::ipc::{InvoiceDetail, TaxTotal};
use ledgerline_model::views::InvoiceState;
use ledgerline_ui::i18n::LocaleId;
use ledgerline_ui::pages::invoices::InvoiceView;
use ledgerline_ui::pages::invoices::actions::{
    RecipientsProblem, Unavailable, file_name, may_have_been_sent, parse_recipients, unavailable,
};
use ledgerline_ui::pages::invoices::page_key;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::dom::{self, by_id, document, press, select, settle, try_by_id};
use crate::invoices::{load_styles, money, row};

fn detail(number: Option<&str>) -> InvoiceDetail {
    let id = if number.is_some() { 42 } else { -5 };
    let invoice = serde_json::from_value(serde_json::json!({
        "id": id,
        "invoice_number": number,
        "client_id": 7,
        "create_date": "2026-03-02",
        "due_date": "2026-04-01",
        "currency_code": "CAD",
        "amount": {"amount": "114.98", "code": "CAD"},
        "outstanding": {"amount": "114.98", "code": "CAD"},
        "status": "draft",
        "vis_state": "active",
        "lines": [
            {
                "line_id": 1, "kind": "normal", "name": "Design",
                "description": "Logo sketches", "qty": "1.5",
                "unit_cost": {"amount": "40.00", "code": "CAD"},
                "amount": {"amount": "60.00", "code": "CAD"},
                "tax1": {"name": "GST", "percent": "5", "compound": false},
                "tax2": {"name": "QST", "percent": "9.975", "compound": false}
            },
            {
                "line_id": 2, "kind": "normal", "name": "Meeting",
                "qty": "0.5",
                "unit_cost": {"amount": "80.00", "code": "CAD"},
                "amount": {"amount": "40.00", "code": "CAD"},
                "tax1": {"name": "GST", "percent": "5", "compound": false},
                "tax2": {"name": "QST", "percent": "9.975", "compound": false}
            }
        ]
    }))
    .unwrap();
    let tax = |name: &str, percent: &str, amount: &str| TaxTotal {
        tax: serde_json::from_value(serde_json::json!({"name": name, "percent": percent})).unwrap(),
        amount: money(amount, "CAD"),
    };
    InvoiceDetail {
        row: row(id, number, InvoiceState::Draft, "114.98", "114.98", "CAD"),
        invoice,
        subtotal: money("100.00", "CAD"),
        taxes: vec![tax("GST", "5", "5.00"), tax("QST", "9.975", "9.98")],
        total: money("114.98", "CAD"),
        client_email: Some("ana@maple.example".into()),
        entries: Vec::new(),
        pending_seq: number.is_none().then_some(17),
        in_freshbooks: number.is_some(),
        last_emailed: None,
    }
}

fn disabled(id: &str) -> bool {
    by_id(id)
        .unchecked_into::<web_sys::HtmlButtonElement>()
        .disabled()
}

fn attr(selector: &str, name: &str) -> Option<String> {
    select(selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .get_attribute(name)
}

#[wasm_bindgen_test]
async fn lines_and_each_tax_total_with_exact_amounts() {
    load_styles();
    dom::mount_with(
        dom::signed_in(),
        || view! { <Router><InvoiceView detail=RwSignal::new(detail(Some("0042"))) /></Router> },
    );
    settle().await;
    assert_eq!(by_id("invoice-title").inner_text(), "Invoice 0042");
    assert_eq!(by_id("invoice-number").inner_text(), "0042");
    assert!(try_by_id("invoice-pending").is_none());
    assert_eq!(by_id("invoice-client").inner_text(), "Maple Studio");

    let lines = document()
        .query_selector_all("#invoice-lines tr.invoice-line")
        .unwrap();
    assert_eq!(lines.length(), 2);
    let cell = |n: u32, class: &str| {
        lines
            .item(n)
            .unwrap()
            .unchecked_into::<web_sys::Element>()
            .query_selector(class)
            .unwrap()
            .unwrap()
            .unchecked_into::<web_sys::HtmlElement>()
            .inner_text()
    };
    assert!(cell(0, ".invoice-line-name").contains("Design"));
    assert!(cell(0, ".invoice-line-name").contains("Logo sketches"));
    assert_eq!(cell(0, ".invoice-line-qty"), "1.5");
    assert_eq!(cell(0, ".invoice-line-rate"), "$40.00");
    assert_eq!(cell(0, ".invoice-line-amount"), "$60.00");
    assert_eq!(cell(1, ".invoice-line-name"), "Meeting");
    assert_eq!(cell(1, ".invoice-line-amount"), "$40.00");

    assert_eq!(
        attr("#invoice-subtotal", "data-amount").as_deref(),
        Some("100.00")
    );
    assert_eq!(by_id("invoice-subtotal").inner_text(), "$100.00");
    assert_eq!(
        attr(".invoice-tax-total[data-tax='GST']", "data-amount").as_deref(),
        Some("5.00")
    );
    assert_eq!(
        attr(".invoice-tax-total[data-tax='QST']", "data-amount").as_deref(),
        Some("9.98")
    );
    let taxes = document().query_selector_all(".invoice-tax-total").unwrap();
    assert_eq!(taxes.length(), 2);
    assert!(
        by_id("invoice-lines")
            .inner_text()
            .contains("QST (9.975 %)")
    );
    assert_eq!(
        attr("#invoice-total", "data-amount").as_deref(),
        Some("114.98")
    );
    assert_eq!(by_id("invoice-total").inner_text(), "$114.98");

    // Online and in FreshBooks: both buttons on, no reason, no undo.
    assert!(!disabled("invoice-download-pdf"));
    assert!(!disabled("invoice-send-email"));
    assert!(try_by_id("invoice-actions-reason").is_none());
    assert!(try_by_id("invoice-undo").is_none());
}

#[wasm_bindgen_test]
async fn pending_says_sync_first_and_offers_undo_then_offline_says_so() {
    let shown = RwSignal::new(detail(None));
    let state = dom::mount_with(
        dom::signed_in(),
        move || view! { <Router><InvoiceView detail=shown /></Router> },
    );
    settle().await;
    assert_eq!(by_id("invoice-title").inner_text(), "New invoice (pending)");
    assert_eq!(by_id("invoice-pending").inner_text(), "Pending");
    assert!(try_by_id("invoice-number").is_none());
    assert!(disabled("invoice-download-pdf"));
    assert!(disabled("invoice-send-email"));
    assert_eq!(
        attr("#invoice-actions-reason", "data-reason").as_deref(),
        Some("pending")
    );
    assert!(
        by_id("invoice-actions-reason")
            .inner_text()
            .starts_with("Pending: sync first")
    );
    assert_eq!(
        by_id("invoice-download-pdf")
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("invoice-actions-reason")
    );
    assert!(!disabled("invoice-undo"));

    // A sync numbers it while the page is open: the page follows without being redrawn.
    by_id("invoice-title")
        .set_attribute("data-mark", "kept")
        .unwrap();
    state.sync.0.update(|s| s.online = false);
    shown.set(detail(Some("0042")));
    settle().await;
    assert_eq!(by_id("invoice-title").inner_text(), "Invoice 0042");
    assert_eq!(attr("#invoice-title", "data-mark").as_deref(), Some("kept"));
    assert!(try_by_id("invoice-undo").is_none());
    assert_eq!(
        attr("#invoice-actions-reason", "data-reason").as_deref(),
        Some("offline")
    );
    assert!(
        by_id("invoice-actions-reason")
            .inner_text()
            .starts_with("Offline")
    );
    assert!(disabled("invoice-download-pdf"));

    state.locale.0.set(LocaleId::FrCa);
    settle().await;
    assert!(
        by_id("invoice-actions-reason")
            .inner_text()
            .starts_with("Hors ligne"),
        "{}",
        by_id("invoice-actions-reason").inner_text()
    );
    state.locale.0.set(LocaleId::En);

    state.sync.0.update(|s| s.online = true);
    settle().await;
    assert!(!disabled("invoice-download-pdf"));
    assert!(try_by_id("invoice-actions-reason").is_none());
}

#[wasm_bindgen_test]
async fn the_email_dialog_starts_with_the_client_and_checks_the_recipients() {
    load_styles();
    dom::mount_with(
        dom::signed_in(),
        || view! { <Router><InvoiceView detail=RwSignal::new(detail(Some("0042"))) /></Router> },
    );
    settle().await;
    by_id("invoice-send-email").focus().unwrap();
    by_id("invoice-send-email").click();
    settle().await;
    assert!(try_by_id("invoice-email-dialog").is_some());
    let input: web_sys::HtmlInputElement = by_id("invoice-email-recipients").unchecked_into();
    assert_eq!(input.value(), "ana@maple.example");
    assert_eq!(
        dom::focused_id(),
        "invoice-email-recipients",
        "the focus moves into the dialog"
    );

    dom::type_into(
        "invoice-email-recipients",
        "ana@maple.example, not-an-address",
    );
    by_id("invoice-email-send").click();
    settle().await;
    let problem = by_id("invoice-email-recipients-problem").inner_text();
    assert!(problem.contains("not-an-address"), "{problem}");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(try_by_id("invoice-error").is_none(), "nothing was sent");

    dom::type_into("invoice-email-recipients", "   ");
    by_id("invoice-email-send").click();
    settle().await;
    assert!(
        by_id("invoice-email-recipients-problem")
            .inner_text()
            .contains("at least one")
    );

    // Valid: sent to the shell, which is missing here: the failure shows in the dialog.
    dom::type_into(
        "invoice-email-recipients",
        "ana@maple.example; bob@maple.example",
    );
    by_id("invoice-email-send").click();
    settle().await;
    assert!(try_by_id("invoice-email-recipients-problem").is_none());
    assert_eq!(
        attr("#invoice-email-dialog #invoice-error", "data-code").as_deref(),
        Some("no_shell")
    );

    // Escape closes it and the focus goes back to the button.
    by_id("invoice-email-recipients").focus().unwrap();
    press("Escape");
    settle().await;
    assert!(try_by_id("invoice-email-dialog").is_none());
    assert_eq!(dom::focused_id(), "invoice-send-email");
}

#[wasm_bindgen_test]
fn recipients_reasons_and_the_followed_page() {
    assert_eq!(
        parse_recipients(" a@b.example,c@d.example;e@f.example "),
        Ok(vec![
            "a@b.example".into(),
            "c@d.example".into(),
            "e@f.example".into()
        ])
    );
    assert_eq!(parse_recipients(" , "), Err(RecipientsProblem::None));
    assert_eq!(
        parse_recipients("a@b.example x@y"),
        Err(RecipientsProblem::NotAnAddress("x@y".into()))
    );
    assert_eq!(unavailable(false, true), Some(Unavailable::Pending));
    assert_eq!(
        unavailable(false, false),
        Some(Unavailable::Pending),
        "sync first says it all"
    );
    assert_eq!(unavailable(true, false), Some(Unavailable::Offline));
    assert_eq!(unavailable(true, true), None);
    assert_eq!(
        file_name("/home/ana/Downloads/Invoice 0042.pdf"),
        "Invoice 0042.pdf"
    );
    assert_eq!(
        file_name("C:\\Users\\ana\\Downloads\\Invoice 0042 (2).pdf"),
        "Invoice 0042 (2).pdf"
    );
    // The page drawn for /invoices/-5 stays when the address moves to the id it took (42).
    assert_eq!(page_key(Some(-5), None, None), Some(-5));
    assert_eq!(page_key(Some(42), Some(42), Some(Some(-5))), Some(-5));
    // Another invoice opened: a new page.
    assert_eq!(page_key(Some(7), Some(42), Some(Some(-5))), Some(7));
    assert_eq!(page_key(None, Some(42), Some(Some(-5))), None);
}

/// A read-only role may download the PDF but not email the invoice (which marks it sent), and
/// is told why beside the button.
#[wasm_bindgen_test]
async fn a_read_only_role_cannot_email_and_is_told_why() {
    let mut session = dom::signed_in();
    session.current = Some(ledgerline_model::ids::BusinessId(202));
    dom::mount_with(
        session,
        || view! { <Router><InvoiceView detail=RwSignal::new(detail(Some("0042"))) /></Router> },
    );
    settle().await;
    assert!(!disabled("invoice-download-pdf"));
    assert!(disabled("invoice-send-email"));
    assert_eq!(
        by_id("invoice-send-email")
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("invoice-email-reason")
    );
    assert_eq!(
        by_id("invoice-email-reason").inner_text(),
        "Your role in this business may not send invoices."
    );
}

/// An email whose answer was lost may have gone out: the dialog asks before sending it again,
/// and says so in the window's words.
#[wasm_bindgen_test]
fn an_email_that_may_have_gone_out_is_confirmed_before_a_resend() {
    use ledgerline_model::error::{Action, ErrorCode, ErrorKind, ErrorPayload};
    use ledgerline_ui::components::error_notice::error_sentence;
    let maybe = ErrorPayload::new(
        ErrorKind::NeedsDecision,
        ErrorCode::EmailMaybeSent { invoice: 42 },
        "may have been sent",
        Action::None,
    );
    assert!(may_have_been_sent(&maybe));
    assert!(!may_have_been_sent(&ErrorPayload::new(
        ErrorKind::Offline,
        ErrorCode::Unreachable,
        "offline",
        Action::Retry,
    )));
    assert!(error_sentence(&maybe).contains("it may have been sent"));
    let lost = ledgerline_ui::i18n::t_in(LocaleId::En, "error-outcome-unknown", &[]);
    assert!(
        !lost.contains("checks with FreshBooks before sending"),
        "{lost}"
    );
}
