//! The aging chart from hand-computed figures: one chart per currency (CAD and USD are never on
//! one scale, nor summed), each client's bar cut into its buckets with lengths in proportion to a
//! round top (500 for CAD's largest total of 350: 400 px for 500), a `<title>` per segment, the
//! totals and the table alternative.

use ledgerline_model::home::{Aging, ClientAging};
use ledgerline_model::ids::{BusinessId, ClientId};
use ledgerline_model::money::CurrencyCode;
use ledgerline_ui::components::chart::aging::AgingChart;
use leptos::prelude::*;
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::dom::{self, by_id, document, settle};

fn client(id: i64, name: &str, currency: &str, buckets: [i64; 5]) -> ClientAging {
    let mut aging = Aging::zero(CurrencyCode::new(currency).unwrap());
    aging.current = Decimal::from(buckets[0]);
    aging.days_1_30 = Decimal::from(buckets[1]);
    aging.days_31_60 = Decimal::from(buckets[2]);
    aging.days_61_90 = Decimal::from(buckets[3]);
    aging.over_90 = Decimal::from(buckets[4]);
    ClientAging {
        business: BusinessId(101),
        business_name: "Acme Design".into(),
        client: ClientId(id),
        client_name: name.into(),
        aging,
    }
}

fn segments(selector: &str) -> Vec<(String, String, String)> {
    let list = document().query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into::<web_sys::Element>())
        .map(|el| {
            let attr = |a: &str| el.get_attribute(a).unwrap_or_default();
            (attr("data-bucket"), attr("width"), attr("data-amount"))
        })
        .collect()
}

#[wasm_bindgen_test]
async fn buckets_per_client_per_currency_from_hand_computed_figures() {
    dom::mount_with(dom::signed_in(), || {
        let items = vec![
            client(1, "Maple Studio", "CAD", [100, 200, 0, 0, 50]),
            client(2, "Birch Bakery", "USD", [0, 0, 0, 40, 0]),
            client(3, "Cedar Co", "CAD", [0, 0, 125, 0, 0]),
        ];
        view! { <AgingChart items=Signal::derive(move || items.clone()) /> }
    });
    settle().await;
    let cad = by_id("aging-chart-CAD");
    let usd = by_id("aging-chart-USD");
    // Maple (350, largest first): 100 current, 200 in 1–30, 50 over 90 → 80, 160, 40 px.
    assert_eq!(
        segments("#aging-chart-CAD g[data-client='1'] rect"),
        vec![
            ("aging-current".into(), "80".into(), "100".into()),
            ("aging-1-30".into(), "160".into(), "200".into()),
            ("aging-over-90".into(), "40".into(), "50".into()),
        ]
    );
    assert_eq!(
        segments("#aging-chart-CAD g[data-client='3'] rect"),
        vec![("aging-31-60".into(), "100".into(), "125".into())]
    );
    // USD on its own scale (top 50): 40 → 320 px; no USD bar in CAD's chart and back.
    assert_eq!(
        segments("#aging-chart-USD rect.aging-seg"),
        vec![("aging-61-90".into(), "320".into(), "40".into())]
    );
    assert!(cad.query_selector("g[data-client='2']").unwrap().is_none());
    assert!(usd.query_selector("g[data-client='1']").unwrap().is_none());
    // Totals per client in their currency; nothing adds CAD to USD (350 + 40 = 390 appears nowhere).
    let cad_text = cad.text_content().unwrap_or_default();
    let usd_text = usd.text_content().unwrap_or_default();
    assert!(cad_text.contains("$350.00"), "{cad_text}");
    assert!(cad_text.contains("$125.00"), "{cad_text}");
    assert!(!cad_text.contains("US$"), "{cad_text}");
    assert!(usd_text.contains("US$40.00"), "{usd_text}");
    let all = by_id("aging-chart").text_content().unwrap_or_default();
    assert!(!all.contains("390"), "{all}");
    // Every segment says what it is.
    let title = cad
        .query_selector("g[data-client='1'] rect[data-bucket='aging-1-30'] title")
        .unwrap()
        .expect("a title on the segment");
    let title = title.text_content().unwrap_or_default();
    assert!(
        title.contains("Maple Studio") && title.contains("1–30") && title.contains("$200.00"),
        "{title}"
    );
    assert_eq!(
        title_namespace(&cad),
        Some("http://www.w3.org/2000/svg".to_owned())
    );
    // The axis tops at the round 500, and the table lists the same figures.
    assert!(cad_text.contains("$500.00"), "{cad_text}");
    let cells = cad.query_selector_all("table tbody tr").unwrap();
    assert_eq!(cells.length(), 2);
    let link = cad.query_selector("table a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/invoices?status=outstanding&client=1")
    );
}

fn title_namespace(figure: &web_sys::HtmlElement) -> Option<String> {
    figure
        .query_selector("rect title")
        .ok()
        .flatten()?
        .namespace_uri()
}
