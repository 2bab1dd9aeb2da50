//! "Save draft" and what the wizard says when a preview or a save is refused.
//!
//! The button is disabled from the click until the answer (a second click, or the shortcut,
//! cannot send the draft twice). A refusal shows in `#draft-error` (`data-code` = the code)
//! with its sentence and the button that fixes it (`#draft-error-fix`, `data-fix`).

use ledgerline_model::error::{Action, ErrorCode, ErrorPayload};
use leptos::prelude::*;

use crate::components::error_notice::error_sentence;
use crate::i18n::t;

/// What the fixing button of a refusal does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fix {
    /// Read the entries again and preview anew (the time changed or was billed meanwhile).
    Reload,
    /// Ask for the business's hourly rate.
    BusinessRate,
    /// Go to the entries' boxes.
    Entries,
    /// Go to the taxes.
    Taxes,
    /// Try the same again.
    Retry,
}

impl Fix {
    /// Its `data-fix` word.
    pub fn code(self) -> &'static str {
        match self {
            Fix::Reload => "reload",
            Fix::BusinessRate => "business_rate",
            Fix::Entries => "entries",
            Fix::Taxes => "taxes",
            Fix::Retry => "retry",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Fix::Reload => "drafting-fix-reload",
            Fix::BusinessRate => "drafting-fix-business-rate",
            Fix::Entries => "drafting-fix-entries",
            Fix::Taxes => "drafting-fix-taxes",
            Fix::Retry => "common-try-again",
        }
    }
}

/// The button that fixes a refusal, if the window has one.
pub fn fix_for(error: &ErrorPayload) -> Option<Fix> {
    match error.code {
        ErrorCode::EntriesAlreadyBilled { .. }
        | ErrorCode::BilledInFreshBooks { .. }
        | ErrorCode::DraftChanged => Some(Fix::Reload),
        ErrorCode::DraftNoRate { .. } => Some(Fix::BusinessRate),
        ErrorCode::DraftNoEntries => Some(Fix::Entries),
        ErrorCode::DraftTooManyTaxes => Some(Fix::Taxes),
        // Any other refusal: its own action, where it is "try again".
        _ => (error.action == Action::Retry).then_some(Fix::Retry),
    }
}

/// The refusal in the current locale: the shared sentence of its code (the same words the Sync
/// page and the notices use), but a refused role says what it may not do here.
pub fn refusal_sentence(error: &ErrorPayload) -> String {
    match &error.code {
        ErrorCode::Forbidden => t("drafting-error-forbidden"),
        _ => error_sentence(error),
    }
}

/// "Save draft".
#[component]
pub fn SaveButton(
    /// Nothing to save (no preview, a newer one on its way, a read-only role).
    #[prop(into)]
    disabled: Signal<bool>,
    /// A save is under way: set here on the click, cleared by the page on the answer.
    saving: RwSignal<bool>,
    /// Sends the draft.
    #[prop(into)]
    on_save: Callback<()>,
) -> impl IntoView {
    let press = move || {
        if saving.get_untracked() || disabled.get_untracked() {
            return;
        }
        saving.set(true);
        on_save.run(());
    };
    view! {
        <button
            id="draft-save"
            type="button"
            class="button primary"
            aria-keyshortcuts="Control+S"
            aria-busy=move || saving.get().to_string()
            disabled=move || disabled.get() || saving.get()
            on:click=move |_| press()
        >
            {move || if saving.get() { t("drafting-saving") } else { t("drafting-save") }}
        </button>
    }
}

/// `#draft-error`: a refused preview or save, with the button that fixes it.
#[component]
pub fn DraftErrorNotice(
    #[prop(into)] error: Signal<Option<ErrorPayload>>,
    #[prop(into)] on_fix: Callback<Fix>,
    #[prop(into)] on_dismiss: Callback<()>,
) -> impl IntoView {
    move || {
        error.get().map(|error| {
            let fix = fix_for(&error);
            let code = error.code.name();
            let sentence = move || refusal_sentence(&error);
            view! {
                <div id="draft-error" class="notice notice-error" role="alert" data-code=code>
                    <p class="notice-message">{sentence}</p>
                    <div class="notice-actions">
                        {fix.map(|fix| view! {
                            <button
                                id="draft-error-fix"
                                type="button"
                                class="button"
                                data-fix=fix.code()
                                on:click=move |_| on_fix.run(fix)
                            >
                                {move || t(fix.label())}
                            </button>
                        })}
                        <button
                            id="draft-error-dismiss"
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
        })
    }
}
