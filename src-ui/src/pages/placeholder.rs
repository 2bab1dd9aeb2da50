//! A page with a heading and a sentence, for sections whose screens are still to come.

use leptos::prelude::*;

use crate::i18n::t;

/// A titled page with one paragraph (both catalog keys).
#[component]
pub fn Placeholder(title: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <section class="page">
            <h1 id="page-title">{move || t(title)}</h1>
            <p class="muted">{move || t(text)}</p>
        </section>
    }
}
