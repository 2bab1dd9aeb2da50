//! The signed-in frame: the sidebar of sections (links to their paths), a top bar with the
//! business switcher and the sync indicator (always in view), the banners, and the page the
//! route shows.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

use crate::components::banners::Banners;
use crate::components::business_chooser::{BusinessChooser, needs_choice};
use crate::components::shortcuts::{HelpOpen, Shortcuts};
use crate::components::switcher::BusinessSwitcher;
use crate::components::sync_indicator::SyncIndicator;
use crate::i18n::t;
use crate::pages::{PageRoutes, Section};
use crate::state::use_state;

/// The frame.
#[component]
pub fn Frame() -> impl IntoView {
    let location = use_location();
    let navigate = use_navigate();
    let current = Memo::new(move |_| Section::of_path(&location.pathname.get()));
    let help = HelpOpen(RwSignal::new(false));
    let state = use_state();
    // Several businesses and none current: the user chooses one before any page (a memo, so
    // the pages are not drawn again for every session update).
    let choosing = Memo::new(move |_| state.session.0.with(needs_choice));
    provide_context(help);
    view! {
        <div class="layout">
            <nav class="sidebar" aria-label=move || t("frame-sections")>
                <div class="brand">{move || t("frame-brand")}</div>
                <ul>
                    {Section::ALL
                        .iter()
                        .map(|&entry| {
                            let here = move || current.get() == Some(entry);
                            let navigate = navigate.clone();
                            view! {
                                <li>
                                    <a
                                        id=entry.dom_id()
                                        href=entry.path()
                                        class="nav-item"
                                        class:active=here
                                        aria-current=move || here().then_some("page")
                                        on:click=move |ev: web_sys::MouseEvent| {
                                            // A plain click navigates here (a modified one is
                                            // the webview's); no page load either way.
                                            if ev.button() == 0 && !ev.ctrl_key() && !ev.meta_key()
                                                && !ev.shift_key() && !ev.alt_key()
                                            {
                                                ev.prevent_default();
                                                navigate(entry.path(), Default::default());
                                            }
                                        }
                                    >
                                        {move || t(entry.label())}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <div class="main">
                <header class="topbar">
                    <BusinessSwitcher />
                    <SyncIndicator />
                    <button
                        id="help-button"
                        type="button"
                        class="button small quiet help-button"
                        aria-haspopup="dialog"
                        aria-keyshortcuts="F1"
                        on:click=move |_| help.0.set(true)
                    >
                        {move || t("frame-help-button")}
                    </button>
                </header>
                <Shortcuts />
                <Banners />
                <main class="content" id="content">
                    {move || {
                        if choosing.get() {
                            view! { <BusinessChooser /> }.into_any()
                        } else {
                            view! { <PageRoutes /> }.into_any()
                        }
                    }}
                </main>
            </div>
        </div>
    }
}
