//! List filters as data. Each resource lists the filters the reference documents for it; a
//! `search[…]` parameter that no entry names is ignored, as FreshBooks ignores it.

use std::collections::HashSet;

use chrono::NaiveDate;
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

/// The filters of one list request, read from the query once: only those the query names,
/// each with its parsed value, and the id sets they need computed once. A list of 10,000
/// records tests each of them 10,000 times, so nothing here reads the query per record.
#[derive(Debug)]
pub struct Active<'q> {
    /// `search[vis_state]` when it is a number; otherwise active and archived records.
    vis_state: Option<u8>,
    tests: Vec<Test<'q>>,
}

/// One filter the query names, with its value read.
#[derive(Debug)]
enum Test<'q> {
    Equals {
        field: &'static str,
        wanted: &'q str,
    },
    Like {
        fields: &'static [&'static str],
        /// Lowercased.
        wanted: String,
    },
    Min {
        field: &'static str,
        bound: &'q str,
    },
    Max {
        field: &'static str,
        bound: &'q str,
    },
    In {
        field: &'static str,
        /// Never empty (an empty list filters nothing).
        wanted: Vec<String>,
    },
    UpdatedMin(NaiveDate),
    UpdatedMax(NaiveDate),
    Computed {
        value: fn(&Business, &Record) -> String,
        wanted: &'q str,
    },
    IdSet {
        wanted: bool,
        set: HashSet<i64>,
    },
    Flag {
        test: fn(&Business, &Record) -> bool,
        wanted: bool,
    },
}

/// Prepares `filters` for one request.
pub fn prepare<'q>(filters: &[Filter], business: &Business, query: &'q Query) -> Active<'q> {
    let tests = filters
        .iter()
        .filter_map(|filter| -> Option<Test<'q>> {
            Some(match *filter {
                Filter::Equals { param, field } => Test::Equals {
                    field,
                    wanted: query.search(param)?,
                },
                Filter::Like { param, fields } => Test::Like {
                    fields,
                    wanted: query.search(param)?.to_lowercase(),
                },
                Filter::Min { param, field } => Test::Min {
                    field,
                    bound: query.search(param)?,
                },
                Filter::Max { param, field } => Test::Max {
                    field,
                    bound: query.search(param)?,
                },
                Filter::In { param, field } => {
                    let wanted = query.search_list(param);
                    if wanted.is_empty() {
                        return None;
                    }
                    Test::In { field, wanted }
                }
                Filter::UpdatedMin => {
                    Test::UpdatedMin(query.search("updated_min").and_then(timefmt::parse_date)?)
                }
                Filter::UpdatedMax => {
                    Test::UpdatedMax(query.search("updated_max").and_then(timefmt::parse_date)?)
                }
                Filter::Computed { param, value } => Test::Computed {
                    value,
                    wanted: query.search(param)?,
                },
                Filter::IdSet { param, members } => Test::IdSet {
                    wanted: query.search(param).and_then(crate::query::parse_bool)?,
                    set: members(business),
                },
                Filter::Flag { param, test } => Test::Flag {
                    test,
                    wanted: query.search(param).and_then(crate::query::parse_bool)?,
                },
            })
        })
        .collect();
    let vis_state = query
        .search("vis_state")
        .and_then(|v| v.trim().parse::<u8>().ok());
    Active { vis_state, tests }
}

impl Active<'_> {
    /// Whether a record passes the `vis_state` rule of accounting lists (active and archived
    /// unless `search[vis_state]` says) and every filter present in the query.
    pub fn matches(&self, business: &Business, record: &Record) -> bool {
        let visible = match self.vis_state {
            Some(wanted) => record.vis_state == wanted,
            None => record.vis_state != crate::store::DELETED,
        };
        visible && self.tests.iter().all(|test| passes(test, business, record))
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

fn passes(test: &Test<'_>, business: &Business, record: &Record) -> bool {
    match test {
        Test::Equals { field, wanted } => {
            field_text(record, field).is_some_and(|have| same(&have, wanted))
        }
        Test::Like { fields, wanted } => fields.iter().any(|field| {
            field_text(record, field).is_some_and(|have| have.to_lowercase().contains(wanted))
        }),
        Test::Min { field, bound } => {
            field_text(record, field).is_some_and(|have| compare(&have, bound).is_ge())
        }
        Test::Max { field, bound } => {
            field_text(record, field).is_some_and(|have| compare(&have, bound).is_le())
        }
        Test::In { field, wanted } => {
            field_text(record, field).is_some_and(|have| wanted.iter().any(|w| same(&have, w)))
        }
        Test::UpdatedMin(day) => timefmt::eastern_date(record.updated) >= *day,
        Test::UpdatedMax(day) => timefmt::eastern_date(record.updated) < *day,
        Test::Computed { value, wanted } => same(&value(business, record), wanted),
        Test::IdSet { wanted, set } => set.contains(&record.id) == *wanted,
        Test::Flag { test, wanted } => test(business, record) == *wanted,
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
