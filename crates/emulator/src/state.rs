//! The shared state every handler reaches: `App` = `Arc<Shared>`, the configuration, the
//! [`Store`] behind its mutex, and the knobs the control API turns (faults, latency, clock,
//! counters, read denials, hidden resources). It knows no handler and no route; `router` wires those to it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};

use crate::config::Config;
use crate::denials::ReadDenial;
use crate::faults::FaultEngine;
use crate::store::State as Store;
use crate::views::Views;

/// What every handler shares. Each mutex guards one independent thing and is held only for a
/// few statements, never across an `.await`.
#[derive(Debug)]
pub struct Shared {
    pub config: Config,
    pub state: Mutex<Store>,
    pub faults: Mutex<FaultEngine>,
    pub latency: Mutex<Duration>,
    pub clock_offset: Mutex<TimeDelta>,
    pub counts: Mutex<BTreeMap<String, u64>>,
    pub legacy_errors_on_200: AtomicBool,
    /// Reads refused with 403 (none unless a test asks).
    pub read_denials: Mutex<Vec<ReadDenial>>,
    /// Resources whose reads answer 404, as for an endpoint the account or its plan lacks
    /// (none unless a test asks).
    pub hidden_resources: Mutex<Vec<ReadDenial>>,
    /// Set by writes; the saver task writes the state file when it sees it.
    pub dirty: AtomicBool,
    /// List views reused across the pages of one listing (locked after `state`).
    pub views: Views,
}

/// The handle handlers get.
pub type App = Arc<Shared>;

impl Shared {
    /// The shared state of a server starting with `store` (loaded from the state file or seeded:
    /// the caller's choice).
    pub fn new(config: Config, mut store: Store) -> App {
        for business in &mut store.businesses {
            business.pinned_today = config.today;
        }
        let shared = Shared {
            faults: Mutex::new(FaultEngine::new(config.faults.clone())),
            latency: Mutex::new(config.latency),
            clock_offset: Mutex::new(TimeDelta::zero()),
            counts: Mutex::new(BTreeMap::new()),
            legacy_errors_on_200: AtomicBool::new(config.legacy_errors_on_200),
            read_denials: Mutex::new(Vec::new()),
            hidden_resources: Mutex::new(Vec::new()),
            dirty: AtomicBool::new(config.state_file.is_some()),
            views: Views::default(),
            state: Mutex::new(store),
            config,
        };
        Arc::new(shared)
    }

    /// The state, locked. A handler that panicked cannot leave the state half-written in a way
    /// that matters to an emulator, so a poisoned lock is taken over rather than propagated.
    pub fn state(&self) -> MutexGuard<'_, Store> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The fault engine, locked.
    pub fn fault_engine(&self) -> MutexGuard<'_, FaultEngine> {
        self.faults
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Request counters, locked.
    pub fn counters(&self) -> MutexGuard<'_, BTreeMap<String, u64>> {
        self.counts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Added latency in force.
    pub fn latency(&self) -> Duration {
        *self
            .latency
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Sets the added latency.
    pub fn set_latency(&self, latency: Duration) {
        *self
            .latency
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = latency;
    }

    /// The read denials in force, locked.
    pub fn read_denials(&self) -> MutexGuard<'_, Vec<ReadDenial>> {
        self.read_denials
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The resources whose reads answer 404, locked.
    pub fn hidden_resources(&self) -> MutexGuard<'_, Vec<ReadDenial>> {
        self.hidden_resources
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether accounting validation errors go out with HTTP 200.
    pub fn legacy_on_200(&self) -> bool {
        self.legacy_errors_on_200.load(Ordering::Relaxed)
    }

    /// The emulator's clock: the system clock plus whatever tests advanced it by. Token and code
    /// expiry read it; record dates (`create_date` defaults, overdue) use the real day or the
    /// day a test pinned ([`crate::store::Business::today`]).
    pub fn now(&self) -> DateTime<Utc> {
        let offset = *self
            .clock_offset
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        Utc::now() + offset
    }

    /// Sets the emulator's clock to the system clock plus `offset` (negative: behind).
    pub fn set_clock_offset(&self, offset: TimeDelta) {
        *self
            .clock_offset
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = offset;
    }

    /// Moves the emulator's clock forward.
    pub fn advance_clock(&self, by: TimeDelta) {
        *self
            .clock_offset
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) += by;
    }
}
