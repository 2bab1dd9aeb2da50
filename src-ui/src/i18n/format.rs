//! Numbers, money, hours and dates in the current locale, written by the webview's `Intl`.
//!
//! Amounts reach `Intl` as decimal strings (`Intl.NumberFormat` formats numeric strings exactly
//! where the engine supports it), never as floats. Money keeps its own currency: nothing here
//! converts one currency into another.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use js_sys::{Array, Intl, Object, Reflect};
use ledgerline_model::money::Money;
use leptos::prelude::*;
use rust_decimal::Decimal;
use wasm_bindgen::{JsCast, JsValue};

use super::{Arg, LocaleId, current, t_args};

/// FreshBooks' date format of the current business (`mm/dd/yyyy` …), as context, when the
/// session knows it: [`fmt_date`] then writes dates the way the business does in FreshBooks.
#[derive(Debug, Clone, Copy)]
pub struct BusinessDateFormat(pub RwSignal<Option<String>>);

/// An amount in its currency: `$1,234.56` / `1 234,56 $` for CAD; another currency keeps its
/// sign (`US$1,234.56` / `1 234,56 $ US`).
pub fn fmt_money(money: &Money) -> String {
    money_in(current(), money)
}

/// [`fmt_money`] in a given locale.
pub fn money_in(locale: LocaleId, money: &Money) -> String {
    let options = options(&[
        ("style", "currency".into()),
        ("currency", money.currency.as_str().into()),
    ]);
    format_decimal_text(locale, &options, &money.amount.to_string())
}

/// A decimal number with at most `max_fraction_digits` decimals: `1,234.5` / `1 234,5`.
pub fn fmt_decimal(value: Decimal, max_fraction_digits: u32) -> String {
    decimal_in(current(), value, max_fraction_digits)
}

/// [`fmt_decimal`] in a given locale.
pub fn decimal_in(locale: LocaleId, value: Decimal, max_fraction_digits: u32) -> String {
    let options = options(&[("maximumFractionDigits", max_fraction_digits.into())]);
    format_decimal_text(locale, &options, &value.to_string())
}

/// A duration in hours, to two decimals at most: `1.5 h` / `1,5 h`.
pub fn fmt_hours(seconds: i64) -> String {
    let hours = (Decimal::from(seconds) / Decimal::from(3600)).round_dp(2);
    t_args(
        "common-hours",
        &[("hours", Arg::Text(fmt_decimal(hours, 2)))],
    )
}

/// A day: the business's FreshBooks date format where the session has it, else the locale's
/// medium date (`Nov 28, 2026` / `28 nov. 2026`).
pub fn fmt_date(date: NaiveDate) -> String {
    let pattern = use_context::<BusinessDateFormat>().and_then(|f| f.0.get());
    match pattern.as_deref().and_then(|p| with_pattern(date, p)) {
        Some(text) => text,
        None => date_in(current(), date),
    }
}

/// The locale's medium date.
pub fn date_in(locale: LocaleId, date: NaiveDate) -> String {
    let options = options(&[("dateStyle", "medium".into())]);
    let format = Intl::DateTimeFormat::new(&locales(locale), &options);
    let month = i32::try_from(date.month0()).unwrap_or(0);
    let day = i32::try_from(date.day()).unwrap_or(1);
    let year = u32::try_from(date.year()).unwrap_or(1970);
    // Local midnight of that day, so the formatter (local time zone) writes that day.
    let js_date = js_sys::Date::new_with_year_month_day(year, month, day);
    call_format(&format.format(), &js_date.into()).unwrap_or_else(|| date.to_string())
}

/// FreshBooks' own formats: `mm/dd/yyyy`, `dd/mm/yyyy`, `yyyy-mm-dd` and the like (numbers
/// only). `None` for a pattern without all three parts.
fn with_pattern(date: NaiveDate, pattern: &str) -> Option<String> {
    let lower = pattern.to_ascii_lowercase();
    if !(lower.contains("yyyy") && lower.contains("mm") && lower.contains("dd")) {
        return None;
    }
    Some(
        lower
            .replace("yyyy", &format!("{:04}", date.year()))
            .replace("mm", &format!("{:02}", date.month()))
            .replace("dd", &format!("{:02}", date.day())),
    )
}

/// How long ago (or from now) `then` is: `just now`, `5 minutes ago` / `il y a 5 minutes`.
pub fn fmt_relative(then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    relative_in(current(), then, now)
}

/// [`fmt_relative`] in a given locale.
pub fn relative_in(locale: LocaleId, then: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (then - now).num_seconds();
    let (n, unit) = match seconds.unsigned_abs() {
        0..60 => return super::t_in(locale, "common-just-now", &[]),
        60..3_600 => (seconds / 60, "minute"),
        3_600..86_400 => (seconds / 3_600, "hour"),
        86_400..2_592_000 => (seconds / 86_400, "day"),
        2_592_000..31_536_000 => (seconds / 2_592_000, "month"),
        _ => (seconds / 31_536_000, "year"),
    };
    let options = options(&[("numeric", "always".into())]);
    let format = Intl::RelativeTimeFormat::new(&locales(locale), &options);
    #[allow(clippy::disallowed_types, clippy::cast_precision_loss)] // A count of units, not money.
    let value = n as f64;
    String::from(format.format(value, unit))
}

/// A number given as text (Fluent's numbers, counts) in the locale's digits and grouping.
pub(super) fn number_text(locale: LocaleId, text: &str) -> String {
    let options = options(&[("maximumFractionDigits", 6.into())]);
    format_decimal_text(locale, &options, text)
}

fn format_decimal_text(locale: LocaleId, options: &Object, text: &str) -> String {
    let format = Intl::NumberFormat::new(&locales(locale), options);
    call_format(&format.format(), &JsValue::from_str(text)).unwrap_or_else(|| text.to_owned())
}

fn call_format(function: &js_sys::Function, value: &JsValue) -> Option<String> {
    function
        .call1(&JsValue::UNDEFINED, value)
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::JsString>().ok())
        .map(String::from)
}

fn locales(locale: LocaleId) -> Array {
    Array::of1(&JsValue::from_str(locale.tag()))
}

fn options(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}
