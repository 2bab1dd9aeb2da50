//! Helpers of the browser tests: the document, elements by id, typing and keys as a person
//! would, mounting the app or the window over a hand-built session, and sessions to mount.

use ledgerline_model::entity::{Role, UserBusiness};
use ledgerline_model::ids::{AccountId, BusinessId};
use ledgerline_model::ipc::{AppsView, BusinessView, Mode, SecretsPlace, SecretsView, Session};
use ledgerline_model::money::CurrencyCode;
use ledgerline_ui::app::Shell;
use ledgerline_ui::state::{self, ShellState};
use leptos::prelude::*;
use leptos::task::tick;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

pub fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser document")
}

pub fn by_id(id: &str) -> HtmlElement {
    try_by_id(id).unwrap_or_else(|| panic!("no element #{id}"))
}

pub fn try_by_id(id: &str) -> Option<HtmlElement> {
    document()
        .get_element_by_id(id)
        .map(|el| el.unchecked_into())
}

pub fn select(selector: &str) -> Option<HtmlElement> {
    document()
        .query_selector(selector)
        .unwrap()
        .map(|el| el.unchecked_into())
}

/// Lets effects, spawned tasks and failed shell calls run.
pub async fn settle() {
    for _ in 0..20 {
        tick().await;
    }
}

/// Types `text` into an input and fires `input`, as typing does.
pub fn type_into(id: &str, text: &str) {
    let input: web_sys::HtmlInputElement = by_id(id).unchecked_into();
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

/// Presses a key on the focused element (or the body).
pub fn press(key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    let target: web_sys::Element = document()
        .active_element()
        .unwrap_or_else(|| document().body().unwrap().into());
    target.dispatch_event(&event).unwrap();
}

/// The element that has the focus.
pub fn focused_id() -> String {
    document()
        .active_element()
        .map(|el| el.id())
        .unwrap_or_default()
}

thread_local! {
    /// The mount of the test before: unmounted (its owner disposed, so its router stops
    /// listening to clicks and history) when the next test mounts.
    static MOUNTED: std::cell::RefCell<Option<Box<dyn std::any::Any>>> =
        const { std::cell::RefCell::new(None) };
}

/// Keeps a mount until the next test's.
fn keep(handle: impl std::any::Any) {
    MOUNTED.with(|m| *m.borrow_mut() = Some(Box::new(handle)));
}

/// A fresh container for one test, replacing the one an earlier test mounted. (The rest of the
/// body belongs to the test runner, which reports through it.)
fn fresh_root() -> HtmlElement {
    MOUNTED.with(|m| drop(m.borrow_mut().take()));
    // Each test starts at Home: an earlier test may have followed a link.
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/"))
        .unwrap();
    if let Some(earlier) = document().get_element_by_id("app-root") {
        earlier.remove();
    }
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    root.set_id("app-root");
    document()
        .body()
        .expect("a body")
        .append_child(&root)
        .unwrap();
    root
}

/// Mounts the whole app (it asks the shell for the session).
pub fn mount_app() {
    keep(leptos::mount::mount_to(
        fresh_root(),
        ledgerline_ui::app::App,
    ));
}

/// Mounts `view` under state made from `session`, and returns the state.
pub fn mount_with<V: IntoView + 'static>(
    session: Session,
    view: impl FnOnce() -> V + 'static,
) -> ShellState {
    let made = std::rc::Rc::new(std::cell::Cell::new(None));
    let slot = made.clone();
    keep(leptos::mount::mount_to(fresh_root(), move || {
        slot.set(Some(state::provide(session)));
        view()
    }));
    made.get().expect("the state was provided")
}

/// Mounts the window (welcome, sign-in screens or frame) over `session`.
pub fn mount_shell(session: Session) -> ShellState {
    mount_with(session, || view! { <Shell /> })
}

/// Mounts the window over `session` with the address at `path` (`/invoices?status=overdue`).
pub fn mount_shell_at(path: &str, session: Session) -> ShellState {
    let made = std::rc::Rc::new(std::cell::Cell::new(None));
    let slot = made.clone();
    let root = fresh_root();
    go_to(path);
    keep(leptos::mount::mount_to(root, move || {
        slot.set(Some(state::provide(session)));
        view! { <Shell /> }
    }));
    made.get().expect("the state was provided")
}

/// Replaces the address (without telling the router: for before a mount).
pub fn go_to(path: &str) {
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
}

/// The address's path and query.
pub fn address() -> String {
    let location = web_sys::window().unwrap().location();
    format!(
        "{}{}",
        location.pathname().unwrap(),
        location.search().unwrap()
    )
}

pub fn business(id: i64, name: &str, role: Role, currency: &str, listed: bool) -> BusinessView {
    BusinessView {
        writable: role.presumed_writable(),
        business: UserBusiness {
            business_id: BusinessId(id),
            account_id: AccountId::from(format!("acct{id}")),
            business_uuid: None,
            name: name.into(),
            role,
            currency_code: Some(CurrencyCode::new(currency).unwrap()),
        },
        listed,
    }
}

/// Nobody signed in, no business: the welcome screen.
pub fn first_run(builtin: bool) -> Session {
    Session {
        mode: Mode::Real,
        signed_in: false,
        apps: AppsView {
            builtin,
            own_client_id: None,
        },
        secrets: SecretsView {
            place: SecretsPlace::Keyring,
            problem: None,
        },
        businesses: Vec::new(),
        current: None,
        online: true,
    }
}

/// Signed in to three businesses: an owner's (current), a client's, and one FreshBooks no
/// longer lists.
pub fn signed_in() -> Session {
    Session {
        signed_in: true,
        businesses: vec![
            business(101, "Acme Design", Role::Owner, "CAD", true),
            business(202, "Birch Bakery", Role::Client, "USD", true),
            business(
                303,
                "Cedar Consulting",
                Role::BusinessEmployee,
                "EUR",
                false,
            ),
        ],
        current: Some(BusinessId(101)),
        ..first_run(false)
    }
}

/// A stand-in for the shell's bridge: `window.__TAURI__` with `core.invoke` (and `event.listen`
/// when given), removed when dropped. Keep it before the closures it holds in a struct's fields,
/// so it is dropped (and the bridge gone) before they are.
pub struct FakeTauri;

impl FakeTauri {
    pub fn install(invoke: &wasm_bindgen::JsValue, listen: Option<&wasm_bindgen::JsValue>) -> Self {
        let core = js_sys::Object::new();
        js_sys::Reflect::set(&core, &"invoke".into(), invoke).unwrap();
        let tauri = js_sys::Object::new();
        js_sys::Reflect::set(&tauri, &"core".into(), &core).unwrap();
        if let Some(listen) = listen {
            let event = js_sys::Object::new();
            js_sys::Reflect::set(&event, &"listen".into(), listen).unwrap();
            js_sys::Reflect::set(&tauri, &"event".into(), &event).unwrap();
        }
        js_sys::Reflect::set(&web_sys::window().unwrap(), &"__TAURI__".into(), &tauri).unwrap();
        FakeTauri
    }
}

impl Drop for FakeTauri {
    fn drop(&mut self) {
        let _ = js_sys::Reflect::delete_property(
            &web_sys::window().unwrap().into(),
            &"__TAURI__".into(),
        );
    }
}
