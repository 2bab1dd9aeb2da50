//! A page with a heading and a sentence, for sections whose screens are still to come.

use leptos::prelude::*;

/// A titled page with one paragraph.
#[component]
pub fn Placeholder(title: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <section class="page">
            <h1 id="page-title">{title}</h1>
            <p class="muted">{text}</p>
        </section>
    }
}
