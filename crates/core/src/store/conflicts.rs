//! Conflicts: a field group changed here and in FreshBooks since the edit's base.

use chrono::{DateTime, Utc};
use ledgerline_model::ids::BusinessId;
use ledgerline_model::outbox::Resolution;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::sync_state::{fmt_time, parse_time};
use crate::error::Result;
use crate::outbox::op::Fields;
use ledgerline_model::entity::Entity;

/// One open or resolved conflict, with the fields as stored (FreshBooks' names).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredConflict {
    /// Its number, for `conflicts resolve`.
    pub id: i64,
    /// Its business.
    pub business: BusinessId,
    /// The record's entity.
    pub entity: Entity,
    /// The record.
    pub record_id: i64,
    /// The operation it holds back.
    pub op_seq: i64,
    /// The field group (`name`, `address` …).
    pub field_group: String,
    /// Our values for the group's changed fields.
    pub mine: Fields,
    /// FreshBooks' values for the same fields.
    pub theirs: Fields,
    /// When it was found.
    pub created_at: DateTime<Utc>,
}

/// A conflict to record.
#[derive(Debug, Clone, Copy)]
pub struct NewConflict<'a> {
    /// Its business.
    pub business: BusinessId,
    /// The record's entity.
    pub entity: Entity,
    /// The record.
    pub record_id: i64,
    /// The operation it holds back.
    pub op_seq: i64,
    /// The field group.
    pub field_group: &'a str,
    /// Our values.
    pub mine: &'a Fields,
    /// FreshBooks' values.
    pub theirs: &'a Fields,
}

/// Records a conflict; returns its number.
pub fn insert(tx: &Transaction<'_>, c: NewConflict<'_>, now: DateTime<Utc>) -> Result<i64> {
    tx.execute(
        "INSERT INTO conflicts(business_id, entity, record_id, op_seq, field_group, mine, theirs, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            c.business.get(),
            c.entity.as_str(),
            c.record_id,
            c.op_seq,
            c.field_group,
            serde_json::to_string(c.mine)?,
            serde_json::to_string(c.theirs)?,
            fmt_time(now)
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Open conflicts of a business, oldest first.
pub fn open(conn: &Connection, business: BusinessId) -> Result<Vec<StoredConflict>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE business_id = ?1 AND resolved_at IS NULL ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![business.get()], row_to_conflict)?;
    let mut res = Vec::new();
    for row in rows {
        res.push(row??);
    }
    Ok(res)
}

/// One open conflict.
pub fn get_open(conn: &Connection, id: i64) -> Result<Option<StoredConflict>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE id = ?1 AND resolved_at IS NULL"))?;
    stmt.query_row(params![id], row_to_conflict)
        .optional()?
        .transpose()
}

/// Open conflicts holding back one operation.
pub fn open_for_op(conn: &Connection, op_seq: i64) -> Result<Vec<StoredConflict>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE op_seq = ?1 AND resolved_at IS NULL ORDER BY id"
    ))?;
    let rows = stmt.query_map(params![op_seq], row_to_conflict)?;
    let mut res = Vec::new();
    for row in rows {
        res.push(row??);
    }
    Ok(res)
}

/// Marks a conflict resolved.
pub fn resolve(
    tx: &Transaction<'_>,
    id: i64,
    resolution: Resolution,
    now: DateTime<Utc>,
) -> Result<()> {
    let name = match resolution {
        Resolution::KeepMine => "keep_mine",
        Resolution::TakeFreshBooks => "take_freshbooks",
    };
    tx.execute(
        "UPDATE conflicts SET resolved_at = ?2, resolution = ?3 WHERE id = ?1",
        params![id, fmt_time(now), name],
    )?;
    Ok(())
}

const SELECT: &str = "SELECT id, business_id, entity, record_id, op_seq, field_group, mine, theirs, created_at FROM conflicts";

fn row_to_conflict(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<StoredConflict>> {
    let entity: String = row.get(2)?;
    let mine: String = row.get(6)?;
    let theirs: String = row.get(7)?;
    let created: String = row.get(8)?;
    let parsed = (|| -> Result<(Entity, Fields, Fields)> {
        Ok((
            entity.parse()?,
            serde_json::from_str(&mine)?,
            serde_json::from_str(&theirs)?,
        ))
    })();
    let (entity, mine, theirs) = match parsed {
        Ok(v) => v,
        Err(e) => return Ok(Err(e)),
    };
    Ok(Ok(StoredConflict {
        id: row.get(0)?,
        business: BusinessId(row.get(1)?),
        entity,
        record_id: row.get(3)?,
        op_seq: row.get(4)?,
        field_group: row.get(5)?,
        mine,
        theirs,
        created_at: parse_time(&created).unwrap_or_default(),
    }))
}
