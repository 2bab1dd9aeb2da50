//! The welcome screen: the three ways in.

use leptos::prelude::*;

use crate::i18n::t;
use crate::shell;
use crate::state::use_state;

/// The welcome screen (`#welcome`).
#[component]
pub fn Welcome() -> impl IntoView {
    let state = use_state();
    let builtin = move || state.session.0.with(|s| s.apps.builtin);
    let busy = move || state.sign_in.busy.get();
    view! {
        <main id="welcome" class="welcome">
            <h1>{move || t("sign-in-welcome-title")}</h1>
            <p class="lead">{move || t("sign-in-welcome-lead")}</p>
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
                            {move || t("sign-in-welcome-builtin")}
                        </button>
                        <p id="sign-in-builtin-hint" class="muted">{move || t("sign-in-welcome-builtin-hint")}</p>
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
                        {move || t("sign-in-welcome-own")}
                    </button>
                    <p id="use-own-app-hint" class="muted">{move || t("sign-in-welcome-own-hint")}</p>
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
                        {move || t("sign-in-welcome-demo")}
                    </button>
                    <p id="try-demo-hint" class="muted">{move || t("sign-in-welcome-demo-hint")}</p>
                </li>
            </ul>
        </main>
    }
}
