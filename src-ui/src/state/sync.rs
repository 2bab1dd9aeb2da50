//! What the sync indicator shows: the shell's `SyncView` for the current business, online or
//! not, and the progress of a running sync as its events arrive.

use ledgerline_model::entity::Entity;
use ledgerline_model::ipc::SyncView;
use leptos::prelude::*;

/// The indicator's facts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncIndicator {
    /// The shell's last answer to `get_sync_view`.
    pub view: SyncView,
    /// Whether an answer to `get_sync_view` has landed (until then `view` is the default, not
    /// the shell's).
    pub loaded: bool,
    /// Whether FreshBooks answers (events update it between views).
    pub online: bool,
    /// Whether a sync of the current business runs (from events, or the view).
    pub running: bool,
    /// Records written so far by the running sync, per entity: done, and the total when known.
    pub progress: Vec<(Entity, u64, Option<u64>)>,
}

impl SyncIndicator {
    /// Records written and, when every entity's total is known, records expected.
    pub fn totals(&self) -> (u64, Option<u64>) {
        let done = self.progress.iter().map(|(_, done, _)| done).sum();
        let total = self
            .progress
            .iter()
            .map(|(_, _, total)| *total)
            .sum::<Option<u64>>();
        (done, total)
    }

    /// Counts a progress event.
    pub fn record_progress(&mut self, entity: Entity, done: u64, total: Option<u64>) {
        self.running = true;
        match self.progress.iter_mut().find(|(e, _, _)| *e == entity) {
            Some(entry) => *entry = (entity, done, total),
            None => self.progress.push((entity, done, total)),
        }
    }
}

/// The sync indicator's state.
#[derive(Clone, Copy)]
pub struct SyncState(pub RwSignal<SyncIndicator>);

impl SyncState {
    /// Nothing known yet but whether FreshBooks answered last time.
    pub fn new(online: bool) -> Self {
        Self(RwSignal::new(SyncIndicator {
            online,
            ..SyncIndicator::default()
        }))
    }

    /// Lands a fresh `get_sync_view` answer; one that changes nothing (the view asked again
    /// after subscribing to the shell's events, usually) redraws nothing.
    pub fn set_view(self, view: SyncView) {
        self.0.maybe_update(|s| {
            let mut next = s.clone();
            next.online = view.online;
            if !view.running {
                next.progress.clear();
            }
            next.running = view.running;
            next.view = view;
            next.loaded = true;
            let changed = next != *s;
            *s = next;
            changed
        });
    }
}
