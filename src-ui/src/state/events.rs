//! What each [`ShellEvent`] changes in the window's state. Pure state updates: the caller does
//! the [`FollowUp`] (asking the shell for a fresh sync view), so tests apply payloads directly.

use ledgerline_model::error::ErrorKind;
use ledgerline_model::event::Event;
use ledgerline_model::ipc::ShellEvent;
use leptos::prelude::*;

use super::{ShellState, SignInFlow};

/// What the caller should do after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUp {
    /// Nothing.
    Nothing,
    /// Ask the shell for the sync view again (the mirror, the outbox or the session changed).
    RefreshSyncView,
}

/// Lands one event in the state.
pub fn apply(state: ShellState, event: ShellEvent) -> FollowUp {
    match event {
        ShellEvent::Session { session } => {
            let signed_in = session.signed_in;
            let online = session.online;
            state.session.0.set(session);
            state.sync.0.update(|s| s.online = online);
            // A sign-in finished (through the deep link, say): the waiting screen gives way.
            if signed_in
                && matches!(
                    state.sign_in.flow.get_untracked(),
                    SignInFlow::Waiting { .. }
                )
            {
                state.sign_in.flow.set(SignInFlow::Idle);
                state.sign_in.refused.set(None);
            }
            FollowUp::RefreshSyncView
        }
        ShellEvent::SignInRefused { error } => {
            state.sign_in.refused.set(Some(error));
            FollowUp::Nothing
        }
        ShellEvent::Connectivity { online } => {
            state.sync.0.update(|s| s.online = online);
            state.session.0.update(|s| s.online = online);
            FollowUp::Nothing
        }
        ShellEvent::Core { event } => apply_core(state, event),
    }
}

fn apply_core(state: ShellState, event: Event) -> FollowUp {
    let current = state.session.0.with_untracked(|s| s.current);
    let is_current = |business| current == Some(business);
    match event {
        Event::SyncStarted { business } if is_current(business) => {
            state.sync.0.update(|s| {
                s.running = true;
                s.progress.clear();
            });
            FollowUp::Nothing
        }
        Event::Progress {
            business,
            entity,
            done,
            total,
        } if is_current(business) => {
            state
                .sync
                .0
                .update(|s| s.record_progress(entity, done, total));
            FollowUp::Nothing
        }
        Event::SyncFinished { business, ok } if is_current(business) => {
            state.sync.0.update(|s| {
                s.running = false;
                s.progress.clear();
                if ok {
                    s.online = true;
                }
            });
            FollowUp::RefreshSyncView
        }
        Event::Failed { error, .. } => {
            if error.kind == ErrorKind::Offline {
                state.sync.0.update(|s| s.online = false);
                state.session.0.update(|s| s.online = false);
            }
            FollowUp::Nothing
        }
        Event::Changed { business, .. }
        | Event::OutboxChanged { business }
        | Event::Conflict { business, .. }
            if is_current(business) =>
        {
            FollowUp::RefreshSyncView
        }
        // Another business's progress, changes or sync: the indicator shows the current one.
        Event::SyncStarted { .. }
        | Event::Progress { .. }
        | Event::SyncFinished { .. }
        | Event::Changed { .. }
        | Event::OutboxChanged { .. }
        | Event::Conflict { .. }
        | Event::Unavailable { .. }
        // A backoff is the Sync page's to show (it asks for the page again).
        | Event::Backoff { .. } => FollowUp::Nothing,
    }
}
