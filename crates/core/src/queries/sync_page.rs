//! The Sync page: each entity's sync state, the changes waiting or refused (each named as the
//! user knows the record), the conflicts side by side, and what the running engine knows now
//! (the sign-in's health, a backoff in force, the running sync's progress).

use ledgerline_freshbooks::SignInHealth;
use ledgerline_model::entity::Entity;
use ledgerline_model::error::ErrorKind;
use ledgerline_model::ids::BusinessId;
use ledgerline_model::ipc::{
    Backoff, ChangeView, ConflictView, EntitySync, RecordLabel, SyncPage, TokenHealth, UndoBlocked,
};
use ledgerline_model::outbox::OpState;
use ledgerline_model::sync::EntityState;
use rusqlite::{Connection, OptionalExtension, params};

use super::{CLIENT_NAME, conflict_view};
use crate::Core;
use crate::error::Result;
use crate::outbox::op::Op;
use crate::store::outbox::{self, StoredOp};
use crate::store::{conflicts, records, sync_state};

/// What the mirror holds for the page.
struct Stored {
    entities: Vec<EntitySync>,
    last_synced: Option<chrono::DateTime<chrono::Utc>>,
    pending: Vec<ChangeView>,
    refused: Vec<ChangeView>,
    conflicts: Vec<ConflictView>,
}

impl Core {
    /// Everything the Sync page shows for a business. Offline: the mirror, and what the engine
    /// and the client keep in memory (never a request). `online` is `false` only while requests
    /// wait because FreshBooks did not answer; a front end that watches connectivity itself puts
    /// in what it knows.
    pub async fn sync_page(&self, business: BusinessId) -> Result<SyncPage> {
        let stored = self.store().read(move |c| read(c, business)).await?;
        let (token, backoff) = match self.client() {
            Err(_) => (TokenHealth::SignedOut, None),
            Ok(client) => (
                match client.sign_in_health() {
                    SignInHealth::Good => TokenHealth::Good,
                    SignInHealth::Refused => TokenHealth::Refused,
                    SignInHealth::SignedOut => TokenHealth::SignedOut,
                    SignInHealth::StoreUnreadable => TokenHealth::Unreadable,
                },
                client.pause().map(|p| Backoff {
                    until: p.until,
                    in_flight: u32::try_from(p.in_flight).unwrap_or(u32::MAX),
                    reason: p.reason,
                }),
            ),
        };
        let online = backoff
            .as_ref()
            .is_none_or(|b| b.reason.kind != ErrorKind::Offline);
        Ok(SyncPage {
            business,
            online,
            last_synced: stored.last_synced,
            entities: stored.entities,
            pending: stored.pending,
            refused: stored.refused,
            conflicts: stored.conflicts,
            token,
            backoff,
            progress: self.monitor().progress_of(business),
        })
    }
}

fn read(c: &Connection, business: BusinessId) -> Result<Stored> {
    let states = sync_state::all(c, business)?;
    // The oldest completed pull of the entities this user may read; none before each has one.
    let last_synced = states
        .iter()
        .filter(|e| e.unavailable.is_none())
        .map(|e| e.watermark)
        .collect::<Option<Vec<_>>>()
        .and_then(|marks| marks.into_iter().min());
    let mut entities = Vec::with_capacity(states.len());
    for state in states {
        let records = count(c, business, state.entity)?;
        entities.push(entity_sync(state, records));
    }
    let open = outbox::open(c, business)?;
    let mut pending = Vec::new();
    let mut refused = Vec::new();
    for op in &open {
        let list = match op.state {
            OpState::Pending | OpState::Sending => &mut pending,
            OpState::Rejected | OpState::Unknown => &mut refused,
            // Conflicts are listed on their own; done and undone ones are not open.
            OpState::Conflict | OpState::Done | OpState::Undone => continue,
        };
        list.push(ChangeView {
            seq: op.seq,
            kind: op.op.kind(),
            entity: op.op.entity(),
            record: op.op.target(),
            label: label(c, business, op.op.entity(), op.op.target())?,
            state: op.state,
            attempts: op.attempts,
            error: op.last_error.clone(),
            created_at: op.created_at,
            can_undo: undo_blocked(op, &open).is_none(),
            undo_blocked: undo_blocked(op, &open),
        });
    }
    let mut views = Vec::new();
    for stored in conflicts::open(c, business)? {
        let conflict = conflict_view(stored);
        views.push(ConflictView {
            label: label(c, business, conflict.entity, conflict.record_id)?,
            conflict,
        });
    }
    Ok(Stored {
        entities,
        last_synced,
        pending,
        refused,
        conflicts: views,
    })
}

fn entity_sync(state: EntityState, records: u64) -> EntitySync {
    EntitySync {
        entity: state.entity,
        last_synced: state.watermark,
        last_full: state.last_full_at,
        records,
        resumable: state.cursor.as_ref().map(|_| (state.done, state.total)),
        unavailable: state.unavailable,
        last_error: state.last_error,
        quarantined: state.quarantined.len(),
    }
}

/// Why "Undo" is not safe now, if it is not: what `edit::undo` refuses. A change that may be
/// in FreshBooks (sent, in doubt, or a draft partly sent) cannot be undone, nor a new time entry
/// a draft waiting to be sent bills.
fn undo_blocked(op: &StoredOp, open: &[StoredOp]) -> Option<UndoBlocked> {
    match op.state {
        OpState::Sending => Some(UndoBlocked::Sending),
        OpState::Unknown => Some(UndoBlocked::InDoubt),
        OpState::Pending | OpState::Rejected if op.step > 0 => Some(UndoBlocked::PartlySent),
        OpState::Pending | OpState::Rejected => match &op.op {
            Op::CreateTimeEntry { local_id, .. } => open
                .iter()
                .find(|other| other.seq != op.seq && other.op.entries().contains(local_id))
                .map(|draft| UndoBlocked::BilledByDraft {
                    draft_seq: draft.seq,
                }),
            _ => None,
        },
        OpState::Done | OpState::Conflict | OpState::Undone => Some(UndoBlocked::Sent),
    }
}

/// Records of an entity in the mirror.
fn count(c: &Connection, business: BusinessId, entity: Entity) -> Result<u64> {
    let n: i64 = match records::own_table(entity) {
        Some(table) => c.query_row(
            &format!("SELECT count(*) FROM {table} WHERE business_id = ?1"),
            params![business.get()],
            |row| row.get(0),
        )?,
        None => c.query_row(
            "SELECT count(*) FROM records WHERE business_id = ?1 AND entity = ?2",
            params![business.get(), entity.as_str()],
            |row| row.get(0),
        )?,
    };
    Ok(u64::try_from(n).unwrap_or(0))
}

/// A record as the user knows it: a client by its name; an invoice by its number, or as a new
/// invoice for its client before FreshBooks numbers it; a time entry by its day and client. Any
/// other record by its own name when the mirror has one, else by its entity and id. Facts, not
/// words: the window says them in its language.
fn label(c: &Connection, business: BusinessId, entity: Entity, id: i64) -> Result<RecordLabel> {
    let id = crate::edit::current_id(c, business, entity, id)?;
    let b = business.get();
    let named = match entity {
        Entity::Clients => client_name(c, business, id)?.map(|name| RecordLabel::Client { name }),
        Entity::Invoices => {
            let row: Option<(Option<String>, Option<i64>)> = c
                .query_row(
                    "SELECT invoice_number, customer_id FROM invoices
                     WHERE business_id = ?1 AND id = ?2",
                    params![b, id],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            match row {
                Some((Some(number), _)) if !number.trim().is_empty() => {
                    Some(RecordLabel::Invoice {
                        number: number.trim().to_owned(),
                    })
                }
                Some((_, customer)) => Some(RecordLabel::NewInvoice {
                    client: match customer {
                        Some(customer) => client_name(c, business, customer)?,
                        None => None,
                    },
                }),
                None => None,
            }
        }
        Entity::TimeEntries => {
            let row: Option<(Option<String>, Option<i64>)> = c
                .query_row(
                    "SELECT started_at, client_id FROM time_entries
                     WHERE business_id = ?1 AND id = ?2",
                    params![b, id],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            match row {
                Some((started, client)) => {
                    // The day as the rest of the core counts it (FreshBooks' UTC moment).
                    let day = started
                        .as_deref()
                        .and_then(super::parse_utc)
                        .map(|t| t.date_naive());
                    match day {
                        Some(day) => Some(RecordLabel::TimeEntry {
                            day,
                            client: match client {
                                Some(client) => client_name(c, business, client)?,
                                None => None,
                            },
                        }),
                        None => None,
                    }
                }
                None => None,
            }
        }
        _ => c
            .query_row(
                "SELECT name FROM records WHERE business_id = ?1 AND entity = ?2 AND id = ?3",
                params![b, entity.as_str(), id],
                |row| row.get::<_, Option<String>>(0),
            )
            .optional()?
            .flatten()
            .filter(|n| !n.trim().is_empty())
            .map(|name| RecordLabel::Named { entity, name }),
    };
    Ok(named.unwrap_or(RecordLabel::Other { entity, id }))
}

fn client_name(c: &Connection, business: BusinessId, id: i64) -> Result<Option<String>> {
    let id = crate::edit::current_id(c, business, Entity::Clients, id)?;
    let name: Option<String> = c
        .query_row(
            &format!("SELECT {CLIENT_NAME} FROM clients c WHERE c.business_id = ?1 AND c.id = ?2"),
            params![business.get(), id],
            |row| row.get(0),
        )
        .optional()?;
    Ok(name.filter(|n| !n.is_empty()))
}
