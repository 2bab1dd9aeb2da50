//! Failures shown to the user: a translated sentence for the failure's code, and a button for
//! the action that fixes it where the window can do it. [`SignInError`] shows a refused or
//! failed sign-in wherever the user is; [`NoticeList`] shows the queue of other failures.
//!
//! The sentence comes from the code and its details ([`error_sentence`]), never from the
//! English `message`: every code has its sentence in both catalogs, so every screen (the
//! drafting wizard, the Sync page, the notices) says it in the window's language.

use ledgerline_model::error::{Action, ErrorCode, ErrorPayload, FieldProblem};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::i18n::{Arg, fmt_relative, t, t_args};
use crate::shell;
use crate::state::{ShellState, use_state};

/// The catalog key of a code's sentence and its placeables; `None` for codes whose sentence
/// is the payload's own message.
fn sentence_key(code: &ErrorCode) -> Option<(&'static str, Vec<(&'static str, Arg)>)> {
    let plain = |key| Some((key, Vec::new()));
    match code {
        ErrorCode::NotSignedIn => plain("error-not-signed-in"),
        ErrorCode::SignInExpired => plain("error-sign-in-expired"),
        ErrorCode::AppRejected => plain("error-app-rejected"),
        ErrorCode::SignInStateMismatch => plain("error-sign-in-state-mismatch"),
        ErrorCode::SignInFailed { error } => {
            Some(("error-sign-in-failed", vec![("error", error.into())]))
        }
        ErrorCode::SignInStale => plain("error-sign-in-stale"),
        ErrorCode::SignInReplayed => plain("error-sign-in-replayed"),
        ErrorCode::NotASignInAddress { .. } => plain("error-not-a-sign-in-address"),
        ErrorCode::TokenStore => plain("error-token-store"),
        ErrorCode::BadSetting { setting } => {
            Some(("error-bad-setting", vec![("setting", setting.into())]))
        }
        ErrorCode::Forbidden => plain("error-forbidden"),
        ErrorCode::RemoteNotFound => plain("error-remote-not-found"),
        ErrorCode::Rejected { message, .. } => {
            Some(("error-rejected", vec![("message", message.into())]))
        }
        ErrorCode::RateLimited { .. } => plain("error-rate-limited"),
        ErrorCode::Unreachable => plain("error-unreachable"),
        ErrorCode::OutcomeUnknown => plain("error-outcome-unknown"),
        ErrorCode::ServerError { status } => Some((
            "error-server-error",
            vec![("status", Arg::Text(status.to_string()))],
        )),
        ErrorCode::UnreadableAnswer => plain("error-unreadable-answer"),
        ErrorCode::EntityUnavailable { reason, .. } => {
            Some(("error-entity-unavailable", vec![("reason", reason.into())]))
        }
        ErrorCode::Storage => plain("error-storage"),
        ErrorCode::DatabaseUpgrade => plain("error-database-upgrade"),
        ErrorCode::DamagedRecord => plain("error-damaged-record"),
        ErrorCode::DataFolder { path } => Some(("error-data-folder", vec![("path", path.into())])),
        ErrorCode::InternalTask => plain("error-internal-task"),
        ErrorCode::UnsentChanges { changes } => {
            Some(("error-unsent-changes", vec![("count", (*changes).into())]))
        }
        ErrorCode::OfflineCopyInUse => plain("error-offline-copy-in-use"),
        ErrorCode::OfflineCopyRemoved => plain("error-offline-copy-removed"),
        ErrorCode::NoCurrentBusiness => plain("error-no-current-business"),
        ErrorCode::UnknownBusiness { given } => {
            Some(("error-unknown-business", vec![("given", given.into())]))
        }
        ErrorCode::RecordNotFound { .. } => plain("error-record-not-found"),
        ErrorCode::TooLateToUndo { .. } => plain("error-too-late-to-undo"),
        ErrorCode::ChangeInDoubt { .. } => plain("error-change-in-doubt"),
        ErrorCode::UsedByPendingDraft { .. } => plain("error-used-by-pending-draft"),
        ErrorCode::SyncIncomplete { failed, waiting } => Some((
            "error-sync-incomplete",
            vec![("failed", (*failed).into()), ("waiting", (*waiting).into())],
        )),
        ErrorCode::ChangesNeedYou { refused, conflicts } => Some((
            "error-changes-need-you",
            vec![
                ("refused", (*refused).into()),
                ("conflicts", (*conflicts).into()),
            ],
        )),
        ErrorCode::OtherSender => plain("error-other-sender"),
        ErrorCode::BusinessNotListed { business_name, .. } => Some((
            "error-business-not-listed",
            vec![("business", business_name.into())],
        )),
        ErrorCode::NoKeyring { reason } => {
            Some(("error-no-keyring", vec![("reason", reason.into())]))
        }
        ErrorCode::KeyringFailed { reason } => {
            Some(("error-keyring-failed", vec![("reason", reason.into())]))
        }
        ErrorCode::TokenFile { path } => Some(("error-token-file", vec![("path", path.into())])),
        ErrorCode::DamagedSignIn => plain("error-damaged-sign-in"),
        ErrorCode::TimerRunning { started_at, .. } => {
            let now = chrono::DateTime::from_timestamp_millis(crate::clock::now_millis())
                .unwrap_or(*started_at);
            Some((
                "error-timer-running",
                vec![("started", fmt_relative(*started_at, now).into())],
            ))
        }
        ErrorCode::NoTimer => plain("error-no-timer"),
        ErrorCode::InvoiceNotInFreshBooks { .. } => plain("error-invoice-not-in-freshbooks"),
        ErrorCode::InvoiceChangesWaiting => plain("error-invoice-changes-waiting"),
        ErrorCode::EmailMaybeSent { .. } => plain("error-email-maybe-sent"),
        ErrorCode::BadEmailRecipients { recipients } if recipients.is_empty() => {
            plain("error-no-email-recipients")
        }
        ErrorCode::BadEmailRecipients { recipients } => Some((
            "error-bad-email-recipients",
            vec![("recipients", Arg::Text(recipients.join(", ")))],
        )),
        ErrorCode::Cancelled => plain("error-cancelled"),
        ErrorCode::BadRequest => plain("error-bad-request"),
        ErrorCode::NoShell => plain("error-no-shell"),
        ErrorCode::ShellMismatch { detail } => {
            Some(("error-shell-mismatch", vec![("detail", detail.into())]))
        }
        ErrorCode::InvalidField { field, problem } => Some((
            "error-invalid-field",
            vec![
                ("field", field.into()),
                ("problem", Arg::Text(field_problem(problem))),
            ],
        )),
        ErrorCode::AmbiguousBusiness { given, matches } => Some((
            "error-ambiguous-business",
            vec![
                ("given", given.into()),
                ("matches", Arg::Text(matches.join(", "))),
            ],
        )),
        ErrorCode::UnknownEntity { given } => {
            Some(("error-unknown-entity", vec![("given", given.into())]))
        }
        ErrorCode::DraftNoEntries => plain("error-draft-no-entries"),
        ErrorCode::DraftTooManyLines { lines, max, .. } => Some((
            "error-draft-too-many-lines",
            vec![("lines", (*lines).into()), ("max", (*max).into())],
        )),
        ErrorCode::DraftNoRate { entries } => {
            Some(("error-draft-no-rate", vec![("count", entries.len().into())]))
        }
        ErrorCode::DraftTooManyTaxes => plain("error-draft-too-many-taxes"),
        ErrorCode::DraftChanged => plain("error-draft-changed"),
        ErrorCode::EntriesAlreadyBilled { entries } => Some((
            "error-entries-already-billed",
            vec![("count", entries.len().into())],
        )),
        ErrorCode::BilledInFreshBooks { entries } => Some((
            "error-billed-in-freshbooks",
            vec![("count", entries.len().into())],
        )),
        ErrorCode::NoSuchConflict { .. } => plain("error-no-such-conflict"),
    }
}

/// Why a value was refused, in the current locale.
pub fn field_problem(problem: &FieldProblem) -> String {
    match problem {
        FieldProblem::Required => t("error-field-required"),
        FieldProblem::NeedsName => t("error-field-needs-name"),
        FieldProblem::NotAnAmount { given } => {
            t_args("error-field-not-an-amount", &[("given", given.into())])
        }
        FieldProblem::NotADate { given } => {
            t_args("error-field-not-a-date", &[("given", given.into())])
        }
        FieldProblem::NotATime { given } => {
            t_args("error-field-not-a-time", &[("given", given.into())])
        }
        FieldProblem::NotACurrency { given } => {
            t_args("error-field-not-a-currency", &[("given", given.into())])
        }
        FieldProblem::CannotClear => t("error-field-cannot-clear"),
        FieldProblem::CannotSend { given, allowed } => t_args(
            "error-field-cannot-send",
            &[
                ("given", given.into()),
                ("allowed", Arg::Text(allowed.join(", "))),
            ],
        ),
        FieldProblem::NeverCreated => t("error-field-never-created"),
        FieldProblem::OtherBusiness => t("error-field-other-business"),
        FieldProblem::CompoundFirstTax => t("error-field-compound-first-tax"),
        FieldProblem::UnknownVisibility { code } => t_args(
            "error-field-unknown-visibility",
            &[("code", Arg::Text(code.to_string()))],
        ),
    }
}

/// What happened, in the current locale: the code's sentence with its details, or the
/// payload's message for the codes without one.
pub fn error_sentence(error: &ErrorPayload) -> String {
    match sentence_key(&error.code) {
        Some((key, args)) => t_args(key, &args),
        None => error.message.clone(),
    }
}

/// Whether the window says this code in its own words (for the tests).
pub fn has_sentence(code: &ErrorCode) -> bool {
    sentence_key(code).is_some()
}

/// The heading over a refused or failed sign-in, per code (a catalog key).
fn sign_in_heading(code: &ErrorCode) -> &'static str {
    match code {
        ErrorCode::SignInStateMismatch => "sign-in-heading-state-mismatch",
        ErrorCode::SignInReplayed => "sign-in-heading-replayed",
        ErrorCode::SignInStale => "sign-in-heading-stale",
        ErrorCode::SignInFailed { .. } => "sign-in-heading-failed",
        ErrorCode::AppRejected => "sign-in-heading-app-rejected",
        ErrorCode::NotASignInAddress { .. } => "sign-in-heading-not-an-address",
        ErrorCode::NoKeyring { .. } | ErrorCode::KeyringFailed { .. } => "sign-in-heading-keyring",
        _ => "sign-in-heading-other",
    }
}

/// One failure with its action's button and a dismiss button.
#[component]
pub fn ErrorNotice(
    error: ErrorPayload,
    /// The element's id (its dismiss button is `<id>-dismiss`).
    #[prop(optional)]
    id: Option<&'static str>,
    /// A heading over the message (a catalog key).
    #[prop(optional)]
    heading: Option<&'static str>,
    /// What "Try again" does, for `Action::Retry`.
    #[prop(default = None)]
    retry: Option<Callback<()>>,
    #[prop(into)] on_dismiss: Callback<()>,
) -> impl IntoView {
    let state = use_state();
    let code = error.code.name();
    let button = action_button(state, error.action, retry).map(|(label, run)| {
        view! {
            <button
                type="button"
                class="button"
                data-action=label
                on:click=move |_| {
                    on_dismiss.run(());
                    run.run(());
                }
            >
                {move || t(label)}
            </button>
        }
    });
    let sentence = move || error_sentence(&error);
    view! {
        <div id=id class="notice notice-error" role="alert" data-code=code>
            {heading.map(|h| view! { <p class="notice-heading">{move || t(h)}</p> })}
            <p class="notice-message">{sentence}</p>
            <div class="notice-actions">
                {button}
                <button
                    id=id.map(|id| format!("{id}-dismiss"))
                    type="button"
                    class="button quiet"
                    aria-label=move || t("common-dismiss-label")
                    on:click=move |_| on_dismiss.run(())
                >
                    {move || t("common-dismiss")}
                </button>
            </div>
        </div>
    }
}

/// The button for an action, where the window can do it: its label's catalog key and what it
/// does.
fn action_button(
    state: ShellState,
    action: Action,
    retry: Option<Callback<()>>,
) -> Option<(&'static str, Callback<()>)> {
    match action {
        Action::SignIn => Some((
            "error-action-sign-in",
            Callback::new(move |()| shell::sign_in_again(state)),
        )),
        Action::CheckAppRegistration => Some((
            "error-action-check-registration",
            Callback::new(move |()| shell::show_own_app_form(state)),
        )),
        Action::Retry => retry.map(|run| ("common-try-again", run)),
        Action::Sync | Action::SyncEverything => Some((
            "error-action-sync",
            Callback::new(move |()| shell::sync_now(state)),
        )),
        Action::ReviewChanges => {
            let navigate = use_navigate();
            Some((
                "error-action-review",
                Callback::new(move |()| navigate("/sync", Default::default())),
            ))
        }
        Action::UnlockKeyring => Some((
            "error-action-use-file",
            Callback::new(move |()| shell::use_file_for_secrets(state)),
        )),
        Action::ReportBug => Some((
            "error-action-open-log-folder",
            Callback::new(move |()| shell::open_log_folder(state)),
        )),
        // Nothing the window can do by a button: the sentence says what to do.
        Action::None
        | Action::ChooseBusiness
        | Action::FixValue
        | Action::EditAgain
        | Action::AskOwner
        | Action::CloseOtherCopies
        | Action::UpdateApp => None,
    }
}

/// The refused or failed sign-in (`#sign-in-error`, `data-code` = the code's name), shown over
/// any screen until dismissed.
#[component]
pub fn SignInError() -> impl IntoView {
    let state = use_state();
    let refused = state.sign_in.refused;
    move || {
        refused.get().map(|error| {
            let heading = sign_in_heading(&error.code);
            view! {
                <ErrorNotice
                    error
                    id="sign-in-error"
                    heading
                    on_dismiss=move |()| refused.set(None)
                />
            }
        })
    }
}

/// The queue of failures, oldest first.
#[component]
pub fn NoticeList() -> impl IntoView {
    let state = use_state();
    let notices = state.notices;
    view! {
        <For
            each=move || notices.list.get()
            key=|notice| notice.id
            children=move |notice| {
                let id = notice.id;
                view! {
                    <ErrorNotice
                        error=notice.error
                        retry=notice.retry
                        on_dismiss=move |()| notices.dismiss(id)
                    />
                }
            }
        />
    }
}
