//! Waiting for the browser: the sign-in page is open in the browser (or, when no browser
//! opened, its address is shown to open by hand); the browser's answer comes back through the
//! `ledgerline://` link and the frame appears by itself. When it does not, the user pastes the
//! address the browser ended on.

use ledgerline_model::ipc::SignInStarted;
use leptos::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::shell;
use crate::state::use_state;

const TITLE: &str = "Finish signing in in your browser";
const OPENED: &str = "Ledgerline opened FreshBooks' sign-in page in your browser. Sign in there and allow Ledgerline: your browser then hands the answer back, and this window moves on by itself.";
const NOT_OPENED: &str =
    "Ledgerline could not open your browser. Open this address in your browser to sign in:";
const ADDRESS: &str = "The sign-in address, if you need to open it again:";
const COPY_ADDRESS: &str = "Copy the sign-in address";
const PASTE_HEADING: &str = "Nothing happened after you allowed Ledgerline?";
const PASTE_EXPLAINED: &str = "Your browser shows a page saying so, with an address. Copy that address (or the one in the browser's address bar) and paste it here:";
const PASTE_LABEL: &str = "The address your browser ended on";
const PASTE_SUBMIT: &str = "Finish signing in";
const CANCEL: &str = "Cancel";

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
            <h1>{TITLE}</h1>
            {if started.browser_opened {
                view! { <p class="lead">{OPENED}</p> }.into_any()
            } else {
                view! { <p class="lead prominent" role="alert">{NOT_OPENED}</p> }.into_any()
            }}
            <div class="address-block" class:prominent=!started.browser_opened>
                {started.browser_opened.then(|| view! { <p class="muted">{ADDRESS}</p> })}
                <div class="copyable">
                    <code id="authorize-url">{url.clone()}</code>
                    <CopyButton id="copy-authorize-url" text=url label=COPY_ADDRESS />
                </div>
            </div>
            <section class="paste" aria-labelledby="paste-heading">
                <h2 id="paste-heading">{PASTE_HEADING}</h2>
                <p>{PASTE_EXPLAINED}</p>
                <form
                    class="form inline"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        submit();
                    }
                >
                    <label for="paste-address" class="visually-hidden">{PASTE_LABEL}</label>
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
                        {PASTE_SUBMIT}
                    </button>
                </form>
            </section>
            <button
                id="sign-in-cancel"
                type="button"
                class="button quiet"
                on:click=move |_| shell::cancel_sign_in(state)
            >
                {CANCEL}
            </button>
        </main>
    }
}
