//! An invoice's page (`/invoices/<id>`): its number (or "pending" while FreshBooks has not
//! numbered it), client, dates and state; its lines; the subtotal, each tax and the total, each
//! also as the exact amount in `data-amount`; the PDF and the email (see [`super::actions`]).
//!
//! The page follows the data: after each sync or change it asks for the invoice again. An
//! invoice made here is opened by its local (negative) id; once a sync sends it, the shell
//! answers it under FreshBooks' id, and the page moves its address to that id without being
//! drawn again (an open dialog or notice stays).
//!
//! Stable ids: `#invoice-title`, `#invoice-number` or `#invoice-pending`, `#invoice-state`,
//! `#invoice-client`, `#invoice-date`, `#invoice-due`, `#invoice-lines` with rows
//! `tr.invoice-line` (`.invoice-line-name`, `.invoice-line-qty`, `.invoice-line-rate`,
//! `.invoice-line-amount`), `#invoice-subtotal`, `.invoice-tax-total[data-tax]`,
//! `#invoice-discount`, `#invoice-total`, `#invoice-outstanding`, `#invoice-not-found`.

use ledgerline_model::entity::InvoiceLine;
use ledgerline_model::error::{ErrorCode, ErrorPayload};
use ledgerline_model::ipc::InvoiceDetail;
use ledgerline_model::money::Money;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_params_map};

use super::actions::{OnlineActions, UndoInvoice};
use super::rows::StateWord;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::{fmt_date, fmt_decimal, fmt_money, t, t_args};
use crate::screens_api::{self, Latest, data_version};
use crate::state::use_state;

/// Which invoice page to draw for the address's id: the one drawn stays when the address moves
/// to the id its invoice took (`followed`: the id the drawn page follows now).
pub fn page_key(
    route: Option<i64>,
    followed: Option<i64>,
    drawn: Option<Option<i64>>,
) -> Option<i64> {
    match drawn {
        Some(drawn) if route.is_some() && route == followed => drawn,
        _ => route,
    }
}

/// The page for `/invoices/:id`.
#[component]
pub fn InvoicePage() -> impl IntoView {
    let params = use_params_map();
    let route = Memo::new(move |_| {
        params
            .with(|p| p.get("id"))
            .and_then(|s| s.parse::<i64>().ok())
    });
    let followed = RwSignal::new(None::<i64>);
    let key = Memo::new(move |drawn: Option<&Option<i64>>| {
        page_key(route.get(), followed.get_untracked(), drawn.copied())
    });
    view! {
        <section class="page invoice-page">
            {move || match key.get() {
                Some(id) => {
                    followed.set(Some(id));
                    view! { <InvoiceLoader id followed /> }.into_any()
                }
                None => view! { <NotFound /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <div class="page-head">
            <h1 id="page-title">{move || t("invoices-title")}</h1>
            <a class="button subtle" href="/invoices">{move || t("common-back")}</a>
        </div>
        <p id="invoice-not-found" class="notice notice-error" role="alert">{move || t("invoices-not-found")}</p>
    }
}

/// Asks for the invoice (again after each change of the data) and draws it.
#[component]
fn InvoiceLoader(id: i64, followed: RwSignal<Option<i64>>) -> impl IntoView {
    let state = use_state();
    let navigate = use_navigate();
    let version = data_version(state);
    let reload = RwSignal::new(0_u32);
    let shown = RwSignal::new(None::<RwSignal<InvoiceDetail>>);
    let failure = RwSignal::new(None::<ErrorPayload>);
    let latest = Latest::new();
    Effect::new(move |_| {
        version.track();
        reload.track();
        let asked = followed.get_untracked().unwrap_or(id);
        let n = latest.next();
        let navigate = navigate.clone();
        spawn_local(async move {
            let answer = screens_api::invoice(asked).await;
            if !latest.is_current(n) {
                return;
            }
            match answer {
                Ok(detail) => {
                    let now = detail.row.id;
                    match shown.get_untracked() {
                        Some(signal) => signal.set(detail),
                        None => shown.set(Some(RwSignal::new(detail))),
                    }
                    failure.set(None);
                    if now != asked {
                        // FreshBooks numbered it: the address follows, the page stays.
                        followed.set(Some(now));
                        navigate(
                            &format!("/invoices/{now}"),
                            NavigateOptions {
                                replace: true,
                                scroll: false,
                                ..NavigateOptions::default()
                            },
                        );
                    }
                }
                Err(error) => failure.set(Some(error)),
            }
        });
    });
    view! {
        {move || shown.get().map(|detail| view! { <InvoiceView detail /> })}
        {move || {
            failure
                .get()
                .map(|error| {
                    if matches!(error.code, ErrorCode::RecordNotFound { .. }) && shown.with(Option::is_none) {
                        view! { <NotFound /> }.into_any()
                    } else {
                        view! {
                            <ErrorNotice
                                error
                                id="invoice-error"
                                retry=Some(Callback::new(move |()| reload.update(|n| *n += 1)))
                                on_dismiss=move |()| failure.set(None)
                            />
                        }
                            .into_any()
                    }
                })
        }}
        <Show when=move || shown.with(Option::is_none) && failure.with(Option::is_none)>
            <p class="muted">{move || t("common-loading")}</p>
        </Show>
    }
}

/// One invoice: header, lines, totals and what can be done with it.
#[component]
pub fn InvoiceView(detail: RwSignal<InvoiceDetail>) -> impl IntoView {
    let number = move || detail.with(|d| d.row.number.clone());
    let title = move || match number() {
        Some(n) => t_args("invoices-detail-title", &[("number", n.into())]),
        None => t("invoices-detail-title-pending"),
    };
    let client = move || {
        detail.with(|d| {
            d.row
                .client_name
                .clone()
                .unwrap_or_else(|| t("invoices-no-client"))
        })
    };
    let client_href = move || detail.with(|d| format!("/clients/{}", d.invoice.client_id.get()));
    let created = move || detail.with(|d| d.row.create_date.or(d.invoice.create_date));
    let due = move || detail.with(|d| d.row.due_date.or(d.invoice.due_date));
    let pending_seq = move || detail.with(|d| d.pending_seq);
    view! {
        <div class="page-head">
            <h1 id="invoice-title">{title}</h1>
            <a class="button subtle" href="/invoices">{move || t("common-back")}</a>
        </div>
        <dl class="invoice-facts">
            <div>
                <dt>{move || t("invoices-column-number")}</dt>
                <dd>
                    {move || match number() {
                        Some(n) => view! { <span id="invoice-number">{n}</span> }.into_any(),
                        None => view! {
                            <span id="invoice-pending" class="badge badge-pending" title=move || t("invoices-pending-title")>
                                {move || t("invoices-pending")}
                            </span>
                        }
                            .into_any(),
                    }}
                </dd>
            </div>
            <div>
                <dt>{move || t("invoices-column-status")}</dt>
                <dd>{move || view! { <StateWord id="invoice-state" state=detail.with(|d| d.row.state.clone()) /> }}</dd>
            </div>
            <div>
                <dt>{move || t("invoices-column-client")}</dt>
                <dd><a id="invoice-client" href=client_href>{client}</a></dd>
            </div>
            <div>
                <dt>{move || t("invoices-column-date")}</dt>
                <dd id="invoice-date">{move || created().map(fmt_date).unwrap_or_default()}</dd>
            </div>
            <div>
                <dt>{move || t("invoices-column-due")}</dt>
                <dd id="invoice-due">{move || due().map(fmt_date).unwrap_or_default()}</dd>
            </div>
            {move || {
                detail
                    .with(|d| d.last_emailed)
                    .map(|at| {
                        view! {
                            <div>
                                <dt>{move || t("invoices-last-emailed")}</dt>
                                <dd id="invoice-last-emailed">{move || fmt_date(at.date_naive())}</dd>
                            </div>
                        }
                    })
            }}
        </dl>
        {move || pending_seq().map(|seq| view! { <UndoInvoice seq /> })}
        <OnlineActions detail />
        <table id="invoice-lines" class="table invoice-lines">
            <thead>
                <tr>
                    <th scope="col">{move || t("invoices-line-item")}</th>
                    <th scope="col" class="num">{move || t("invoices-line-qty")}</th>
                    <th scope="col" class="num">{move || t("invoices-line-rate")}</th>
                    <th scope="col">{move || t("invoices-line-taxes")}</th>
                    <th scope="col" class="num">{move || t("invoices-line-amount")}</th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    detail
                        .with(|d| d.invoice.lines.clone().unwrap_or_default())
                        .into_iter()
                        .map(line_row)
                        .collect_view()
                }}
            </tbody>
            <tfoot>{move || detail.with(totals)}</tfoot>
        </table>
    }
}

/// One line.
fn line_row(line: InvoiceLine) -> impl IntoView {
    let taxes = [line.tax1.as_ref(), line.tax2.as_ref()]
        .into_iter()
        .flatten()
        .map(|tax| tax.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let qty = line.qty;
    let rate = line.unit_cost.clone();
    let amount = line.amount.clone();
    let exact = amount.as_ref().map(|m| m.amount.to_string());
    view! {
        <tr class="invoice-line">
            <td class="invoice-line-name">
                <span class="invoice-line-title">{line.name.unwrap_or_default()}</span>
                {line
                    .description
                    .filter(|d| !d.trim().is_empty())
                    .map(|d| view! { <span class="invoice-line-description muted">{d}</span> })}
            </td>
            <td class="invoice-line-qty num" data-qty=qty.to_string()>{move || fmt_decimal(qty, 4)}</td>
            <td class="invoice-line-rate num">{move || rate.as_ref().map(fmt_money).unwrap_or_default()}</td>
            <td class="invoice-line-taxes">{taxes}</td>
            <td class="invoice-line-amount num" data-amount=exact>
                {move || amount.as_ref().map(fmt_money).unwrap_or_default()}
            </td>
        </tr>
    }
}

/// A totals row: its words, its amount (formatted, and exact in `data-amount`).
fn total_row(
    id: Option<&'static str>,
    class: &'static str,
    label: String,
    money: &Money,
    tax: Option<String>,
) -> impl IntoView + use<> {
    let text = fmt_money(money);
    view! {
        <tr class=class>
            <th scope="row" colspan="4" class="num">{label}</th>
            <td id=id class=format!("num {class}-amount") data-amount=money.amount.to_string() data-tax=tax>
                {text}
            </td>
        </tr>
    }
}

/// Subtotal, each tax, any discount, the total and what is still owed.
fn totals(d: &InvoiceDetail) -> impl IntoView + use<> {
    let taxes = d
        .taxes
        .iter()
        .map(|tax| {
            let percent = fmt_decimal(tax.tax.percent, 3);
            let label = t_args(
                "invoices-tax-total",
                &[("tax", (&tax.tax.name).into()), ("percent", percent.into())],
            );
            view! {
                <tr class="invoice-tax-row">
                    <th scope="row" colspan="4" class="num">{label}</th>
                    <td
                        class="num invoice-tax-total"
                        data-tax=tax.tax.name.clone()
                        data-amount=tax.amount.amount.to_string()
                    >
                        {fmt_money(&tax.amount)}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let discount = d
        .invoice
        .discount_total
        .as_ref()
        .filter(|m| !m.amount.is_zero())
        .map(|m| {
            total_row(
                Some("invoice-discount"),
                "invoice-discount-row",
                t("invoices-discount"),
                m,
                None,
            )
        });
    let outstanding = d
        .row
        .outstanding
        .as_ref()
        .filter(|o| o.amount != d.total.amount)
        .map(|m| {
            total_row(
                Some("invoice-outstanding"),
                "invoice-outstanding-row",
                t("invoices-total-outstanding"),
                m,
                None,
            )
        });
    view! {
        {total_row(Some("invoice-subtotal"), "invoice-subtotal-row", t("invoices-subtotal"), &d.subtotal, None)}
        {taxes}
        {discount}
        {total_row(Some("invoice-total"), "invoice-total-row", t("invoices-total"), &d.total, None)}
        {outstanding}
    }
}
