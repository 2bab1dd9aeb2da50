//! A client's page: the form to create one (`/clients/new`) or edit one (`/clients/<id>`), and
//! archive, restore and delete as their own actions, each queued (offline too) with an "Undo".
//! A read-only role sees the fields and the actions disabled, with the reason.
//!
//! Stable ids (end-to-end tests): `#page-title`, `#client-form` and its fields
//! (`#client-organization`, `#client-first-name`, `#client-last-name`, `#client-email`,
//! `#client-currency` …, each problem `#<field>-problem`), `#client-save`, `#client-archive`,
//! `#client-restore`, `#client-delete`, `#client-state`, `#client-read-only-reason`, `#undo`.

use ledgerline_model::entity::{Client, VisState};
use ledgerline_model::error::{ErrorCode, ErrorPayload};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::form::{ClientForm, Submitted, Values, field_of};
use super::undo::{Done, UndoNotice, use_undo};
use crate::i18n::t;
use crate::screens_api;
use crate::state::use_state;

/// The page for a new client or an existing one (by the route's `:id`).
#[component]
pub fn ClientEdit() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|s| s.parse::<i64>().ok())
    });
    move || match id.get() {
        Some(id) => view! { <ExistingClient id /> }.into_any(),
        None => view! { <NewClientPage /> }.into_any(),
    }
}

/// Where a refusal goes: next to its field when it names one, else among the notices.
fn land_refusal(error: ErrorPayload, refusal: RwSignal<Option<ErrorPayload>>) {
    if field_of(&error).is_some() {
        refusal.set(Some(error));
    } else {
        refusal.set(None);
        use_state().notices.push(error, None);
    }
}

#[component]
fn NewClientPage() -> impl IntoView {
    let state = use_state();
    let navigate = use_navigate();
    let undo = use_undo();
    let busy = RwSignal::new(false);
    let refusal = RwSignal::new(None::<ErrorPayload>);
    let notices = state.notices;
    let save = move |submitted: Submitted| {
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let answer = screens_api::create_client(submitted.values.new_client()).await;
            busy.set(false);
            match answer {
                Ok(receipt) => {
                    undo.offer(Done::Created, receipt);
                    navigate("/clients", Default::default());
                }
                Err(error) if field_of(&error).is_some() => refusal.set(Some(error)),
                Err(error) => notices.push(error, None),
            }
        });
    };
    view! {
        <section class="page client-page">
            <div class="page-head">
                <h1 id="page-title">{move || t("clients-new-title")}</h1>
                <a class="button subtle" href="/clients">{move || t("common-back")}</a>
            </div>
            <ReadOnlyReason />
            <p class="muted">{move || t("clients-offline-note")}</p>
            <ClientForm
                initial=Values::default()
                writable=Signal::derive(move || state.session.writable())
                busy
                on_save=save
                refusal
            />
        </section>
    }
}

#[component]
fn ReadOnlyReason() -> impl IntoView {
    let state = use_state();
    view! {
        <Show when=move || !state.session.writable()>
            <p id="client-read-only-reason" class="reason">{move || t("clients-read-only")}</p>
        </Show>
    }
}

#[component]
fn ExistingClient(id: i64) -> impl IntoView {
    let navigate = use_navigate();
    let reload = RwSignal::new(0_u32);
    let client = LocalResource::new(move || {
        reload.track();
        screens_api::client(id)
    });
    view! {
        <section class="page client-page">
            <Suspense fallback=move || view! { <p class="muted">{move || t("common-loading")}</p> }>
                {move || {
                    client
                        .get()
                        .map(|answer| match answer {
                            Ok(c) => {
                                let navigate = navigate.clone();
                                view! {
                                    <Loaded
                                        client=c
                                        on_saved=Callback::new(move |()| {
                                            navigate("/clients", Default::default())
                                        })
                                        on_changed=Callback::new(move |()| reload.update(|n| *n += 1))
                                    />
                                }
                                    .into_any()
                            }
                            Err(error) => {
                                let missing = matches!(error.code, ErrorCode::RecordNotFound { .. });
                                view! {
                                    <h1 id="page-title">{move || t("clients-title")}</h1>
                                    <p class="notice notice-error" role="alert">
                                        {if missing { t("clients-not-found") } else { error.message }}
                                    </p>
                                    <a class="button" href="/clients">{move || t("common-back")}</a>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
        </section>
    }
}

#[component]
fn Loaded(client: Client, on_saved: Callback<()>, on_changed: Callback<()>) -> impl IntoView {
    let state = use_state();
    let undo = use_undo();
    let notices = state.notices;
    let writable = Signal::derive(move || state.session.writable());
    let busy = RwSignal::new(false);
    let refusal = RwSignal::new(None::<ErrorPayload>);
    let vis = RwSignal::new(client.vis_state);
    let before = Values::of(&client);
    let id = client.id.get();
    let name = client.display_name();
    let save = {
        let before = before.clone();
        move |submitted: Submitted| {
            let Some(changes) = submitted.values.update_from(&before) else {
                on_saved.run(());
                return;
            };
            busy.set(true);
            spawn_local(async move {
                let answer = screens_api::update_client(id, changes).await;
                busy.set(false);
                match answer {
                    Ok(receipt) => {
                        undo.offer(Done::Edited, receipt);
                        on_saved.run(());
                    }
                    Err(error) => land_refusal(error, refusal),
                }
            });
        }
    };
    let set_vis = move |to: VisState| {
        let from = vis.get_untracked();
        busy.set(true);
        spawn_local(async move {
            let answer = screens_api::set_client_visibility(id, to).await;
            busy.set(false);
            match answer {
                Ok(receipt) => {
                    vis.set(to);
                    undo.offer(Done::Visibility { from, to }, receipt);
                }
                Err(error) => notices.push(error, None),
            }
        });
    };
    let can_act = move || writable.get() && !busy.get();
    let state_word = move || match vis.get() {
        VisState::Active => t("clients-state-active"),
        VisState::Archived | VisState::Unknown(_) => t("clients-state-archived"),
        VisState::Deleted => t("clients-state-deleted"),
    };
    view! {
        <div class="page-head">
            <h1 id="page-title">{name}</h1>
            // The drafting wizard with this client chosen (issue 12).
            <a id="client-draft-invoice" class="button" href=format!("/invoices/new?client={id}")>
                {move || t("drafting-title")}
            </a>
            <a class="button subtle" href="/clients">{move || t("common-back")}</a>
        </div>
        <ReadOnlyReason />
        <UndoNotice on_changed=on_changed />
        <div class="record-actions" role="group" aria-label=move || t("clients-actions")>
            <span id="client-state" class="record-state" data-state=move || {
                match vis.get() {
                    VisState::Active => "active",
                    VisState::Deleted => "deleted",
                    VisState::Archived | VisState::Unknown(_) => "archived",
                }
            }>{state_word}</span>
            <Show when=move || vis.get() == VisState::Active>
                <button
                    id="client-archive"
                    type="button"
                    class="button"
                    disabled=move || !can_act()
                    on:click=move |_| set_vis(VisState::Archived)
                >
                    {move || t("clients-archive")}
                </button>
            </Show>
            <Show when=move || vis.get() != VisState::Active>
                <button
                    id="client-restore"
                    type="button"
                    class="button"
                    disabled=move || !can_act()
                    on:click=move |_| set_vis(VisState::Active)
                >
                    {move || t("clients-restore")}
                </button>
            </Show>
            <Show when=move || vis.get() != VisState::Deleted>
                <button
                    id="client-delete"
                    type="button"
                    class="button danger"
                    disabled=move || !can_act()
                    on:click=move |_| set_vis(VisState::Deleted)
                >
                    {move || t("clients-delete")}
                </button>
            </Show>
        </div>
        <ClientForm initial=before writable busy on_save=save refusal />
    }
}
