//! A form field: its label, the control, and what is wrong with the value right next to it
//! (`<id>-problem`), tied to the control by `aria-describedby` and `aria-invalid` so assistive
//! technology reads the problem with the field. Forms check their values themselves; these
//! components only show what they are given.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The id of a field's problem text.
pub fn problem_id(id: &str) -> String {
    format!("{id}-problem")
}

/// The id of a field's hint text.
pub fn hint_id(id: &str) -> String {
    format!("{id}-hint")
}

/// What `aria-describedby` names: the hint, and the problem when there is one.
fn described_by(id: &'static str, hint: bool, problem: bool) -> Option<String> {
    let ids: Vec<String> = [hint.then(|| hint_id(id)), problem.then(|| problem_id(id))]
        .into_iter()
        .flatten()
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// Moves the focus to the first of `ids` (in form order) that has a problem; returns whether
/// there was one.
pub fn focus_first_problem(ids: &[(&'static str, bool)]) -> bool {
    let Some((id, _)) = ids.iter().find(|(_, bad)| *bad) else {
        return false;
    };
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
    true
}

/// The label, the hint and the problem around a control.
#[component]
fn FieldFrame(
    id: &'static str,
    label: Signal<String>,
    required: bool,
    hint: Option<Signal<String>>,
    problem: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field" class:field-invalid=move || problem.with(Option::is_some)>
            // A required field's mark is drawn by CSS (`.field-required::after`).
            <label for=id class:field-required=required>
                {move || label.get()}
            </label>
            {children()}
            {hint.map(|hint| view! { <p id=hint_id(id) class="field-hint">{move || hint.get()}</p> })}
            {move || {
                problem
                    .get()
                    .map(|text| view! { <p id=problem_id(id) class="field-problem">{text}</p> })
            }}
        </div>
    }
}

/// A text input.
#[component]
pub fn TextField(
    /// The control's id; its problem is `<id>-problem`.
    id: &'static str,
    /// The label.
    #[prop(into)]
    label: Signal<String>,
    /// The value, as typed.
    value: RwSignal<String>,
    /// What is wrong with it, if anything.
    #[prop(into)]
    problem: Signal<Option<String>>,
    /// Whether it must be given (marked, and `aria-required`).
    #[prop(optional)]
    required: bool,
    /// A hint under the field.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
    /// The input's type (`text`, `email`, `tel`, `date` …).
    #[prop(default = "text")]
    kind: &'static str,
    /// The browser's autocomplete hint.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// At most this many characters.
    #[prop(optional)]
    maxlength: Option<u32>,
    /// Disabled (read-only role).
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let has_hint = hint.is_some();
    view! {
        <FieldFrame id label required hint problem>
            <input
                id=id
                type=kind
                class="input"
                autocomplete=autocomplete
                maxlength=maxlength.map(|m| m.to_string())
                aria-required=required.then_some("true")
                aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=move || described_by(id, has_hint, problem.with(Option::is_some))
                disabled=move || disabled.get()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </FieldFrame>
    }
}

/// A multi-line text.
#[component]
pub fn TextAreaField(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] problem: Signal<Option<String>>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <FieldFrame id label required=false hint=None problem>
            <textarea
                id=id
                class="input"
                rows="3"
                aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=move || described_by(id, false, problem.with(Option::is_some))
                disabled=move || disabled.get()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </FieldFrame>
    }
}

/// One choice of a [`SelectField`]: its value and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The value (empty for "none").
    pub value: String,
    /// What the list shows.
    pub label: String,
}

/// A drop-down list.
#[component]
pub fn SelectField(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<String>,
    #[prop(into)] choices: Signal<Vec<Choice>>,
    #[prop(into)] problem: Signal<Option<String>>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <FieldFrame id label required hint=None problem>
            <select
                id=id
                class="input"
                aria-required=required.then_some("true")
                aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" }
                aria-describedby=move || described_by(id, false, problem.with(Option::is_some))
                disabled=move || disabled.get()
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))
            >
                {move || {
                    let current = value.get();
                    choices
                        .get()
                        .into_iter()
                        .map(|c| {
                            let selected = c.value == current;
                            view! { <option value=c.value selected=selected>{c.label}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </FieldFrame>
    }
}

/// A checkbox with its label beside it.
#[component]
pub fn CheckField(
    id: &'static str,
    #[prop(into)] label: Signal<String>,
    value: RwSignal<bool>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="field field-check">
            <input
                id=id
                type="checkbox"
                disabled=move || disabled.get()
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            <label for=id>{move || label.get()}</label>
        </div>
    }
}
