//! The drafting wizard's preview from a hand-built `Draft`: its lines with the rate's
//! provenance, exact totals in `data-amount` (each tax as the draft totals it, simple and
//! compound: the preview computes none), amounts in the
//! invoice's currency through `Intl`, the warnings with their buttons, the 400-line guard and
//! its one-button way out.

use std::str::FromStr;

use chrono::{TimeZone, Utc};
use ledgerline_model::draft::{DEFAULT_TEMPLATE, Rounding, RoundingMode};
use ledgerline_model::draft::{Draft, DraftLine, DraftWarning, Grouping, RateSource, TaxTotal};
use ledgerline_model::entity::LineTax;
use ledgerline_model::ids::{ClientId, IdentityId, ProjectId, ServiceId, TaxId, TimeEntryId};
use ledgerline_model::ipc::{
    BillableClient, DraftChoices, DraftingSetup, TaxChoice, UnbilledEntry,
};
use ledgerline_model::money::{CurrencyCode, Money};
use ledgerline_ui::pages::drafting::{DraftPreview, TooManyLines};
use leptos::prelude::*;
use rust_decimal::Decimal;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::dom::{self, by_id, document, settle};

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

pub fn cad(s: &str) -> Money {
    Money::new(d(s), CurrencyCode::new("CAD").unwrap())
}

pub fn gst() -> LineTax {
    LineTax {
        name: "GST".into(),
        percent: d("5"),
        number: None,
        compound: false,
    }
}

pub fn qst() -> LineTax {
    LineTax {
        name: "QST".into(),
        percent: d("9.975"),
        number: None,
        compound: true,
    }
}

pub fn entry(id: i64, member: Option<(i64, &str)>, seconds: i64) -> UnbilledEntry {
    UnbilledEntry {
        id: TimeEntryId(id),
        started_at: Utc.with_ymd_and_hms(2026, 3, 2, 14, 0, 0).unwrap(),
        duration_seconds: seconds,
        project: Some(ProjectId(31)),
        project_name: Some("Website".into()),
        service: Some(ServiceId(41)),
        service_name: Some("Design".into()),
        member: member.map(|(m, _)| IdentityId(m)),
        member_name: member.map(|(_, n)| n.to_owned()),
        mine: member.is_none(),
        note: Some(format!("work {id}")),
        billable: true,
        in_doubt: false,
    }
}

/// Client 7 (CAD) chosen, with four entries: mine, a team member's, one not billable, one in
/// doubt; two projects; GST and QST (compound); remembered: by project, 15 minutes up, GST.
pub fn setup() -> DraftingSetup {
    let client = BillableClient {
        id: ClientId(7),
        name: "Northwind".into(),
        currency: CurrencyCode::new("CAD").unwrap(),
        entries: 4,
        seconds: 4 * 3600,
    };
    let mut non_billable = entry(3, None, 1800);
    non_billable.billable = false;
    let mut in_doubt = entry(4, None, 600);
    in_doubt.in_doubt = true;
    DraftingSetup {
        clients: vec![
            client.clone(),
            BillableClient {
                id: ClientId(8),
                name: "Acme".into(),
                currency: CurrencyCode::new("USD").unwrap(),
                entries: 1,
                seconds: 3600,
            },
        ],
        client: Some(client),
        entries: vec![
            entry(1, None, 3600),
            entry(2, Some((55, "Robin Team")), 5400),
            non_billable,
            in_doubt,
        ],
        projects: vec![
            (ProjectId(31), "Website".into(), 3 * 3600),
            (ProjectId(32), "Logo".into(), 3600),
        ],
        total_seconds: 4 * 3600,
        taxes: vec![
            TaxChoice {
                id: TaxId(91),
                tax: gst(),
            },
            TaxChoice {
                id: TaxId(92),
                tax: qst(),
            },
        ],
        choices: DraftChoices {
            grouping: Grouping::ByProject,
            rounding: Rounding {
                increment_seconds: 900,
                mode: RoundingMode::Up,
                minimum_seconds: 0,
            },
            project_rounding: Vec::new(),
            taxes: vec![gst()],
            template: DEFAULT_TEMPLATE.to_owned(),
        },
        business_rate: None,
        needs_business_rate: false,
    }
}

/// Two lines: 1.5 h at the project's 100.00 (GST + compound QST) and 2.25 h at the business
/// rate 80.00 (GST). Hand-computed: 150.00 + 180.00 = 330.00; GST 7.50 + 9.00 = 16.50; QST on
/// 157.50 at 9.975 % = 15.71 (15.710625); tax 32.21; total 362.21.
pub fn draft() -> Draft {
    Draft {
        lines: vec![
            DraftLine {
                name: "Website".into(),
                description: "2026-03-02: work 1".into(),
                hours: d("1.50"),
                rate: cad("100.00"),
                rate_source: RateSource::Project(ProjectId(31)),
                amount: cad("150.00"),
                taxes: vec![gst(), qst()],
                tax: cad("23.21"),
                entries: vec![TimeEntryId(1)],
            },
            DraftLine {
                name: "Logo".into(),
                description: "2026-03-02: work 2".into(),
                hours: d("2.25"),
                rate: cad("80.00"),
                rate_source: RateSource::Business,
                amount: cad("180.00"),
                taxes: vec![gst()],
                tax: cad("9.00"),
                entries: vec![TimeEntryId(2)],
            },
        ],
        subtotal: cad("330.00"),
        taxes: vec![
            TaxTotal {
                tax: gst(),
                amount: cad("16.50"),
            },
            TaxTotal {
                tax: qst(),
                amount: cad("15.71"),
            },
        ],
        tax: cad("32.21"),
        total: cad("362.21"),
        warnings: vec![
            DraftWarning::ZeroRate {
                entries: vec![TimeEntryId(5)],
            },
            DraftWarning::NonBillable {
                entries: vec![TimeEntryId(3)],
                included: false,
            },
        ],
    }
}

fn texts(selector: &str) -> Vec<String> {
    let list = document().query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.get(i).unwrap().text_content().unwrap_or_default())
        .collect()
}

fn attrs(selector: &str, name: &str) -> Vec<String> {
    let list = document().query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| {
            let el: web_sys::Element = wasm_bindgen::JsCast::unchecked_into(list.get(i).unwrap());
            el.get_attribute(name).unwrap_or_default()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_preview_shows_lines_provenance_and_exact_totals() {
    let shown = RwSignal::new(Some(draft()));
    let include = RwSignal::new(None::<bool>);
    let grouping = RwSignal::new(None::<Grouping>);
    dom::mount_with(dom::signed_in(), move || {
        view! {
            <DraftPreview
                draft=shown
                setup=Signal::derive(|| Some(setup()))
                busy=Signal::derive(|| false)
                too_many=Signal::derive(|| None::<TooManyLines>)
                on_use_grouping=move |g| grouping.set(Some(g))
                on_non_billable=move |on| include.set(Some(on))
            />
        }
    });
    settle().await;
    assert_eq!(texts("tr.draft-line .draft-line-name"), ["Website", "Logo"]);
    assert_eq!(
        texts("tr.draft-line .draft-line-description"),
        ["2026-03-02: work 1", "2026-03-02: work 2"]
    );
    assert_eq!(
        texts("tr.draft-line .draft-line-source"),
        ["Project rate · Website", "Business rate"]
    );
    assert_eq!(
        attrs("tr.draft-line .draft-line-source", "data-source"),
        ["project", "business"]
    );
    assert_eq!(texts("tr.draft-line .draft-line-hours"), ["1.5", "2.25"]);
    assert_eq!(
        texts("tr.draft-line .draft-line-rate"),
        ["$100.00", "$80.00"]
    );
    assert_eq!(
        texts("tr.draft-line .draft-line-amount"),
        ["$150.00", "$180.00"]
    );
    assert_eq!(
        texts("tr.draft-line .draft-line-taxes"),
        ["GST + QST", "GST"]
    );

    // Exact amounts, each tax on its own line (QST compound, on the amount plus GST).
    let subtotal = by_id("draft-subtotal");
    assert_eq!(
        subtotal.get_attribute("data-amount").as_deref(),
        Some("330.00")
    );
    assert_eq!(subtotal.inner_text(), "$330.00");
    assert_eq!(attrs(".draft-tax-total", "data-tax"), ["GST", "QST"]);
    assert_eq!(attrs(".draft-tax-total", "data-amount"), ["16.50", "15.71"]);
    let total = by_id("draft-total");
    assert_eq!(
        total.get_attribute("data-amount").as_deref(),
        Some("362.21")
    );
    assert_eq!(total.inner_text(), "$362.21");
    let tax_labels = texts(".draft-tax-total-row dt");
    assert_eq!(tax_labels, ["GST (5%)", "QST (9.975%, compound)"]);

    // Warnings, and the way to bring the non-billable time in.
    assert_eq!(
        attrs(".draft-warning", "data-warning"),
        ["zero_rate", "non_billable"]
    );
    let warnings = texts(".draft-warning");
    assert!(
        warnings[0].contains("One entry is billed at a rate of zero"),
        "{warnings:?}"
    );
    assert!(warnings[1].contains("left out"), "{warnings:?}");
    by_id("draft-warning-include").click();
    assert_eq!(include.get_untracked(), Some(true));

    // The guard is not shown; nothing proposed.
    assert!(dom::try_by_id("draft-too-many-lines").is_none());
    assert_eq!(grouping.get_untracked(), None);

    // Another currency: the same amounts in US dollars keep their own sign.
    let mut usd = draft();
    let dollars = CurrencyCode::new("USD").unwrap();
    for money in [&mut usd.subtotal, &mut usd.tax, &mut usd.total] {
        money.currency = dollars.clone();
    }
    for tax in &mut usd.taxes {
        tax.amount.currency = dollars.clone();
    }
    for line in &mut usd.lines {
        line.rate.currency = dollars.clone();
        line.amount.currency = dollars.clone();
    }
    shown.set(Some(usd));
    settle().await;
    assert_eq!(by_id("draft-total").inner_text(), "US$362.21");
    assert_eq!(texts(".draft-tax-total"), ["US$16.50", "US$15.71"]);
    assert_eq!(
        by_id("draft-total").get_attribute("data-amount").as_deref(),
        Some("362.21")
    );
}

/// The core's draft of 37.50 and 150.00, each with GST and compound QST: GST 1.875 + 7.50 =
/// 9.375 → 9.38; QST 3.92765625 + 15.710625 = 19.63828125 → 19.64; but FreshBooks bills the
/// taxes rounded once, 29.01328125 → 29.01, so the largest tax gives the cent: QST 19.63.
/// Recomputed line by line (GST 1.88 + 7.50, QST 3.93 + 15.71) they would add up to 29.02.
#[wasm_bindgen_test]
async fn the_preview_shows_each_tax_as_the_draft_totals_it() {
    let line = |name: &str, hours: &str, amount: &str, tax: &str, id: i64| DraftLine {
        name: name.into(),
        description: String::new(),
        hours: d(hours),
        rate: cad("75.00"),
        rate_source: RateSource::Business,
        amount: cad(amount),
        taxes: vec![gst(), qst()],
        tax: cad(tax),
        entries: vec![TimeEntryId(id)],
    };
    let shown = RwSignal::new(Some(Draft {
        lines: vec![
            line("Design", "0.50", "37.50", "5.80", 1),
            line("Design", "2.00", "150.00", "23.21", 2),
        ],
        subtotal: cad("187.50"),
        taxes: vec![
            TaxTotal {
                tax: gst(),
                amount: cad("9.38"),
            },
            TaxTotal {
                tax: qst(),
                amount: cad("19.63"),
            },
        ],
        tax: cad("29.01"),
        total: cad("216.51"),
        warnings: vec![],
    }));
    dom::mount_with(dom::signed_in(), move || {
        view! {
            <DraftPreview
                draft=shown
                setup=Signal::derive(|| Some(setup()))
                busy=Signal::derive(|| false)
                too_many=Signal::derive(|| None::<TooManyLines>)
                on_use_grouping=|_| {}
                on_non_billable=|_| {}
            />
        }
    });
    settle().await;
    assert_eq!(attrs(".draft-tax-total", "data-tax"), ["GST", "QST"]);
    assert_eq!(attrs(".draft-tax-total", "data-amount"), ["9.38", "19.63"]);
    assert_eq!(texts(".draft-tax-total"), ["$9.38", "$19.63"]);
    assert_eq!(
        texts(".draft-tax-total-row dt"),
        ["GST (5%)", "QST (9.975%, compound)"]
    );
    assert_eq!(
        by_id("draft-total").get_attribute("data-amount").as_deref(),
        Some("216.51")
    );

    // A draft without tax shows no tax row.
    shown.update(|d| {
        if let Some(d) = d {
            d.taxes.clear();
            d.tax = cad("0.00");
            d.total = cad("187.50");
            for l in &mut d.lines {
                l.taxes.clear();
                l.tax = cad("0.00");
            }
        }
    });
    settle().await;
    assert!(texts(".draft-tax-total").is_empty());
    assert_eq!(by_id("draft-total").inner_text(), "$187.50");
}

#[wasm_bindgen_test]
async fn the_line_guard_offers_the_suggested_layout_in_one_button() {
    let grouping = RwSignal::new(None::<Grouping>);
    let guard = RwSignal::new(Some(TooManyLines {
        lines: 512,
        max: 400,
        proposed: Grouping::ByService,
    }));
    dom::mount_with(dom::signed_in(), move || {
        view! {
            <DraftPreview
                draft=Signal::derive(|| None::<Draft>)
                setup=Signal::derive(|| Some(setup()))
                busy=Signal::derive(|| false)
                too_many=guard
                on_use_grouping=move |g| grouping.set(Some(g))
                on_non_billable=move |_| {}
            />
        }
    });
    settle().await;
    let notice = by_id("draft-too-many-lines");
    let text = notice.inner_text();
    assert!(text.contains("512 lines"), "{text}");
    assert!(text.contains("at most 400"), "{text}");
    let button = by_id("draft-use-grouping");
    assert_eq!(button.inner_text(), "Use “One line per service”");
    assert_eq!(
        button.get_attribute("data-grouping").as_deref(),
        Some("by_service")
    );
    button.click();
    assert_eq!(grouping.get_untracked(), Some(Grouping::ByService));
    assert!(
        document()
            .query_selector("tr.draft-line")
            .unwrap()
            .is_none()
    );

    guard.set(None);
    settle().await;
    assert!(dom::try_by_id("draft-too-many-lines").is_none());
}

#[wasm_bindgen_test]
async fn included_non_billable_time_can_be_left_out_again() {
    let mut with_them = draft();
    with_them.warnings = vec![DraftWarning::NonBillable {
        entries: vec![TimeEntryId(3), TimeEntryId(6)],
        included: true,
    }];
    let include = RwSignal::new(None::<bool>);
    dom::mount_with(dom::signed_in(), move || {
        view! {
            <DraftPreview
                draft=Signal::derive(move || Some(with_them.clone()))
                setup=Signal::derive(|| Some(setup()))
                busy=Signal::derive(|| false)
                too_many=Signal::derive(|| None::<TooManyLines>)
                on_use_grouping=move |_| {}
                on_non_billable=move |on| include.set(Some(on))
            />
        }
    });
    settle().await;
    let warning = dom::select(".draft-warning[data-warning=non_billable]").unwrap();
    assert_eq!(
        warning.get_attribute("data-included").as_deref(),
        Some("true")
    );
    assert!(
        warning
            .inner_text()
            .contains("2 entries marked not billable are on this invoice")
    );
    by_id("draft-warning-leave-out").click();
    assert_eq!(include.get_untracked(), Some(false));
}
