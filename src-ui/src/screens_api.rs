//! What Home, Clients and Time ask the shell: one function per request, over [`ipc::call`].
//! Views call these and never build requests. Each answers the shell's value or its
//! [`ErrorPayload`]; the page decides where it shows (a field, a notice).
//!
//! Besides the calls: [`Latest`], which drops answers overtaken by a newer request (a search
//! keystroke's answer arriving after the next one's), and [`data_version`], which changes when
//! the mirror or the outbox of the current business did (lists load again on it).

use ledgerline_model::entity::{
    Client, ClientUpdate, NewClient, NewTimeEntry, TimeEntry, TimeEntryUpdate, VisState,
};
use ledgerline_model::error::ErrorPayload;
use ledgerline_model::home::HomeSummary;
use ledgerline_model::ipc::{
    ChangeReceipt, ClientChange, ClientVisibility, CreateClient, CreateTimeEntry, DiscardTimer,
    GetClient, GetHome, GetPickers, GetTimeEntry, GetTimer, HomeArgs, HomeScope, ListClients,
    ListTime, NoArgs, Pickers, RecordId, SetClientVisibility, StartTimer, StopTimer,
    TimeEntryChange, UndoArgs, UndoChange, UpdateClient, UpdateTimeEntry,
};
use ledgerline_model::timer::{RunningTimer, TimerStart};
use ledgerline_model::views::{ClientQuery, ClientRow, TimeList, TimeQuery};
use leptos::prelude::*;

use crate::ipc;
use crate::state::ShellState;

/// The shell's answer to a request.
pub type Answer<T> = Result<T, ErrorPayload>;

/// Home's figures.
pub async fn home(scope: HomeScope) -> Answer<HomeSummary> {
    ipc::call::<GetHome>(&HomeArgs { scope }).await
}

/// The client list.
pub async fn clients(query: ClientQuery) -> Answer<Vec<ClientRow>> {
    ipc::call::<ListClients>(&query).await
}

/// One client, for its form.
pub async fn client(id: i64) -> Answer<Client> {
    ipc::call::<GetClient>(&RecordId { id }).await
}

/// Queues a new client.
pub async fn create_client(client: NewClient) -> Answer<ChangeReceipt> {
    ipc::call::<CreateClient>(&client).await
}

/// Queues changes to a client.
pub async fn update_client(id: i64, changes: ClientUpdate) -> Answer<ChangeReceipt> {
    ipc::call::<UpdateClient>(&ClientChange { id, changes }).await
}

/// Archives, deletes or restores (`Active`) a client.
pub async fn set_client_visibility(id: i64, to: VisState) -> Answer<ChangeReceipt> {
    ipc::call::<SetClientVisibility>(&ClientVisibility { id, to }).await
}

/// Takes back a change not yet sent.
pub async fn undo(seq: i64) -> Answer<()> {
    ipc::call::<UndoChange>(&UndoArgs { seq }).await
}

/// The time list and its totals.
pub async fn time(query: TimeQuery) -> Answer<TimeList> {
    ipc::call::<ListTime>(&query).await
}

/// One time entry, for its form.
pub async fn time_entry(id: i64) -> Answer<TimeEntry> {
    ipc::call::<GetTimeEntry>(&RecordId { id }).await
}

/// Queues a new time entry.
pub async fn create_time_entry(entry: NewTimeEntry) -> Answer<ChangeReceipt> {
    ipc::call::<CreateTimeEntry>(&entry).await
}

/// Queues changes to a time entry.
pub async fn update_time_entry(id: i64, changes: TimeEntryUpdate) -> Answer<ChangeReceipt> {
    ipc::call::<UpdateTimeEntry>(&TimeEntryChange { id, changes }).await
}

/// The clients, projects, services and team members to choose from.
pub async fn pickers() -> Answer<Pickers> {
    ipc::call::<GetPickers>(&NoArgs {}).await
}

/// The timer that runs, if one does.
pub async fn timer() -> Answer<Option<RunningTimer>> {
    ipc::call::<GetTimer>(&NoArgs {}).await
}

/// Starts the timer.
pub async fn start_timer(start: TimerStart) -> Answer<RunningTimer> {
    ipc::call::<StartTimer>(&start).await
}

/// Stops the timer into a queued time entry.
pub async fn stop_timer() -> Answer<ChangeReceipt> {
    ipc::call::<StopTimer>(&NoArgs {}).await
}

/// Throws the running timer away.
pub async fn discard_timer() -> Answer<()> {
    ipc::call::<DiscardTimer>(&NoArgs {}).await
}

// The Sync page (issue 12, sync-ui).

/// Everything the Sync page shows for the current business.
pub async fn sync_page() -> Answer<ledgerline_model::ipc::SyncPage> {
    ipc::call::<ledgerline_model::ipc::GetSyncPage>(&NoArgs {}).await
}

/// Settles one conflict's field group ("Mine" or "FreshBooks").
pub async fn resolve_conflict(args: ledgerline_model::ipc::ResolveArgs) -> Answer<()> {
    ipc::call::<ledgerline_model::ipc::ResolveConflictChoice>(&args).await
}

// End of the Sync page's block.

// Invoices (issue 12): the paged list, one invoice, its PDF and sending it by email.

/// One page of the invoice list, with the match's count and totals.
pub async fn invoices(
    args: ledgerline_model::ipc::InvoicePageArgs,
) -> Answer<ledgerline_model::ipc::InvoiceList> {
    ipc::call::<ledgerline_model::ipc::ListInvoices>(&args).await
}

/// One invoice with its lines and tax totals.
pub async fn invoice(id: i64) -> Answer<ledgerline_model::ipc::InvoiceDetail> {
    ipc::call::<ledgerline_model::ipc::GetInvoice>(&RecordId { id }).await
}

/// Saves the invoice's PDF in the Downloads folder (online only).
pub async fn download_invoice_pdf(id: i64) -> Answer<ledgerline_model::ipc::ExportDone> {
    ipc::call::<ledgerline_model::ipc::DownloadInvoicePdf>(&ledgerline_model::ipc::InvoiceArgs {
        id,
    })
    .await
}

/// Has FreshBooks email the invoice (online only); answers it again.
pub async fn send_invoice_email(
    args: ledgerline_model::ipc::SendInvoiceArgs,
) -> Answer<ledgerline_model::ipc::InvoiceDetail> {
    ipc::call::<ledgerline_model::ipc::SendInvoiceEmail>(&args).await
}

// End of the invoices block.

// The drafting wizard (issue 12, drafting-ui).

/// The wizard's clients, a client's unbilled entries, the taxes and last time's choices.
pub async fn drafting_setup(
    args: ledgerline_model::ipc::DraftingSetupArgs,
) -> Answer<ledgerline_model::ipc::DraftingSetup> {
    ipc::call::<ledgerline_model::ipc::GetDraftingSetup>(&args).await
}

/// The draft a request makes (nothing saved).
pub async fn preview_draft(
    request: ledgerline_model::draft::DraftRequest,
) -> Answer<ledgerline_model::draft::Draft> {
    ipc::call::<ledgerline_model::ipc::PreviewDraft>(&request).await
}

/// Queues the draft invoice and the billing of its entries.
pub async fn save_draft(
    args: ledgerline_model::ipc::SaveDraftArgs,
) -> Answer<ledgerline_model::ipc::DraftSaved> {
    ipc::call::<ledgerline_model::ipc::SaveDraftInvoice>(&args).await
}

/// Remembers the business's default hourly rate.
pub async fn set_business_rate(rate: Option<rust_decimal::Decimal>) -> Answer<()> {
    ipc::call::<ledgerline_model::ipc::SetBusinessRate>(&ledgerline_model::ipc::BusinessRate {
        rate,
    })
    .await
}

// End of the drafting wizard's block.

/// Numbers requests so only the newest one's answer lands.
#[derive(Clone, Copy)]
pub struct Latest(StoredValue<u64>);

impl Latest {
    /// No request yet.
    pub fn new() -> Self {
        Self(StoredValue::new(0))
    }

    /// A new request's number (every earlier one is stale from now on).
    pub fn next(self) -> u64 {
        self.0.update_value(|n| *n += 1);
        self.0.get_value()
    }

    /// Whether request `n` is still the newest.
    pub fn is_current(self, n: u64) -> bool {
        self.0.try_get_value() == Some(n)
    }
}

impl Default for Latest {
    fn default() -> Self {
        Self::new()
    }
}

/// What changes when the current business's records or queued changes did: its id, its last
/// complete sync, how many changes wait, and whether a sync runs. Lists load again when it
/// changes (the shell's events refresh the sync view after every change and sync), except when
/// the first sync view lands with nothing else changed since the page read (`next`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataVersion {
    facts: DataFacts,
    /// The sync view has not landed yet, and nothing changed since the page first read.
    learning: bool,
}

/// What a [`DataVersion`] follows.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DataFacts {
    business: Option<ledgerline_model::ids::BusinessId>,
    /// Whether the sync view is the shell's yet (not the default the window starts with).
    loaded: bool,
    last_synced: Option<chrono::DateTime<chrono::Utc>>,
    pending: usize,
    needs_you: usize,
    running: bool,
}

impl DataVersion {
    /// The version a page first reads at.
    fn first(facts: DataFacts) -> Self {
        Self {
            learning: !facts.loaded,
            facts,
        }
    }

    /// The version after `facts`, and whether it is news (the pages read again). The first sync
    /// view landing for the same business, with nothing else changed since the page read, is
    /// the window learning the shell's state at start: the page's data is as it read it.
    fn next(self, facts: DataFacts) -> (Self, bool) {
        let learned = self.learning && facts.loaded && facts.business == self.facts.business;
        let news = facts != self.facts && !learned;
        let learning = self.learning && !news && !facts.loaded;
        (Self { facts, learning }, news)
    }
}

/// The current [`DataVersion`], tracked: it tells its readers only of news (see
/// `DataVersion::next`), though it always holds the latest facts.
///
/// Computed once here: a memo is lazy, and one only `track()`ed by an effect would never run,
/// so never follow the sync state, and the effect would never be told of a change.
pub fn data_version(state: ShellState) -> Memo<DataVersion> {
    let version = Memo::new_owning(move |before: Option<DataVersion>| {
        let business = state.session.current_id();
        let facts = state.sync.0.with(|s| DataFacts {
            business,
            loaded: s.loaded,
            last_synced: s.view.last_synced,
            pending: s.view.pending,
            needs_you: s.view.needs_you,
            running: s.running,
        });
        match before {
            Some(before) => before.next(facts),
            None => (DataVersion::first(facts), true),
        }
    });
    version.with_untracked(|_| ());
    version
}
