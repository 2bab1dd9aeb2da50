//! The Sync page's vocabulary in words: entities, kinds of change, where a change stands, field
//! groups and field names (each a catalog key), and a conflict's values as people read them
//! (dates, amounts, hours, yes/no, names instead of ids, "(empty)").

use chrono::{DateTime, NaiveDate, Utc};
use ledgerline_model::entity::Entity;
use ledgerline_model::ipc::{Pickers, RecordLabel};
use ledgerline_model::money::{CurrencyCode, Money};
use ledgerline_model::outbox::{OpKind, OpState};
use rust_decimal::Decimal;
use serde_json::Value;

use super::when::fmt_date_time;
use crate::i18n::{Arg, fmt_date, fmt_decimal, fmt_hours, fmt_money, t, t_args};

/// An entity's name (`sync-entity-…`).
pub fn entity_key(entity: Entity) -> &'static str {
    match entity {
        Entity::Clients => "sync-entity-clients",
        Entity::Invoices => "sync-entity-invoices",
        Entity::TimeEntries => "sync-entity-time-entries",
        Entity::Projects => "sync-entity-projects",
        Entity::Services => "sync-entity-services",
        Entity::ServiceRates => "sync-entity-service-rates",
        Entity::Taxes => "sync-entity-taxes",
        Entity::Payments => "sync-entity-payments",
        Entity::Estimates => "sync-entity-estimates",
        Entity::Expenses => "sync-entity-expenses",
        Entity::Items => "sync-entity-items",
    }
}

/// What a change does (`sync-op-…`).
pub fn op_key(kind: OpKind) -> &'static str {
    match kind {
        OpKind::CreateClient => "sync-op-create-client",
        OpKind::UpdateClient => "sync-op-update-client",
        OpKind::ArchiveClient => "sync-op-archive-client",
        OpKind::DeleteClient => "sync-op-delete-client",
        OpKind::RestoreClient => "sync-op-restore-client",
        OpKind::CreateTimeEntry => "sync-op-create-time-entry",
        OpKind::UpdateTimeEntry => "sync-op-update-time-entry",
        OpKind::CreateInvoice => "sync-op-create-invoice",
        OpKind::UpdateInvoice => "sync-op-update-invoice",
        OpKind::MarkBilled => "sync-op-mark-billed",
        OpKind::DraftInvoiceFromTime => "sync-op-draft-invoice",
    }
}

/// Where a change stands (`sync-state-…`).
pub fn state_key(state: OpState) -> &'static str {
    match state {
        OpState::Pending => "sync-state-pending",
        OpState::Sending => "sync-state-sending",
        OpState::Unknown => "sync-state-unknown",
        OpState::Done => "sync-state-done",
        OpState::Rejected => "sync-state-rejected",
        OpState::Conflict => "sync-state-conflict",
        OpState::Undone => "sync-state-undone",
    }
}

/// Every field group the core names (`Conflict::field_group`), with its words.
pub const GROUPS: &[(&str, &str)] = &[
    ("name", "sync-group-name"),
    ("contact", "sync-group-contact"),
    ("address", "sync-group-address"),
    ("billing", "sync-group-billing"),
    ("time", "sync-group-time"),
    ("assignment", "sync-group-assignment"),
    ("note", "sync-group-note"),
    ("header", "sync-group-header"),
    ("lines", "sync-group-lines"),
    ("notes", "sync-group-notes"),
    ("other", "sync-group-other"),
    ("all", "sync-group-all"),
];

/// Every field the model's payloads name (what a conflict lists), with its words.
pub const FIELDS: &[(&str, &str)] = &[
    ("first_name", "sync-field-first-name"),
    ("last_name", "sync-field-last-name"),
    ("organization", "sync-field-organization"),
    ("email", "sync-field-email"),
    ("business_phone", "sync-field-business-phone"),
    ("mobile_phone", "sync-field-mobile-phone"),
    ("street", "sync-field-street"),
    ("street2", "sync-field-street2"),
    ("city", "sync-field-city"),
    ("province", "sync-field-province"),
    ("postal_code", "sync-field-postal-code"),
    ("country", "sync-field-country"),
    ("currency_code", "sync-field-currency"),
    ("language", "sync-field-language"),
    ("note", "sync-field-note"),
    ("started_at", "sync-field-started-at"),
    ("duration_seconds", "sync-field-duration"),
    ("client_id", "sync-field-client"),
    ("project_id", "sync-field-project"),
    ("service_id", "sync-field-service"),
    ("task_id", "sync-field-task"),
    ("identity_id", "sync-field-team-member"),
    ("billable", "sync-field-billable"),
    ("billed", "sync-field-billed"),
    ("internal", "sync-field-internal"),
    ("create_date", "sync-field-create-date"),
    ("due_offset_days", "sync-field-due-offset"),
    ("invoice_number", "sync-field-invoice-number"),
    ("po_number", "sync-field-po-number"),
    ("notes", "sync-field-notes"),
    ("terms", "sync-field-terms"),
    ("discount_value", "sync-field-discount"),
    ("lines", "sync-field-lines"),
];

/// A field group in words; a group this version does not know by its own name.
pub fn group_words(group: &str) -> String {
    match GROUPS.iter().find(|(g, _)| *g == group) {
        Some((_, key)) => t(key),
        None => group.replace('_', " "),
    }
}

/// A field's name in words; a field this version does not know by its own name.
pub fn field_words(field: &str) -> String {
    match FIELDS.iter().find(|(f, _)| *f == field) {
        Some((_, key)) => t(key),
        None => field.replace('_', " "),
    }
}

/// Whether a value says nothing (`null`, `""`).
fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Two values the way FreshBooks means them (the core finds conflicts by the same rule).
pub use ledgerline_model::outbox::same_value;

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn truth(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        Value::String(s) => match s.trim() {
            "1" | "true" => Some(true),
            "0" | "false" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

fn money_of(v: &Value) -> Option<Money> {
    let amount: Decimal = text_of(v.get("amount")?)?.parse().ok()?;
    let code = CurrencyCode::new(v.get("code")?.as_str()?).ok()?;
    Some(Money::new(amount, code))
}

fn name_of<Id: Copy>(
    list: &[ledgerline_model::ipc::Pick<Id>],
    id: i64,
    get: impl Fn(Id) -> i64,
) -> Option<String> {
    list.iter()
        .find(|p| get(p.id) == id)
        .and_then(|p| p.name.clone())
}

/// The name behind an id field (a client, project, service or team member), when the pickers
/// know it.
fn named(field: &str, id: i64, names: &Pickers) -> Option<String> {
    match field {
        "client_id" => name_of(&names.clients, id, |i| i.get()),
        "service_id" => name_of(&names.services, id, |i| i.get()),
        "identity_id" => name_of(&names.team_members, id, |i| i.get()),
        "project_id" => names
            .projects
            .iter()
            .find(|p| p.id.get() == id)
            .and_then(|p| p.name.clone()),
        _ => None,
    }
}

fn line_name(line: &Value) -> Option<String> {
    let name = line.get("name").and_then(text_of)?;
    let qty = line.get("qty").and_then(text_of);
    let cost = line.get("unit_cost").and_then(money_of);
    Some(match (qty, cost) {
        (Some(qty), Some(cost)) => {
            let qty = qty.parse::<Decimal>().map_or(qty, |q| fmt_decimal(q, 4));
            t_args(
                "sync-line",
                &[
                    ("name", name.into()),
                    ("qty", qty.into()),
                    ("rate", fmt_money(&cost).into()),
                ],
            )
        }
        _ => name,
    })
}

/// A record as the page names it, in the current language: a client or another named record by
/// its name, "Invoice 0042", "New invoice for Acme", "Time on Mar 1, 2026, Acme" (the day as
/// the page writes dates), or its kind and id when the mirror cannot name it.
pub fn label_words(label: &RecordLabel) -> String {
    match label {
        RecordLabel::Client { name } | RecordLabel::Named { name, .. } => name.clone(),
        RecordLabel::Invoice { number } => {
            t_args("sync-label-invoice", &[("number", number.into())])
        }
        RecordLabel::NewInvoice { client: None } => t("sync-label-new-invoice"),
        RecordLabel::NewInvoice {
            client: Some(client),
        } => t_args("sync-label-new-invoice-for", &[("client", client.into())]),
        RecordLabel::TimeEntry { day, client: None } => {
            t_args("sync-label-time", &[("day", fmt_date(*day).into())])
        }
        RecordLabel::TimeEntry {
            day,
            client: Some(client),
        } => t_args(
            "sync-label-time-for",
            &[("day", fmt_date(*day).into()), ("client", client.into())],
        ),
        RecordLabel::Other { entity, id } => t_args(
            "sync-label-record",
            &[
                ("entity", t(entity_key(*entity)).into()),
                // An id, not a count: no digit grouping.
                ("id", id.to_string().into()),
            ],
        ),
    }
}

/// A conflict's value as people read it: `(empty)`, yes/no, a date, a date and time, hours, an
/// amount, a name for an id, a count of lines with their names; other text as it is.
pub fn value_words(field: &str, value: &Value, names: &Pickers) -> String {
    if is_empty(value) {
        return t("sync-empty");
    }
    match field {
        "billable" | "billed" | "internal" => {
            if let Some(b) = truth(value) {
                return t(if b { "sync-yes" } else { "sync-no" });
            }
        }
        "started_at" => {
            if let Some(at) = text_of(value).and_then(|s| s.parse::<DateTime<Utc>>().ok()) {
                return fmt_date_time(at);
            }
        }
        "create_date" => {
            if let Some(day) = text_of(value)
                .and_then(|s| NaiveDate::parse_from_str(s.get(..10).unwrap_or(&s), "%Y-%m-%d").ok())
            {
                return fmt_date(day);
            }
        }
        "duration_seconds" => {
            if let Some(seconds) = text_of(value).and_then(|s| s.parse::<i64>().ok()) {
                return fmt_hours(seconds);
            }
        }
        "due_offset_days" => {
            if let Some(days) = text_of(value).and_then(|s| s.parse::<i64>().ok()) {
                return t_args("sync-days", &[("count", Arg::Int(days))]);
            }
        }
        "discount_value" => {
            if let Some(n) = text_of(value).and_then(|s| s.parse::<Decimal>().ok()) {
                return t_args("sync-percent", &[("value", fmt_decimal(n, 4).into())]);
            }
        }
        "client_id" | "project_id" | "service_id" | "identity_id" | "task_id" => {
            if let Some(id) = text_of(value).and_then(|s| s.parse::<i64>().ok()) {
                return named(field, id, names).unwrap_or_else(|| format!("#{id}"));
            }
        }
        "lines" => {
            if let Value::Array(lines) = value {
                let listed: Vec<String> = lines.iter().filter_map(line_name).collect();
                return t_args(
                    "sync-lines",
                    &[
                        ("count", lines.len().into()),
                        ("lines", listed.join("; ").into()),
                    ],
                );
            }
        }
        _ => {}
    }
    if let Some(money) = money_of(value) {
        return fmt_money(&money);
    }
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(b) => t(if *b { "sync-yes" } else { "sync-no" }),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// Where a change's record is edited, for the entities that have a screen.
pub fn record_path(entity: Entity, record: i64) -> Option<String> {
    match entity {
        Entity::Clients => Some(format!("/clients/{record}")),
        Entity::TimeEntries => Some("/time".to_owned()),
        Entity::Invoices => Some(format!("/invoices/{record}")),
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
