//! Lines across the top of the frame that say how things stand: the demo, a read-only role, a
//! business FreshBooks no longer lists, signed out, and a keyring that does not answer.

use ledgerline_model::entity::Role;
use ledgerline_model::ipc::{Mode, SecretsPlace};
use leptos::prelude::*;

use crate::shell;
use crate::state::use_state;

const DEMO: &str =
    "You are looking at a demo with sample businesses. Nothing here reaches FreshBooks.";
const LEAVE_DEMO: &str = "Leave the demo";
const SIGNED_OUT: &str = "You are signed out of FreshBooks: Ledgerline shows what it keeps on this computer but cannot sync it. Sign in to sync.";
const SIGN_IN: &str = "Sign in";
const KEYRING_HEADING: &str = "Ledgerline cannot use this computer's keyring";
const KEYRING_EXPLAINED: &str = "Ledgerline keeps your FreshBooks sign-in in the system's keyring, and the keyring does not answer. Ledgerline can keep the sign-in in a private file on this computer instead, readable only by your user account.";
const USE_FILE: &str = "Keep my sign-in in a private file on this computer instead";
const FILE_HEADING: &str = "Ledgerline cannot use the file that keeps your sign-in";

fn read_only(role: &Role, business: &str) -> String {
    let role = role_words(role);
    let article = if role.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!(
        "You are {article} {role} in {business}: Ledgerline shows its records but cannot change them. Ask the owner for a role that can edit."
    )
}

fn not_listed(business: &str) -> String {
    format!(
        "FreshBooks no longer lists {business} for this sign-in: Ledgerline keeps it only for changes not yet sent, and does not sync it."
    )
}

/// A role in words ("team member", "client", "accountant partner").
pub fn role_words(role: &Role) -> String {
    match role {
        Role::Owner => "owner".to_owned(),
        Role::Admin => "admin".to_owned(),
        Role::BusinessEmployee => "team member".to_owned(),
        Role::Client => "client".to_owned(),
        Role::Other(raw) => raw.replace('_', " "),
    }
}

/// Every banner that applies.
#[component]
pub fn Banners() -> impl IntoView {
    view! {
        <div class="banners">
            <DemoBanner />
            <SignedOutBanner />
            <KeyringProblem />
            <ReadOnlyBanner />
            <NotListedBanner />
        </div>
    }
}

/// `#demo-banner` with `#leave-demo`.
#[component]
pub fn DemoBanner() -> impl IntoView {
    let state = use_state();
    view! {
        <Show when=move || state.session.is_demo()>
            <div id="demo-banner" class="banner banner-demo" role="note">
                <p>{DEMO}</p>
                <button
                    id="leave-demo"
                    type="button"
                    class="button"
                    on:click=move |_| shell::leave_demo(state)
                >
                    {LEAVE_DEMO}
                </button>
            </div>
        </Show>
    }
}

/// `#read-only-banner`: the current business's role cannot write.
#[component]
pub fn ReadOnlyBanner() -> impl IntoView {
    let state = use_state();
    move || {
        state.session.current().filter(|b| !b.writable).map(|b| {
            view! {
                <div id="read-only-banner" class="banner banner-info" role="note">
                    <p>{read_only(&b.business.role, &b.business.name)}</p>
                </div>
            }
        })
    }
}

/// `#not-listed-banner`: FreshBooks no longer lists the current business for this sign-in.
#[component]
pub fn NotListedBanner() -> impl IntoView {
    let state = use_state();
    move || {
        state.session.current().filter(|b| !b.listed).map(|b| {
            view! {
                <div id="not-listed-banner" class="banner banner-warn" role="note">
                    <p>{not_listed(&b.business.name)}</p>
                </div>
            }
        })
    }
}

/// `#signed-out-banner`: businesses are kept but nobody is signed in.
#[component]
pub fn SignedOutBanner() -> impl IntoView {
    let state = use_state();
    let shows = move || {
        state
            .session
            .0
            .with(|s| s.mode == Mode::Real && !s.signed_in && !s.businesses.is_empty())
    };
    view! {
        <Show when=shows>
            <div id="signed-out-banner" class="banner banner-warn" role="note">
                <p>{SIGNED_OUT}</p>
                <button
                    id="signed-out-sign-in"
                    type="button"
                    class="button primary"
                    disabled=move || state.sign_in.busy.get()
                    on:click=move |_| shell::sign_in_again(state)
                >
                    {SIGN_IN}
                </button>
            </div>
        </Show>
    }
}

/// `#keyring-problem` with `#use-file-for-secrets`, when the keyring does not answer.
#[component]
pub fn KeyringProblem() -> impl IntoView {
    let state = use_state();
    move || {
        let (problem, place) = state
            .session
            .0
            .with(|s| (s.secrets.problem.clone(), s.secrets.place));
        problem.map(|problem| {
            view! {
                <div id="keyring-problem" class="banner banner-warn" role="alert">
                    <p class="notice-heading">
                        {if place == SecretsPlace::Keyring { KEYRING_HEADING } else { FILE_HEADING }}
                    </p>
                    {(place == SecretsPlace::Keyring).then(|| view! { <p>{KEYRING_EXPLAINED}</p> })}
                    <p class="muted">{problem.message}</p>
                    {(place == SecretsPlace::Keyring)
                        .then(|| {
                            view! {
                                <button
                                    id="use-file-for-secrets"
                                    type="button"
                                    class="button primary"
                                    on:click=move |_| shell::use_file_for_secrets(state)
                                >
                                    {USE_FILE}
                                </button>
                            }
                        })}
                </div>
            }
        })
    }
}
