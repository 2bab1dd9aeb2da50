//! Settings: the sync schedule, the language and the theme (each applied at once and kept by
//! the shell), the data and log folders with "Open", the export of a list (CSV or JSON into the
//! Downloads folder, then "Show in folder"), and signing out (asking whether to also remove the
//! offline copy).

use ledgerline_model::error::{ErrorCode, ErrorPayload};
use ledgerline_model::ipc::{
    AppInfo, ExportArgs, ExportFormat, ExportList, GetAppInfo, NoArgs, SignOutArgs, Theme,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::dialog::Dialog;
use crate::components::error_notice::{ErrorNotice, error_sentence};
use crate::components::saved_file::{self, ExportButton, ExportNotices};
use crate::i18n::{self, LocaleId, t, t_args};
use crate::ipc;
use crate::shell;
use crate::state::{theme_code, use_state};

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
        <section class="page settings">
            <h1 id="page-title">{move || t("settings-title")}</h1>
            <Preferences />
            <section class="settings-group" aria-labelledby="settings-data-heading">
                <h2 id="settings-data-heading">{move || t("settings-data-heading")}</h2>
                <Suspense fallback=|| view! { <p class="muted">{move || t("common-loading")}</p> }>
                    {move || {
                        info.get()
                            .map(|res| match res {
                                Ok(info) => view! { <Facts info /> }.into_any(),
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
                <p class="actions">
                    <button
                        id="open-data-folder"
                        type="button"
                        class="button"
                        on:click=move |_| shell::open_data_folder(state)
                    >
                        {move || t("settings-open-data-folder")}
                    </button>
                    <button
                        id="open-log-folder"
                        type="button"
                        class="button"
                        on:click=move |_| shell::open_log_folder(state)
                    >
                        {move || t("settings-open-log-folder")}
                    </button>
                </p>
            </section>
            <ListExport />
            <Show when=can_sign_out>
                <section class="settings-group" aria-labelledby="settings-account-heading">
                    <h2 id="settings-account-heading">{move || t("settings-account")}</h2>
                    <p class="muted">{move || t("settings-sign-out-hint")}</p>
                    <button
                        id="sign-out"
                        type="button"
                        class="button danger"
                        on:click=move |_| dialog_open.set(true)
                    >
                        {move || t("settings-sign-out")}
                    </button>
                </section>
            </Show>
            <Show when=move || dialog_open.get()>
                <SignOutDialog on_close=move |()| dialog_open.set(false) />
            </Show>
        </section>
    }
}

/// Version and folders.
#[component]
fn Facts(info: AppInfo) -> impl IntoView {
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
}

/// The sync schedule offered (minutes; the shell accepts 1 to 1440).
const SYNC_CHOICES: [u32; 5] = [5, 15, 30, 60, 1440];

fn sync_label(minutes: u32) -> String {
    match minutes {
        60 => t("settings-sync-hour"),
        1440 => t("settings-sync-day"),
        n => t_args("settings-sync-minutes", &[("minutes", i64::from(n).into())]),
    }
}

/// Sync schedule, language and theme: each applies at once and is kept by the shell.
#[component]
fn Preferences() -> impl IntoView {
    let state = use_state();
    let prefs = state.preferences.0;
    let change = move |edit: &dyn Fn(&mut ledgerline_model::ipc::Preferences)| {
        let mut next = prefs.get_untracked();
        edit(&mut next);
        shell::save_preferences(state, next);
    };
    let system_name = move || t_in_own(i18n::system());
    view! {
        <section class="settings-group" aria-labelledby="settings-sync-heading">
            <h2 id="settings-sync-heading">{move || t("settings-sync-heading")}</h2>
            <div class="field">
                <label for="settings-sync-every">{move || t("settings-sync-every")}</label>
                <select
                    id="settings-sync-every"
                    aria-describedby="settings-sync-hint"
                    prop:value=move || prefs.with(|p| p.sync_every_minutes.to_string())
                    on:change=move |ev| {
                        if let Ok(minutes) = event_target_value(&ev).parse::<u32>() {
                            change(&|p| p.sync_every_minutes = minutes);
                        }
                    }
                >
                    {SYNC_CHOICES
                        .into_iter()
                        .map(|m| {
                            view! {
                                <option
                                    value=m.to_string()
                                    selected=move || prefs.with(|p| p.sync_every_minutes == m)
                                >
                                    {move || sync_label(m)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p id="settings-sync-hint" class="hint">{move || t("settings-sync-hint")}</p>
            </div>
        </section>
        <section class="settings-group" aria-labelledby="settings-appearance-heading">
            <h2 id="settings-appearance-heading">{move || t("settings-appearance")}</h2>
            <div class="field">
                <label for="settings-language">{move || t("settings-language")}</label>
                <select
                    id="settings-language"
                    prop:value=move || {
                        prefs.with(|p| p.language.clone()).unwrap_or_else(|| "system".into())
                    }
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let language = LocaleId::from_code(&value).map(|l| l.code().to_owned());
                        change(&|p| p.language = language.clone());
                    }
                >
                    <option value="system" selected=move || prefs.with(|p| p.language.is_none())>
                        {move || {
                            t_args("settings-language-system", &[("language", system_name().into())])
                        }}
                    </option>
                    {LocaleId::ALL
                        .into_iter()
                        .map(|l| {
                            view! {
                                <option
                                    value=l.code()
                                    lang=l.tag()
                                    selected=move || {
                                        prefs.with(|p| p.language.as_deref() == Some(l.code()))
                                    }
                                >
                                    {t_in_own(l)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <fieldset class="field choice-row">
                <legend>{move || t("settings-theme")}</legend>
                {[
                    (Theme::Light, "settings-theme-light"),
                    (Theme::Dark, "settings-theme-dark"),
                    (Theme::System, "settings-theme-system"),
                ]
                    .into_iter()
                    .map(|(theme, key)| {
                        let id = format!("settings-theme-{}", theme_code(theme));
                        let for_id = id.clone();
                        view! {
                            <label class="choice" for=for_id>
                                <input
                                    id=id
                                    type="radio"
                                    name="settings-theme"
                                    value=theme_code(theme)
                                    prop:checked=move || prefs.with(|p| p.theme == theme)
                                    on:change=move |_| change(&|p| p.theme = theme)
                                />
                                {move || t(key)}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </section>
    }
}

/// A language's name in itself ("English", "Français (Canada)").
fn t_in_own(locale: LocaleId) -> String {
    let key = match locale {
        LocaleId::En => "settings-language-en",
        LocaleId::FrCa => "settings-language-fr-ca",
    };
    i18n::t_in(locale, key, &[])
}

/// Export of a list as CSV or JSON into the Downloads folder, then "Show in folder".
#[component]
fn ListExport() -> impl IntoView {
    let list = RwSignal::new("clients".to_owned());
    let format = RwSignal::new(ExportFormat::Csv);
    let export = saved_file::Export::new();
    let args = move || {
        let which = match list.get_untracked().as_str() {
            "time" => ExportList::TimeEntries {
                query: Default::default(),
            },
            "invoices" => ExportList::Invoices {
                query: Default::default(),
            },
            _ => ExportList::Clients {
                query: Default::default(),
            },
        };
        ExportArgs {
            list: which,
            format: format.get_untracked(),
        }
    };
    view! {
        <section class="settings-group" aria-labelledby="settings-export-heading">
            <h2 id="settings-export-heading">{move || t("settings-export-heading")}</h2>
            <p class="muted">{move || t("settings-export-hint")}</p>
            <div class="form inline">
                <div class="field">
                    <label for="export-list">{move || t("settings-export-list")}</label>
                    <select
                        id="export-list"
                        prop:value=move || list.get()
                        on:change=move |ev| list.set(event_target_value(&ev))
                    >
                        <option value="clients">{move || t("settings-export-clients")}</option>
                        <option value="time">{move || t("settings-export-time")}</option>
                        <option value="invoices">{move || t("settings-export-invoices")}</option>
                    </select>
                </div>
                <div class="field">
                    <label for="export-format">{move || t("settings-export-format")}</label>
                    <select
                        id="export-format"
                        on:change=move |ev| {
                            format.set(if event_target_value(&ev) == "json" {
                                ExportFormat::Json
                            } else {
                                ExportFormat::Csv
                            })
                        }
                    >
                        <option value="csv">{move || t("settings-export-csv")}</option>
                        <option value="json">{move || t("settings-export-json")}</option>
                    </select>
                </div>
                <ExportButton export id="export-run" class="button primary" label="settings-export" args />
            </div>
            <ExportNotices export id="export-done" reveal_id="export-reveal" />
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
