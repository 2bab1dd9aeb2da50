//! The client list: visibility, full-text search, balances owed, badges, sort.

use std::collections::{BTreeMap, HashMap};

use ledgerline_model::entity::{Entity, VisState};
use ledgerline_model::ids::BusinessId;
use ledgerline_model::money::{CurrencyCode, Money};
use ledgerline_model::views::{ClientQuery, ClientRow, ClientSort};
use rusqlite::{Connection, OptionalExtension, params};

use super::badges::badges;
use super::home::owed;
use super::{CLIENT_NAME, fts_query};
use crate::Core;
use crate::error::Result;

impl Core {
    /// Clients of a business as the query asks: which visibilities, the words searched (through
    /// the full-text index, each word a prefix), in its order; each with what it owes per
    /// currency and its badges. A [`ledgerline_model::views::ClientFilter`] still works: active
    /// clients by name, and archived or deleted ones as it asks.
    pub async fn list_clients(
        &self,
        business: BusinessId,
        query: impl Into<ClientQuery>,
    ) -> Result<Vec<ClientRow>> {
        let query = query.into();
        self.store().read(move |c| list(c, business, &query)).await
    }
}

fn list(c: &Connection, business: BusinessId, q: &ClientQuery) -> Result<Vec<ClientRow>> {
    let search = q.search.as_deref().and_then(fts_query);
    let badges = badges(c, business, Entity::Clients)?;
    let business_currency: Option<CurrencyCode> = c
        .query_row(
            "SELECT currency_code FROM businesses WHERE business_id = ?1",
            params![business.get()],
            |row| row.get::<_, Option<String>>(0),
        )
        .optional()?
        .flatten()
        .and_then(|code| CurrencyCode::new(&code).ok());
    let mut owes: HashMap<i64, BTreeMap<CurrencyCode, Money>> = HashMap::new();
    for o in owed(c, business, business_currency.as_ref())? {
        let Some(client) = o.client else { continue };
        owes.entry(client)
            .or_default()
            .entry(o.money.currency.clone())
            .or_insert_with(|| Money::zero(o.money.currency.clone()))
            .amount += o.money.amount;
    }
    let mut stmt = c.prepare_cached(&format!(
        "SELECT c.id, {CLIENT_NAME}, c.email, c.vis_state, c.updated FROM clients c
         WHERE c.business_id = ?1
           AND (?2 IS NULL OR c.rowid IN (SELECT rowid FROM clients_fts WHERE clients_fts MATCH ?2))
         ORDER BY 2 COLLATE NOCASE, c.id"
    ))?;
    let rows = stmt.query_map(params![business.get(), search], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, Option<String>>(2)?,
            row.get::<_, i64>(3)?,
            row.get::<_, Option<String>>(4)?,
        ))
    })?;
    let mut res = Vec::new();
    let mut updated: HashMap<i64, Option<String>> = HashMap::new();
    for row in rows {
        let (id, name, email, vis, changed) = row?;
        let vis_state = VisState::from_freshbooks(vis);
        let keep = match vis_state {
            VisState::Active => q.active,
            VisState::Archived => q.archived,
            VisState::Deleted => q.deleted,
            // Neither active nor deleted until understood: shown with the archived.
            VisState::Unknown(_) => q.archived,
        };
        if !keep {
            continue;
        }
        let badge = badges.get(&id).copied().unwrap_or_default();
        if q.sort == ClientSort::RecentlyChanged {
            updated.insert(id, changed);
        }
        res.push(ClientRow {
            id,
            name,
            email,
            vis_state,
            pending: badge.pending,
            conflict: badge.conflict,
            outstanding: owes
                .remove(&id)
                .map(|m| m.into_values().collect())
                .unwrap_or_default(),
        });
    }
    match q.sort {
        ClientSort::Name => {}
        ClientSort::Outstanding => {
            // Stable: equal balances stay by name.
            res.sort_by_key(|row| std::cmp::Reverse(largest(row)));
        }
        ClientSort::RecentlyChanged => {
            let key = |row: &ClientRow| {
                (
                    badges.get(&row.id).map(|b| b.last_seq),
                    updated.get(&row.id).cloned().flatten(),
                )
            };
            res.sort_by_cached_key(|row| std::cmp::Reverse(key(row)));
        }
    }
    Ok(res)
}

/// The largest amount a client owes in any one currency.
fn largest(row: &ClientRow) -> rust_decimal::Decimal {
    row.outstanding
        .iter()
        .map(|m| m.amount)
        .max()
        .unwrap_or_default()
}
