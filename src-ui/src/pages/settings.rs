//! Settings: what the app knows about itself (version, folders), the log folder, and signing
//! out (asking whether to also remove the offline copy).

use ledgerline_model::error::{ErrorCode, ErrorPayload};
use ledgerline_model::ipc::{GetAppInfo, NoArgs, SignOutArgs};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::dialog::Dialog;
use crate::components::error_notice::ErrorNotice;
use crate::ipc;
use crate::shell;
use crate::state::use_state;

const TITLE: &str = "Settings";
const LOADING: &str = "Loading…";
const VERSION: &str = "Version";
const DATA_FOLDER: &str = "Data folder";
const LOG_FOLDER: &str = "Log folder";
const SYSTEM: &str = "System";
const OPEN_LOG_FOLDER: &str = "Open the log folder";
const ACCOUNT: &str = "FreshBooks sign-in";
const SIGN_OUT: &str = "Sign out…";
const SIGN_OUT_HINT: &str = "Removes your FreshBooks sign-in from this computer.";
const DIALOG_TITLE: &str = "Sign out of FreshBooks";
const DIALOG_TEXT: &str = "Ledgerline forgets your FreshBooks sign-in on this computer. Your businesses in FreshBooks are not touched.";
const REMOVE_COPY: &str = "Also remove the offline copy of my businesses from this computer";
const REMOVE_COPY_HINT: &str = "Left unticked, your records stay readable here, and signing in again only fetches what changed. Ticked, nothing of your businesses stays on this computer.";
const CONFIRM: &str = "Sign out";
const CANCEL: &str = "Cancel";

fn unsent(changes: usize) -> String {
    match changes {
        1 => "1 change made here has not reached FreshBooks yet. Removing the offline copy loses it; keep the copy, or sync first, to send it.".to_owned(),
        n => format!("{n} changes made here have not reached FreshBooks yet. Removing the offline copy loses them; keep the copy, or sync first, to send them."),
    }
}

fn discard(changes: usize) -> String {
    match changes {
        1 => "Remove it anyway and lose 1 change".to_owned(),
        n => format!("Remove it anyway and lose {n} changes"),
    }
}

/// The Settings page.
#[component]
pub fn Settings() -> impl IntoView {
    let state = use_state();
    let info = LocalResource::new(|| async { ipc::call::<GetAppInfo>(&NoArgs {}).await });
    let dialog_open = RwSignal::new(false);
    let can_sign_out = move || {
        state
            .session
            .0
            .with(|s| !state.session.is_demo() && (s.signed_in || !s.businesses.is_empty()))
    };
    view! {
        <section class="page">
            <h1 id="page-title">{TITLE}</h1>
            <Suspense fallback=|| view! { <p class="muted">{LOADING}</p> }>
                {move || {
                    info.get()
                        .map(|res| match res {
                            Ok(info) => {
                                view! {
                                    <dl class="facts">
                                        <dt>{VERSION}</dt>
                                        <dd id="app-version">{info.version}</dd>
                                        <dt>{DATA_FOLDER}</dt>
                                        <dd id="data-dir">{info.data_dir}</dd>
                                        <dt>{LOG_FOLDER}</dt>
                                        <dd id="log-dir">{info.log_dir}</dd>
                                        <dt>{SYSTEM}</dt>
                                        <dd>{info.os}</dd>
                                    </dl>
                                }
                                    .into_any()
                            }
                            Err(err) => {
                                view! {
                                    <div class="error" role="alert">
                                        <p>{err.message}</p>
                                    </div>
                                }
                                    .into_any()
                            }
                        })
                }}
            </Suspense>
            <p>
                <button
                    id="open-log-folder"
                    type="button"
                    class="button"
                    on:click=move |_| shell::open_log_folder(state)
                >
                    {OPEN_LOG_FOLDER}
                </button>
            </p>
            <Show when=can_sign_out>
                <h2>{ACCOUNT}</h2>
                <p class="muted">{SIGN_OUT_HINT}</p>
                <button
                    id="sign-out"
                    type="button"
                    class="button danger"
                    on:click=move |_| dialog_open.set(true)
                >
                    {SIGN_OUT}
                </button>
            </Show>
            <Show when=move || dialog_open.get()>
                <SignOutDialog on_close=move |()| dialog_open.set(false) />
            </Show>
        </section>
    }
}

/// `#sign-out-dialog`: remove the offline copy too or not; on unsent changes, what would be lost.
#[component]
fn SignOutDialog(#[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let state = use_state();
    let remove_copy = RwSignal::new(false);
    let unsent_changes = RwSignal::new(None::<usize>);
    let failure = RwSignal::new(None::<ErrorPayload>);
    let busy = RwSignal::new(false);
    let sign_out = move |discard_unsent: bool| {
        let args = SignOutArgs {
            remove_offline_copy: remove_copy.get_untracked(),
            discard_unsent,
        };
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            match shell::sign_out(state, args).await {
                Ok(()) => on_close.run(()),
                Err(error) => {
                    busy.try_set(false);
                    match error.code {
                        ErrorCode::UnsentChanges { changes } => {
                            unsent_changes.try_set(Some(changes));
                        }
                        _ => {
                            failure.try_set(Some(error));
                        }
                    }
                }
            }
        });
    };
    view! {
        <Dialog id="sign-out-dialog" title=DIALOG_TITLE on_close>
            <p>{DIALOG_TEXT}</p>
            <div class="check">
                <input
                    id="sign-out-remove-copy"
                    type="checkbox"
                    aria-describedby="sign-out-remove-copy-hint"
                    prop:checked=move || remove_copy.get()
                    on:change=move |ev| {
                        remove_copy.set(event_target_checked(&ev));
                        unsent_changes.set(None);
                    }
                />
                <label for="sign-out-remove-copy">{REMOVE_COPY}</label>
            </div>
            <p id="sign-out-remove-copy-hint" class="hint">{REMOVE_COPY_HINT}</p>
            {move || {
                unsent_changes
                    .get()
                    .map(|changes| {
                        view! {
                            <div class="notice notice-warn" role="alert">
                                <p id="sign-out-unsent">{unsent(changes)}</p>
                                <button
                                    id="sign-out-discard"
                                    type="button"
                                    class="button danger"
                                    disabled=move || busy.get()
                                    on:click=move |_| sign_out(true)
                                >
                                    {discard(changes)}
                                </button>
                            </div>
                        }
                    })
            }}
            {move || {
                failure
                    .get()
                    .map(|error| view! { <ErrorNotice error on_dismiss=move |()| failure.set(None) /> })
            }}
            <div class="dialog-actions">
                <button
                    id="sign-out-cancel"
                    type="button"
                    class="button quiet"
                    on:click=move |_| on_close.run(())
                >
                    {CANCEL}
                </button>
                <button
                    id="sign-out-confirm"
                    type="button"
                    class="button primary"
                    disabled=move || busy.get()
                    on:click=move |_| sign_out(false)
                >
                    {CONFIRM}
                </button>
            </div>
        </Dialog>
    }
}
