//! The envelopes around records: accounting's `{"response": {"result": …}}` and the projects
//! family's bare `{"<single>": …}` / `{"<list>": […], "meta": {…}}`.

use serde_json::Value;

use crate::error::{Error, Result};

/// Where a family keeps its records and paging numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    /// `/accounting/account/{account_id}/…` (and events).
    Accounting,
    /// Projects, time tracking and comments (services).
    Business,
}

/// Paging numbers of a list answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Meta {
    pub(crate) page: u32,
    pub(crate) pages: u32,
    pub(crate) per_page: u32,
    pub(crate) total: u64,
}

fn missing(operation: &str, path: &str) -> Error {
    Error::Decode {
        operation: operation.to_owned(),
        path: path.to_owned(),
        message: "missing".to_owned(),
    }
}

/// The single record in an answer, and its JSON path.
pub(crate) fn single<'a>(
    family: Family,
    body: &'a Value,
    name: &str,
    operation: &str,
) -> Result<(&'a Value, String)> {
    let path = match family {
        Family::Accounting => format!("response.result.{name}"),
        Family::Business => name.to_owned(),
    };
    let pointer = format!("/{}", path.replace('.', "/"));
    body.pointer(&pointer)
        .filter(|v| !v.is_null())
        .map(|v| (v, path.clone()))
        .ok_or_else(|| missing(operation, &path))
}

/// The records of a list answer, the JSON path of the array, and its paging numbers.
pub(crate) fn list<'a>(
    family: Family,
    body: &'a Value,
    name: &str,
    operation: &str,
) -> Result<(&'a [Value], String, Meta)> {
    let (container, container_path, meta) = match family {
        Family::Accounting => {
            let result = body
                .pointer("/response/result")
                .ok_or_else(|| missing(operation, "response.result"))?;
            (result, "response.result.".to_owned(), Some(result))
        }
        Family::Business => (body, String::new(), body.get("meta")),
    };
    let path = format!("{container_path}{name}");
    let items = match container.get(name) {
        Some(Value::Array(items)) => items.as_slice(),
        // An empty list sometimes comes as null.
        Some(Value::Null) => &[],
        _ => return Err(missing(operation, &path)),
    };
    let number = |key: &str| -> Option<u64> {
        match meta?.get(key)? {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    };
    let n_items = u64::try_from(items.len()).unwrap_or(u64::MAX);
    let small = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    let meta = Meta {
        page: number("page").map(small).unwrap_or(1),
        pages: number("pages").map(small).unwrap_or(1),
        per_page: number("per_page").map(small).unwrap_or(small(n_items)),
        total: number("total").unwrap_or(n_items),
    };
    Ok((items, path, meta))
}
