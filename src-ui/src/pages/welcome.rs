//! The welcome screen: the three ways in.

use leptos::prelude::*;

use crate::shell;
use crate::state::use_state;

const TITLE: &str = "Welcome to Ledgerline";
const LEAD: &str =
    "Your FreshBooks businesses on this computer: clients, time and invoices, even offline.";
const BUILTIN: &str = "Sign in to FreshBooks";
const BUILTIN_HINT: &str =
    "Opens FreshBooks in your browser; you sign in there and come back here.";
const OWN: &str = "Use my own FreshBooks app";
const OWN_HINT: &str = "Register an app in FreshBooks' developer portal and sign in with it. Ledgerline walks you through it.";
const DEMO: &str = "Try the demo";
const DEMO_HINT: &str = "Sample businesses, no account needed. Nothing reaches FreshBooks.";

/// The welcome screen (`#welcome`).
#[component]
pub fn Welcome() -> impl IntoView {
    let state = use_state();
    let builtin = move || state.session.0.with(|s| s.apps.builtin);
    let busy = move || state.sign_in.busy.get();
    view! {
        <main id="welcome" class="welcome">
            <h1>{TITLE}</h1>
            <p class="lead">{LEAD}</p>
            <ul class="ways-in">
                <Show when=builtin>
                    <li>
                        <button
                            id="sign-in-builtin"
                            type="button"
                            class="button primary large"
                            aria-describedby="sign-in-builtin-hint"
                            disabled=busy
                            on:click=move |_| {
                                shell::start_sign_in(state, ledgerline_model::ipc::AppChoice::Builtin)
                            }
                        >
                            {BUILTIN}
                        </button>
                        <p id="sign-in-builtin-hint" class="muted">{BUILTIN_HINT}</p>
                    </li>
                </Show>
                <li>
                    <button
                        id="use-own-app"
                        type="button"
                        class="button large"
                        aria-describedby="use-own-app-hint"
                        disabled=busy
                        on:click=move |_| shell::show_own_app_form(state)
                    >
                        {OWN}
                    </button>
                    <p id="use-own-app-hint" class="muted">{OWN_HINT}</p>
                </li>
                <li>
                    <button
                        id="try-demo"
                        type="button"
                        class="button large"
                        aria-describedby="try-demo-hint"
                        disabled=busy
                        on:click=move |_| shell::start_demo(state)
                    >
                        {DEMO}
                    </button>
                    <p id="try-demo-hint" class="muted">{DEMO_HINT}</p>
                </li>
            </ul>
        </main>
    }
}
