//! Adding or editing a time entry (`#time-form`): the day, the length as `h:mm`, the client,
//! project and service, a note, billable. Queued offline like every change.
//!
//! Stable ids: `#time-form`, `#time-date`, `#time-duration`, `#time-client`, `#time-project`,
//! `#time-service`, `#time-note`, `#time-billable`, `#time-save`, `#time-cancel`, problems
//! `#time-date-problem`, `#time-duration-problem`.

use chrono::{NaiveDate, NaiveTime, TimeZone, Utc};
use ledgerline_model::entity::{NewTimeEntry, TimeEntry, TimeEntryUpdate};
use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ids::{ClientId, ProjectId, ServiceId};
use ledgerline_model::ipc::Pickers;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::choices;
use super::duration::{hm, parse};
use crate::components::field::{CheckField, SelectField, TextField, focus_first_problem};
use crate::i18n::t;
use crate::screens_api;

/// The day a new entry defaults to: today on this computer.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        i32::try_from(d.get_full_year()).unwrap_or(1970),
        d.get_month() + 1,
        d.get_date(),
    )
    .unwrap_or_default()
}

/// Work logged on a day starts at noon UTC: the same day in every time zone of the Americas
/// and Europe, so the list's day filter (UTC) keeps it on the day chosen.
fn start_of(day: NaiveDate) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()))
}

fn id_text(id: Option<i64>) -> String {
    id.map(|i| i.to_string()).unwrap_or_default()
}

/// The form. `entry` is the one edited (`None`: a new one); `on_done` runs after a save or a
/// cancel.
#[component]
pub fn TimeEntryForm(
    /// The entry edited.
    entry: Option<TimeEntry>,
    /// What the pickers offer.
    #[prop(into)]
    pickers: Signal<Pickers>,
    /// Whether the role may write.
    #[prop(into)]
    writable: Signal<bool>,
    /// Saved or cancelled (`true` when saved).
    #[prop(into)]
    on_done: Callback<bool>,
) -> impl IntoView {
    let before = entry.clone();
    let date = RwSignal::new(
        entry
            .as_ref()
            .map_or_else(today, |e| e.started_at.date_naive())
            .format("%Y-%m-%d")
            .to_string(),
    );
    let duration = RwSignal::new(
        entry
            .as_ref()
            .map(|e| hm(e.duration_seconds))
            .unwrap_or_default(),
    );
    let client = RwSignal::new(id_text(
        entry.as_ref().and_then(|e| e.client_id).map(|c| c.get()),
    ));
    let project = RwSignal::new(id_text(
        entry.as_ref().and_then(|e| e.project_id).map(|c| c.get()),
    ));
    let service = RwSignal::new(id_text(
        entry.as_ref().and_then(|e| e.service_id).map(|c| c.get()),
    ));
    let note = RwSignal::new(
        entry
            .as_ref()
            .and_then(|e| e.note.clone())
            .unwrap_or_default(),
    );
    let billable = RwSignal::new(entry.as_ref().is_none_or(|e| e.billable));
    let tried = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let refusal = RwSignal::new(None::<ErrorPayload>);

    let day = move || NaiveDate::parse_from_str(date.get().trim(), "%Y-%m-%d").ok();
    let seconds = move || parse(&duration.get());
    let date_problem =
        Signal::derive(move || (tried.get() && day().is_none()).then(|| t("time-problem-date")));
    let duration_problem = Signal::derive(move || {
        (tried.get() && seconds().is_none()).then(|| t("time-problem-duration"))
    });
    let no_problem = Signal::derive(|| None::<String>);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let (Some(day), Some(seconds)) = (day(), seconds()) else {
            focus_first_problem(&[
                ("time-date", day().is_none()),
                ("time-duration", seconds().is_none()),
            ]);
            return;
        };
        let client_id = client.get_untracked().parse().ok().map(ClientId);
        let project_id = project.get_untracked().parse().ok().map(ProjectId);
        let service_id = service.get_untracked().parse().ok().map(ServiceId);
        let note_text = note.get_untracked().trim().to_owned();
        let billable_now = billable.get_untracked();
        let before = before.clone();
        busy.set(true);
        spawn_local(async move {
            let answer = match before {
                None => {
                    screens_api::create_time_entry(NewTimeEntry {
                        started_at: start_of(day),
                        duration_seconds: seconds,
                        note: Some(note_text).filter(|n| !n.is_empty()),
                        client_id,
                        project_id,
                        service_id,
                        task_id: None,
                        identity_id: None,
                        billable: billable_now && client_id.is_some(),
                        internal: client_id.is_none(),
                    })
                    .await
                }
                Some(e) => {
                    let changes = TimeEntryUpdate {
                        started_at: (e.started_at.date_naive() != day).then(|| start_of(day)),
                        duration_seconds: (e.duration_seconds != seconds).then_some(seconds),
                        note: (e.note.clone().unwrap_or_default() != note_text)
                            .then_some(note_text),
                        client_id: (e.client_id != client_id).then_some(client_id).flatten(),
                        project_id: (e.project_id != project_id).then_some(project_id).flatten(),
                        service_id: (e.service_id != service_id).then_some(service_id).flatten(),
                        billable: (e.billable != billable_now).then_some(billable_now),
                        billed: None,
                        internal: None,
                    };
                    if changes == TimeEntryUpdate::default() {
                        busy.set(false);
                        on_done.run(false);
                        return;
                    }
                    screens_api::update_time_entry(e.id.get(), changes).await
                }
            };
            busy.set(false);
            match answer {
                Ok(_) => on_done.run(true),
                Err(error) => refusal.set(Some(error)),
            }
        });
    };
    let disabled = Signal::derive(move || !writable.get());
    let title = if entry.is_some() {
        "time-form-edit"
    } else {
        "time-form-new"
    };
    view! {
        <form id="time-form" class="form time-form" novalidate=true on:submit=save>
            <h2>{move || t(title)}</h2>
            <div class="form-row">
                <TextField
                    id="time-date"
                    kind="date"
                    label=Signal::derive(|| t("time-field-date"))
                    value=date
                    problem=date_problem
                    required=true
                    disabled
                />
                <TextField
                    id="time-duration"
                    label=Signal::derive(|| t("time-field-duration"))
                    value=duration
                    problem=duration_problem
                    hint=Signal::derive(|| t("time-field-duration-hint"))
                    required=true
                    disabled
                />
            </div>
            <div class="form-row">
                <SelectField
                    id="time-client"
                    label=Signal::derive(|| t("time-field-client"))
                    value=client
                    choices=Signal::derive(move || choices::clients(&pickers.get()))
                    problem=no_problem
                    disabled
                />
                <SelectField
                    id="time-project"
                    label=Signal::derive(|| t("time-field-project"))
                    value=project
                    choices=Signal::derive(move || choices::projects(&pickers.get(), &client.get()))
                    problem=no_problem
                    disabled
                />
                <SelectField
                    id="time-service"
                    label=Signal::derive(|| t("time-field-service"))
                    value=service
                    choices=Signal::derive(move || choices::services(&pickers.get()))
                    problem=no_problem
                    disabled
                />
            </div>
            <TextField
                id="time-note"
                label=Signal::derive(|| t("time-field-note"))
                value=note
                problem=no_problem
                disabled
            />
            <CheckField
                id="time-billable"
                label=Signal::derive(|| t("time-field-billable"))
                value=billable
                disabled
            />
            {move || {
                refusal
                    .get()
                    .map(|e| view! { <p id="time-form-problem" class="field-problem" role="alert">{e.message}</p> })
            }}
            <div class="form-actions">
                <button
                    id="time-save"
                    type="submit"
                    class="button primary"
                    disabled=move || disabled.get() || busy.get()
                >
                    {move || t("time-save")}
                </button>
                <button id="time-cancel" type="button" class="button subtle" on:click=move |_| on_done.run(false)>
                    {move || t("common-cancel")}
                </button>
            </div>
        </form>
    }
}
