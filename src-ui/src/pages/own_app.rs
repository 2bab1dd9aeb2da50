//! "Use my own FreshBooks app": the steps in FreshBooks' developer portal, the redirect address
//! and the scopes exactly as Ledgerline sends them (each with a copy button), then the client
//! id and secret. "Save and sign in" saves them and starts the sign-in.

use ledgerline_model::error::{ErrorCode, ErrorPayload};
use ledgerline_model::ipc::{AppGuide, GetAppGuide, NoArgs, OwnApp};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::copy_button::CopyButton;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::t;
use crate::ipc;
use crate::shell;
use crate::state::use_state;

/// The page: loads the guide from the shell, then shows the form.
#[component]
pub fn OwnAppPage() -> impl IntoView {
    let state = use_state();
    let guide = LocalResource::new(|| async { ipc::call::<GetAppGuide>(&NoArgs {}).await });
    view! {
        <main id="own-app" class="flow-page">
            <button
                id="own-app-back"
                type="button"
                class="button quiet"
                on:click=move |_| shell::cancel_sign_in(state)
            >
                {move || t("common-back")}
            </button>
            <h1>{move || t("sign-in-own-app-title")}</h1>
            <Suspense fallback=|| view! { <p class="muted">{move || t("common-loading")}</p> }>
                {move || {
                    guide
                        .get()
                        .map(|res| match res {
                            Ok(guide) => view! { <OwnAppForm guide /> }.into_any(),
                            Err(error) => {
                                view! {
                                    <ErrorNotice
                                        error
                                        retry=Some(Callback::new(move |()| guide.refetch()))
                                        on_dismiss=move |()| shell::cancel_sign_in(state)
                                    />
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
        </main>
    }
}

/// The steps and the form, for a guide.
#[component]
pub fn OwnAppForm(guide: AppGuide) -> impl IntoView {
    let state = use_state();
    let known_id = state
        .session
        .0
        .with_untracked(|s| s.apps.own_client_id.clone())
        .unwrap_or_default();
    let client_id = RwSignal::new(known_id);
    let client_secret = RwSignal::new(String::new());
    let id_problem = RwSignal::new(None::<String>);
    let secret_problem = RwSignal::new(None::<String>);
    let other_problem = RwSignal::new(None::<ErrorPayload>);
    let redirect_uri = guide.redirect_uri.clone();
    let scopes = guide.scopes.join(" ");

    let save = move || {
        let app = OwnApp {
            client_id: client_id.get_untracked().trim().to_owned(),
            client_secret: client_secret.get_untracked().trim().to_owned(),
        };
        id_problem.set(
            app.client_id
                .is_empty()
                .then(|| t("sign-in-own-app-need-id")),
        );
        secret_problem.set(
            app.client_secret
                .is_empty()
                .then(|| t("sign-in-own-app-need-secret")),
        );
        other_problem.set(None);
        if app.client_id.is_empty() || app.client_secret.is_empty() {
            return;
        }
        spawn_local(async move {
            if let Err(error) = shell::save_own_app(state, app).await {
                match &error.code {
                    ErrorCode::InvalidField { field, .. } if field == "client_id" => {
                        id_problem.set(Some(error.message));
                    }
                    ErrorCode::InvalidField { field, .. } if field == "client_secret" => {
                        secret_problem.set(Some(error.message));
                    }
                    _ => other_problem.set(Some(error)),
                }
            }
        });
    };

    view! {
        <p class="lead">{move || t("sign-in-own-app-lead")}</p>
        <ol class="steps">
            <li>
                <p>{move || t("sign-in-own-app-step-portal")}</p>
                <div class="copyable">
                    <a
                        id="own-app-portal"
                        href=guide.portal_url.clone()
                        rel="external noopener noreferrer"
                        on:click={
                            let url = guide.portal_url.clone();
                            move |ev: web_sys::MouseEvent| {
                                // The shell opens it in the browser (the webview never leaves
                                // Ledgerline's own pages).
                                ev.prevent_default();
                                shell::open_address(state, url.clone());
                            }
                        }
                    >
                        {guide.portal_url.clone()}
                    </a>
                    <CopyButton id="copy-portal-url" text=guide.portal_url.clone() label="sign-in-own-app-copy-portal" />
                </div>
            </li>
            <li>
                <p>{move || t("sign-in-own-app-step-create")}</p>
            </li>
            <li>
                <p>{move || t("sign-in-own-app-step-redirect")}</p>
                <div class="copyable">
                    <code id="own-app-redirect-uri">{redirect_uri.clone()}</code>
                    <CopyButton id="copy-redirect-uri" text=redirect_uri label="sign-in-own-app-copy-redirect" />
                </div>
            </li>
            <li>
                <p>{move || t("sign-in-own-app-step-scopes")}</p>
                <div class="copyable">
                    <code id="own-app-scopes">{scopes.clone()}</code>
                    <CopyButton id="copy-scopes" text=scopes label="sign-in-own-app-copy-scopes" />
                </div>
            </li>
            <li>
                <p>{move || t("sign-in-own-app-step-save")}</p>
                <form
                    class="form"
                    novalidate
                    on:submit=move |ev| {
                        ev.prevent_default();
                        save();
                    }
                >
                    <Field
                        id="own-app-client-id"
                        label="sign-in-own-app-client-id"
                        kind="text"
                        value=client_id
                        problem=id_problem
                    />
                    <Field
                        id="own-app-client-secret"
                        label="sign-in-own-app-client-secret"
                        kind="password"
                        value=client_secret
                        problem=secret_problem
                        hint="sign-in-own-app-secret-hint"
                    />
                    {move || {
                        other_problem
                            .get()
                            .map(|error| {
                                view! {
                                    <ErrorNotice error on_dismiss=move |()| other_problem.set(None) />
                                }
                            })
                    }}
                    <button
                        id="own-app-save"
                        type="submit"
                        class="button primary"
                        disabled=move || state.sign_in.busy.get()
                    >
                        {move || t("sign-in-own-app-save")}
                    </button>
                </form>
            </li>
        </ol>
    }
}

/// A labelled input with its problem shown next to it (`#<id>-problem`).
#[component]
fn Field(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    value: RwSignal<String>,
    problem: RwSignal<Option<String>>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let problem_id = format!("{id}-problem");
    let hint_id = format!("{id}-hint");
    let described = {
        let problem_id = problem_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if problem.with(Option::is_some) {
                ids.push(problem_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:invalid=move || problem.with(Option::is_some)>
            <label for=id>{move || t(label)}</label>
            <input
                id=id
                type=kind
                autocomplete="off"
                spellcheck="false"
                aria-invalid=move || problem.with(Option::is_some).then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    problem.set(None);
                }
            />
            {hint.map(|hint| view! { <p id=hint_id class="hint">{move || t(hint)}</p> })}
            {move || {
                problem
                    .get()
                    .map(|text| view! { <p id=problem_id.clone() class="problem">{text}</p> })
            }}
        </div>
    }
}
