//! The top of the Sync page: online or not, when the last sync was (how long ago and exactly),
//! "Sync now" and, while a sync runs, "Cancel" with a progress bar (records done of total and
//! the time left); then the sign-in's health and any backoff FreshBooks asked for.
//!
//! Stable ids: `#sync-page-now`, `#sync-page-cancel`, `#sync-page-online` (`data-online`),
//! `#sync-page-last`, `#sync-page-running`, `#sync-page-progress` (`data-done`, `data-total`),
//! `#sync-page-records`, `#sync-time-left`, `#sync-token` (`data-health`) with
//! `#sync-sign-in-again` or `#sync-use-file`, `#sync-backoff`.

use chrono::{DateTime, Utc};
use ledgerline_model::error::ErrorKind;
use ledgerline_model::ipc::{Backoff, SyncPage, TokenHealth};
use leptos::prelude::*;

use super::progress::{Shown, shown};
use super::when::{fmt_clock, fmt_date_time, time_left};
use super::words::entity_key;
use crate::i18n::{fmt_relative, t, t_args};
use crate::shell;
use crate::state::use_state;

/// The name of a token health in `data-health`.
pub fn health_name(health: TokenHealth) -> &'static str {
    match health {
        TokenHealth::Good => "good",
        TokenHealth::Refused => "refused",
        TokenHealth::SignedOut => "signed_out",
        TokenHealth::Unreadable => "unreadable",
    }
}

/// Whether a sync runs, as far as the page or the events know. Tracked.
pub fn running(page: Signal<Option<SyncPage>>) -> bool {
    let state = use_state();
    state.sync.0.with(|s| s.running)
        || page.with(|p| p.as_ref().is_some_and(|p| p.progress.is_some()))
}

/// The head of the page: status, buttons and progress.
#[component]
pub fn SyncHeader(
    /// The page's facts (`None` until the shell answered).
    #[prop(into)]
    page: Signal<Option<SyncPage>>,
    /// The clock.
    #[prop(into)]
    now: Signal<DateTime<Utc>>,
) -> impl IntoView {
    let state = use_state();
    let is_running = move || running(page);
    // The page's word (requests waiting because FreshBooks did not answer) and the shell's
    // connectivity, as the top bar shows it: offline when either says so.
    let online = move || {
        state.sync.0.with(|s| s.online) && page.with(|p| p.as_ref().is_none_or(|p| p.online))
    };
    let last = move || {
        page.with(|p| p.as_ref().and_then(|p| p.last_synced)).map_or_else(
            || view! { <span>{move || t("sync-never")}</span> }.into_any(),
            |at| {
                let exact = fmt_date_time(at);
                let title = exact.clone();
                view! {
                    <span>{move || t_args("sync-last-synced", &[("ago", fmt_relative(at, now.get()).into())])}</span>
                    " "
                    <time class="muted" datetime=at.to_rfc3339() title=title>
                        {move || t_args("sync-exactly", &[("when", exact.clone().into())])}
                    </time>
                }
                .into_any()
            },
        )
    };
    let progress = move || {
        let live = state.sync.0.with(|s| s.totals());
        let p = page.with(|p| p.as_ref().and_then(|p| p.progress.clone()));
        shown(p.as_ref(), live, is_running(), now.get())
    };
    view! {
        <div class="page-head">
            <h1 id="page-title">{move || t("sync-title")}</h1>
            <div class="actions">
                <button
                    id="sync-page-now"
                    type="button"
                    class="button primary"
                    disabled=move || is_running() || state.session.current_id().is_none()
                    aria-keyshortcuts="Control+R"
                    on:click=move |_| shell::sync_now(state)
                >
                    {move || t("sync-now")}
                </button>
                <Show when=is_running>
                    <button
                        id="sync-page-cancel"
                        type="button"
                        class="button"
                        aria-label=move || t("sync-cancel-label")
                        on:click=move |_| shell::cancel_sync(state)
                    >
                        {move || t("sync-cancel")}
                    </button>
                </Show>
            </div>
        </div>
        <p class="sync-summary" role="status" aria-live="polite">
            <span
                id="sync-page-online"
                class=move || if online() { "badge badge-online" } else { "badge badge-offline" }
                data-online=move || online().to_string()
            >
                {move || t(if online() { "sync-online" } else { "sync-offline" })}
            </span>
            " "
            <span id="sync-page-last" class="sync-page-last">{last}</span>
        </p>
        {move || progress().map(|p| view! { <ProgressBar shown=p /> })}
        <TokenHealthLine page />
        <BackoffLine page now />
    }
}

/// The bar, the records and the time left.
#[component]
fn ProgressBar(shown: Shown) -> impl IntoView {
    let Shown {
        done,
        total,
        entity,
        seconds_left,
    } = shown;
    let bar = match total {
        Some(total) => view! {
            <progress
                id="sync-page-progress"
                aria-label=move || t("sync-progress-label")
                max=total.max(1).to_string()
                value=done.min(total).to_string()
                data-done=done.to_string()
                data-total=total.to_string()
            ></progress>
        }
        .into_any(),
        None => view! {
            <progress id="sync-page-progress" aria-label=move || t("sync-progress-label") data-done=done.to_string() data-total=""></progress>
        }
        .into_any(),
    };
    let records = move || match total {
        Some(total) => t_args(
            "sync-records-of",
            &[("done", done.into()), ("total", total.into())],
        ),
        None => t_args("sync-records-so-far", &[("done", done.into())]),
    };
    view! {
        <div id="sync-page-running" class="sync-running" role="status" aria-live="polite">
            {bar}
            <span id="sync-page-records">{records}</span>
            <span id="sync-time-left" class="muted">{move || time_left(seconds_left)}</span>
            {entity.map(|e| view! {
                <span class="muted sync-reading">{move || t_args("sync-reading", &[("what", t(entity_key(e)).into())])}</span>
            })}
        </div>
    }
}

/// The sign-in's health, with the button that fixes it.
#[component]
fn TokenHealthLine(#[prop(into)] page: Signal<Option<SyncPage>>) -> impl IntoView {
    let state = use_state();
    move || {
        page.with(|p| p.as_ref().map(|p| p.token)).map(|health| {
            let (class, key) = match health {
                TokenHealth::Good => ("sync-token good", "sync-token-good"),
                TokenHealth::Refused => ("sync-token notice notice-warn", "sync-token-refused"),
                TokenHealth::SignedOut => {
                    ("sync-token notice notice-warn", "sync-token-signed-out")
                }
                TokenHealth::Unreadable => {
                    ("sync-token notice notice-warn", "sync-token-unreadable")
                }
            };
            let fix = match health {
                TokenHealth::Good => None,
                TokenHealth::Refused | TokenHealth::SignedOut => Some(
                    view! {
                        <button
                            id="sync-sign-in-again"
                            type="button"
                            class="button primary"
                            disabled=move || state.sign_in.busy.get()
                            on:click=move |_| shell::sign_in_again(state)
                        >
                            {move || t("sync-sign-in-again")}
                        </button>
                    }
                    .into_any(),
                ),
                TokenHealth::Unreadable => Some(
                    view! {
                        <button
                            id="sync-use-file"
                            type="button"
                            class="button primary"
                            on:click=move |_| shell::use_file_for_secrets(state)
                        >
                            {move || t("sync-use-file")}
                        </button>
                    }
                    .into_any(),
                ),
            };
            view! {
                <div id="sync-token" class=class data-health=health_name(health)>
                    <p class="notice-message">{move || t(key)}</p>
                    {fix}
                </div>
            }
        })
    }
}

/// A backoff in force: why, and when requests resume.
#[component]
fn BackoffLine(
    #[prop(into)] page: Signal<Option<SyncPage>>,
    #[prop(into)] now: Signal<DateTime<Utc>>,
) -> impl IntoView {
    let backoff = move || {
        page.with(|p| p.as_ref().and_then(|p| p.backoff.clone()))
            .filter(|b| b.until > now.get())
    };
    move || {
        backoff().map(|Backoff { until, in_flight, reason }| {
            let key = if reason.kind == ErrorKind::RateLimited {
                "sync-backoff-rate-limited"
            } else {
                "sync-backoff-waiting"
            };
            view! {
                <div id="sync-backoff" class="notice notice-warn sync-backoff" role="status">
                    <p class="notice-message">
                        {move || t_args(key, &[("at", fmt_clock(until, now.get()).into())])}
                    </p>
                    <p class="muted">{move || t_args("sync-backoff-in-flight", &[("count", i64::from(in_flight).into())])}</p>
                </div>
            }
        })
    }
}
