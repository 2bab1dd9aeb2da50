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
    let number = |key: &str| -> Option<u64> {
        match meta?.get(key)? {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    };
    let items = match container.get(name) {
        Some(Value::Array(items)) => items.as_slice(),
        // An empty list sometimes comes as null, or without its key when the paging numbers
        // say there is nothing.
        Some(Value::Null) => &[],
        None if number("total") == Some(0) || number("pages") == Some(0) => &[],
        _ => return Err(missing(operation, &path)),
    };
    let n_items = u64::try_from(items.len()).unwrap_or(u64::MAX);
    let small = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
    let per_page = number("per_page").map(small).unwrap_or(small(n_items));
    let total = number("total").unwrap_or(n_items);
    // Without `pages`, work it out from `total` and `per_page` rather than assume one page and
    // silently drop the rest.
    let pages =
        number("pages")
            .map(small)
            .unwrap_or_else(|| match (number("total"), number("per_page")) {
                (Some(total), Some(per_page)) if per_page > 0 => small(total.div_ceil(per_page)),
                _ => 1,
            });
    let meta = Meta {
        page: number("page").map(small).unwrap_or(1),
        pages,
        per_page,
        total,
    };
    Ok((items, path, meta))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(family: Family, body: Value, expected: Option<(usize, u32, u32, u32, u64)>) {
        let got = list(family, &body, "clients", "GET clients")
            .ok()
            .map(|(items, _, m)| (items.len(), m.page, m.pages, m.per_page, m.total));
        assert_eq!(got, expected, "{body}");
    }

    #[test]
    fn paging_numbers_in_every_spelling() {
        use Family::{Accounting, Business};
        // An empty accounting list: pages 0, or the list key left out altogether.
        check(
            Accounting,
            json!({"response": {"result": {"clients": [], "page": 1, "pages": 0, "per_page": 15, "total": 0}}}),
            Some((0, 1, 0, 15, 0)),
        );
        check(
            Accounting,
            json!({"response": {"result": {"page": 1, "pages": 0, "per_page": 15, "total": 0}}}),
            Some((0, 1, 0, 15, 0)),
        );
        // Left out while the numbers say there are records: an error, not an empty list.
        check(
            Accounting,
            json!({"response": {"result": {"page": 1, "pages": 2, "per_page": 15, "total": 20}}}),
            None,
        );
        // Numbers as strings.
        check(
            Business,
            json!({"clients": [{"id": 1}], "meta": {"page": "2", "pages": "3", "per_page": "1", "total": "3"}}),
            Some((1, 2, 3, 1, 3)),
        );
        // No `pages`: from total and per_page (rounded up), never silently one page.
        check(
            Business,
            json!({"clients": [{"id": 1}, {"id": 2}], "meta": {"page": 1, "per_page": 2, "total": 5}}),
            Some((2, 1, 3, 2, 5)),
        );
        // No meta at all: one page of what came.
        check(
            Business,
            json!({"clients": [{"id": 1}]}),
            Some((1, 1, 1, 1, 1)),
        );
    }
}
