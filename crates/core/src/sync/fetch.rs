//! One page of one entity from FreshBooks, as raw JSON records: the only place the sync knows
//! which client call and filters each entity needs.

use chrono::{DateTime, Utc};
use ledgerline_freshbooks::{Checked, Client, Page};
use ledgerline_model::entity::VisState;
use serde_json::Value;

use crate::error::Result;
use ledgerline_model::entity::Entity;
use ledgerline_model::entity::UserBusiness;

/// Records per page: FreshBooks' cap, so a pull makes as few requests as it can.
pub const PER_PAGE: u32 = 100;

/// Which slice of an entity a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slice {
    /// Every active and archived record.
    All,
    /// Records updated since an instant (active and archived).
    UpdatedSince(DateTime<Utc>),
    /// Deleted records updated since an instant: plain lists hide deletions.
    DeletedSince(DateTime<Utc>),
}

/// A fetched page: its records' raw JSON, and the list's size.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched {
    /// The records, exactly as FreshBooks sent them.
    pub records: Vec<Value>,
    /// Records of the page that could not be read: set aside, not written.
    pub unreadable: Vec<Unreadable>,
    /// Pages in the list.
    pub pages: u32,
    /// Records in the list.
    pub total: u64,
    /// How far FreshBooks' clock (its answer's `Date`) was ahead of this computer's when the
    /// answer came (negative: behind), if it said.
    pub clock_skew: Option<chrono::TimeDelta>,
}

/// A record that could not be read, as FreshBooks sent it.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// Its id, if at least that could be read.
    pub id: Option<i64>,
    /// Why it could not be read.
    pub reason: String,
    /// As sent.
    pub raw: Value,
}

/// Whether an entity is paged (service rates come in one answer).
pub fn is_paged(entity: Entity) -> bool {
    entity != Entity::ServiceRates
}

/// Whether an entity has a second slice of deleted records to ask for in incremental pulls.
pub fn has_deleted_slice(entity: Entity) -> bool {
    matches!(
        entity,
        Entity::Clients
            | Entity::Invoices
            | Entity::Estimates
            | Entity::Expenses
            | Entity::Items
            | Entity::Payments
            | Entity::Taxes
    )
}

/// Fetches page `page` (1-based) of a slice of an entity.
pub async fn page(
    client: &Client,
    business: &UserBusiness,
    entity: Entity,
    slice: Slice,
    page: u32,
) -> Result<Fetched> {
    let account = &business.account_id;
    let id = business.business_id;
    macro_rules! accounting {
        ($handler:expr) => {{
            let mut list = $handler.list().per_page(PER_PAGE);
            match slice {
                Slice::All => {}
                Slice::UpdatedSince(t) => list = list.updated_since(t),
                Slice::DeletedSince(t) => list = list.updated_since(t).vis_state(VisState::Deleted),
            }
            checked_page(entity, list.page_checked(page).await?)
        }};
    }
    let res = match entity {
        Entity::Clients => accounting!(client.clients(account)),
        Entity::Invoices => {
            let mut list = client
                .invoices(account)
                .list()
                .per_page(PER_PAGE)
                .with_lines();
            match slice {
                Slice::All => {}
                Slice::UpdatedSince(t) => list = list.updated_since(t),
                Slice::DeletedSince(t) => {
                    list = list.updated_since(t).vis_state(VisState::Deleted);
                }
            }
            checked_page(entity, list.page_checked(page).await?)
        }
        Entity::Taxes => accounting!(client.taxes(account)),
        Entity::Payments => accounting!(client.payments(account)),
        Entity::Estimates => accounting!(client.estimates(account)),
        Entity::Expenses => accounting!(client.expenses(account)),
        Entity::Items => accounting!(client.items(account)),
        Entity::TimeEntries => {
            // `team`: without it FreshBooks lists only the signed-in user's own entries.
            let mut list = client.time_entries(id).list().team().per_page(PER_PAGE);
            // An incremental pull asks for deleted entries too: `include_deleted=true` lists an
            // entry deleted since then with `active: false` (time entries have no `vis_state`,
            // and a deleted one is gone everywhere else), so deletions arrive in the same
            // request as changes and the pull removes them (`pull::is_gone`). A full read does
            // not ask: it would list every entry ever deleted; its sweep confirms the rest.
            if let Slice::UpdatedSince(t) | Slice::DeletedSince(t) = slice {
                list = list.updated_since(t).include_deleted();
            }
            checked_page(entity, list.page_checked(page).await?)
        }
        Entity::Projects => {
            let mut list = client.projects(id).list().per_page(PER_PAGE);
            if let Slice::UpdatedSince(t) | Slice::DeletedSince(t) = slice {
                list = list.updated_since(t);
            }
            checked_page(entity, list.page_checked(page).await?)
        }
        Entity::Services => checked_page(
            entity,
            client
                .services(id)
                .list()
                .per_page(PER_PAGE)
                .page_checked(page)
                .await?,
        ),
        Entity::ServiceRates => {
            let rates = client.services(id).rates().await?;
            let total = u64::try_from(rates.len()).unwrap_or(u64::MAX);
            Fetched {
                records: rates.into_iter().map(|r| r.raw).collect(),
                unreadable: Vec::new(),
                pages: 1,
                total,
                clock_skew: None,
            }
        }
    };
    Ok(res)
}

/// What FreshBooks says of a record a full read did not see.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirmed {
    /// Still there (the list moved it past the reader): its JSON as FreshBooks sends it now.
    Live(Value),
    /// Gone: a 404, or deleted.
    Gone,
    /// There, but in a shape Ledgerline cannot read: left as the mirror has it.
    Unreadable,
}

/// Asks FreshBooks for one record a full read did not see, before the mirror lets it go.
pub async fn confirm(
    client: &Client,
    business: &UserBusiness,
    entity: Entity,
    id: i64,
) -> Result<Confirmed> {
    use ledgerline_model::ids::{
        ClientId, EstimateId, ExpenseId, InvoiceId, ItemId, PaymentId, ProjectId, ServiceId, TaxId,
        TimeEntryId,
    };
    let account = &business.account_id;
    let b = business.business_id;
    let res = match entity {
        Entity::Clients => client
            .clients(account)
            .get_with_raw(ClientId(id))
            .await
            .map(|r| r.raw),
        Entity::Invoices => client
            .invoices(account)
            .get_with_raw(InvoiceId(id))
            .await
            .map(|r| r.raw),
        Entity::Taxes => client
            .taxes(account)
            .get_with_raw(TaxId(id))
            .await
            .map(|r| r.raw),
        Entity::Payments => client
            .payments(account)
            .get_with_raw(PaymentId(id))
            .await
            .map(|r| r.raw),
        Entity::Estimates => client
            .estimates(account)
            .get_with_raw(EstimateId(id))
            .await
            .map(|r| r.raw),
        Entity::Expenses => client
            .expenses(account)
            .get_with_raw(ExpenseId(id))
            .await
            .map(|r| r.raw),
        Entity::Items => client
            .items(account)
            .get_with_raw(ItemId(id))
            .await
            .map(|r| r.raw),
        Entity::TimeEntries => client
            .time_entries(b)
            .get_with_raw(TimeEntryId(id))
            .await
            .map(|r| r.raw),
        Entity::Projects => client
            .projects(b)
            .get_with_raw(ProjectId(id))
            .await
            .map(|r| r.raw),
        Entity::Services => client
            .services(b)
            .get_with_raw(ServiceId(id))
            .await
            .map(|r| r.raw),
        Entity::ServiceRates => client.services(b).rate(ServiceId(id)).await.map(|r| r.raw),
    };
    match res {
        Ok(raw) if crate::store::records::is_deleted(entity, &raw) => Ok(Confirmed::Gone),
        Ok(raw) => Ok(Confirmed::Live(raw)),
        Err(ledgerline_freshbooks::Error::NotFound { .. }) => Ok(Confirmed::Gone),
        Err(ledgerline_freshbooks::Error::Decode { .. }) => Ok(Confirmed::Unreadable),
        Err(e) => Err(e.into()),
    }
}

/// A page read record by record: the readable ones to write, the others set aside.
fn checked_page<T>(entity: Entity, page: Page<Checked<T>>) -> Fetched {
    let mut records = Vec::with_capacity(page.items.len());
    let mut unreadable = Vec::new();
    for item in page.items {
        match item.record {
            Ok(_) => records.push(item.raw),
            Err(e) => unreadable.push(Unreadable {
                id: crate::store::records::record_id(entity, &item.raw),
                reason: unreadable_reason(&e),
                raw: item.raw,
            }),
        }
    }
    Fetched {
        records,
        unreadable,
        pages: page.pages,
        total: page.total,
        // Read on arrival: the `Date` was stamped before, and to the second only, so the skew
        // comes out a little low, which moves the watermark earlier (safe), never later.
        clock_skew: page.server_date.map(|date| date - Utc::now()),
    }
}

/// Why a record could not be read, without the place on its page (which changes from pull to
/// pull): "`started_at`: expected a UTC time, got "soon"".
fn unreadable_reason(e: &ledgerline_freshbooks::Error) -> String {
    match e {
        ledgerline_freshbooks::Error::Decode { path, message, .. } => {
            let field = path
                .rsplit_once(']')
                .map_or(path.as_str(), |(_, f)| f)
                .trim_start_matches('.');
            if field.is_empty() {
                message.clone()
            } else {
                format!("`{field}`: {message}")
            }
        }
        other => other.to_string(),
    }
}
