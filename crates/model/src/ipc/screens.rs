//! The everyday screens' commands: the argument and answer types that are not already model
//! types (Home's scope, a record's id, the receipt of a change, the pickers, preferences, export).
//! Lists and records themselves are the model's own (`ClientRow`, `TimeList`, `HomeSummary` …).

use serde::{Deserialize, Serialize};

use crate::entity::{ClientUpdate, TimeEntryUpdate, VisState};
use crate::ids::{ClientId, IdentityId, ProjectId, ServiceId};
use crate::views::{ClientQuery, InvoiceQuery, TimeQuery};

/// Which businesses Home sums.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HomeScope {
    /// The current business.
    #[default]
    Current,
    /// Every business together (each figure still per currency).
    All,
}

/// `get_home`'s arguments. The shell counts "overdue" from today in the user's time zone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HomeArgs {
    /// The current business, or all.
    pub scope: HomeScope,
}

/// One record of the current business, by id (negative while only local; a record made offline
/// is still found by that id after FreshBooks numbered it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordId {
    /// The record.
    pub id: i64,
}

/// What a saved change answers: the record and the change's number, which `undo_change` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeReceipt {
    /// The record changed (for a create: its local id, negative until FreshBooks numbers it).
    pub id: i64,
    /// The queued change's number, for "Undo". `None` when the change already reached
    /// FreshBooks (sent between the save and this answer): nothing is left to undo.
    pub seq: Option<i64>,
}

/// `update_client`'s arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientChange {
    /// The client.
    pub id: i64,
    /// The fields that change (those that are `Some`; an empty text clears a field).
    pub changes: ClientUpdate,
}

/// `set_client_visibility`'s arguments: archive, delete or restore (`active`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientVisibility {
    /// The client.
    pub id: i64,
    /// Active (restore), archived or deleted.
    pub to: VisState,
}

/// `undo_change`'s arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UndoArgs {
    /// The change's number (from its [`ChangeReceipt`]).
    pub seq: i64,
}

/// `update_time_entry`'s arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeEntryChange {
    /// The time entry.
    pub id: i64,
    /// The fields that change.
    pub changes: TimeEntryUpdate,
}

/// Something to choose in a filter or a form: its id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pick<Id> {
    /// Its id.
    pub id: Id,
    /// Its name as shown; `None` when the mirror knows none (a team member FreshBooks names
    /// nowhere Ledgerline reads): the screen shows a placeholder.
    pub name: Option<String>,
}

/// A project to choose, with the client it is for (forms offer a client's projects first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectPick {
    /// The project.
    pub id: ProjectId,
    /// Its title.
    pub name: Option<String>,
    /// Its client, when it has one.
    pub client: Option<ClientId>,
}

/// What the current business's filters and forms offer, each by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pickers {
    /// Active clients.
    pub clients: Vec<Pick<ClientId>>,
    /// Active projects.
    pub projects: Vec<ProjectPick>,
    /// Active services.
    pub services: Vec<Pick<ServiceId>>,
    /// Team members who logged time in this business (and the signed-in user).
    pub team_members: Vec<Pick<IdentityId>>,
}

/// `search`'s arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchArgs {
    /// The words typed (each a prefix).
    pub text: String,
    /// At most this many hits.
    pub limit: u32,
}

/// The window's theme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Light.
    Light,
    /// Dark.
    Dark,
    /// The system's (follows it as it changes).
    #[default]
    System,
}

/// The user's preferences, remembered in the data folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// The language (`en`, `fr-CA`); `None` follows the system's.
    pub language: Option<String>,
    /// Light, dark or the system's.
    pub theme: Theme,
    /// How often time entries, invoices and clients are pulled in the background, in minutes
    /// (1 to 1440); the other records hourly, or as often as this when it is longer.
    pub sync_every_minutes: u32,
}

/// The sync interval when the user chose none.
pub const DEFAULT_SYNC_MINUTES: u32 = 5;

/// The longest sync interval offered (a day).
pub const MAX_SYNC_MINUTES: u32 = 1440;

impl Default for Preferences {
    fn default() -> Self {
        Self {
            language: None,
            theme: Theme::System,
            sync_every_minutes: DEFAULT_SYNC_MINUTES,
        }
    }
}

/// Which list to export, filtered as its screen shows it (every filter optional: `{"entity":
/// "clients"}` exports the active clients by name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "entity", rename_all = "snake_case")]
pub enum ExportList {
    /// The client list.
    Clients {
        /// Which clients, in which order.
        #[serde(default)]
        query: ClientQuery,
    },
    /// The time list (every row matching, whatever its `limit`).
    TimeEntries {
        /// Which entries.
        #[serde(default)]
        query: TimeQuery,
    },
    /// The invoice list.
    Invoices {
        /// Which invoices.
        #[serde(default)]
        query: InvoiceQuery,
    },
}

/// The file format of an export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    /// Comma-separated values with a header row: money as exact decimals beside a currency
    /// column, dates as ISO 8601.
    #[default]
    Csv,
    /// The rows as the screens receive them, as a JSON array.
    Json,
}

/// `export_list`'s arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportArgs {
    /// Which list (`{"entity": "clients", "query": {…}}`).
    pub list: ExportList,
    /// CSV or JSON.
    #[serde(default)]
    pub format: ExportFormat,
}

/// An export written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportDone {
    /// The file written (in the Downloads folder, else the data folder); never one overwritten.
    pub path: String,
    /// How many rows it holds (the header aside).
    pub rows: usize,
}

/// `reveal_path`'s arguments: a file or folder under the Downloads or the data folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevealArgs {
    /// The path (as an [`ExportDone`] gave it).
    pub path: String,
}

/// `open_address`'s arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressArgs {
    /// An `https://` address on FreshBooks' own sites or Ledgerline's relay and help pages.
    pub url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_args_read_with_every_filter_left_out() {
        let args: ExportArgs = serde_json::from_value(
            serde_json::json!({"list": {"entity": "clients"}, "format": "csv"}),
        )
        .unwrap();
        assert_eq!(
            args.list,
            ExportList::Clients {
                query: ClientQuery::default()
            }
        );
        let args: ExportArgs =
            serde_json::from_value(serde_json::json!({"list": {"entity": "time_entries"}}))
                .unwrap();
        assert_eq!(args.format, ExportFormat::Csv);
        let back = serde_json::to_value(&args).unwrap();
        assert_eq!(back["list"]["entity"], "time_entries");
    }

    #[test]
    fn preferences_default_to_the_system() {
        let p: Preferences = serde_json::from_value(serde_json::json!({})).unwrap();
        assert_eq!(p, Preferences::default());
        assert_eq!(p.theme, Theme::System);
        assert_eq!(p.language, None);
    }
}
