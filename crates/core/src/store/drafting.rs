//! What the drafting wizard remembers: the business's default hourly rate, the choices last
//! saved (per client, and for the business), and the team members known by name.

use std::collections::BTreeMap;

use ledgerline_model::entity::Entity;
use ledgerline_model::ids::{BusinessId, IdentityId, ProjectId};
use ledgerline_model::ipc::DraftChoices;
use ledgerline_model::outbox::OpState;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use rust_decimal::Decimal;

use crate::error::Result;
use crate::store::records;

/// The business's default hourly rate, if the user gave one.
pub fn business_rate(c: &Connection, business: BusinessId) -> Result<Option<Decimal>> {
    let rate: Option<Option<String>> = c
        .query_row(
            "SELECT business_rate FROM drafting_settings WHERE business_id = ?1",
            params![business.get()],
            |row| row.get(0),
        )
        .optional()?;
    Ok(rate.flatten().and_then(|r| r.parse().ok()))
}

/// Remembers (or forgets) the business's default hourly rate.
pub fn set_business_rate(
    tx: &Transaction<'_>,
    business: BusinessId,
    rate: Option<Decimal>,
) -> Result<()> {
    tx.execute(
        "INSERT INTO drafting_settings(business_id, business_rate) VALUES (?1, ?2)
         ON CONFLICT(business_id) DO UPDATE SET business_rate = excluded.business_rate",
        params![business.get(), rate.map(|r| r.normalize().to_string())],
    )?;
    Ok(())
}

/// The choices remembered for a client, else the business's last ones.
pub fn choices(
    c: &Connection,
    business: BusinessId,
    client: Option<i64>,
) -> Result<Option<DraftChoices>> {
    let own: Option<String> = match client {
        Some(client) => c
            .query_row(
                "SELECT choices FROM drafting_choices WHERE business_id = ?1 AND client_id = ?2",
                params![business.get(), client],
                |row| row.get(0),
            )
            .optional()?,
        None => None,
    };
    let text = match own {
        Some(text) => Some(text),
        None => c
            .query_row(
                "SELECT defaults FROM drafting_settings WHERE business_id = ?1",
                params![business.get()],
                |row| row.get::<_, Option<String>>(0),
            )
            .optional()?
            .flatten(),
    };
    // Choices of an older version that no longer read are forgotten, not an error.
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

/// Remembers the choices for the client, and as the business's defaults.
pub fn remember(
    tx: &Transaction<'_>,
    business: BusinessId,
    client: i64,
    choices: &DraftChoices,
) -> Result<()> {
    let text = serde_json::to_string(choices)?;
    tx.execute(
        "INSERT INTO drafting_choices(business_id, client_id, choices) VALUES (?1, ?2, ?3)
         ON CONFLICT(business_id, client_id) DO UPDATE SET choices = excluded.choices",
        params![business.get(), client, text],
    )?;
    tx.execute(
        "INSERT INTO drafting_settings(business_id, defaults) VALUES (?1, ?2)
         ON CONFLICT(business_id) DO UPDATE SET defaults = excluded.defaults",
        params![business.get(), text],
    )?;
    Ok(())
}

/// Records what a draft operation billed of flat-fee projects, in the transaction that queues it.
pub fn record_flat_fees(
    tx: &Transaction<'_>,
    business: BusinessId,
    op_seq: i64,
    fees: &[(ProjectId, Decimal)],
) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO drafted_flat_fees(op_seq, business_id, project_id, amount) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(op_seq, project_id) DO UPDATE SET amount = excluded.amount",
    )?;
    for (project, amount) in fees {
        stmt.execute(params![
            op_seq,
            business.get(),
            project.get(),
            amount.normalize().to_string()
        ])?;
    }
    Ok(())
}

/// What drafts made here billed of each flat-fee project: drafts undone left out, and drafts
/// sent whose invoice FreshBooks no longer has (deleted there; its time can be billed again).
pub fn drafted_flat_fees(
    c: &Connection,
    business: BusinessId,
) -> Result<BTreeMap<ProjectId, Decimal>> {
    let mut stmt = c.prepare_cached(
        "SELECT f.project_id, f.amount, o.state, o.target_id
         FROM drafted_flat_fees f JOIN outbox o ON o.seq = f.op_seq
         WHERE f.business_id = ?1 AND o.state != 'undone'",
    )?;
    let rows = stmt.query_map(params![business.get()], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, i64>(3)?,
        ))
    })?;
    let mut res: BTreeMap<ProjectId, Decimal> = BTreeMap::new();
    for row in rows {
        let (project, amount, state, invoice) = row?;
        if state == OpState::Done.as_str() && invoice_gone(c, business, invoice)? {
            continue;
        }
        if let Ok(amount) = amount.parse::<Decimal>() {
            let sum = res.entry(ProjectId(project)).or_default();
            *sum = sum.saturating_add(amount);
        }
    }
    Ok(res)
}

/// Whether the invoice a sent draft became is gone from FreshBooks (deleted there, or no longer
/// in the mirror), as [`crate::Core::orphaned_billed_entries`] tells it.
fn invoice_gone(c: &Connection, business: BusinessId, invoice: i64) -> Result<bool> {
    let invoice = if invoice < 0 {
        match records::remote_id_of(c, business, Entity::Invoices, invoice)? {
            Some(id) => id,
            None => return Ok(false),
        }
    } else {
        invoice
    };
    Ok(
        match records::get(c, business, Entity::Invoices, invoice)? {
            None => true,
            Some(raw) => raw.get("vis_state").and_then(serde_json::Value::as_i64) == Some(1),
        },
    )
}

/// Records the signed-in user in a business: their identity and name.
pub fn set_me(
    tx: &Transaction<'_>,
    business: BusinessId,
    identity: IdentityId,
    name: Option<&str>,
) -> Result<()> {
    tx.execute(
        "UPDATE team_members SET mine = 0 WHERE business_id = ?1 AND identity_id != ?2",
        params![business.get(), identity.get()],
    )?;
    tx.execute(
        "INSERT INTO team_members(business_id, identity_id, name, mine) VALUES (?1, ?2, ?3, 1)
         ON CONFLICT(business_id, identity_id) DO UPDATE SET name = excluded.name, mine = 1",
        params![business.get(), identity.get(), name],
    )?;
    Ok(())
}

/// The team members known in a business: (identity, name, whether it is the signed-in user).
pub fn team_members(
    c: &Connection,
    business: BusinessId,
) -> Result<Vec<(IdentityId, Option<String>, bool)>> {
    let mut stmt = c.prepare_cached(
        "SELECT identity_id, name, mine FROM team_members WHERE business_id = ?1",
    )?;
    let rows = stmt.query_map(params![business.get()], |row| {
        Ok((
            IdentityId(row.get(0)?),
            row.get::<_, Option<String>>(1)?,
            row.get::<_, bool>(2)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::temp_store;
    use ledgerline_model::draft::{Grouping, Rounding};

    fn business(tx: &Transaction<'_>, id: i64) -> Result<()> {
        tx.execute(
            "INSERT INTO businesses(business_id, account_id, name, role, raw)
             VALUES (?1, 'acc', 'Biz', 'owner', '{}')",
            params![id],
        )?;
        Ok(())
    }

    #[test]
    fn rate_and_choices_are_remembered_per_business_and_client() {
        let (_dir, store) = temp_store();
        let b = BusinessId(1);
        let remembered = choices_of();
        store
            .write_blocking(move |tx| {
                business(tx, 1)?;
                business(tx, 2)?;
                set_business_rate(tx, b, Some(Decimal::new(9550, 2)))?;
                remember(tx, b, 5, &remembered)?;
                set_me(tx, b, IdentityId(7), Some("Ada"))?;
                Ok(())
            })
            .unwrap();
        store
            .read_blocking(move |c| {
                assert_eq!(business_rate(c, b)?, Some(Decimal::new(955, 1)));
                assert_eq!(business_rate(c, BusinessId(2))?, None);
                assert_eq!(choices(c, b, Some(5))?.as_ref(), Some(&choices_of()));
                // Another client gets the business's last choices; another business nothing.
                assert_eq!(choices(c, b, Some(6))?.as_ref(), Some(&choices_of()));
                assert_eq!(choices(c, BusinessId(2), Some(5))?, None);
                assert_eq!(
                    team_members(c, b)?,
                    [(IdentityId(7), Some("Ada".to_owned()), true)]
                );
                Ok(())
            })
            .unwrap();
        // Forgetting the rate keeps the choices.
        store
            .write_blocking(move |tx| set_business_rate(tx, b, None))
            .unwrap();
        store
            .read_blocking(move |c| {
                assert_eq!(business_rate(c, b)?, None);
                assert!(choices(c, b, None)?.is_some());
                Ok(())
            })
            .unwrap();
    }

    fn choices_of() -> DraftChoices {
        DraftChoices {
            grouping: Grouping::ByService,
            rounding: Rounding::EXACT,
            project_rounding: vec![],
            taxes: vec![],
            template: "{note}".into(),
        }
    }
}
