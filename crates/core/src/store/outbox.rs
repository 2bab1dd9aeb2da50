//! The outbox table: durable operations waiting for, or done with, FreshBooks.
//!
//! Rows are only added by `crate::edit`, in the same transaction as the optimistic local change
//! (the architecture invariant); this module is the table's bookkeeping.

use chrono::{DateTime, Utc};
use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ids::BusinessId;
use ledgerline_model::outbox::{OpState, QueuedOp};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::sync_state::{fmt_time, parse_time};
use crate::error::Result;
use crate::outbox::op::Op;
use ledgerline_model::entity::Entity;

/// One row of the outbox, with the operation as stored (FreshBooks' field names).
#[derive(Debug, Clone, PartialEq)]
pub struct StoredOp {
    /// Its place in the sending order.
    pub seq: i64,
    /// Its business.
    pub business: BusinessId,
    /// The operation.
    pub op: Op,
    /// Where it stands.
    pub state: OpState,
    /// Steps done, for multi-step operations.
    pub step: i64,
    /// Times it was handed to FreshBooks.
    pub attempts: i64,
    /// Why it was refused or last failed.
    pub last_error: Option<ErrorPayload>,
    /// When the user made the edit.
    pub created_at: DateTime<Utc>,
}

impl StoredOp {
    /// The operation as lists show it.
    pub fn view(&self) -> QueuedOp {
        QueuedOp {
            seq: self.seq,
            business: self.business,
            kind: self.op.kind(),
            entity: self.op.entity(),
            target: self.op.target(),
            entries: self.op.entries().to_vec(),
            state: self.state,
            step: self.step,
            attempts: self.attempts,
            last_error: self.last_error.clone(),
            created_at: self.created_at,
        }
    }
}

/// Adds an operation. Crate-private: only `crate::edit` calls it, inside the edit's transaction.
pub(crate) fn enqueue(
    tx: &Transaction<'_>,
    business: BusinessId,
    op: &Op,
    now: DateTime<Utc>,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO outbox(business_id, entity, target_id, kind, op, state, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?6)",
        params![
            business.get(),
            op.entity().as_str(),
            op.target(),
            op.kind().as_str(),
            serde_json::to_string(op)?,
            fmt_time(now)
        ],
    )?;
    let seq = tx.last_insert_rowid();
    // Mark-billed touches several entries: index the others too, so pulls leave them alone.
    if let Op::MarkBilled { entries } | Op::DraftInvoiceFromTime { entries, .. } = op {
        for entry in entries
            .iter()
            .skip(usize::from(matches!(op, Op::MarkBilled { .. })))
        {
            tx.execute(
                "INSERT INTO outbox_targets(seq, business_id, entity, target_id) VALUES (?1, ?2, 'time_entries', ?3)",
                params![seq, business.get(), entry],
            )?;
        }
    }
    Ok(seq)
}

/// Whether a record has an operation not yet settled (pending, in flight, unknown, in conflict or
/// refused): such a record keeps its local values over pulled ones.
pub fn has_open_ops(
    conn: &Connection,
    business: BusinessId,
    entity: Entity,
    id: i64,
) -> Result<bool> {
    // Asked once per record a pull writes: cached.
    let hit = conn
        .prepare_cached(
            "SELECT 1 FROM outbox WHERE business_id = ?1 AND entity = ?2 AND target_id = ?3
               AND state IN ('pending','sending','unknown','conflict','rejected')
             UNION ALL
             SELECT 1 FROM outbox_targets t JOIN outbox o ON o.seq = t.seq
             WHERE t.business_id = ?1 AND t.entity = ?2 AND t.target_id = ?3
               AND o.state IN ('pending','sending','unknown','conflict','rejected')
             LIMIT 1",
        )?
        .query_row(params![business.get(), entity.as_str(), id], |_| Ok(()))
        .optional()?;
    Ok(hit.is_some())
}

/// Operations to send for a business, in order: pending, unknown, and in-flight ones left by a
/// process that died (treated as unknown by the sender).
pub fn sendable(conn: &Connection, business: BusinessId) -> Result<Vec<StoredOp>> {
    query(
        conn,
        "WHERE business_id = ?1 AND state IN ('pending','sending','unknown') ORDER BY seq",
        business,
    )
}

/// Every operation not done or undone (pending, in flight, refused, in conflict), in order.
pub fn open(conn: &Connection, business: BusinessId) -> Result<Vec<StoredOp>> {
    query(
        conn,
        "WHERE business_id = ?1 AND state NOT IN ('done','undone') ORDER BY seq",
        business,
    )
}

/// How many operations, in every business, have not reached FreshBooks for sure: waiting, in
/// flight, in doubt, refused or in conflict. They exist only in this database.
pub fn unsent_count(conn: &Connection) -> Result<usize> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM outbox
         WHERE state IN ('pending','sending','unknown','rejected','conflict')",
        [],
        |row| row.get(0),
    )?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}

/// Every operation of a business, in order (for tests and diagnostics).
pub fn all(conn: &Connection, business: BusinessId) -> Result<Vec<StoredOp>> {
    query(conn, "WHERE business_id = ?1 ORDER BY seq", business)
}

/// One operation.
pub fn get(conn: &Connection, seq: i64) -> Result<Option<StoredOp>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE seq = ?1"))?;
    let row = stmt.query_row(params![seq], row_to_op).optional()?;
    row.transpose()
}

/// The states only the sender moves an operation between (it marks a pending or in-doubt
/// operation `sending`, and puts it back to pending or unknown when an attempt fails). Undo and
/// conflict resolution move an operation out of them, never within them.
pub const SENDER_STATES: [OpState; 3] = [OpState::Pending, OpState::Sending, OpState::Unknown];

/// Moves an operation to a state, with the reason when there is one, but only from one of the
/// states in `from`: the state its writer read. Returns whether it moved; `false` means someone
/// else (an undo, a conflict settled, another process) moved it first, and the writer must not
/// act on what it read.
pub fn transition(
    tx: &Transaction<'_>,
    seq: i64,
    from: &[OpState],
    to: OpState,
    error: Option<&ErrorPayload>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let error = error.map(serde_json::to_string).transpose()?;
    // The names are our own constants, never input.
    let from = from
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(",");
    let moved = tx.execute(
        &format!(
            "UPDATE outbox SET state = ?2, last_error = ?3, updated_at = ?4,
                attempts = attempts + CASE WHEN ?2 = 'sending' THEN 1 ELSE 0 END
             WHERE seq = ?1 AND state IN ({from})"
        ),
        params![seq, to.as_str(), error, fmt_time(now)],
    )?;
    Ok(moved == 1)
}

/// Records that a step of a multi-step operation is done.
pub fn set_step(tx: &Transaction<'_>, seq: i64, step: i64) -> Result<()> {
    tx.execute(
        "UPDATE outbox SET step = ?2 WHERE seq = ?1",
        params![seq, step],
    )?;
    Ok(())
}

/// Replaces the operation's content (conflict resolution rewrites its base and changes).
pub fn replace_op(tx: &Transaction<'_>, seq: i64, op: &Op) -> Result<()> {
    tx.execute(
        "UPDATE outbox SET op = ?2 WHERE seq = ?1",
        params![seq, serde_json::to_string(op)?],
    )?;
    Ok(())
}

/// Points operations at a record's new FreshBooks id once its create is acknowledged.
pub(crate) fn rekey_targets(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    local_id: i64,
    remote_id: i64,
) -> Result<()> {
    tx.execute(
        "UPDATE outbox SET target_id = ?4 WHERE business_id = ?1 AND entity = ?2 AND target_id = ?3",
        params![business.get(), entity.as_str(), local_id, remote_id],
    )?;
    tx.execute(
        "UPDATE outbox_targets SET target_id = ?4 WHERE business_id = ?1 AND entity = ?2 AND target_id = ?3",
        params![business.get(), entity.as_str(), local_id, remote_id],
    )?;
    Ok(())
}

const SELECT: &str =
    "SELECT seq, business_id, op, state, step, attempts, last_error, created_at FROM outbox";

fn query(conn: &Connection, tail: &str, business: BusinessId) -> Result<Vec<StoredOp>> {
    let mut stmt = conn.prepare(&format!("{SELECT} {tail}"))?;
    let rows = stmt.query_map(params![business.get()], row_to_op)?;
    let mut res = Vec::new();
    for row in rows {
        res.push(row??);
    }
    Ok(res)
}

fn row_to_op(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<StoredOp>> {
    let op_text: String = row.get(2)?;
    let created: String = row.get(7)?;
    let op = match serde_json::from_str::<Op>(&op_text) {
        Ok(op) => op,
        Err(e) => return Ok(Err(e.into())),
    };
    Ok(Ok(StoredOp {
        seq: row.get(0)?,
        business: BusinessId(row.get(1)?),
        op,
        state: OpState::from_stored(&row.get::<_, String>(3)?),
        step: row.get(4)?,
        attempts: row.get(5)?,
        last_error: row
            .get::<_, Option<String>>(6)?
            .as_deref()
            .map(super::sync_state::stored_change_error),
        created_at: parse_time(&created).unwrap_or_default(),
    }))
}
