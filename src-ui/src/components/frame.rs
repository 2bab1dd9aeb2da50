//! The signed-in frame: the sidebar of sections, a top bar with the business switcher and the
//! sync indicator (always in view), the banners, and the page of the current section.

use leptos::prelude::*;

use crate::components::banners::Banners;
use crate::components::switcher::BusinessSwitcher;
use crate::components::sync_indicator::SyncIndicator;
use crate::i18n::t;
use crate::pages::{self, Section};
use crate::state::use_state;

/// The frame.
#[component]
pub fn Frame() -> impl IntoView {
    let state = use_state();
    let section = state.section.0;
    view! {
        <div class="layout">
            <nav class="sidebar" aria-label=move || t("frame-sections")>
                <div class="brand">{move || t("frame-brand")}</div>
                <ul>
                    {Section::ALL
                        .iter()
                        .map(|&entry| {
                            view! {
                                <li>
                                    <button
                                        id=entry.dom_id()
                                        type="button"
                                        class="nav-item"
                                        class:active=move || section.get() == entry
                                        aria-current=move || {
                                            (section.get() == entry).then_some("page")
                                        }
                                        on:click=move |_| section.set(entry)
                                    >
                                        {move || t(entry.label())}
                                    </button>
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
                </header>
                <Banners />
                <main class="content" id="content">
                    {move || pages::render(section.get())}
                </main>
            </div>
        </div>
    }
}
