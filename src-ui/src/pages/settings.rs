//! Settings: what the app knows about itself (version, folders), the log folder, and signing
//! out (asking whether to also remove the offline copy).

use ledgerline_model::error::{ErrorCode, ErrorPayload};
use ledgerline_model::ipc::{GetAppInfo, NoArgs, SignOutArgs};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::dialog::Dialog;
use crate::components::error_notice::{ErrorNotice, error_sentence};
use crate::i18n::{t, t_args};
use crate::ipc;
use crate::shell;
use crate::state::use_state;

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
            <h1 id="page-title">{move || t("settings-title")}</h1>
            <Suspense fallback=|| view! { <p class="muted">{move || t("common-loading")}</p> }>
                {move || {
                    info.get()
                        .map(|res| match res {
                            Ok(info) => {
                                view! {
                                    <dl class="facts">
                                        <dt>{move || t("settings-version")}</dt>
                                        <dd id="app-version">{info.version}</dd>
                                        <dt>{move || t("settings-data-folder")}</dt>
                                        <dd id="data-dir">{info.data_dir}</dd>
                                        <dt>{move || t("settings-log-folder")}</dt>
                                        <dd id="log-dir">{info.log_dir}</dd>
                                        <dt>{move || t("settings-system")}</dt>
                                        <dd>{info.os}</dd>
                                    </dl>
                                }
                                    .into_any()
                            }
                            Err(err) => {
                                view! {
                                    <div class="error" role="alert">
                                        <p>{move || error_sentence(&err)}</p>
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
                    {move || t("settings-open-log-folder")}
                </button>
            </p>
            <Show when=can_sign_out>
                <h2>{move || t("settings-account")}</h2>
                <p class="muted">{move || t("settings-sign-out-hint")}</p>
                <button
                    id="sign-out"
                    type="button"
                    class="button danger"
                    on:click=move |_| dialog_open.set(true)
                >
                    {move || t("settings-sign-out")}
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
        <Dialog id="sign-out-dialog" title="settings-dialog-title" on_close>
            <p>{move || t("settings-dialog-text")}</p>
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
                <label for="sign-out-remove-copy">{move || t("settings-remove-copy")}</label>
            </div>
            <p id="sign-out-remove-copy-hint" class="hint">{move || t("settings-remove-copy-hint")}</p>
            {move || {
                unsent_changes
                    .get()
                    .map(|changes| {
                        view! {
                            <div class="notice notice-warn" role="alert">
                                <p id="sign-out-unsent">{move || t_args("settings-unsent", &[("count", changes.into())])}</p>
                                <button
                                    id="sign-out-discard"
                                    type="button"
                                    class="button danger"
                                    disabled=move || busy.get()
                                    on:click=move |_| sign_out(true)
                                >
                                    {move || t_args("settings-discard", &[("count", changes.into())])}
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
                    {move || t("common-cancel")}
                </button>
                <button
                    id="sign-out-confirm"
                    type="button"
                    class="button primary"
                    disabled=move || busy.get()
                    on:click=move |_| sign_out(false)
                >
                    {move || t("settings-confirm-sign-out")}
                </button>
            </div>
        </Dialog>
    }
}
