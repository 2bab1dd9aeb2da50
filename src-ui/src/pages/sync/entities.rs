//! What was pulled when: one row per entity (`#sync-entities`, rows
//! `tr.sync-entity[data-entity=<snake name>]`) with its last sync, its records, and what stands
//! in its way: FreshBooks refusing it to this user, the last pull's error, a pull stopped part
//! way, records set aside.

use chrono::{DateTime, Utc};
use ledgerline_model::ipc::EntitySync;
use leptos::prelude::*;

use super::when::fmt_date_time;
use super::words::entity_key;
use crate::components::error_notice::error_sentence;
use crate::i18n::{fmt_relative, t, t_args};

/// The table.
#[component]
pub fn EntityTable(
    #[prop(into)] entities: Signal<Vec<EntitySync>>,
    #[prop(into)] now: Signal<DateTime<Utc>>,
) -> impl IntoView {
    view! {
        <table id="sync-entities" class="table sync-entities">
            <thead>
                <tr>
                    <th scope="col">{move || t("sync-column-what")}</th>
                    <th scope="col">{move || t("sync-column-last-synced")}</th>
                    <th scope="col" class="num">{move || t("sync-column-records")}</th>
                    <th scope="col">{move || t("sync-column-notes")}</th>
                </tr>
            </thead>
            <tbody>
                <For
                    each=move || entities.get()
                    key=|e| (e.entity, e.last_synced, e.records, e.quarantined, e.resumable, e.last_error.is_some(), e.unavailable.is_some())
                    children=move |e| view! { <EntityRow e now /> }
                />
            </tbody>
        </table>
    }
}

#[component]
fn EntityRow(e: EntitySync, #[prop(into)] now: Signal<DateTime<Utc>>) -> impl IntoView {
    let entity = e.entity;
    let last = e.last_synced.map(|at| {
        let exact = fmt_date_time(at);
        view! {
            <time datetime=at.to_rfc3339() title=exact>{move || fmt_relative(at, now.get())}</time>
        }
    });
    let records = e.records;
    let notes = {
        let mut notes = Vec::new();
        if let Some(reason) = &e.unavailable {
            let text = error_sentence(reason);
            notes.push(view! { <p class="sync-entity-unavailable">{text}</p> }.into_any());
        }
        if let Some(error) = &e.last_error {
            let text = error_sentence(error);
            notes.push(view! { <p class="sync-entity-error">{text}</p> }.into_any());
        }
        if let Some((done, total)) = e.resumable {
            notes.push(
                view! {
                    <p class="sync-entity-resumable muted">
                        {move || match total {
                            Some(total) => t_args("sync-resumable-of", &[("done", done.into()), ("total", total.into())]),
                            None => t_args("sync-resumable", &[("done", done.into())]),
                        }}
                    </p>
                }
                .into_any(),
            );
        }
        if e.quarantined > 0 {
            let n = e.quarantined;
            notes.push(
                view! {
                    <p class="sync-entity-quarantined">{move || t_args("sync-quarantined", &[("count", n.into())])}</p>
                }
                .into_any(),
            );
        }
        notes
    };
    let state_class = if e.unavailable.is_some() {
        "sync-entity unavailable"
    } else if e.last_error.is_some() || e.quarantined > 0 {
        "sync-entity has-problem"
    } else {
        "sync-entity"
    };
    view! {
        <tr class=state_class data-entity=entity.as_str()>
            <th scope="row">{move || t(entity_key(entity))}</th>
            <td class="sync-entity-last">
                {match last {
                    Some(last) => last.into_any(),
                    None => view! { <span class="muted">{move || t("sync-never")}</span> }.into_any(),
                }}
            </td>
            <td class="num sync-entity-records">{move || t_args("sync-count", &[("count", records.into())])}</td>
            <td class="sync-entity-notes">{notes}</td>
        </tr>
    }
}
