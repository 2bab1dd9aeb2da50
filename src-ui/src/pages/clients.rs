//! Clients: for now the "New client" button, disabled with its reason when the role cannot
//! write (issue 11 builds the list and the form).

use leptos::prelude::*;

use crate::state::use_state;

const TITLE: &str = "Clients";
const NEW_CLIENT: &str = "New client";
const READ_ONLY_REASON: &str =
    "Your role in this business cannot add clients. Ask the owner for a role that can edit.";
const COMING: &str = "Adding clients comes in the next version of Ledgerline.";
const LIST_COMING: &str = "The list of clients comes in the next version of Ledgerline.";

/// The Clients page.
#[component]
pub fn Clients() -> impl IntoView {
    let state = use_state();
    let writable = move || state.session.writable();
    let note = RwSignal::new(false);
    view! {
        <section class="page">
            <div class="page-head">
                <h1 id="page-title">{TITLE}</h1>
                <button
                    id="new-client"
                    type="button"
                    class="button primary"
                    disabled=move || !writable()
                    aria-describedby=move || (!writable()).then_some("new-client-reason")
                    on:click=move |_| note.set(true)
                >
                    {NEW_CLIENT}
                </button>
            </div>
            <Show when=move || !writable()>
                <p id="new-client-reason" class="reason">{READ_ONLY_REASON}</p>
            </Show>
            <Show when=move || note.get() && writable()>
                <p id="new-client-note" class="note" role="status">{COMING}</p>
            </Show>
            <p class="muted">{LIST_COMING}</p>
        </section>
    }
}
