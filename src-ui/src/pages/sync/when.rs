//! Moments and durations as the Sync page says them: a date with its time of day ("Mar 3, 2026,
//! 2:32 p.m."), a time of day alone when it is today, and the time a sync has left ("about 2
//! minutes left"). Written by the webview's `Intl` in the current locale and time zone.

use chrono::{DateTime, Utc};
use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::{current, t, t_args};

fn format_with(at: DateTime<Utc>, pairs: &[(&str, &str)]) -> String {
    let options = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    let locales = Array::of1(&JsValue::from_str(current().tag()));
    let format = Intl::DateTimeFormat::new(&locales, &options);
    #[allow(clippy::disallowed_types, clippy::cast_precision_loss)] // A clock reading, not money.
    let millis = at.timestamp_millis() as f64;
    let date = js_sys::Date::new(&JsValue::from_f64(millis));
    format
        .format()
        .call1(&JsValue::UNDEFINED, &date.into())
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::JsString>().ok())
        .map_or_else(|| at.to_rfc3339(), String::from)
}

/// A date and its time of day: `Mar 3, 2026, 2:32 p.m.` / `3 mars 2026, 14 h 32`.
pub fn fmt_date_time(at: DateTime<Utc>) -> String {
    format_with(at, &[("dateStyle", "medium"), ("timeStyle", "short")])
}

/// A time of day (`2:32 p.m.` / `14 h 32`), with its date when it is not the same day as `now`
/// on this computer.
pub fn fmt_clock(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let day = |t: DateTime<Utc>| format_with(t, &[("dateStyle", "short")]);
    if day(at) == day(now) {
        format_with(at, &[("timeStyle", "short")])
    } else {
        fmt_date_time(at)
    }
}

/// The time a sync has left, roughly: under a minute, minutes, or hours past 90 minutes; while
/// nothing is known yet, that it is being worked out.
pub fn time_left(seconds: Option<u64>) -> String {
    match seconds {
        None => t("sync-time-left-unknown"),
        Some(s) if s < 60 => t("sync-time-left-under-a-minute"),
        Some(s) if s < 90 * 60 => t_args(
            "sync-time-left-minutes",
            &[("count", ((s + 30) / 60).into())],
        ),
        Some(s) => t_args(
            "sync-time-left-hours",
            &[("count", ((s + 1800) / 3600).into())],
        ),
    }
}
