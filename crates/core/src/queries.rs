//! What the UI and CLI read from the mirror: client lists, unbilled time, exports, status.
//! All offline.
//!
//! One file per screen under `queries/`: `home` (Home's figures), `clients` (the client
//! list), `time` (the time list), `invoices` (the invoice list, paged), `invoice_detail` (one
//! invoice's page) with `invoice_totals` (what its lines add up to), `pickers` (what forms
//! offer to choose), `drafting` (the drafting wizard), `sync_page` (the Sync page); `badges` says which rows have changes not yet sent or in conflict.

mod badges;
mod clients;
pub(crate) mod drafting;
mod home;
mod invoice_detail;
mod invoice_totals;
mod invoices;
pub(crate) use invoice_detail::emailed_key;
mod pickers;
mod sync_page;
mod time;

use chrono::{DateTime, Utc};
use ledgerline_model::entity::Entity;
use ledgerline_model::ids::{BusinessId, ClientId, IdentityId, ProjectId, ServiceId, TimeEntryId};
use ledgerline_model::money::CurrencyCode;
use ledgerline_model::outbox::{Conflict, OpState, QueuedOp};
use ledgerline_model::views::{BusinessStatus, OrphanedEntry, SearchHit, TimeFilter};
use rusqlite::{OptionalExtension, params};
use serde_json::Value;

use crate::Core;
use crate::drafting::rates::{BillingMethod, ProjectBilling, RateBook};
use crate::drafting::{DraftEntry, Names};
use crate::error::{Error, Result};
use crate::outbox::fields::our_name;
use crate::store::conflicts::{self, StoredConflict};
use crate::store::outbox;
use crate::store::{records, search, sync_state};

impl Core {
    /// One record's raw JSON; a record created offline is found by its offline id also after it
    /// took FreshBooks' id.
    pub async fn record(
        &self,
        business: BusinessId,
        entity: Entity,
        id: i64,
    ) -> Result<Option<Value>> {
        self.store()
            .read(move |c| {
                let id = crate::edit::current_id(c, business, entity, id)?;
                records::get(c, business, entity, id)
            })
            .await
    }

    /// Every record of an entity as FreshBooks shapes it, deleted ones left out (as FreshBooks'
    /// own lists do); invoices carry their lines.
    pub async fn export(&self, business: BusinessId, entity: Entity) -> Result<Vec<Value>> {
        let all = self
            .store()
            .read(move |c| records::list(c, business, entity))
            .await?;
        Ok(all
            .into_iter()
            .filter(|r| r.get("vis_state").and_then(Value::as_i64) != Some(1))
            .collect())
    }

    /// Billable, unbilled time entries, oldest first.
    pub async fn unbilled_time(
        &self,
        business: BusinessId,
        filter: TimeFilter,
    ) -> Result<Vec<DraftEntry>> {
        self.store()
            .read(move |c| {
                let mut stmt = c.prepare(&format!(
                    "SELECT id, client_id, project_id, service_id, identity_id, started_at, duration, note
                     FROM time_entries WHERE business_id = ?1 AND billed = 0 AND billable = 1
                       AND (?2 IS NULL OR client_id = ?2) AND {}
                     ORDER BY started_at, id",
                    drafting::LOGGED
                ))?;
                let client = filter
                    .client
                    .map(|client| crate::edit::current_id(c, business, Entity::Clients, client.get()))
                    .transpose()?;
                let rows = stmt.query_map(params![business.get(), client], |row| {
                    Ok((
                        row.get::<_, i64>(0)?,
                        row.get::<_, Option<i64>>(1)?,
                        row.get::<_, Option<i64>>(2)?,
                        row.get::<_, Option<i64>>(3)?,
                        row.get::<_, Option<i64>>(4)?,
                        row.get::<_, Option<String>>(5)?,
                        row.get::<_, i64>(6)?,
                        row.get::<_, Option<String>>(7)?,
                    ))
                })?;
                let mut res = Vec::new();
                for row in rows {
                    let (id, client, project, service, identity, started, duration, note) = row?;
                    let Some(started_at) = started.as_deref().and_then(parse_utc) else { continue };
                    let day = started_at.date_naive();
                    if filter.from.is_some_and(|f| day < f) || filter.to.is_some_and(|t| day > t) {
                        continue;
                    }
                    res.push(DraftEntry {
                        id: TimeEntryId(id),
                        client_id: client.map(ClientId),
                        project_id: project.map(ProjectId),
                        service_id: service.map(ServiceId),
                        identity_id: identity.map(IdentityId),
                        started_at,
                        duration_seconds: duration,
                        note,
                        billable: true,
                    });
                }
                Ok(res)
            })
            .await
    }

    /// The rates and names the mirror knows for a business, for drafting.
    pub async fn rate_book(&self, business: BusinessId) -> Result<(RateBook, Names)> {
        self.store().read(move |c| rate_book_in(c, business)).await
    }

    /// Sync state, open changes and conflicts of a business.
    pub async fn status(&self, business: BusinessId) -> Result<BusinessStatus> {
        self.store()
            .read(move |c| {
                Ok(BusinessStatus {
                    business,
                    entities: sync_state::all(c, business)?,
                    open_ops: outbox::open(c, business)?
                        .iter()
                        .map(|q| q.view())
                        .collect(),
                    conflicts: conflicts::open(c, business)?
                        .into_iter()
                        .map(conflict_view)
                        .collect(),
                })
            })
            .await
    }

    /// Every change of a business, done and undone ones too, oldest first (for diagnostics and
    /// tests).
    pub async fn changes(&self, business: BusinessId) -> Result<Vec<QueuedOp>> {
        self.store()
            .read(move |c| Ok(outbox::all(c, business)?.iter().map(|q| q.view()).collect()))
            .await
    }

    /// Open conflicts of a business.
    pub async fn conflicts(&self, business: BusinessId) -> Result<Vec<Conflict>> {
        self.store()
            .read(move |c| {
                Ok(conflicts::open(c, business)?
                    .into_iter()
                    .map(conflict_view)
                    .collect())
            })
            .await
    }

    /// The FreshBooks id a record created offline took, once its create was sent.
    pub async fn remote_id_of(
        &self,
        business: BusinessId,
        entity: Entity,
        local_id: i64,
    ) -> Result<Option<i64>> {
        self.store()
            .read(move |c| records::remote_id_of(c, business, entity, local_id))
            .await
    }

    /// A client's default currency, if it has one.
    pub async fn client_currency(
        &self,
        business: BusinessId,
        client: ClientId,
    ) -> Result<Option<CurrencyCode>> {
        self.store()
            .read(move |c| {
                let id = crate::edit::current_id(c, business, Entity::Clients, client.get())?;
                let code: Option<Option<String>> = c
                    .query_row(
                        "SELECT currency_code FROM clients WHERE business_id = ?1 AND id = ?2",
                        params![business.get(), id],
                        |row| row.get(0),
                    )
                    .optional()?;
                let code = code.ok_or(Error::NotFound {
                    entity: Entity::Clients,
                    id: client.get(),
                })?;
                Ok(code.and_then(|c| CurrencyCode::new(&c).ok()))
            })
            .await
    }

    /// Full-text search across every business.
    pub async fn search(&self, text: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let text = text.to_owned();
        self.store()
            .read(move |c| search::search(c, &text, limit))
            .await
    }
}

/// The rates and names the mirror knows for a business.
pub(crate) fn rate_book_in(
    c: &rusqlite::Connection,
    business: BusinessId,
) -> Result<(RateBook, Names)> {
    let mut book = RateBook::default();
    let mut names = Names::default();
    for p in records::list(c, business, Entity::Projects)? {
        let Some(id) = p.get("id").and_then(Value::as_i64) else {
            continue;
        };
        let method = BillingMethod::parse(
            p.get("billing_method")
                .and_then(Value::as_str)
                .unwrap_or(""),
        );
        let rate = p.get("rate").and_then(decimal);
        // A flat fee bills what is left of its price.
        let fixed_price = (p.get("project_type").and_then(Value::as_str) == Some("fixed_price"))
            .then(|| p.get("fixed_price").and_then(decimal))
            .flatten()
            .map(|price| {
                let billed = p.get("billed_amount").and_then(decimal).unwrap_or_default();
                (price - billed).max(rust_decimal::Decimal::ZERO)
            });
        book.projects.insert(
            ProjectId(id),
            ProjectBilling {
                method,
                rate,
                fixed_price,
            },
        );
        if let Some(title) = p.get("title").and_then(Value::as_str) {
            names.projects.insert(ProjectId(id), title.to_owned());
        }
    }
    for s in records::list(c, business, Entity::Services)? {
        if let (Some(id), Some(name)) = (
            s.get("id").and_then(Value::as_i64),
            s.get("name").and_then(Value::as_str),
        ) {
            names.services.insert(ServiceId(id), name.to_owned());
        }
    }
    for r in records::list(c, business, Entity::ServiceRates)? {
        if let (Some(id), Some(rate)) = (
            r.get("service_id").and_then(Value::as_i64),
            r.get("rate").and_then(decimal),
        ) {
            book.services.insert(ServiceId(id), rate);
        }
    }
    Ok((book, names))
}

/// The words of a search box as a full-text query: each word as a prefix, quoted so FTS5
/// operators typed by the user are taken literally. `None` when there is no word.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let query = text
        .split_whitespace()
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ");
    (!query.is_empty()).then_some(query)
}

/// How a client's name is read in SQL (organization, else first and last name), for the
/// `clients` table under the alias `c`.
pub(crate) const CLIENT_NAME: &str = "trim(coalesce(nullif(c.organization, ''), coalesce(c.fname, '') || ' ' || coalesce(c.lname, '')))";

/// A conflict under the model's field names.
fn conflict_view(c: StoredConflict) -> Conflict {
    let ours = |fields: serde_json::Map<String, Value>| {
        fields
            .into_iter()
            .map(|(k, v)| (our_name(c.entity, &k), v))
            .collect()
    };
    Conflict {
        id: c.id,
        business: c.business,
        entity: c.entity,
        record_id: c.record_id,
        op_seq: c.op_seq,
        field_group: c.field_group.clone(),
        mine: ours(c.mine.clone()),
        theirs: ours(c.theirs.clone()),
        created_at: c.created_at,
    }
}

pub(crate) fn decimal(v: &Value) -> Option<rust_decimal::Decimal> {
    match v {
        Value::String(s) => s.trim().parse().ok(),
        Value::Number(n) => n.to_string().parse().ok(),
        _ => None,
    }
}

/// A UTC time as the mirror holds it: RFC 3339 (`2026-05-20T13:01:00Z` or with an offset), or
/// without a zone (`2026-05-20T13:01:00.5`, `2026-05-20 13:01:00`) read as UTC.
pub(crate) fn parse_utc(s: &str) -> Option<DateTime<Utc>> {
    plain_utc(s).or_else(|| chrono_utc(s))
}

/// Any form `parse_utc` takes, through chrono's parsers (what `plain_utc` spares the common one).
fn chrono_utc(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
                .ok()
                .map(|t| t.and_utc())
        })
        .or_else(|| {
            chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
                .ok()
                .map(|t| t.and_utc())
        })
}

/// `dddd-dd-ddTdd:dd:ddZ`, as FreshBooks and the mirror write start times, read without chrono's
/// parsers (a time list reads 20,000); `None` for anything else (a leap second too), which the
/// parsers then read.
fn plain_utc(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    if b.len() != 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'Z'
    {
        return None;
    }
    let digits = |at: usize, n: usize| {
        b[at..at + n].iter().try_fold(0u32, |v, &d| {
            d.is_ascii_digit().then(|| v * 10 + u32::from(d - b'0'))
        })
    };
    let day = chrono::NaiveDate::from_ymd_opt(
        i32::try_from(digits(0, 4)?).ok()?,
        digits(5, 2)?,
        digits(8, 2)?,
    )?;
    let time = chrono::NaiveTime::from_hms_opt(digits(11, 2)?, digits(14, 2)?, digits(17, 2)?)?;
    Some(day.and_time(time).and_utc())
}

impl Core {
    /// Time entries billed by an invoice drafted here that FreshBooks no longer has (deleted, or
    /// gone from the mirror after a full read). Entries billed elsewhere cannot be traced: the
    /// link from a line to its time entries is not documented by FreshBooks.
    pub async fn orphaned_billed_entries(
        &self,
        business: BusinessId,
    ) -> Result<Vec<OrphanedEntry>> {
        self.store()
            .read(move |c| {
                let mut res = Vec::new();
                for q in outbox::all(c, business)? {
                    let crate::outbox::op::Op::DraftInvoiceFromTime {
                        local_id, entries, ..
                    } = &q.op
                    else {
                        continue;
                    };
                    if q.state != OpState::Done {
                        continue;
                    }
                    let Some(invoice) =
                        records::remote_id_of(c, business, Entity::Invoices, *local_id)?
                    else {
                        continue;
                    };
                    let gone = match records::get(c, business, Entity::Invoices, invoice)? {
                        None => true,
                        Some(raw) => raw.get("vis_state").and_then(Value::as_i64) == Some(1),
                    };
                    if !gone {
                        continue;
                    }
                    for entry in entries {
                        let entry = if *entry < 0 {
                            records::remote_id_of(c, business, Entity::TimeEntries, *entry)?
                                .unwrap_or(*entry)
                        } else {
                            *entry
                        };
                        let billed = records::get(c, business, Entity::TimeEntries, entry)?
                            .and_then(|raw| raw.get("billed").and_then(Value::as_bool))
                            .unwrap_or(false);
                        if billed {
                            res.push(OrphanedEntry { entry, invoice });
                        }
                    }
                }
                Ok(res)
            })
            .await
    }
}

impl Core {
    /// One client's fields as its form shows them (a client made offline is found by its
    /// offline id also after FreshBooks numbered it). [`Error::NotFound`] when there is none.
    pub async fn client_details(
        &self,
        business: BusinessId,
        id: i64,
    ) -> Result<ledgerline_model::entity::Client> {
        let raw = self
            .record(business, Entity::Clients, id)
            .await?
            .ok_or(Error::NotFound {
                entity: Entity::Clients,
                id,
            })?;
        Ok(client_from_raw(&raw, id))
    }

    /// One time entry's fields as its form shows them. [`Error::NotFound`] when there is none.
    pub async fn time_entry_details(
        &self,
        business: BusinessId,
        id: i64,
    ) -> Result<ledgerline_model::entity::TimeEntry> {
        let raw = self
            .record(business, Entity::TimeEntries, id)
            .await?
            .ok_or(Error::NotFound {
                entity: Entity::TimeEntries,
                id,
            })?;
        time_entry_from_raw(&raw, id).ok_or(Error::NotFound {
            entity: Entity::TimeEntries,
            id,
        })
    }
}

/// A text field of a raw record; blank counts as absent.
fn raw_text(raw: &Value, key: &str) -> Option<String> {
    raw.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// An id field of a raw record (a number, or digits in a string); 0 counts as absent.
fn raw_id(raw: &Value, key: &str) -> Option<i64> {
    match raw.get(key)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|id| *id != 0)
}

/// A flag of a raw record (`true`, `1`).
fn raw_flag(raw: &Value, key: &str) -> Option<bool> {
    match raw.get(key)? {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        _ => None,
    }
}

/// A client's fields from its raw record (the mirror keeps it as FreshBooks shapes it, a client
/// made offline as its create was stored). `id` is the id asked for, used when the record
/// names none.
fn client_from_raw(raw: &Value, id: i64) -> ledgerline_model::entity::Client {
    use ledgerline_model::entity::{Address, Client, VisState};
    use ledgerline_model::ids::ClientId;
    Client {
        id: ClientId(raw_id(raw, "id").unwrap_or(id)),
        first_name: raw_text(raw, "fname"),
        last_name: raw_text(raw, "lname"),
        organization: raw_text(raw, "organization"),
        email: raw_text(raw, "email"),
        business_phone: raw_text(raw, "bus_phone"),
        mobile_phone: raw_text(raw, "mob_phone"),
        home_phone: raw_text(raw, "home_phone"),
        address: Address {
            street: raw_text(raw, "p_street"),
            street2: raw_text(raw, "p_street2"),
            city: raw_text(raw, "p_city"),
            province: raw_text(raw, "p_province"),
            postal_code: raw_text(raw, "p_code"),
            country: raw_text(raw, "p_country"),
        },
        currency_code: raw_text(raw, "currency_code").and_then(|c| CurrencyCode::new(&c).ok()),
        language: raw_text(raw, "language"),
        note: raw_text(raw, "note"),
        vis_state: raw
            .get("vis_state")
            .and_then(Value::as_i64)
            .map_or(VisState::Active, VisState::from_freshbooks),
        updated: raw_text(raw, "updated").as_deref().and_then(parse_utc),
        signup_date: raw_text(raw, "signup_date").as_deref().and_then(parse_utc),
        outstanding_balance: None,
    }
}

/// A time entry's fields from its raw record; `None` without a readable start.
fn time_entry_from_raw(raw: &Value, id: i64) -> Option<ledgerline_model::entity::TimeEntry> {
    use ledgerline_model::entity::TimeEntry;
    use ledgerline_model::ids::TaskId;
    Some(TimeEntry {
        id: TimeEntryId(raw_id(raw, "id").unwrap_or(id)),
        is_logged: raw_flag(raw, "is_logged").unwrap_or(true),
        started_at: raw_text(raw, "started_at").as_deref().and_then(parse_utc)?,
        duration_seconds: raw.get("duration").and_then(Value::as_i64).unwrap_or(0),
        note: raw_text(raw, "note"),
        client_id: raw_id(raw, "client_id").map(ClientId),
        project_id: raw_id(raw, "project_id").map(ProjectId),
        service_id: raw_id(raw, "service_id").map(ServiceId),
        task_id: raw_id(raw, "task_id").map(TaskId),
        identity_id: raw_id(raw, "identity_id").map(IdentityId),
        billable: raw_flag(raw, "billable").unwrap_or(false),
        billed: raw_flag(raw, "billed").unwrap_or(false),
        internal: raw_flag(raw, "internal").unwrap_or(false),
        active: raw_flag(raw, "active").unwrap_or(true),
        timer: None,
        created_at: raw_text(raw, "created_at").as_deref().and_then(parse_utc),
        retainer_id: raw_id(raw, "retainer_id"),
    })
}

#[cfg(test)]
mod detail_tests {
    use super::*;
    use ledgerline_model::entity::VisState;
    use serde_json::json;

    #[test]
    fn start_times_read_as_chrono_reads_them() {
        for text in [
            "2026-05-20T13:01:00Z",
            "2026-05-20T00:00:00Z",
            "2026-05-20T23:59:59Z",
            "2026-05-20T23:59:60Z",
            "2026-05-20T24:00:00Z",
            "2026-05-20T12:60:00Z",
            "2024-02-29T10:00:00Z",
            "2026-02-29T10:00:00Z",
            "2026-13-01T10:00:00Z",
            "2026-00-01T10:00:00Z",
            "2026-01-00T10:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "2026-05-20t13:01:00z",
            "2026-05-20 13:01:00Z",
            "2026-05-20T13:01:00+02:00",
            "2026-05-20T13:01:00.250Z",
            "2026-05-20T13:01:00",
            "2026-05-20T13:01:00.5",
            "2026-05-20 13:01:00",
            "2026-05-20T13:01:0aZ",
            "2026-05-20T13:01:+0Z",
            "+026-05-20T13:01:00Z",
            "2026-05-20T13:01:00Z ",
            "2026-05-20",
            "",
        ] {
            assert_eq!(parse_utc(text), chrono_utc(text), "{text:?}");
        }
        assert!(plain_utc("2026-05-20T13:01:00Z").is_some());
    }

    #[test]
    fn a_client_reads_from_freshbooks_shape_blanks_as_absent() {
        let raw = json!({
            "id": 42, "fname": "Ann", "lname": "", "organization": "Maple & Fir",
            "email": "ann@maple.example", "bus_phone": "555-0100", "mob_phone": null,
            "p_street": "1 Main St", "p_city": "Halifax", "p_province": "NS", "p_code": "B3H 1A1",
            "p_country": "Canada", "currency_code": "CAD", "language": "en", "note": "VIP",
            "vis_state": 2, "updated": "2026-11-01 10:00:00"
        });
        let c = client_from_raw(&raw, 42);
        assert_eq!(c.id.get(), 42);
        assert_eq!(c.first_name.as_deref(), Some("Ann"));
        assert_eq!(c.last_name, None, "blank is absent");
        assert_eq!(c.mobile_phone, None);
        assert_eq!(c.business_phone.as_deref(), Some("555-0100"));
        assert_eq!(c.address.postal_code.as_deref(), Some("B3H 1A1"));
        assert_eq!(c.address.city.as_deref(), Some("Halifax"));
        assert_eq!(
            c.currency_code.as_ref().map(ToString::to_string).as_deref(),
            Some("CAD")
        );
        assert_eq!(c.vis_state, VisState::Archived);
        assert!(c.updated.is_some());
        assert_eq!(c.display_name(), "Maple & Fir");
        // A client made offline: its stored create, no id in it.
        let local = client_from_raw(&json!({"fname": "Bo"}), -3);
        assert_eq!(local.id.get(), -3);
        assert_eq!(local.vis_state, VisState::Active);
    }

    #[test]
    fn a_time_entry_reads_its_ids_flags_and_start() {
        let raw = json!({
            "id": 7, "started_at": "2026-11-02T09:00:00Z", "duration": 5400, "note": "Design",
            "client_id": 42, "project_id": 0, "service_id": "9", "identity_id": 3,
            "billable": true, "billed": false, "internal": false, "active": true, "is_logged": true
        });
        let t = time_entry_from_raw(&raw, 7).unwrap();
        assert_eq!(t.duration_seconds, 5400);
        assert_eq!(t.client_id, Some(ClientId(42)));
        assert_eq!(t.project_id, None, "0 is no project");
        assert_eq!(t.service_id, Some(ServiceId(9)));
        assert!(t.billable && !t.billed);
        assert_eq!(t.started_at.to_rfc3339(), "2026-11-02T09:00:00+00:00");
        assert!(time_entry_from_raw(&json!({"id": 8}), 8).is_none());
    }
}
