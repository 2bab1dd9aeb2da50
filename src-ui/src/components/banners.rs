//! Lines across the top of the frame that say how things stand: the demo, a read-only role, a
//! business FreshBooks no longer lists, signed out, and a keyring that does not answer.

use ledgerline_model::entity::Role;
use ledgerline_model::ipc::{Mode, SecretsPlace};
use leptos::prelude::*;

use crate::components::error_notice::error_sentence;
use crate::i18n::{t, t_args};
use crate::shell;
use crate::state::use_state;

fn read_only(role: &Role, business: &str) -> String {
    t_args(
        "frame-read-only-banner",
        &[
            ("role", role_key(role).into()),
            ("role_words", role_words(role).into()),
            ("business", business.into()),
        ],
    )
}

/// A role's selector in the catalogs (`owner`, `team-member` …; `other` for a role FreshBooks
/// has not documented).
fn role_key(role: &Role) -> &'static str {
    match role {
        Role::Owner => "owner",
        Role::Admin => "admin",
        Role::BusinessEmployee => "team-member",
        Role::Client => "client",
        Role::Other(_) => "other",
    }
}

/// A role in words in the current locale ("team member", "client"; an undocumented role in
/// FreshBooks' own words, "accountant partner").
pub fn role_words(role: &Role) -> String {
    match role {
        Role::Owner => t("frame-role-owner"),
        Role::Admin => t("frame-role-admin"),
        Role::BusinessEmployee => t("frame-role-team-member"),
        Role::Client => t("frame-role-client"),
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
                <p>{move || t("frame-demo")}</p>
                <button
                    id="leave-demo"
                    type="button"
                    class="button"
                    on:click=move |_| shell::leave_demo(state)
                >
                    {move || t("frame-leave-demo")}
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
                    <p>{move || read_only(&b.business.role, &b.business.name)}</p>
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
                    <p>{move || t_args("frame-not-listed-banner", &[("business", (&b.business.name).into())])}</p>
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
                <p>{move || t("frame-signed-out")}</p>
                <button
                    id="signed-out-sign-in"
                    type="button"
                    class="button primary"
                    disabled=move || state.sign_in.busy.get()
                    on:click=move |_| shell::sign_in_again(state)
                >
                    {move || t("frame-sign-in")}
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
                        {move || t(if place == SecretsPlace::Keyring { "frame-keyring-heading" } else { "frame-file-heading" })}
                    </p>
                    {(place == SecretsPlace::Keyring).then(|| view! { <p>{move || t("frame-keyring-explained")}</p> })}
                    <p class="muted">{error_sentence(&problem)}</p>
                    {(place == SecretsPlace::Keyring)
                        .then(|| {
                            view! {
                                <button
                                    id="use-file-for-secrets"
                                    type="button"
                                    class="button primary"
                                    on:click=move |_| shell::use_file_for_secrets(state)
                                >
                                    {move || t("frame-use-file")}
                                </button>
                            }
                        })}
                </div>
            }
        })
    }
}
