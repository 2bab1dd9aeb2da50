//! The invoice list: state, client, dates, amounts, badges.

use std::collections::HashMap;

use chrono::NaiveDate;
use ledgerline_model::entity::Entity;
use ledgerline_model::ids::{BusinessId, ClientId};
use ledgerline_model::money::{CurrencyCode, Money};
use ledgerline_model::views::{InvoiceQuery, InvoiceRow, InvoiceState, InvoiceStatusFilter};
use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;

use super::badges::badges;
use super::fts_query;
use crate::Core;
use crate::error::Result;

impl Core {
    /// A business's invoices as the query asks, latest first (by date, then id). An invoice made
    /// here shows without a number until FreshBooks gives it one.
    pub async fn list_invoices(
        &self,
        business: BusinessId,
        query: InvoiceQuery,
    ) -> Result<Vec<InvoiceRow>> {
        self.store().read(move |c| list(c, business, &query)).await
    }
}

fn list(c: &Connection, business: BusinessId, q: &InvoiceQuery) -> Result<Vec<InvoiceRow>> {
    let badges = badges(c, business, Entity::Invoices)?;
    let client = q
        .client
        .map(|id| crate::edit::current_id(c, business, Entity::Clients, id.get()))
        .transpose()?;
    let search = q.search.as_deref().and_then(fts_query);
    // The invoices_list index holds every column read here: the rows (with their raw JSON and
    // lines) are read only for the name copied onto an invoice whose client the mirror lacks.
    let mut stmt = c.prepare_cached(
        "SELECT i.id, i.invoice_number, i.customer_id, i.v3_status, i.create_date, i.due_date,
                i.amount, i.outstanding, i.currency_code, i.vis_state
         FROM invoices i INDEXED BY invoices_list
         WHERE i.business_id = ?1 AND (?2 IS NULL OR i.customer_id = ?2)
           AND (?3 IS NULL OR i.create_date >= ?3) AND (?4 IS NULL OR i.create_date <= ?4)
           AND (?5 IS NULL OR i.rowid IN (SELECT rowid FROM invoices_fts WHERE invoices_fts MATCH ?5))
         ORDER BY i.create_date DESC, i.id DESC",
    )?;
    let names = super::home::client_names(c, business)?;
    let mut rows = stmt.query(params![
        business.get(),
        client,
        q.from.map(|d| d.format("%Y-%m-%d").to_string()),
        q.to.map(|d| d.format("%Y-%m-%d").to_string()),
        search,
    ])?;
    let mut codes: HashMap<String, Option<CurrencyCode>> = HashMap::new();
    let mut res = Vec::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let v3: Option<String> = row.get(3)?;
        let vis: i64 = row.get(9)?;
        let currency = match row.get::<_, Option<String>>(8)? {
            Some(code) => codes
                .entry(code)
                .or_insert_with_key(|code| CurrencyCode::new(code).ok())
                .clone(),
            None => None,
        };
        let money = |text: Option<String>| -> Option<Money> {
            let amount = text?.trim().parse::<Decimal>().ok()?;
            Some(Money::new(amount, currency.clone()?))
        };
        let amount = money(row.get(6)?);
        let outstanding = money(row.get(7)?);
        let due_date = date(row.get(5)?);
        let state = state_of(
            vis,
            v3.as_deref(),
            outstanding.as_ref().map(|m| m.amount),
            due_date,
            q.today,
        );
        let keep = match q.status {
            InvoiceStatusFilter::All => state != InvoiceState::Deleted,
            InvoiceStatusFilter::Draft => state == InvoiceState::Draft,
            InvoiceStatusFilter::Outstanding => {
                !matches!(
                    state,
                    InvoiceState::Draft | InvoiceState::Deleted | InvoiceState::Paid
                ) && outstanding
                    .as_ref()
                    .is_some_and(|m| m.amount > Decimal::ZERO)
            }
            InvoiceStatusFilter::Overdue => state == InvoiceState::Overdue,
            InvoiceStatusFilter::Paid => state == InvoiceState::Paid,
            InvoiceStatusFilter::Deleted => state == InvoiceState::Deleted,
        };
        if !keep {
            continue;
        }
        let badge = badges.get(&id).copied().unwrap_or_default();
        let client: Option<i64> = row.get(2)?;
        res.push(InvoiceRow {
            id,
            // A local invoice's number is not FreshBooks' yet.
            number: row
                .get::<_, Option<String>>(1)?
                .filter(|n| id > 0 && !n.trim().is_empty()),
            client: client.map(ClientId),
            client_name: match client.and_then(|id| names.get(&id)) {
                Some(name) => Some(name.clone()).filter(|n| !n.is_empty()),
                None => copied_name(c, business, id)?,
            },
            state,
            create_date: date(row.get(4)?),
            due_date,
            amount,
            outstanding,
            currency,
            pending: badge.pending,
            conflict: badge.conflict,
        });
    }
    Ok(res)
}

/// The client's name as copied onto an invoice (for a client the mirror does not have).
fn copied_name(c: &Connection, business: BusinessId, id: i64) -> Result<Option<String>> {
    let mut stmt = c.prepare_cached(
        "SELECT trim(coalesce(nullif(json_extract(raw, '$.organization'), ''),
                     coalesce(json_extract(raw, '$.fname'), '') || ' ' ||
                     coalesce(json_extract(raw, '$.lname'), '')))
         FROM invoices WHERE business_id = ?1 AND id = ?2",
    )?;
    let name: Option<String> = stmt
        .query_row(params![business.get(), id], |row| row.get(0))
        .optional()?;
    Ok(name.filter(|n| !n.is_empty()))
}

fn date(text: Option<String>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text?.get(..10)?, "%Y-%m-%d").ok()
}

/// Where an invoice stands. With `today`, an unpaid invoice is overdue from the day after its
/// due date (FreshBooks' word is as of the last sync); without it, FreshBooks' word decides.
pub(crate) fn state_of(
    vis_state: i64,
    v3_status: Option<&str>,
    outstanding: Option<Decimal>,
    due: Option<NaiveDate>,
    today: Option<NaiveDate>,
) -> InvoiceState {
    if vis_state == 1 {
        return InvoiceState::Deleted;
    }
    let word = v3_status.unwrap_or("").trim().to_ascii_lowercase();
    if word == "draft" {
        return InvoiceState::Draft;
    }
    let owed = outstanding.is_some_and(|o| o > Decimal::ZERO);
    if outstanding.is_some_and(|o| o <= Decimal::ZERO)
        || matches!(word.as_str(), "paid" | "autopaid" | "success")
    {
        return InvoiceState::Paid;
    }
    if let Some(today) = today
        && owed
        && due.is_some_and(|due| due < today)
    {
        return InvoiceState::Overdue;
    }
    match word.as_str() {
        "sent" | "created" | "pending" => InvoiceState::Sent,
        "viewed" => InvoiceState::Viewed,
        "partial" | "deposit-partial" => InvoiceState::Partial,
        // FreshBooks' overdue, seen on a day it is not overdue any more (due date moved).
        "overdue" if today.is_some() => InvoiceState::Sent,
        "overdue" => InvoiceState::Overdue,
        "disputed" => InvoiceState::Disputed,
        "" => InvoiceState::Sent,
        other => InvoiceState::Other(other.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 3, d)
    }

    #[test]
    fn states() {
        let owed = Some(Decimal::from(10));
        let paid = Some(Decimal::ZERO);
        assert_eq!(
            state_of(1, Some("sent"), owed, None, None),
            InvoiceState::Deleted
        );
        assert_eq!(
            state_of(0, Some("draft"), owed, day(1), day(20)),
            InvoiceState::Draft
        );
        assert_eq!(
            state_of(0, Some("sent"), paid, day(1), day(20)),
            InvoiceState::Paid
        );
        assert_eq!(
            state_of(0, Some("sent"), owed, day(19), day(20)),
            InvoiceState::Overdue
        );
        assert_eq!(
            state_of(0, Some("sent"), owed, day(20), day(20)),
            InvoiceState::Sent
        );
        assert_eq!(
            state_of(0, Some("viewed"), owed, None, day(20)),
            InvoiceState::Viewed
        );
        assert_eq!(
            state_of(0, Some("overdue"), owed, day(25), day(20)),
            InvoiceState::Sent
        );
        assert_eq!(
            state_of(0, Some("overdue"), owed, day(25), None),
            InvoiceState::Overdue
        );
        assert_eq!(
            state_of(0, Some("declined"), owed, None, None),
            InvoiceState::Other("declined".into())
        );
    }
}
