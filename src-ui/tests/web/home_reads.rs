//! When Home reads its figures: once at start, not again when the shell's sync view first
//! arrives (the window learning the shell's state, not a data change), and again on every real
//! change after it (a sync ended, changes wait); the same sync view again redraws nothing.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use chrono::{TimeZone, Utc};
use ledgerline_model::event::Event;
use ledgerline_model::home::{HomeSummary, UnbilledHours};
use ledgerline_model::ids::BusinessId;
use ledgerline_model::ipc::{ShellEvent, SyncView};
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::dom::{self, settle};

/// A stand-in for the shell's bridge (`window.__TAURI__.core.invoke`) answering `get_home`
/// and counting the requests; removed when dropped.
struct HomeBridge {
    _tauri: dom::FakeTauri,
    homes: Rc<Cell<u32>>,
    _invoke: Closure<dyn FnMut(String, JsValue) -> js_sys::Promise>,
}

impl HomeBridge {
    fn install() -> Self {
        let homes = Rc::new(Cell::new(0_u32));
        let counted = homes.clone();
        let summary = summary();
        let invoke = Closure::<dyn FnMut(String, JsValue) -> js_sys::Promise>::new(
            move |cmd: String, _args: JsValue| match cmd.as_str() {
                "get_home" => {
                    counted.set(counted.get() + 1);
                    js_sys::Promise::resolve(&js_sys::JSON::parse(&summary).unwrap())
                }
                _ => js_sys::Promise::reject(&JsValue::from_str("not faked")),
            },
        );
        Self {
            _tauri: dom::FakeTauri::install(invoke.as_ref(), None),
            homes,
            _invoke: invoke,
        }
    }
}

/// Home's figures as the shell answers them (none: the test counts the requests).
fn summary() -> String {
    serde_json::to_string(&HomeSummary {
        business: Some(BusinessId(101)),
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
        unbilled: Vec::new(),
        unbilled_without_currency: UnbilledHours::default(),
        receivable: Vec::new(),
        aging: Vec::new(),
    })
    .unwrap()
}

fn synced_at(hour: u32) -> SyncView {
    SyncView {
        business: Some(BusinessId(101)),
        running: false,
        online: true,
        last_synced: Some(Utc.with_ymd_and_hms(2026, 11, 29, hour, 0, 0).unwrap()),
        pending: 0,
        needs_you: 0,
    }
}

#[wasm_bindgen_test]
async fn home_reads_once_at_start_and_again_on_each_real_change() {
    let bridge = HomeBridge::install();
    let state = dom::mount_with(dom::signed_in(), || {
        view! { <Router><ledgerline_ui::pages::home::Home /></Router> }
    });
    settle().await;
    assert_eq!(bridge.homes.get(), 1, "Home reads its figures at start");

    // The first sync view arrives (the shell's state learned): nothing changed in the data.
    state.sync.set_view(synced_at(6));
    settle().await;
    assert_eq!(
        bridge.homes.get(),
        1,
        "the first sync view arriving does not read Home again"
    );
    // The same view again (asked again after subscribing to the shell's events).
    state.sync.set_view(synced_at(6));
    settle().await;
    assert_eq!(bridge.homes.get(), 1, "an unchanged view reads nothing");

    // A sync ended: last synced moves on.
    state.sync.set_view(synced_at(7));
    settle().await;
    assert_eq!(bridge.homes.get(), 2, "a sync that ended reads Home again");

    // A change waits to be sent.
    state.sync.set_view(SyncView {
        pending: 1,
        ..synced_at(7)
    });
    settle().await;
    assert_eq!(bridge.homes.get(), 3, "a change waiting reads Home again");
}

/// A first view saying a sync runs is learned, not news; that sync ending after it is.
#[wasm_bindgen_test]
async fn a_sync_running_and_ending_after_the_first_view_reads_home_again() {
    let bridge = HomeBridge::install();
    let state = dom::mount_with(dom::signed_in(), || {
        view! { <Router><ledgerline_ui::pages::home::Home /></Router> }
    });
    settle().await;
    state.sync.set_view(SyncView {
        running: true,
        ..synced_at(6)
    });
    settle().await;
    assert_eq!(bridge.homes.get(), 1, "learned: a sync runs");
    state.sync.set_view(synced_at(8));
    settle().await;
    assert_eq!(bridge.homes.get(), 2, "the sync ended: Home reads again");
}

/// The whole app starting over a stand-in for the shell: the session, Home's figures at once,
/// the sync view answered only when the test says (as the shell answers it after Home asked),
/// and the event subscription, whose handler the test can call as the shell's events would.
struct StartingShell {
    _tauri: dom::FakeTauri,
    homes: Rc<Cell<u32>>,
    sync_views: Rc<RefCell<Vec<js_sys::Function>>>,
    handler: Rc<RefCell<Option<js_sys::Function>>>,
    _invoke: Closure<dyn FnMut(String, JsValue) -> js_sys::Promise>,
    _listen: Closure<dyn FnMut(String, js_sys::Function) -> js_sys::Promise>,
}

impl StartingShell {
    fn install() -> Self {
        let homes = Rc::new(Cell::new(0_u32));
        let counted = homes.clone();
        let sync_views = Rc::new(RefCell::new(Vec::<js_sys::Function>::new()));
        let held = sync_views.clone();
        let (session, summary) = (serde_json::to_string(&dom::signed_in()).unwrap(), summary());
        let answer = |json: &str| js_sys::Promise::resolve(&js_sys::JSON::parse(json).unwrap());
        let invoke = Closure::<dyn FnMut(String, JsValue) -> js_sys::Promise>::new(
            move |cmd: String, _args: JsValue| match cmd.as_str() {
                "get_session" => answer(&session),
                "get_home" => {
                    counted.set(counted.get() + 1);
                    answer(&summary)
                }
                "get_sync_view" => {
                    js_sys::Promise::new(&mut |resolve, _reject| held.borrow_mut().push(resolve))
                }
                _ => js_sys::Promise::reject(&JsValue::from_str("not faked")),
            },
        );
        let handler = Rc::new(RefCell::new(None::<js_sys::Function>));
        let kept = handler.clone();
        let listen = Closure::<dyn FnMut(String, js_sys::Function) -> js_sys::Promise>::new(
            move |_name: String, f: js_sys::Function| {
                *kept.borrow_mut() = Some(f);
                js_sys::Promise::resolve(&JsValue::from(js_sys::Function::new_no_args("")))
            },
        );
        Self {
            _tauri: dom::FakeTauri::install(invoke.as_ref(), Some(listen.as_ref())),
            homes,
            sync_views,
            handler,
            _invoke: invoke,
            _listen: listen,
        }
    }

    /// Answers every `get_sync_view` asked so far with `view`; how many were.
    fn answer_sync_views(&self, view: &SyncView) -> usize {
        let value = js_sys::JSON::parse(&serde_json::to_string(view).unwrap()).unwrap();
        let waiting: Vec<_> = self.sync_views.borrow_mut().drain(..).collect();
        for resolve in &waiting {
            resolve.call1(&JsValue::NULL, &value).unwrap();
        }
        waiting.len()
    }

    /// Sends `event` as the shell does (Tauri wraps it: `{ event, id, payload }`).
    fn send(&self, event: &ShellEvent) {
        let message = js_sys::Object::new();
        let payload = js_sys::JSON::parse(&serde_json::to_string(event).unwrap()).unwrap();
        js_sys::Reflect::set(&message, &"payload".into(), &payload).unwrap();
        let handler = self.handler.borrow().clone().expect("the app subscribed");
        handler.call1(&JsValue::NULL, &message).unwrap();
    }
}

/// The app's own start: Home asks `get_home` once although the sync view lands after it (twice:
/// also after subscribing to the shell's events); a sync ending after that reads it again.
#[wasm_bindgen_test]
async fn the_app_starting_reads_home_once_and_again_when_a_sync_ends() {
    let shell = StartingShell::install();
    dom::mount_app();
    settle().await;
    assert!(dom::try_by_id("home-business-name").is_some(), "Home shows");
    assert_eq!(shell.homes.get(), 1, "Home reads its figures at start");
    assert!(
        shell.answer_sync_views(&synced_at(6)) >= 1,
        "the sync view was asked"
    );
    settle().await;
    shell.answer_sync_views(&synced_at(6));
    settle().await;
    assert_eq!(
        shell.homes.get(),
        1,
        "the sync view landing at start does not read Home again"
    );

    shell.send(&ShellEvent::Core {
        event: Event::SyncFinished {
            business: BusinessId(101),
            ok: true,
        },
    });
    settle().await;
    assert_eq!(shell.answer_sync_views(&synced_at(7)), 1, "asked again");
    settle().await;
    assert_eq!(shell.homes.get(), 2, "a sync that ended reads Home again");
}

/// The sync view asked again after subscribing to the shell's events usually answers what the
/// window shows: it redraws nothing (the indicator and whatever follows the sync state).
#[wasm_bindgen_test]
async fn the_same_sync_view_again_redraws_nothing() {
    let _bridge = HomeBridge::install();
    let state = dom::mount_with(dom::signed_in(), || view! { <p>"nothing"</p> });
    let runs = RwSignal::new(0_u32);
    Effect::new(move || {
        state.sync.0.track();
        runs.update_untracked(|n| *n += 1);
    });
    settle().await;
    let before = runs.get_untracked();
    state.sync.set_view(synced_at(6));
    settle().await;
    assert_eq!(runs.get_untracked(), before + 1, "the first view lands");
    state.sync.set_view(synced_at(6));
    settle().await;
    assert_eq!(
        runs.get_untracked(),
        before + 1,
        "the same view redraws nothing"
    );
    state.sync.set_view(synced_at(7));
    settle().await;
    assert_eq!(runs.get_untracked(), before + 2, "a new one does");
}

/// Switching business before the first sync view landed: Home reads at once (asking before the
/// shell has switched, perhaps), and again when the new business's view lands; only a view
/// landing with nothing else changed since Home read is the shell's state learned.
#[wasm_bindgen_test]
async fn a_switch_before_the_first_view_still_reads_home_when_the_view_lands() {
    let bridge = HomeBridge::install();
    let state = dom::mount_with(dom::signed_in(), || {
        view! { <Router><ledgerline_ui::pages::home::Home /></Router> }
    });
    settle().await;
    assert_eq!(bridge.homes.get(), 1);
    state
        .session
        .0
        .update(|s| s.current = Some(BusinessId(202)));
    settle().await;
    assert_eq!(bridge.homes.get(), 2, "the switch reads Home");
    state.sync.set_view(SyncView {
        business: Some(BusinessId(202)),
        ..synced_at(6)
    });
    settle().await;
    assert_eq!(
        bridge.homes.get(),
        3,
        "the new business's view landing reads Home again"
    );
}

/// A sync that started before the first view landed: the view landing after it is news too.
#[wasm_bindgen_test]
async fn a_sync_starting_before_the_first_view_makes_its_landing_news() {
    let bridge = HomeBridge::install();
    let state = dom::mount_with(dom::signed_in(), || {
        view! { <Router><ledgerline_ui::pages::home::Home /></Router> }
    });
    settle().await;
    state.sync.0.update(|s| s.running = true);
    settle().await;
    assert_eq!(bridge.homes.get(), 2, "a sync starting reads Home");
    state.sync.set_view(synced_at(6));
    settle().await;
    assert_eq!(bridge.homes.get(), 3, "and the view landing after it too");
}
