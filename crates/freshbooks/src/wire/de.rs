//! Lenient field decoders for FreshBooks' JSON.
//!
//! FreshBooks is inconsistent about types: ids and counts come as numbers or numeric strings,
//! booleans as `true`, `1` or `"1"`, decimals as strings or numbers, and "no value" as `null`
//! or `""`. Each decoder goes through `serde_json::Value` and accepts every such spelling,
//! while anything else is an error that `serde_path_to_error` reports with its JSON path.
//! Decimals are read from the number's *text*, never through a float.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use ledgerline_model::entity::VisState;
use ledgerline_model::money::{CurrencyCode, Money};
use rust_decimal::Decimal;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

fn value<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Ok(match Option::<Value>::deserialize(d)? {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(other) => Some(other),
    })
}

/// A list, where `null` means an empty one.
pub(crate) fn vec_or_null<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// An integer, from a number or a numeric string.
pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match value(d)? {
        None => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| integral(&n.to_string()))
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("expected an integer, got {n}"))),
        Some(Value::String(s)) => s
            .trim()
            .parse()
            .ok()
            .or_else(|| integral(s.trim()))
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("expected an integer, got \"{s}\""))),
        Some(other) => Err(D::Error::custom(format!(
            "expected an integer, got {other}"
        ))),
    }
}

/// A whole number written as a decimal (`3600.0`, `"12.00"`), read exactly; `None` when it has
/// a fraction or does not fit.
fn integral(text: &str) -> Option<i64> {
    let d = Decimal::from_str(text)
        .or_else(|_| Decimal::from_scientific(text))
        .ok()?;
    if d.fract().is_zero() {
        i64::try_from(d).ok()
    } else {
        None
    }
}

/// A required integer.
pub(crate) fn i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    opt_i64(d)?.ok_or_else(|| D::Error::custom("expected an integer, got nothing"))
}

fn decimal_of<E: serde::de::Error>(v: Value) -> Result<Decimal, E> {
    let text = match &v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.trim().to_owned(),
        other => return Err(E::custom(format!("expected a decimal, got {other}"))),
    };
    Decimal::from_str(&text)
        .or_else(|_| Decimal::from_scientific(&text))
        .map_err(|_| E::custom(format!("expected a decimal, got {v}")))
}

/// An exact decimal, from a string or a number's text.
pub(crate) fn opt_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    value(d)?.map(decimal_of).transpose()
}

/// A percentage as an exact decimal (`"13"`, `"13.000"`, `13.5`), also with a `%` sign.
pub(crate) fn opt_percent<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    match value(d)? {
        Some(Value::String(s)) => match s.trim().trim_end_matches('%').trim() {
            "" => Ok(None),
            number => decimal_of(Value::String(number.to_owned())).map(Some),
        },
        other => other.map(decimal_of).transpose(),
    }
}

/// A required exact decimal.
pub(crate) fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    opt_decimal(d)?.ok_or_else(|| D::Error::custom("expected a decimal, got nothing"))
}

/// A boolean, from `true`/`false`, `1`/`0` or their strings.
pub(crate) fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match value(d)? {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(b)),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(0) => Ok(Some(false)),
            Some(1) => Ok(Some(true)),
            _ => Err(D::Error::custom(format!("expected a boolean, got {n}"))),
        },
        Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "1" | "true" => Ok(Some(true)),
            "0" | "false" => Ok(Some(false)),
            _ => Err(D::Error::custom(format!("expected a boolean, got \"{s}\""))),
        },
        Some(other) => Err(D::Error::custom(format!("expected a boolean, got {other}"))),
    }
}

/// Text, from a string or a number (invoice numbers come both ways).
pub(crate) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match value(d)? {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(other) => Err(D::Error::custom(format!("expected text, got {other}"))),
    }
}

/// A currency code; empty means none.
pub(crate) fn opt_currency<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<CurrencyCode>, D::Error> {
    opt_string(d)?
        .map(|s| CurrencyCode::new(&s).map_err(D::Error::custom))
        .transpose()
}

/// Money, `{"amount": "12.30", "code": "CAD"}`, the amount exact. Optional money without a
/// currency code (`"code": ""` or absent) reads as no value rather than failing the whole
/// record: the amount alone means nothing, and the raw JSON keeps it anyway.
pub(crate) fn opt_money<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Money>, D::Error> {
    money_of::<D::Error>(value(d)?, false)
}

fn money_of<E: serde::de::Error>(v: Option<Value>, required: bool) -> Result<Option<Money>, E> {
    let Some(v) = v else {
        return Ok(None);
    };
    let Value::Object(map) = v else {
        return Err(E::custom(format!(
            "expected money {{amount, code}}, got {v}"
        )));
    };
    let amount = match map.get("amount") {
        None | Some(Value::Null) => return Ok(None),
        Some(a) => decimal_of::<E>(a.clone())?,
    };
    match map.get("code") {
        Some(Value::String(c)) if !c.trim().is_empty() => {
            let code = CurrencyCode::new(c).map_err(E::custom)?;
            Ok(Some(Money::new(amount, code)))
        }
        _ if required => Err(E::custom("money without a currency code")),
        _ => Ok(None),
    }
}

/// An accounting timestamp (US/Eastern wall time) as UTC.
pub(crate) fn opt_eastern<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    match opt_string(d)?.filter(|s| !is_zero_date(s)) {
        None => Ok(None),
        Some(s) => crate::time::parse_eastern(&s)
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("expected a date and time, got \"{s}\""))),
    }
}

/// A UTC timestamp, with or without `Z`.
pub(crate) fn opt_utc<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
    match opt_string(d)?.filter(|s| !is_zero_date(s)) {
        None => Ok(None),
        Some(s) => crate::time::parse_utc(&s)
            .map(Some)
            .ok_or_else(|| D::Error::custom(format!("expected a UTC time, got \"{s}\""))),
    }
}

/// A required UTC timestamp.
pub(crate) fn utc<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
    opt_utc(d)?.ok_or_else(|| D::Error::custom("expected a UTC time, got nothing"))
}

/// A calendar date, `YYYY-MM-DD` (a longer date-time string is cut to its date).
pub(crate) fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    match opt_string(d)? {
        None => Ok(None),
        Some(s) => {
            if is_zero_date(&s) {
                return Ok(None);
            }
            let head = s.trim().get(..10).unwrap_or(s.trim());
            NaiveDate::parse_from_str(head, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| D::Error::custom(format!("expected a date, got \"{s}\"")))
        }
    }
}

/// MySQL-style "no date" (`0000-00-00`, `0000-00-00 00:00:00`), which old APIs send for null.
fn is_zero_date(raw: &str) -> bool {
    raw.trim().starts_with("0000-00-00")
}

/// `vis_state` 0/1/2; missing means active; any other number is kept as
/// [`VisState::Unknown`] instead of failing the record (and with it a whole page of a list).
pub(crate) fn vis_state<'de, D: Deserializer<'de>>(d: D) -> Result<VisState, D::Error> {
    Ok(opt_i64(d)?.map_or(VisState::Active, VisState::from_freshbooks))
}
