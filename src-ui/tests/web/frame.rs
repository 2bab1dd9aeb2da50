//! The signed-in frame: the business switcher, read-only screens, the banners, the sync
//! indicator fed by events, and the sign-out dialog.

use ledgerline_model::entity::Entity;
use ledgerline_model::error::{Action, ErrorCode, ErrorKind, ErrorPayload};
use ledgerline_model::event::Event;
use ledgerline_model::ids::BusinessId;
use ledgerline_model::ipc::{Mode, ShellEvent};
use ledgerline_ui::state::events;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::HtmlButtonElement;

use crate::dom::{self, by_id, focused_id, press, select, settle, try_by_id};

fn button(id: &str) -> HtmlButtonElement {
    by_id(id).unchecked_into()
}

fn text_in(item: &str, class: &str) -> String {
    select(&format!("#{item} .{class}"))
        .unwrap_or_else(|| panic!("no .{class} in #{item}"))
        .inner_text()
}

#[wasm_bindgen_test]
async fn the_switcher_lists_every_business_with_its_role_and_marks_the_current_one() {
    dom::mount_shell(dom::signed_in());
    settle().await;
    assert_eq!(by_id("current-business-name").inner_text(), "Acme Design");
    assert!(try_by_id("business-list").is_none());

    by_id("business-switcher").click();
    settle().await;
    assert_eq!(
        by_id("business-switcher")
            .get_attribute("aria-expanded")
            .as_deref(),
        Some("true")
    );
    let items = by_id("business-list").query_selector_all("li").unwrap();
    assert_eq!(items.length(), 3);
    assert_eq!(text_in("business-101", "business-name"), "Acme Design");
    assert_eq!(text_in("business-101", "business-role"), "owner");
    assert_eq!(text_in("business-101", "business-currency"), "CAD");
    assert_eq!(text_in("business-202", "business-role"), "client");
    assert_eq!(text_in("business-202", "business-currency"), "USD");
    // The role in words; FreshBooks' name for it in `data-role`.
    assert_eq!(text_in("business-303", "business-role"), "team member");
    assert_eq!(
        by_id("business-303")
            .query_selector(".business-role")
            .unwrap()
            .unwrap()
            .get_attribute("data-role")
            .as_deref(),
        Some("business_employee")
    );
    // The current one is marked (and has the focus); the unlisted one says so.
    assert!(select("#business-101 button[aria-current=true]").is_some());
    assert!(select("#business-202 button[aria-current]").is_none());
    assert!(select("#business-101 .not-listed").is_none());
    assert!(text_in("business-303", "not-listed").contains("not listed for this sign-in"));
    assert_eq!(
        dom::document()
            .active_element()
            .unwrap()
            .closest("li")
            .unwrap()
            .unwrap()
            .id(),
        "business-101"
    );

    // Arrows move, Escape closes and gives the focus back to the switcher.
    press("ArrowDown");
    assert_eq!(
        dom::document()
            .active_element()
            .unwrap()
            .closest("li")
            .unwrap()
            .unwrap()
            .id(),
        "business-202"
    );
    press("Escape");
    settle().await;
    assert!(try_by_id("business-list").is_none());
    assert_eq!(focused_id(), "business-switcher");
}

#[wasm_bindgen_test]
async fn switching_changes_the_business_at_once_and_a_refusal_puts_it_back() {
    let state = dom::mount_shell(dom::signed_in());
    settle().await;
    by_id("business-switcher").click();
    settle().await;
    select("#business-202 button").unwrap().click();
    // At once, before the shell answers.
    assert_eq!(state.session.current_id(), Some(BusinessId(202)));
    // Here no shell answers (a plain browser): the switch is undone and the failure shown.
    settle().await;
    assert_eq!(by_id("current-business-name").inner_text(), "Acme Design");
    assert!(try_by_id("business-list").is_none());
    assert!(select(".notices [data-code=no_shell]").is_some());
}

#[wasm_bindgen_test]
async fn a_role_that_cannot_write_sees_read_only_screens_that_say_why() {
    let mut session = dom::signed_in();
    session.current = Some(BusinessId(202));
    dom::mount_shell(session);
    settle().await;
    let banner = by_id("read-only-banner").inner_text();
    assert!(
        banner.contains("You are a client in Birch Bakery"),
        "{banner}"
    );
    assert!(banner.contains("Ask the owner"), "{banner}");

    by_id("nav-clients").click();
    settle().await;
    assert!(button("new-client").disabled());
    assert_eq!(
        by_id("new-client")
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("new-client-reason")
    );
    let reason = by_id("new-client-reason").inner_text();
    assert!(reason.contains("cannot add"), "{reason}");
}

#[wasm_bindgen_test]
async fn a_role_that_can_write_sees_no_banner_and_an_enabled_new_client() {
    dom::mount_shell(dom::signed_in());
    settle().await;
    assert!(try_by_id("read-only-banner").is_none());
    by_id("nav-clients").click();
    settle().await;
    assert!(!button("new-client").disabled());
    assert!(try_by_id("new-client-reason").is_none());
    // "New client" opens the client form (issue 11's Clients page).
    by_id("new-client").click();
    settle().await;
    assert_eq!(dom::address(), "/clients/new");
}

#[wasm_bindgen_test]
async fn home_names_the_current_business() {
    dom::mount_shell(dom::signed_in());
    settle().await;
    assert_eq!(by_id("home-business-name").inner_text(), "Acme Design");
    assert_eq!(by_id("home-business-currency").inner_text(), "CAD");
}

#[wasm_bindgen_test]
async fn the_demo_and_a_keyring_problem_have_their_banners() {
    let mut session = dom::signed_in();
    session.mode = Mode::Demo;
    session.secrets.problem = Some(ErrorPayload::new(
        ErrorKind::Storage,
        ErrorCode::NoKeyring {
            reason: "no Secret Service".into(),
        },
        "No keyring answered on this computer.",
        Action::UnlockKeyring,
    ));
    dom::mount_shell(session);
    settle().await;
    assert!(
        by_id("demo-banner")
            .inner_text()
            .contains("Nothing here reaches FreshBooks")
    );
    assert!(try_by_id("leave-demo").is_some());
    assert!(
        by_id("keyring-problem")
            .inner_text()
            .contains("No keyring answered")
    );
    assert_eq!(
        by_id("use-file-for-secrets").inner_text(),
        "Keep my sign-in in a private file on this computer instead"
    );

    dom::mount_shell(dom::signed_in());
    settle().await;
    assert!(try_by_id("demo-banner").is_none());
    assert!(try_by_id("keyring-problem").is_none());
    assert!(try_by_id("signed-out-banner").is_none());
}

#[wasm_bindgen_test]
async fn signed_out_with_businesses_kept_shows_the_frame_and_a_sign_in_button() {
    let mut session = dom::signed_in();
    session.signed_in = false;
    dom::mount_shell(session);
    settle().await;
    assert!(try_by_id("welcome").is_none());
    assert!(
        by_id("signed-out-banner")
            .inner_text()
            .contains("Sign in to sync")
    );
    assert!(try_by_id("signed-out-sign-in").is_some());
}

#[wasm_bindgen_test]
async fn the_sync_indicator_follows_the_events() {
    let state = dom::mount_shell(dom::signed_in());
    settle().await;
    assert_eq!(
        by_id("sync-status").get_attribute("data-online").as_deref(),
        Some("true")
    );
    assert!(!by_id("sync-status").inner_text().contains("Offline"));
    assert!(try_by_id("sync-progress").is_none());

    let business = BusinessId(101);
    for event in [
        Event::SyncStarted { business },
        Event::Progress {
            business,
            entity: Entity::Clients,
            done: 200,
            total: Some(400),
        },
        Event::Progress {
            business,
            entity: Entity::Invoices,
            done: 100,
            total: Some(600),
        },
        // Another business's progress does not count.
        Event::Progress {
            business: BusinessId(202),
            entity: Entity::Invoices,
            done: 5_000,
            total: Some(9_000),
        },
    ] {
        events::apply(state, ShellEvent::Core { event });
    }
    settle().await;
    let progress = by_id("sync-progress").inner_text();
    assert!(progress.contains("300 of 1,000 records"), "{progress}");
    assert!(button("sync-now").disabled());

    events::apply(
        state,
        ShellEvent::Core {
            event: Event::Failed {
                business,
                entity: Some(Entity::Clients),
                error: ErrorPayload::new(
                    ErrorKind::Offline,
                    ErrorCode::Unreachable,
                    "FreshBooks could not be reached.",
                    Action::Retry,
                ),
            },
        },
    );
    events::apply(
        state,
        ShellEvent::Core {
            event: Event::SyncFinished {
                business,
                ok: false,
            },
        },
    );
    settle().await;
    assert_eq!(
        by_id("sync-status").get_attribute("data-online").as_deref(),
        Some("false")
    );
    assert!(by_id("sync-status").inner_text().contains("Offline"));
    assert!(try_by_id("sync-progress").is_none());

    events::apply(state, ShellEvent::Connectivity { online: true });
    settle().await;
    assert_eq!(
        by_id("sync-status").get_attribute("data-online").as_deref(),
        Some("true")
    );
}

#[wasm_bindgen_test]
async fn sign_out_asks_about_the_offline_copy_in_a_dialog_escape_closes() {
    dom::mount_shell(dom::signed_in());
    settle().await;
    by_id("nav-settings").click();
    settle().await;
    assert!(try_by_id("open-log-folder").is_some());
    by_id("sign-out").click();
    settle().await;
    assert!(try_by_id("sign-out-dialog").is_some());
    let remove: web_sys::HtmlInputElement = by_id("sign-out-remove-copy").unchecked_into();
    assert!(!remove.checked());
    assert!(try_by_id("sign-out-confirm").is_some());
    // The focus moved into the dialog.
    assert_eq!(focused_id(), "sign-out-remove-copy");
    press("Escape");
    settle().await;
    assert!(try_by_id("sign-out-dialog").is_none());
}

#[wasm_bindgen_test]
async fn several_businesses_and_none_current_ask_which_one_to_open_instead_of_an_error() {
    let mut session = dom::signed_in();
    session.current = None;
    let state = dom::mount_shell(session);
    settle().await;
    let chooser = by_id("business-chooser").inner_text();
    assert!(
        chooser.contains("Which business do you want to open?"),
        "{chooser}"
    );
    // Each business with its role and currency; no page and no error panel meanwhile.
    assert_eq!(
        text_in("choose-business-202", "business-name"),
        "Birch Bakery"
    );
    assert_eq!(text_in("choose-business-202", "business-role"), "client");
    assert_eq!(text_in("choose-business-202", "business-currency"), "USD");
    assert!(try_by_id("choose-business-101").is_some());
    assert!(try_by_id("home-business-name").is_none());
    assert!(select("#content .notice-error").is_none());
    assert!(select("#content [role=alert]").is_none());

    by_id("choose-business-202").click();
    // Switched at once, before the shell answers.
    assert_eq!(state.session.current_id(), Some(BusinessId(202)));
    // Here no shell answers (a plain browser): the choice is undone and the failure shown.
    settle().await;
    assert_eq!(state.session.current_id(), None);
    assert!(select(".notices [data-code=no_shell]").is_some());
}

#[wasm_bindgen_test]
async fn choosing_a_business_opens_its_page() {
    let mut session = dom::signed_in();
    session.current = None;
    let state = dom::mount_shell(session);
    settle().await;
    assert!(try_by_id("business-chooser").is_some());
    // What the shell's answer to switch_business lands.
    let mut chosen = dom::signed_in();
    chosen.current = Some(BusinessId(202));
    events::apply(state, ShellEvent::Session { session: chosen });
    settle().await;
    assert!(try_by_id("business-chooser").is_none());
    assert_eq!(by_id("current-business-name").inner_text(), "Birch Bakery");
    assert!(try_by_id("home-business-name").is_some());
}

#[wasm_bindgen_test]
async fn the_chooser_speaks_french() {
    let mut session = dom::signed_in();
    session.current = None;
    let state = dom::mount_shell(session);
    leptos::prelude::Set::set(&state.locale.0, ledgerline_ui::i18n::LocaleId::FrCa);
    settle().await;
    let chooser = by_id("business-chooser").inner_text();
    assert!(chooser.contains("Quelle entreprise"), "{chooser}");
}

#[wasm_bindgen_test]
async fn the_switchers_list_stays_open_through_session_and_sync_events() {
    let state = dom::mount_shell(dom::signed_in());
    settle().await;
    by_id("business-switcher").click();
    settle().await;
    assert!(try_by_id("business-list").is_some());

    let business = BusinessId(101);
    for event in [
        ShellEvent::Session {
            session: dom::signed_in(),
        },
        ShellEvent::Connectivity { online: true },
        ShellEvent::Core {
            event: Event::SyncStarted { business },
        },
        ShellEvent::Core {
            event: Event::SyncFinished { business, ok: true },
        },
        ShellEvent::Session {
            session: dom::signed_in(),
        },
    ] {
        let _ = events::apply(state, event);
        settle().await;
        assert!(
            try_by_id("business-list").is_some(),
            "the list closed by itself"
        );
        assert_eq!(
            by_id("business-switcher")
                .get_attribute("aria-expanded")
                .as_deref(),
            Some("true")
        );
    }
}

#[wasm_bindgen_test]
async fn the_switchers_open_list_survives_the_switcher_being_drawn_again() {
    use ledgerline_ui::components::switcher::BusinessSwitcher;
    use leptos::prelude::*;
    // A parent that draws the switcher again on every update, as a redraw of the frame would.
    let redraw = RwSignal::new(0_u32);
    dom::mount_with(dom::signed_in(), move || {
        view! {
            {move || {
                redraw.get();
                view! { <BusinessSwitcher /> }
            }}
        }
    });
    settle().await;
    by_id("business-switcher").click();
    settle().await;
    assert!(try_by_id("business-list").is_some());
    redraw.update(|n| *n += 1);
    settle().await;
    assert!(
        try_by_id("business-list").is_some(),
        "the list closed when the switcher was drawn again"
    );
    // Closing still closes, and stays closed through a redraw.
    by_id("business-switcher").click();
    settle().await;
    redraw.update(|n| *n += 1);
    settle().await;
    assert!(try_by_id("business-list").is_none());
}
