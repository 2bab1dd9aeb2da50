//! The client form (`#client-form`): the fields of `NewClient`/`ClientUpdate`, checked as the core
//! checks them before anything is queued, each problem said next to its field (`#<field>-problem`)
//! with how to fix it; on save the focus goes to the first field with a problem. The core's own
//! refusals (`invalid_field`) land next to their fields too.
//!
//! Rules (mirroring `crates/core/src/edit.rs` `check_client_name` and the model's
//! `CurrencyCode::new`): an organization, or a first or last name; an email, when given, shaped
//! `name@domain.tld`; a currency, when given, three letters.

use ledgerline_model::entity::{Address, Client, ClientUpdate, NewClient};
use ledgerline_model::error::{ErrorCode, ErrorPayload, FieldProblem};
use ledgerline_model::money::CurrencyCode;
use leptos::prelude::*;

use crate::components::field::{TextAreaField, TextField, focus_first_problem};
use crate::i18n::{t, t_args};

/// The form's fields, in form order: (element id, the model's field name).
pub const FIELDS: [(&str, &str); 14] = [
    ("client-organization", "organization"),
    ("client-first-name", "first_name"),
    ("client-last-name", "last_name"),
    ("client-email", "email"),
    ("client-business-phone", "business_phone"),
    ("client-mobile-phone", "mobile_phone"),
    ("client-street", "street"),
    ("client-street2", "street2"),
    ("client-city", "city"),
    ("client-province", "province"),
    ("client-postal-code", "postal_code"),
    ("client-country", "country"),
    ("client-currency", "currency_code"),
    ("client-note", "note"),
];

/// What is wrong with one field, as a catalog key and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// No organization and no name.
    NeedsName,
    /// Not shaped like an email address.
    Email,
    /// Not three letters.
    Currency,
    /// The core's or FreshBooks' words for another problem.
    Core(FieldProblem),
}

impl Problem {
    /// The sentence shown next to the field: what is wrong and how to fix it.
    pub fn text(&self) -> String {
        match self {
            Problem::NeedsName => t("clients-problem-needs-name"),
            Problem::Email => t("clients-problem-email"),
            Problem::Currency => t("clients-problem-currency"),
            Problem::Core(FieldProblem::NeedsName) => t("clients-problem-needs-name"),
            Problem::Core(FieldProblem::NotACurrency { .. }) => t("clients-problem-currency"),
            Problem::Core(FieldProblem::CannotClear) => t("clients-problem-cannot-clear"),
            Problem::Core(FieldProblem::Required) => t("clients-problem-required"),
            Problem::Core(other) => t_args(
                "clients-problem-other",
                &[("detail", other.to_string().into())],
            ),
        }
    }
}

/// The values as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values {
    /// One text per [`FIELDS`] entry, in that order.
    pub texts: [String; 14],
}

impl Values {
    /// A client's values.
    pub fn of(c: &Client) -> Self {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        Self {
            texts: [
                text(&c.organization),
                text(&c.first_name),
                text(&c.last_name),
                text(&c.email),
                text(&c.business_phone),
                text(&c.mobile_phone),
                text(&c.address.street),
                text(&c.address.street2),
                text(&c.address.city),
                text(&c.address.province),
                text(&c.address.postal_code),
                text(&c.address.country),
                c.currency_code
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                text(&c.note),
            ],
        }
    }

    fn get(&self, field: &str) -> &str {
        FIELDS
            .iter()
            .position(|(_, name)| *name == field)
            .and_then(|i| self.texts.get(i))
            .map_or("", String::as_str)
    }

    fn opt(&self, field: &str) -> Option<String> {
        let v = self.get(field).trim();
        (!v.is_empty()).then(|| v.to_owned())
    }

    /// The new client these values describe (checked by [`check`] first).
    pub fn new_client(&self) -> NewClient {
        NewClient {
            first_name: self.opt("first_name"),
            last_name: self.opt("last_name"),
            organization: self.opt("organization"),
            email: self.opt("email"),
            business_phone: self.opt("business_phone"),
            mobile_phone: self.opt("mobile_phone"),
            address: Address {
                street: self.opt("street"),
                street2: self.opt("street2"),
                city: self.opt("city"),
                province: self.opt("province"),
                postal_code: self.opt("postal_code"),
                country: self.opt("country"),
            },
            currency_code: self
                .opt("currency_code")
                .and_then(|c| CurrencyCode::new(&c).ok()),
            language: None,
            note: self.opt("note"),
        }
    }

    /// What changed from `before`: only those fields; a text emptied clears its field. `None`
    /// when nothing changed.
    pub fn update_from(&self, before: &Values) -> Option<ClientUpdate> {
        let changed = |field: &str| {
            let now = self.get(field).trim();
            (now != before.get(field).trim()).then(|| now.to_owned())
        };
        let update = ClientUpdate {
            first_name: changed("first_name"),
            last_name: changed("last_name"),
            organization: changed("organization"),
            email: changed("email"),
            business_phone: changed("business_phone"),
            mobile_phone: changed("mobile_phone"),
            street: changed("street"),
            street2: changed("street2"),
            city: changed("city"),
            province: changed("province"),
            postal_code: changed("postal_code"),
            country: changed("country"),
            // FreshBooks cannot clear a client's currency: an emptied one is left as it was.
            currency_code: changed("currency_code")
                .filter(|c| !c.is_empty())
                .and_then(|c| CurrencyCode::new(&c).ok()),
            language: None,
            note: changed("note"),
        };
        (update != ClientUpdate::default()).then_some(update)
    }
}

/// Whether a text looks like an email address: one `@`, something before it, a domain with a
/// dot and no empty label after it, no spaces.
pub fn looks_like_email(text: &str) -> bool {
    let text = text.trim();
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && !text.chars().any(char::is_whitespace)
        && domain.contains('.')
        && domain.split('.').all(|label| !label.is_empty())
}

/// Every problem of the values, by element id, in form order.
pub fn check(values: &Values) -> Vec<(&'static str, Problem)> {
    let mut problems = Vec::new();
    let named = ["organization", "first_name", "last_name"]
        .iter()
        .any(|f| values.opt(f).is_some());
    if !named {
        problems.push(("client-organization", Problem::NeedsName));
    }
    if let Some(email) = values.opt("email")
        && !looks_like_email(&email)
    {
        problems.push(("client-email", Problem::Email));
    }
    if let Some(code) = values.opt("currency_code")
        && CurrencyCode::new(&code).is_err()
    {
        problems.push(("client-currency", Problem::Currency));
    }
    problems
}

/// The element id of the field a core refusal names (`client` for a missing name points at the
/// organization), if the form has it.
pub fn field_of(error: &ErrorPayload) -> Option<(&'static str, Problem)> {
    let ErrorCode::InvalidField { field, problem } = &error.code else {
        return None;
    };
    let id = match field.as_str() {
        "client" => "client-organization",
        "currency_code" => "client-currency",
        name => FIELDS.iter().find(|(_, f)| *f == name)?.0,
    };
    Some((id, Problem::Core(problem.clone())))
}

/// What the form hands its page on save.
#[derive(Debug, Clone)]
pub struct Submitted {
    /// The values, checked.
    pub values: Values,
}

/// The form. `initial` fills it (a client being edited); `on_save` gets checked values and
/// answers the core's refusal, if any, which lands next to its field.
#[component]
pub fn ClientForm(
    /// The values to start from.
    initial: Values,
    /// Whether the role may write (else every field and the save button are disabled).
    #[prop(into)]
    writable: Signal<bool>,
    /// A save is under way.
    #[prop(into)]
    busy: Signal<bool>,
    /// Saves checked values.
    #[prop(into)]
    on_save: Callback<Submitted>,
    /// A refusal from the shell to show next to its field (set by the page).
    #[prop(into)]
    refusal: Signal<Option<ErrorPayload>>,
) -> impl IntoView {
    let signals: Vec<RwSignal<String>> = initial
        .texts
        .iter()
        .map(|v| RwSignal::new(v.clone()))
        .collect();
    let values = {
        let signals = signals.clone();
        move || Values {
            texts: std::array::from_fn(|i| signals.get(i).map(|s| s.get()).unwrap_or_default()),
        }
    };
    // Problems appear on the first save and follow the values from then on.
    let tried = RwSignal::new(false);
    let local = {
        let values = values.clone();
        Memo::new(move |_| {
            if tried.get() {
                check(&values())
            } else {
                Vec::new()
            }
        })
    };
    let problem_of = move |id: &'static str| {
        Signal::derive(move || {
            local
                .with(|p| p.iter().find(|(f, _)| *f == id).map(|(_, p)| p.text()))
                .or_else(|| {
                    refusal.with(|r| {
                        r.as_ref()
                            .and_then(field_of)
                            .filter(|(f, _)| *f == id)
                            .map(|(_, p)| p.text())
                    })
                })
        })
    };
    let disabled = Signal::derive(move || !writable.get());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tried.set(true);
        let now = values();
        let problems = check(&now);
        let bad: Vec<(&'static str, bool)> = FIELDS
            .iter()
            .map(|(id, _)| (*id, problems.iter().any(|(f, _)| f == id)))
            .collect();
        if !focus_first_problem(&bad) && writable.get_untracked() {
            on_save.run(Submitted { values: now });
        }
    };
    // A refusal from the core moves the focus to its field.
    Effect::new(move || {
        if let Some((id, _)) = refusal.with(|r| r.as_ref().and_then(field_of)) {
            focus_first_problem(&[(id, true)]);
        }
    });
    let field = |i: usize, label: &'static str, kind: &'static str, required: bool| {
        let (id, _) = FIELDS[i];
        let value = signals[i];
        view! {
            <TextField
                id
                label=Signal::derive(move || t(label))
                value
                problem=problem_of(id)
                kind
                required
                disabled
            />
        }
    };
    let currency = signals[12];
    let note = signals[13];
    view! {
        <form id="client-form" class="form client-form" novalidate=true on:submit=submit>
            <fieldset class="form-group">
                <legend>{move || t("clients-form-who")}</legend>
                <p id="client-name-hint" class="field-hint">{move || t("clients-form-name-hint")}</p>
                {field(0, "clients-field-organization", "text", false)}
                <div class="form-row">
                    {field(1, "clients-field-first-name", "text", false)}
                    {field(2, "clients-field-last-name", "text", false)}
                </div>
                {field(3, "clients-field-email", "email", false)}
                <div class="form-row">
                    {field(4, "clients-field-business-phone", "tel", false)}
                    {field(5, "clients-field-mobile-phone", "tel", false)}
                </div>
            </fieldset>
            <fieldset class="form-group">
                <legend>{move || t("clients-form-address")}</legend>
                {field(6, "clients-field-street", "text", false)}
                {field(7, "clients-field-street2", "text", false)}
                <div class="form-row">
                    {field(8, "clients-field-city", "text", false)}
                    {field(9, "clients-field-province", "text", false)}
                </div>
                <div class="form-row">
                    {field(10, "clients-field-postal-code", "text", false)}
                    {field(11, "clients-field-country", "text", false)}
                </div>
            </fieldset>
            <fieldset class="form-group">
                <legend>{move || t("clients-form-billing")}</legend>
                <TextField
                    id="client-currency"
                    label=Signal::derive(move || t("clients-field-currency"))
                    value=currency
                    problem=problem_of("client-currency")
                    hint=Signal::derive(move || t("clients-field-currency-hint"))
                    maxlength=3
                    disabled
                />
                <TextAreaField
                    id="client-note"
                    label=Signal::derive(move || t("clients-field-note"))
                    value=note
                    problem=problem_of("client-note")
                    disabled
                />
            </fieldset>
            <div class="form-actions">
                <button
                    id="client-save"
                    type="submit"
                    class="button primary"
                    disabled=move || !writable.get() || busy.get()
                >
                    {move || t("clients-save")}
                </button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> Values {
        let mut v = Values::default();
        for (field, text) in pairs {
            if let Some(i) = FIELDS.iter().position(|(_, f)| f == field) {
                v.texts[i] = (*text).to_owned();
            }
        }
        v
    }

    #[test]
    fn a_client_needs_a_name_and_shaped_values() {
        let ids = |v: &Values| check(v).into_iter().map(|(id, _)| id).collect::<Vec<_>>();
        assert_eq!(ids(&values(&[])), vec!["client-organization"]);
        assert_eq!(
            ids(&values(&[("organization", "  ")])),
            vec!["client-organization"]
        );
        assert!(ids(&values(&[("last_name", "Roy")])).is_empty());
        assert_eq!(
            ids(&values(&[
                ("organization", "Acme"),
                ("email", "a@b"),
                ("currency_code", "CA")
            ])),
            vec!["client-email", "client-currency"]
        );
        assert!(
            ids(&values(&[
                ("organization", "Acme"),
                ("email", "ann@acme.ca"),
                ("currency_code", "cad")
            ]))
            .is_empty()
        );
    }

    #[test]
    fn email_shapes() {
        for good in ["a@b.co", "ann.roy+x@acme.qc.ca"] {
            assert!(looks_like_email(good), "{good}");
        }
        for bad in [
            "", "a", "a@", "@b.co", "a@b", "a b@c.co", "a@b..co", "a@@b.co", "a@b.co.",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }

    #[test]
    fn an_update_holds_only_what_changed() {
        let before = values(&[
            ("organization", "Acme"),
            ("email", "a@b.co"),
            ("currency_code", "CAD"),
        ]);
        assert_eq!(before.update_from(&before), None);
        let after = values(&[
            ("organization", "Acme"),
            ("email", ""),
            ("currency_code", ""),
        ]);
        let update = after.update_from(&before).unwrap_or_default();
        assert_eq!(update.email.as_deref(), Some(""));
        assert_eq!(update.organization, None);
        assert_eq!(update.currency_code, None);
    }
}
