//! The ways in: the welcome screen, the own-app form, the waiting screen, and refused
//! sign-ins arriving as the shell sends them.

use chrono::{TimeZone, Utc};
use ledgerline_model::ipc::{AppChoice, AppGuide, ShellEvent, SignInStarted};
use ledgerline_ui::app::Shell;
use ledgerline_ui::pages::own_app::OwnAppForm;
use ledgerline_ui::state::SignInFlow;
use ledgerline_ui::state::events::{self, FollowUp};
use leptos::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::dom::{self, by_id, settle, try_by_id, type_into};

/// An event as the shell emits it: JSON text parsed by the browser, decoded as `ipc::listen` does.
fn from_the_shell(json: &str) -> ShellEvent {
    serde_wasm_bindgen::from_value(js_sys::JSON::parse(json).unwrap()).unwrap()
}

const REPLAYED: &str = r#"{"type":"sign_in_refused","error":{"kind":"not_signed_in","code":{"name":"sign_in_replayed"},"message":"This sign-in address was already used once. Start the sign-in again.","action":"sign_in"}}"#;

fn guide() -> AppGuide {
    AppGuide {
        portal_url: "https://my.freshbooks.com/#/developer".into(),
        redirect_uri: "https://ledgerline.app/oauth/relay/".into(),
        scopes: vec!["user:profile:read".into(), "user:clients:write".into()],
    }
}

#[wasm_bindgen_test]
async fn welcome_offers_the_builtin_sign_in_only_when_the_build_carries_it() {
    dom::mount_shell(dom::first_run(false));
    settle().await;
    assert!(try_by_id("welcome").is_some());
    assert!(try_by_id("sign-in-builtin").is_none());
    assert!(try_by_id("use-own-app").is_some());
    assert!(try_by_id("try-demo").is_some());

    dom::mount_shell(dom::first_run(true));
    settle().await;
    assert_eq!(
        by_id("sign-in-builtin").inner_text(),
        "Sign in to FreshBooks"
    );
    assert_eq!(
        by_id("use-own-app").inner_text(),
        "Use my own FreshBooks app"
    );
    assert_eq!(by_id("try-demo").inner_text(), "Try the demo");
}

#[wasm_bindgen_test]
async fn use_my_own_app_opens_the_guide() {
    dom::mount_shell(dom::first_run(false));
    settle().await;
    by_id("use-own-app").click();
    settle().await;
    assert!(try_by_id("welcome").is_none());
    assert!(try_by_id("own-app").is_some());
    by_id("own-app-back").click();
    settle().await;
    assert!(try_by_id("welcome").is_some());
}

#[wasm_bindgen_test]
async fn the_own_app_form_shows_the_guide_and_refuses_an_empty_secret_next_to_the_field() {
    dom::mount_with(
        dom::first_run(false),
        || view! { <OwnAppForm guide=guide() /> },
    );
    settle().await;
    assert_eq!(
        by_id("own-app-redirect-uri").text_content().unwrap(),
        "https://ledgerline.app/oauth/relay/"
    );
    assert_eq!(
        by_id("own-app-scopes").text_content().unwrap(),
        "user:profile:read user:clients:write"
    );
    assert!(try_by_id("copy-redirect-uri").is_some());
    assert!(try_by_id("copy-scopes").is_some());
    assert_eq!(
        by_id("own-app-client-secret")
            .get_attribute("type")
            .as_deref(),
        Some("password")
    );

    type_into("own-app-client-id", "  my-client-id  ");
    type_into("own-app-client-secret", "   ");
    by_id("own-app-save").click();
    settle().await;

    let problem = by_id("own-app-client-secret-problem");
    assert!(
        problem.inner_text().contains("Client Secret"),
        "{}",
        problem.inner_text()
    );
    assert_eq!(
        by_id("own-app-client-secret")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert!(
        by_id("own-app-client-secret")
            .get_attribute("aria-describedby")
            .unwrap_or_default()
            .contains("own-app-client-secret-problem")
    );
    assert!(try_by_id("own-app-client-id-problem").is_none());

    // Typing clears the problem.
    type_into("own-app-client-secret", "s3cret");
    settle().await;
    assert!(try_by_id("own-app-client-secret-problem").is_none());
}

#[wasm_bindgen_test]
async fn a_refused_sign_in_shows_wherever_the_user_is() {
    // On the welcome screen…
    let state = dom::mount_shell(dom::first_run(false));
    settle().await;
    assert_eq!(
        events::apply(state, from_the_shell(REPLAYED)),
        FollowUp::Nothing
    );
    settle().await;
    let error = by_id("sign-in-error");
    assert_eq!(
        error.get_attribute("data-code").as_deref(),
        Some("sign_in_replayed")
    );
    assert!(
        error.inner_text().contains("already used once"),
        "{}",
        error.inner_text()
    );
    // Its action is a button that signs in again.
    assert!(
        error.inner_text().contains("Sign in again"),
        "{}",
        error.inner_text()
    );
    by_id("sign-in-error-dismiss").click();
    settle().await;
    assert!(try_by_id("sign-in-error").is_none());

    // …and signed in already (a replayed link arrives while the frame shows).
    let state = dom::mount_shell(dom::signed_in());
    settle().await;
    events::apply(
        state,
        from_the_shell(
            r#"{"type":"sign_in_refused","error":{"kind":"not_signed_in","code":{"name":"sign_in_state_mismatch"},"message":"This sign-in answer does not match a sign-in Ledgerline started.","action":"sign_in"}}"#,
        ),
    );
    settle().await;
    assert!(try_by_id("business-switcher").is_some());
    assert_eq!(
        by_id("sign-in-error").get_attribute("data-code").as_deref(),
        Some("sign_in_state_mismatch")
    );
}

#[wasm_bindgen_test]
async fn the_waiting_screen_gives_way_to_the_frame_when_the_deep_link_signs_in() {
    let state = dom::mount_shell(dom::first_run(false));
    let url = "https://auth.example/oauth/authorize?client_id=x&state=abc";
    state.sign_in.flow.set(SignInFlow::Waiting {
        app: AppChoice::Own,
        started: SignInStarted {
            authorize_url: url.into(),
            browser_opened: false,
            expires_at: Utc.with_ymd_and_hms(2026, 3, 1, 9, 45, 0).unwrap(),
        },
    });
    settle().await;
    assert!(try_by_id("sign-in-waiting").is_some());
    assert_eq!(by_id("authorize-url").text_content().unwrap(), url);
    assert!(try_by_id("copy-authorize-url").is_some());
    // No browser opened: the screen says so first.
    assert!(
        by_id("sign-in-waiting")
            .inner_text()
            .contains("could not open your browser")
    );
    // The paste fallback waits for an address.
    let submit: web_sys::HtmlButtonElement =
        wasm_bindgen::JsCast::unchecked_into(by_id("paste-submit"));
    assert!(submit.disabled());
    type_into(
        "paste-address",
        "https://ledgerline.app/oauth/relay/?code=c&state=abc",
    );
    settle().await;
    assert!(!submit.disabled());

    let signed_in = serde_json::to_string(&ShellEvent::Session {
        session: dom::signed_in(),
    })
    .unwrap();
    assert_eq!(
        events::apply(state, from_the_shell(&signed_in)),
        FollowUp::RefreshSyncView
    );
    settle().await;
    assert!(try_by_id("sign-in-waiting").is_none());
    assert_eq!(by_id("current-business-name").inner_text(), "Acme Design");
}

#[wasm_bindgen_test]
async fn cancel_leaves_the_waiting_screen() {
    let state = dom::mount_with(dom::first_run(false), || view! { <Shell /> });
    state.sign_in.flow.set(SignInFlow::Waiting {
        app: AppChoice::Own,
        started: SignInStarted {
            authorize_url: "https://auth.example/".into(),
            browser_opened: true,
            expires_at: Utc.with_ymd_and_hms(2026, 3, 1, 9, 45, 0).unwrap(),
        },
    });
    settle().await;
    by_id("sign-in-cancel").click();
    settle().await;
    assert!(try_by_id("sign-in-waiting").is_none());
    assert!(try_by_id("welcome").is_some());
}
