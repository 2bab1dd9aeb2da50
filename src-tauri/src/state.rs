//! The state the shell manages: the real [`Core`] (opened at start, before any window can ask),
//! the demo when it runs (its own core and the emulator it talks to), where the sign-in is kept,
//! and what the shell tracks of each core (online, running syncs, signed in). Commands reach it
//! through [`AppExt`]: `app.core()` is the active core, the demo's while it runs.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use freshbooks_emulator::Emulator;
use ledgerline_core::secrets::Secrets;
use ledgerline_core::{Core, CoreConfig};
use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ids::BusinessId;
use ledgerline_model::ipc::Mode;
use tauri::{AppHandle, Manager, Runtime};

use crate::Error;
use crate::launch::Launch;
use crate::settings::{SECRETS_FILE, ShellSettings};

/// The demo's folder inside the data folder: removed when the demo ends (and at start, when a
/// crash left one behind).
pub const DEMO_DIR: &str = "demo";

/// What every command can reach.
pub struct AppState {
    /// Where the real local database lives.
    pub data_dir: PathBuf,
    /// Where the log files go.
    pub log_dir: PathBuf,
    /// What the app was started with.
    pub launch: Launch,
    /// Where the real sign-in is kept, and whether that place answers. A std lock: read and
    /// written in one go, never held across an await.
    secrets: Mutex<SecretsState>,
    /// The real core and the demo. A std lock, held only to clone the active slot out or to swap
    /// one in or out; never across an await, so no command waits on another's network call.
    cores: RwLock<Cores>,
    /// Serializes the transitions that swap cores (starting and leaving the demo, reopening the
    /// real core after its offline copy is removed). Each spans awaits (starting the emulator,
    /// signing in, shutting a core down) that `cores` must not be held across; this async lock
    /// keeps two of them from interleaving (a double-clicked "Try the demo" would otherwise start
    /// two emulators, or leave one while the other starts). Commands that only use the active
    /// core never take it.
    pub(crate) transition: tokio::sync::Mutex<()>,
    /// `true` once the start-up work (secrets probed, client installed, engine started) is done.
    ready: tokio::sync::watch::Sender<bool>,
    /// Keeps the log file's writer alive; dropped (flushed) at exit.
    pub(crate) log_guard: Mutex<Option<tracing_appender::non_blocking::WorkerGuard>>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("data_dir", &self.data_dir)
            .field("mode", &self.active().mode)
            .finish_non_exhaustive()
    }
}

/// Where the real sign-in is kept.
#[derive(Debug, Clone)]
pub struct SecretsState {
    /// The keyring, or the file the user chose.
    pub secrets: Secrets,
    /// Why that place does not answer; `None` when it does (or before the start-up probe).
    pub problem: Option<ErrorPayload>,
    /// The client id of the user's own app registration, when one is saved.
    pub own_client_id: Option<String>,
}

struct Cores {
    real: Slot,
    demo: Option<Demo>,
}

/// One core and what the shell tracks of it.
#[derive(Debug, Clone)]
pub struct Slot {
    /// The core.
    pub core: Core,
    /// What the shell tracks of it.
    pub watch: Arc<Watch>,
}

impl Slot {
    /// A slot over a core, online until a sync says otherwise, not signed in.
    pub fn new(core: Core) -> Self {
        Slot {
            core,
            watch: Arc::new(Watch::default()),
        }
    }
}

/// What the shell tracks of one core: from its events and its commands' results.
#[derive(Debug)]
pub struct Watch {
    online: AtomicBool,
    signed_in: AtomicBool,
    running: Mutex<BTreeSet<BusinessId>>,
    /// The task forwarding this core's events to the window.
    pub(crate) forwarder: Mutex<Option<tauri::async_runtime::JoinHandle<()>>>,
}

impl Default for Watch {
    fn default() -> Self {
        Watch {
            online: AtomicBool::new(true),
            signed_in: AtomicBool::new(false),
            running: Mutex::new(BTreeSet::new()),
            forwarder: Mutex::new(None),
        }
    }
}

impl Watch {
    /// Whether FreshBooks answered the last time it was asked.
    pub fn online(&self) -> bool {
        self.online.load(Ordering::SeqCst)
    }

    /// Records whether FreshBooks answered; `true` when that changed.
    pub fn set_online(&self, online: bool) -> bool {
        self.online.swap(online, Ordering::SeqCst) != online
    }

    /// Whether a sign-in is saved for this core.
    pub fn signed_in(&self) -> bool {
        self.signed_in.load(Ordering::SeqCst)
    }

    /// Records whether a sign-in is saved.
    pub fn set_signed_in(&self, signed_in: bool) {
        self.signed_in.store(signed_in, Ordering::SeqCst);
    }

    /// Whether a sync of this business runs now.
    pub fn running(&self, business: BusinessId) -> bool {
        lock(&self.running).contains(&business)
    }

    /// Records a sync starting (`true`) or ending.
    pub fn set_running(&self, business: BusinessId, running: bool) {
        let mut set = lock(&self.running);
        if running {
            set.insert(business);
        } else {
            set.remove(&business);
        }
    }

    /// Stops the event forwarder.
    pub fn stop_forwarding(&self) {
        if let Some(task) = lock(&self.forwarder).take() {
            task.abort();
        }
    }
}

/// The running demo: its core, and the emulated FreshBooks it talks to.
#[derive(Debug)]
pub struct Demo {
    /// The demo's core, in `<data dir>/demo`.
    pub slot: Slot,
    /// The emulator, on a loopback port.
    pub emulator: Emulator,
    /// `<data dir>/demo`.
    pub dir: PathBuf,
}

impl Demo {
    /// The demo's sign-in file (never the keyring).
    pub fn secrets(&self) -> Secrets {
        Secrets::File(self.dir.join(SECRETS_FILE))
    }
}

/// The active core and what goes with it, cloned out of the state.
#[derive(Debug, Clone)]
pub struct Active {
    /// The core and its watch.
    pub slot: Slot,
    /// Demo or real.
    pub mode: Mode,
    /// Where this core's sign-in is kept.
    pub secrets: Secrets,
    /// The demo's emulator address (demo only).
    pub demo_url: Option<String>,
}

impl AppState {
    /// Resolves the data folder (the launch's, else the OS's per-user app data folder), creates
    /// it, removes a demo folder a crash left behind, and opens the real core there.
    pub fn open<R: Runtime>(app: &AppHandle<R>, launch: Launch) -> Result<Self, Error> {
        let data_dir = match &launch.data_dir {
            Some(dir) => dir.clone(),
            None => app.path().app_data_dir().map_err(Error::NoDataDir)?,
        };
        std::fs::create_dir_all(&data_dir).map_err(|source| Error::DataDir {
            path: data_dir.clone(),
            source,
        })?;
        let leftover = data_dir.join(DEMO_DIR);
        if leftover.exists()
            && let Err(e) = std::fs::remove_dir_all(&leftover)
        {
            tracing::warn!("the demo's folder left by an earlier run stays: {e}");
        }
        let core = open_core(data_dir.clone())?;
        let settings = ShellSettings::load(&data_dir);
        let secrets = if settings.secrets_in_file || !launch.keyring {
            Secrets::File(data_dir.join(SECRETS_FILE))
        } else {
            Secrets::Keyring
        };
        let (ready, _) = tokio::sync::watch::channel(false);
        Ok(AppState {
            log_dir: data_dir.join("logs"),
            data_dir,
            launch,
            secrets: Mutex::new(SecretsState {
                secrets,
                problem: None,
                own_client_id: None,
            }),
            cores: RwLock::new(Cores {
                real: Slot::new(core),
                demo: None,
            }),
            transition: tokio::sync::Mutex::new(()),
            ready,
            log_guard: Mutex::new(None),
        })
    }

    /// The active core: the demo's while it runs, else the real one.
    pub fn active(&self) -> Active {
        let cores = self.cores.read().unwrap_or_else(PoisonError::into_inner);
        match &cores.demo {
            Some(demo) => Active {
                slot: demo.slot.clone(),
                mode: Mode::Demo,
                secrets: demo.secrets(),
                demo_url: Some(demo.emulator.base_url()),
            },
            None => Active {
                slot: cores.real.clone(),
                mode: Mode::Real,
                secrets: self.secrets().secrets,
                demo_url: None,
            },
        }
    }

    /// The real core, demo or not.
    pub fn real(&self) -> Slot {
        self.cores
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .real
            .clone()
    }

    /// The real core as if it were active (for work on it while the demo runs).
    pub fn real_active(&self) -> Active {
        Active {
            slot: self.real(),
            mode: Mode::Real,
            secrets: self.secrets().secrets,
            demo_url: None,
        }
    }

    /// Whether this watch belongs to the active core (only its events reach the window).
    pub fn is_active(&self, watch: &Arc<Watch>) -> bool {
        Arc::ptr_eq(&self.active().slot.watch, watch)
    }

    /// Whether the demo runs.
    pub fn demo_running(&self) -> bool {
        self.cores
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .demo
            .is_some()
    }

    /// Makes the demo the active core. Call under [`AppState::transition`].
    pub(crate) fn put_demo(&self, demo: Demo) {
        self.cores
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .demo = Some(demo);
    }

    /// Takes the demo out (the real core is active again). Call under [`AppState::transition`].
    pub(crate) fn take_demo(&self) -> Option<Demo> {
        self.cores
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .demo
            .take()
    }

    /// Puts a new real core in place of the old one, which it returns. Call under
    /// [`AppState::transition`].
    pub(crate) fn replace_real(&self, slot: Slot) -> Slot {
        let mut cores = self.cores.write().unwrap_or_else(PoisonError::into_inner);
        std::mem::replace(&mut cores.real, slot)
    }

    /// Where the real sign-in is kept.
    pub fn secrets(&self) -> SecretsState {
        lock(&self.secrets).clone()
    }

    /// Changes what is known of the real sign-in's place.
    pub fn update_secrets(&self, change: impl FnOnce(&mut SecretsState)) {
        change(&mut lock(&self.secrets));
    }

    /// Marks the start-up work done.
    pub(crate) fn mark_ready(&self) {
        self.ready.send_replace(true);
    }

    /// Waits for the start-up work (secrets probed, the saved sign-in's client installed).
    pub async fn wait_ready(&self) {
        let mut ready = self.ready.subscribe();
        let _ = ready.wait_for(|done| *done).await;
    }
}

/// Opens a core in a folder, its background sync on the schedule the folder's preferences set
/// (the defaults where there are none, as in the demo's folder).
pub fn open_core(data_dir: PathBuf) -> Result<Core, Error> {
    let schedule = crate::preferences::schedule(&crate::preferences::load(&data_dir));
    Ok(Core::open(CoreConfig { data_dir, schedule })?)
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The shell's state from anything that reaches the app (handle, window, the app itself).
pub trait AppExt<R: Runtime>: Manager<R> {
    /// The shell's state.
    fn shell(&self) -> &AppState {
        self.state::<AppState>().inner()
    }

    /// The active core: the demo's while it runs, else the real one.
    fn core(&self) -> Core {
        self.shell().active().slot.core
    }
}

impl<R: Runtime, M: Manager<R>> AppExt<R> for M {}
