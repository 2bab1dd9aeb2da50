//! Waiting for the browser: the sign-in page is open in the browser (or, when no browser
//! opened, its address is shown to open by hand); the browser's answer comes back through the
//! `ledgerline://` link and the frame appears by itself. When it does not, the user pastes the
//! address the browser ended on.

use ledgerline_model::ipc::SignInStarted;
use leptos::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::i18n::t;
use crate::shell;
use crate::state::use_state;

/// The waiting screen (`#sign-in-waiting`).
#[component]
pub fn Waiting(started: SignInStarted) -> impl IntoView {
    let state = use_state();
    let pasted = RwSignal::new(String::new());
    let busy = move || state.sign_in.busy.get();
    let submit = move || {
        let address = pasted.get_untracked().trim().to_owned();
        if !address.is_empty() {
            shell::finish_sign_in(state, address);
        }
    };
    let url = started.authorize_url.clone();
    view! {
        <main id="sign-in-waiting" class="flow-page">
            <h1>{move || t("sign-in-title")}</h1>
            {if started.browser_opened {
                view! { <p class="lead">{move || t("sign-in-opened")}</p> }.into_any()
            } else {
                view! { <p class="lead prominent" role="alert">{move || t("sign-in-not-opened")}</p> }.into_any()
            }}
            <div class="address-block" class:prominent=!started.browser_opened>
                {started.browser_opened.then(|| view! { <p class="muted">{move || t("sign-in-address")}</p> })}
                <div class="copyable">
                    <code id="authorize-url">{url.clone()}</code>
                    <CopyButton id="copy-authorize-url" text=url label="sign-in-copy-address" />
                </div>
            </div>
            <section class="paste" aria-labelledby="paste-heading">
                <h2 id="paste-heading">{move || t("sign-in-paste-heading")}</h2>
                <p>{move || t("sign-in-paste-explained")}</p>
                <form
                    class="form inline"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        submit();
                    }
                >
                    <label for="paste-address" class="visually-hidden">{move || t("sign-in-paste-label")}</label>
                    <input
                        id="paste-address"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        placeholder="https://…"
                        prop:value=move || pasted.get()
                        on:input=move |ev| pasted.set(event_target_value(&ev))
                    />
                    <button
                        id="paste-submit"
                        type="submit"
                        class="button primary"
                        disabled=move || busy() || pasted.with(|p| p.trim().is_empty())
                    >
                        {move || t("sign-in-paste-submit")}
                    </button>
                </form>
            </section>
            <button
                id="sign-in-cancel"
                type="button"
                class="button quiet"
                on:click=move |_| shell::cancel_sign_in(state)
            >
                {move || t("common-cancel")}
            </button>
        </main>
    }
}
