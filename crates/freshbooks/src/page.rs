//! [`Page`] and the all-pages stream.
//!
//! The first page is fetched alone, because only it reveals how many pages there are; the rest
//! are then fetched with bounded concurrency ([`crate::config::DEFAULT_PAGE_CONCURRENCY`]) and
//! yielded in order. Records are deduplicated by id across pages, because FreshBooks' order is
//! not guaranteed stable while records change underneath a listing.

use std::collections::HashSet;
use std::future::Future;

use chrono::{DateTime, Utc};
use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};
use serde_json::Value;

use crate::client::Client;
use crate::error::Result;
use crate::http::Call;
use crate::raw::{Checked, WithRaw};
use crate::wire::envelope::{self, Family};

/// One page of a list.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The records on this page.
    pub items: Vec<T>,
    /// This page's number, 1-based.
    pub page: u32,
    /// How many pages the list has (0 or 1 for an empty list).
    pub pages: u32,
    /// Records per page (FreshBooks caps it at 100).
    pub per_page: u32,
    /// Records in the whole list.
    pub total: u64,
    /// FreshBooks' clock when it answered (the answer's `Date` header), if it said: what a
    /// caller measures "changed since" against, whatever this computer's clock says.
    pub server_date: Option<DateTime<Utc>>,
}

/// One list to read a page of: where it lives, how its answer is wrapped, and its query.
pub(crate) struct PageRequest<'a> {
    /// The URL family, which decides where the list and its paging sit in the answer.
    pub family: Family,
    pub path: String,
    /// The list envelope key (`clients`, `time_entries`).
    pub list_key: &'static str,
    /// Filters and includes, without `page` and `per_page`.
    pub params: &'a [(String, String)],
    pub per_page: u32,
}

impl PageRequest<'_> {
    /// Fetches page `page` (1-based) and decodes each record with `decode` (given the record,
    /// the operation and its JSON path), keeping its raw JSON. One record that does not decode
    /// fails the page.
    pub(crate) async fn send<T>(
        self,
        client: &Client,
        page: u32,
        decode: fn(&Value, &str, &str) -> Result<T>,
    ) -> Result<Page<WithRaw<T>>> {
        let page = self.send_checked(client, page, decode).await?;
        let mut items = Vec::with_capacity(page.items.len());
        for item in page.items {
            items.push(WithRaw {
                record: item.record?,
                raw: item.raw,
            });
        }
        Ok(Page {
            items,
            page: page.page,
            pages: page.pages,
            per_page: page.per_page,
            total: page.total,
            server_date: page.server_date,
        })
    }

    /// As [`PageRequest::send`], but a record that does not decode is given back with its error
    /// instead of failing the page.
    pub(crate) async fn send_checked<T>(
        self,
        client: &Client,
        page: u32,
        decode: fn(&Value, &str, &str) -> Result<T>,
    ) -> Result<Page<Checked<T>>> {
        let mut query = self.params.to_vec();
        query.push(("page".into(), page.max(1).to_string()));
        query.push(("per_page".into(), self.per_page.to_string()));
        let call = Call::get(self.path, query);
        let (body, server_date) = client.execute_dated(&call).await?;
        let operation = call.operation();
        let (items, at, meta) = envelope::list(self.family, &body, self.list_key, &operation)?;
        let records = items
            .iter()
            .enumerate()
            .map(|(idx, raw)| Checked {
                record: decode(raw, &operation, &format!("{at}[{idx}]")),
                raw: raw.clone(),
            })
            .collect();
        Ok(Page {
            items: records,
            page: meta.page,
            pages: meta.pages,
            per_page: meta.per_page,
            total: meta.total,
            server_date,
        })
    }
}

/// Every page, the first alone and then up to `concurrency` at once, in order.
pub(crate) fn all_pages<T, F, Fut>(
    concurrency: usize,
    fetch: F,
) -> BoxStream<'static, Result<Page<T>>>
where
    T: Send + 'static,
    F: Fn(u32) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<Page<T>>> + Send + 'static,
{
    let first = fetch.clone();
    stream::once(async move { first(1).await })
        .map_ok(move |page_one| {
            let fetch = fetch.clone();
            // An empty page ends the walk: offset paging has nothing after it, and a `pages`
            // that overstates (records deleted meanwhile, or a wrong count) then costs at most
            // `concurrency` requests instead of one per page it claims.
            let rest = stream::iter(2..=page_one.pages)
                .map(fetch)
                .buffered(concurrency.max(1))
                .try_take_while(|page| futures::future::ready(Ok(!page.items.is_empty())));
            stream::once(async move { Ok(page_one) }).chain(rest)
        })
        .try_flatten()
        .boxed()
}

/// The records of a page stream, deduplicated by `id`.
pub(crate) fn records<T, I>(
    pages: BoxStream<'static, Result<Page<T>>>,
    id: I,
) -> BoxStream<'static, Result<T>>
where
    T: Send + 'static,
    I: Fn(&T) -> i64 + Send + 'static,
{
    let mut seen = HashSet::new();
    pages
        .map_ok(|page| stream::iter(page.items.into_iter().map(Ok)))
        .try_flatten()
        .try_filter(move |record| futures::future::ready(seen.insert(id(record))))
        .boxed()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};

    use super::*;

    /// A list of `n_records` records, `per_page` a page, whose first page claims `claimed_pages`.
    fn pages(
        n_records: u32,
        per_page: u32,
        claimed_pages: u32,
        fetched: Arc<AtomicU32>,
    ) -> BoxStream<'static, Result<Page<u32>>> {
        all_pages(2, move |n: u32| {
            let fetched = fetched.clone();
            async move {
                fetched.fetch_add(1, Ordering::SeqCst);
                let start = (n - 1) * per_page;
                Ok(Page {
                    items: (start..(start + per_page).min(n_records)).collect(),
                    page: n,
                    pages: claimed_pages,
                    per_page,
                    total: u64::from(n_records),
                    server_date: None,
                })
            }
        })
    }

    #[tokio::test]
    async fn an_overstated_page_count_stops_at_the_first_empty_page() {
        let fetched = Arc::new(AtomicU32::new(0));
        let all: Vec<u32> = records(pages(5, 2, 1_000_000, fetched.clone()), |r| i64::from(*r))
            .try_collect()
            .await
            .expect("pages");
        assert_eq!(all, [0, 1, 2, 3, 4]);
        assert!(fetched.load(Ordering::SeqCst) <= 6, "{fetched:?}");
        // An honest count walks every page, and an empty list is one request.
        let fetched = Arc::new(AtomicU32::new(0));
        let all: Vec<u32> = records(pages(5, 2, 3, fetched.clone()), |r| i64::from(*r))
            .try_collect()
            .await
            .expect("pages");
        assert_eq!((all.len(), fetched.load(Ordering::SeqCst)), (5, 3));
        let fetched = Arc::new(AtomicU32::new(0));
        let all: Vec<u32> = records(pages(0, 2, 0, fetched.clone()), |r| i64::from(*r))
            .try_collect()
            .await
            .expect("pages");
        assert_eq!((all.len(), fetched.load(Ordering::SeqCst)), (0, 1));
    }
}
