//! The changes waiting to be sent (`#sync-pending`, oldest first) and those FreshBooks refused
//! or whose fate is in doubt (`#sync-refused`): rows `.sync-change[data-seq]` with what the
//! change does and to which record, where it stands, why it was refused (`.sync-change-error`)
//! and what to do: "Undo" (`.sync-undo`, enabled only where it is still safe and the role may
//! write) and, for a refused change, "Edit" (`.sync-edit`) to the record's screen.

use chrono::{DateTime, Utc};
use ledgerline_model::ipc::{ChangeView, UndoBlocked};
use ledgerline_model::outbox::OpState;
use leptos::prelude::*;

use super::settling::{Item, Settling};
use super::words::{entity_key, label_words, op_key, record_path, state_key};
use crate::components::error_notice::error_sentence;
use crate::i18n::{Arg, fmt_relative, t, t_args};

/// Which list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Waiting to be sent.
    Pending,
    /// Refused, or in doubt.
    Refused,
}

/// One list of changes.
#[component]
pub fn ChangeList(
    /// Which list (its id and columns).
    which: Which,
    /// Its changes, in the shell's order.
    #[prop(into)]
    changes: Signal<Vec<ChangeView>>,
    /// Whether the role may write.
    #[prop(into)]
    writable: Signal<bool>,
    /// Choices under way.
    settling: Settling,
    /// "Undo" on a change (its number).
    #[prop(into)]
    on_undo: Callback<i64>,
    /// The clock.
    #[prop(into)]
    now: Signal<DateTime<Utc>>,
) -> impl IntoView {
    let id = match which {
        Which::Pending => "sync-pending",
        Which::Refused => "sync-refused",
    };
    let shown = move || {
        changes
            .get()
            .into_iter()
            .filter(|c| !settling.is_hidden(Item::Change(c.seq)))
            .collect::<Vec<_>>()
    };
    let empty_key = match which {
        Which::Pending => "sync-pending-none",
        Which::Refused => "sync-refused-none",
    };
    view! {
        <table id=id class="table sync-changes">
            <thead>
                <tr>
                    <th scope="col">{move || t("sync-column-change")}</th>
                    <th scope="col">{move || t("sync-column-made")}</th>
                    <th scope="col">{move || t("sync-column-state")}</th>
                    <th scope="col">
                        <span class="visually-hidden">{move || t("sync-column-actions")}</span>
                    </th>
                </tr>
            </thead>
            <tbody>
                <For
                    each=shown
                    key=|c| (c.seq, c.state, c.can_undo, c.undo_blocked, c.attempts, c.error.clone().map(|e| e.message))
                    children=move |c| view! { <ChangeRow c which writable settling on_undo now /> }
                />
            </tbody>
        </table>
        <Show when=move || shown().is_empty()>
            <p class="muted empty">{move || t(empty_key)}</p>
        </Show>
    }
}

/// Why "Undo" cannot be used on a change the role may edit, in the current locale: the core's
/// reason, else (an older shell) what the change's state tells.
pub fn no_undo_sentence(blocked: Option<UndoBlocked>, state: OpState) -> String {
    match blocked {
        Some(UndoBlocked::BilledByDraft { draft_seq }) => t_args(
            "sync-no-undo-billed-by-draft",
            &[("draft", Arg::Text(draft_seq.to_string()))],
        ),
        Some(UndoBlocked::PartlySent) => t("sync-no-undo-partly-sent"),
        Some(UndoBlocked::Sending) => t("sync-no-undo-sending"),
        Some(UndoBlocked::InDoubt) => t("sync-no-undo-unknown"),
        Some(UndoBlocked::Sent) => t("sync-no-undo-sent"),
        None => match state {
            OpState::Sending => t("sync-no-undo-sending"),
            OpState::Unknown => t("sync-no-undo-unknown"),
            _ => t("sync-no-undo-sent"),
        },
    }
}

/// What to do about a refused (or doubtful) change (a catalog key).
fn what_to_do_key(state: OpState, editable: bool) -> &'static str {
    match (state, editable) {
        (OpState::Unknown, _) => "sync-refused-todo-unknown",
        (_, true) => "sync-refused-todo-edit",
        (_, false) => "sync-refused-todo-undo",
    }
}

#[component]
fn ChangeRow(
    c: ChangeView,
    which: Which,
    #[prop(into)] writable: Signal<bool>,
    settling: Settling,
    #[prop(into)] on_undo: Callback<i64>,
    #[prop(into)] now: Signal<DateTime<Utc>>,
) -> impl IntoView {
    let seq = c.seq;
    let (kind, entity, state, blocked) = (c.kind, c.entity, c.state, c.undo_blocked);
    let can_undo = c.can_undo && blocked.is_none();
    let made = c.created_at;
    let label = c.label.clone();
    let edit = (which == Which::Refused)
        .then(|| record_path(entity, c.record))
        .flatten();
    let reason_id = format!("sync-change-{seq}-reason");
    let error = c.error.clone().map(|e| {
        let class = if which == Which::Refused {
            "sync-change-error"
        } else {
            "sync-change-note muted"
        };
        view! { <p class=class>{move || error_sentence(&e)}</p> }
    });
    let todo = (which == Which::Refused).then(|| {
        let key = what_to_do_key(state, edit.is_some());
        view! { <p class="sync-change-todo muted">{move || t(key)}</p> }
    });
    let no_undo = (!can_undo).then(|| {
        let id = reason_id.clone();
        view! { <p id=id class="reason sync-no-undo">{move || no_undo_sentence(blocked, state)}</p> }
    });
    let described = move || {
        if !can_undo {
            Some(reason_id.clone())
        } else if !writable.get() {
            Some("sync-read-only-reason".to_owned())
        } else {
            None
        }
    };
    let refusal = move || {
        settling
            .refusal(Item::Change(seq))
            .map(|e| view! { <p class="field-problem sync-undo-problem" role="alert">{error_sentence(&e)}</p> })
    };
    let edit_link = edit.map(|href| {
        view! {
            <a class="button small sync-edit" href=href>
                {move || t("sync-edit")}
            </a>
        }
    });
    let undo_label = {
        let label = label.clone();
        move || format!("{} — {}", t("sync-undo"), label_words(&label))
    };
    view! {
        <tr class="sync-change" data-seq=seq.to_string() data-state=state.as_str()>
            <td>
                <span class="sync-change-kind">{move || t(op_key(kind))}</span>
                " "
                <span class="sync-change-label">{move || label_words(&label)}</span>
                <span class="muted sync-change-entity">{move || t(entity_key(entity))}</span>
                {error}
                {todo}
                {refusal}
            </td>
            <td class="sync-change-made">
                <time datetime=made.to_rfc3339()>{move || fmt_relative(made, now.get())}</time>
            </td>
            <td class="sync-change-state">
                {move || t(state_key(state))}
                {no_undo}
            </td>
            <td class="sync-change-actions">
                <button
                    type="button"
                    class="button small sync-undo"
                    disabled=move || !can_undo || !writable.get()
                    aria-label=undo_label
                    aria-describedby=described
                    on:click=move |_| {
                        settling.start(Item::Change(seq));
                        on_undo.run(seq);
                    }
                >
                    {move || t("sync-undo")}
                </button>
                {edit_link}
            </td>
        </tr>
    }
}
