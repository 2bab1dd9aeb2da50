//! Sync bookkeeping per (business, entity): watermark, last full read, an interrupted pull's
//! cursor, progress and availability.
//!
//! A pull writes its cursor in the same transaction as each page, so an interrupted pull resumes
//! at the next page and never downloads again what it already wrote.

use chrono::{DateTime, Utc};
use ledgerline_model::error::{Action, ErrorCode, ErrorKind, ErrorPayload};
use ledgerline_model::ids::BusinessId;
use ledgerline_model::sync::{Cursor, EntityState, PullMode, Quarantined};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::Result;
use ledgerline_model::entity::Entity;

/// Every entity's state for a business, in [`Entity::ALL`] order.
pub fn all(conn: &Connection, business: BusinessId) -> Result<Vec<EntityState>> {
    Entity::ALL
        .into_iter()
        .map(|entity| get(conn, business, entity))
        .collect()
}

/// One entity's state.
pub fn get(conn: &Connection, business: BusinessId, entity: Entity) -> Result<EntityState> {
    let row = conn
        .query_row(
            "SELECT watermark, last_full_at, last_attempt_at, cursor_mode, cursor_started_at,
                    cursor_page, done, total, available, unavailable_reason, last_error
             FROM sync_state WHERE business_id = ?1 AND entity = ?2",
            params![business.get(), entity.as_str()],
            |row| {
                Ok((
                    row.get::<_, Option<String>>(0)?,
                    row.get::<_, Option<String>>(1)?,
                    row.get::<_, Option<String>>(2)?,
                    row.get::<_, Option<String>>(3)?,
                    row.get::<_, Option<String>>(4)?,
                    row.get::<_, Option<i64>>(5)?,
                    row.get::<_, i64>(6)?,
                    row.get::<_, Option<i64>>(7)?,
                    row.get::<_, bool>(8)?,
                    row.get::<_, Option<String>>(9)?,
                    row.get::<_, Option<String>>(10)?,
                ))
            },
        )
        .optional()?;
    let Some((wm, full, attempt, mode, started, page, done, total, available, reason, err)) = row
    else {
        return Ok(EntityState::new(entity));
    };
    let cursor = match (mode.as_deref(), started.as_deref().and_then(parse_time)) {
        (Some("full"), Some(started_at)) => Some(Cursor {
            mode: PullMode::Full,
            started_at,
            page: u32::try_from(page.unwrap_or(0)).unwrap_or(0),
        }),
        (Some("incremental"), Some(started_at)) => Some(Cursor {
            mode: PullMode::Incremental,
            started_at,
            page: u32::try_from(page.unwrap_or(0)).unwrap_or(0),
        }),
        _ => None,
    };
    Ok(EntityState {
        entity,
        watermark: wm.as_deref().and_then(parse_time),
        last_full_at: full.as_deref().and_then(parse_time),
        last_attempt_at: attempt.as_deref().and_then(parse_time),
        cursor,
        done: u64::try_from(done).unwrap_or(0),
        total: total.and_then(|t| u64::try_from(t).ok()),
        unavailable: if available {
            None
        } else {
            Some(crate::error::unavailable(
                entity,
                reason.as_deref().unwrap_or_default(),
            ))
        },
        last_error: err.as_deref().map(stored_error),
        quarantined: quarantined(conn, business, entity)?,
    })
}

/// Sets aside a record that could not be read (`id` when at least that could), with the reason
/// and the JSON as FreshBooks sent it, in the caller's transaction.
pub fn quarantine(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    id: Option<i64>,
    reason: &str,
    raw: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<()> {
    let raw_text = raw.to_string();
    let key = id.map_or_else(|| raw_text.clone(), |id| id.to_string());
    tx.execute(
        "INSERT INTO quarantine(business_id, entity, key, id, reason, raw, seen_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(business_id, entity, key) DO UPDATE SET
            reason = excluded.reason, raw = excluded.raw, seen_at = excluded.seen_at",
        params![
            business.get(),
            entity.as_str(),
            key,
            id,
            reason,
            raw_text,
            fmt_time(now)
        ],
    )?;
    Ok(())
}

/// Takes a record out of quarantine (it was read, or it is gone).
pub fn release(tx: &Transaction<'_>, business: BusinessId, entity: Entity, id: i64) -> Result<()> {
    // Once per record a pull writes: cached.
    super::records::execute_cached(
        tx,
        "DELETE FROM quarantine WHERE business_id = ?1 AND entity = ?2 AND id = ?3",
        params![business.get(), entity.as_str(), id],
    )?;
    Ok(())
}

/// After a complete full read that started at `started_at`: releases what it did not see
/// unreadable again (read since, or gone).
pub fn release_unseen(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    started_at: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "DELETE FROM quarantine WHERE business_id = ?1 AND entity = ?2 AND seen_at < ?3",
        params![business.get(), entity.as_str(), fmt_time(started_at)],
    )?;
    Ok(())
}

/// The records of an entity set aside, by id.
fn quarantined(
    conn: &Connection,
    business: BusinessId,
    entity: Entity,
) -> Result<Vec<Quarantined>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, reason, seen_at FROM quarantine WHERE business_id = ?1 AND entity = ?2
         ORDER BY id",
    )?;
    let rows = stmt.query_map(params![business.get(), entity.as_str()], |row| {
        Ok((
            row.get::<_, Option<i64>>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    let mut res = Vec::new();
    for row in rows {
        let (id, reason, seen_at) = row?;
        res.push(Quarantined {
            id,
            reason,
            seen_at: parse_time(&seen_at).unwrap_or_default(),
        });
    }
    Ok(res)
}

/// Records that a pull started (or resumed: an existing cursor of the same mode is kept).
pub fn begin(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    cursor: &Cursor,
    now: DateTime<Utc>,
) -> Result<()> {
    ensure_row(tx, business, entity)?;
    tx.execute(
        "UPDATE sync_state SET cursor_mode = ?3, cursor_started_at = ?4, cursor_page = ?5,
                last_attempt_at = ?6, done = CASE WHEN ?5 = 0 THEN 0 ELSE done END
         WHERE business_id = ?1 AND entity = ?2",
        params![
            business.get(),
            entity.as_str(),
            cursor.mode.as_str(),
            fmt_time(cursor.started_at),
            cursor.page,
            fmt_time(now)
        ],
    )?;
    Ok(())
}

/// Records a page written, in the page's own transaction.
pub fn page_done(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    page: u32,
    n_records: u64,
    total: Option<u64>,
) -> Result<()> {
    tx.execute(
        "UPDATE sync_state SET cursor_page = ?3, done = done + ?4, total = coalesce(?5, total)
         WHERE business_id = ?1 AND entity = ?2",
        params![
            business.get(),
            entity.as_str(),
            page,
            i64::try_from(n_records).unwrap_or(i64::MAX),
            total.and_then(|t| i64::try_from(t).ok())
        ],
    )?;
    Ok(())
}

/// Records a completed pull: `watermark` (its start, on FreshBooks' clock) becomes the
/// watermark and the cursor is cleared.
pub fn finish(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    cursor: &Cursor,
    watermark: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    ensure_row(tx, business, entity)?;
    tx.execute(
        "UPDATE sync_state SET watermark = ?3, cursor_mode = NULL, cursor_started_at = NULL,
                cursor_page = NULL, available = 1, unavailable_reason = NULL, last_error = NULL,
                last_full_at = CASE WHEN ?4 = 'full' THEN ?5 ELSE last_full_at END
         WHERE business_id = ?1 AND entity = ?2",
        params![
            business.get(),
            entity.as_str(),
            fmt_time(watermark),
            cursor.mode.as_str(),
            fmt_time(now)
        ],
    )?;
    Ok(())
}

/// Records that FreshBooks refuses this user the entity (403): not an error to retry soon.
pub fn mark_unavailable(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    ensure_row(tx, business, entity)?;
    tx.execute(
        "UPDATE sync_state SET available = 0, unavailable_reason = ?3, last_attempt_at = ?4,
                cursor_mode = NULL, cursor_started_at = NULL, cursor_page = NULL, last_error = NULL
         WHERE business_id = ?1 AND entity = ?2",
        params![business.get(), entity.as_str(), reason, fmt_time(now)],
    )?;
    Ok(())
}

/// Records a failed attempt; the cursor stays so the next attempt resumes.
pub fn record_error(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    error: &ErrorPayload,
    now: DateTime<Utc>,
) -> Result<()> {
    ensure_row(tx, business, entity)?;
    tx.execute(
        "UPDATE sync_state SET last_error = ?3, last_attempt_at = ?4 WHERE business_id = ?1 AND entity = ?2",
        params![
            business.get(),
            entity.as_str(),
            serde_json::to_string(error)?,
            fmt_time(now)
        ],
    )?;
    Ok(())
}

/// A pull's error as stored (a JSON [`ErrorPayload`]). Text stored by a Ledgerline from before
/// errors were values reads as "FreshBooks could not be reached", a pull's commonest failure; the
/// next attempt replaces it.
pub(crate) fn stored_error(text: &str) -> ErrorPayload {
    serde_json::from_str(text).unwrap_or_else(|_| {
        ErrorPayload::new(
            ErrorKind::Offline,
            ErrorCode::Unreachable,
            text,
            Action::Retry,
        )
    })
}

/// A change's error as stored. Text stored by a Ledgerline from before errors were values was
/// most often FreshBooks refusing the change, so it reads as that: the user reviews it rather
/// than retrying blindly.
pub(crate) fn stored_change_error(text: &str) -> ErrorPayload {
    serde_json::from_str(text).unwrap_or_else(|_| {
        ErrorPayload::new(
            ErrorKind::Validation,
            ErrorCode::Rejected {
                field: None,
                message: text.to_owned(),
            },
            text,
            Action::ReviewChanges,
        )
    })
}

fn ensure_row(tx: &Transaction<'_>, business: BusinessId, entity: Entity) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO sync_state(business_id, entity) VALUES (?1, ?2)",
        params![business.get(), entity.as_str()],
    )?;
    Ok(())
}

/// Times are stored as RFC 3339 UTC text.
pub(crate) fn fmt_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

pub(crate) fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::businesses::{replace_all, tests::membership};
    use crate::store::test_support::temp_store;
    use chrono::TimeZone;

    #[test]
    fn cursor_resumes_and_finish_sets_watermark() {
        let (_dir, store) = temp_store();
        let b = BusinessId(1);
        let t0 = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let cursor = Cursor {
            mode: PullMode::Full,
            started_at: t0,
            page: 0,
        };
        store
            .write_blocking(|tx| {
                replace_all(tx, &[membership(1, "a", "One")])?;
                begin(tx, b, Entity::Clients, &cursor, t0)?;
                page_done(tx, b, Entity::Clients, 1, 100, Some(250))?;
                page_done(tx, b, Entity::Clients, 2, 100, Some(250))
            })
            .unwrap();
        let st = store.read_blocking(|c| get(c, b, Entity::Clients)).unwrap();
        assert_eq!(st.cursor.as_ref().map(|c| c.page), Some(2));
        assert_eq!((st.done, st.total), (200, Some(250)));
        assert_eq!(st.watermark, None);
        let later = t0 + chrono::Duration::minutes(5);
        store
            .write_blocking(|tx| finish(tx, b, Entity::Clients, &cursor, t0, later))
            .unwrap();
        let st = store.read_blocking(|c| get(c, b, Entity::Clients)).unwrap();
        assert_eq!(st.cursor, None);
        assert_eq!(st.watermark, Some(t0));
        assert_eq!(st.last_full_at, Some(later));
        store
            .write_blocking(|tx| mark_unavailable(tx, b, Entity::Expenses, "role", later))
            .unwrap();
        let st = store
            .read_blocking(|c| get(c, b, Entity::Expenses))
            .unwrap();
        assert_eq!(
            st.unavailable.as_ref().map(|r| r.message.as_str()),
            Some("role")
        );
    }
}
