//! List filters as data. Each resource lists the filters the reference documents for it; a
//! `search[…]` parameter that no entry names is ignored, as FreshBooks ignores it.

use std::collections::HashSet;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::query::Query;
use crate::store::{Business, Record};
use crate::timefmt;

/// One documented filter of an accounting list.
#[derive(Clone, Copy, Debug)]
pub enum Filter {
    /// `search[param]=v`: the field equals v (case-insensitive for text).
    Equals {
        param: &'static str,
        field: &'static str,
    },
    /// `search[param]=v`: one of the fields contains v (case-insensitive).
    Like {
        param: &'static str,
        fields: &'static [&'static str],
    },
    /// `search[param]=v`: the field is ≥ v (decimals compare as numbers, dates as text).
    Min {
        param: &'static str,
        field: &'static str,
    },
    /// `search[param]=v`: the field is ≤ v.
    Max {
        param: &'static str,
        field: &'static str,
    },
    /// `search[param][]=a&search[param][]=b`: the field is one of them.
    In {
        param: &'static str,
        field: &'static str,
    },
    /// `search[updated_min]=YYYY-MM-DD`: updated on or after that US/Eastern day.
    UpdatedMin,
    /// `search[updated_max]=YYYY-MM-DD`: updated strictly before that US/Eastern day.
    UpdatedMax,
    /// `search[param]=v`: a value computed from the record (e.g. `v3_status`) equals v.
    Computed {
        param: &'static str,
        value: fn(&Business, &Record) -> String,
    },
    /// `search[param]=true|false`: keeps records whose id is (or is not) in a set computed once
    /// per request from the whole business (client flags that look at every invoice).
    IdSet {
        param: &'static str,
        members: fn(&Business) -> HashSet<i64>,
    },
    /// `search[param]=true|false`: keeps records whose test gives that answer.
    Flag {
        param: &'static str,
        test: fn(&Business, &Record) -> bool,
    },
}

/// The filters of one list request, with the id sets they need computed once.
#[derive(Debug)]
pub struct Active<'f> {
    filters: &'f [Filter],
    /// For each `IdSet` filter present in the query: its index, the wanted answer, the set.
    sets: Vec<(usize, bool, HashSet<i64>)>,
}

/// Prepares `filters` for one request.
pub fn prepare<'f>(filters: &'f [Filter], business: &Business, query: &Query) -> Active<'f> {
    let sets = filters
        .iter()
        .enumerate()
        .filter_map(|(idx, filter)| match *filter {
            Filter::IdSet { param, members } => {
                let wanted = query.search(param).and_then(crate::query::parse_bool)?;
                Some((idx, wanted, members(business)))
            }
            _ => None,
        })
        .collect();
    Active { filters, sets }
}

impl Active<'_> {
    /// Whether a record passes every filter present in the query.
    pub fn matches(&self, business: &Business, record: &Record, query: &Query) -> bool {
        self.filters
            .iter()
            .enumerate()
            .all(|(idx, filter)| match filter {
                Filter::IdSet { .. } => self
                    .sets
                    .iter()
                    .find(|(set_idx, _, _)| *set_idx == idx)
                    .is_none_or(|(_, wanted, set)| set.contains(&record.id) == *wanted),
                _ => passes(filter, business, record, query),
            })
    }
}

/// The `vis_state` rule of accounting lists: active and archived unless `search[vis_state]` says.
pub fn vis_state_matches(record: &Record, query: &Query) -> bool {
    match query
        .search("vis_state")
        .and_then(|v| v.trim().parse::<u8>().ok())
    {
        Some(wanted) => record.vis_state == wanted,
        None => record.vis_state != crate::store::DELETED,
    }
}

/// A field as text: strings as they are, numbers and booleans printed, money by its amount.
pub fn field_text(record: &Record, field: &str) -> Option<String> {
    if field == "id" {
        return Some(record.id.to_string());
    }
    value_text(record.fields.get(field)?)
}

/// A JSON value as text, money objects by their amount.
pub fn value_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Object(object) => object.get("amount").and_then(value_text),
        Value::Null | Value::Array(_) => None,
    }
}

fn passes(filter: &Filter, business: &Business, record: &Record, query: &Query) -> bool {
    match *filter {
        Filter::Equals { param, field } => match query.search(param) {
            None => true,
            Some(wanted) => field_text(record, field).is_some_and(|have| same(&have, wanted)),
        },
        Filter::Like { param, fields } => match query.search(param) {
            None => true,
            Some(wanted) => {
                let wanted = wanted.to_lowercase();
                fields.iter().any(|field| {
                    field_text(record, field)
                        .is_some_and(|have| have.to_lowercase().contains(&wanted))
                })
            }
        },
        Filter::Min { param, field } => match query.search(param) {
            None => true,
            Some(bound) => {
                field_text(record, field).is_some_and(|have| compare(&have, bound).is_ge())
            }
        },
        Filter::Max { param, field } => match query.search(param) {
            None => true,
            Some(bound) => {
                field_text(record, field).is_some_and(|have| compare(&have, bound).is_le())
            }
        },
        Filter::In { param, field } => {
            let wanted = query.search_list(param);
            wanted.is_empty()
                || field_text(record, field)
                    .is_some_and(|have| wanted.iter().any(|w| same(&have, w)))
        }
        Filter::UpdatedMin => match query.search("updated_min").and_then(timefmt::parse_date) {
            None => true,
            Some(day) => timefmt::eastern_date(record.updated) >= day,
        },
        Filter::UpdatedMax => match query.search("updated_max").and_then(timefmt::parse_date) {
            None => true,
            Some(day) => timefmt::eastern_date(record.updated) < day,
        },
        Filter::Computed { param, value } => match query.search(param) {
            None => true,
            Some(wanted) => same(&value(business, record), wanted),
        },
        // Answered by `Active::matches` from the prepared set.
        Filter::IdSet { .. } => true,
        Filter::Flag { param, test } => {
            match query.search(param).and_then(crate::query::parse_bool) {
                None => true,
                Some(wanted) => test(business, record) == wanted,
            }
        }
    }
}

fn same(have: &str, wanted: &str) -> bool {
    let wanted = wanted.trim();
    match (have.parse::<Decimal>(), wanted.parse::<Decimal>()) {
        (Ok(a), Ok(b)) => a == b,
        _ => have.eq_ignore_ascii_case(wanted),
    }
}

/// Orders two field texts: as decimals when both are numbers, else as text (dates sort as text).
pub fn compare(have: &str, bound: &str) -> std::cmp::Ordering {
    match (have.parse::<Decimal>(), bound.trim().parse::<Decimal>()) {
        (Ok(a), Ok(b)) => a.cmp(&b),
        _ => have.cmp(bound.trim()),
    }
}
