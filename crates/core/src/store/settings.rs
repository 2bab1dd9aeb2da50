//! Small key/value settings (current business, local id counter, sync schedule overrides).

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::Result;

/// A setting's value.
pub fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            params![key],
            |row| row.get(0),
        )
        .optional()?)
}

/// Sets a setting.
pub fn set(tx: &Transaction<'_>, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// Removes a setting.
pub fn remove(tx: &Transaction<'_>, key: &str) -> Result<()> {
    tx.execute("DELETE FROM settings WHERE key = ?1", params![key])?;
    Ok(())
}

/// A fresh negative id for a record created offline. Never reused, even after the record is
/// numbered by FreshBooks, so an old id map entry can never point at a new record.
pub fn next_local_id(tx: &Transaction<'_>) -> Result<i64> {
    let last: i64 = get(tx, "last_local_id")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let next = last - 1;
    set(tx, "last_local_id", &next.to_string())?;
    Ok(next)
}
