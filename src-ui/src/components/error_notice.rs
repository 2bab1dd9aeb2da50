//! Failures shown to the user: the message, and a button for the action that fixes it where
//! the window can do it. [`SignInError`] shows a refused or failed sign-in wherever the user is;
//! [`NoticeList`] shows the queue of other failures.

use ledgerline_model::error::{Action, ErrorCode, ErrorPayload};
use leptos::prelude::*;

use crate::pages::Section;
use crate::shell;
use crate::state::{ShellState, use_state};

const DISMISS: &str = "Dismiss";
const DISMISS_LABEL: &str = "Dismiss this message";
const SIGN_IN_AGAIN: &str = "Sign in again";
const CHECK_REGISTRATION: &str = "Check the app's registration";
const TRY_AGAIN: &str = "Try again";
const SYNC_NOW: &str = "Sync now";
const REVIEW_CHANGES: &str = "Review changes";
const USE_FILE: &str = "Keep my sign-in in a private file instead";

/// The heading over a refused or failed sign-in, per code.
fn sign_in_heading(code: &ErrorCode) -> &'static str {
    match code {
        ErrorCode::SignInStateMismatch => {
            "This sign-in answer is not from a sign-in Ledgerline started"
        }
        ErrorCode::SignInReplayed => "This sign-in answer was already used",
        ErrorCode::SignInStale => "This sign-in took too long",
        ErrorCode::SignInFailed { .. } => "FreshBooks ended the sign-in",
        ErrorCode::AppRejected => "FreshBooks did not accept the app's registration",
        ErrorCode::NotASignInAddress { .. } => "That is not a sign-in address",
        ErrorCode::NoKeyring { .. } | ErrorCode::KeyringFailed { .. } => {
            "Ledgerline could not keep the sign-in"
        }
        _ => "The sign-in did not finish",
    }
}

/// One failure with its action's button and a dismiss button.
#[component]
pub fn ErrorNotice(
    error: ErrorPayload,
    /// The element's id (its dismiss button is `<id>-dismiss`).
    #[prop(optional)]
    id: Option<&'static str>,
    /// A heading over the message.
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
                on:click=move |_| {
                    on_dismiss.run(());
                    run.run(());
                }
            >
                {label}
            </button>
        }
    });
    view! {
        <div id=id class="notice notice-error" role="alert" data-code=code>
            {heading.map(|h| view! { <p class="notice-heading">{h}</p> })}
            <p class="notice-message">{error.message}</p>
            <div class="notice-actions">
                {button}
                <button
                    id=id.map(|id| format!("{id}-dismiss"))
                    type="button"
                    class="button quiet"
                    aria-label=DISMISS_LABEL
                    on:click=move |_| on_dismiss.run(())
                >
                    {DISMISS}
                </button>
            </div>
        </div>
    }
}

/// The button for an action, where the window can do it.
fn action_button(
    state: ShellState,
    action: Action,
    retry: Option<Callback<()>>,
) -> Option<(&'static str, Callback<()>)> {
    match action {
        Action::SignIn => Some((
            SIGN_IN_AGAIN,
            Callback::new(move |()| shell::sign_in_again(state)),
        )),
        Action::CheckAppRegistration => Some((
            CHECK_REGISTRATION,
            Callback::new(move |()| shell::show_own_app_form(state)),
        )),
        Action::Retry => retry.map(|run| (TRY_AGAIN, run)),
        Action::Sync | Action::SyncEverything => {
            Some((SYNC_NOW, Callback::new(move |()| shell::sync_now(state))))
        }
        Action::ReviewChanges => Some((
            REVIEW_CHANGES,
            Callback::new(move |()| state.section.0.set(Section::Sync)),
        )),
        Action::UnlockKeyring => Some((
            USE_FILE,
            Callback::new(move |()| shell::use_file_for_secrets(state)),
        )),
        // Nothing the window can do by a button: the message says what to do.
        Action::None
        | Action::ChooseBusiness
        | Action::FixValue
        | Action::EditAgain
        | Action::AskOwner
        | Action::CloseOtherCopies
        | Action::UpdateApp
        | Action::ReportBug => None,
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
