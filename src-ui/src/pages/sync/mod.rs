//! The Sync page (`/sync`): the sync the owner can see and steer. At the top, online or not, the
//! last sync, "Sync now", and while a sync runs "Cancel" with a progress bar and the time left;
//! the sign-in's health and any backoff; then what needs the owner (conflicts side by side,
//! refused changes), the changes waiting, and what was pulled when per entity.
//!
//! [`SyncPage`] reads the page from the shell (`get_sync_page`) and again when the shell says
//! something it shows changed (a sync started or finished, the outbox changed, a conflict, the
//! session or connectivity; see [`refreshes_page`]), every few seconds while a sync runs (for the
//! backoff and the core's estimate, and what the sync changed as it went: see [`reads_at_once`];
//! the bar itself follows the progress events, which never read the page), and after a choice. [`SyncPageView`] draws given facts, so the browser tests mount it over hand-built
//! pages.
//!
//! Stable ids: see `header` (`#sync-page-now`, `#sync-page-cancel`, `#sync-page-progress`,
//! `#sync-time-left`, `#sync-token`, `#sync-backoff`), `entities` (`#sync-entities`), `changes`
//! (`#sync-pending`, `#sync-refused`), `conflicts` (`#sync-conflicts`); `#sync-read-only-reason`,
//! `#sync-page-error`.

mod changes;
mod conflicts;
mod entities;
pub mod header;
pub mod progress;
pub mod settling;
pub mod when;
pub mod words;

use std::time::Duration;

use chrono::{DateTime, Utc};
use ledgerline_model::error::ErrorPayload;
use ledgerline_model::event::Event;
use ledgerline_model::ids::BusinessId;
use ledgerline_model::ipc::{Pickers, ResolveArgs, ShellEvent, SyncPage as Page};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::clock;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::t;
use crate::ipc;
use crate::screens_api::{self, Latest};
use crate::state::use_state;
use changes::{ChangeList, Which};
use conflicts::ConflictList;
use entities::EntityTable;
use header::{SyncHeader, running};
use settling::{Item, Settling};

pub use conflicts::differing;

/// How often the clock of "5 minutes ago" and the time left moves, and how often the page is
/// read again while a sync runs.
const TICK: Duration = Duration::from_secs(5);

/// Whether an event changes what the page shows, for the current business: read the page again.
/// Progress events do not (the bar follows them without a read), nor do the mirror's changes
/// during a pull (the sync's end reads it once).
pub fn refreshes_page(event: &ShellEvent, current: Option<BusinessId>) -> bool {
    match event {
        ShellEvent::Session { .. } | ShellEvent::Connectivity { .. } => true,
        ShellEvent::SignInRefused { .. } => false,
        ShellEvent::Core { event } => match event {
            Event::SyncStarted { business }
            | Event::SyncFinished { business, .. }
            | Event::OutboxChanged { business }
            | Event::Conflict { business, .. }
            | Event::Unavailable { business, .. }
            | Event::Failed { business, .. } => current == Some(*business),
            // The limit is the app's: every business waits.
            Event::Backoff { .. } => true,
            Event::Progress { .. } | Event::Changed { .. } => false,
        },
    }
}

/// Whether an event that changes the page reads it at once, or waits for the next tick's read.
/// While a sync runs, what it does as it goes (each change sent, each conflict or refusal, a
/// backoff) waits: a push of hundreds of changes would otherwise read the page hundreds of times,
/// and the tick reads it every few seconds meanwhile. Its start and end, the session and
/// connectivity read at once.
pub fn reads_at_once(event: &ShellEvent, running: bool) -> bool {
    !running
        || matches!(
            event,
            ShellEvent::Session { .. }
                | ShellEvent::Connectivity { .. }
                | ShellEvent::Core {
                    event: Event::SyncStarted { .. } | Event::SyncFinished { .. }
                }
        )
}

fn now_utc() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(clock::now_millis()).unwrap_or_default()
}

/// The route: reads the page and keeps it fresh.
#[component]
pub fn SyncPage() -> impl IntoView {
    let state = use_state();
    let page = RwSignal::new(None::<Page>);
    let failed = RwSignal::new(None::<ErrorPayload>);
    let names = RwSignal::new(Pickers::default());
    let settling = Settling::new();
    let now = RwSignal::new(now_utc());
    let latest = Latest::new();

    let reload = move || {
        let n = latest.next();
        spawn_local(async move {
            let answer = screens_api::sync_page().await;
            if !latest.is_current(n) {
                return;
            }
            match answer {
                Ok(p) => {
                    page.set(Some(p));
                    failed.set(None);
                }
                Err(e) => failed.set(Some(e)),
            }
        });
    };
    // Again for another business (and the first time).
    Effect::new(move || {
        state.session.current_id();
        reload();
        spawn_local(async move {
            if let Ok(p) = screens_api::pickers().await {
                names.set(p);
            }
        });
    });
    // The shell's events (the frame listens too; this page only reads itself again).
    let listening = StoredValue::new_local(None::<ipc::Listening>);
    spawn_local(async move {
        let handle = ipc::listen(move |event| {
            let Ok(event) = event else { return };
            let running = state.sync.0.with_untracked(|s| s.running)
                || page.with_untracked(|p| p.as_ref().is_some_and(|p| p.progress.is_some()));
            if refreshes_page(&event, state.session.0.with_untracked(|s| s.current))
                && reads_at_once(&event, running)
            {
                reload();
            }
        })
        .await;
        // Without a shell (the browser tests) the frame already says so.
        if let Ok(handle) = handle {
            let _ = listening.try_set_value(Some(handle));
        }
    });
    let page_signal: Signal<Option<Page>> = page.into();
    if let Ok(handle) = set_interval_with_handle(
        move || {
            now.set(now_utc());
            if untrack(|| running(page_signal)) {
                reload();
            }
        },
        TICK,
    ) {
        on_cleanup(move || handle.clear());
    }

    let on_undo = Callback::new(move |seq: i64| {
        spawn_local(async move {
            match screens_api::undo(seq).await {
                Ok(()) => reload(),
                Err(e) => {
                    if settling.answer_refusal(Item::Change(seq), e) {
                        reload();
                    }
                }
            }
        });
    });
    let on_resolve = Callback::new(move |args: ResolveArgs| {
        spawn_local(async move {
            match screens_api::resolve_conflict(args).await {
                Ok(()) => reload(),
                Err(e) => {
                    if settling.answer_refusal(Item::Conflict(args.conflict), e) {
                        reload();
                    }
                }
            }
        });
    });
    view! {
        <SyncPageView
            page
            failed
            names
            settling
            on_undo
            on_resolve
            on_retry=move |()| reload()
            now
        />
    }
}

/// The page over given facts.
#[component]
pub fn SyncPageView(
    /// The shell's answer (`None` until it came).
    #[prop(into)]
    page: Signal<Option<Page>>,
    /// Why the page could not be read (dismissing the notice clears it).
    failed: RwSignal<Option<ErrorPayload>>,
    /// Names for the ids a conflict shows.
    #[prop(into)]
    names: Signal<Pickers>,
    /// Choices under way.
    settling: Settling,
    /// "Undo" on a change.
    #[prop(into)]
    on_undo: Callback<i64>,
    /// A choice on a conflict.
    #[prop(into)]
    on_resolve: Callback<ResolveArgs>,
    /// Read the page again.
    #[prop(into)]
    on_retry: Callback<()>,
    /// The clock.
    #[prop(into)]
    now: Signal<DateTime<Utc>>,
) -> impl IntoView {
    let state = use_state();
    let writable = Signal::derive(move || state.session.writable());
    let list = move |f: fn(&Page) -> Vec<_>| {
        Signal::derive(move || page.with(|p| p.as_ref().map(f).unwrap_or_default()))
    };
    let pending = list(|p| p.pending.clone());
    let refused = list(|p| p.refused.clone());
    let conflicts = Signal::derive(move || {
        page.with(|p| p.as_ref().map(|p| p.conflicts.clone()).unwrap_or_default())
    });
    let entities = Signal::derive(move || {
        page.with(|p| p.as_ref().map(|p| p.entities.clone()).unwrap_or_default())
    });
    let count = move |f: fn(&Page) -> usize| move || page.with(|p| p.as_ref().map_or(0, f));
    view! {
        <section class="page sync-page">
            <SyncHeader page now />
            <Show when=move || !writable.get()>
                <p id="sync-read-only-reason" class="reason">{move || t("sync-read-only")}</p>
            </Show>
            {move || {
                failed.get().map(|error| {
                    view! {
                        <ErrorNotice
                            error
                            id="sync-page-error"
                            retry=Some(on_retry)
                            on_dismiss=move |()| failed.set(None)
                        />
                    }
                })
            }}
            <Show when=move || page.with(Option::is_none) && failed.with(Option::is_none)>
                <p class="muted">{move || t("common-loading")}</p>
            </Show>
            <Show when=move || page.with(Option::is_some)>
                <section class="sync-section" aria-labelledby="sync-conflicts-title">
                    <h2 id="sync-conflicts-title">
                        {move || t("sync-conflicts-title")}
                        <span class="badge badge-conflict sync-count-badge">{count(|p| p.conflicts.len())}</span>
                    </h2>
                    <p class="muted">{move || t("sync-conflicts-explained")}</p>
                    <ConflictList conflicts names writable settling on_resolve now />
                </section>
                <section class="sync-section" aria-labelledby="sync-refused-title">
                    <h2 id="sync-refused-title">
                        {move || t("sync-refused-title")}
                        <span class="badge badge-warn sync-count-badge">{count(|p| p.refused.len())}</span>
                    </h2>
                    <ChangeList which=Which::Refused changes=refused writable settling on_undo now />
                </section>
                <section class="sync-section" aria-labelledby="sync-pending-title">
                    <h2 id="sync-pending-title">
                        {move || t("sync-pending-title")}
                        <span class="badge badge-pending sync-count-badge">{count(|p| p.pending.len())}</span>
                    </h2>
                    <ChangeList which=Which::Pending changes=pending writable settling on_undo now />
                </section>
                <section class="sync-section" aria-labelledby="sync-entities-title">
                    <h2 id="sync-entities-title">{move || t("sync-entities-title")}</h2>
                    <EntityTable entities now />
                </section>
            </Show>
        </section>
    }
}
