//! Sign-ins started on this computer (`pending_sign_ins`): a hash of each state, the registration
//! that started it, its redirect URI, when it started and when its answer was used.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::Result;

/// One sign-in started here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pending {
    /// The registration that started it, as stored (`builtin`, `own`, `demo`).
    pub app: String,
    /// The redirect URI the authorization request named.
    pub redirect_uri: String,
    /// Unix seconds.
    pub started_at: i64,
    /// Unix seconds, once its answer was used.
    pub used_at: Option<i64>,
}

/// Remembers a sign-in just started.
pub fn insert(
    tx: &Transaction<'_>,
    state_hash: &str,
    app: &str,
    redirect_uri: &str,
    started_at: i64,
) -> Result<()> {
    tx.execute(
        "INSERT INTO pending_sign_ins(state_hash, app, redirect_uri, started_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![state_hash, app, redirect_uri, started_at],
    )?;
    Ok(())
}

/// The sign-in with this state hash, if one was started here (and not yet forgotten).
pub fn get(conn: &Connection, state_hash: &str) -> Result<Option<Pending>> {
    Ok(conn
        .query_row(
            "SELECT app, redirect_uri, started_at, used_at FROM pending_sign_ins
             WHERE state_hash = ?1",
            params![state_hash],
            |row| {
                Ok(Pending {
                    app: row.get(0)?,
                    redirect_uri: row.get(1)?,
                    started_at: row.get(2)?,
                    used_at: row.get(3)?,
                })
            },
        )
        .optional()?)
}

/// Marks its answer used. `false` when it was used already (the state moves only from unused).
pub fn mark_used(tx: &Transaction<'_>, state_hash: &str, at: i64) -> Result<bool> {
    let n = tx.execute(
        "UPDATE pending_sign_ins SET used_at = ?2 WHERE state_hash = ?1 AND used_at IS NULL",
        params![state_hash, at],
    )?;
    Ok(n == 1)
}

/// Forgets sign-ins started before `before` (Unix seconds).
pub fn purge(tx: &Transaction<'_>, before: i64) -> Result<usize> {
    Ok(tx.execute(
        "DELETE FROM pending_sign_ins WHERE started_at < ?1",
        params![before],
    )?)
}
