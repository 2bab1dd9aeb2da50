//! Full-text search over clients, invoices and time-entry notes, across every business.

use ledgerline_model::ids::BusinessId;
use ledgerline_model::views::SearchHit;
use rusqlite::{Connection, params};

use crate::error::Result;

/// Records matching every word of `text` (as prefixes), best first, at most `limit`.
pub fn search(conn: &Connection, text: &str, limit: u32) -> Result<Vec<SearchHit>> {
    // Quote each word so FTS5 operators typed by the user are taken literally.
    let query: String = text
        .split_whitespace()
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ");
    if query.is_empty() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(
        "SELECT c.business_id, 'clients', c.id,
                trim(coalesce(c.organization, '') || ' ' || coalesce(c.fname, '') || ' ' || coalesce(c.lname, '')), rank
         FROM clients_fts JOIN clients c ON c.rowid = clients_fts.rowid WHERE clients_fts MATCH ?1
         UNION ALL
         SELECT i.business_id, 'invoices', i.id, coalesce(i.invoice_number, ''), rank
         FROM invoices_fts JOIN invoices i ON i.rowid = invoices_fts.rowid WHERE invoices_fts MATCH ?1
         UNION ALL
         SELECT t.business_id, 'time_entries', t.id, coalesce(t.note, ''), rank
         FROM time_entries_fts JOIN time_entries t ON t.rowid = time_entries_fts.rowid
         WHERE time_entries_fts MATCH ?1
         ORDER BY 5 LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![query, limit], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, i64>(2)?,
            row.get::<_, String>(3)?,
        ))
    })?;
    let mut res = Vec::new();
    for row in rows {
        let (business, entity, id, label) = row?;
        res.push(SearchHit {
            business: BusinessId(business),
            entity: entity.parse()?,
            id,
            label,
        });
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::businesses::{replace_all, tests::membership};
    use crate::store::records;
    use crate::store::test_support::temp_store;
    use ledgerline_model::entity::Entity;
    use serde_json::json;

    #[test]
    fn finds_across_businesses_and_follows_updates() {
        let (_dir, store) = temp_store();
        store
            .write_blocking(|tx| {
                replace_all(tx, &[membership(1, "a", "One"), membership(2, "b", "Two")])?;
                records::upsert(
                    tx,
                    BusinessId(1),
                    Entity::Clients,
                    &json!({"id": 10, "organization": "Blue Heron Ltd"}),
                    None,
                )?;
                records::upsert(
                    tx,
                    BusinessId(2),
                    Entity::TimeEntries,
                    &json!({"id": 20, "note": "heron logo sketches"}),
                    None,
                )?;
                records::upsert(
                    tx,
                    BusinessId(2),
                    Entity::Invoices,
                    &json!({"id": 30, "invoice_number": "0007", "organization": "Heron"}),
                    None,
                )?;
                Ok(())
            })
            .unwrap();
        let hits = store.read_blocking(|c| search(c, "heron", 10)).unwrap();
        assert_eq!(hits.len(), 3);
        store
            .write_blocking(|tx| {
                records::upsert(
                    tx,
                    BusinessId(1),
                    Entity::Clients,
                    &json!({"id": 10, "organization": "Grey Owl"}),
                    None,
                )?;
                Ok(())
            })
            .unwrap();
        let hits = store.read_blocking(|c| search(c, "her", 10)).unwrap();
        assert_eq!(hits.len(), 2);
        assert!(hits.iter().all(|h| h.entity != Entity::Clients));
        let hits = store.read_blocking(|c| search(c, "owl", 10)).unwrap();
        assert_eq!(hits.len(), 1);
    }
}
