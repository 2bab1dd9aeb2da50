//! Drafting an invoice from unbilled time (`/invoices/new`, `?client=<id>` preselects), offline
//! from start to finish: the client, dates and projects; the unbilled entries of every team
//! member, each with a box; the layout, rounding, taxes and description template; the business
//! rate when an entry needs it; a live preview recomputed as the choices change (only the newest
//! request's answer lands); "Save draft" (Ctrl+S), then the invoice's page.
//!
//! - [`form`]: the choices ([`WizardForm`]) and the `DraftRequest` they make.
//! - [`entries`]: the client, dates, projects and entries steps.
//! - [`options`]: layout, rounding, taxes, template, the business rate.
//! - [`preview`]: the preview, its warnings and the 400-line guard.
//! - [`save`]: "Save draft" and the refusals with the button that fixes each.
//!
//! Ids besides the steps': `#page-title`, `#draft-form`, `#draft-preview-now` (Enter in the
//! form does the same), `#draft-save`, `#draft-error`, `#draft-read-only-reason`.

pub mod entries;
pub mod form;
pub mod options;
pub mod preview;
pub mod save;

use chrono::NaiveDate;
use ledgerline_model::draft::{Draft, DraftRequest};
use ledgerline_model::error::{ErrorCode, ErrorPayload};
use ledgerline_model::ids::ClientId;
use ledgerline_model::ipc::{DraftingSetup, SaveDraftArgs};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use wasm_bindgen::JsCast;

use crate::i18n::t;
use crate::screens_api::{self, Latest, data_version};
use crate::state::use_state;
pub use entries::{ClientStep, EntriesStep};
pub use form::WizardForm;
pub use options::{BusinessRateField, LayoutStep, TaxStep};
pub use preview::{DraftPreview, TooManyLines};
pub use save::{DraftErrorNotice, Fix, SaveButton};

/// Today on this computer: the invoice's date.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        i32::try_from(d.get_full_year()).unwrap_or(1970),
        d.get_month() + 1,
        d.get_date(),
    )
    .unwrap_or_default()
}

/// The wizard's steps in one form: Enter in any field (or `#draft-preview-now`) previews.
#[component]
pub fn Wizard(
    #[prop(into)] setup: Signal<Option<DraftingSetup>>,
    form: WizardForm,
    /// Preview now.
    #[prop(into)]
    on_preview: Callback<()>,
) -> impl IntoView {
    view! {
        <form
            id="draft-form"
            class="form draft-form"
            novalidate=true
            on:submit=move |ev| {
                ev.prevent_default();
                on_preview.run(());
            }
        >
            <ClientStep setup form />
            <EntriesStep setup form />
            <LayoutStep form />
            <TaxStep setup form />
            <div class="form-actions">
                <button id="draft-preview-now" type="submit" class="button">
                    {move || t("drafting-preview-now")}
                </button>
            </div>
        </form>
    }
}

/// The page at `/invoices/new`.
#[component]
pub fn DraftingPage() -> impl IntoView {
    let state = use_state();
    let first = use_query_map()
        .get_untracked()
        .get("client")
        .and_then(|c| c.trim().parse().ok())
        .map(ClientId);
    let form = WizardForm::new(first);
    let writable = Signal::derive(move || state.session.writable());

    // The setup: read again when the client, dates or projects change, or the data does.
    let setup = RwSignal::new(None::<DraftingSetup>);
    let preview_error = RwSignal::new(None::<ErrorPayload>);
    let save_error = RwSignal::new(None::<ErrorPayload>);
    let reload = RwSignal::new(0_u32);
    // Asks for the preview again (each setup answer, "try again").
    let repreview = RwSignal::new(0_u32);
    let setup_latest = Latest::new();
    let applied = StoredValue::new(None::<ClientId>);
    let version = data_version(state);
    Effect::new(move || {
        let args = form.setup_args();
        reload.track();
        version.track();
        let n = setup_latest.next();
        spawn_local(async move {
            let answer = screens_api::drafting_setup(args).await;
            if !setup_latest.is_current(n) {
                return;
            }
            match answer {
                Ok(s) => {
                    let chosen = s.client.as_ref().map(|c| c.id);
                    if chosen.is_some() && applied.get_value() != chosen {
                        form.apply_choices(&s.choices, &s.taxes);
                        applied.set_value(chosen);
                    }
                    setup.set(Some(s));
                    // The time under the same choices may have changed (a sync, another
                    // window, a refused save): ask for a new preview even when the request
                    // itself is unchanged.
                    repreview.update(|n| *n += 1);
                }
                Err(e) => preview_error.set(Some(e)),
            }
        });
    });

    // The preview: only the newest request's answer lands.
    let today = today();
    let request =
        Memo::new(move |_| setup.with(|s| s.as_ref().and_then(|s| form.request(s, today))));
    let shown = RwSignal::new(None::<(DraftRequest, Draft)>);
    let too_many = RwSignal::new(None::<TooManyLines>);
    let previewing = RwSignal::new(false);
    let preview_latest = Latest::new();
    Effect::new(move || {
        repreview.track();
        let Some(req) = request.get() else {
            preview_latest.next();
            shown.set(None);
            too_many.set(None);
            previewing.set(false);
            return;
        };
        let n = preview_latest.next();
        previewing.set(true);
        spawn_local(async move {
            let answer = screens_api::preview_draft(req.clone()).await;
            if !preview_latest.is_current(n) {
                return;
            }
            previewing.set(false);
            match answer {
                Ok(draft) => {
                    shown.set(Some((req, draft)));
                    too_many.set(None);
                    preview_error.set(None);
                }
                Err(e) => {
                    shown.set(None);
                    if let ErrorCode::DraftTooManyLines {
                        lines,
                        max,
                        suggested,
                    } = e.code
                    {
                        too_many.set(Some(TooManyLines {
                            lines,
                            max,
                            proposed: suggested,
                        }));
                        preview_error.set(None);
                    } else {
                        too_many.set(None);
                        preview_error.set(Some(e));
                    }
                }
            }
        });
    });

    // Saving.
    let saving = RwSignal::new(false);
    let navigate = use_navigate();
    let on_save = Callback::new(move |()| {
        let Some((request, draft)) = shown.get_untracked() else {
            saving.set(false);
            return;
        };
        save_error.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let answer = screens_api::save_draft(SaveDraftArgs {
                expected_entries: draft.entries(),
                expected_total: draft.total.clone(),
                request,
            })
            .await;
            match answer {
                // The button stays busy: the page gives way to the invoice's.
                Ok(saved) => navigate(&format!("/invoices/{}", saved.invoice), Default::default()),
                Err(e) => {
                    saving.set(false);
                    // The time changed or was billed meanwhile: show what is left now.
                    if matches!(
                        e.code,
                        ErrorCode::DraftChanged
                            | ErrorCode::EntriesAlreadyBilled { .. }
                            | ErrorCode::BilledInFreshBooks { .. }
                    ) {
                        reload.update(|n| *n += 1);
                    }
                    save_error.set(Some(e));
                }
            }
        });
    });
    let cannot_save = Signal::derive(move || {
        !writable.get()
            || previewing.get()
            || too_many.with(Option::is_some)
            || shown.with(|s| s.as_ref().is_none_or(|(_, d)| d.lines.is_empty()))
    });

    // The business rate.
    let rate_saving = RwSignal::new(false);
    let asking_rate = RwSignal::new(false);
    let on_rate = Callback::new(move |rate| {
        rate_saving.set(true);
        spawn_local(async move {
            let answer = screens_api::set_business_rate(Some(rate)).await;
            rate_saving.set(false);
            match answer {
                Ok(()) => {
                    save_error.set(None);
                    reload.update(|n| *n += 1);
                }
                Err(e) => save_error.set(Some(e)),
            }
        });
    });

    let on_fix = Callback::new(move |fix: Fix| match fix {
        Fix::Reload | Fix::Retry => {
            save_error.set(None);
            preview_error.set(None);
            reload.update(|n| *n += 1);
            repreview.update(|n| *n += 1);
        }
        Fix::BusinessRate => {
            asking_rate.set(true);
            focus_later("#draft-business-rate");
        }
        Fix::Entries => focus_later("#draft-entries input.draft-entry-include:not([disabled])"),
        Fix::Taxes => focus_later("#draft-tax-1"),
    });
    let error = Signal::derive(move || save_error.get().or_else(|| preview_error.get()));
    let shown_draft = Signal::derive(move || shown.get().map(|(_, d)| d));
    let no_clients = move || setup.with(|s| s.as_ref().is_some_and(|s| s.clients.is_empty()));
    let client_without_time = move || {
        setup.with(|s| s.as_ref().is_some_and(|s| s.client.is_none())) && form.client_id().is_some()
    };

    view! {
        <section class="page drafting-page">
            <div class="page-head">
                <h1 id="page-title">{move || t("drafting-title")}</h1>
                <A href="/invoices" attr:class="button subtle" attr:id="draft-back">
                    {move || t("drafting-back")}
                </A>
            </div>
            <Show when=move || !writable.get()>
                <p id="draft-read-only-reason" class="reason">{move || t("drafting-read-only")}</p>
            </Show>
            <Show when=no_clients>
                <p id="draft-no-clients" class="muted empty">{move || t("drafting-no-clients")}</p>
            </Show>
            <Show when=client_without_time>
                <p id="draft-client-no-time" class="muted">{move || t("drafting-client-no-time")}</p>
            </Show>
            <div class="drafting-columns">
                <div class="drafting-steps">
                    <Wizard setup form on_preview=move |()| repreview.update(|n| *n += 1) />
                    <BusinessRateField
                        setup
                        on_save=on_rate
                        saving=rate_saving
                        disabled=Signal::derive(move || !writable.get())
                        asking=asking_rate
                    />
                </div>
                <div class="drafting-result">
                    <DraftErrorNotice
                        error
                        on_fix
                        on_dismiss=move |()| {
                            save_error.set(None);
                            preview_error.set(None);
                        }
                    />
                    <DraftPreview
                        draft=shown_draft
                        setup
                        busy=previewing
                        too_many
                        on_use_grouping=move |g| form.grouping.set(form::grouping_code(g).to_owned())
                        on_non_billable=move |on: bool| {
                            form.include_non_billable.set(on);
                            if on {
                                let non_billable: Vec<_> = setup.with_untracked(|s| {
                                    s.as_ref()
                                        .map(|s| s.entries.iter().filter(|e| !e.billable).map(|e| e.id).collect())
                                        .unwrap_or_default()
                                });
                                form.excluded.update(|ex| {
                                    for id in &non_billable {
                                        ex.remove(id);
                                    }
                                });
                            }
                        }
                    />
                    <div class="form-actions draft-actions">
                        <SaveButton disabled=cannot_save saving on_save />
                        <span class="muted draft-save-hint">{move || t("drafting-save-hint")}</span>
                    </div>
                </div>
            </div>
        </section>
    }
}

/// Focuses the first element `selector` matches, after the current redraw.
fn focus_later(selector: &'static str) {
    request_animation_frame(move || {
        let found = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(el) = found {
            let _ = el.focus();
        }
    });
}
