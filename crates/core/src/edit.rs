//! Local edits: each one changes the mirror optimistically and queues its outbox operation in the
//! same transaction (the architecture invariant: no other code path writes the outbox).
//!
//! Every function takes the caller's transaction, so `Core` runs it inside `Store::write`, and
//! tests can call it directly.
//!
//! A record created offline has a local (negative) id until its create is sent, then FreshBooks'
//! id. The UI or a script may still hold the local id, so every edit that takes a record id (or
//! refers to a client) maps it through the id map first (`current_id`): the edit lands on the
//! record FreshBooks knows, and its operation is indexed under that id so pulls leave it alone.

use chrono::{DateTime, Utc};
use ledgerline_model::ids::BusinessId;
use rusqlite::{Connection, Transaction};
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::outbox::op::{Fields, Op};
use crate::outbox::payload;
use crate::store::outbox;
use crate::store::{conflicts, records, settings, stale};
use ledgerline_model::entity::Entity;
use ledgerline_model::entity::VisState;
use ledgerline_model::error::{ErrorCode, FieldProblem};
use ledgerline_model::outbox::OpState;
use ledgerline_model::outbox::Resolution;

/// Creates a client offline; returns its local (negative) id.
pub fn create_client(
    tx: &Transaction<'_>,
    business: BusinessId,
    fields: Fields,
    now: DateTime<Utc>,
) -> Result<i64> {
    check_client_name(&fields)?;
    // A field FreshBooks cannot be sent is refused now, not after it was shown as made.
    payload::check_new(Entity::Clients, &fields)?;
    let local_id = write_new_record(
        tx,
        business,
        Entity::Clients,
        &fields,
        &[("vis_state", json!(0))],
    )?;
    outbox::enqueue(tx, business, &Op::CreateClient { local_id, fields }, now)?;
    Ok(local_id)
}

/// Changes fields of a client; returns the operation's number.
pub fn update_client(
    tx: &Transaction<'_>,
    business: BusinessId,
    id: i64,
    changes: Fields,
    now: DateTime<Utc>,
) -> Result<i64> {
    // A change FreshBooks cannot be sent is refused now, not after it was shown as made.
    payload::client_update(&changes)?;
    let Updated {
        id,
        before,
        after,
        base,
    } = write_update(tx, business, Entity::Clients, id, &changes)?;
    // Refusing here rolls the whole transaction back, the written row included.
    check_client_name(after.as_object().unwrap_or(&Fields::new()))?;
    let base_updated = before
        .get("updated")
        .and_then(Value::as_str)
        .map(str::to_owned);
    outbox::enqueue(
        tx,
        business,
        &Op::UpdateClient {
            id,
            base_updated,
            base,
            changes,
        },
        now,
    )
}

/// Archives, deletes or restores a client; returns the operation's number.
pub fn set_client_visibility(
    tx: &Transaction<'_>,
    business: BusinessId,
    id: i64,
    to: VisState,
    now: DateTime<Utc>,
) -> Result<i64> {
    let id = current_id(tx, business, Entity::Clients, id)?;
    let mut current = existing(tx, business, Entity::Clients, id)?;
    let from = VisState::from_freshbooks(
        current
            .get("vis_state")
            .and_then(Value::as_i64)
            .unwrap_or(0),
    );
    if let Some(obj) = current.as_object_mut() {
        obj.insert("vis_state".into(), json!(to.code()));
    }
    records::write_row(tx, business, Entity::Clients, id, &current, None)?;
    outbox::enqueue(tx, business, &Op::SetClientVisibility { id, from, to }, now)
}

/// Logs a time entry offline; returns its local id.
pub fn create_time_entry(
    tx: &Transaction<'_>,
    business: BusinessId,
    fields: Fields,
    now: DateTime<Utc>,
) -> Result<i64> {
    if !fields.contains_key("started_at") {
        return Err(Error::Invalid {
            field: "started_at",
            problem: FieldProblem::Required,
        });
    }
    let fields = current_refs(tx, business, fields)?;
    payload::check_new(Entity::TimeEntries, &fields)?;
    let defaults = [("is_logged", json!(true)), ("billed", json!(false))];
    let local_id = write_new_record(tx, business, Entity::TimeEntries, &fields, &defaults)?;
    outbox::enqueue(tx, business, &Op::CreateTimeEntry { local_id, fields }, now)?;
    Ok(local_id)
}

/// Changes fields of a time entry; returns the operation's number.
pub fn update_time_entry(
    tx: &Transaction<'_>,
    business: BusinessId,
    id: i64,
    changes: Fields,
    now: DateTime<Utc>,
) -> Result<i64> {
    payload::time_entry_update(&changes)?;
    let changes = current_refs(tx, business, changes)?;
    let Updated { id, base, .. } = write_update(tx, business, Entity::TimeEntries, id, &changes)?;
    outbox::enqueue(
        tx,
        business,
        &Op::UpdateTimeEntry { id, base, changes },
        now,
    )
}

/// Creates a draft invoice offline; returns its local id.
pub fn create_invoice(
    tx: &Transaction<'_>,
    business: BusinessId,
    fields: Fields,
    now: DateTime<Utc>,
) -> Result<i64> {
    let fields = current_refs(tx, business, fields)?;
    let local_id = write_local_invoice(tx, business, &fields)?;
    outbox::enqueue(tx, business, &Op::CreateInvoice { local_id, fields }, now)?;
    Ok(local_id)
}

/// Changes a draft invoice; returns the operation's number.
pub fn update_invoice(
    tx: &Transaction<'_>,
    business: BusinessId,
    id: i64,
    changes: Fields,
    now: DateTime<Utc>,
) -> Result<i64> {
    payload::invoice_update(&changes)?;
    let changes = current_refs(tx, business, changes)?;
    let Updated {
        id, before, base, ..
    } = write_update(tx, business, Entity::Invoices, id, &changes)?;
    let base_version = before
        .get("version")
        .and_then(Value::as_str)
        .map(str::to_owned);
    outbox::enqueue(
        tx,
        business,
        &Op::UpdateInvoice {
            id,
            base_version,
            base,
            changes,
        },
        now,
    )
}

/// Creates a draft invoice from time entries and marks them billed, as one operation; returns the
/// invoice's local id.
pub fn draft_invoice_from_time(
    tx: &Transaction<'_>,
    business: BusinessId,
    fields: Fields,
    entries: Vec<i64>,
    now: DateTime<Utc>,
) -> Result<(i64, i64)> {
    let fields = current_refs(tx, business, fields)?;
    let entries = current_ids(tx, business, Entity::TimeEntries, entries)?;
    // Checked here, in the transaction that bills them: two drafts at once (a double click, or
    // two Ledgerlines on one data folder) cannot both bill the same time.
    check_unbilled(tx, business, &entries)?;
    let local_id = write_local_invoice(tx, business, &fields)?;
    set_billed(tx, business, &entries, true)?;
    let seq = outbox::enqueue(
        tx,
        business,
        &Op::DraftInvoiceFromTime {
            local_id,
            fields,
            entries,
        },
        now,
    )?;
    Ok((local_id, seq))
}

/// Undoes an operation not yet sent: the local change is reverted and the operation dropped.
pub fn undo(
    tx: &Transaction<'_>,
    business: BusinessId,
    seq: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let queued = outbox::get(tx, seq)?
        .filter(|q| q.business == business)
        .ok_or(Error::TooLateToUndo(seq))?;
    // It may be in FreshBooks (sent, its answer lost): only a look can tell, so say so.
    if queued.state == OpState::Unknown {
        return Err(Error::InDoubt(seq));
    }
    // Only a pending operation is certainly not applied in FreshBooks; a refused one never was.
    if !matches!(
        queued.state,
        OpState::Pending | OpState::Rejected | OpState::Conflict
    ) {
        return Err(Error::TooLateToUndo(seq));
    }
    // A multi-step operation past its first step is partly in FreshBooks (the invoice exists,
    // some entries are billed there), whatever its state now: reverting it here would show the
    // user a mirror without what FreshBooks has.
    if queued.step > 0 {
        return Err(Error::TooLateToUndo(seq));
    }
    match &queued.op {
        Op::CreateClient { local_id, .. } => {
            records::delete(tx, business, Entity::Clients, *local_id)?
        }
        Op::CreateTimeEntry { local_id, .. } => {
            // A draft not yet sent that bills this entry would go out billing time that no
            // longer exists.
            if let Some(draft) = outbox::open(tx, business)?
                .into_iter()
                .find(|q| q.seq != seq && q.op.entries().contains(local_id))
            {
                return Err(Error::UsedByDraft {
                    change: seq,
                    draft: draft.seq,
                });
            }
            records::delete(tx, business, Entity::TimeEntries, *local_id)?;
        }
        Op::CreateInvoice { local_id, .. } => {
            records::delete(tx, business, Entity::Invoices, *local_id)?
        }
        Op::DraftInvoiceFromTime {
            local_id, entries, ..
        } => {
            records::delete(tx, business, Entity::Invoices, *local_id)?;
            // Entries FreshBooks showed as billed when it refused the draft stay billed here.
            let billed_there: Vec<i64> = match queued.last_error.as_ref().map(|e| &e.code) {
                Some(ErrorCode::BilledInFreshBooks { entries }) => {
                    entries.iter().map(|e| e.get()).collect()
                }
                _ => Vec::new(),
            };
            let entries: Vec<i64> = entries
                .iter()
                .copied()
                .filter(|e| {
                    !billed_there
                        .contains(&current_id(tx, business, Entity::TimeEntries, *e).unwrap_or(*e))
                })
                .collect();
            set_billed(tx, business, &entries, false)?;
        }
        Op::UpdateClient { id, base, .. } => revert(tx, business, Entity::Clients, *id, base)?,
        Op::UpdateTimeEntry { id, base, .. } => {
            revert(tx, business, Entity::TimeEntries, *id, base)?
        }
        Op::UpdateInvoice { id, base, .. } => revert(tx, business, Entity::Invoices, *id, base)?,
        Op::SetClientVisibility { id, from, .. } => {
            let mut base = Fields::new();
            base.insert("vis_state".into(), json!(from.code()));
            revert(tx, business, Entity::Clients, *id, &base)?;
        }
        Op::MarkBilled { entries } => set_billed(tx, business, entries, false)?,
    }
    for conflict in conflicts::open_for_op(tx, seq)? {
        conflicts::resolve(tx, conflict.id, Resolution::TakeFreshBooks, now)?;
    }
    // Conditional on the state read, in the same (immediate) transaction: a sender that marked
    // it `sending` first wins, and this undo is refused.
    if !outbox::transition(tx, seq, &[queued.state], OpState::Undone, None, now)? {
        return Err(Error::TooLateToUndo(seq));
    }
    // What FreshBooks changed in the record while this was pending was skipped by the pulls.
    mark_stale(tx, business, &queued.op)?;
    Ok(())
}

/// Marks the records an operation touched for reading again, once no other change to them is
/// open (see `store::stale`).
fn mark_stale(tx: &Transaction<'_>, business: BusinessId, op: &Op) -> Result<()> {
    stale::mark_if_settled(tx, business, op.entity(), op.target())?;
    for entry in op.entries() {
        stale::mark_if_settled(tx, business, Entity::TimeEntries, *entry)?;
    }
    Ok(())
}

/// Settles one conflict. `KeepMine` rebases our change on FreshBooks' values so it is sent as
/// is; `TakeFreshBooks` drops our change to that group and shows FreshBooks' values. When the
/// operation's last conflict is settled it is sent again (or finished, if nothing is left).
pub fn resolve_conflict(
    tx: &Transaction<'_>,
    business: BusinessId,
    conflict_id: i64,
    resolution: Resolution,
    now: DateTime<Utc>,
) -> Result<()> {
    let conflict = conflicts::get_open(tx, conflict_id)?
        .filter(|c| c.business == business)
        .ok_or(Error::NoSuchConflict(conflict_id))?;
    let queued = outbox::get(tx, conflict.op_seq)?.ok_or(Error::NoSuchConflict(conflict_id))?;
    let mut op = queued.op.clone();
    let (base, changes) = match &mut op {
        Op::UpdateClient { base, changes, .. }
        | Op::UpdateTimeEntry { base, changes, .. }
        | Op::UpdateInvoice { base, changes, .. } => (base, changes),
        // Only updates can conflict.
        Op::CreateClient { .. }
        | Op::SetClientVisibility { .. }
        | Op::CreateTimeEntry { .. }
        | Op::CreateInvoice { .. }
        | Op::MarkBilled { .. }
        | Op::DraftInvoiceFromTime { .. } => return Err(Error::NoSuchConflict(conflict_id)),
    };
    match resolution {
        Resolution::KeepMine => {
            for (field, theirs) in &conflict.theirs {
                base.insert(field.clone(), theirs.clone());
            }
        }
        Resolution::TakeFreshBooks => {
            for field in conflict.theirs.keys() {
                base.remove(field);
                changes.remove(field);
            }
            revert(
                tx,
                business,
                conflict.entity,
                conflict.record_id,
                &conflict.theirs,
            )?;
        }
    }
    let nothing_left = changes.is_empty();
    outbox::replace_op(tx, queued.seq, &op)?;
    conflicts::resolve(tx, conflict_id, resolution, now)?;
    if conflicts::open_for_op(tx, queued.seq)?.is_empty() {
        let state = if nothing_left {
            OpState::Done
        } else {
            OpState::Pending
        };
        outbox::transition(tx, queued.seq, &[OpState::Conflict], state, None, now)?;
        if nothing_left {
            mark_stale(tx, business, &op)?;
        }
    }
    Ok(())
}

fn write_local_invoice(tx: &Transaction<'_>, business: BusinessId, fields: &Fields) -> Result<i64> {
    if !fields.contains_key("customerid") {
        return Err(Error::Invalid {
            field: "customerid",
            problem: FieldProblem::Required,
        });
    }
    payload::check_new(Entity::Invoices, fields)?;
    let mut defaults = vec![("v3_status", json!("draft")), ("vis_state", json!(0))];
    // The client's names, which FreshBooks' invoices carry: the invoice list's search finds an
    // invoice made here by its client's name before FreshBooks has it. (Only the mirror's copy;
    // the queued change sends what it was given.)
    let client = match fields.get("customerid").and_then(Value::as_i64) {
        Some(id) => records::get(tx, business, Entity::Clients, id)?,
        None => None,
    };
    if let Some(client) = &client {
        for name in ["organization", "fname", "lname"] {
            if let Some(value) = client.get(name).filter(|v| !v.is_null()) {
                defaults.push((name, value.clone()));
            }
        }
    }
    let local_id = write_new_record(tx, business, Entity::Invoices, fields, &defaults)?;
    Ok(local_id)
}

/// Refuses entries already billed here, in a draft or mark-billed change not yet settled, or
/// named twice.
pub(crate) fn check_unbilled(
    tx: &Transaction<'_>,
    business: BusinessId,
    entries: &[i64],
) -> Result<()> {
    let mut in_use = Vec::new();
    for q in outbox::open(tx, business)? {
        for &entry in q.op.entries() {
            in_use.push(current_id(tx, business, Entity::TimeEntries, entry)?);
        }
    }
    let mut billed = Vec::new();
    for (idx, &entry) in entries.iter().enumerate() {
        let raw = existing(tx, business, Entity::TimeEntries, entry)?;
        if raw.get("billed").and_then(Value::as_bool) == Some(true)
            || in_use.contains(&entry)
            || entries[..idx].contains(&entry)
        {
            billed.push(entry);
        }
    }
    if billed.is_empty() {
        Ok(())
    } else {
        Err(Error::AlreadyBilled(billed))
    }
}

fn set_billed(
    tx: &Transaction<'_>,
    business: BusinessId,
    entries: &[i64],
    billed: bool,
) -> Result<()> {
    for &entry in entries {
        let entry = current_id(tx, business, Entity::TimeEntries, entry)?;
        let mut raw = existing(tx, business, Entity::TimeEntries, entry)?;
        if let Some(obj) = raw.as_object_mut() {
            obj.insert("billed".into(), json!(billed));
        }
        records::write_row(tx, business, Entity::TimeEntries, entry, &raw, None)?;
    }
    Ok(())
}

fn revert(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    id: i64,
    base: &Fields,
) -> Result<()> {
    let id = current_id(tx, business, entity, id)?;
    let mut raw = existing(tx, business, entity, id)?;
    merge(&mut raw, base);
    records::write_row(tx, business, entity, id, &raw, None)
}

/// The id a record has now: an operation (or the UI, or a script) keeps the local (negative) id
/// of a record created offline, and the record takes FreshBooks' id once its create is sent.
pub(crate) fn current_id(
    conn: &Connection,
    business: BusinessId,
    entity: Entity,
    id: i64,
) -> Result<i64> {
    if id >= 0 {
        return Ok(id);
    }
    Ok(records::remote_id_of(conn, business, entity, id)?.unwrap_or(id))
}

pub(crate) fn current_ids(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    ids: Vec<i64>,
) -> Result<Vec<i64>> {
    ids.into_iter()
        .map(|id| current_id(tx, business, entity, id))
        .collect()
}

/// The fields with a client given by its offline id pointed at the client's FreshBooks id, when
/// its create has been sent (the mirror's references were re-keyed then; this keeps new ones in
/// step).
fn current_refs(tx: &Transaction<'_>, business: BusinessId, mut fields: Fields) -> Result<Fields> {
    for field in ["client_id", "customerid"] {
        if let Some(id) = fields.get(field).and_then(Value::as_i64)
            && id < 0
        {
            let id = current_id(tx, business, Entity::Clients, id)?;
            fields.insert(field.into(), json!(id));
        }
    }
    Ok(fields)
}

fn existing(tx: &Transaction<'_>, business: BusinessId, entity: Entity, id: i64) -> Result<Value> {
    records::get(tx, business, entity, id)?.ok_or(Error::NotFound { entity, id })
}

/// Overwrites fields of a record (a null value stays null: FreshBooks clears a field so).
pub(crate) fn merge(record: &mut Value, changes: &Fields) {
    if let Some(obj) = record.as_object_mut() {
        for (k, v) in changes {
            obj.insert(k.clone(), v.clone());
        }
    }
}

/// The record's current values of the fields in `changes` (null for missing ones).
pub(crate) fn values_of(record: &Value, changes: &Fields) -> Fields {
    changes
        .keys()
        .map(|k| (k.clone(), record.get(k).cloned().unwrap_or(Value::Null)))
        .collect()
}

fn check_client_name(fields: &Fields) -> Result<()> {
    let has = |k: &str| {
        fields
            .get(k)
            .and_then(Value::as_str)
            .is_some_and(|s| !s.trim().is_empty())
    };
    if has("organization") || has("fname") || has("lname") {
        Ok(())
    } else {
        Err(Error::Invalid {
            field: "client",
            problem: FieldProblem::NeedsName,
        })
    }
}

/// The mirror side of an update, as [`write_update`] leaves it.
struct Updated {
    /// The record's id (its FreshBooks id once its create was sent, even when the caller still
    /// held the offline one).
    id: i64,
    /// The record as it was.
    before: Value,
    /// The record as it is now.
    after: Value,
    /// The values the changed fields had: the base the update was made on.
    base: Fields,
}

/// Applies changes to a stored record and writes it back.
fn write_update(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    id: i64,
    changes: &Fields,
) -> Result<Updated> {
    let id = current_id(tx, business, entity, id)?;
    let before = existing(tx, business, entity, id)?;
    let base = values_of(&before, changes);
    let mut after = before.clone();
    merge(&mut after, changes);
    records::write_row(tx, business, entity, id, &after, None)?;
    Ok(Updated {
        id,
        before,
        after,
        base,
    })
}

/// Writes a record created offline into the mirror under a fresh local id, with `defaults` for
/// the fields FreshBooks fills in on create (so the mirror shows it as FreshBooks will); returns
/// the local id.
fn write_new_record(
    tx: &Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    fields: &Fields,
    defaults: &[(&str, Value)],
) -> Result<i64> {
    let local_id = settings::next_local_id(tx)?;
    let mut raw = fields.clone();
    raw.insert("id".into(), json!(local_id));
    for (name, value) in defaults {
        raw.entry(*name).or_insert_with(|| value.clone());
    }
    records::write_row(tx, business, entity, local_id, &Value::Object(raw), None)?;
    Ok(local_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::store::businesses::{replace_all, tests::membership};
    use crate::store::test_support::temp_store;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
    }

    fn fields(v: Value) -> Fields {
        v.as_object().cloned().unwrap()
    }

    fn setup() -> (tempfile::TempDir, Store, BusinessId) {
        let (dir, store) = temp_store();
        store
            .write_blocking(|tx| {
                replace_all(tx, &[membership(1, "a", "One")])?;
                records::upsert(tx, BusinessId(1), Entity::Clients,
                    &json!({"id": 5, "organization": "Acme", "email": "a@x", "updated": "2026-01-01 10:00:00", "vis_state": 0}), None)?;
                records::upsert(tx, BusinessId(1), Entity::TimeEntries,
                    &json!({"id": 7, "client_id": 5, "duration": 3600, "billed": false, "started_at": "2026-02-01T10:00:00Z"}), None)?;
                Ok(())
            })
            .unwrap();
        (dir, store, BusinessId(1))
    }

    #[test]
    fn edit_and_its_operation_are_one_transaction() {
        let (_dir, store, b) = setup();
        let seq = store
            .write_blocking(|tx| {
                update_client(tx, b, 5, fields(json!({"organization": "Acme Inc"})), now())
            })
            .unwrap();
        let (raw, ops) = store
            .read_blocking(|c| {
                Ok((
                    records::get(c, b, Entity::Clients, 5)?.unwrap(),
                    outbox::all(c, b)?,
                ))
            })
            .unwrap();
        assert_eq!(raw["organization"], "Acme Inc");
        assert_eq!(ops.len(), 1);
        assert_eq!(ops[0].seq, seq);
        match &ops[0].op {
            Op::UpdateClient {
                base, base_updated, ..
            } => {
                assert_eq!(base["organization"], "Acme");
                assert_eq!(base_updated.as_deref(), Some("2026-01-01 10:00:00"));
            }
            other => panic!("unexpected {other:?}"),
        }
        // A failing edit leaves neither the change nor an operation behind.
        let res = store.write_blocking(|tx| {
            update_client(tx, b, 5, fields(json!({"organization": ""})), now())
        });
        assert!(res.is_err());
        let n = store
            .read_blocking(|c| Ok(outbox::all(c, b)?.len()))
            .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn pulls_do_not_overwrite_pending_edits() {
        let (_dir, store, b) = setup();
        store
            .write_blocking(|tx| {
                update_client(tx, b, 5, fields(json!({"organization": "Mine"})), now())
            })
            .unwrap();
        let res = store
            .write_blocking(|tx| {
                records::upsert(
                    tx,
                    b,
                    Entity::Clients,
                    &json!({"id": 5, "organization": "Theirs"}),
                    None,
                )
            })
            .unwrap();
        assert_eq!(res, records::Upserted::KeptLocalEdit);
        let raw = store
            .read_blocking(|c| records::get(c, b, Entity::Clients, 5))
            .unwrap()
            .unwrap();
        assert_eq!(raw["organization"], "Mine");
    }

    #[test]
    fn an_invoice_made_here_carries_its_clients_names_for_the_search() {
        let (_dir, store, b) = setup();
        let (inv, seq) = store
            .write_blocking(|tx| {
                draft_invoice_from_time(tx, b, fields(json!({"customerid": 5})), vec![7], now())
            })
            .unwrap();
        let (raw, ops) = store
            .read_blocking(move |c| {
                Ok((
                    records::get(c, b, Entity::Invoices, inv)?.unwrap(),
                    outbox::all(c, b)?,
                ))
            })
            .unwrap();
        assert_eq!(raw["organization"], "Acme");
        assert!(raw.get("fname").is_none(), "{raw}");
        // The change sent to FreshBooks is what it was given.
        let op = ops.iter().find(|q| q.seq == seq).unwrap();
        assert!(!format!("{:?}", op.op).contains("Acme"), "{:?}", op.op);
    }

    #[test]
    fn undo_reverts_each_kind_of_edit() {
        let (_dir, store, b) = setup();
        let (local, seq_update, seq_archive, local_invoice) = store
            .write_blocking(|tx| {
                let local = create_client(tx, b, fields(json!({"fname": "Ann"})), now())?;
                let seq_update = update_client(tx, b, 5, fields(json!({"email": "new@x"})), now())?;
                let seq_archive = set_client_visibility(tx, b, 5, VisState::Archived, now())?;
                let (inv, _) = draft_invoice_from_time(
                    tx,
                    b,
                    fields(json!({"customerid": 5})),
                    vec![7],
                    now(),
                )?;
                Ok((local, seq_update, seq_archive, inv))
            })
            .unwrap();
        assert!(local < 0 && local_invoice < local);
        let ops = store.read_blocking(move |c| outbox::all(c, b)).unwrap();
        assert_eq!(ops.len(), 4);
        let entry = store
            .read_blocking(move |c| records::get(c, b, Entity::TimeEntries, 7))
            .unwrap()
            .unwrap();
        assert_eq!(entry["billed"], true);
        store
            .write_blocking(|tx| {
                for q in &ops {
                    undo(tx, b, q.seq, now())?;
                }
                Ok(())
            })
            .unwrap();
        store
            .read_blocking(move |c| {
                assert!(records::get(c, b, Entity::Clients, local)?.is_none());
                assert!(records::get(c, b, Entity::Invoices, local_invoice)?.is_none());
                let client = records::get(c, b, Entity::Clients, 5)?.unwrap();
                assert_eq!(client["email"], "a@x");
                assert_eq!(client["vis_state"], 0);
                let entry = records::get(c, b, Entity::TimeEntries, 7)?.unwrap();
                assert_eq!(entry["billed"], false);
                assert!(outbox::open(c, b)?.is_empty());
                Ok(())
            })
            .unwrap();
        let _ = (seq_update, seq_archive);
        // Undoing twice is refused with a message that says what to do.
        let err = store
            .write_blocking(|tx| undo(tx, b, ops_first(&store, b), now()))
            .unwrap_err();
        assert!(err.to_string().contains("edit the record again"));
    }

    /// Moved from the integration test of the same name (`tests/it/outbox.rs`), whose public
    /// API can no longer name such fields: a field the FreshBooks payloads have no place for (a
    /// client's `vat_number`, a time entry's `task_id` on update) used to be shown as changed,
    /// left out of what was sent, and brought back by the next sync: the edit silently vanished.
    /// It is refused at once, naming the field, and nothing is changed or queued.
    #[test]
    fn issue_6_a_field_the_payload_cannot_carry_is_refused_at_once() {
        let (_dir, store, b) = setup();
        let client = store
            .read_blocking(move |c| records::get(c, b, Entity::Clients, 5))
            .unwrap()
            .unwrap();
        let refused = [
            store
                .write_blocking(|tx| {
                    update_client(
                        tx,
                        b,
                        5,
                        fields(json!({"email": "vat@example.com", "vat_number": "GB123"})),
                        now(),
                    )
                })
                .map(|_| ())
                .unwrap_err(),
            store
                .write_blocking(|tx| {
                    create_client(
                        tx,
                        b,
                        fields(json!({"organization": "Vat Co", "vat_number": "GB123"})),
                        now(),
                    )
                })
                .map(|_| ())
                .unwrap_err(),
            store
                .write_blocking(|tx| {
                    update_time_entry(tx, b, 7, fields(json!({"task_id": 3})), now())
                })
                .map(|_| ())
                .unwrap_err(),
        ];
        for (err, field) in refused.iter().zip(["vat_number", "vat_number", "task_id"]) {
            let msg = err.to_string();
            assert!(msg.contains(&format!("“{field}”")), "{msg}");
            assert!(msg.contains("leave it out"), "{msg}");
        }
        store
            .read_blocking(move |c| {
                let open = outbox::open(c, b)?;
                assert!(open.is_empty(), "{open:#?}");
                let ours = records::get(c, b, Entity::Clients, 5)?.unwrap();
                assert_eq!(ours["email"], client["email"]);
                assert!(ours.get("vat_number") == client.get("vat_number"), "{ours}");
                let clients = records::list(c, b, Entity::Clients)?;
                assert!(
                    !clients.iter().any(|c| c["organization"] == json!("Vat Co")),
                    "the refused create left nothing behind"
                );
                Ok(())
            })
            .unwrap();
    }

    /// The half of the integration test `issue_6_clearing_a_field_reaches_freshbooks_or_is_refused_at_once`
    /// that its public API can no longer ask for (`TimeEntryUpdate` cannot say "clear the
    /// project"): a field FreshBooks cannot clear is refused at once with the reason, and nothing
    /// is queued.
    #[test]
    fn issue_6_a_field_freshbooks_cannot_clear_is_refused_at_once() {
        let (_dir, store, b) = setup();
        store
            .write_blocking(|tx| {
                records::upsert(tx, b, Entity::TimeEntries,
                    &json!({"id": 8, "client_id": 5, "project_id": 3, "duration": 600, "billed": false, "started_at": "2026-02-02T10:00:00Z"}), None)?;
                Ok(())
            })
            .unwrap();
        let err = store
            .write_blocking(|tx| {
                update_time_entry(tx, b, 8, fields(json!({"project_id": null})), now())
            })
            .unwrap_err();
        assert!(err.to_string().contains("project_id"), "{err}");
        assert!(err.to_string().contains("give a value"), "{err}");
        store
            .read_blocking(move |c| {
                let open = outbox::open(c, b)?;
                assert!(open.is_empty(), "{open:#?}");
                let entry = records::get(c, b, Entity::TimeEntries, 8)?.unwrap();
                assert_eq!(entry["project_id"], 3);
                Ok(())
            })
            .unwrap();
    }

    fn ops_first(store: &Store, b: BusinessId) -> i64 {
        store
            .read_blocking(|c| Ok(outbox::all(c, b)?[0].seq))
            .unwrap()
    }
}
