//! A file the app wrote into the Downloads folder: the notice saying so with "Show in folder"
//! (`SavedFileNotice`), and the export of a list there (`Export`, `ExportButton`,
//! `ExportNotices`), shared by the invoice list, the invoice's PDF and Settings.

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{ExportArgs, ExportDone};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::error_notice::ErrorNotice;
use crate::i18n::{t, t_args};
use crate::shell;
use crate::state::use_state;

/// `#<id>`: the sentence saying where a file went, `#<reveal_id>` "Show in folder" and "Dismiss".
#[component]
pub fn SavedFileNotice(
    id: &'static str,
    reveal_id: &'static str,
    /// The file written.
    path: String,
    /// The sentence, read again when the language changes.
    #[prop(into)]
    message: Signal<String>,
    /// The file's name as `data-file`, for those that show only the name.
    #[prop(optional, into)]
    data_file: Option<String>,
    #[prop(into)] on_dismiss: Callback<()>,
) -> impl IntoView {
    let state = use_state();
    view! {
        <div id=id class="notice notice-ok" role="status" data-file=data_file>
            <p class="notice-message">{move || message.get()}</p>
            <button
                id=reveal_id
                type="button"
                class="button"
                on:click=move |_| shell::reveal_path(state, path.clone())
            >
                {move || t("common-show-in-folder")}
            </button>
            <button type="button" class="button quiet" on:click=move |_| on_dismiss.run(())>
                {move || t("common-dismiss")}
            </button>
        </div>
    }
}

/// An export of a list into the Downloads folder: running, written, or failed.
#[derive(Clone, Copy)]
pub struct Export {
    busy: RwSignal<bool>,
    done: RwSignal<Option<ExportDone>>,
    failure: RwSignal<Option<ErrorPayload>>,
}

impl Export {
    pub fn new() -> Self {
        Export {
            busy: RwSignal::new(false),
            done: RwSignal::new(None),
            failure: RwSignal::new(None),
        }
    }

    /// Writes the list; the notices show the outcome.
    pub fn run(self, args: ExportArgs) {
        self.busy.set(true);
        self.done.set(None);
        self.failure.set(None);
        spawn_local(async move {
            match shell::export_list(args).await {
                Ok(written) => {
                    self.done.try_set(Some(written));
                }
                Err(error) => {
                    self.failure.try_set(Some(error));
                }
            }
            self.busy.try_set(false);
        });
    }
}

impl Default for Export {
    fn default() -> Self {
        Self::new()
    }
}

/// `#<id>`: the export button (`label` its catalog key), "Exporting…" and disabled while it runs.
#[component]
pub fn ExportButton(
    export: Export,
    id: &'static str,
    class: &'static str,
    label: &'static str,
    /// What to export, read on the click.
    args: impl Fn() -> ExportArgs + 'static,
) -> impl IntoView {
    let busy = export.busy;
    view! {
        <button id=id type="button" class=class disabled=move || busy.get() on:click=move |_| export.run(args())>
            {move || if busy.get() { t("settings-exporting") } else { t(label) }}
        </button>
    }
}

/// The export's outcome: `#<id>` (rows written and where, with `#<reveal_id>`), or its error.
#[component]
pub fn ExportNotices(export: Export, id: &'static str, reveal_id: &'static str) -> impl IntoView {
    let Export { done, failure, .. } = export;
    view! {
        {move || {
            done.get()
                .map(|written| {
                    let rows = written.rows;
                    let path = written.path.clone();
                    let message = Signal::derive(move || {
                        t_args("settings-exported", &[("rows", rows.into()), ("path", (&path).into())])
                    });
                    view! {
                        <SavedFileNotice id reveal_id path=written.path message on_dismiss=move |()| done.set(None) />
                    }
                })
        }}
        {move || {
            failure
                .get()
                .map(|error| view! { <ErrorNotice error on_dismiss=move |()| failure.set(None) /> })
        }}
    }
}
