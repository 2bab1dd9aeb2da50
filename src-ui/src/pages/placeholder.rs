//! The page for an address that leads nowhere.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::t;

/// An address no route matches.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1 id="page-title">{move || t("frame-not-found-title")}</h1>
            <p>{move || t("frame-not-found")}</p>
            <p>
                <A href="/">{move || t("frame-go-home")}</A>
            </p>
        </section>
    }
}
