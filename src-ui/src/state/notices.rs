//! Notices: failures the user should see, each with the button its action names, until dismissed.

use ledgerline_model::error::ErrorPayload;
use leptos::prelude::*;

/// One notice.
#[derive(Clone)]
pub struct Notice {
    /// Its number in this window (a key for the list).
    pub id: u64,
    /// What happened and what fixes it.
    pub error: ErrorPayload,
    /// What "Try again" does, for errors whose action is `Retry`.
    pub retry: Option<Callback<()>>,
}

/// The queue of notices, oldest first.
#[derive(Clone, Copy)]
pub struct Notices {
    /// The notices shown.
    pub list: RwSignal<Vec<Notice>>,
    next: RwSignal<u64>,
}

impl Notices {
    /// None yet.
    pub fn new() -> Self {
        Self {
            list: RwSignal::new(Vec::new()),
            next: RwSignal::new(1),
        }
    }

    /// Shows a failure. The same failure twice in a row is shown once.
    pub fn push(self, error: ErrorPayload, retry: Option<Callback<()>>) {
        let id = self.next.get_untracked();
        self.next.set(id + 1);
        self.list.update(|list| {
            if list.last().is_some_and(|last| last.error == error) {
                return;
            }
            list.push(Notice { id, error, retry });
        });
    }

    /// Removes a notice.
    pub fn dismiss(self, id: u64) {
        self.list.update(|list| list.retain(|n| n.id != id));
    }
}

impl Default for Notices {
    fn default() -> Self {
        Self::new()
    }
}
