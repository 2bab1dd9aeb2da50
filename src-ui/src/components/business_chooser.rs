//! `#business-chooser`: shown in place of the page while no business is current and the
//! sign-in left several (FreshBooks names none as the main one, so the app never picks the
//! first silently). Each business with its role and currency; choosing one switches to it.

use ledgerline_model::ipc::BusinessView;
use leptos::prelude::*;

use crate::components::banners::role_words;
use crate::i18n::t;
use crate::shell;
use crate::state::use_state;

/// Whether the frame shows the chooser: businesses are known and none is current.
pub fn needs_choice(session: &ledgerline_model::ipc::Session) -> bool {
    session.current_business().is_none() && !session.businesses.is_empty()
}

/// The chooser.
#[component]
pub fn BusinessChooser() -> impl IntoView {
    let state = use_state();
    view! {
        <section id="business-chooser" class="business-chooser" aria-labelledby="business-chooser-title">
            <h1 id="business-chooser-title">{move || t("frame-choose-business")}</h1>
            <p class="muted">{move || t("frame-choose-business-why")}</p>
            <ul class="chooser-list">
                <For
                    each=move || state.session.0.get().businesses
                    key=|b| (b.business.business_id, b.business.name.clone(), b.listed)
                    children=move |b| view! { <Choice business=b /> }
                />
            </ul>
        </section>
    }
}

/// One business to choose.
#[component]
fn Choice(business: BusinessView) -> impl IntoView {
    let state = use_state();
    let id = business.business.business_id;
    let role = business.business.role.clone();
    let raw_role = role.as_freshbooks().to_owned();
    let currency = business.business.currency_code.clone();
    let currency = move || {
        currency
            .as_ref()
            .map_or_else(|| t("frame-no-currency"), ToString::to_string)
    };
    view! {
        <li>
            <button
                id=format!("choose-business-{id}")
                type="button"
                class="chooser-choice"
                on:click=move |_| shell::switch_business(state, id)
            >
                <span class="business-name">{business.business.name.clone()}</span>
                <span class="business-facts">
                    <span class="business-role" data-role=raw_role>{move || role_words(&role)}</span>
                    <span class="business-currency">{currency}</span>
                    {(!business.writable).then(|| view! { <span class="tag">{move || t("frame-read-only")}</span> })}
                </span>
            </button>
        </li>
    }
}
