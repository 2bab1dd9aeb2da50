//! A button that copies a text and says whether it worked.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::clipboard;

const COPY: &str = "Copy";
const COPIED: &str = "Copied";
const NOT_COPIED: &str = "Could not copy: select the text and copy it";
/// How long "Copied" shows before the button reads "Copy" again.
const FEEDBACK: Duration = Duration::from_secs(3);

/// Copies `text`. `label` names what it copies for assistive technology ("Copy the address").
#[component]
pub fn CopyButton(
    id: &'static str,
    #[prop(into)] text: Signal<String>,
    label: &'static str,
) -> impl IntoView {
    let said = RwSignal::new(COPY);
    let copy = move |_| {
        let text = text.get_untracked();
        spawn_local(async move {
            let copied = clipboard::copy(&text).await;
            said.try_set(if copied { COPIED } else { NOT_COPIED });
            set_timeout(
                move || {
                    said.try_set(COPY);
                },
                FEEDBACK,
            );
        });
    };
    view! {
        <button id=id type="button" class="button small" aria-label=label on:click=copy>
            {move || said.get()}
        </button>
    }
}
