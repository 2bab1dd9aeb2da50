//! "Use my own FreshBooks app": the steps in FreshBooks' developer portal, the redirect address
//! and the scopes exactly as Ledgerline sends them (each with a copy button), then the client
//! id and secret. "Save and sign in" saves them and starts the sign-in.

use ledgerline_model::error::{ErrorCode, ErrorPayload};
use ledgerline_model::ipc::{AppGuide, GetAppGuide, NoArgs, OwnApp};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::copy_button::CopyButton;
use crate::components::error_notice::ErrorNotice;
use crate::ipc;
use crate::shell;
use crate::state::use_state;

const TITLE: &str = "Use your own FreshBooks app";
const LEAD: &str = "FreshBooks lets an app read your businesses only once it is registered. Register one for yourself in a few minutes:";
const STEP_PORTAL: &str =
    "Open FreshBooks' developer portal and sign in with your FreshBooks account:";
const STEP_CREATE: &str = "Create a new app. Any name will do, for example “Ledgerline”.";
const STEP_REDIRECT: &str = "Under Redirect URIs, add this address exactly as shown:";
const STEP_SCOPES: &str = "Under Scopes, add each of these:";
const STEP_SAVE: &str = "Save the app. FreshBooks then shows its Client ID and Client Secret: copy them into the fields below.";
const CLIENT_ID: &str = "Client ID";
const CLIENT_SECRET: &str = "Client Secret";
const SECRET_HINT: &str = "Ledgerline keeps it safe on this computer and never writes it to a log.";
const NEED_ID: &str = "Paste the Client ID FreshBooks shows for your app.";
const NEED_SECRET: &str = "Paste the Client Secret FreshBooks shows for your app.";
const SAVE: &str = "Save and sign in";
const BACK: &str = "Back";
const COPY_REDIRECT: &str = "Copy the redirect address";
const COPY_SCOPES: &str = "Copy the scopes";
const COPY_PORTAL: &str = "Copy the developer portal's address";
const LOADING: &str = "Loading…";

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
                {BACK}
            </button>
            <h1>{TITLE}</h1>
            <Suspense fallback=|| view! { <p class="muted">{LOADING}</p> }>
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
        id_problem.set(app.client_id.is_empty().then(|| NEED_ID.to_owned()));
        secret_problem.set(app.client_secret.is_empty().then(|| NEED_SECRET.to_owned()));
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
        <p class="lead">{LEAD}</p>
        <ol class="steps">
            <li>
                <p>{STEP_PORTAL}</p>
                <div class="copyable">
                    <a
                        id="own-app-portal"
                        href=guide.portal_url.clone()
                        target="_blank"
                        rel="noopener noreferrer"
                    >
                        {guide.portal_url.clone()}
                    </a>
                    <CopyButton id="copy-portal-url" text=guide.portal_url.clone() label=COPY_PORTAL />
                </div>
            </li>
            <li>
                <p>{STEP_CREATE}</p>
            </li>
            <li>
                <p>{STEP_REDIRECT}</p>
                <div class="copyable">
                    <code id="own-app-redirect-uri">{redirect_uri.clone()}</code>
                    <CopyButton id="copy-redirect-uri" text=redirect_uri label=COPY_REDIRECT />
                </div>
            </li>
            <li>
                <p>{STEP_SCOPES}</p>
                <div class="copyable">
                    <code id="own-app-scopes">{scopes.clone()}</code>
                    <CopyButton id="copy-scopes" text=scopes label=COPY_SCOPES />
                </div>
            </li>
            <li>
                <p>{STEP_SAVE}</p>
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
                        label=CLIENT_ID
                        kind="text"
                        value=client_id
                        problem=id_problem
                    />
                    <Field
                        id="own-app-client-secret"
                        label=CLIENT_SECRET
                        kind="password"
                        value=client_secret
                        problem=secret_problem
                        hint=SECRET_HINT
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
                        {SAVE}
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
            <label for=id>{label}</label>
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
            {hint.map(|hint| view! { <p id=hint_id class="hint">{hint}</p> })}
            {move || {
                problem
                    .get()
                    .map(|text| view! { <p id=problem_id.clone() class="problem">{text}</p> })
            }}
        </div>
    }
}
