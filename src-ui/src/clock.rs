//! The wall clock, for "last synced 5 minutes ago".

use chrono::DateTime;

use crate::i18n;

/// Milliseconds since the Unix epoch, from the browser's clock.
#[allow(clippy::disallowed_types)] // A clock reading, not money.
pub fn now_millis() -> i64 {
    let now: f64 = js_sys::Date::now();
    now as i64
}

/// "just now", "5 minutes ago", "3 hours ago", "2 days ago", in the current locale.
pub fn ago(then_millis: i64, now_millis: i64) -> String {
    let then = DateTime::from_timestamp_millis(then_millis).unwrap_or_default();
    let now = DateTime::from_timestamp_millis(now_millis.max(then_millis)).unwrap_or_default();
    i18n::fmt_relative(then, now)
}
