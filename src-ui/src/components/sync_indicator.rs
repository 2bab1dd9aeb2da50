//! The sync indicator, always in view: last synced, changes waiting, changes that need the
//! user, "Offline" when FreshBooks does not answer, "Sync now", and progress with Cancel while a
//! sync runs. The counts of changes link to the Sync page (`#sync-pending-link`,
//! `#sync-needs-you-link`).

use std::time::Duration;

use leptos::prelude::*;

use crate::clock;
use crate::i18n::{t, t_args};
use crate::shell;
use crate::state::use_state;

/// How often "5 minutes ago" is recomputed.
const CLOCK_TICK: Duration = Duration::from_secs(30);

fn records(done: u64, total: Option<u64>) -> String {
    match total {
        Some(total) => t_args(
            "frame-records-of",
            &[("done", done.into()), ("total", total.into())],
        ),
        None => t_args("frame-records", &[("done", done.into())]),
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
                || t("frame-not-synced"),
                |then| {
                    t_args(
                        "frame-synced",
                        &[("ago", clock::ago(then, now.get()).into())],
                    )
                },
            )
    };
    let progress = move || {
        let (done, total) = sync.with(|s| s.totals());
        let bar = match total {
            Some(total) => view! {
                <progress aria-label=move || t("frame-sync-progress") max=total.max(1).to_string() value=done.to_string()></progress>
            }
            .into_any(),
            None => view! { <progress aria-label=move || t("frame-sync-progress")></progress> }.into_any(),
        };
        view! {
            <div id="sync-progress" class="sync-progress">
                <span>{move || t("frame-syncing")}</span>
                {bar}
                <span class="muted">{records(done, total)}</span>
                <button
                    id="sync-cancel"
                    type="button"
                    class="button small quiet"
                    aria-label=move || t("frame-sync-cancel-label")
                    on:click=move |_| shell::cancel_sync(state)
                >
                    {move || t("frame-sync-cancel")}
                </button>
            </div>
        }
    };

    view! {
        <div id="sync-status" class="sync-status" data-online=move || online().to_string()>
            <span class="sync-facts" role="status" aria-live="polite">
                <Show when=move || !online()>
                    <span class="badge badge-offline">{move || t("frame-offline")}</span>
                </Show>
                <span class="sync-last">{synced_text}</span>
                {move || {
                    let n = sync.with(|s| s.view.pending);
                    (n > 0).then(|| view! { <a id="sync-pending-link" class="badge" href="/sync">{move || t_args("frame-pending", &[("count", n.into())])}</a> })
                }}
                {move || {
                    let n = sync.with(|s| s.view.needs_you);
                    (n > 0).then(|| view! { <a id="sync-needs-you-link" class="badge badge-warn" href="/sync">{move || t_args("frame-needs-you", &[("count", n.into())])}</a> })
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
                {move || t("frame-sync-now")}
            </button>
        </div>
    }
}
