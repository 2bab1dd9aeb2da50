//! [`Op`]: the closed set of local edits that travel to FreshBooks, and their field groups.
//!
//! Fields are kept under FreshBooks' own names (`fname`, `customerid`, `client_id` …) so that an
//! operation written by one version of Ledgerline is still readable by the next. A negative id
//! anywhere in an operation is a local id, resolved through the id map when it is sent.

use ledgerline_model::entity::VisState;
use ledgerline_model::outbox::OpKind;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use ledgerline_model::entity::Entity;

/// Field values by FreshBooks field name.
pub type Fields = Map<String, Value>;

/// One durable local edit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Op {
    /// Create a client.
    CreateClient {
        /// The local (negative) id of the row shown meanwhile.
        local_id: i64,
        /// Its fields.
        fields: Fields,
    },
    /// Change some fields of a client.
    UpdateClient {
        /// The client.
        id: i64,
        /// Its `updated` when the edit was made.
        base_updated: Option<String>,
        /// The changed fields' values before the edit.
        base: Fields,
        /// The new values.
        changes: Fields,
    },
    /// Archive, delete or restore a client.
    SetClientVisibility {
        /// The client.
        id: i64,
        /// Its visibility before.
        from: VisState,
        /// Its visibility after (never [`VisState::Unknown`]: refused when the edit is made).
        to: VisState,
    },
    /// Log a time entry.
    CreateTimeEntry {
        /// The local id.
        local_id: i64,
        /// Its fields.
        fields: Fields,
    },
    /// Change a time entry.
    UpdateTimeEntry {
        /// The entry.
        id: i64,
        /// The changed fields' values before the edit.
        base: Fields,
        /// The new values.
        changes: Fields,
    },
    /// Create a draft invoice.
    CreateInvoice {
        /// The local id.
        local_id: i64,
        /// Its fields, lines included.
        fields: Fields,
    },
    /// Change a draft invoice.
    UpdateInvoice {
        /// The invoice.
        id: i64,
        /// Its `version` when the edit was made.
        base_version: Option<String>,
        /// The changed fields' values before the edit.
        base: Fields,
        /// The new values.
        changes: Fields,
    },
    /// Mark time entries billed.
    MarkBilled {
        /// The entries.
        entries: Vec<i64>,
    },
    /// Create a draft invoice from time entries, then mark them billed: one operation of two
    /// steps, so a failure between the steps is finished on the next run.
    DraftInvoiceFromTime {
        /// The local id of the invoice.
        local_id: i64,
        /// The invoice's fields, lines included.
        fields: Fields,
        /// The entries it bills.
        entries: Vec<i64>,
    },
}

impl Op {
    /// The entity the operation writes.
    pub fn entity(&self) -> Entity {
        match self {
            Op::CreateClient { .. } | Op::UpdateClient { .. } | Op::SetClientVisibility { .. } => {
                Entity::Clients
            }
            Op::CreateTimeEntry { .. } | Op::UpdateTimeEntry { .. } | Op::MarkBilled { .. } => {
                Entity::TimeEntries
            }
            Op::CreateInvoice { .. }
            | Op::UpdateInvoice { .. }
            | Op::DraftInvoiceFromTime { .. } => Entity::Invoices,
        }
    }

    /// The record the operation is about (for mark-billed: the first entry).
    pub fn target(&self) -> i64 {
        match self {
            Op::CreateClient { local_id, .. }
            | Op::CreateTimeEntry { local_id, .. }
            | Op::CreateInvoice { local_id, .. }
            | Op::DraftInvoiceFromTime { local_id, .. } => *local_id,
            Op::UpdateClient { id, .. }
            | Op::SetClientVisibility { id, .. }
            | Op::UpdateTimeEntry { id, .. }
            | Op::UpdateInvoice { id, .. } => *id,
            Op::MarkBilled { entries } => entries.first().copied().unwrap_or(0),
        }
    }

    /// What it does, for lists and logs.
    pub fn kind(&self) -> OpKind {
        match self {
            Op::CreateClient { .. } => OpKind::CreateClient,
            Op::UpdateClient { .. } => OpKind::UpdateClient,
            Op::SetClientVisibility { to, .. } => match to {
                VisState::Archived => OpKind::ArchiveClient,
                VisState::Deleted => OpKind::DeleteClient,
                // Unknown targets are refused when the edit is made.
                VisState::Active | VisState::Unknown(_) => OpKind::RestoreClient,
            },
            Op::CreateTimeEntry { .. } => OpKind::CreateTimeEntry,
            Op::UpdateTimeEntry { .. } => OpKind::UpdateTimeEntry,
            Op::CreateInvoice { .. } => OpKind::CreateInvoice,
            Op::UpdateInvoice { .. } => OpKind::UpdateInvoice,
            Op::MarkBilled { .. } => OpKind::MarkBilled,
            Op::DraftInvoiceFromTime { .. } => OpKind::DraftInvoiceFromTime,
        }
    }

    /// The time entries it bills, for billing operations.
    pub fn entries(&self) -> &[i64] {
        match self {
            Op::MarkBilled { entries } | Op::DraftInvoiceFromTime { entries, .. } => entries,
            Op::CreateClient { .. }
            | Op::UpdateClient { .. }
            | Op::SetClientVisibility { .. }
            | Op::CreateTimeEntry { .. }
            | Op::UpdateTimeEntry { .. }
            | Op::CreateInvoice { .. }
            | Op::UpdateInvoice { .. } => &[],
        }
    }
}

/// The field group a field belongs to: conflicts are detected and resolved per group, so a name
/// changed here and an address changed in FreshBooks both survive.
pub fn field_group(entity: Entity, field: &str) -> &'static str {
    match entity {
        Entity::Clients => match field {
            "fname" | "lname" | "organization" => "name",
            "email" | "home_phone" | "mob_phone" | "bus_phone" | "fax" => "contact",
            f if f.starts_with("p_") || f.starts_with("s_") => "address",
            "currency_code" | "language" => "billing",
            _ => "other",
        },
        Entity::TimeEntries => match field {
            "started_at" | "duration" | "is_logged" => "time",
            "client_id" | "project_id" | "service_id" | "task_id" => "assignment",
            "billable" | "billed" | "internal" => "billing",
            _ => "note",
        },
        Entity::Invoices => match field {
            "customerid" | "create_date" | "due_offset_days" | "currency_code" => "header",
            "lines" => "lines",
            "notes" | "terms" => "notes",
            _ => "other",
        },
        // Ledgerline does not edit the other entities; everything is one group.
        Entity::Projects
        | Entity::Services
        | Entity::ServiceRates
        | Entity::Taxes
        | Entity::Payments
        | Entity::Estimates
        | Entity::Expenses
        | Entity::Items => "all",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ops_round_trip_through_json() {
        let mut fields = Fields::new();
        fields.insert("organization".into(), json!("Acme"));
        let ops = [
            Op::CreateClient {
                local_id: -1,
                fields: fields.clone(),
            },
            Op::SetClientVisibility {
                id: 4,
                from: VisState::Active,
                to: VisState::Archived,
            },
            Op::DraftInvoiceFromTime {
                local_id: -2,
                fields,
                entries: vec![1, 2],
            },
        ];
        for op in ops {
            let text = serde_json::to_string(&op).unwrap();
            assert_eq!(serde_json::from_str::<Op>(&text).unwrap(), op);
        }
    }

    #[test]
    fn groups_fields() {
        let cases = [
            (Entity::Clients, "lname", "name"),
            (Entity::Clients, "p_city", "address"),
            (Entity::Clients, "email", "contact"),
            (Entity::TimeEntries, "note", "note"),
            (Entity::TimeEntries, "duration", "time"),
            (Entity::Invoices, "lines", "lines"),
        ];
        for (entity, field, group) in cases {
            assert_eq!(field_group(entity, field), group, "{entity} {field}");
        }
    }
}
