//! The UI↔shell contract.
//!
//! Every Tauri command is declared once, in the `commands!` table at the bottom of this file:
//! its type, its name, its argument struct and its output. From that table come the
//! [`Command`] impls both sides use, and [`ALL_COMMANDS`], from which the shell's `build.rs`
//! declares the permissions; a shell test proves each one is registered and granted by the
//! capability file, and that the file grants nothing else. The shell's handler takes one argument
//! named `args` (which sidesteps Tauri's camelCase renaming of argument names); the UI calls it
//! through one typed `call::<C>()`. Both sides therefore agree by construction.

use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::draft::{Draft, DraftRequest};
use crate::entity::{Client, NewClient, NewTimeEntry, TimeEntry};
use crate::home::HomeSummary;
use crate::sync::SyncReport;
use crate::timer::{RunningTimer, TimerStart};
use crate::views::{ClientQuery, ClientRow, SearchHit, TimeList, TimeQuery};

mod drafting;
mod invoices;
mod screens;
mod session;
mod sync_page;

pub use drafting::{
    BillableClient, BusinessRate, DraftChoices, DraftSaved, DraftingSetup, DraftingSetupArgs,
    SaveDraftArgs, TaxChoice, UnbilledEntry,
};
pub use invoices::{
    InvoiceArgs, InvoiceDetail, InvoiceList, InvoicePageArgs, SendInvoiceArgs, TaxTotal,
};
pub use sync_page::{
    Backoff, ChangeView, ConflictView, EntitySync, RecordLabel, ResolveArgs, SyncPage,
    SyncProgress, TokenHealth, UndoBlocked,
};

pub use screens::{
    AddressArgs, ChangeReceipt, ClientChange, ClientVisibility, DEFAULT_SYNC_MINUTES, ExportArgs,
    ExportDone, ExportFormat, ExportList, HomeArgs, HomeScope, MAX_SYNC_MINUTES, Pick, Pickers,
    Preferences, ProjectPick, RecordId, RevealArgs, SearchArgs, Theme, TimeEntryChange, UndoArgs,
};

pub use session::{
    AppChoice, AppGuide, AppsView, BusinessView, ChosenBusiness, EVENT_NAME, Mode, OwnApp,
    PastedAddress, SecretsPlace, SecretsView, Session, ShellEvent, SignInStarted, SignInWith,
    SignOutArgs, SyncView,
};

/// One IPC command: its name as registered in the shell, and its argument and output types.
pub trait Command {
    /// The command's name, `verb_noun` in snake case, as registered in the shell.
    const NAME: &'static str;
    /// What the UI sends.
    type Args: Serialize + DeserializeOwned;
    /// What the shell answers.
    type Output: Serialize + DeserializeOwned;
}

/// No arguments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoArgs {}

/// What Settings shows about the app itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppInfo {
    /// The app's version, e.g. `0.1.0`.
    pub version: String,
    /// The directory holding the local database.
    pub data_dir: String,
    /// The directory holding the log files (secrets never reach them).
    pub log_dir: String,
    /// The operating system the app runs on (`linux`, `macos`, `windows`).
    pub os: String,
}

/// Declares each command once: `Type = "name": Args -> Output`, with its doc. Generates the
/// command types, their [`Command`] impls and [`ALL_COMMANDS`].
macro_rules! commands {
    ($($(#[$doc:meta])* $ty:ident = $name:literal : $args:ty => $output:ty;)+) => {
        $(
            $(#[$doc])*
            #[derive(Debug)]
            pub enum $ty {}

            impl Command for $ty {
                const NAME: &'static str = $name;
                type Args = $args;
                type Output = $output;
            }
        )+

        /// The names of every command, in declaration order: the shell's `build.rs` declares
        /// their permissions from it, and its tests prove each is registered and granted.
        pub const ALL_COMMANDS: &[&str] = &[$($name),+];
    };
}

commands! {
    /// `get_app_info`: the version and where Ledgerline keeps its data.
    GetAppInfo = "get_app_info": NoArgs => AppInfo;
    /// `open_log_folder`: shows the log folder in the system's file manager.
    OpenLogFolder = "open_log_folder": NoArgs => ();

    /// `get_session`: sign-in, businesses, the current one, demo or not. Answers from this
    /// computer only (no network), so the first screen paints at once.
    GetSession = "get_session": NoArgs => Session;
    /// `get_app_guide`: what to register in FreshBooks' developer portal for "Use my own app".
    GetAppGuide = "get_app_guide": NoArgs => AppGuide;
    /// `save_own_app`: keeps the user's own app registration (the secret in the OS keyring).
    SaveOwnApp = "save_own_app": OwnApp => Session;
    /// `use_file_for_secrets`: where no keyring answers, keeps the sign-in in a file in the data
    /// folder instead (the user's explicit choice, remembered).
    UseFileForSecrets = "use_file_for_secrets": NoArgs => Session;
    /// `start_sign_in`: opens the browser at FreshBooks' sign-in page. The answer comes back
    /// through the `ledgerline://` deep link (a [`ShellEvent::Session`] or
    /// [`ShellEvent::SignInRefused`]), or through `finish_sign_in`.
    StartSignIn = "start_sign_in": SignInWith => SignInStarted;
    /// `finish_sign_in`: the pasted address, checked like a deep link.
    FinishSignIn = "finish_sign_in": PastedAddress => Session;
    /// `start_demo`: starts the built-in demo and signs in to it.
    StartDemo = "start_demo": NoArgs => Session;
    /// `leave_demo`: ends the demo, removes everything of it, back to the welcome screen or the
    /// user's own businesses.
    LeaveDemo = "leave_demo": NoArgs => Session;
    /// `switch_business`: the screens show another business (offline; remembered).
    SwitchBusiness = "switch_business": ChosenBusiness => Session;
    /// `sign_out`: forgets the sign-in (keyring entries removed), and on request the offline copy.
    SignOut = "sign_out": SignOutArgs => Session;

    /// `get_sync_view`: what the sync indicator shows for the current business.
    GetSyncView = "get_sync_view": NoArgs => SyncView;
    /// `sync_now`: syncs the current business now (progress arrives as events).
    SyncNow = "sync_now": NoArgs => SyncReport;
    /// `cancel_sync`: stops the running sync; what it wrote stays.
    CancelSync = "cancel_sync": NoArgs => ();

    // The everyday screens. Each reads or edits the CURRENT business (`no_current_business`
    // before there is one). Every edit is refused with `forbidden` (kind `forbidden`, action
    // `ask_owner`) before anything is queued when the user's role may not write there.

    /// `get_home`: Home's figures for the current business or all, "overdue" counted from today
    /// in the user's time zone.
    GetHome = "get_home": HomeArgs => HomeSummary;
    /// `list_clients`: the client list (search through the full-text index, sort, visibility).
    ListClients = "list_clients": ClientQuery => Vec<ClientRow>;
    /// `get_client`: one client's fields, for its form.
    GetClient = "get_client": RecordId => Client;
    /// `create_client`: queues a new client (works offline); answers its local id.
    CreateClient = "create_client": NewClient => ChangeReceipt;
    /// `update_client`: queues changes to a client.
    UpdateClient = "update_client": ClientChange => ChangeReceipt;
    /// `set_client_visibility`: archives, deletes or restores a client.
    SetClientVisibility = "set_client_visibility": ClientVisibility => ChangeReceipt;
    /// `undo_change`: takes back a change not yet sent. When it is too late (sent, or in doubt)
    /// the error says so (`too_late_to_undo`, `change_in_doubt`, action `edit_again`) and the
    /// screen offers the inverse action instead.
    UndoChange = "undo_change": UndoArgs => ();
    /// `list_time`: the time list and its totals.
    ListTime = "list_time": TimeQuery => TimeList;
    /// `get_time_entry`: one time entry's fields, for its form.
    GetTimeEntry = "get_time_entry": RecordId => TimeEntry;
    /// `create_time_entry`: queues a new time entry; answers its local id.
    CreateTimeEntry = "create_time_entry": NewTimeEntry => ChangeReceipt;
    /// `update_time_entry`: queues changes to a time entry.
    UpdateTimeEntry = "update_time_entry": TimeEntryChange => ChangeReceipt;
    /// `get_pickers`: the clients, projects, services and team members to choose from.
    GetPickers = "get_pickers": NoArgs => Pickers;
    /// `get_timer`: the timer that runs in this data folder, if one does (whichever business).
    GetTimer = "get_timer": NoArgs => Option<RunningTimer>;
    /// `start_timer`: starts the timer for the current business (`timer_running` when one runs).
    StartTimer = "start_timer": TimerStart => RunningTimer;
    /// `stop_timer`: stops the timer; its time becomes a queued time entry (the receipt's).
    StopTimer = "stop_timer": NoArgs => ChangeReceipt;
    /// `discard_timer`: throws the running timer away (`no_timer` when none runs).
    DiscardTimer = "discard_timer": NoArgs => ();
    /// `search`: full-text search across every business, from this computer only.
    Search = "search": SearchArgs => Vec<SearchHit>;
    /// `list_invoices`: one page of the invoice list, with the match's count and totals.
    ListInvoices = "list_invoices": InvoicePageArgs => InvoiceList;
    /// `get_invoice`: one invoice with its lines, tax totals and whether it is in FreshBooks yet.
    GetInvoice = "get_invoice": RecordId => InvoiceDetail;
    /// `download_invoice_pdf`: asks FreshBooks for the invoice's PDF (online only) and saves it
    /// in the Downloads folder (never overwriting).
    DownloadInvoicePdf = "download_invoice_pdf": InvoiceArgs => ExportDone;
    /// `send_invoice_email`: has FreshBooks email the invoice (online only); answers it again.
    SendInvoiceEmail = "send_invoice_email": SendInvoiceArgs => InvoiceDetail;

    // The drafting wizard (offline from start to finish).

    /// `get_drafting_setup`: clients with unbilled time, a client's entries, the business's
    /// taxes, what was chosen last time and whether the business rate is needed.
    GetDraftingSetup = "get_drafting_setup": DraftingSetupArgs => DraftingSetup;
    /// `preview_draft`: the draft these choices make (nothing saved).
    PreviewDraft = "preview_draft": DraftRequest => Draft;
    /// `save_draft`: queues the invoice and the billing of its entries as one change, and
    /// remembers the choices for the client. Refused with `entries_already_billed` when some
    /// of the time is already billed or in another draft, `draft_changed` when the time
    /// changed since the preview.
    SaveDraftInvoice = "save_draft": SaveDraftArgs => DraftSaved;
    /// `set_business_rate`: remembers the business's default hourly rate.
    SetBusinessRate = "set_business_rate": BusinessRate => ();

    // The Sync page.

    /// `get_sync_page`: last sync per entity, pending and refused changes, conflicts, the
    /// sign-in's health, any backoff and the running sync's progress.
    GetSyncPage = "get_sync_page": NoArgs => SyncPage;
    /// `resolve_conflict`: settles one conflict's field group ("Mine" or "FreshBooks").
    ResolveConflictChoice = "resolve_conflict": ResolveArgs => ();
    /// `get_preferences`: language, theme and sync interval.
    GetPreferences = "get_preferences": NoArgs => Preferences;
    /// `set_preferences`: remembers them and answers what was kept.
    SetPreferences = "set_preferences": Preferences => Preferences;
    /// `export_list`: writes a list as CSV or JSON into the Downloads folder.
    ExportListFile = "export_list": ExportArgs => ExportDone;
    /// `reveal_path`: shows a file Ledgerline wrote in the system's file manager.
    RevealPath = "reveal_path": RevealArgs => ();
    /// `open_data_folder`: shows the data folder in the system's file manager.
    OpenDataFolder = "open_data_folder": NoArgs => ();
    /// `open_address`: opens one of FreshBooks' or Ledgerline's own pages in the browser.
    OpenAddress = "open_address": AddressArgs => ();
}

/// The permission a capability file grants to allow a command (`allow-get-app-info`).
pub fn permission_of(command: &str) -> String {
    format!("allow-{}", command.replace('_', "-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_snake_case_and_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for name in ALL_COMMANDS {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name} is not snake case"
            );
            assert!(seen.insert(*name), "{name} is declared twice");
        }
        assert_eq!(GetAppInfo::NAME, "get_app_info");
        assert_eq!(permission_of(GetAppInfo::NAME), "allow-get-app-info");
    }
}
