//! The client form's checks in the browser: each rule's message next to its field, `aria-invalid`
//! and `aria-describedby` on the control, the focus on the first field with a problem when saving,
//! nothing saved until every rule holds, and a refusal from the core shown next to its field.

use ledgerline_model::error::{Action, ErrorCode, ErrorKind, ErrorPayload, FieldProblem};
use ledgerline_ui::pages::clients::form::{ClientForm, Submitted, Values};
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::dom::{self, by_id, focused_id, settle, try_by_id, type_into};

fn problem(field: &str) -> Option<String> {
    try_by_id(&format!("{field}-problem")).map(|el| el.inner_text())
}

fn invalid(field: &str) -> Option<String> {
    by_id(field).get_attribute("aria-invalid")
}

fn mount(refusal: RwSignal<Option<ErrorPayload>>) -> RwSignal<Vec<Submitted>> {
    let saved = RwSignal::new(Vec::<Submitted>::new());
    dom::mount_with(dom::signed_in(), move || {
        view! {
            <ClientForm
                initial=Values::default()
                writable=true
                busy=false
                on_save=move |s: Submitted| saved.update(|v| v.push(s))
                refusal
            />
        }
    });
    saved
}

async fn save() {
    by_id("client-save").click();
    settle().await;
}

#[wasm_bindgen_test]
async fn each_rule_is_said_next_to_its_field_and_the_focus_goes_to_the_first() {
    let saved = mount(RwSignal::new(None));
    settle().await;
    // Nothing is said before a save.
    assert_eq!(problem("client-organization"), None);
    assert_eq!(invalid("client-organization").as_deref(), Some("false"));

    // No name at all: said at the organization, which takes the focus.
    type_into("client-email", "ann@");
    type_into("client-currency", "CA");
    save().await;
    let text = problem("client-organization").expect("a problem next to the organization");
    assert!(
        text.contains("organization") && text.contains("first or last name"),
        "{text}"
    );
    assert_eq!(invalid("client-organization").as_deref(), Some("true"));
    assert_eq!(
        by_id("client-organization")
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("client-organization-problem")
    );
    assert_eq!(focused_id(), "client-organization");
    // Every other rule broken is said at once, each next to its own field.
    let email = problem("client-email").expect("a problem next to the email");
    assert!(email.contains("name@example.com"), "{email}");
    assert_eq!(invalid("client-email").as_deref(), Some("true"));
    let currency = problem("client-currency").expect("a problem next to the currency");
    assert!(currency.contains("three letters"), "{currency}");
    assert_eq!(
        by_id("client-currency")
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("client-currency-hint client-currency-problem")
    );
    assert!(
        saved.with_untracked(Vec::is_empty),
        "nothing saved with problems"
    );

    // A last name alone is a name: the first problem is now the email, which takes the focus.
    type_into("client-last-name", "Roy");
    save().await;
    assert_eq!(problem("client-organization"), None);
    assert_eq!(invalid("client-organization").as_deref(), Some("false"));
    assert_eq!(focused_id(), "client-email");

    // Fixed as one types (after the first save): the message goes with the problem.
    type_into("client-email", "ann@roy.ca");
    settle().await;
    assert_eq!(problem("client-email"), None);
    save().await;
    assert_eq!(focused_id(), "client-currency");
    assert!(saved.with_untracked(Vec::is_empty));

    type_into("client-currency", "cad");
    save().await;
    assert_eq!(problem("client-currency"), None);
    let saves = saved.get_untracked();
    assert_eq!(saves.len(), 1, "saved once every rule holds");
    let client = saves[0].values.new_client();
    assert_eq!(client.last_name.as_deref(), Some("Roy"));
    assert_eq!(client.email.as_deref(), Some("ann@roy.ca"));
    assert_eq!(
        client.currency_code.map(|c| c.to_string()).as_deref(),
        Some("CAD")
    );
    assert_eq!(client.organization, None);
}

#[wasm_bindgen_test]
async fn the_cores_refusal_is_shown_next_to_its_field() {
    let refusal = RwSignal::new(None);
    mount(refusal);
    settle().await;
    refusal.set(Some(ErrorPayload::new(
        ErrorKind::Validation,
        ErrorCode::InvalidField {
            field: "currency_code".into(),
            problem: FieldProblem::NotACurrency {
                given: "XX1".into(),
            },
        },
        "“XX1” is not a currency code",
        Action::FixValue,
    )));
    settle().await;
    let text = problem("client-currency").expect("the core's refusal next to the currency");
    assert!(text.contains("three letters"), "{text}");
    assert_eq!(invalid("client-currency").as_deref(), Some("true"));
    assert_eq!(focused_id(), "client-currency");

    refusal.set(Some(ErrorPayload::new(
        ErrorKind::Validation,
        ErrorCode::InvalidField {
            field: "client".into(),
            problem: FieldProblem::NeedsName,
        },
        "a client needs an organization or a first or last name",
        Action::FixValue,
    )));
    settle().await;
    assert!(problem("client-organization").is_some());
    assert_eq!(problem("client-currency"), None);
}
