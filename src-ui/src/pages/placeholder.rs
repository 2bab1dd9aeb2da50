//! Pages for sections whose screens are still to come (issue 12: invoices, the sync page),
//! reading the filters their links carry, and the page for an address that leads nowhere.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::i18n::{t, t_args};

/// A titled page with one paragraph (both catalog keys) and the filters of the address.
#[component]
pub fn Placeholder(
    title: &'static str,
    text: &'static str,
    #[prop(optional)] filters: Option<Signal<Vec<String>>>,
) -> impl IntoView {
    view! {
        <section class="page">
            <h1 id="page-title">{move || t(title)}</h1>
            <ul id="page-filters" class="filters">
                {move || {
                    filters
                        .map(|f| f.get())
                        .unwrap_or_default()
                        .into_iter()
                        .map(|text| view! { <li class="tag">{text}</li> })
                        .collect_view()
                }}
            </ul>
            <p class="muted">{move || t(text)}</p>
        </section>
    }
}

/// `/invoices?status=outstanding|overdue&client=<id>` (issue 12 builds the list).
#[component]
pub fn Invoices() -> impl IntoView {
    let query = use_query_map();
    let filters = Signal::derive(move || {
        let query = query.get();
        let mut out = Vec::new();
        if let Some(status) = query.get("status") {
            out.push(t_args("frame-filter-status", &[("status", status.into())]));
        }
        if let Some(client) = query.get("client") {
            out.push(t_args("frame-filter-client", &[("client", client.into())]));
        }
        out
    });
    view! {
        <Placeholder
            title="frame-nav-invoices"
            text="frame-placeholder-invoices"
            filters=filters
        />
    }
}

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
