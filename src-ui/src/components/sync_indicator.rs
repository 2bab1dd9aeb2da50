//! The sync indicator, always in view: last synced, changes waiting, changes that need the
//! user, "Offline" when FreshBooks does not answer, "Sync now", and progress with Cancel while a
//! sync runs.

use std::time::Duration;

use leptos::prelude::*;

use crate::clock;
use crate::shell;
use crate::state::use_state;

const OFFLINE: &str = "Offline";
const NOT_SYNCED: &str = "Not synced yet";
const SYNC_NOW: &str = "Sync now";
const CANCEL: &str = "Cancel";
const CANCEL_LABEL: &str = "Cancel the sync";
const SYNCING: &str = "Syncing…";
const PROGRESS_LABEL: &str = "Sync progress";
/// How often "5 minutes ago" is recomputed.
const CLOCK_TICK: Duration = Duration::from_secs(30);

fn last_synced(ago: &str) -> String {
    format!("Synced {ago}")
}

fn pending(n: usize) -> String {
    match n {
        1 => "1 change to send".to_owned(),
        n => format!("{n} changes to send"),
    }
}

fn needs_you(n: usize) -> String {
    match n {
        1 => "1 change needs you".to_owned(),
        n => format!("{n} changes need you"),
    }
}

fn records(done: u64, total: Option<u64>) -> String {
    match total {
        Some(total) => format!("{done} of {total} records"),
        None => format!("{done} records"),
    }
}

/// The indicator (`#sync-status`, `data-online`).
#[component]
pub fn SyncIndicator() -> impl IntoView {
    let state = use_state();
    let sync = state.sync.0;
    let now = RwSignal::new(clock::now_millis());
    if let Ok(handle) = set_interval_with_handle(move || now.set(clock::now_millis()), CLOCK_TICK) {
        on_cleanup(move || handle.clear());
    }
    let has_business = move || state.session.current_id().is_some();
    let online = move || sync.with(|s| s.online);
    let running = move || sync.with(|s| s.running);

    let synced_text = move || {
        sync.with(|s| s.view.last_synced.map(|t| t.timestamp_millis()))
            .map_or_else(
                || NOT_SYNCED.to_owned(),
                |then| last_synced(&clock::ago(then, now.get())),
            )
    };
    let progress = move || {
        let (done, total) = sync.with(|s| s.totals());
        let bar = match total {
            Some(total) => view! {
                <progress aria-label=PROGRESS_LABEL max=total.max(1).to_string() value=done.to_string()></progress>
            }
            .into_any(),
            None => view! { <progress aria-label=PROGRESS_LABEL></progress> }.into_any(),
        };
        view! {
            <div id="sync-progress" class="sync-progress">
                <span>{SYNCING}</span>
                {bar}
                <span class="muted">{records(done, total)}</span>
                <button
                    id="sync-cancel"
                    type="button"
                    class="button small quiet"
                    aria-label=CANCEL_LABEL
                    on:click=move |_| shell::cancel_sync(state)
                >
                    {CANCEL}
                </button>
            </div>
        }
    };

    view! {
        <div id="sync-status" class="sync-status" data-online=move || online().to_string()>
            <span class="sync-facts" role="status" aria-live="polite">
                <Show when=move || !online()>
                    <span class="badge badge-offline">{OFFLINE}</span>
                </Show>
                <span class="sync-last">{synced_text}</span>
                {move || {
                    let n = sync.with(|s| s.view.pending);
                    (n > 0).then(|| view! { <span class="badge">{pending(n)}</span> })
                }}
                {move || {
                    let n = sync.with(|s| s.view.needs_you);
                    (n > 0).then(|| view! { <span class="badge badge-warn">{needs_you(n)}</span> })
                }}
            </span>
            <Show when=running>{progress}</Show>
            <button
                id="sync-now"
                type="button"
                class="button small"
                disabled=move || running() || !has_business()
                on:click=move |_| shell::sync_now(state)
            >
                {SYNC_NOW}
            </button>
        </div>
    }
}
