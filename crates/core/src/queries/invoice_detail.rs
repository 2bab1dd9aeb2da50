//! One invoice as its page shows it: its lines and what they add up to, the client's email,
//! the time it bills, whether FreshBooks has it yet, and when it was last emailed from here.
//!
//! An invoice drafted here keeps its local (negative) id in the window until FreshBooks numbers
//! it; after the sync the same id still finds it (through the id map), so a page opened on the
//! local id stays right. The detail answers FreshBooks' id in `row.id` from then on.

use chrono::{DateTime, NaiveDate, Utc};
use ledgerline_model::entity::Entity;
use ledgerline_model::ids::{BusinessId, TimeEntryId};
use ledgerline_model::ipc::{InvoiceDetail, TaxTotal};
use ledgerline_model::money::{CurrencyCode, Money};
use ledgerline_model::outbox::{OpKind, OpState};
use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;

use super::badges::badges;
use super::invoice_totals::totals;
use super::invoices::{Fields, client_name, copied_name, to_row};
use crate::Core;
use crate::error::{Error, Result};
use crate::store::{outbox, records, settings};

impl Core {
    /// One invoice by FreshBooks' id or by the local id it had when drafted here; "overdue"
    /// counted from `today` when given.
    pub async fn invoice_detail(
        &self,
        business: BusinessId,
        id: i64,
        today: Option<NaiveDate>,
    ) -> Result<InvoiceDetail> {
        self.store()
            .read(move |c| detail(c, business, id, today))
            .await
    }
}

/// The settings key that remembers when an invoice was last emailed from here.
pub(crate) fn emailed_key(business: BusinessId, invoice: i64) -> String {
    format!("invoice_emailed:{}:{invoice}", business.get())
}

fn detail(
    c: &Connection,
    business: BusinessId,
    given: i64,
    today: Option<NaiveDate>,
) -> Result<InvoiceDetail> {
    let id = crate::edit::current_id(c, business, Entity::Invoices, given)?;
    let not_found = || Error::NotFound {
        entity: Entity::Invoices,
        id: given,
    };
    let raw = records::get(c, business, Entity::Invoices, id)?.ok_or_else(not_found)?;
    let invoice = ledgerline_freshbooks::resources::invoices::decode(&raw)?;
    let columns = c
        .prepare_cached(
            "SELECT invoice_number, customer_id, v3_status, create_date, due_date, amount,
                    outstanding, currency_code, vis_state
             FROM invoices WHERE business_id = ?1 AND id = ?2",
        )?
        .query_row(params![business.get(), id], |row| {
            Ok((
                row.get::<_, Option<String>>(0)?,
                row.get::<_, Option<i64>>(1)?,
                row.get::<_, Option<String>>(2)?,
                row.get::<_, Option<String>>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, Option<String>>(6)?,
                row.get::<_, Option<String>>(7)?,
                row.get::<_, i64>(8)?,
            ))
        })
        .optional()?
        .ok_or_else(not_found)?;
    let (number, client, v3_status, create_date, due_date, amount, outstanding, code, vis) =
        columns;
    let currency = currency_of(c, business, code.as_deref(), &invoice)?;
    let client_name = match client {
        Some(client) => match client_name(c, business, client, &mut Default::default())? {
            Some(name) => Some(name),
            None => copied_name(c, business, id)?,
        },
        None => copied_name(c, business, id)?,
    };
    let badge = badges(c, business, Entity::Invoices)?
        .get(&id)
        .copied()
        .unwrap_or_default();
    let mut row = to_row(
        id,
        Fields {
            number,
            client,
            client_name,
            v3_status: v3_status.as_deref(),
            create_date: create_date.as_deref(),
            due_date: due_date.as_deref(),
            amount: amount.as_deref(),
            outstanding: outstanding.as_deref(),
            currency: currency.clone(),
            vis_state: vis,
        },
        badge,
        today,
    );
    let lines = invoice.lines.as_deref().unwrap_or_default();
    let sums = totals(lines, invoice.discount_value.unwrap_or(Decimal::ZERO));
    let currency = currency.ok_or(Error::NotFound {
        entity: Entity::Invoices,
        id: given,
    })?;
    let money = |amount| Money::new(amount, currency.clone());
    // An invoice made here has no amount from FreshBooks yet: its lines say what it will be.
    if row.amount.is_none() && id < 0 {
        row.amount = Some(money(sums.total));
    }
    let client_email = match client {
        Some(client) => c
            .prepare_cached("SELECT email FROM clients WHERE business_id = ?1 AND id = ?2")?
            .query_row(params![business.get(), client], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()?
            .flatten()
            .map(|e| e.trim().to_owned())
            .filter(|e| !e.is_empty()),
        None => None,
    };
    let (entries, pending_seq) = made_here(c, business, id)?;
    let last_emailed = settings::get(c, &emailed_key(business, id))?
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc));
    let in_freshbooks = id > 0 && row.number.is_some();
    Ok(InvoiceDetail {
        row,
        subtotal: money(sums.subtotal),
        taxes: sums
            .taxes
            .into_iter()
            .map(|(tax, amount)| TaxTotal {
                tax,
                amount: money(amount),
            })
            .collect(),
        total: money(sums.total),
        client_email,
        entries,
        pending_seq,
        in_freshbooks,
        last_emailed,
        invoice,
    })
}

/// The invoice's currency: its own, else its lines', else the business's.
fn currency_of(
    c: &Connection,
    business: BusinessId,
    column: Option<&str>,
    invoice: &ledgerline_model::entity::Invoice,
) -> Result<Option<CurrencyCode>> {
    if let Some(code) = column.and_then(|code| CurrencyCode::new(code).ok()) {
        return Ok(Some(code));
    }
    if let Some(code) = invoice.currency_code.clone() {
        return Ok(Some(code));
    }
    let from_lines = invoice.lines.iter().flatten().find_map(|l| {
        l.unit_cost
            .as_ref()
            .or(l.amount.as_ref())
            .map(|m| m.currency.clone())
    });
    if from_lines.is_some() {
        return Ok(from_lines);
    }
    let code: Option<String> = c
        .query_row(
            "SELECT currency_code FROM businesses WHERE business_id = ?1",
            params![business.get()],
            |row| row.get(0),
        )
        .optional()?
        .flatten();
    Ok(code.and_then(|code| CurrencyCode::new(&code).ok()))
}

/// The time entries an invoice drafted here bills (FreshBooks' ids once they have them), and
/// the change that creates it while FreshBooks has not numbered it.
fn made_here(
    c: &Connection,
    business: BusinessId,
    id: i64,
) -> Result<(Vec<TimeEntryId>, Option<i64>)> {
    // The ids it went by: its own, and the local one it had before FreshBooks numbered it.
    let mut ids = vec![id];
    let mut stmt = c.prepare_cached(
        "SELECT local_id FROM id_map WHERE business_id = ?1 AND entity = ?2 AND remote_id = ?3",
    )?;
    for local in stmt.query_map(
        params![business.get(), Entity::Invoices.as_str(), id],
        |row| row.get::<_, i64>(0),
    )? {
        ids.push(local?);
    }
    let mut entries = Vec::new();
    let mut pending = None;
    for q in outbox::all(c, business)? {
        let kind = q.op.kind();
        if q.op.entity() != Entity::Invoices
            || !matches!(kind, OpKind::CreateInvoice | OpKind::DraftInvoiceFromTime)
            || !ids.contains(&q.op.target())
        {
            continue;
        }
        if q.state == OpState::Undone {
            continue;
        }
        for &entry in q.op.entries() {
            let entry = crate::edit::current_id(c, business, Entity::TimeEntries, entry)?;
            if !entries.contains(&TimeEntryId(entry)) {
                entries.push(TimeEntryId(entry));
            }
        }
        if id < 0 && q.state.is_open() {
            pending = Some(q.seq);
        }
    }
    Ok((entries, pending))
}
