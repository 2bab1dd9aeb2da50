//! The wizard's first steps: the client (only those with unbilled time), the date range, the
//! projects, then the client's unbilled entries (every team member's) with a box each and their
//! totals.
//!
//! Ids: `#draft-client`, `#draft-from`, `#draft-to`, `#draft-projects` (`input.draft-project`),
//! `#draft-entries` (rows `tr.draft-entry[data-entry]`, `input.draft-entry-include`,
//! `.draft-entry-member`, class `non-billable`), `#draft-entries-total`,
//! `#draft-include-non-billable`.

use ledgerline_model::ids::ProjectId;
use ledgerline_model::ipc::{DraftingSetup, UnbilledEntry};
use leptos::prelude::*;

use super::form::WizardForm;
use crate::components::field::TextField;
use crate::i18n::{fmt_date, fmt_hours, t, t_args};

/// The client, the dates and the projects.
#[component]
pub fn ClientStep(
    #[prop(into)] setup: Signal<Option<DraftingSetup>>,
    form: WizardForm,
) -> impl IntoView {
    let no_problem = Signal::derive(|| None::<String>);
    let clients = move || setup.with(|s| s.as_ref().map(|s| s.clients.clone()).unwrap_or_default());
    let projects =
        move || setup.with(|s| s.as_ref().map(|s| s.projects.clone()).unwrap_or_default());
    view! {
        <fieldset class="form-group draft-step" id="draft-step-client">
            <legend>{move || t("drafting-step-client")}</legend>
            <div class="form-row">
                <div class="field">
                    <label for="draft-client">{move || t("drafting-client")}</label>
                    <select
                        id="draft-client"
                        class="input"
                        prop:value=move || form.client.get()
                        on:change=move |ev| form.pick_client(event_target_value(&ev))
                    >
                        <option value="" selected=move || form.client.with(String::is_empty)>
                            {move || t("drafting-client-choose")}
                        </option>
                        {move || {
                            let current = form.client.get();
                            clients()
                                .into_iter()
                                .map(|c| {
                                    let value = c.id.get().to_string();
                                    let selected = value == current;
                                    let label = t_args(
                                        "drafting-client-option",
                                        &[
                                            ("name", c.name.into()),
                                            ("hours", fmt_hours(c.seconds).into()),
                                        ],
                                    );
                                    view! { <option value=value selected=selected>{label}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <TextField id="draft-from" kind="date" label=Signal::derive(|| t("drafting-from")) value=form.from problem=no_problem />
                <TextField id="draft-to" kind="date" label=Signal::derive(|| t("drafting-to")) value=form.to problem=no_problem />
            </div>
            <Show when=move || !projects().is_empty()>
                <div id="draft-projects" class="draft-projects" role="group" aria-label=move || t("drafting-projects")>
                    <span class="inline-label">{move || t("drafting-projects")}</span>
                    {move || projects().into_iter().map(|(id, title, seconds)| project_box(form, id, title, seconds)).collect_view()}
                    <span class="field-hint">{move || t("drafting-projects-hint")}</span>
                </div>
            </Show>
        </fieldset>
    }
}

fn project_box(form: WizardForm, id: ProjectId, title: String, seconds: i64) -> impl IntoView {
    let dom_id = format!("draft-project-{}", id.get());
    let label_for = dom_id.clone();
    view! {
        <label class="check draft-project-choice" for=label_for>
            <input
                id=dom_id
                type="checkbox"
                class="draft-project"
                value=id.get().to_string()
                prop:checked=move || form.projects.with(|p| p.contains(&id))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    form.projects.update(|p| {
                        p.retain(|x| *x != id);
                        if on {
                            p.push(id);
                        }
                    });
                    form.excluded.update(std::collections::BTreeSet::clear);
                }
            />
            {title}
            " "
            <span class="muted">{fmt_hours(seconds)}</span>
        </label>
    }
}

/// The unbilled entries with their boxes and totals.
#[component]
pub fn EntriesStep(
    #[prop(into)] setup: Signal<Option<DraftingSetup>>,
    form: WizardForm,
) -> impl IntoView {
    let entries = Memo::new(move |_| {
        setup.with(|s| s.as_ref().map(|s| s.entries.clone()).unwrap_or_default())
    });
    let ticked = move || {
        entries.with(|list| {
            let on: Vec<&UnbilledEntry> = list.iter().filter(|e| form.includes(e)).collect();
            (on.len(), on.iter().map(|e| e.duration_seconds).sum::<i64>())
        })
    };
    let any_non_billable = move || entries.with(|l| l.iter().any(|e| !e.billable));
    view! {
        <fieldset class="form-group draft-step" id="draft-step-entries">
            <legend>{move || t("drafting-step-entries")}</legend>
            <Show
                when=move || !entries.with(Vec::is_empty)
                fallback=move || view! { <p class="muted empty">{move || t("drafting-no-entries")}</p> }
            >
                <div class="draft-entries-scroll">
                    <table id="draft-entries" class="table draft-entries">
                        <thead>
                            <tr>
                                <th scope="col">
                                    <span class="visually-hidden">{move || t("drafting-entry-include")}</span>
                                </th>
                                <th scope="col">{move || t("drafting-entry-date")}</th>
                                <th scope="col">{move || t("drafting-entry-member")}</th>
                                <th scope="col">{move || t("drafting-entry-what")}</th>
                                <th scope="col">{move || t("drafting-entry-note")}</th>
                                <th scope="col" class="num">{move || t("drafting-entry-hours")}</th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || entries.get()
                                key=|e| e.id
                                children=move |e| entry_row(form, e, entries)
                            />
                        </tbody>
                    </table>
                </div>
            </Show>
            <p id="draft-entries-total" class="draft-entries-total" aria-live="polite">
                {move || {
                    let (count, seconds) = ticked();
                    t_args(
                        "drafting-entries-total",
                        &[
                            ("count", count.into()),
                            ("all", entries.with(Vec::len).into()),
                            ("hours", fmt_hours(seconds).into()),
                        ],
                    )
                }}
            </p>
            <Show when=any_non_billable>
                <div class="field field-check">
                    <input
                        id="draft-include-non-billable"
                        type="checkbox"
                        prop:checked=move || form.include_non_billable.get()
                        on:change=move |ev| form.include_non_billable.set(event_target_checked(&ev))
                    />
                    <label for="draft-include-non-billable">{move || t("drafting-include-non-billable")}</label>
                </div>
            </Show>
        </fieldset>
    }
}

fn entry_row(
    form: WizardForm,
    entry: UnbilledEntry,
    all: Memo<Vec<UnbilledEntry>>,
) -> impl IntoView {
    let id = entry.id.get();
    let box_id = format!("draft-entry-{id}");
    let member = match (&entry.member_name, entry.mine, entry.member) {
        (Some(name), _, _) => name.clone(),
        (None, true, _) => t("drafting-member-you"),
        (None, false, Some(m)) => {
            t_args("drafting-member-id", &[("id", m.get().to_string().into())])
        }
        (None, false, None) => String::new(),
    };
    let what = [entry.project_name.clone(), entry.service_name.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let day = entry.started_at.date_naive();
    let billable = entry.billable;
    let in_doubt = entry.in_doubt;
    let seconds = entry.duration_seconds;
    let note = entry.note.clone().unwrap_or_default();
    let this = entry.clone();
    let shown = entry.clone();
    view! {
        <tr
            class="draft-entry"
            class:non-billable=!billable
            class:in-doubt=in_doubt
            class:excluded=move || !form.includes(&shown)
            data-entry=id.to_string()
        >
            <td>
                <input
                    id=box_id.clone()
                    type="checkbox"
                    class="draft-entry-include"
                    disabled=in_doubt
                    prop:checked=move || form.includes(&entry)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        all.with_untracked(|list| form.tick(&this, on, list));
                    }
                />
            </td>
            <td><label for=box_id>{move || fmt_date(day)}</label></td>
            <td class="draft-entry-member">{member}</td>
            <td>{what}</td>
            <td class="draft-entry-note">
                {note}
                {(!billable).then(|| view! { <span class="badge badge-billed">{move || t("drafting-not-billable")}</span> })}
                {in_doubt.then(|| view! { <span class="badge badge-pending">{move || t("drafting-in-doubt")}</span> })}
            </td>
            <td class="num">{move || fmt_hours(seconds)}</td>
        </tr>
    }
}
