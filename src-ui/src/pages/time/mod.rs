//! Time: the timer, the entries (unbilled and billed) with filters and totals, and the form to
//! add or edit one. The URL's query sets the first filters (`?client=<id>&project=&service=
//! &member=&from=YYYY-MM-DD&to=&billed=unbilled|billed|all`), so Home's figures open the list
//! behind them.
//!
//! Stable ids (end-to-end tests): `#page-title`, `#new-time-entry`, `#time-filter-client`,
//! `#time-filter-project`, `#time-filter-service`, `#time-filter-member`, `#time-filter-from`,
//! `#time-filter-to`, `#time-filter-billed`, `#time-total-hours`, `#time-total-entries`,
//! `#time-total-billable`, `#time-list`, rows `#time-row-<id>` (`.time-duration`, `.time-client`,
//! `.badge-pending`, `.badge-conflict`, `.badge-billed`), the form `#time-form` (see
//! `entry_form`), the timer (see `timer`).

mod choices;
pub mod duration;
mod entry_form;
pub mod timer;

use chrono::NaiveDate;
use ledgerline_model::entity::TimeEntry;
use ledgerline_model::ids::{ClientId, IdentityId, ProjectId, ServiceId};
use ledgerline_model::ipc::Pickers;
use ledgerline_model::views::{BilledFilter, TimeList, TimeQuery, TimeRow};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use crate::components::badge::{Badge, BadgeKind};
use crate::components::field::{Choice, SelectField, TextField};
use crate::components::virtual_list::VirtualList;
use crate::i18n::{fmt_date, fmt_hours, t, t_args};
use crate::screens_api::{self, Latest, data_version};
use crate::state::use_state;
use duration::hm;
use entry_form::TimeEntryForm;
use timer::TimerPanel;

/// A row's height in pixels (as `.time-list .vl-row` draws it).
pub const ROW_HEIGHT: u32 = 48;
/// At most this many rows are fetched (the totals count every match).
const ROW_LIMIT: u32 = 5000;

/// What the form shows.
#[derive(Clone)]
enum Editing {
    None,
    New,
    Entry(TimeEntry),
}

fn billed_of(word: &str) -> &'static str {
    match word {
        "unbilled" => "unbilled",
        "billed" => "billed",
        _ => "all",
    }
}

/// The Time page.
#[component]
pub fn TimePage() -> impl IntoView {
    let state = use_state();
    let query = use_query_map();
    let first = query.get_untracked();
    let param = |name: &str| first.get(name).unwrap_or_default();
    let client = RwSignal::new(param("client"));
    let project = RwSignal::new(param("project"));
    let service = RwSignal::new(param("service"));
    let member = RwSignal::new(param("member"));
    let from = RwSignal::new(param("from"));
    let to = RwSignal::new(param("to"));
    let billed = RwSignal::new(billed_of(&param("billed")).to_owned());

    let pickers = RwSignal::new(Pickers::default());
    spawn_local(async move {
        if let Ok(p) = screens_api::pickers().await {
            pickers.set(p);
        }
    });

    let list = RwSignal::new(TimeList::default());
    let loaded = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let latest = Latest::new();
    let version = data_version(state);
    let reload = RwSignal::new(0_u32);
    Effect::new(move || {
        let day = |s: String| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
        let q = TimeQuery {
            client: client.get().parse().ok().map(ClientId),
            project: project.get().parse().ok().map(ProjectId),
            service: service.get().parse().ok().map(ServiceId),
            team_member: member.get().parse().ok().map(IdentityId),
            from: day(from.get()),
            to: day(to.get()),
            billed: match billed.get().as_str() {
                "unbilled" => BilledFilter::Unbilled,
                "billed" => BilledFilter::Billed,
                _ => BilledFilter::All,
            },
            limit: Some(ROW_LIMIT),
            offset: 0,
        };
        version.track();
        reload.track();
        let n = latest.next();
        spawn_local(async move {
            let answer = screens_api::time(q).await;
            if !latest.is_current(n) {
                return;
            }
            match answer {
                Ok(l) => {
                    list.set(l);
                    failed.set(None);
                }
                Err(e) => failed.set(Some(e.message)),
            }
            loaded.set(true);
        });
    });

    let writable = Signal::derive(move || state.session.writable());
    let editing = RwSignal::new(Editing::None);
    let open = Callback::new(move |row: TimeRow| {
        spawn_local(async move {
            match screens_api::time_entry(row.id).await {
                Ok(entry) => editing.set(Editing::Entry(entry)),
                Err(e) => state.notices.push(e, None),
            }
        });
    });
    let done = Callback::new(move |saved: bool| {
        editing.set(Editing::None);
        if saved {
            reload.update(|n| *n += 1);
        }
    });
    let no_problem = Signal::derive(|| None::<String>);
    let billed_choices = Signal::derive(|| {
        [
            ("all", "time-billed-all"),
            ("unbilled", "time-billed-unbilled"),
            ("billed", "time-billed-billed"),
        ]
        .into_iter()
        .map(|(value, key)| Choice {
            value: value.to_owned(),
            label: t(key),
        })
        .collect::<Vec<_>>()
    });
    let totals = move || list.with(|l| l.totals);
    view! {
        <section class="page time-page">
            <div class="page-head">
                <h1 id="page-title">{move || t("time-title")}</h1>
                <button
                    id="new-time-entry"
                    type="button"
                    class="button primary"
                    disabled=move || !writable.get()
                    aria-describedby=move || (!writable.get()).then_some("time-read-only-reason")
                    aria-keyshortcuts="T"
                    on:click=move |_| editing.set(Editing::New)
                >
                    {move || t("time-new")}
                </button>
            </div>
            <Show when=move || !writable.get()>
                <p id="time-read-only-reason" class="reason">{move || t("time-read-only")}</p>
            </Show>
            <TimerPanel pickers writable on_stopped=move |()| reload.update(|n| *n += 1) />
            {move || match editing.get() {
                Editing::None => None,
                Editing::New => Some(view! { <TimeEntryForm entry=None pickers writable on_done=done /> }),
                Editing::Entry(e) => Some(view! { <TimeEntryForm entry=Some(e) pickers writable on_done=done /> }),
            }}
            <div class="list-tools time-filters" role="group" aria-label=move || t("time-filters")>
                <SelectField
                    id="time-filter-client"
                    label=Signal::derive(|| t("time-field-client"))
                    value=client
                    choices=Signal::derive(move || choices::filter(choices::clients(&pickers.get())))
                    problem=no_problem
                />
                <SelectField
                    id="time-filter-project"
                    label=Signal::derive(|| t("time-field-project"))
                    value=project
                    choices=Signal::derive(move || choices::filter(choices::projects(&pickers.get(), &client.get())))
                    problem=no_problem
                />
                <SelectField
                    id="time-filter-service"
                    label=Signal::derive(|| t("time-field-service"))
                    value=service
                    choices=Signal::derive(move || choices::filter(choices::services(&pickers.get())))
                    problem=no_problem
                />
                <SelectField
                    id="time-filter-member"
                    label=Signal::derive(|| t("time-field-member"))
                    value=member
                    choices=Signal::derive(move || choices::team_members(&pickers.get()))
                    problem=no_problem
                />
                <TextField id="time-filter-from" kind="date" label=Signal::derive(|| t("time-filter-from")) value=from problem=no_problem />
                <TextField id="time-filter-to" kind="date" label=Signal::derive(|| t("time-filter-to")) value=to problem=no_problem />
                <SelectField
                    id="time-filter-billed"
                    label=Signal::derive(|| t("time-filter-billed"))
                    value=billed
                    choices=billed_choices
                    problem=no_problem
                />
            </div>
            <dl class="totals" aria-live="polite">
                <div>
                    <dt>{move || t("time-total-hours")}</dt>
                    <dd id="time-total-hours">{move || fmt_hours(totals().seconds)}</dd>
                </div>
                <div>
                    <dt>{move || t("time-total-billable")}</dt>
                    <dd id="time-total-billable">{move || fmt_hours(totals().billable_seconds)}</dd>
                </div>
                <div>
                    <dt>{move || t("time-total-entries")}</dt>
                    <dd id="time-total-entries">
                        {move || t_args("time-entries-count", &[("count", i64::from(totals().entries).into())])}
                    </dd>
                </div>
            </dl>
            {move || failed.get().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
            <Show when=move || list.with(|l| u64::try_from(l.rows.len()).unwrap_or(0) < u64::from(l.totals.entries))>
                <p class="muted">{move || t_args("time-showing-first", &[("count", i64::from(ROW_LIMIT).into())])}</p>
            </Show>
            <div class="list-header time-columns" aria-hidden="true">
                <span>{move || t("time-column-date")}</span>
                <span class="num">{move || t("time-column-duration")}</span>
                <span>{move || t("time-column-what")}</span>
                <span>{move || t("time-column-note")}</span>
            </div>
            <VirtualList
                id="time-list"
                label=Signal::derive(move || t("time-list-label"))
                items=Signal::derive(move || list.with(|l| l.rows.clone()))
                row_height=ROW_HEIGHT
                key=|row: &TimeRow| row.id
                row_id=|row: &TimeRow| format!("time-row-{}", row.id)
                row=time_row
                on_open=open
            />
            <Show when=move || loaded.get() && list.with(|l| l.rows.is_empty())>
                <p class="muted empty">{move || t("time-none")}</p>
            </Show>
        </section>
    }
}

/// One row's content.
fn time_row(row: TimeRow) -> impl IntoView {
    let day = row.started_at.map(|s| s.date_naive());
    let what = [
        row.client_name.clone(),
        row.project_name.clone(),
        row.service_name.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <div class="time-columns">
            <span class="time-date">{move || day.map(fmt_date).unwrap_or_default()}</span>
            <span class="time-duration num">{hm(row.duration_seconds)}</span>
            <span class="time-client">{what}</span>
            <span class="time-note">
                {row.note.unwrap_or_default()}
                {row.team_member_name.map(|n| view! { <span class="muted time-member">{n}</span> })}
            </span>
            <span class="time-badges">
                {row.billed.then(|| view! { <Badge kind=BadgeKind::Billed text=Signal::derive(|| t("time-badge-billed")) /> })}
                {(!row.billable && !row.billed)
                    .then(|| view! { <span class="muted">{move || t("time-not-billable")}</span> })}
                {row.pending.then(|| view! { <Badge kind=BadgeKind::Pending text=Signal::derive(|| t("clients-badge-pending")) /> })}
                {row.conflict.then(|| view! { <Badge kind=BadgeKind::Conflict text=Signal::derive(|| t("clients-badge-conflict")) /> })}
            </span>
        </div>
    }
}
