//! The outbox table: durable operations waiting for, or done with, FreshBooks.
//!
//! Rows are only added by `crate::edit`, in the same transaction as the optimistic local change
//! (the architecture invariant); this module is the table's bookkeeping.

use chrono::{DateTime, Utc};
use ledgerline_model::ids::BusinessId;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::sync_state::{fmt_time, parse_time};
use crate::entity::Entity;
use crate::error::Result;
use crate::outbox::op::Op;

/// Where an operation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpState {
    /// Waiting to be sent; may still be undone.
    Pending,
    /// Handed to FreshBooks; if the process dies now the outcome is unknown.
    Sending,
    /// Sent, but no answer came: look before sending again.
    Unknown,
    /// FreshBooks applied it.
    Done,
    /// FreshBooks refused it (validation, role); shown with the reason until dismissed.
    Rejected,
    /// FreshBooks changed the same fields meanwhile; waits for the user.
    Conflict,
    /// The user undid it before it was sent.
    Undone,
}

impl OpState {
    /// The name stored in the table.
    pub fn as_str(self) -> &'static str {
        match self {
            OpState::Pending => "pending",
            OpState::Sending => "sending",
            OpState::Unknown => "unknown",
            OpState::Done => "done",
            OpState::Rejected => "rejected",
            OpState::Conflict => "conflict",
            OpState::Undone => "undone",
        }
    }

    fn parse(s: &str) -> OpState {
        match s {
            "pending" => OpState::Pending,
            "sending" => OpState::Sending,
            "unknown" => OpState::Unknown,
            "done" => OpState::Done,
            "rejected" => OpState::Rejected,
            "conflict" => OpState::Conflict,
            // Only our code writes this column; anything else is treated as finished.
            _ => OpState::Undone,
        }
    }
}

/// One row of the outbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueuedOp {
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
    pub last_error: Option<String>,
    /// When the user made the edit.
    pub created_at: DateTime<Utc>,
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
            op.kind(),
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
    let hit = conn
        .query_row(
            "SELECT 1 FROM outbox WHERE business_id = ?1 AND entity = ?2 AND target_id = ?3
               AND state IN ('pending','sending','unknown','conflict','rejected')
             UNION ALL
             SELECT 1 FROM outbox_targets t JOIN outbox o ON o.seq = t.seq
             WHERE t.business_id = ?1 AND t.entity = ?2 AND t.target_id = ?3
               AND o.state IN ('pending','sending','unknown','conflict','rejected')
             LIMIT 1",
            params![business.get(), entity.as_str(), id],
            |_| Ok(()),
        )
        .optional()?;
    Ok(hit.is_some())
}

/// Operations to send for a business, in order: pending, unknown, and in-flight ones left by a
/// process that died (treated as unknown by the sender).
pub fn sendable(conn: &Connection, business: BusinessId) -> Result<Vec<QueuedOp>> {
    query(
        conn,
        "WHERE business_id = ?1 AND state IN ('pending','sending','unknown') ORDER BY seq",
        business,
    )
}

/// Every operation not done or undone (pending, in flight, refused, in conflict), in order.
pub fn open(conn: &Connection, business: BusinessId) -> Result<Vec<QueuedOp>> {
    query(
        conn,
        "WHERE business_id = ?1 AND state NOT IN ('done','undone') ORDER BY seq",
        business,
    )
}

/// Every operation of a business, in order (for tests and diagnostics).
pub fn all(conn: &Connection, business: BusinessId) -> Result<Vec<QueuedOp>> {
    query(conn, "WHERE business_id = ?1 ORDER BY seq", business)
}

/// One operation.
pub fn get(conn: &Connection, seq: i64) -> Result<Option<QueuedOp>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE seq = ?1"))?;
    let row = stmt.query_row(params![seq], row_to_op).optional()?;
    row.transpose()
}

/// Moves an operation to a state, with the reason when there is one.
pub fn set_state(
    tx: &Transaction<'_>,
    seq: i64,
    state: OpState,
    error: Option<&str>,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "UPDATE outbox SET state = ?2, last_error = ?3, updated_at = ?4,
                attempts = attempts + CASE WHEN ?2 = 'sending' THEN 1 ELSE 0 END
         WHERE seq = ?1",
        params![seq, state.as_str(), error, fmt_time(now)],
    )?;
    Ok(())
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

/// Counts of open operations by state, for `status`.
pub fn counts(conn: &Connection, business: BusinessId) -> Result<Vec<(OpState, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT state, count(*) FROM outbox WHERE business_id = ?1 AND state NOT IN ('done','undone')
         GROUP BY state ORDER BY state",
    )?;
    let rows = stmt.query_map(params![business.get()], |row| {
        Ok((OpState::parse(&row.get::<_, String>(0)?), row.get(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

const SELECT: &str =
    "SELECT seq, business_id, op, state, step, attempts, last_error, created_at FROM outbox";

fn query(conn: &Connection, tail: &str, business: BusinessId) -> Result<Vec<QueuedOp>> {
    let mut stmt = conn.prepare(&format!("{SELECT} {tail}"))?;
    let rows = stmt.query_map(params![business.get()], row_to_op)?;
    let mut res = Vec::new();
    for row in rows {
        res.push(row??);
    }
    Ok(res)
}

fn row_to_op(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<QueuedOp>> {
    let op_text: String = row.get(2)?;
    let created: String = row.get(7)?;
    let op = match serde_json::from_str::<Op>(&op_text) {
        Ok(op) => op,
        Err(e) => return Ok(Err(e.into())),
    };
    Ok(Ok(QueuedOp {
        seq: row.get(0)?,
        business: BusinessId(row.get(1)?),
        op,
        state: OpState::parse(&row.get::<_, String>(3)?),
        step: row.get(4)?,
        attempts: row.get(5)?,
        last_error: row.get(6)?,
        created_at: parse_time(&created).unwrap_or_default(),
    }))
}
