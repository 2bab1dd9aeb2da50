//! The timer's elapsed time from its start: `h:mm:ss`, following the clock.

use chrono::{DateTime, TimeDelta, Utc};
use ledgerline_ui::pages::time::timer::Elapsed;
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::dom::{self, by_id, settle};

#[wasm_bindgen_test]
async fn elapsed_time_counts_from_the_start() {
    let started: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-03-01T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    let now = RwSignal::new(started + TimeDelta::seconds(3723));
    dom::mount_with(
        dom::signed_in(),
        move || view! { <Elapsed started_at=started now /> },
    );
    settle().await;
    assert_eq!(by_id("timer-elapsed").inner_text(), "1:02:03");
    now.set(started + TimeDelta::seconds(3724));
    settle().await;
    assert_eq!(by_id("timer-elapsed").inner_text(), "1:02:04");
    // A clock behind the start never shows negative time.
    now.set(started - TimeDelta::seconds(5));
    settle().await;
    assert_eq!(by_id("timer-elapsed").inner_text(), "0:00:00");
    // Across a day.
    now.set(started + TimeDelta::hours(26));
    settle().await;
    assert_eq!(by_id("timer-elapsed").inner_text(), "26:00:00");
}
