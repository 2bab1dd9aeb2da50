//! Choices under way on the Sync page: a conflict settled or a change undone leaves its list at
//! once (before the shell answers), and comes back with the refusal beside it if the shell
//! refuses.

use std::collections::{BTreeMap, BTreeSet};

use ledgerline_model::error::{ErrorCode, ErrorPayload};
use leptos::prelude::*;

/// What a choice is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Item {
    /// A conflict, by its number.
    Conflict(i64),
    /// A change, by its number.
    Change(i64),
}

/// The choices under way and the refused ones.
#[derive(Debug, Clone, Copy)]
pub struct Settling {
    hidden: RwSignal<BTreeSet<Item>>,
    refused: RwSignal<BTreeMap<Item, ErrorPayload>>,
}

impl Settling {
    /// None yet.
    pub fn new() -> Self {
        Self {
            hidden: RwSignal::new(BTreeSet::new()),
            refused: RwSignal::new(BTreeMap::new()),
        }
    }

    /// A choice was made: the item leaves its list.
    pub fn start(self, item: Item) {
        self.refused.update(|r| {
            r.remove(&item);
        });
        self.hidden.update(|h| {
            h.insert(item);
        });
    }

    /// The shell refused it: the item comes back, with why.
    pub fn refuse(self, item: Item, error: ErrorPayload) {
        self.hidden.update(|h| {
            h.remove(&item);
        });
        self.refused.update(|r| {
            r.insert(item, error);
        });
    }

    /// The shell refused the item's choice: the item comes back with why, unless the refusal
    /// says it was settled elsewhere (a conflict settled in another window or from the command
    /// line), where it stays off. Whether the page must be read again: after such a refusal, and
    /// after "too late to undo" (the change moved on: its card shows where it is now).
    pub fn answer_refusal(self, item: Item, error: ErrorPayload) -> bool {
        match error.code {
            ErrorCode::NoSuchConflict { .. } => true,
            ErrorCode::TooLateToUndo { .. } | ErrorCode::ChangeInDoubt { .. } => {
                self.refuse(item, error);
                true
            }
            _ => {
                self.refuse(item, error);
                false
            }
        }
    }

    /// Whether the item left its list. Tracked.
    pub fn is_hidden(self, item: Item) -> bool {
        self.hidden.with(|h| h.contains(&item))
    }

    /// Why the shell refused the item's last choice. Tracked.
    pub fn refusal(self, item: Item) -> Option<ErrorPayload> {
        self.refused.with(|r| r.get(&item).cloned())
    }
}

impl Default for Settling {
    fn default() -> Self {
        Self::new()
    }
}
