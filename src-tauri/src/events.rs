//! What the shell pushes to the window, all under the one event name [`EVENT_NAME`]: every core
//! event (one forwarding task per core), session changes, refused sign-ins, and connectivity.
//!
//! Connectivity is read from what FreshBooks did: a step that failed as `offline` means it could
//! not be reached; a finished sync, or any answer from FreshBooks (even a refusal), means it
//! could. Only the active core's events reach the window (the real core's engine keeps running
//! during the demo, quietly).

use std::sync::Arc;

use ledgerline_core::Event;
use ledgerline_model::error::{ErrorKind, ErrorPayload};
use ledgerline_model::ipc::{EVENT_NAME, ShellEvent};
use ledgerline_model::sync::SyncReport;
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tokio::sync::broadcast::error::RecvError;

use crate::state::{AppExt, Slot, Watch};

/// Sends one event to the window (a failure is logged: the window may be gone).
pub fn emit<R: Runtime>(app: &AppHandle<R>, event: &ShellEvent) {
    if let Err(e) = app.emit(EVENT_NAME, event) {
        tracing::warn!("an event could not reach the window: {e}");
    }
}

/// Starts forwarding a core's events to the window (replacing an earlier forwarder of it).
pub fn forward<R: Runtime>(app: &AppHandle<R>, slot: &Slot) {
    let mut events = slot.core.subscribe();
    let watch = slot.watch.clone();
    let app = app.clone();
    let task = tauri::async_runtime::spawn({
        let watch = watch.clone();
        async move {
            loop {
                match events.recv().await {
                    Ok(event) => {
                        let connectivity = observe(&watch, &event);
                        if app.shell().is_active(&watch) {
                            emit(&app, &ShellEvent::Core { event });
                            if let Some(online) = connectivity {
                                emit(&app, &ShellEvent::Connectivity { online });
                            }
                        }
                    }
                    Err(RecvError::Lagged(missed)) => {
                        tracing::warn!(missed, "the window missed core events (too many at once)");
                    }
                    Err(RecvError::Closed) => break,
                }
            }
        }
    });
    watch.stop_forwarding();
    if let Ok(mut slot) = watch.forwarder.lock() {
        *slot = Some(task);
    }
}

/// Updates the watch from one event; `Some(online)` when connectivity changed.
fn observe(watch: &Watch, event: &Event) -> Option<bool> {
    match event {
        Event::SyncStarted { business } => {
            watch.set_running(*business, true);
            None
        }
        Event::SyncFinished { business, ok } => {
            watch.set_running(*business, false);
            // The sync's pages and batches are dropped by now: hand their memory back, on a
            // blocking thread (trimming a large heap takes a while; this task forwards events).
            tauri::async_runtime::spawn_blocking(crate::memory::give_back);
            (*ok && watch.set_online(true)).then_some(true)
        }
        Event::Failed { error, .. } => reached(error).and_then(|online| changed(watch, online)),
        Event::Unavailable { .. } => changed(watch, true),
        _ => None,
    }
}

/// Whether an error says FreshBooks was reached (`Some(true)`), not reached (`Some(false)`), or
/// nothing about it (a local failure).
pub fn reached(error: &ErrorPayload) -> Option<bool> {
    match error.kind {
        ErrorKind::Offline => Some(false),
        ErrorKind::NotSignedIn
        | ErrorKind::Forbidden
        | ErrorKind::NotFound
        | ErrorKind::Validation
        | ErrorKind::RateLimited
        | ErrorKind::Server => Some(true),
        _ => None,
    }
}

/// What a sync's report says of connectivity: FreshBooks answered when something was pulled or
/// nothing failed, or a failure came from FreshBooks itself; it was out of reach when the
/// failures say so and nothing else answered.
pub fn report_reached(report: &SyncReport) -> Option<bool> {
    if report.failures.is_empty() || report.pulls > 0 || report.sent > 0 {
        return Some(true);
    }
    let verdicts: Vec<bool> = report
        .failures
        .iter()
        .filter_map(|f| reached(&f.error))
        .collect();
    if verdicts.contains(&true) {
        Some(true)
    } else if verdicts.contains(&false) {
        Some(false)
    } else {
        None
    }
}

fn changed(watch: &Watch, online: bool) -> Option<bool> {
    watch.set_online(online).then_some(online)
}

/// Records what a command's answer says of connectivity, telling the window when it changed.
pub fn connectivity<R: Runtime>(app: &AppHandle<R>, watch: &Arc<Watch>, online: bool) {
    if watch.set_online(online) && app.shell().is_active(watch) {
        emit(app, &ShellEvent::Connectivity { online });
    }
}

/// Brings the main window to the front (after a sign-in that came through the browser).
pub fn focus<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

#[cfg(test)]
mod tests {
    use ledgerline_model::entity::Entity;
    use ledgerline_model::error::{Action, ErrorCode};
    use ledgerline_model::ids::BusinessId;
    use ledgerline_model::sync::SyncFailure;

    use super::*;

    fn error(kind: ErrorKind) -> ErrorPayload {
        ErrorPayload::new(kind, ErrorCode::Unreachable, "x", Action::Retry)
    }

    fn failed(kind: ErrorKind) -> Event {
        Event::Failed {
            business: BusinessId(1),
            entity: Some(Entity::Clients),
            error: error(kind),
        }
    }

    #[test]
    fn events_tell_offline_and_back_and_running() {
        let watch = Watch::default();
        let business = BusinessId(1);
        assert_eq!(observe(&watch, &Event::SyncStarted { business }), None);
        assert!(watch.running(business));
        assert_eq!(observe(&watch, &failed(ErrorKind::Offline)), Some(false));
        assert_eq!(
            observe(&watch, &failed(ErrorKind::Offline)),
            None,
            "told once"
        );
        assert_eq!(observe(&watch, &failed(ErrorKind::Storage)), None);
        assert!(!watch.online());
        assert_eq!(
            observe(
                &watch,
                &Event::SyncFinished {
                    business,
                    ok: false
                }
            ),
            None
        );
        assert!(!watch.running(business));
        assert_eq!(
            observe(&watch, &Event::SyncFinished { business, ok: true }),
            Some(true)
        );
        assert_eq!(observe(&watch, &failed(ErrorKind::Offline)), Some(false));
        assert_eq!(observe(&watch, &failed(ErrorKind::Forbidden)), Some(true));
    }

    #[test]
    fn a_report_of_unreachable_steps_only_is_offline() {
        let failure = |kind| SyncFailure {
            business: BusinessId(1),
            entity: Some(Entity::Clients),
            error: error(kind),
        };
        let mut report = SyncReport::default();
        assert_eq!(report_reached(&report), Some(true));
        report.failures = vec![failure(ErrorKind::Offline), failure(ErrorKind::Offline)];
        assert_eq!(report_reached(&report), Some(false));
        report.failures.push(failure(ErrorKind::Server));
        assert_eq!(report_reached(&report), Some(true));
        report.failures = vec![failure(ErrorKind::Storage)];
        assert_eq!(report_reached(&report), None);
        report.pulls = 1;
        assert_eq!(report_reached(&report), Some(true));
    }
}
