//! Records to read again from FreshBooks: while a change to a record was pending, pulls kept our
//! values and skipped what FreshBooks changed in its other fields. When the record's last
//! pending change leaves the queue without being sent (undone, or settled by taking FreshBooks'
//! values), the record is marked here, and the next sync reads it again
//! (`crate::sync::stale`).

use ledgerline_model::entity::Entity;
use ledgerline_model::ids::BusinessId;
use rusqlite::{Connection, Transaction, params};

use super::outbox;
use crate::error::Result;

/// Marks a record to read again, unless another change to it is still open (its answer, or the
/// next pull after it, brings FreshBooks' values). Local-only records (negative ids) have
/// nothing in FreshBooks to read.
pub fn mark_if_settled(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    id: i64,
) -> Result<()> {
    if id <= 0 || outbox::has_open_ops(tx, business, entity, id)? {
        return Ok(());
    }
    tx.execute(
        "INSERT OR IGNORE INTO stale_records(business_id, entity, id) VALUES (?1, ?2, ?3)",
        params![business.get(), entity.as_str(), id],
    )?;
    Ok(())
}

/// The records of a business to read again, oldest marks first.
pub fn list(conn: &Connection, business: BusinessId) -> Result<Vec<(Entity, i64)>> {
    let mut stmt =
        conn.prepare("SELECT entity, id FROM stale_records WHERE business_id = ?1 ORDER BY rowid")?;
    let rows = stmt.query_map(params![business.get()], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
    })?;
    let mut res = Vec::new();
    for row in rows {
        let (entity, id) = row?;
        // Only Ledgerline writes this table; a name it no longer knows is dropped.
        if let Ok(entity) = entity.parse() {
            res.push((entity, id));
        }
    }
    Ok(res)
}

/// Forgets a mark: the record was read again (or is gone).
pub fn clear(tx: &Transaction<'_>, business: BusinessId, entity: Entity, id: i64) -> Result<()> {
    tx.execute(
        "DELETE FROM stale_records WHERE business_id = ?1 AND entity = ?2 AND id = ?3",
        params![business.get(), entity.as_str(), id],
    )?;
    Ok(())
}
