//! Reads again, one by one, the records `store::stale` marked: what FreshBooks changed in them
//! while a change here was pending reaches the mirror now, not with the next daily full read.

use ledgerline_freshbooks::Client;
use ledgerline_model::entity::{Entity, UserBusiness};
use ledgerline_model::event::{Event, Origin};
use ledgerline_model::ids::{ClientId, InvoiceId, TimeEntryId};
use serde_json::Value;
use tokio::sync::broadcast;

use crate::error::{Error, Result};
use crate::store::{Store, outbox, records, stale};

/// Reads every marked record of a business again. A record FreshBooks no longer has leaves the
/// mirror; a record with a change pending again keeps its local values (and its mark goes: the
/// change's answer brings FreshBooks' values). Returns how many were read.
pub async fn refresh(
    store: &Store,
    client: &Client,
    business: &UserBusiness,
    events: &broadcast::Sender<Event>,
) -> Result<usize> {
    let id = business.business_id;
    let marked = store.read(move |c| stale::list(c, id)).await?;
    let n_marked = marked.len();
    for (entity, record) in marked {
        let raw = match get(client, business, entity, record).await {
            Ok(Value::Null) => {
                let clear =
                    move |tx: &rusqlite::Transaction<'_>| stale::clear(tx, id, entity, record);
                store.write(clear).await?;
                continue;
            }
            Ok(raw) => Some(raw),
            Err(Error::FreshBooks(ledgerline_freshbooks::Error::NotFound { .. })) => None,
            Err(e) => return Err(e),
        };
        store
            .write(move |tx| {
                match &raw {
                    Some(raw) => {
                        records::upsert(tx, id, entity, raw, None)?;
                    }
                    // Gone in FreshBooks: it leaves the mirror, unless a change to it waits (that
                    // change is refused with FreshBooks' reason when sent, and can be undone).
                    None => {
                        if !outbox::has_open_ops(tx, id, entity, record)? {
                            records::delete(tx, id, entity, record)?;
                        }
                    }
                }
                stale::clear(tx, id, entity, record)
            })
            .await?;
        let _ = events.send(Event::Changed {
            business: id,
            entity,
            origin: Origin::Sync,
        });
    }
    Ok(n_marked)
}

/// One record as FreshBooks has it now.
async fn get(client: &Client, business: &UserBusiness, entity: Entity, id: i64) -> Result<Value> {
    let account = &business.account_id;
    let raw = match entity {
        Entity::Clients => {
            client
                .clients(account)
                .get_with_raw(ClientId(id))
                .await?
                .raw
        }
        Entity::Invoices => {
            client
                .invoices(account)
                .get_with_raw(InvoiceId(id))
                .await?
                .raw
        }
        Entity::TimeEntries => {
            client
                .time_entries(business.business_id)
                .get_with_raw(TimeEntryId(id))
                .await?
                .raw
        }
        // Only these are edited here, so only these are ever marked.
        Entity::Projects
        | Entity::Services
        | Entity::ServiceRates
        | Entity::Taxes
        | Entity::Payments
        | Entity::Estimates
        | Entity::Expenses
        | Entity::Items => return Ok(Value::Null),
    };
    Ok(raw)
}
