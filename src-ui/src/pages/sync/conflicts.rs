//! Conflicts side by side (`#sync-conflicts`): each `.sync-conflict[data-conflict=<id>]` names
//! the record and the field group, lists the fields that differ in a "Mine" column
//! (`.conflict-mine`) and a "FreshBooks" column (`.conflict-theirs`), names and values in
//! words, and offers one choice for the group: "Keep mine" (`.conflict-keep-mine`) or "Use
//! FreshBooks'" (`.conflict-take-freshbooks`). A choice takes the conflict off the list at once;
//! a refusal puts it back with why.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use ledgerline_model::ipc::{ConflictView, Pickers, ResolveArgs};
use ledgerline_model::outbox::Resolution;
use leptos::prelude::*;
use serde_json::Value;

use super::settling::{Item, Settling};
use super::words::{entity_key, field_words, group_words, label_words, same_value, value_words};
use crate::components::error_notice::error_sentence;
use crate::i18n::{fmt_relative, t, t_args};

/// The fields of a conflict that differ, in the order of the record's fields as stored (by
/// name); every field when none differs (the group still needs a choice).
pub fn differing(mine: &BTreeMap<String, Value>, theirs: &BTreeMap<String, Value>) -> Vec<String> {
    let mut names: Vec<&String> = mine.keys().chain(theirs.keys()).collect();
    names.sort();
    names.dedup();
    let value = |m: &BTreeMap<String, Value>, k: &String| m.get(k).cloned().unwrap_or(Value::Null);
    let differ: Vec<String> = names
        .iter()
        .filter(|k| !same_value(&value(mine, k), &value(theirs, k)))
        .map(|k| (*k).clone())
        .collect();
    if differ.is_empty() {
        names.into_iter().cloned().collect()
    } else {
        differ
    }
}

/// The list.
#[component]
pub fn ConflictList(
    #[prop(into)] conflicts: Signal<Vec<ConflictView>>,
    #[prop(into)] names: Signal<Pickers>,
    #[prop(into)] writable: Signal<bool>,
    settling: Settling,
    #[prop(into)] on_resolve: Callback<ResolveArgs>,
    #[prop(into)] now: Signal<DateTime<Utc>>,
) -> impl IntoView {
    let shown = move || {
        conflicts
            .get()
            .into_iter()
            .filter(|c| !settling.is_hidden(Item::Conflict(c.conflict.id)))
            .collect::<Vec<_>>()
    };
    view! {
        <div id="sync-conflicts" class="sync-conflicts">
            <For
                each=shown
                key=|c| c.conflict.id
                children=move |c| view! { <ConflictCard c names writable settling on_resolve now /> }
            />
        </div>
        <Show when=move || shown().is_empty()>
            <p class="muted empty">{move || t("sync-conflicts-none")}</p>
        </Show>
    }
}

#[component]
fn Side(
    class: &'static str,
    heading: &'static str,
    fields: Vec<String>,
    values: BTreeMap<String, Value>,
    #[prop(into)] names: Signal<Pickers>,
) -> impl IntoView {
    let rows = fields
        .into_iter()
        .map(|f| {
            let value = values.get(&f).cloned().unwrap_or(Value::Null);
            let field = f.clone();
            let words = move || names.with(|n| value_words(&field, &value, n));
            let name = f.clone();
            view! {
                <div class="conflict-field" data-field=f>
                    <dt class="conflict-name">{move || field_words(&name)}</dt>
                    <dd class="conflict-value">{words}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class=class>
            <h4>{move || t(heading)}</h4>
            <dl>{rows}</dl>
        </div>
    }
}

#[component]
fn ConflictCard(
    c: ConflictView,
    #[prop(into)] names: Signal<Pickers>,
    #[prop(into)] writable: Signal<bool>,
    settling: Settling,
    #[prop(into)] on_resolve: Callback<ResolveArgs>,
    #[prop(into)] now: Signal<DateTime<Utc>>,
) -> impl IntoView {
    let ConflictView { conflict, label } = c;
    let id = conflict.id;
    let entity = conflict.entity;
    let group = conflict.field_group.clone();
    let found = conflict.created_at;
    let fields = differing(&conflict.mine, &conflict.theirs);
    let choose = move |resolution| {
        settling.start(Item::Conflict(id));
        on_resolve.run(ResolveArgs {
            conflict: id,
            resolution,
        });
    };
    let heading = {
        let (label, group) = (label.clone(), group.clone());
        move || {
            t_args(
                "sync-conflict-heading",
                &[
                    ("record", label_words(&label).into()),
                    ("group", group_words(&group).into()),
                ],
            )
        }
    };
    let aria = move |key: &'static str| {
        let (label, group) = (label.clone(), group.clone());
        move || {
            t_args(
                key,
                &[
                    ("record", label_words(&label).into()),
                    ("group", group_words(&group).into()),
                ],
            )
        }
    };
    let described = move || (!writable.get()).then_some("sync-read-only-reason");
    let refusal = move || {
        settling.refusal(Item::Conflict(id)).map(|e| {
            view! { <p class="field-problem conflict-problem" role="alert">{error_sentence(&e)}</p> }
        })
    };
    view! {
        <article class="sync-conflict" data-conflict=id.to_string() data-group=conflict.field_group.clone()>
            <h3>{heading}</h3>
            <p class="muted">
                {move || t(entity_key(entity))}
                " · "
                {move || t_args("sync-conflict-found", &[("ago", fmt_relative(found, now.get()).into())])}
            </p>
            <div class="conflict-sides">
                <Side class="conflict-mine" heading="sync-mine" fields=fields.clone() values=conflict.mine.clone() names />
                <Side class="conflict-theirs" heading="sync-theirs" fields values=conflict.theirs.clone() names />
            </div>
            {refusal}
            <div class="conflict-actions">
                <button
                    type="button"
                    class="button conflict-keep-mine"
                    disabled=move || !writable.get()
                    aria-label=aria("sync-keep-mine-label")
                    aria-describedby=described
                    on:click=move |_| choose(Resolution::KeepMine)
                >
                    {move || t("sync-keep-mine")}
                </button>
                <button
                    type="button"
                    class="button conflict-take-freshbooks"
                    disabled=move || !writable.get()
                    aria-label=aria("sync-take-freshbooks-label")
                    aria-describedby=described
                    on:click=move |_| choose(Resolution::TakeFreshBooks)
                >
                    {move || t("sync-take-freshbooks")}
                </button>
            </div>
        </article>
    }
}
