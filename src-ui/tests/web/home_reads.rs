//! When Home reads its figures: once at start, not again when the shell's sync view first
//! arrives (the window learning the shell's state, not a data change), and again on every real
//! change after it (a sync ended, changes wait).

use std::cell::Cell;
use std::rc::Rc;

use chrono::{TimeZone, Utc};
use ledgerline_model::home::{HomeSummary, UnbilledHours};
use ledgerline_model::ids::BusinessId;
use ledgerline_model::ipc::SyncView;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::dom::{self, settle};

/// A stand-in for the shell's bridge (`window.__TAURI__.core.invoke`) answering `get_home`
/// and counting the requests; removed when dropped.
struct HomeBridge {
    homes: Rc<Cell<u32>>,
    _invoke: Closure<dyn FnMut(String, JsValue) -> js_sys::Promise>,
}

impl HomeBridge {
    fn install() -> Self {
        let homes = Rc::new(Cell::new(0_u32));
        let counted = homes.clone();
        let summary = serde_json::to_string(&HomeSummary {
            business: Some(BusinessId(101)),
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(),
            unbilled: Vec::new(),
            unbilled_without_currency: UnbilledHours::default(),
            receivable: Vec::new(),
            aging: Vec::new(),
        })
        .unwrap();
        let invoke = Closure::<dyn FnMut(String, JsValue) -> js_sys::Promise>::new(
            move |cmd: String, _args: JsValue| match cmd.as_str() {
                "get_home" => {
                    counted.set(counted.get() + 1);
                    js_sys::Promise::resolve(&js_sys::JSON::parse(&summary).unwrap())
                }
                _ => js_sys::Promise::reject(&JsValue::from_str("not faked")),
            },
        );
        let core = js_sys::Object::new();
        js_sys::Reflect::set(&core, &"invoke".into(), invoke.as_ref()).unwrap();
        let tauri = js_sys::Object::new();
        js_sys::Reflect::set(&tauri, &"core".into(), &core).unwrap();
        js_sys::Reflect::set(&web_sys::window().unwrap(), &"__TAURI__".into(), &tauri).unwrap();
        Self {
            homes,
            _invoke: invoke,
        }
    }
}

impl Drop for HomeBridge {
    fn drop(&mut self) {
        let _ = js_sys::Reflect::delete_property(
            &web_sys::window().unwrap().into(),
            &"__TAURI__".into(),
        );
    }
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
