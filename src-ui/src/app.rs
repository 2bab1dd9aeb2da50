//! The shell of the UI: a sidebar of sections and the page of the selected one.

use leptos::prelude::*;

use crate::pages::{self, Section};

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    let section = RwSignal::new(Section::Home);
    view! {
        <div class="layout">
            <nav class="sidebar" aria-label="Sections">
                <div class="brand">"Ledgerline"</div>
                <ul>
                    {Section::ALL
                        .iter()
                        .map(|&entry| {
                            view! {
                                <li>
                                    <button
                                        id=entry.dom_id()
                                        class="nav-item"
                                        class:active=move || section.get() == entry
                                        aria-current=move || {
                                            (section.get() == entry).then_some("page")
                                        }
                                        on:click=move |_| section.set(entry)
                                    >
                                        {entry.label()}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <main class="content" id="content">
                {move || pages::render(section.get())}
            </main>
        </div>
    }
}
