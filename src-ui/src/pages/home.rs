//! Home: the current business as the session knows it (issue 11 adds the figures).

use leptos::prelude::*;

use crate::components::banners::role_words;
use crate::state::use_state;

const TITLE: &str = "Home";
const ROLE: &str = "Your role";
const CURRENCY: &str = "Currency";
const NO_CURRENCY: &str = "Not known yet";
const NO_BUSINESS: &str = "Choose a business with the switcher above.";
const MORE_SOON: &str = "Unbilled time, outstanding invoices and what clients owe come in the next version of Ledgerline.";

/// The Home page.
#[component]
pub fn Home() -> impl IntoView {
    let state = use_state();
    view! {
        <section class="page">
            <h1 id="page-title">{TITLE}</h1>
            {move || match state.session.current() {
                Some(b) => {
                    let currency = b
                        .business
                        .currency_code
                        .as_ref()
                        .map_or_else(|| NO_CURRENCY.to_owned(), ToString::to_string);
                    view! {
                        <h2 id="home-business-name" class="business-title">{b.business.name.clone()}</h2>
                        <dl class="facts">
                            <dt>{ROLE}</dt>
                            <dd id="home-business-role">{role_words(&b.business.role)}</dd>
                            <dt>{CURRENCY}</dt>
                            <dd id="home-business-currency">{currency}</dd>
                        </dl>
                        <p class="muted">{MORE_SOON}</p>
                    }
                        .into_any()
                }
                None => view! { <p class="muted">{NO_BUSINESS}</p> }.into_any(),
            }}
        </section>
    }
}
