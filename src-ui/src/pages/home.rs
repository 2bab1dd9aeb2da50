//! Home: for the current business, or all of them together, what is unbilled (hours and amount),
//! what is owed (outstanding) and late (overdue), and how late per client (the aging chart).
//! Every figure is per currency (CAD is never added to USD) and is a link to the list behind it.
//!
//! Stable ids (end-to-end tests): `#page-title`, `#home-business-name`, `#home-scope-all` (a
//! toggle, `aria-pressed`), `#home-unbilled`, `#home-outstanding`, `#home-overdue` (each a list of
//! links, one per currency, `data-currency`), `#aging-chart` (`#aging-chart-<code>` per
//! currency).

use ledgerline_model::home::{HomeSummary, ReceivableFigures, UnbilledFigures};
use ledgerline_model::ipc::HomeScope;
use ledgerline_model::money::Money;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::banners::role_words;
use crate::components::chart::aging::AgingChart;
use crate::i18n::{fmt_hours, fmt_money, t, t_args};
use crate::screens_api::{self, Latest, data_version};
use crate::state::use_state;

/// The Home page.
#[component]
pub fn Home() -> impl IntoView {
    let state = use_state();
    let all = RwSignal::new(false);
    let summary = RwSignal::new(None::<HomeSummary>);
    let failed = RwSignal::new(None::<String>);
    let latest = Latest::new();
    let version = data_version(state);
    Effect::new(move || {
        let scope = if all.get() {
            HomeScope::All
        } else {
            HomeScope::Current
        };
        version.track();
        let n = latest.next();
        spawn_local(async move {
            let answer = screens_api::home(scope).await;
            if !latest.is_current(n) {
                return;
            }
            match answer {
                Ok(s) => {
                    summary.set(Some(s));
                    failed.set(None);
                }
                Err(e) => failed.set(Some(e.message)),
            }
        });
    });
    view! {
        <section class="page home-page">
            <div class="page-head">
                <h1 id="page-title">{move || t("home-title")}</h1>
                <button
                        id="home-scope-all"
                        type="button"
                        class="button toggle"
                        aria-pressed=move || if all.get() { "true" } else { "false" }
                        on:click=move |_| all.update(|a| *a = !*a)
                    >
                        {move || t("home-scope-all")}
                    </button>
            </div>
            {move || match state.session.current() {
                Some(b) => {
                    view! {
                        <p class="business-line">
                            <span id="home-business-name" class="business-title">
                                {b.business.name.clone()}
                            </span>
                            <Show when=move || all.get()>
                                <span class="scope-note">{move || t("home-all-businesses")}</span>
                            </Show>
                            <span id="home-business-role" class="muted">
                                {role_words(&b.business.role)}
                            </span>
                            <span id="home-business-currency" class="muted">
                                {b
                                    .business
                                    .currency_code
                                    .as_ref()
                                    .map_or_else(|| t("home-no-currency"), ToString::to_string)}
                            </span>
                        </p>
                    }
                        .into_any()
                }
                None => view! { <p class="muted">{move || t("home-no-business")}</p> }.into_any(),
            }}
            {move || failed.get().map(|m| view! { <p class="notice notice-error" role="alert">{m}</p> })}
            <div class="figures">
                <Figure id="home-unbilled" title="home-unbilled">
                    {move || summary.get().map(|s| unbilled(&s))}
                </Figure>
                <Figure id="home-outstanding" title="home-outstanding">
                    {move || summary.get().map(|s| receivable(&s.receivable, false))}
                </Figure>
                <Figure id="home-overdue" title="home-overdue">
                    {move || summary.get().map(|s| receivable(&s.receivable, true))}
                </Figure>
            </div>
            <section class="aging" aria-labelledby="aging-title">
                <h2 id="aging-title">{move || t("home-aging-title")}</h2>
                <p class="muted">{move || t("home-aging-intro")}</p>
                <AgingChart items=Signal::derive(move || {
                    summary.with(|s| s.as_ref().map(|s| s.aging.clone()).unwrap_or_default())
                }) />
            </section>
        </section>
    }
}

/// A figure's card: a heading and the list of per-currency links.
#[component]
fn Figure(id: &'static str, title: &'static str, children: Children) -> impl IntoView {
    let heading = format!("{id}-title");
    let labelled_by = heading.clone();
    view! {
        <section class="figure-card" aria-labelledby=labelled_by>
            <h2 id=heading class="figure-title">{move || t(title)}</h2>
            <ul id=id class="figure-list">{children()}</ul>
        </section>
    }
}

fn nothing(key: &'static str) -> AnyView {
    view! { <li class="muted">{move || t(key)}</li> }.into_any()
}

fn unbilled(s: &HomeSummary) -> AnyView {
    let without = s.unbilled_without_currency;
    if s.unbilled.is_empty() && without.entries == 0 {
        return nothing("home-unbilled-none");
    }
    let rows = s.unbilled.iter().map(|f: &UnbilledFigures| {
        let code = f.currency.to_string();
        let seconds = f.total.seconds;
        let amount = f.amount.clone();
        let no_rate = f.without_rate;
        view! {
            <li data-currency=code>
                <a class="figure" href="/time?billed=unbilled">
                    <span class="figure-amount">{move || fmt_money(&amount)}</span>
                    <span class="figure-detail">{move || fmt_hours(seconds)}</span>
                </a>
                {(no_rate.entries > 0)
                    .then(|| {
                        view! {
                            <p class="figure-note">
                                {move || {
                                    t_args(
                                        "home-unbilled-without-rate",
                                        &[
                                            ("count", i64::from(no_rate.entries).into()),
                                            ("hours", fmt_hours(no_rate.seconds).into()),
                                        ],
                                    )
                                }}
                            </p>
                        }
                    })}
            </li>
        }
    });
    view! {
        {rows.collect_view()}
        {(without.entries > 0)
            .then(|| {
                view! {
                    <li data-currency="">
                        <a class="figure" href="/time?billed=unbilled">
                            <span class="figure-detail">
                                {move || {
                                    t_args(
                                        "home-unbilled-no-currency",
                                        &[("hours", fmt_hours(without.seconds).into())],
                                    )
                                }}
                            </span>
                        </a>
                    </li>
                }
            })}
    }
    .into_any()
}

fn receivable(items: &[ReceivableFigures], overdue: bool) -> AnyView {
    let shown: Vec<(Money, u32)> = items
        .iter()
        .map(|r| {
            if overdue {
                (r.overdue.clone(), r.overdue_count)
            } else {
                (r.outstanding.clone(), r.outstanding_count)
            }
        })
        .filter(|(_, count)| *count > 0)
        .collect();
    if shown.is_empty() {
        return nothing(if overdue {
            "home-overdue-none"
        } else {
            "home-outstanding-none"
        });
    }
    let href = if overdue {
        "/invoices?status=overdue"
    } else {
        "/invoices?status=outstanding"
    };
    shown
        .into_iter()
        .map(|(money, count)| {
            let code = money.currency.to_string();
            view! {
                <li data-currency=code>
                    <a class="figure" class:figure-late=overdue href=href>
                        <span class="figure-amount">{move || fmt_money(&money)}</span>
                        <span class="figure-detail">
                            {move || t_args("home-invoices-count", &[("count", i64::from(count).into())])}
                        </span>
                    </a>
                </li>
            }
        })
        .collect_view()
        .into_any()
}
