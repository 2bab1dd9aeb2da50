//! Local changes waiting for FreshBooks, as the UI and CLI see them: [`QueuedOp`] with its
//! [`OpKind`] and [`OpState`], and [`Conflict`]s with their [`Resolution`].

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::entity::Entity;
use crate::error::ErrorPayload;
use crate::ids::BusinessId;

/// Where an operation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpState {
    /// Waiting to be sent; may still be undone.
    Pending,
    /// Handed to FreshBooks; if the process dies now the outcome is unknown.
    Sending,
    /// Sent, but no answer came: look before sending again.
    Unknown,
    /// FreshBooks applied it.
    Done,
    /// FreshBooks refused it (validation, role); shown with the reason until dismissed.
    Rejected,
    /// FreshBooks changed the same fields meanwhile; waits for the user.
    Conflict,
    /// The user undid it before it was sent.
    Undone,
}

impl OpState {
    /// The name stored in the database and shown by the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            OpState::Pending => "pending",
            OpState::Sending => "sending",
            OpState::Unknown => "unknown",
            OpState::Done => "done",
            OpState::Rejected => "rejected",
            OpState::Conflict => "conflict",
            OpState::Undone => "undone",
        }
    }

    /// The state of a stored name; a name only a newer Ledgerline writes reads as finished.
    pub fn from_stored(s: &str) -> OpState {
        match s {
            "pending" => OpState::Pending,
            "sending" => OpState::Sending,
            "unknown" => OpState::Unknown,
            "done" => OpState::Done,
            "rejected" => OpState::Rejected,
            "conflict" => OpState::Conflict,
            // Only Ledgerline writes this column; anything else is treated as finished.
            _ => OpState::Undone,
        }
    }

    /// Whether the operation still needs something (sending, a look, or the user).
    pub fn is_open(self) -> bool {
        !matches!(self, OpState::Done | OpState::Undone)
    }
}

/// What an operation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpKind {
    /// Create a client.
    CreateClient,
    /// Change a client's fields.
    UpdateClient,
    /// Archive a client.
    ArchiveClient,
    /// Delete a client.
    DeleteClient,
    /// Restore an archived or deleted client.
    RestoreClient,
    /// Log a time entry.
    CreateTimeEntry,
    /// Change a time entry.
    UpdateTimeEntry,
    /// Create an invoice.
    CreateInvoice,
    /// Change an invoice.
    UpdateInvoice,
    /// Mark time entries billed.
    MarkBilled,
    /// Create an invoice from time entries and mark them billed.
    DraftInvoiceFromTime,
}

impl OpKind {
    /// The snake-case name (`create_client` …), as stored and shown by the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            OpKind::CreateClient => "create_client",
            OpKind::UpdateClient => "update_client",
            OpKind::ArchiveClient => "archive_client",
            OpKind::DeleteClient => "delete_client",
            OpKind::RestoreClient => "restore_client",
            OpKind::CreateTimeEntry => "create_time_entry",
            OpKind::UpdateTimeEntry => "update_time_entry",
            OpKind::CreateInvoice => "create_invoice",
            OpKind::UpdateInvoice => "update_invoice",
            OpKind::MarkBilled => "mark_billed",
            OpKind::DraftInvoiceFromTime => "draft_invoice_from_time",
        }
    }
}

/// One local change, as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuedOp {
    /// Its number: its place in the sending order, and what undo takes.
    pub seq: i64,
    /// Its business.
    pub business: BusinessId,
    /// What it does.
    pub kind: OpKind,
    /// The entity it writes.
    pub entity: Entity,
    /// The record it is about (negative while only local; for billing: the first entry).
    pub target: i64,
    /// The time entries it bills, for billing changes.
    pub entries: Vec<i64>,
    /// Where it stands.
    pub state: OpState,
    /// Steps done, for multi-step operations.
    pub step: i64,
    /// Times it was handed to FreshBooks.
    pub attempts: i64,
    /// Why it was refused or last failed.
    pub last_error: Option<ErrorPayload>,
    /// When the user made the change.
    pub created_at: DateTime<Utc>,
}

/// One field group changed both here and in FreshBooks since the change was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// Its number.
    pub id: i64,
    /// Its business.
    pub business: BusinessId,
    /// The record's entity.
    pub entity: Entity,
    /// The record.
    pub record_id: i64,
    /// The change it holds back.
    pub op_seq: i64,
    /// The field group (`name`, `contact`, `address`, `billing`, `time`, `assignment`, `note`,
    /// `header`, `lines`, `notes`, `other`).
    pub field_group: String,
    /// Our values, by field (the names of [`crate::entity`]'s payloads: `first_name`, `city` …).
    pub mine: BTreeMap<String, serde_json::Value>,
    /// FreshBooks' values for the same fields.
    pub theirs: BTreeMap<String, serde_json::Value>,
    /// When it was found.
    pub created_at: DateTime<Utc>,
}

/// How the user settles a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// Send our values over FreshBooks' ones.
    KeepMine,
    /// Drop our change to this group and take FreshBooks' values.
    TakeFreshBooks,
}

/// Whether two FreshBooks values mean the same: `"1"` and `1`, `true` and `"1"`, `null` and `""`
/// are the same; arrays and objects compare exactly. Conflicts are found (in the core) and shown
/// (field by field, in the window) by this one rule.
pub fn same_value(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    fn norm(v: &Value) -> Option<String> {
        match v {
            Value::Null => None,
            Value::String(s) if s.is_empty() => None,
            Value::String(s) => Some(s.clone()),
            Value::Bool(b) => Some(if *b { "1".into() } else { "0".into() }),
            Value::Number(n) => Some(n.to_string()),
            other => Some(other.to_string()),
        }
    }
    match (a, b) {
        (Value::Array(_) | Value::Object(_), _) | (_, Value::Array(_) | Value::Object(_)) => a == b,
        _ => norm(a) == norm(b),
    }
}

#[cfg(test)]
mod tests {
    use super::same_value;
    use serde_json::json;

    #[test]
    fn values_are_compared_the_way_freshbooks_means_them() {
        assert!(same_value(&json!("1"), &json!(1)));
        assert!(same_value(&json!(true), &json!("1")));
        assert!(same_value(&json!(null), &json!("")));
        assert!(!same_value(&json!("Acme"), &json!("Acme Ltd")));
        assert!(!same_value(&json!(null), &json!("0")));
        assert!(same_value(&json!([1, 2]), &json!([1, 2])));
        assert!(!same_value(&json!(["1"]), &json!([1])));
    }
}
