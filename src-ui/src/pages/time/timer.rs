//! The timer: start it for a client, project, service and note; watch the time run; stop it into
//! a queued time entry, or throw it away. It lives in the data folder, not the window: the page
//! asks the shell for it on mount, so a timer started before a restart is still running here.
//! The shell refuses a second one (`timer_running`), and the page shows its message.
//!
//! Stable ids: `#timer`, `#timer-client`, `#timer-project`, `#timer-service`, `#timer-note`,
//! `#timer-start`, `#timer-elapsed`, `#timer-stop`, `#timer-discard`, `#timer-problem`.

use chrono::{DateTime, Utc};
use ledgerline_model::error::ErrorCode;
use ledgerline_model::ids::{ClientId, ProjectId, ServiceId};
use ledgerline_model::ipc::Pickers;
use ledgerline_model::timer::{RunningTimer, TimerStart};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::choices;
use super::duration::hms;
use crate::clock;
use crate::components::field::{SelectField, TextField};
use crate::i18n::t;
use crate::screens_api;

/// The time now, from the browser's clock.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(clock::now_millis()).unwrap_or_default()
}

/// The running time since `started_at`, as `h:mm:ss`, at `now`.
#[component]
pub fn Elapsed(
    /// When the timer started.
    started_at: DateTime<Utc>,
    /// The time now (ticks every second on the page).
    #[prop(into)]
    now: Signal<DateTime<Utc>>,
) -> impl IntoView {
    let seconds = move || (now.get() - started_at).num_seconds().max(0);
    view! {
        <span id="timer-elapsed" class="timer-elapsed" role="timer" aria-live="off">
            {move || hms(seconds())}
        </span>
    }
}

/// The timer's panel. `on_stopped` runs once a stop queued a time entry.
#[component]
pub fn TimerPanel(
    /// What the pickers offer.
    #[prop(into)]
    pickers: Signal<Pickers>,
    /// Whether the role may write.
    #[prop(into)]
    writable: Signal<bool>,
    /// A stop queued a time entry.
    #[prop(into)]
    on_stopped: Callback<()>,
) -> impl IntoView {
    let running = RwSignal::new(None::<RunningTimer>);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let now_signal = RwSignal::new(now());
    if let Ok(handle) = set_interval_with_handle(
        move || now_signal.set(now()),
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let ask = move || {
        spawn_local(async move {
            match screens_api::timer().await {
                Ok(t) => running.set(t),
                Err(e) => problem.set(Some(e.message)),
            }
        });
    };
    ask();

    let client = RwSignal::new(String::new());
    let project = RwSignal::new(String::new());
    let service = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let start = TimerStart {
            client: client.get_untracked().parse().ok().map(ClientId),
            project: project.get_untracked().parse().ok().map(ProjectId),
            service: service.get_untracked().parse().ok().map(ServiceId),
            note: Some(note.get_untracked().trim().to_owned()).filter(|n| !n.is_empty()),
        };
        busy.set(true);
        spawn_local(async move {
            let answer = screens_api::start_timer(start).await;
            busy.set(false);
            match answer {
                Ok(timer) => {
                    problem.set(None);
                    now_signal.set(now());
                    running.set(Some(timer));
                }
                Err(e) => {
                    // Another window or process started one: show it, with the shell's words.
                    if matches!(e.code, ErrorCode::TimerRunning { .. }) {
                        ask();
                    }
                    problem.set(Some(e.message));
                }
            }
        });
    };
    let stop = move |_| {
        busy.set(true);
        spawn_local(async move {
            let answer = screens_api::stop_timer().await;
            busy.set(false);
            match answer {
                Ok(_) => {
                    running.set(None);
                    problem.set(None);
                    note.set(String::new());
                    on_stopped.run(());
                }
                Err(e) => problem.set(Some(e.message)),
            }
        });
    };
    let discard = move |_| {
        busy.set(true);
        spawn_local(async move {
            let answer = screens_api::discard_timer().await;
            busy.set(false);
            match answer {
                Ok(()) => {
                    running.set(None);
                    problem.set(None);
                }
                Err(e) => problem.set(Some(e.message)),
            }
        });
    };
    let no_problem = Signal::derive(|| None::<String>);
    let disabled = Signal::derive(move || !writable.get() || busy.get());
    view! {
        <section id="timer" class="timer-panel" aria-labelledby="timer-title">
            <h2 id="timer-title">{move || t("time-timer-title")}</h2>
            {move || match running.get() {
                Some(timer) => {
                    let what = timer
                        .client_name
                        .clone()
                        .or(timer.start.note.clone())
                        .unwrap_or_else(|| t("time-timer-no-client"));
                    view! {
                        <div class="timer-running">
                            <Elapsed started_at=timer.started_at now=now_signal />
                            <span class="timer-what">{what}</span>
                            <button
                                id="timer-stop"
                                type="button"
                                class="button primary"
                                disabled=move || disabled.get()
                                on:click=stop
                            >
                                {move || t("time-timer-stop")}
                            </button>
                            <button
                                id="timer-discard"
                                type="button"
                                class="button subtle"
                                disabled=move || disabled.get()
                                on:click=discard
                            >
                                {move || t("time-timer-discard")}
                            </button>
                        </div>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <form class="timer-start form-inline" on:submit=start>
                            <SelectField
                                id="timer-client"
                                label=Signal::derive(|| t("time-field-client"))
                                value=client
                                choices=Signal::derive(move || choices::clients(&pickers.get()))
                                problem=no_problem
                                disabled
                            />
                            <SelectField
                                id="timer-project"
                                label=Signal::derive(|| t("time-field-project"))
                                value=project
                                choices=Signal::derive(move || choices::projects(&pickers.get(), &client.get()))
                                problem=no_problem
                                disabled
                            />
                            <SelectField
                                id="timer-service"
                                label=Signal::derive(|| t("time-field-service"))
                                value=service
                                choices=Signal::derive(move || choices::services(&pickers.get()))
                                problem=no_problem
                                disabled
                            />
                            <TextField
                                id="timer-note"
                                label=Signal::derive(|| t("time-field-note"))
                                value=note
                                problem=no_problem
                                disabled
                            />
                            <button
                                id="timer-start"
                                type="submit"
                                class="button primary"
                                disabled=move || disabled.get()
                            >
                                {move || t("time-timer-start")}
                            </button>
                        </form>
                    }
                        .into_any()
                }
            }}
            {move || {
                problem
                    .get()
                    .map(|m| view! { <p id="timer-problem" class="field-problem" role="alert">{m}</p> })
            }}
        </section>
    }
}
