//! The live preview of a [`Draft`]: its lines (name, description, hours, rate and where the rate
//! came from, amount, taxes), the subtotal, each tax and the total in the invoice's currency
//! (each with its exact amount in `data-amount`), the warnings, and the guard before
//! FreshBooks' 400-line limit with its one-button way out. Each tax's total is the draft's
//! ([`Draft::taxes`], computed by the core's drafting rules as the invoice's page totals it):
//! the preview computes no figure of its own.
//!
//! Ids: `#draft-preview` (rows `tr.draft-line`: `.draft-line-name`, `.draft-line-description`,
//! `.draft-line-hours`, `.draft-line-rate`, `.draft-line-source`, `.draft-line-amount`,
//! `.draft-line-taxes`), `#draft-subtotal`, `.draft-tax-total[data-tax]`, `#draft-total`,
//! `.draft-warning[data-warning]`, `#draft-warning-include` / `#draft-warning-leave-out`,
//! `#draft-too-many-lines`, `#draft-use-grouping`.

use ledgerline_model::draft::{Draft, DraftLine, DraftWarning, Grouping, RateSource};
use ledgerline_model::ids::TimeEntryId;
use ledgerline_model::ipc::DraftingSetup;
use leptos::prelude::*;

use super::options::grouping_label;
use crate::i18n::{fmt_decimal, fmt_money, t, t_args};

/// What the 400-line guard shows: the lines the draft would have, the limit, and the layout
/// proposed instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooManyLines {
    /// Lines the draft would have.
    pub lines: usize,
    /// FreshBooks' limit.
    pub max: usize,
    /// The layout offered by the button.
    pub proposed: Grouping,
}

/// The preview.
#[component]
pub fn DraftPreview(
    /// The draft shown (`None`: nothing to show yet).
    #[prop(into)]
    draft: Signal<Option<Draft>>,
    /// The setup, for the names of projects, services and team members.
    #[prop(into)]
    setup: Signal<Option<DraftingSetup>>,
    /// A newer preview is on its way.
    #[prop(into)]
    busy: Signal<bool>,
    /// The 400-line guard, when the choices make too many lines.
    #[prop(into)]
    too_many: Signal<Option<TooManyLines>>,
    /// Switches to the proposed layout.
    #[prop(into)]
    on_use_grouping: Callback<Grouping>,
    /// Brings the non-billable entries in (`true`) or leaves them out (`false`).
    #[prop(into)]
    on_non_billable: Callback<bool>,
) -> impl IntoView {
    let has_lines = move || draft.with(|d| d.as_ref().is_some_and(|d| !d.lines.is_empty()));
    view! {
        <section id="draft-preview" class="draft-preview" aria-busy=move || busy.get().to_string() aria-labelledby="draft-preview-title">
            <h2 id="draft-preview-title">{move || t("drafting-preview")}</h2>
            {move || too_many.get().map(|g| view! {
                <div id="draft-too-many-lines" class="notice notice-error" role="alert" data-lines=g.lines.to_string()>
                    <p class="notice-message">
                        {move || t_args("drafting-too-many-lines", &[("lines", g.lines.into()), ("max", g.max.into())])}
                    </p>
                    <div class="notice-actions">
                        <button
                            id="draft-use-grouping"
                            type="button"
                            class="button primary"
                            data-grouping=super::form::grouping_code(g.proposed)
                            on:click=move |_| on_use_grouping.run(g.proposed)
                        >
                            {move || t_args("drafting-use-grouping", &[("layout", t(grouping_label(g.proposed)).into())])}
                        </button>
                    </div>
                </div>
            })}
            {move || draft.get().map(|d| warnings(&d.warnings, on_non_billable))}
            <Show when=has_lines fallback=move || view! { <p class="muted empty">{move || t("drafting-preview-empty")}</p> }>
                <table class="table draft-lines">
                    <thead>
                        <tr>
                            <th scope="col">{move || t("drafting-line-item")}</th>
                            <th scope="col" class="num">{move || t("drafting-line-hours")}</th>
                            <th scope="col" class="num">{move || t("drafting-line-rate")}</th>
                            <th scope="col" class="num">{move || t("drafting-line-amount")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let setup = setup.get();
                            draft
                                .get()
                                .map(|d| d.lines.into_iter().map(|l| line_row(l, setup.as_ref())).collect_view())
                        }}
                    </tbody>
                </table>
                {move || draft.get().map(totals)}
            </Show>
        </section>
    }
}

fn warnings(list: &[DraftWarning], on_non_billable: Callback<bool>) -> impl IntoView + use<> {
    list.iter()
        .cloned()
        .map(|w| match w {
            DraftWarning::ZeroRate { entries } => {
                let count = entries.len();
                view! {
                    <p class="notice draft-warning" role="status" data-warning="zero_rate" data-entries=ids(&entries)>
                        {move || t_args("drafting-warning-zero-rate", &[("count", count.into())])}
                    </p>
                }
                .into_any()
            }
            DraftWarning::NonBillable { entries, included } => {
                let count = entries.len();
                let entries_text = ids(&entries);
                view! {
                    <p class="notice draft-warning" role="status" data-warning="non_billable" data-entries=entries_text data-included=included.to_string()>
                        {move || if included {
                            t_args("drafting-warning-non-billable-included", &[("count", count.into())])
                        } else {
                            t_args("drafting-warning-non-billable", &[("count", count.into())])
                        }}
                        " "
                        {if included {
                            view! {
                                <button id="draft-warning-leave-out" type="button" class="button quiet" on:click=move |_| on_non_billable.run(false)>
                                    {move || t("drafting-leave-out-non-billable")}
                                </button>
                            }
                            .into_any()
                        } else {
                            view! {
                                <button id="draft-warning-include" type="button" class="button quiet" on:click=move |_| on_non_billable.run(true)>
                                    {move || t("drafting-include-them")}
                                </button>
                            }
                            .into_any()
                        }}
                    </p>
                }
                .into_any()
            }
        })
        .collect_view()
}

fn ids(entries: &[TimeEntryId]) -> String {
    entries
        .iter()
        .map(|e| e.get().to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where a line's rate came from, in words.
fn source_text(source: RateSource, setup: Option<&DraftingSetup>) -> String {
    let project = |id| {
        setup.and_then(|s| {
            s.projects
                .iter()
                .find(|(p, _, _)| *p == id)
                .map(|(_, n, _)| n.clone())
        })
    };
    let named = |key, name: Option<String>| match name {
        Some(name) => format!("{} · {name}", t(key)),
        None => t(key),
    };
    match source {
        RateSource::Project(id) => named("drafting-source-project", project(id)),
        RateSource::Service(id) => named(
            "drafting-source-service",
            setup.and_then(|s| {
                s.entries
                    .iter()
                    .find(|e| e.service == Some(id))
                    .and_then(|e| e.service_name.clone())
            }),
        ),
        RateSource::TeamMember(id) => named(
            "drafting-source-member",
            setup.and_then(|s| {
                s.entries
                    .iter()
                    .find(|e| e.member == Some(id))
                    .and_then(|e| e.member_name.clone())
            }),
        ),
        RateSource::Business => t("drafting-source-business"),
        RateSource::FlatFee(id) => named("drafting-source-flat-fee", project(id)),
    }
}

fn source_code(source: RateSource) -> &'static str {
    match source {
        RateSource::Project(_) => "project",
        RateSource::Service(_) => "service",
        RateSource::TeamMember(_) => "team_member",
        RateSource::Business => "business",
        RateSource::FlatFee(_) => "flat_fee",
    }
}

fn line_row(line: DraftLine, setup: Option<&DraftingSetup>) -> impl IntoView + use<> {
    let source = source_text(line.rate_source, setup);
    let taxes = line
        .taxes
        .iter()
        .map(|t| t.name.clone())
        .collect::<Vec<_>>()
        .join(" + ");
    let hours = line.hours;
    let rate = line.rate.clone();
    let amount = line.amount.clone();
    view! {
        <tr class="draft-line" data-entries=ids(&line.entries)>
            <td>
                <div class="draft-line-name">{line.name}</div>
                <div class="draft-line-description muted">{line.description}</div>
                <div class="draft-line-meta">
                    <span class="draft-line-source" data-source=source_code(line.rate_source)>{source}</span>
                    {(!taxes.is_empty()).then(|| view! { <span class="draft-line-taxes">{taxes}</span> })}
                </div>
            </td>
            <td class="num draft-line-hours" data-amount=hours.to_string()>{move || fmt_decimal(hours, 2)}</td>
            <td class="num draft-line-rate" data-amount=line.rate.amount.to_string()>{move || fmt_money(&rate)}</td>
            <td class="num draft-line-amount" data-amount=line.amount.amount.to_string()>{move || fmt_money(&amount)}</td>
        </tr>
    }
}

fn totals(draft: Draft) -> impl IntoView {
    let subtotal = draft.subtotal.clone();
    let total = draft.total.clone();
    let tax_rows = draft
        .taxes
        .into_iter()
        .map(|line| {
            let amount = line.amount.clone();
            let key = if line.tax.compound {
                "drafting-tax-total-compound"
            } else {
                "drafting-tax-total"
            };
            let name = line.tax.name.clone();
            let percent = line.tax.percent;
            view! {
                <div class="draft-tax-total-row">
                    <dt>{move || t_args(key, &[("name", name.clone().into()), ("percent", fmt_decimal(percent, 3).into())])}</dt>
                    <dd class="num draft-tax-total" data-tax=line.tax.name data-amount=line.amount.amount.to_string()>
                        {move || fmt_money(&amount)}
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <dl class="draft-totals">
            <div>
                <dt>{move || t("drafting-subtotal")}</dt>
                <dd id="draft-subtotal" class="num" data-amount=draft.subtotal.amount.to_string()>{move || fmt_money(&subtotal)}</dd>
            </div>
            {tax_rows}
            <div class="draft-grand-total">
                <dt>{move || t("drafting-total")}</dt>
                <dd id="draft-total" class="num" data-amount=draft.total.amount.to_string()>{move || fmt_money(&total)}</dd>
            </div>
        </dl>
    }
}
