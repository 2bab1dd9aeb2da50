//! The client list: instant search through the core's full-text index (each keystroke asks again
//! after a short pause; an answer overtaken by a newer one is dropped), sort, the archived and
//! deleted ones on request, what each owes per currency, and badges for changes not yet sent and
//! conflicts. Thousands of rows stay smooth: only those in view are drawn (`VirtualList`).
//!
//! The URL's query sets the first view: `?sort=name|outstanding|recent`, `&archived=1`,
//! `&deleted=1`, `&q=words`.
//!
//! Stable ids (end-to-end tests): `#page-title`, `#new-client` (disabled with `#new-client-reason`
//! when the role is read-only), `#client-search`, `#client-sort`, `#client-filter-archived`,
//! `#client-filter-deleted`, `#client-count`, `#client-list`, rows `#client-row-<id>` holding
//! `.client-name`, `.client-outstanding`, `.badge-pending`, `.badge-conflict`,
//! `.badge-archived`, `.badge-deleted`; the undo notice's `#undo`.

use ledgerline_model::entity::VisState;
use ledgerline_model::views::{ClientQuery, ClientRow, ClientSort};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::undo::UndoNotice;
use crate::components::badge::{Badge, BadgeKind};
use crate::components::virtual_list::VirtualList;
use crate::i18n::{fmt_money, t, t_args};
use crate::screens_api::{self, Latest, data_version};
use crate::state::use_state;

/// A row's height in pixels (as `.client-list .vl-row` draws it).
pub const ROW_HEIGHT: u32 = 48;
/// The pause after a keystroke before the list is asked again, in milliseconds.
const SEARCH_PAUSE_MS: u64 = 120;

fn sort_of(word: &str) -> ClientSort {
    match word {
        "outstanding" => ClientSort::Outstanding,
        "recent" => ClientSort::RecentlyChanged,
        _ => ClientSort::Name,
    }
}

fn sort_word(sort: ClientSort) -> &'static str {
    match sort {
        ClientSort::Name => "name",
        ClientSort::Outstanding => "outstanding",
        ClientSort::RecentlyChanged => "recent",
    }
}

/// The Clients page.
#[component]
pub fn ClientList() -> impl IntoView {
    let state = use_state();
    let query = use_query_map();
    let navigate = use_navigate();
    let first = query.get_untracked();
    let flag = |name: &str| first.get(name).is_some_and(|v| v == "1" || v == "true");
    let search = RwSignal::new(first.get("q").unwrap_or_default());
    let sort = RwSignal::new(sort_of(first.get("sort").as_deref().unwrap_or("name")));
    let archived = RwSignal::new(flag("archived"));
    let deleted = RwSignal::new(flag("deleted"));

    // The search words as last asked (after the pause), so a keystroke alone redraws nothing.
    let asked = RwSignal::new(search.get_untracked());
    let pause = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
    let on_search = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        search.set(text.clone());
        if let Some(handle) = pause.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || asked.set(text),
            std::time::Duration::from_millis(SEARCH_PAUSE_MS),
        )
        .ok();
        pause.set_value(handle);
    };

    let rows = RwSignal::new(Vec::<ClientRow>::new());
    let loaded = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    let latest = Latest::new();
    let version = data_version(state);
    let reload = RwSignal::new(0_u32);
    Effect::new(move || {
        let words = asked.get();
        let q = ClientQuery {
            active: true,
            archived: archived.get(),
            deleted: deleted.get(),
            search: (!words.trim().is_empty()).then(|| words.trim().to_owned()),
            sort: sort.get(),
        };
        version.track();
        reload.track();
        let n = latest.next();
        spawn_local(async move {
            let answer = screens_api::clients(q).await;
            if !latest.is_current(n) {
                return;
            }
            match answer {
                Ok(list) => {
                    rows.set(list);
                    failed.set(None);
                }
                Err(e) => failed.set(Some(e.message)),
            }
            loaded.set(true);
        });
    });

    let writable = move || state.session.writable();
    let open = {
        let navigate = navigate.clone();
        Callback::new(move |row: ClientRow| {
            navigate(&format!("/clients/{}", row.id), Default::default())
        })
    };
    let new_client = move |_| navigate("/clients/new", Default::default());
    let count = move || t_args("clients-count", &[("count", rows.with(Vec::len).into())]);
    view! {
        <section class="page clients-page">
            <div class="page-head">
                <h1 id="page-title">{move || t("clients-title")}</h1>
                <button
                    id="new-client"
                    type="button"
                    class="button primary"
                    disabled=move || !writable()
                    aria-describedby=move || (!writable()).then_some("new-client-reason")
                    aria-keyshortcuts="N"
                    on:click=new_client
                >
                    {move || t("clients-new")}
                </button>
            </div>
            <Show when=move || !writable()>
                <p id="new-client-reason" class="reason">{move || t("clients-read-only")}</p>
            </Show>
            <UndoNotice on_changed=move |()| reload.update(|n| *n += 1) />
            <div class="list-tools" role="search">
                <label for="client-search" class="visually-hidden">{move || t("clients-search")}</label>
                <input
                    id="client-search"
                    type="search"
                    class="input search"
                    autocomplete="off"
                    placeholder=move || t("clients-search-placeholder")
                    prop:value=move || search.get()
                    on:input=on_search
                />
                <label for="client-sort" class="inline-label">{move || t("clients-sort")}</label>
                <select
                    id="client-sort"
                    class="input"
                    on:change=move |ev| sort.set(sort_of(&event_target_value(&ev)))
                >
                    {[
                        (ClientSort::Name, "clients-sort-name"),
                        (ClientSort::Outstanding, "clients-sort-outstanding"),
                        (ClientSort::RecentlyChanged, "clients-sort-recent"),
                    ]
                        .into_iter()
                        .map(|(s, key)| {
                            view! {
                                <option value=sort_word(s) selected=move || sort.get() == s>
                                    {move || t(key)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <label class="check">
                    <input
                        id="client-filter-archived"
                        type="checkbox"
                        prop:checked=move || archived.get()
                        on:change=move |ev| archived.set(event_target_checked(&ev))
                    />
                    {move || t("clients-filter-archived")}
                </label>
                <label class="check">
                    <input
                        id="client-filter-deleted"
                        type="checkbox"
                        prop:checked=move || deleted.get()
                        on:change=move |ev| deleted.set(event_target_checked(&ev))
                    />
                    {move || t("clients-filter-deleted")}
                </label>
            </div>
            <p id="client-count" class="muted" aria-live="polite">
                {move || if loaded.get() { count() } else { t("common-loading") }}
            </p>
            {move || failed.get().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
            <div class="list-header client-columns" aria-hidden="true">
                <span>{move || t("clients-column-name")}</span>
                <span class="num">{move || t("clients-column-outstanding")}</span>
            </div>
            <VirtualList
                id="client-list"
                label=Signal::derive(move || t("clients-list-label"))
                items=Signal::derive(move || rows.get())
                row_height=ROW_HEIGHT
                key=|row: &ClientRow| row.id
                row_id=|row: &ClientRow| format!("client-row-{}", row.id)
                row=client_row
                on_open=open
            />
            <Show when=move || loaded.get() && rows.with(Vec::is_empty)>
                <p class="muted empty">
                    {move || {
                        if asked.with(|q| q.trim().is_empty()) {
                            t("clients-none")
                        } else {
                            t("clients-none-found")
                        }
                    }}
                </p>
            </Show>
        </section>
    }
}

/// One row's content.
fn client_row(row: ClientRow) -> impl IntoView {
    let outstanding = row.outstanding.clone();
    let state_badge = match row.vis_state {
        VisState::Archived | VisState::Unknown(_) => {
            Some((BadgeKind::Archived, "clients-badge-archived"))
        }
        VisState::Deleted => Some((BadgeKind::Deleted, "clients-badge-deleted")),
        VisState::Active => None,
    };
    view! {
        <div class="client-columns">
            <div class="client-who">
                <span class="client-name">{row.name}</span>
                {row.email.map(|e| view! { <span class="client-email muted">{e}</span> })}
            </div>
            <div class="client-badges">
                {row
                    .pending
                    .then(|| {
                        view! {
                            <Badge
                                kind=BadgeKind::Pending
                                text=Signal::derive(|| t("clients-badge-pending"))
                                title=Signal::derive(|| t("clients-badge-pending-title"))
                            />
                        }
                    })}
                {row
                    .conflict
                    .then(|| {
                        view! {
                            <Badge
                                kind=BadgeKind::Conflict
                                text=Signal::derive(|| t("clients-badge-conflict"))
                                title=Signal::derive(|| t("clients-badge-conflict-title"))
                            />
                        }
                    })}
                {state_badge.map(|(kind, key)| view! { <Badge kind text=Signal::derive(move || t(key)) /> })}
            </div>
            <div class="client-outstanding num">
                {move || {
                    outstanding
                        .iter()
                        .map(|m| view! { <span class="money">{fmt_money(m)}</span> })
                        .collect_view()
                }}
            </div>
        </div>
    }
}
