//! The virtual list's windowing in the browser: of 10,000 rows only those in view (and a few
//! beyond) are in the DOM; scrolling shows the rows at the new place and the spacers keep the
//! full height; the keyboard moves the active row (scrolling it into view) and Enter opens it.

use ledgerline_ui::components::virtual_list::{OVERSCAN, VirtualList};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::dom::{self, by_id, document, press, settle, try_by_id};

const ROW: u32 = 48;
const ROWS: u32 = 10_000;

/// The page styles (the list's height and the rows' come from them).
pub fn load_screen_styles() {
    if document().get_element_by_id("screens-css").is_some() {
        return;
    }
    let style = document().create_element("style").unwrap();
    style.set_id("screens-css");
    style.set_text_content(Some(include_str!("../../style/screens.css")));
    document().head().unwrap().append_child(&style).unwrap();
}

fn rendered() -> Vec<String> {
    let rows = document().query_selector_all("#vlist .vl-row").unwrap();
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .map(|n| n.unchecked_into::<web_sys::Element>().id())
        .collect()
}

fn scroll_to(top: i32) {
    let list = by_id("vlist");
    list.set_scroll_top(top);
    list.dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn only_the_rows_in_view_are_drawn_and_scrolling_shows_the_right_ones() {
    load_screen_styles();
    let opened = RwSignal::new(None::<u32>);
    dom::mount_with(dom::signed_in(), move || {
        let items: Vec<u32> = (0..ROWS).collect();
        view! {
            <VirtualList
                id="vlist"
                label="Numbers".to_owned()
                items=Signal::derive(move || items.clone())
                row_height=ROW
                key=|n: &u32| *n
                row_id=|n: &u32| format!("vrow-{n}")
                row=|n: u32| view! { <span class="n">{n}</span> }
                on_open=move |n: u32| opened.set(Some(n))
            />
        }
    });
    settle().await;
    let list = by_id("vlist");
    let height = list.client_height();
    assert!(height >= 200, "the list has its CSS height: {height}");
    let in_view = (height as u32).div_ceil(ROW) as usize;
    let rows = rendered();
    assert!(
        rows.len() >= in_view && rows.len() <= in_view + 2 * OVERSCAN + 1,
        "{} rows drawn for {in_view} in view",
        rows.len()
    );
    assert_eq!(rows.first().map(String::as_str), Some("vrow-0"));
    // The spacers hold the rows left out: the list scrolls its full height.
    assert_eq!(list.scroll_height(), (ROWS * ROW) as i32);

    scroll_to((5000 * ROW) as i32);
    settle().await;
    let rows = rendered();
    assert!(rows.contains(&"vrow-5000".to_owned()), "{rows:?}");
    assert!(!rows.contains(&"vrow-0".to_owned()));
    assert!(rows.len() <= in_view + 2 * OVERSCAN + 1, "{}", rows.len());
    let first_drawn = format!("vrow-{}", 5000 - OVERSCAN);
    assert_eq!(rows.first(), Some(&first_drawn));
    assert_eq!(
        by_id("vrow-5000")
            .query_selector(".n")
            .unwrap()
            .unwrap()
            .text_content()
            .as_deref(),
        Some("5000")
    );

    // The keyboard: the first arrow makes the first row active and scrolls back to it.
    list.focus().unwrap();
    press("ArrowDown");
    settle().await;
    assert_eq!(
        list.get_attribute("aria-activedescendant").as_deref(),
        Some("vrow-0")
    );
    assert_eq!(list.scroll_top(), 0);
    press("ArrowDown");
    settle().await;
    assert_eq!(
        list.get_attribute("aria-activedescendant").as_deref(),
        Some("vrow-1")
    );
    assert_eq!(
        by_id("vrow-1").get_attribute("aria-selected").as_deref(),
        Some("true")
    );
    assert!(by_id("vrow-1").class_list().contains("active"));
    press("End");
    settle().await;
    assert!(
        try_by_id("vrow-9999").is_some(),
        "End scrolls the last row into view"
    );
    assert!(try_by_id("vrow-1").is_none());
    press("Enter");
    settle().await;
    assert_eq!(opened.get_untracked(), Some(9999));
}
