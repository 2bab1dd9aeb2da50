//! The drafting wizard's steps: each control, used as a person would, makes the right
//! `DraftRequest` (client, dates, projects, ticks, layout, rounding, taxes, template); the
//! business rate is asked and checked; "Save draft" cannot send twice; refusals show in
//! `#draft-error` with their code and the button that fixes them; the page at
//! `/invoices/new?client=` in the frame; Ctrl+S is listed in the help panel.

use chrono::NaiveDate;
use ledgerline_model::draft::{Grouping, Rounding, RoundingMode};
use ledgerline_model::error::{Action, ErrorCode, ErrorKind, ErrorPayload};
use ledgerline_model::ids::{ClientId, ProjectId, TimeEntryId};
use ledgerline_model::ipc::DraftingSetup;
use ledgerline_ui::components::shortcuts::{Shortcut, shortcut_for};
use ledgerline_ui::pages::drafting::{
    BusinessRateField, DraftErrorNotice, Fix, SaveButton, Wizard, WizardForm,
};
use leptos::prelude::*;
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::dom::{self, by_id, document, select, settle, type_into};
use crate::drafting_preview::{d, gst, qst, setup};

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 31).unwrap()
}

/// Chooses `value` in a drop-down list and fires `change`, as a person's choice does.
fn choose(id: &str, value: &str) {
    let el: web_sys::HtmlSelectElement = by_id(id).unchecked_into();
    el.set_value(value);
    assert_eq!(el.value(), value, "#{id} offers {value}");
    fire(&el, "change");
}

fn fire(el: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    el.dispatch_event(&event).unwrap();
}

/// Clicks a box (which toggles it and fires `change`).
fn tick(selector: &str) {
    select(selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .click();
}

fn checked(selector: &str) -> bool {
    let el: web_sys::HtmlInputElement = select(selector)
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into();
    el.checked()
}

fn options(id: &str) -> Vec<String> {
    let list = document()
        .query_selector_all(&format!("#{id} option"))
        .unwrap();
    (0..list.length())
        .map(|i| {
            list.get(i)
                .unwrap()
                .unchecked_into::<web_sys::Element>()
                .get_attribute("value")
                .unwrap_or_default()
        })
        .collect()
}

/// Mounts the wizard over `setup()` with the remembered choices applied, as the page does.
fn mount_wizard() -> (WizardForm, RwSignal<u32>) {
    let previews = RwSignal::new(0_u32);
    let made = std::rc::Rc::new(std::cell::Cell::new(None));
    let slot = made.clone();
    dom::mount_with(dom::signed_in(), move || {
        let form = WizardForm::new(Some(ClientId(7)));
        let s = setup();
        form.apply_choices(&s.choices, &s.taxes);
        slot.set(Some(form));
        view! {
            <Wizard
                setup=Signal::derive(|| Some(setup()))
                form
                on_preview=move |()| previews.update(|n| *n += 1)
            />
        }
    });
    (made.get().unwrap(), previews)
}

fn request(form: WizardForm) -> ledgerline_model::draft::DraftRequest {
    form.request(&setup(), day())
        .expect("a request for client 7")
}

#[wasm_bindgen_test]
async fn the_remembered_choices_make_the_first_request() {
    let (form, _) = mount_wizard();
    settle().await;
    let req = request(form);
    assert_eq!(req.client, ClientId(7));
    assert_eq!(req.currency.as_str(), "CAD");
    assert_eq!(req.create_date, day());
    assert_eq!(req.grouping, Grouping::ByProject);
    assert_eq!(
        req.rounding,
        Rounding {
            increment_seconds: 900,
            mode: RoundingMode::Up,
            minimum_seconds: 0,
        }
    );
    assert_eq!(req.taxes, vec![gst()]);
    assert_eq!(req.template, "{date}: {note}");
    // The entry in doubt stays out; everything else is as FreshBooks has it.
    assert_eq!(req.exclude, vec![TimeEntryId(4)]);
    assert!(!req.include_non_billable);
    assert!(req.projects.is_empty());
    assert_eq!((req.from, req.to), (None, None));

    // The controls show the same.
    let value = |id: &str| {
        by_id(id)
            .unchecked_into::<web_sys::HtmlSelectElement>()
            .value()
    };
    assert_eq!(value("draft-client"), "7");
    assert_eq!(value("draft-grouping"), "by_project");
    assert_eq!(value("draft-rounding-increment"), "900");
    assert_eq!(value("draft-rounding-mode"), "up");
    assert_eq!(value("draft-tax-1"), "91");
    assert_eq!(value("draft-tax-2"), "");
    assert_eq!(options("draft-client"), ["", "7", "8"]);
    assert_eq!(
        options("draft-grouping"),
        [
            "per_entry",
            "by_service",
            "by_project",
            "by_project_and_service",
            "by_team_member",
            "by_day",
            "summary"
        ]
    );
    assert_eq!(
        options("draft-rounding-increment"),
        ["0", "360", "900", "1800"]
    );
    assert_eq!(options("draft-rounding-mode"), ["up", "nearest"]);
}

#[wasm_bindgen_test]
async fn layout_rounding_taxes_and_template_controls_make_the_request() {
    let (form, previews) = mount_wizard();
    settle().await;

    choose("draft-grouping", "by_service");
    choose("draft-rounding-increment", "360");
    choose("draft-rounding-mode", "nearest");
    type_into("draft-rounding-minimum", "15");
    choose("draft-tax-1", "92");
    settle().await;
    choose("draft-tax-2", "91");
    type_into("draft-template", "{service} — {member}: {note}");
    settle().await;
    let req = request(form);
    assert_eq!(req.grouping, Grouping::ByService);
    assert_eq!(
        req.rounding,
        Rounding {
            increment_seconds: 360,
            mode: RoundingMode::Nearest,
            minimum_seconds: 900,
        }
    );
    assert_eq!(req.taxes, vec![qst(), gst()]);
    assert_eq!(req.template, "{service} — {member}: {note}");

    // The same tax twice is one tax; no first tax leaves the second list disabled.
    choose("draft-tax-2", "92");
    settle().await;
    assert_eq!(request(form).taxes, vec![qst()]);
    choose("draft-tax-1", "");
    settle().await;
    assert!(
        by_id("draft-tax-2")
            .unchecked_into::<web_sys::HtmlSelectElement>()
            .disabled()
    );

    // Each layout of the list is a layout of the request.
    for (value, grouping) in [
        ("per_entry", Grouping::PerEntry),
        ("by_project_and_service", Grouping::ByProjectAndService),
        ("by_team_member", Grouping::ByTeamMember),
        ("by_day", Grouping::ByDay),
        ("summary", Grouping::Summary),
    ] {
        choose("draft-grouping", value);
        assert_eq!(request(form).grouping, grouping, "{value}");
    }
    // No rounding: exact seconds, the direction cannot be chosen.
    choose("draft-rounding-increment", "0");
    settle().await;
    assert_eq!(request(form).rounding.increment_seconds, 0);
    assert!(
        by_id("draft-rounding-mode")
            .unchecked_into::<web_sys::HtmlSelectElement>()
            .disabled()
    );
    // A minimum that is not a number of minutes is pointed at, and counts as none.
    type_into("draft-rounding-minimum", "1.5");
    settle().await;
    assert!(dom::try_by_id("draft-rounding-minimum-problem").is_some());
    assert_eq!(request(form).rounding.minimum_seconds, 0);

    // Enter in the form (its submit button) previews now.
    assert_eq!(previews.get_untracked(), 0);
    by_id("draft-preview-now").click();
    settle().await;
    assert_eq!(previews.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn entries_show_every_member_and_unticked_ones_are_left_out() {
    let (form, _) = mount_wizard();
    settle().await;
    let rows = document()
        .query_selector_all("#draft-entries tr.draft-entry")
        .unwrap();
    assert_eq!(rows.length(), 4);
    let member = |id: i64| {
        select(&format!(
            "tr.draft-entry[data-entry=\"{id}\"] .draft-entry-member"
        ))
        .unwrap()
        .inner_text()
    };
    assert_eq!(member(1), "You");
    assert_eq!(member(2), "Robin Team");
    assert!(select("tr.draft-entry[data-entry=\"3\"].non-billable").is_some());
    assert!(select("tr.draft-entry[data-entry=\"1\"].non-billable").is_none());
    // Ticked: the billable ones; the non-billable left out; the one in doubt cannot be ticked.
    let include =
        |id: i64| format!("tr.draft-entry[data-entry=\"{id}\"] input.draft-entry-include");
    assert!(checked(&include(1)) && checked(&include(2)));
    assert!(!checked(&include(3)) && !checked(&include(4)));
    assert!(
        select(&include(4))
            .unwrap()
            .unchecked_into::<web_sys::HtmlInputElement>()
            .disabled()
    );
    let total = by_id("draft-entries-total").inner_text();
    assert_eq!(total, "2 of 4 entries ticked · 2.5 h");

    // Untick the team member's entry.
    tick(&include(2));
    settle().await;
    assert_eq!(request(form).exclude, vec![TimeEntryId(2), TimeEntryId(4)]);
    assert!(select("tr.draft-entry[data-entry=\"2\"].excluded").is_some());
    assert_eq!(
        by_id("draft-entries-total").inner_text(),
        "1 of 4 entries ticked · 1 h"
    );
    // Tick the non-billable one: it alone comes in.
    tick(&include(3));
    settle().await;
    let req = request(form);
    assert!(req.include_non_billable);
    assert_eq!(req.exclude, vec![TimeEntryId(2), TimeEntryId(4)]);
    assert!(checked(&include(3)));
    assert!(checked("#draft-include-non-billable"));
    // Tick the first one back.
    tick(&include(2));
    settle().await;
    assert_eq!(request(form).exclude, vec![TimeEntryId(4)]);
}

#[wasm_bindgen_test]
async fn client_dates_and_projects_make_the_request() {
    let (form, _) = mount_wizard();
    settle().await;
    type_into("draft-from", "2026-03-01");
    type_into("draft-to", "2026-03-15");
    tick("#draft-projects input.draft-project[value=\"32\"]");
    settle().await;
    let req = request(form);
    assert_eq!(req.from, NaiveDate::from_ymd_opt(2026, 3, 1));
    assert_eq!(req.to, NaiveDate::from_ymd_opt(2026, 3, 15));
    assert_eq!(req.projects, vec![ProjectId(32)]);
    let args = form.setup_args();
    assert_eq!(args.client, Some(ClientId(7)));
    assert_eq!(args.projects, vec![ProjectId(32)]);
    assert_eq!(args.from, NaiveDate::from_ymd_opt(2026, 3, 1));

    // Untick an entry, then pick another client: its projects and ticks start afresh, and
    // no request is made until its own setup is read.
    tick("tr.draft-entry[data-entry=\"1\"] input.draft-entry-include");
    choose("draft-client", "8");
    settle().await;
    assert_eq!(form.client_id(), Some(ClientId(8)));
    assert!(form.projects.get_untracked().is_empty());
    assert!(form.excluded.get_untracked().is_empty());
    assert!(form.request(&setup(), day()).is_none());
    assert_eq!(form.setup_args().client, Some(ClientId(8)));
}

#[wasm_bindgen_test]
async fn save_cannot_send_twice() {
    let saving = RwSignal::new(false);
    let disabled = RwSignal::new(false);
    let sent = RwSignal::new(0_u32);
    dom::mount_with(dom::signed_in(), move || {
        view! { <SaveButton disabled saving on_save=move |()| sent.update(|n| *n += 1) /> }
    });
    settle().await;
    let button: web_sys::HtmlButtonElement = by_id("draft-save").unchecked_into();
    assert_eq!(button.inner_text(), "Save draft");
    assert!(!button.disabled());
    // A double click: the first sends, the second finds the button busy.
    button.click();
    button.click();
    assert_eq!(sent.get_untracked(), 1);
    assert!(saving.get_untracked());
    settle().await;
    assert!(button.disabled());
    assert_eq!(button.inner_text(), "Saving…");
    // The answer came back: it can be pressed again.
    saving.set(false);
    settle().await;
    assert!(!button.disabled());
    // Nothing to save: no sending at all.
    disabled.set(true);
    settle().await;
    assert!(button.disabled());
    button.click();
    assert_eq!(sent.get_untracked(), 1);
}

fn refusal(kind: ErrorKind, code: ErrorCode, action: Action) -> ErrorPayload {
    ErrorPayload::new(kind, code, "English words for the log", action)
}

#[wasm_bindgen_test]
async fn refusals_show_their_code_and_the_button_that_fixes_them() {
    let error = RwSignal::new(None::<ErrorPayload>);
    let fixed = RwSignal::new(None::<Fix>);
    dom::mount_with(dom::signed_in(), move || {
        view! {
            <DraftErrorNotice
                error
                on_fix=move |f| fixed.set(Some(f))
                on_dismiss=move |()| error.set(None)
            />
        }
    });
    settle().await;
    assert!(dom::try_by_id("draft-error").is_none());

    let cases = [
        (
            refusal(
                ErrorKind::Validation,
                ErrorCode::EntriesAlreadyBilled {
                    entries: vec![TimeEntryId(1), TimeEntryId(2)],
                },
                Action::Sync,
            ),
            "entries_already_billed",
            "2 of these entries are already billed",
            Some(Fix::Reload),
        ),
        (
            refusal(
                ErrorKind::Validation,
                ErrorCode::DraftChanged,
                Action::Retry,
            ),
            "draft_changed",
            "changed since the preview",
            Some(Fix::Reload),
        ),
        (
            refusal(
                ErrorKind::Validation,
                ErrorCode::DraftNoRate {
                    entries: vec![TimeEntryId(9)],
                },
                Action::FixValue,
            ),
            "draft_no_rate",
            "One entry has no rate",
            Some(Fix::BusinessRate),
        ),
        (
            refusal(ErrorKind::Forbidden, ErrorCode::Forbidden, Action::AskOwner),
            "forbidden",
            "may not save invoices",
            None,
        ),
        (
            refusal(
                ErrorKind::Validation,
                ErrorCode::DraftNoEntries,
                Action::FixValue,
            ),
            "draft_no_entries",
            "No time is ticked",
            Some(Fix::Entries),
        ),
        (
            refusal(ErrorKind::Storage, ErrorCode::Storage, Action::Retry),
            "storage",
            "",
            Some(Fix::Retry),
        ),
    ];
    for (payload, code, words, fix) in cases {
        fixed.set(None);
        error.set(Some(payload));
        settle().await;
        let notice = by_id("draft-error");
        assert_eq!(notice.get_attribute("data-code").as_deref(), Some(code));
        let text = notice.inner_text();
        assert!(text.contains(words), "{code}: {text}");
        assert!(!text.contains("English words"), "{code}: {text}");
        match fix {
            Some(fix) => {
                let button = by_id("draft-error-fix");
                assert_eq!(
                    button.get_attribute("data-fix").as_deref(),
                    Some(fix.code())
                );
                button.click();
                assert_eq!(fixed.get_untracked(), Some(fix), "{code}");
            }
            None => assert!(dom::try_by_id("draft-error-fix").is_none(), "{code}"),
        }
    }
    by_id("draft-error-dismiss").click();
    settle().await;
    assert!(dom::try_by_id("draft-error").is_none());
}

#[wasm_bindgen_test]
async fn the_business_rate_is_asked_once_needed_and_checked() {
    let mut needing = setup();
    needing.needs_business_rate = true;
    let shown = RwSignal::new(Some(needing));
    let kept = RwSignal::new(None::<Decimal>);
    let asking = RwSignal::new(false);
    dom::mount_with(dom::signed_in(), move || {
        view! {
            <BusinessRateField
                setup=shown
                on_save=move |r| kept.set(Some(r))
                saving=Signal::derive(|| false)
                disabled=Signal::derive(|| false)
                asking
            />
        }
    });
    settle().await;
    type_into("draft-business-rate", "a lot");
    by_id("draft-business-rate-save").click();
    settle().await;
    assert!(dom::try_by_id("draft-business-rate-problem").is_some());
    assert_eq!(kept.get_untracked(), None);
    type_into("draft-business-rate", "95.50");
    by_id("draft-business-rate-save").click();
    settle().await;
    assert_eq!(kept.get_untracked(), Some(d("95.50")));

    // Once given and no longer needed: shown, and changeable on request.
    shown.set(Some(DraftingSetup {
        business_rate: Some(d("95.50")),
        ..setup()
    }));
    settle().await;
    assert!(dom::try_by_id("draft-business-rate").is_none());
    by_id("draft-business-rate-change").click();
    settle().await;
    let input: web_sys::HtmlInputElement = by_id("draft-business-rate").unchecked_into();
    assert_eq!(input.value(), "95.50");
}

#[wasm_bindgen_test]
async fn the_page_opens_at_its_address_with_the_client_preselected() {
    dom::mount_shell_at("/invoices/new?client=7", dom::signed_in());
    settle().await;
    assert_eq!(by_id("page-title").inner_text(), "Draft an invoice");
    assert_eq!(
        by_id("nav-invoices")
            .get_attribute("aria-current")
            .as_deref(),
        Some("page")
    );
    let client: web_sys::HtmlSelectElement = by_id("draft-client").unchecked_into();
    assert_eq!(client.value(), "");
    // In a plain browser the shell does not answer: the wizard says so where refusals go.
    let notice = by_id("draft-error");
    assert_eq!(
        notice.get_attribute("data-code").as_deref(),
        Some("no_shell")
    );
    // Nothing to save without a preview.
    let save: web_sys::HtmlButtonElement = by_id("draft-save").unchecked_into();
    assert!(save.disabled());
}

#[wasm_bindgen_test]
async fn ctrl_s_saves_the_draft_and_the_help_panel_says_so() {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("s");
    init.set_ctrl_key(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    assert_eq!(shortcut_for(&event, true), Some(Shortcut::SaveDraft));
    dom::mount_shell(dom::signed_in());
    settle().await;
    dom::press("?");
    settle().await;
    let row = select("#help-panel tr[data-shortcut=SaveDraft]").expect("listed");
    assert!(row.inner_text().contains("Save the invoice draft"));
}

/// A stand-in for the shell's bridge (`window.__TAURI__.core.invoke`) answering the drafting
/// setup and the preview, counting both; removed when dropped.
struct FakeBridge {
    _tauri: crate::dom::FakeTauri,
    previews: std::rc::Rc<std::cell::Cell<u32>>,
    setups: std::rc::Rc<std::cell::Cell<u32>>,
    _invoke:
        wasm_bindgen::closure::Closure<dyn FnMut(String, wasm_bindgen::JsValue) -> js_sys::Promise>,
}

impl FakeBridge {
    fn install() -> Self {
        use std::cell::Cell;
        use std::rc::Rc;
        use wasm_bindgen::JsValue;
        use wasm_bindgen::closure::Closure;
        let previews = Rc::new(Cell::new(0_u32));
        let setups = Rc::new(Cell::new(0_u32));
        let (p, s) = (previews.clone(), setups.clone());
        let answer = |v: String| js_sys::Promise::resolve(&js_sys::JSON::parse(&v).unwrap());
        let invoke = Closure::<dyn FnMut(String, JsValue) -> js_sys::Promise>::new(
            move |cmd: String, _args: JsValue| match cmd.as_str() {
                "get_drafting_setup" => {
                    s.set(s.get() + 1);
                    answer(serde_json::to_string(&crate::drafting_preview::setup()).unwrap())
                }
                "preview_draft" => {
                    p.set(p.get() + 1);
                    answer(serde_json::to_string(&crate::drafting_preview::draft()).unwrap())
                }
                _ => js_sys::Promise::reject(&JsValue::from_str("not faked")),
            },
        );
        Self {
            _tauri: crate::dom::FakeTauri::install(invoke.as_ref(), None),
            previews,
            setups,
            _invoke: invoke,
        }
    }
}

/// The data changes under an unchanged request (a sync ended, another window saved): the setup
/// is read again, and a new preview is asked for with it, although the request is the same.
#[wasm_bindgen_test]
async fn a_new_setup_asks_for_a_new_preview_even_when_the_request_is_the_same() {
    use leptos_router::components::Router;
    let bridge = FakeBridge::install();
    let state = dom::mount_with(dom::signed_in(), || {
        view! { <Router><ledgerline_ui::pages::drafting::DraftingPage /></Router> }
    });
    settle().await;
    choose("draft-client", "7");
    settle().await;
    let (setups, previews) = (bridge.setups.get(), bridge.previews.get());
    assert!(previews >= 1, "the client's time is previewed");
    state.sync.0.update(|s| s.view.pending += 1);
    settle().await;
    assert_eq!(bridge.setups.get(), setups + 1, "the setup is read again");
    assert_eq!(
        bridge.previews.get(),
        previews + 1,
        "and the preview asked for again"
    );
}
