//! Reading typed columns out of a record's raw FreshBooks JSON.
//!
//! FreshBooks is loose about types (ids as numbers or strings, booleans as `0`/`1`), so these
//! helpers accept every spelling seen and return `None` rather than fail: a column we cannot read
//! stays NULL, and the raw JSON still holds the value.

use serde_json::Value;

/// A string field; numbers are rendered as text.
pub(crate) fn text(record: &Value, field: &str) -> Option<String> {
    match record.get(field)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// An integer field given as a number or a numeric string.
pub(crate) fn int(record: &Value, field: &str) -> Option<i64> {
    match record.get(field)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

/// A boolean field given as `true`/`false`, `0`/`1` or their strings.
pub(crate) fn flag(record: &Value, field: &str) -> Option<bool> {
    match record.get(field)? {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        Value::String(s) => match s.trim() {
            "1" | "true" => Some(true),
            "0" | "false" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// The amount string of a money field `{"amount": "1.00", "code": "CAD"}`.
pub(crate) fn money_amount(record: &Value, field: &str) -> Option<String> {
    record.get(field)?.get("amount").and_then(|a| match a {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// The first integer among several field names (FreshBooks spells ids `id`, `userid`, `taxid` …).
pub(crate) fn first_int(record: &Value, fields: &[&str]) -> Option<i64> {
    fields.iter().find_map(|f| int(record, f))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_loose_types() {
        let r = json!({"a": "12", "b": 3, "c": "1", "d": false, "m": {"amount": "1.50", "code": "CAD"}});
        assert_eq!(int(&r, "a"), Some(12));
        assert_eq!(int(&r, "b"), Some(3));
        assert_eq!(flag(&r, "c"), Some(true));
        assert_eq!(flag(&r, "d"), Some(false));
        assert_eq!(text(&r, "b").as_deref(), Some("3"));
        assert_eq!(money_amount(&r, "m").as_deref(), Some("1.50"));
        assert_eq!(first_int(&r, &["x", "b"]), Some(3));
        assert_eq!(int(&r, "missing"), None);
    }
}
