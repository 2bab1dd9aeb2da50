//! The wizard's choices of how the invoice reads: the layout, rounding, taxes, the description
//! template, and the business's hourly rate when an entry needs it.
//!
//! Ids: `#draft-grouping`, `#draft-rounding-increment`, `#draft-rounding-mode`,
//! `#draft-rounding-minimum`, `#draft-tax-1`, `#draft-tax-2`, `#draft-template`,
//! `#draft-business-rate`, `#draft-business-rate-save`, `#draft-business-rate-change`.

use std::str::FromStr;

use ledgerline_model::draft::Grouping;
use ledgerline_model::ipc::DraftingSetup;
use leptos::prelude::*;
use rust_decimal::Decimal;

use super::form::{INCREMENTS, WizardForm, grouping_code};
use crate::components::field::{Choice, SelectField, TextField};
use crate::i18n::{fmt_decimal, t, t_args};

/// A layout's label (catalog key).
pub fn grouping_label(grouping: Grouping) -> &'static str {
    match grouping {
        Grouping::PerEntry => "drafting-grouping-per-entry",
        Grouping::ByService => "drafting-grouping-by-service",
        Grouping::ByProject => "drafting-grouping-by-project",
        Grouping::ByProjectAndService => "drafting-grouping-by-project-and-service",
        Grouping::ByTeamMember => "drafting-grouping-by-team-member",
        Grouping::ByDay => "drafting-grouping-by-day",
        Grouping::Summary => "drafting-grouping-summary",
    }
}

fn increment_label(seconds: i64) -> &'static str {
    match seconds {
        360 => "drafting-rounding-6",
        900 => "drafting-rounding-15",
        1800 => "drafting-rounding-30",
        _ => "drafting-rounding-none",
    }
}

/// Layout and rounding.
#[component]
pub fn LayoutStep(form: WizardForm) -> impl IntoView {
    let no_problem = Signal::derive(|| None::<String>);
    let groupings = Signal::derive(|| {
        Grouping::ALL
            .into_iter()
            .map(|g| Choice {
                value: grouping_code(g).to_owned(),
                label: t(grouping_label(g)),
            })
            .collect::<Vec<_>>()
    });
    let increments = Signal::derive(|| {
        INCREMENTS
            .into_iter()
            .map(|s| Choice {
                value: s.to_string(),
                label: t(increment_label(s)),
            })
            .collect::<Vec<_>>()
    });
    // "Down" only when it is what was remembered (the wizard offers up or nearest).
    let modes = Signal::derive(move || {
        let mut list = vec![
            Choice {
                value: "up".to_owned(),
                label: t("drafting-rounding-up"),
            },
            Choice {
                value: "nearest".to_owned(),
                label: t("drafting-rounding-nearest"),
            },
        ];
        if form.mode.with(|m| m == "down") {
            list.push(Choice {
                value: "down".to_owned(),
                label: t("drafting-rounding-down"),
            });
        }
        list
    });
    let exact = Signal::derive(move || form.increment.with(|i| i == "0"));
    let minimum_problem = Signal::derive(move || {
        form.minimum.with(|m| {
            let m = m.trim();
            (!m.is_empty() && m.parse::<u32>().is_err()).then(|| t("drafting-minimum-problem"))
        })
    });
    view! {
        <fieldset class="form-group draft-step" id="draft-step-layout">
            <legend>{move || t("drafting-step-layout")}</legend>
            <div class="form-row">
                <SelectField
                    id="draft-grouping"
                    label=Signal::derive(|| t("drafting-grouping"))
                    value=form.grouping
                    choices=groupings
                    problem=no_problem
                />
                <SelectField
                    id="draft-rounding-increment"
                    label=Signal::derive(|| t("drafting-rounding"))
                    value=form.increment
                    choices=increments
                    problem=no_problem
                />
                <SelectField
                    id="draft-rounding-mode"
                    label=Signal::derive(|| t("drafting-rounding-mode"))
                    value=form.mode
                    choices=modes
                    problem=no_problem
                    disabled=exact
                />
                <TextField
                    id="draft-rounding-minimum"
                    kind="number"
                    label=Signal::derive(|| t("drafting-rounding-minimum"))
                    value=form.minimum
                    problem=minimum_problem
                    hint=Signal::derive(|| t("drafting-rounding-minimum-hint"))
                />
            </div>
            <p class="field-hint">{move || t("drafting-rounding-hint")}</p>
        </fieldset>
    }
}

/// Taxes and the description template.
#[component]
pub fn TaxStep(
    #[prop(into)] setup: Signal<Option<DraftingSetup>>,
    form: WizardForm,
) -> impl IntoView {
    let no_problem = Signal::derive(|| None::<String>);
    let taxes = Signal::derive(move || {
        let mut list = vec![Choice {
            value: String::new(),
            label: t("drafting-tax-none"),
        }];
        setup.with(|s| {
            if let Some(s) = s {
                list.extend(s.taxes.iter().map(|c| {
                    let args = [
                        ("name", c.tax.name.clone().into()),
                        ("percent", fmt_decimal(c.tax.percent, 3).into()),
                    ];
                    Choice {
                        value: c.id.get().to_string(),
                        label: if c.tax.compound {
                            t_args("drafting-tax-option-compound", &args)
                        } else {
                            t_args("drafting-tax-option", &args)
                        },
                    }
                }));
            }
        });
        list
    });
    let no_second = Signal::derive(move || form.tax1.with(String::is_empty));
    view! {
        <fieldset class="form-group draft-step" id="draft-step-taxes">
            <legend>{move || t("drafting-step-taxes")}</legend>
            <div class="form-row">
                <SelectField id="draft-tax-1" label=Signal::derive(|| t("drafting-tax-1")) value=form.tax1 choices=taxes problem=no_problem />
                <SelectField
                    id="draft-tax-2"
                    label=Signal::derive(|| t("drafting-tax-2"))
                    value=form.tax2
                    choices=taxes
                    problem=no_problem
                    disabled=no_second
                />
            </div>
            <p class="field-hint">{move || t("drafting-tax-hint")}</p>
            <TextField
                id="draft-template"
                label=Signal::derive(|| t("drafting-template"))
                value=form.template
                problem=no_problem
                hint=Signal::derive(|| t("drafting-template-hint"))
            />
            <ul class="draft-placeholders" aria-label=move || t("drafting-placeholders")>
                {[
                    ("{service}", "drafting-placeholder-service"),
                    ("{project}", "drafting-placeholder-project"),
                    ("{member}", "drafting-placeholder-member"),
                    ("{date}", "drafting-placeholder-date"),
                    ("{note}", "drafting-placeholder-note"),
                ]
                    .into_iter()
                    .map(|(code, key)| view! {
                        <li>
                            <code>{code}</code>
                            " "
                            {move || t(key)}
                        </li>
                    })
                    .collect_view()}
            </ul>
        </fieldset>
    }
}

/// The business's hourly rate: asked when an entry needs it, else changeable on request.
#[component]
pub fn BusinessRateField(
    #[prop(into)] setup: Signal<Option<DraftingSetup>>,
    /// Keeps a rate (the page calls `set_business_rate`, then reads the setup again).
    #[prop(into)]
    on_save: Callback<Decimal>,
    /// A save is under way.
    #[prop(into)]
    saving: Signal<bool>,
    /// The role may not write.
    #[prop(into)]
    disabled: Signal<bool>,
    /// The field is open to change the rate (a refusal's button opens it too).
    asking: RwSignal<bool>,
) -> impl IntoView {
    let needed = move || setup.with(|s| s.as_ref().is_some_and(|s| s.needs_business_rate));
    let known = move || setup.with(|s| s.as_ref().and_then(|s| s.business_rate));
    let changing = asking;
    let value = RwSignal::new(String::new());
    Effect::new(move || {
        value.set(known().map(|r| r.to_string()).unwrap_or_default());
    });
    let tried = RwSignal::new(false);
    let parsed = move || {
        value.with(|v| {
            Decimal::from_str(v.trim().replace(',', ".").as_str())
                .ok()
                .filter(|d| *d >= Decimal::ZERO)
        })
    };
    let problem = Signal::derive(move || {
        (tried.get() && parsed().is_none()).then(|| t("drafting-business-rate-problem"))
    });
    let save = move || {
        tried.set(true);
        if let Some(rate) = parsed() {
            changing.set(false);
            on_save.run(rate);
        }
    };
    let open = move || needed() || changing.get();
    view! {
        <Show when=move || setup.with(Option::is_some)>
            <div class="draft-business-rate" class:needed=needed>
                <Show
                    when=open
                    fallback=move || {
                        view! {
                            <p class="muted">
                                {move || match known() {
                                    Some(rate) => t_args("drafting-business-rate-is", &[("rate", fmt_decimal(rate, 2).into())]),
                                    None => t("drafting-business-rate-unset"),
                                }}
                                " "
                                <button
                                    id="draft-business-rate-change"
                                    type="button"
                                    class="button quiet"
                                    disabled=move || disabled.get()
                                    on:click=move |_| changing.set(true)
                                >
                                    {move || t("drafting-business-rate-change")}
                                </button>
                            </p>
                        }
                    }
                >
                    <Show when=needed>
                        <p class="notice" role="status">{move || t("drafting-business-rate-needed")}</p>
                    </Show>
                    <div class="form-row draft-rate-row">
                        <TextField
                            id="draft-business-rate"
                            kind="text"
                            label=Signal::derive(|| t("drafting-business-rate"))
                            value
                            problem
                            hint=Signal::derive(|| t("drafting-business-rate-hint"))
                            disabled
                        />
                        <button
                            id="draft-business-rate-save"
                            type="button"
                            class="button"
                            disabled=move || disabled.get() || saving.get()
                            on:click=move |_| save()
                        >
                            {move || t("drafting-business-rate-save")}
                        </button>
                    </div>
                </Show>
            </div>
        </Show>
    }
}
