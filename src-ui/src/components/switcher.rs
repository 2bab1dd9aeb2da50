//! The business switcher, always in view: the current business's name on a button that opens
//! the list of every business with its role and currency. Choosing one switches at once (the
//! shell remembers it, offline too). Keyboard: arrows move in the list, Escape closes it.

use ledgerline_model::ids::BusinessId;
use ledgerline_model::ipc::BusinessView;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::banners::role_words;
use crate::i18n::{t, t_args};
use crate::shell;
use crate::state::use_state;

/// The switcher.
#[component]
pub fn BusinessSwitcher() -> impl IntoView {
    let state = use_state();
    let session = state.session;
    // In the window state: the list stays open when the switcher is drawn again.
    let open = state.switcher_open;
    let button = NodeRef::<html::Button>::new();
    let list = NodeRef::<html::Ul>::new();

    let current_name = move || {
        session
            .current()
            .map(|b| b.business.name)
            .unwrap_or_else(|| t("frame-no-business"))
    };
    let close = move || {
        open.set(false);
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    };
    let choose = move |business: BusinessId| {
        shell::switch_business(state, business);
        close();
    };
    // Focus the current business (or the first) when the list opens.
    Effect::new(move || {
        if let Some(list) = list.get() {
            let target = list
                .query_selector("button[aria-current=true]")
                .ok()
                .flatten()
                .or_else(|| list.query_selector("button").ok().flatten());
            if let Some(el) = target.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
        }
    });
    let on_keydown = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Escape" if open.get_untracked() => {
            ev.prevent_default();
            close();
        }
        "ArrowDown" | "ArrowUp" if open.get_untracked() => {
            ev.prevent_default();
            if let Some(list) = list.get_untracked() {
                move_focus(&list, ev.key() == "ArrowDown");
            }
        }
        _ => {}
    };

    view! {
        <div class="switcher" on:keydown=on_keydown>
            <button
                id="business-switcher"
                type="button"
                class="switcher-button"
                aria-haspopup="true"
                aria-expanded=move || open.get().to_string()
                aria-controls="business-list"
                aria-label=move || t_args("frame-switch-business", &[("name", current_name().into())])
                node_ref=button
                on:click=move |_| open.update(|o| *o = !*o)
            >
                <span class="switcher-caption">{move || t("frame-business")}</span>
                <span id="current-business-name" class="switcher-name">
                    {current_name}
                </span>
                <span class="switcher-caret" aria-hidden="true">"▾"</span>
            </button>
            <Show when=move || open.get()>
                <ul id="business-list" class="business-list" aria-label=move || t("frame-business-list") node_ref=list>
                    <For
                        each=move || session.0.get().businesses
                        key=|b| (b.business.business_id, b.business.name.clone(), b.listed)
                        children=move |b| view! { <BusinessItem business=b on_choose=choose /> }
                    />
                </ul>
            </Show>
        </div>
    }
}

/// One business in the list.
#[component]
fn BusinessItem(
    business: BusinessView,
    on_choose: impl Fn(BusinessId) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = use_state();
    let id = business.business.business_id;
    let is_current = move || state.session.current_id() == Some(id);
    let currency = business.business.currency_code.clone();
    let currency = move || {
        currency
            .as_ref()
            .map_or_else(|| t("frame-no-currency"), ToString::to_string)
    };
    let role = business.business.role.clone();
    let raw_role = role.as_freshbooks().to_owned();
    view! {
        <li id=format!("business-{id}") class="business-item" class:unlisted=!business.listed>
            <button
                type="button"
                class="business-choice"
                class:current=is_current
                aria-current=move || is_current().then_some("true")
                on:click=move |_| on_choose(id)
            >
                <span class="business-name">{business.business.name.clone()}</span>
                <span class="business-facts">
                    <span class="business-role" data-role=raw_role>
                        {move || role_words(&role)}
                    </span>
                    <span class="business-currency">{currency}</span>
                    {(!business.writable).then(|| view! { <span class="tag">{move || t("frame-read-only")}</span> })}
                    {(!business.listed)
                        .then(|| view! { <span class="tag tag-warn not-listed">{move || t("frame-not-listed")}</span> })}
                </span>
            </button>
        </li>
    }
}

/// Moves focus to the next or previous business in the list, wrapping around.
fn move_focus(list: &web_sys::HtmlElement, forward: bool) {
    let Ok(buttons) = list.query_selector_all("button") else {
        return;
    };
    let n = buttons.length();
    if n == 0 {
        return;
    }
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let at = (0..n).find(|i| {
        buttons
            .item(*i)
            .zip(active.as_ref())
            .is_some_and(|(b, a)| b.is_same_node(Some(a)))
    });
    let next = match (at, forward) {
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
        (None, _) => 0,
    };
    if let Some(el) = buttons
        .item(next)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
