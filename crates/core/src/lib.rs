//! Ledgerline's offline core: no UI, no Tauri.
//!
//! It keeps an SQLite mirror of each FreshBooks business the user belongs to, syncs it both ways,
//! and drafts invoices from time. The desktop shell and `ledgerline-cli` both drive it through
//! [`Core`], a cheap-clone handle.
//!
//! Layout:
//! Its public API speaks `ledgerline_model`'s vocabulary: model payloads in (`NewClient`,
//! `ClientUpdate`, `DraftRequest` …), model rows, reports, events and errors out. What stores and
//! sends changes is private to the crate, so nothing outside an edit can write the outbox.
//!
//! Layout:
//! - `store`: the mirror ([`Store`]): one writer, pooled readers, WAL, migrations.
//! - `edit`: local edits, each written with its outbox operation in one transaction.
//! - `outbox`: the operations and how they are sent, checked for conflicts and reconciled.
//! - [`sync`]: the pure planner, pulls, one run, and the background engine.
//! - [`drafting`]: pure invoice drafting from unbilled time.
//! - [`session`], [`queries`], [`actions`]: what [`Core`] offers, by kind.
//! - [`invoice_delivery`]: an invoice's PDF and sending it by email (online only).
//! - [`timer`]: the one timer of a data folder, stopped into a queued time entry.
//! - [`signin`]: signing in through the browser, each answer checked (shape, state, age, used once).
//! - [`secrets`]: tokens and app credentials in the OS keyring or an explicit file.
//! - [`error`]: every way the core fails, and its [`ErrorPayload`](ledgerline_model::error::ErrorPayload).
#![warn(missing_docs)]

pub mod actions;
pub mod drafting;
mod edit;
pub mod error;
pub mod invoice_delivery;
mod outbox;
pub mod queries;
pub mod secrets;
pub mod session;
pub mod signin;
mod store;
pub mod sync;
pub mod timer;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use ledgerline_freshbooks::Client;
use tokio::sync::{broadcast, mpsc, oneshot};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

pub use error::{Error, Result};
pub use ledgerline_model::entity::Entity;
pub use ledgerline_model::event::{Event, Origin};
pub use ledgerline_model::sync::{Scope, SyncReport};
pub use store::Store;
pub use sync::plan::Schedule;

use sync::engine::{Engine, Input};
use sync::plan::Trigger;
use sync::run::RunContext;

/// Events buffered per listener before the slowest one starts missing old ones.
const EVENT_BUFFER: usize = 1024;

/// How long [`Core::shutdown`] waits for running work to stop.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// What [`Core::open`] needs.
#[derive(Debug, Clone)]
pub struct CoreConfig {
    /// Where the database lives (the same directory for the app and the CLI).
    pub data_dir: PathBuf,
    /// When each entity is pulled by the background engine.
    pub schedule: Schedule,
}

/// The core: a cheap-clone handle the shell keeps in its state.
#[derive(Clone)]
pub struct Core {
    inner: Arc<Inner>,
}

struct Inner {
    data_dir: PathBuf,
    store: Store,
    events: broadcast::Sender<Event>,
    schedule: Schedule,
    /// The signed-in client; `None` until sign-in. A std lock: only cloned out, never held
    /// across an await.
    client: RwLock<Option<Client>>,
    /// The background engine, once started (until it is stopped).
    engine: Mutex<Option<RunningEngine>>,
    shutdown: CancellationToken,
    /// Serializes foreground syncs (CLI) with each other.
    sync_lock: tokio::sync::Mutex<()>,
    /// The running syncs' progress, written by the runs.
    monitor: sync::monitor::Monitor,
}

/// A started background engine: its inbox, and what stops it and waits for it.
struct RunningEngine {
    inputs: mpsc::Sender<Input>,
    /// Cancels the loop and its runs (a child of the core's shutdown).
    stop: CancellationToken,
    /// The loop and its runs.
    tracker: TaskTracker,
}

impl std::fmt::Debug for Core {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Core")
            .field("data_dir", &self.inner.data_dir)
            .finish_non_exhaustive()
    }
}

impl Core {
    /// Opens the mirror in the data directory (creating it) and brings its schema up to date.
    /// Works offline; nothing is sent. Blocking (SQLite): call before heavy async work starts.
    pub fn open(config: CoreConfig) -> Result<Core> {
        let store = Store::open_in(&config.data_dir)?;
        let (events, _) = broadcast::channel(EVENT_BUFFER);
        Ok(Core {
            inner: Arc::new(Inner {
                data_dir: config.data_dir,
                store,
                events,
                schedule: config.schedule,
                client: RwLock::new(None),
                engine: Mutex::new(None),
                shutdown: CancellationToken::new(),
                sync_lock: tokio::sync::Mutex::new(()),
                monitor: sync::monitor::Monitor::default(),
            }),
        })
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.inner.data_dir
    }

    /// The mirror.
    pub(crate) fn store(&self) -> &Store {
        &self.inner.store
    }

    /// Listens to what happens (progress, changes, conflicts).
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.inner.events.subscribe()
    }

    /// Uses this signed-in FreshBooks client from now on.
    pub fn set_client(&self, client: Client) {
        let mut slot = self
            .inner
            .client
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *slot = Some(client);
    }

    /// The FreshBooks client, or "not signed in".
    pub fn client(&self) -> Result<Client> {
        self.inner
            .client
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
            .ok_or(Error::FreshBooks(ledgerline_freshbooks::Error::NotSignedIn))
    }

    /// Syncs now in the foreground and returns what happened (the CLI's `sync`). Progress goes to
    /// [`Core::subscribe`]rs.
    pub async fn sync(&self, scope: Scope, full: bool) -> Result<SyncReport> {
        let _guard = self.inner.sync_lock.lock().await;
        let ctx = self.run_context()?;
        sync::run::run(&ctx, scope, Trigger::SyncNow { full }).await
    }

    /// Starts the background engine (the desktop app): syncs on its schedule from now on.
    pub fn start_engine(&self) -> Result<()> {
        let mut slot = self
            .inner
            .engine
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if slot.is_some() {
            return Ok(());
        }
        let (tx, rx) = mpsc::channel(32);
        // Its own token and tracker, so it can be stopped (at sign-out) and started again.
        let stop = self.inner.shutdown.child_token();
        let tracker = TaskTracker::new();
        let ctx = RunContext {
            cancel: stop.clone(),
            ..self.run_context()?
        };
        let engine = Engine::new(ctx, tracker.clone());
        tracker.spawn(engine.run(rx, stop.clone()));
        *slot = Some(RunningEngine {
            inputs: tx,
            stop,
            tracker,
        });
        Ok(())
    }

    /// Starts the background engine again with the client installed now (after a new sign-in,
    /// perhaps through another app registration): a running engine keeps the client it was
    /// started with, so it is stopped first.
    pub async fn start_engine_again(&self) -> Result<()> {
        self.stop_engine().await;
        self.start_engine()
    }

    /// Stops the background engine, if it runs, and waits (a few seconds at most) for its
    /// running sync to end. Returns whether it was running. It can be started again.
    pub(crate) async fn stop_engine(&self) -> bool {
        let running = self
            .inner
            .engine
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        let Some(engine) = running else {
            return false;
        };
        engine.stop.cancel();
        engine.tracker.close();
        let _ = tokio::time::timeout(SHUTDOWN_GRACE, engine.tracker.wait()).await;
        true
    }

    /// Forgets the signed-in client (the caller has cleared its tokens).
    pub(crate) fn forget_client(&self) {
        let mut slot = self
            .inner
            .client
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *slot = None;
    }

    /// Asks the background engine to sync now and waits for the result.
    pub async fn sync_now(&self, scope: Scope, full: bool) -> Result<SyncReport> {
        let Some(tx) = self.engine_sender() else {
            return self.sync(scope, full).await;
        };
        let (reply, answer) = oneshot::channel();
        tx.send(Input::SyncNow {
            scope,
            full,
            reply: Some(reply),
        })
        .await
        .map_err(|_| Error::Cancelled)?;
        answer.await.map_err(|_| Error::Cancelled)?
    }

    /// Tells the engine the network went away or came back.
    pub async fn network_changed(&self, online: bool) {
        self.send_input(Input::NetworkChanged(online)).await;
    }

    /// Stops a running background sync; it resumes from its cursors next time.
    pub async fn cancel_sync(&self) {
        self.send_input(Input::Cancel).await;
    }

    /// Stops everything and waits (a few seconds at most) for running work to end.
    pub async fn shutdown(&self) {
        self.inner.shutdown.cancel();
        self.stop_engine().await;
    }

    /// The running syncs' progress.
    pub(crate) fn monitor(&self) -> &sync::monitor::Monitor {
        &self.inner.monitor
    }

    pub(crate) fn events(&self) -> &broadcast::Sender<Event> {
        &self.inner.events
    }

    pub(crate) async fn send_input(&self, input: Input) {
        if let Some(tx) = self.engine_sender() {
            let _ = tx.send(input).await;
        }
    }

    fn engine_sender(&self) -> Option<mpsc::Sender<Input>> {
        self.inner
            .engine
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .as_ref()
            .map(|engine| engine.inputs.clone())
    }

    fn run_context(&self) -> Result<RunContext> {
        Ok(RunContext {
            store: self.inner.store.clone(),
            client: self.client()?,
            events: self.inner.events.clone(),
            schedule: self.inner.schedule.clone(),
            cancel: self.inner.shutdown.child_token(),
            monitor: self.inner.monitor.clone(),
        })
    }
}
