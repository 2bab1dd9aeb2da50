//! Which records of a list have local changes not yet settled, read once per list (the open
//! changes are few) instead of once per row.

use std::collections::HashMap;

use ledgerline_model::entity::Entity;
use ledgerline_model::ids::BusinessId;
use rusqlite::{Connection, params};

use crate::error::Result;

/// One record's badges.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Badge {
    /// A local change waits to be sent, is being sent, is unconfirmed, was refused or conflicts.
    pub pending: bool,
    /// A local change conflicts with FreshBooks'.
    pub conflict: bool,
    /// The latest open change's number, for "recently changed".
    pub last_seq: i64,
}

/// The badges of an entity's records in a business, by record id. A record a change touches
/// besides its target (the time a draft bills) counts as changed too.
pub(super) fn badges(
    c: &Connection,
    business: BusinessId,
    entity: Entity,
) -> Result<HashMap<i64, Badge>> {
    let mut stmt = c.prepare_cached(
        "SELECT o.target_id, o.state, o.seq FROM outbox o
         WHERE o.business_id = ?1 AND o.entity = ?2
           AND o.state IN ('pending','sending','unknown','conflict','rejected')
         UNION ALL
         SELECT t.target_id, o.state, o.seq FROM outbox_targets t JOIN outbox o ON o.seq = t.seq
         WHERE t.business_id = ?1 AND t.entity = ?2
           AND o.state IN ('pending','sending','unknown','conflict','rejected')",
    )?;
    let rows = stmt.query_map(params![business.get(), entity.as_str()], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, i64>(2)?,
        ))
    })?;
    let mut res: HashMap<i64, Badge> = HashMap::new();
    for row in rows {
        let (id, state, seq) = row?;
        let badge = res.entry(id).or_default();
        badge.pending = true;
        badge.conflict |= state == "conflict";
        badge.last_seq = badge.last_seq.max(seq);
    }
    Ok(res)
}
