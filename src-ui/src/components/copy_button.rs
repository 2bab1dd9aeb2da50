//! A button that copies a text and says whether it worked.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::clipboard;
use crate::i18n::t;

/// How long "Copied" shows before the button reads "Copy" again.
const FEEDBACK: Duration = Duration::from_secs(3);

/// Copies `text`. `label` (a catalog key) names what it copies for assistive technology ("Copy the address").
#[component]
pub fn CopyButton(
    id: &'static str,
    #[prop(into)] text: Signal<String>,
    label: &'static str,
) -> impl IntoView {
    let said = RwSignal::new("common-copy");
    let copy = move |_| {
        let text = text.get_untracked();
        spawn_local(async move {
            let copied = clipboard::copy(&text).await;
            said.try_set(if copied {
                "common-copied"
            } else {
                "common-not-copied"
            });
            set_timeout(
                move || {
                    said.try_set("common-copy");
                },
                FEEDBACK,
            );
        });
    };
    view! {
        <button id=id type="button" class="button small" aria-label=move || t(label) on:click=copy>
            {move || t(said.get())}
        </button>
    }
}
