//! [`Accounting`]: the handler for accounting resources, and [`AccountingList`], its list
//! builder (`search[…]` filters, `include[]`, paging).

use std::marker::PhantomData;

use chrono::{DateTime, NaiveDate, Utc};
use futures::stream::{BoxStream, StreamExt, TryStreamExt};
use ledgerline_model::entity::VisState;
use ledgerline_model::ids::AccountId;
use reqwest::Method;
use serde_json::{Value, json};

use crate::client::Client;
use crate::config::MAX_PER_PAGE;
use crate::error::Result;
use crate::http::Call;
use crate::page::{self, Page, PageRequest};
use crate::raw::{Checked, WithRaw};
use crate::resources::{AccountingResource, send_write};
use crate::wire::envelope::{self, Family};

/// One accounting resource of one business, e.g. `client.invoices(&account_id)`.
pub struct Accounting<R> {
    pub(crate) client: Client,
    account: AccountId,
    marker: PhantomData<fn() -> R>,
}

impl<R> Clone for Accounting<R> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
            account: self.account.clone(),
            marker: PhantomData,
        }
    }
}

impl<R> std::fmt::Debug for Accounting<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Accounting")
            .field("resource", &std::any::type_name::<R>())
            .field("account", &self.account)
            .finish()
    }
}

impl<R: AccountingResource> Accounting<R> {
    pub(crate) fn new(client: Client, account: AccountId) -> Self {
        Self {
            client,
            account,
            marker: PhantomData,
        }
    }

    /// The business's accounting id.
    pub fn account_id(&self) -> &AccountId {
        &self.account
    }

    pub(crate) fn base(&self) -> String {
        format!("/accounting/account/{}/{}", self.account, R::PATH)
    }

    /// A list of this resource: active and archived records unless filtered
    /// (deleted ones only with [`AccountingList::vis_state`]).
    pub fn list(&self) -> AccountingList<R> {
        AccountingList {
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
        let call = Call::get(format!("{}/{id}", self.base()), includes::<R>());
        let body = self.client.execute(&call).await?;
        single::<R>(&body, &call.operation())
    }

    /// Deletes a record (FreshBooks keeps it, with `vis_state` 1; [`Accounting::restore`] undoes it).
    pub async fn delete(&self, id: R::Id) -> Result<WithRaw<R::Record>> {
        self.set_vis_state(id, VisState::Deleted).await
    }

    /// Archives a record.
    pub async fn archive(&self, id: R::Id) -> Result<WithRaw<R::Record>> {
        self.set_vis_state(id, VisState::Archived).await
    }

    /// Restores an archived or deleted record.
    pub async fn restore(&self, id: R::Id) -> Result<WithRaw<R::Record>> {
        self.set_vis_state(id, VisState::Active).await
    }

    /// FreshBooks ignores every other field in a request that changes `vis_state`, so this
    /// request carries nothing else.
    async fn set_vis_state(&self, id: R::Id, state: VisState) -> Result<WithRaw<R::Record>> {
        self.put(id, json!({ R::SINGLE: { "vis_state": state.code() } }))
            .await
    }

    pub(crate) async fn post(&self, body: Value) -> Result<WithRaw<R::Record>> {
        let call = Call::write(Method::POST, self.base(), Some(body)).with_query(includes::<R>());
        send_write(&self.client, &call, single::<R>).await
    }

    pub(crate) async fn put(&self, id: R::Id, body: Value) -> Result<WithRaw<R::Record>> {
        let call = Call::write(Method::PUT, format!("{}/{id}", self.base()), Some(body))
            .with_query(includes::<R>());
        send_write(&self.client, &call, single::<R>).await
    }
}

/// The includes asked for on single reads and on writes, so that a written invoice comes back
/// with its lines.
fn includes<R: AccountingResource>() -> Vec<(String, String)> {
    R::GET_INCLUDES
        .iter()
        .map(|inc| ("include[]".to_owned(), (*inc).to_owned()))
        .collect()
}

fn single<R: AccountingResource>(body: &Value, operation: &str) -> Result<WithRaw<R::Record>> {
    let (raw, at) = envelope::single(Family::Accounting, body, R::SINGLE, operation)?;
    Ok(WithRaw {
        record: R::decode(raw, operation, &at)?,
        raw: raw.clone(),
    })
}

/// A list request being built: filters, includes, page size; then [`AccountingList::stream`].
#[must_use = "a list does nothing until streamed or paged"]
pub struct AccountingList<R> {
    handler: Accounting<R>,
    params: Vec<(String, String)>,
    per_page: u32,
}

impl<R> Clone for AccountingList<R> {
    fn clone(&self) -> Self {
        Self {
            handler: self.handler.clone(),
            params: self.params.clone(),
            per_page: self.per_page,
        }
    }
}

impl<R> std::fmt::Debug for AccountingList<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccountingList")
            .field("handler", &self.handler)
            .field("params", &self.params)
            .field("per_page", &self.per_page)
            .finish()
    }
}

impl<R: AccountingResource> AccountingList<R> {
    pub(crate) fn param(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push((key.into(), value.into()));
        self
    }

    /// A single-valued `search[field]`; setting it again replaces the earlier value.
    pub(crate) fn search(mut self, field: &str, value: impl Into<String>) -> Self {
        let key = format!("search[{field}]");
        self.params.retain(|(k, _)| *k != key);
        self.param(key, value)
    }

    pub(crate) fn search_in(
        mut self,
        field: &str,
        values: impl IntoIterator<Item = String>,
    ) -> Self {
        for value in values {
            self = self.param(format!("search[{field}][]"), value);
        }
        self
    }

    pub(crate) fn include(self, what: &str) -> Self {
        self.param("include[]", what)
    }

    /// Records per page, 1 to 100 (FreshBooks silently caps at 100).
    pub fn per_page(mut self, per_page: u32) -> Self {
        self.per_page = per_page.clamp(1, MAX_PER_PAGE);
        self
    }

    /// Only records whose state is `state` (`search[vis_state]`). Plain lists give active and
    /// archived records and never deleted ones; ask for [`VisState::Deleted`] to see those.
    pub fn vis_state(self, state: VisState) -> Self {
        self.search("vis_state", state.code().to_string())
    }

    /// Records updated on or after this US/Eastern day (`search[updated_min]`, day-granular).
    pub fn updated_min(self, day: NaiveDate) -> Self {
        self.search("updated_min", day.format("%Y-%m-%d").to_string())
    }

    /// Records updated before this US/Eastern day (`search[updated_max]`, strictly less-than).
    pub fn updated_max(self, day: NaiveDate) -> Self {
        self.search("updated_max", day.format("%Y-%m-%d").to_string())
    }

    /// Records updated at or after `since`: asks for its whole US/Eastern day, so the answer
    /// overlaps the watermark (FreshBooks' filter works to the day and is reported unreliable;
    /// callers should still dedupe and re-read fully now and then).
    pub fn updated_since(self, since: DateTime<Utc>) -> Self {
        self.updated_min(crate::time::eastern_date(since))
    }

    /// One page, 1-based.
    pub async fn page(&self, page: u32) -> Result<Page<WithRaw<R::Record>>> {
        let request = PageRequest {
            family: Family::Accounting,
            path: self.handler.base(),
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
            family: Family::Accounting,
            path: self.handler.base(),
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
