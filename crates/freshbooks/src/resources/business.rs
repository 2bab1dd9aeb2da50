//! [`BusinessScoped`]: the handler for the projects, time-tracking and comments (services)
//! families, keyed by the integer business id, and [`BusinessList`], its list builder (plain
//! query parameters, `meta` paging).

use std::marker::PhantomData;

use futures::stream::{BoxStream, StreamExt, TryStreamExt};
use ledgerline_model::ids::BusinessId;
use reqwest::Method;
use serde_json::Value;

use crate::client::Client;
use crate::config::MAX_PER_PAGE;
use crate::error::Result;
use crate::http::Call;
use crate::page::{self, Page, PageRequest};
use crate::raw::{Checked, WithRaw};
use crate::resources::{BusinessResource, send_write};
use crate::wire::envelope::{self, Family};

/// One business-keyed resource of one business, e.g. `client.time_entries(business_id)`.
pub struct BusinessScoped<R> {
    pub(crate) client: Client,
    pub(crate) business: BusinessId,
    marker: PhantomData<fn() -> R>,
}

impl<R> Clone for BusinessScoped<R> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
            business: self.business,
            marker: PhantomData,
        }
    }
}

impl<R> std::fmt::Debug for BusinessScoped<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BusinessScoped")
            .field("resource", &std::any::type_name::<R>())
            .field("business", &self.business)
            .finish()
    }
}

impl<R: BusinessResource> BusinessScoped<R> {
    pub(crate) fn new(client: Client, business: BusinessId) -> Self {
        Self {
            client,
            business,
            marker: PhantomData,
        }
    }

    /// The business's integer id.
    pub fn business_id(&self) -> BusinessId {
        self.business
    }

    /// A list of this resource.
    pub fn list(&self) -> BusinessList<R> {
        BusinessList {
            handler: self.clone(),
            params: Vec::new(),
            per_page: MAX_PER_PAGE,
        }
    }

    /// One record.
    pub async fn get(&self, id: R::Id) -> Result<R::Record> {
        Ok(self.get_with_raw(id).await?.record)
    }

    /// One record, with FreshBooks' JSON.
    pub async fn get_with_raw(&self, id: R::Id) -> Result<WithRaw<R::Record>> {
        let call = Call::get(R::item_path(self.business, id), Vec::new());
        let body = self.client.execute(&call).await?;
        single::<R>(&body, &call.operation())
    }

    pub(crate) async fn post(&self, body: Value) -> Result<WithRaw<R::Record>> {
        let call = Call::write(Method::POST, R::create_path(self.business), Some(body));
        send_write(&self.client, &call, single::<R>).await
    }

    pub(crate) async fn put(&self, id: R::Id, body: Value) -> Result<WithRaw<R::Record>> {
        let call = Call::write(Method::PUT, R::item_path(self.business, id), Some(body));
        send_write(&self.client, &call, single::<R>).await
    }

    pub(crate) async fn remove(&self, id: R::Id) -> Result<()> {
        let call = Call::write(Method::DELETE, R::item_path(self.business, id), None);
        self.client.execute(&call).await?;
        Ok(())
    }
}

fn single<R: BusinessResource>(body: &Value, operation: &str) -> Result<WithRaw<R::Record>> {
    let (raw, at) = envelope::single(Family::Business, body, R::SINGLE, operation)?;
    Ok(WithRaw {
        record: R::decode(raw, operation, &at)?,
        raw: raw.clone(),
    })
}

/// A list request being built; then [`BusinessList::stream`].
#[must_use = "a list does nothing until streamed or paged"]
pub struct BusinessList<R> {
    handler: BusinessScoped<R>,
    params: Vec<(String, String)>,
    per_page: u32,
}

impl<R> Clone for BusinessList<R> {
    fn clone(&self) -> Self {
        Self {
            handler: self.handler.clone(),
            params: self.params.clone(),
            per_page: self.per_page,
        }
    }
}

impl<R> std::fmt::Debug for BusinessList<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BusinessList")
            .field("handler", &self.handler)
            .field("params", &self.params)
            .field("per_page", &self.per_page)
            .finish()
    }
}

impl<R: BusinessResource> BusinessList<R> {
    pub(crate) fn param(mut self, key: &str, value: impl Into<String>) -> Self {
        self.params.retain(|(k, _)| k != key);
        self.params.push((key.to_owned(), value.into()));
        self
    }

    /// Records per page, 1 to 100 (FreshBooks silently caps at 100).
    pub fn per_page(mut self, per_page: u32) -> Self {
        self.per_page = per_page.clamp(1, MAX_PER_PAGE);
        self
    }

    /// One page, 1-based.
    pub async fn page(&self, page: u32) -> Result<Page<WithRaw<R::Record>>> {
        let request = PageRequest {
            family: Family::Business,
            path: R::list_path(self.handler.business),
            list_key: R::LIST,
            params: &self.params,
            per_page: self.per_page,
        };
        request.send(&self.handler.client, page, R::decode).await
    }

    /// One page, 1-based, read record by record: a record that does not decode comes back with
    /// its error and its raw JSON instead of failing the page.
    pub async fn page_checked(&self, page: u32) -> Result<Page<Checked<R::Record>>> {
        let request = PageRequest {
            family: Family::Business,
            path: R::list_path(self.handler.business),
            list_key: R::LIST,
            params: &self.params,
            per_page: self.per_page,
        };
        request
            .send_checked(&self.handler.client, page, R::decode)
            .await
    }

    /// Every page in order: the first alone, then the rest with bounded concurrency.
    pub fn pages(self) -> BoxStream<'static, Result<Page<WithRaw<R::Record>>>> {
        let concurrency = self.handler.client.config().page_concurrency;
        page::all_pages(concurrency, move |n| {
            let list = self.clone();
            async move { list.page(n).await }
        })
    }

    /// Every record with its raw JSON, across all pages, deduplicated by id.
    pub fn stream_with_raw(self) -> BoxStream<'static, Result<WithRaw<R::Record>>> {
        page::records(self.pages(), |r: &WithRaw<R::Record>| R::id_of(&r.record))
    }

    /// Every record across all pages, deduplicated by id.
    pub fn stream(self) -> BoxStream<'static, Result<R::Record>> {
        self.stream_with_raw().map_ok(|r| r.record).boxed()
    }

    /// Every record, collected.
    pub async fn collect(self) -> Result<Vec<R::Record>> {
        self.stream().try_collect().await
    }
}
