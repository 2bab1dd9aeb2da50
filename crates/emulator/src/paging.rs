//! Paging as FreshBooks does it: 1-based `page` (0 acts as 1, past the end is an empty page),
//! `per_page` with a family default (15 accounting, 30 projects/time, 50 services) and a silent
//! cap at 100.

use crate::query::Query;

/// Largest `per_page` FreshBooks honours; larger requests are cut to this without a word.
pub const MAX_PER_PAGE: usize = 100;
/// Default `per_page` of accounting lists.
pub const ACCOUNTING_DEFAULT: usize = 15;
/// Default `per_page` of projects and time entries.
pub const PROJECTS_DEFAULT: usize = 30;
/// Default `per_page` of services.
pub const SERVICES_DEFAULT: usize = 50;

/// One page of a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paging {
    pub page: usize,
    pub per_page: usize,
}

/// The numbers a list envelope carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageInfo {
    pub page: usize,
    pub pages: usize,
    pub per_page: usize,
    pub total: usize,
}

impl Paging {
    /// Reads `page`/`per_page`; unreadable values fall back to the defaults.
    pub fn from_query(query: &Query, default_per_page: usize) -> Self {
        let page = query
            .get("page")
            .and_then(|p| p.trim().parse::<usize>().ok())
            .unwrap_or(1)
            .max(1);
        let per_page = query
            .get("per_page")
            .and_then(|p| p.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
            .unwrap_or(default_per_page)
            .min(MAX_PER_PAGE);
        Paging { page, per_page }
    }

    /// Cuts this page out of `items` and says where it stands.
    pub fn slice<T>(&self, items: Vec<T>) -> (Vec<T>, PageInfo) {
        let (range, info) = self.window(items.len());
        let page_items: Vec<T> = items
            .into_iter()
            .skip(range.start)
            .take(range.len())
            .collect();
        (page_items, info)
    }

    /// Where this page lies in a list of `total` items, and the envelope's numbers.
    pub fn window(&self, total: usize) -> (std::ops::Range<usize>, PageInfo) {
        let pages = total.div_ceil(self.per_page);
        let start = (self.page - 1).saturating_mul(self.per_page).min(total);
        let end = start.saturating_add(self.per_page).min(total);
        let info = PageInfo {
            page: self.page,
            pages,
            per_page: self.per_page,
            total,
        };
        (start..end, info)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(
        query: &str,
        default: usize,
        n_items: usize,
        expected: (usize, usize, usize, usize, usize),
    ) {
        let paging = Paging::from_query(&Query::parse(Some(query)), default);
        let (items, info) = paging.slice((0..n_items).collect::<Vec<_>>());
        assert_eq!(
            (
                info.page,
                info.pages,
                info.per_page,
                info.total,
                items.len()
            ),
            expected,
            "{query}"
        );
    }

    #[test]
    fn pages_defaults_and_cap() {
        check("", 15, 40, (1, 3, 15, 40, 15));
        check("page=3", 15, 40, (3, 3, 15, 40, 10));
        check("page=0", 30, 40, (1, 2, 30, 40, 30));
        check("page=9", 30, 40, (9, 2, 30, 40, 0));
        check("per_page=500", 50, 250, (1, 3, 100, 250, 100));
        check("per_page=0", 50, 10, (1, 1, 50, 10, 10));
        check("per_page=abc&page=-1", 15, 0, (1, 0, 15, 0, 0));
    }
}
