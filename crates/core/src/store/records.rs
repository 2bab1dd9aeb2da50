//! Mirrored FreshBooks records: upsert from pulled pages, read back, sweep, re-key.
//!
//! Each entity's typed columns are read from the record's raw JSON here, in one place, so the
//! typed columns and `raw` can never disagree. A record with an open outbox operation is never
//! overwritten by a pull: the local edit wins until it is sent (or turns into a conflict).

use ledgerline_model::ids::BusinessId;
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::Value;

use super::json::{first_int, flag, int, money_amount, text};
use super::outbox;
use crate::error::Result;
use ledgerline_model::entity::Entity;

/// The typed table an entity has, if it has one (the others live in `records`).
pub(crate) fn own_table(entity: Entity) -> Option<&'static str> {
    match entity {
        Entity::Clients => Some("clients"),
        Entity::Invoices => Some("invoices"),
        Entity::TimeEntries => Some("time_entries"),
        // The rest share the `records` table; listed so a new entity is a compile error here.
        Entity::Projects
        | Entity::Services
        | Entity::ServiceRates
        | Entity::Taxes
        | Entity::Payments
        | Entity::Estimates
        | Entity::Expenses
        | Entity::Items => None,
    }
}

/// What happened to one pulled record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    /// Written (inserted or updated).
    Written,
    /// Left alone because a local edit to it is still waiting to be sent.
    KeptLocalEdit,
    /// Ignored: the record carries no id we can read.
    NoId,
}

/// FreshBooks' id of a raw record, whatever the entity calls it.
pub fn record_id(entity: Entity, raw: &Value) -> Option<i64> {
    match entity {
        Entity::Clients => first_int(raw, &["id", "userid"]),
        Entity::Invoices => first_int(raw, &["id", "invoiceid"]),
        Entity::ServiceRates => first_int(raw, &["service_id", "id"]),
        Entity::Taxes => first_int(raw, &["id", "taxid"]),
        Entity::Payments => first_int(raw, &["id", "paymentid"]),
        Entity::Estimates => first_int(raw, &["id", "estimateid"]),
        Entity::Expenses => first_int(raw, &["id", "expenseid"]),
        Entity::Items => first_int(raw, &["id", "itemid"]),
        Entity::TimeEntries | Entity::Projects | Entity::Services => int(raw, "id"),
    }
}

/// Whether FreshBooks sent a record as deleted: `vis_state` 1, or, for a time entry (which has
/// no `vis_state`), `active: false`, as a list asked with `include_deleted=true` marks it.
pub fn is_deleted(entity: Entity, raw: &Value) -> bool {
    match entity {
        Entity::TimeEntries => raw.get("active").and_then(Value::as_bool) == Some(false),
        _ => raw.get("vis_state").and_then(Value::as_i64) == Some(1),
    }
}

/// Writes one pulled record, marking it seen by `run` (a full read's number) when given.
pub fn upsert(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    raw: &Value,
    run: Option<i64>,
) -> Result<Upserted> {
    let Some(id) = record_id(entity, raw) else {
        return Ok(Upserted::NoId);
    };
    if outbox::has_open_ops(tx, business, entity, id)? {
        // Still mark it seen, so a full read does not sweep a record we are editing.
        mark_seen(tx, business, entity, id, run)?;
        return Ok(Upserted::KeptLocalEdit);
    }
    write_row(tx, business, entity, id, raw, run)?;
    Ok(Upserted::Written)
}

/// Writes a record as given, even over a local edit: for the answer FreshBooks sent to our own
/// write, and for local optimistic changes.
pub fn write_row(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    id: i64,
    raw: &Value,
    run: Option<i64>,
) -> Result<()> {
    write_rows(tx, business, entity, &[(id, raw)], run)
}

/// Writes pulled records (each not held by a local edit, checked by the caller) in order, as
/// [`write_row`] one after the other would, with one statement per [`ROWS_PER_STATEMENT`]. For
/// the tables with a full-text index this matters beyond the statements saved: SQLite opens a
/// savepoint for each statement whose triggers write the index, and FTS5 writes what it holds
/// to disk at every savepoint, so one record a statement makes one index segment a record.
pub(crate) fn write_rows(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    rows: &[(i64, &Value)],
    run: Option<i64>,
) -> Result<()> {
    let shape = shape(entity);
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let tuples = vec![shape.values; chunk.len()].join(", ");
        let sql = format!(
            "{} VALUES {tuples} ON CONFLICT({}) DO UPDATE SET {}",
            shape.insert, shape.key, shape.update
        );
        let mut params = Vec::with_capacity(chunk.len() * shape.n_params);
        for (id, raw) in chunk {
            row_params(&mut params, business, entity, *id, raw, run);
        }
        execute_cached(tx, &sql, rusqlite::params_from_iter(params))?;
    }
    Ok(())
}

/// Records one statement of [`write_rows`] writes at most: a page.
const ROWS_PER_STATEMENT: usize = 100;

/// An entity's upsert, in parts: the `INSERT INTO … (columns)`, one row's `(…)` with numbered
/// parameters, the conflict target and the `DO UPDATE SET` list.
struct Shape {
    insert: &'static str,
    values: &'static str,
    key: &'static str,
    update: &'static str,
    n_params: usize,
}

fn shape(entity: Entity) -> Shape {
    match entity {
        Entity::Clients => Shape {
            insert: "INSERT INTO clients(business_id, id, fname, lname, organization, email,
                                         currency_code, vis_state, updated, seen_run, raw)",
            values: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            key: "business_id, id",
            update: update_sets::CLIENTS,
            n_params: 11,
        },
        Entity::Invoices => Shape {
            insert:
                "INSERT INTO invoices(business_id, id, customer_id, invoice_number, create_date,
                                          currency_code, amount, outstanding, v3_status,
                                          payment_status, version, vis_state, updated, search_text,
                                          seen_run, raw, due_date)",
            // The due date by the schema's rule (migration 0009) from the fields as
            // `json_extract` reads them ([`as_sql`]).
            values: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                      coalesce(date(?), date(?, CAST(coalesce(?, 0) AS INTEGER) || ' days')))",
            key: "business_id, id",
            update: update_sets::INVOICES,
            n_params: 19,
        },
        Entity::TimeEntries => Shape {
            insert: "INSERT INTO time_entries(business_id, id, client_id, project_id, service_id,
                                              identity_id, started_at, duration, note, billable,
                                              billed, vis_state, updated, seen_run, raw)",
            values: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            key: "business_id, id",
            update: update_sets::TIME_ENTRIES,
            n_params: 15,
        },
        Entity::Projects
        | Entity::Services
        | Entity::ServiceRates
        | Entity::Taxes
        | Entity::Payments
        | Entity::Estimates
        | Entity::Expenses
        | Entity::Items => Shape {
            insert: "INSERT INTO records(business_id, entity, id, parent_id, name, vis_state,
                                         updated, seen_run, raw)",
            values: "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
            key: "business_id, entity, id",
            update: update_sets::RECORDS,
            n_params: 9,
        },
    }
}

/// The `DO UPDATE SET` lists: every column from `excluded`, but `seen_run` keeps the latest full
/// read that saw the record.
mod update_sets {
    pub(super) const CLIENTS: &str = "fname = excluded.fname, lname = excluded.lname,
        organization = excluded.organization, email = excluded.email,
        currency_code = excluded.currency_code, vis_state = excluded.vis_state,
        updated = excluded.updated,
        seen_run = max(coalesce(excluded.seen_run, seen_run), coalesce(seen_run, excluded.seen_run)),
        raw = excluded.raw";
    pub(super) const INVOICES: &str = "customer_id = excluded.customer_id,
        invoice_number = excluded.invoice_number, create_date = excluded.create_date,
        currency_code = excluded.currency_code, amount = excluded.amount,
        outstanding = excluded.outstanding, v3_status = excluded.v3_status,
        payment_status = excluded.payment_status, version = excluded.version,
        vis_state = excluded.vis_state, updated = excluded.updated,
        search_text = excluded.search_text,
        seen_run = max(coalesce(excluded.seen_run, seen_run), coalesce(seen_run, excluded.seen_run)),
        raw = excluded.raw, due_date = excluded.due_date";
    pub(super) const TIME_ENTRIES: &str = "client_id = excluded.client_id,
        project_id = excluded.project_id, service_id = excluded.service_id,
        identity_id = excluded.identity_id, started_at = excluded.started_at,
        duration = excluded.duration, note = excluded.note, billable = excluded.billable,
        billed = excluded.billed, vis_state = excluded.vis_state, updated = excluded.updated,
        seen_run = max(coalesce(excluded.seen_run, seen_run), coalesce(seen_run, excluded.seen_run)),
        raw = excluded.raw";
    pub(super) const RECORDS: &str = "parent_id = excluded.parent_id, name = excluded.name,
        vis_state = excluded.vis_state, updated = excluded.updated,
        seen_run = max(coalesce(excluded.seen_run, seen_run), coalesce(seen_run, excluded.seen_run)),
        raw = excluded.raw";
}

/// One row's parameters for [`shape`]'s `values`, in order.
fn row_params(
    out: &mut Vec<rusqlite::types::Value>,
    business: BusinessId,
    entity: Entity,
    id: i64,
    raw: &Value,
    run: Option<i64>,
) {
    use rusqlite::types::Value as Sql;
    let opt_text = |v: Option<String>| v.map_or(Sql::Null, Sql::Text);
    let opt_int = |v: Option<i64>| v.map_or(Sql::Null, Sql::Integer);
    let vis = Sql::Integer(int(raw, "vis_state").unwrap_or(0));
    let b = Sql::Integer(business.get());
    let raw_text = Sql::Text(raw.to_string());
    match entity {
        Entity::Clients => out.extend([
            b,
            Sql::Integer(id),
            opt_text(text(raw, "fname")),
            opt_text(text(raw, "lname")),
            opt_text(text(raw, "organization")),
            opt_text(text(raw, "email")),
            opt_text(text(raw, "currency_code")),
            vis,
            opt_text(text(raw, "updated")),
            opt_int(run),
            raw_text,
        ]),
        Entity::Invoices => out.extend([
            b,
            Sql::Integer(id),
            opt_int(int(raw, "customerid")),
            opt_text(text(raw, "invoice_number")),
            opt_text(text(raw, "create_date")),
            opt_text(text(raw, "currency_code")),
            opt_text(money_amount(raw, "amount")),
            opt_text(money_amount(raw, "outstanding")),
            opt_text(text(raw, "v3_status")),
            opt_text(text(raw, "payment_status")),
            opt_text(text(raw, "version")),
            vis,
            opt_text(text(raw, "updated")),
            Sql::Text(invoice_search_text(raw)),
            opt_int(run),
            raw_text,
            as_sql(raw, "due_date"),
            as_sql(raw, "create_date"),
            as_sql(raw, "due_offset_days"),
        ]),
        Entity::TimeEntries => out.extend([
            b,
            Sql::Integer(id),
            opt_int(int(raw, "client_id")),
            opt_int(int(raw, "project_id")),
            opt_int(int(raw, "service_id")),
            opt_int(int(raw, "identity_id")),
            opt_text(text(raw, "started_at")),
            Sql::Integer(int(raw, "duration").unwrap_or(0)),
            opt_text(text(raw, "note")),
            Sql::Integer(i64::from(flag(raw, "billable").unwrap_or(false))),
            Sql::Integer(i64::from(flag(raw, "billed").unwrap_or(false))),
            vis,
            opt_text(text(raw, "updated_at").or_else(|| text(raw, "created_at"))),
            opt_int(run),
            raw_text,
        ]),
        Entity::Projects
        | Entity::Services
        | Entity::ServiceRates
        | Entity::Taxes
        | Entity::Payments
        | Entity::Estimates
        | Entity::Expenses
        | Entity::Items => {
            let (parent, name) = generic_columns(entity, raw);
            out.extend([
                b,
                Sql::Text(entity.as_str().to_owned()),
                Sql::Integer(id),
                opt_int(parent),
                opt_text(name),
                vis,
                opt_text(text(raw, "updated").or_else(|| text(raw, "updated_at"))),
                opt_int(run),
                raw_text,
            ]);
        }
    }
}

/// A field of a record as SQLite's `json_extract` gives it, so the due date the upsert computes
/// from it is the one the schema's rule computes from `raw` (migration 0009): text, integer or
/// real as they are, `true`/`false` as 1/0, null or missing as NULL, an array or object as its
/// JSON text.
fn as_sql(record: &Value, field: &str) -> rusqlite::types::Value {
    use rusqlite::types::Value as Sql;
    match record.get(field) {
        None | Some(Value::Null) => Sql::Null,
        Some(Value::Bool(b)) => Sql::Integer(i64::from(*b)),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => n.as_f64().map_or(Sql::Null, Sql::Real),
        },
        Some(Value::String(s)) => Sql::Text(s.clone()),
        Some(other) => Sql::Text(other.to_string()),
    }
}

/// Runs a statement through the connection's cache of prepared statements: a pull writes
/// thousands of rows with the same few statements, and preparing one (with the triggers it
/// fires compiled in) costs more than the write itself.
pub(crate) fn execute_cached(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<usize> {
    Ok(conn.prepare_cached(sql)?.execute(params)?)
}

/// One record's raw JSON.
pub fn get(
    conn: &Connection,
    business: BusinessId,
    entity: Entity,
    id: i64,
) -> Result<Option<Value>> {
    let (sql, args) = select_sql(entity, "AND id = ?3");
    let raw: Option<String> = conn
        .query_row(&sql, params![business.get(), args, id], |row| row.get(0))
        .optional()?;
    Ok(raw.map(|r| serde_json::from_str(&r)).transpose()?)
}

/// Every record of an entity in a business, by id (local records, with negative ids, first).
pub fn list(conn: &Connection, business: BusinessId, entity: Entity) -> Result<Vec<Value>> {
    let (sql, args) = select_sql(entity, "ORDER BY id");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map(params![business.get(), args], |row| row.get::<_, String>(0))?;
    let mut res = Vec::new();
    for raw in rows {
        res.push(serde_json::from_str(&raw?)?);
    }
    Ok(res)
}

/// Removes one record (FreshBooks deleted it for good).
pub fn delete(tx: &Transaction<'_>, business: BusinessId, entity: Entity, id: i64) -> Result<()> {
    match own_table(entity) {
        Some(table) => tx.execute(
            &format!("DELETE FROM {table} WHERE business_id = ?1 AND id = ?2"),
            params![business.get(), id],
        )?,
        None => tx.execute(
            "DELETE FROM records WHERE business_id = ?1 AND entity = ?2 AND id = ?3",
            params![business.get(), entity.as_str(), id],
        )?,
    };
    Ok(())
}

/// After a complete full read numbered `run`: the records it did not see (no full read that
/// started with or after it saw them), except local records not yet sent, with whether the
/// mirror already holds them as deleted. A paged walk can miss a live record (a delete on a page
/// already read moves the next one back onto it), so the caller confirms each with FreshBooks
/// before it leaves the mirror.
pub fn unseen(
    conn: &Connection,
    business: BusinessId,
    entity: Entity,
    run: i64,
) -> Result<Vec<(i64, bool)>> {
    let open = "NOT EXISTS (SELECT 1 FROM outbox o WHERE o.business_id = t.business_id
                AND o.entity = ?3 AND o.target_id = t.id
                AND o.state IN ('pending','sending','unknown','conflict','rejected'))";
    let from = match own_table(entity) {
        Some(table) => format!("{table} AS t WHERE t.business_id = ?1 AND ?3 = ?3"),
        None => "records AS t WHERE t.business_id = ?1 AND t.entity = ?3".to_owned(),
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT t.id, t.vis_state = 1 FROM {from} AND t.id > 0
         AND (t.seen_run IS NULL OR t.seen_run < ?2) AND {open} ORDER BY t.id"
    ))?;
    let rows = stmt.query_map(params![business.get(), run, entity.as_str()], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, bool>(1)?))
    })?;
    let mut res = Vec::new();
    for row in rows {
        res.push(row?);
    }
    Ok(res)
}

/// Gives a record created offline (negative local id) the id FreshBooks assigned, and points
/// every reference to it at the new id, in the caller's transaction.
pub fn rekey(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    local_id: i64,
    remote_id: i64,
) -> Result<()> {
    let b = business.get();
    tx.execute(
        "INSERT OR REPLACE INTO id_map(business_id, entity, local_id, remote_id) VALUES (?1, ?2, ?3, ?4)",
        params![b, entity.as_str(), local_id, remote_id],
    )?;
    // If a pull already brought the remote record, the local copy gives way to it.
    if get(tx, business, entity, remote_id)?.is_some() {
        delete(tx, business, entity, local_id)?;
    } else {
        match own_table(entity) {
            Some(table) => tx.execute(
                &format!("UPDATE {table} SET id = ?3 WHERE business_id = ?1 AND id = ?2"),
                params![b, local_id, remote_id],
            )?,
            None => tx.execute(
                "UPDATE records SET id = ?4 WHERE business_id = ?1 AND entity = ?2 AND id = ?3",
                params![b, entity.as_str(), local_id, remote_id],
            )?,
        };
    }
    match entity {
        Entity::Clients => {
            tx.execute(
                "UPDATE time_entries SET client_id = ?3, raw = json_set(raw, '$.client_id', ?3)
                 WHERE business_id = ?1 AND client_id = ?2",
                params![b, local_id, remote_id],
            )?;
            tx.execute(
                "UPDATE invoices SET customer_id = ?3, raw = json_set(raw, '$.customerid', ?3)
                 WHERE business_id = ?1 AND customer_id = ?2",
                params![b, local_id, remote_id],
            )?;
            // The drafting wizard's choices remembered for the client follow it.
            tx.execute(
                "UPDATE OR REPLACE drafting_choices SET client_id = ?3
                 WHERE business_id = ?1 AND client_id = ?2",
                params![b, local_id, remote_id],
            )?;
        }
        // Nothing else refers to a record Ledgerline creates.
        Entity::Invoices
        | Entity::TimeEntries
        | Entity::Projects
        | Entity::Services
        | Entity::ServiceRates
        | Entity::Taxes
        | Entity::Payments
        | Entity::Estimates
        | Entity::Expenses
        | Entity::Items => {}
    }
    outbox::rekey_targets(tx, business, entity, local_id, remote_id)?;
    Ok(())
}

/// The FreshBooks id a local id was given, if it has been sent.
pub fn remote_id_of(
    conn: &Connection,
    business: BusinessId,
    entity: Entity,
    local_id: i64,
) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT remote_id FROM id_map WHERE business_id = ?1 AND entity = ?2 AND local_id = ?3",
            params![business.get(), entity.as_str(), local_id],
            |row| row.get(0),
        )
        .optional()?)
}

/// Whether a FreshBooks id is already claimed by a local record (so reconciliation may not claim it
/// again for another create).
pub fn is_mapped(
    conn: &Connection,
    business: BusinessId,
    entity: Entity,
    remote_id: i64,
) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM id_map WHERE business_id = ?1 AND entity = ?2 AND remote_id = ?3",
            params![business.get(), entity.as_str(), remote_id],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Marks a record seen by a full read numbered `run` (when given) without changing it.
pub fn mark_seen(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    id: i64,
    run: Option<i64>,
) -> Result<()> {
    let Some(run) = run else { return Ok(()) };
    match own_table(entity) {
        Some(table) => tx.execute(
            &format!(
                "UPDATE {table} SET seen_run = max(coalesce(seen_run, ?3), ?3)
                 WHERE business_id = ?1 AND id = ?2"
            ),
            params![business.get(), id, run],
        )?,
        None => tx.execute(
            "UPDATE records SET seen_run = max(coalesce(seen_run, ?4), ?4)
             WHERE business_id = ?1 AND entity = ?2 AND id = ?3",
            params![business.get(), entity.as_str(), id, run],
        )?,
    };
    Ok(())
}

/// The SELECT of `raw` for an entity, with `tail` appended; `?1` is the business, `?2` the
/// entity name (ignored by the typed tables).
fn select_sql(entity: Entity, tail: &str) -> (String, &'static str) {
    match own_table(entity) {
        Some(table) => (
            format!("SELECT raw FROM {table} WHERE business_id = ?1 AND ?2 = ?2 {tail}"),
            entity.as_str(),
        ),
        None => (
            format!("SELECT raw FROM records WHERE business_id = ?1 AND entity = ?2 {tail}"),
            entity.as_str(),
        ),
    }
}

fn generic_columns(entity: Entity, raw: &Value) -> (Option<i64>, Option<String>) {
    match entity {
        Entity::Projects => (int(raw, "client_id"), text(raw, "title")),
        Entity::Services | Entity::Taxes | Entity::Items => (None, text(raw, "name")),
        Entity::ServiceRates => (int(raw, "service_id"), text(raw, "rate")),
        Entity::Payments => (int(raw, "invoiceid"), money_amount(raw, "amount")),
        Entity::Estimates => (int(raw, "customerid"), text(raw, "estimate_number")),
        Entity::Expenses => (int(raw, "clientid"), text(raw, "vendor")),
        Entity::Clients | Entity::Invoices | Entity::TimeEntries => (None, None),
    }
}

/// What the invoice full-text index holds besides the number: the client's names and the lines.
fn invoice_search_text(raw: &Value) -> String {
    let mut parts: Vec<String> = ["organization", "fname", "lname", "notes", "description"]
        .iter()
        .filter_map(|f| text(raw, f))
        .collect();
    if let Some(Value::Array(lines)) = raw.get("lines") {
        for line in lines {
            parts.extend(["name", "description"].iter().filter_map(|f| text(line, f)));
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::businesses::{replace_all, tests::membership};
    use crate::store::test_support::temp_store;
    use serde_json::json;

    /// The rule the schema keeps `invoices.due_date` to (migration 0005): FreshBooks' due date,
    /// else the invoice's date plus its offset.
    const RULE: &str = "coalesce(date(json_extract(raw, '$.due_date')),
        date(json_extract(raw, '$.create_date'),
             CAST(coalesce(json_extract(raw, '$.due_offset_days'), 0) AS INTEGER) || ' days'))";

    /// An invoice's due date is written with the row, from every spelling a record can carry,
    /// exactly as the schema's rule reads it from `raw`; a pulled invoice is written once (no
    /// second write of the row to set it), and a write of `raw` alone still moves it.
    #[test]
    fn an_invoice_is_written_once_with_its_due_date() {
        let (_dir, store) = temp_store();
        let b = BusinessId(1);
        let cases = [
            (
                json!({"id": 1, "create_date": "2026-01-10", "due_date": "2026-02-09"}),
                Some("2026-02-09"),
            ),
            (
                json!({"id": 2, "create_date": "2026-01-10", "due_offset_days": 30}),
                Some("2026-02-09"),
            ),
            (
                json!({"id": 3, "create_date": "2026-01-10", "due_offset_days": "15"}),
                Some("2026-01-25"),
            ),
            (
                json!({"id": 4, "create_date": "2026-01-10"}),
                Some("2026-01-10"),
            ),
            (
                json!({"id": 5, "due_date": "soon", "create_date": "2026-01-10", "due_offset_days": 1}),
                Some("2026-01-11"),
            ),
            (json!({"id": 6, "due_offset_days": 3}), None),
            (
                json!({"id": 7, "due_date": "2026-03-01 00:00:00"}),
                Some("2026-03-01"),
            ),
            (
                json!({"id": 8, "create_date": "2026-01-10", "due_offset_days": 2.9}),
                Some("2026-01-12"),
            ),
            (
                json!({"id": 9, "create_date": "2026-01-10", "due_offset_days": true}),
                Some("2026-01-11"),
            ),
            (
                json!({"id": 10, "create_date": "2026-01-10", "due_date": null, "due_offset_days": null}),
                Some("2026-01-10"),
            ),
        ];
        store
            .write_blocking(|tx| {
                replace_all(tx, &[membership(1, "a", "One")])?;
                tx.execute_batch(
                    "CREATE TEMP TABLE row_writes(n INTEGER NOT NULL); INSERT INTO row_writes VALUES (0);
                     CREATE TEMP TRIGGER count_row_writes AFTER UPDATE ON main.invoices
                     BEGIN UPDATE row_writes SET n = n + 1; END;",
                )?;
                Ok(())
            })
            .unwrap();
        let writes = |store: &crate::store::Store| -> i64 {
            store
                .write_blocking(
                    |tx| Ok(tx.query_row("SELECT n FROM row_writes", [], |r| r.get(0))?),
                )
                .unwrap()
        };
        for (raw, _) in &cases {
            let raw = raw.clone();
            store
                .write_blocking(move |tx| upsert(tx, b, Entity::Invoices, &raw, None).map(|_| ()))
                .unwrap();
        }
        assert_eq!(writes(&store), 0, "a new invoice is written once");
        let check = |store: &crate::store::Store, id: i64, want: Option<&str>| {
            let (got, rule): (Option<String>, Option<String>) = store
                .read_blocking(move |c| {
                    Ok(c.query_row(
                        &format!("SELECT due_date, {RULE} FROM invoices WHERE business_id = 1 AND id = ?1"),
                        [id],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )?)
                })
                .unwrap();
            assert_eq!(got.as_deref(), want, "invoice {id}");
            assert_eq!(got, rule, "invoice {id} as the rule reads its raw");
        };
        for (raw, want) in &cases {
            check(&store, raw["id"].as_i64().unwrap(), *want);
        }
        // Pulled again with another offset: one write of the row, and the date follows.
        let changed = json!({"id": 2, "create_date": "2026-01-10", "due_offset_days": 5});
        store
            .write_blocking(move |tx| upsert(tx, b, Entity::Invoices, &changed, None).map(|_| ()))
            .unwrap();
        assert_eq!(writes(&store), 1, "an update is one write");
        check(&store, 2, Some("2026-01-15"));
        // Any other write of `raw` keeps the column in step.
        store
            .write_blocking(|tx| {
                tx.execute(
                    "UPDATE invoices SET raw = json_set(raw, '$.due_date', '2026-04-01') WHERE id = 4",
                    [],
                )?;
                Ok(())
            })
            .unwrap();
        check(&store, 4, Some("2026-04-01"));
    }
}

#[cfg(test)]
mod many_rows {
    use super::*;
    use crate::store::businesses::{replace_all, tests::membership};
    use crate::store::test_support::temp_store;
    use serde_json::json;

    /// What the mirror holds of an entity's table and its full-text index, row by row.
    fn contents(store: &crate::store::Store, table: &str, fts: &str) -> Vec<String> {
        let table = table.to_owned();
        let fts = fts.to_owned();
        store
            .read_blocking(move |c| {
                let mut out = Vec::new();
                let mut stmt = c.prepare(&format!("SELECT * FROM {table} ORDER BY id"))?;
                let n = stmt.column_count();
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    let cols: Vec<String> = (0..n)
                        .map(|i| format!("{:?}", row.get::<_, rusqlite::types::Value>(i).unwrap()))
                        .collect();
                    out.push(cols.join("|"));
                }
                let mut stmt = c.prepare(&format!(
                    "SELECT rowid FROM {fts} WHERE {fts} MATCH 'acme OR gamma' ORDER BY rowid"
                ))?;
                let hits = stmt.query_map([], |r| r.get::<_, i64>(0))?;
                for hit in hits {
                    out.push(format!("hit {}", hit?));
                }
                Ok(out)
            })
            .unwrap()
    }

    /// Records written several in one statement leave the table and its full-text index exactly
    /// as the same records written one by one, in order (a record twice: the later one wins).
    #[test]
    fn several_rows_at_once_are_the_rows_one_by_one() {
        let invoices = [
            json!({"id": 1, "invoice_number": "0001", "organization": "Acme", "create_date": "2026-01-10", "due_offset_days": 30, "amount": {"amount": "10.00", "code": "CAD"}}),
            json!({"id": 2, "invoice_number": "0002", "organization": "Beta", "create_date": "2026-01-11"}),
            json!({"id": 1, "invoice_number": "0001", "organization": "Gamma", "create_date": "2026-01-12", "vis_state": 1}),
        ];
        let entries = [
            json!({"id": 5, "note": "acme work", "duration": 60, "billable": true, "started_at": "2026-01-10T10:00:00Z"}),
            json!({"id": 6, "note": "other", "duration": "30", "billed": 1}),
        ];
        let run = |many: bool| {
            let (dir, store) = temp_store();
            store
                .write_blocking(|tx| {
                    replace_all(tx, &[membership(1, "a", "One")])?;
                    let b = BusinessId(1);
                    for (entity, list) in [
                        (Entity::Invoices, &invoices[..]),
                        (Entity::TimeEntries, &entries[..]),
                    ] {
                        let rows: Vec<(i64, &Value)> = list
                            .iter()
                            .map(|r| (record_id(entity, r).unwrap(), r))
                            .collect();
                        if many {
                            write_rows(tx, b, entity, &rows, Some(7))?;
                        } else {
                            for (id, raw) in rows {
                                write_row(tx, b, entity, id, raw, Some(7))?;
                            }
                        }
                    }
                    Ok(())
                })
                .unwrap();
            let got = (
                contents(&store, "invoices", "invoices_fts"),
                contents(&store, "time_entries", "time_entries_fts"),
            );
            drop(store);
            drop(dir);
            got
        };
        let (one_by_one, at_once) = (run(false), run(true));
        assert_eq!(
            one_by_one.0.len(),
            2 + 1,
            "two invoices, one hit: {one_by_one:?}"
        );
        assert!(one_by_one.0[0].contains("Gamma"), "{one_by_one:?}");
        assert_eq!(at_once, one_by_one);
    }
}
