//! [`Page`] and the all-pages stream.
//!
//! The first page is fetched alone, because only it reveals how many pages there are; the rest
//! are then fetched with bounded concurrency ([`crate::config::DEFAULT_PAGE_CONCURRENCY`]) and
//! yielded in order. Records are deduplicated by id across pages, because FreshBooks' order is
//! not guaranteed stable while records change underneath a listing.

use std::collections::HashSet;
use std::future::Future;

use futures::stream::{self, BoxStream, StreamExt, TryStreamExt};

use crate::error::Result;

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
            let rest = stream::iter(2..=page_one.pages)
                .map(fetch)
                .buffered(concurrency.max(1));
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
