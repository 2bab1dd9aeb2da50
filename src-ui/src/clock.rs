//! The wall clock, for "last synced 5 minutes ago".

/// Milliseconds since the Unix epoch, from the browser's clock.
#[allow(clippy::disallowed_types)] // A clock reading, not money.
pub fn now_millis() -> i64 {
    let now: f64 = js_sys::Date::now();
    now as i64
}

/// "just now", "5 minutes ago", "3 hours ago", "2 days ago".
pub fn ago(then_millis: i64, now_millis: i64) -> String {
    let seconds = (now_millis - then_millis).max(0) / 1000;
    let (n, unit) = match seconds {
        0..60 => return "just now".to_owned(),
        60..3_600 => (seconds / 60, "minute"),
        3_600..86_400 => (seconds / 3_600, "hour"),
        _ => (seconds / 86_400, "day"),
    };
    let plural = if n == 1 { "" } else { "s" };
    format!("{n} {unit}{plural} ago")
}
