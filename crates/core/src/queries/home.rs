//! Home: unbilled time, money owed and its aging, per currency, for one business or all.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate};
use ledgerline_model::home::{
    Aging, ClientAging, HomeSummary, ReceivableFigures, UnbilledFigures, UnbilledHours,
};
use ledgerline_model::ids::{BusinessId, ClientId, IdentityId, ProjectId, ServiceId, TimeEntryId};
use ledgerline_model::money::{CurrencyCode, Money};
use rusqlite::{Connection, params};
use rust_decimal::Decimal;

use super::{CLIENT_NAME, rate_book_in};
use crate::Core;
use crate::drafting::DraftEntry;
use crate::drafting::rates::rate_for;
use crate::error::Result;

impl Core {
    /// Home's figures for a business, or for every business together (`None`), as of `today`:
    /// each per currency, never one currency added to another.
    ///
    /// - Unbilled: billable time not yet billed, in its client's currency (else its business's),
    ///   valued at the rate drafting would use; time no rate applies to is counted apart.
    /// - Outstanding: invoices with something owed, drafts and deleted ones left out.
    /// - Overdue: those whose due date is before `today`.
    /// - Aging: what each client owes, by days past due (see `ledgerline_model::home`).
    pub async fn home(
        &self,
        business: Option<BusinessId>,
        today: NaiveDate,
    ) -> Result<HomeSummary> {
        self.store()
            .read(move |c| summary(c, business, today))
            .await
    }
}

/// A business as Home needs it.
struct Business {
    id: BusinessId,
    name: String,
    currency: Option<CurrencyCode>,
}

fn businesses(c: &Connection, only: Option<BusinessId>) -> Result<Vec<Business>> {
    let mut stmt = c.prepare_cached(
        "SELECT business_id, name, currency_code FROM businesses
         WHERE ?1 IS NULL OR business_id = ?1 ORDER BY position, business_id",
    )?;
    let rows = stmt.query_map(params![only.map(BusinessId::get)], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, Option<String>>(2)?,
        ))
    })?;
    let mut res = Vec::new();
    for row in rows {
        let (id, name, currency) = row?;
        res.push(Business {
            id: BusinessId(id),
            name,
            currency: currency.and_then(|c| CurrencyCode::new(&c).ok()),
        });
    }
    Ok(res)
}

/// One invoice with something owed (not a draft, not deleted).
pub(super) struct Owed {
    pub client: Option<i64>,
    pub money: Money,
    pub due: Option<NaiveDate>,
}

/// Every invoice of a business with something owed, read from the `invoices_receivable` index.
/// An invoice without a currency takes its business's; one with neither is left out (never
/// guessed).
pub(super) fn owed(
    c: &Connection,
    business: BusinessId,
    business_currency: Option<&CurrencyCode>,
) -> Result<Vec<Owed>> {
    let mut stmt = c.prepare_cached(
        "SELECT customer_id, currency_code, outstanding, due_date FROM invoices
         WHERE business_id = ?1 AND vis_state != 1 AND coalesce(v3_status, '') != 'draft'
           AND outstanding IS NOT NULL",
    )?;
    let rows = stmt.query_map(params![business.get()], |row| {
        Ok((
            row.get::<_, Option<i64>>(0)?,
            row.get::<_, Option<String>>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, Option<String>>(3)?,
        ))
    })?;
    let mut res = Vec::new();
    // Codes repeat on every row: each is checked once.
    let mut codes: HashMap<String, Option<CurrencyCode>> = HashMap::new();
    for row in rows {
        let (client, code, outstanding, due) = row?;
        let Ok(amount) = outstanding.trim().parse::<Decimal>() else {
            continue;
        };
        if amount <= Decimal::ZERO {
            continue;
        }
        let currency = match code {
            Some(code) => codes
                .entry(code)
                .or_insert_with_key(|code| CurrencyCode::new(code).ok())
                .clone(),
            None => None,
        };
        let Some(currency) = currency.or_else(|| business_currency.cloned()) else {
            continue;
        };
        res.push(Owed {
            client,
            money: Money::new(amount, currency),
            due: due.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        });
    }
    Ok(res)
}

/// Client names of a business, by id.
pub(super) fn client_names(c: &Connection, business: BusinessId) -> Result<HashMap<i64, String>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT c.id, {CLIENT_NAME} FROM clients c WHERE c.business_id = ?1"
    ))?;
    let rows = stmt.query_map(params![business.get()], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn summary(c: &Connection, only: Option<BusinessId>, today: NaiveDate) -> Result<HomeSummary> {
    let mut unbilled: BTreeMap<CurrencyCode, UnbilledFigures> = BTreeMap::new();
    let mut without_currency = UnbilledHours::default();
    let mut receivable: BTreeMap<CurrencyCode, ReceivableFigures> = BTreeMap::new();
    let mut aging = Vec::new();
    for b in businesses(c, only)? {
        unbilled_time(c, &b, &mut unbilled, &mut without_currency)?;
        let names = client_names(c, b.id)?;
        let mut per_client: BTreeMap<(Option<i64>, CurrencyCode), Aging> = BTreeMap::new();
        for o in owed(c, b.id, b.currency.as_ref())? {
            let figures = receivable
                .entry(o.money.currency.clone())
                .or_insert_with(|| ReceivableFigures {
                    currency: o.money.currency.clone(),
                    outstanding: Money::zero(o.money.currency.clone()),
                    outstanding_count: 0,
                    overdue: Money::zero(o.money.currency.clone()),
                    overdue_count: 0,
                });
            figures.outstanding.amount += o.money.amount;
            figures.outstanding_count += 1;
            if o.due.is_some_and(|due| due < today) {
                figures.overdue.amount += o.money.amount;
                figures.overdue_count += 1;
            }
            per_client
                .entry((o.client, o.money.currency.clone()))
                .or_insert_with(|| Aging::zero(o.money.currency.clone()))
                .add(o.money.amount, o.due, today);
        }
        for ((client, _), sums) in per_client {
            // An invoice without a client cannot be put on a client's bar; it still counts in
            // the totals above.
            let Some(client) = client else { continue };
            aging.push(ClientAging {
                business: b.id,
                business_name: b.name.clone(),
                client: ClientId(client),
                client_name: names.get(&client).cloned().unwrap_or_default(),
                aging: sums,
            });
        }
    }
    aging.sort_by(|a, b| {
        b.aging
            .total()
            .amount
            .cmp(&a.aging.total().amount)
            .then_with(|| {
                a.client_name
                    .to_lowercase()
                    .cmp(&b.client_name.to_lowercase())
            })
            .then_with(|| (a.business, a.client).cmp(&(b.business, b.client)))
    });
    Ok(HomeSummary {
        business: only,
        today,
        unbilled: unbilled
            .into_values()
            .map(|mut f| {
                f.amount = f.amount.round_to_cents();
                f
            })
            .collect(),
        unbilled_without_currency: without_currency,
        receivable: receivable.into_values().collect(),
        aging,
    })
}

/// Adds a business's billable, unbilled time to the figures of its currencies.
fn unbilled_time(
    c: &Connection,
    b: &Business,
    figures: &mut BTreeMap<CurrencyCode, UnbilledFigures>,
    without_currency: &mut UnbilledHours,
) -> Result<()> {
    let (book, _) = rate_book_in(c, b.id)?;
    // Each client's currency, read once; the entries from the time_entries_list index alone.
    let mut currencies: HashMap<i64, Option<CurrencyCode>> = HashMap::new();
    {
        let mut stmt = c.prepare_cached(
            "SELECT id, currency_code FROM clients WHERE business_id = ?1 AND currency_code IS NOT NULL",
        )?;
        let rows = stmt.query_map(params![b.id.get()], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (id, code) = row?;
            currencies.insert(id, CurrencyCode::new(&code).ok());
        }
    }
    let mut stmt = c.prepare_cached(
        "SELECT t.id, t.client_id, t.project_id, t.service_id, t.identity_id, t.duration
         FROM time_entries t INDEXED BY time_entries_list
         WHERE t.business_id = ?1 AND t.billed = 0 AND t.billable = 1 AND t.vis_state != 1",
    )?;
    let rows = stmt.query_map(params![b.id.get()], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, Option<i64>>(1)?,
            row.get::<_, Option<i64>>(2)?,
            row.get::<_, Option<i64>>(3)?,
            row.get::<_, Option<i64>>(4)?,
            row.get::<_, i64>(5)?,
        ))
    })?;
    for row in rows {
        let (id, client, project, service, identity, seconds) = row?;
        let currency = client
            .and_then(|client| currencies.get(&client).cloned().flatten())
            .or_else(|| b.currency.clone());
        let Some(currency) = currency else {
            without_currency.add(seconds);
            continue;
        };
        let f = figures
            .entry(currency.clone())
            .or_insert_with(|| UnbilledFigures {
                amount: Money::zero(currency.clone()),
                currency,
                total: UnbilledHours::default(),
                without_rate: UnbilledHours::default(),
            });
        f.total.add(seconds);
        // Only what picks the rate matters here.
        let entry = DraftEntry {
            id: TimeEntryId(id),
            client_id: client.map(ClientId),
            project_id: project.map(ProjectId),
            service_id: service.map(ServiceId),
            identity_id: identity.map(IdentityId),
            started_at: DateTime::UNIX_EPOCH,
            duration_seconds: seconds,
            note: None,
            billable: true,
        };
        match rate_for(&book, &entry) {
            // A flat fee is billed once, not by the hour: its time adds no amount here.
            Some((_, crate::drafting::RateSource::FlatFee(_))) => {}
            Some((rate, _)) => {
                f.amount.amount += rate * Decimal::from(seconds) / Decimal::from(3600);
            }
            None => f.without_rate.add(seconds),
        }
    }
    Ok(())
}
