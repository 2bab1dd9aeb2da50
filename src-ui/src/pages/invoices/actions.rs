//! What an invoice's page can do with it: download its PDF and send it by email (online, and
//! only once FreshBooks has it; otherwise the reason is said beside the buttons), the email's
//! dialog with its recipients checked, and "Undo" for an invoice made here and not yet sent.
//!
//! Stable ids: `#invoice-download-pdf`, `#invoice-send-email`, `#invoice-actions-reason`
//! (`data-reason` = pending|offline), `#invoice-pdf-saved` with `#invoice-pdf-reveal`,
//! `#invoice-emailed`, `#invoice-email-dialog` with `#invoice-email-recipients`,
//! `#invoice-email-attach`, `#invoice-email-send`, `#invoice-email-confirm` (after an email
//! that may have gone out), `#invoice-email-reason` (a read-only role), `#invoice-error`
//! (`data-code`),
//! `#invoice-undo` and `#invoice-undo-too-late`.

use ledgerline_model::error::{ErrorCode, ErrorPayload};
use ledgerline_model::ipc::{ExportDone, InvoiceDetail, SendInvoiceArgs};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::components::dialog::Dialog;
use crate::components::error_notice::ErrorNotice;
use crate::components::field::{hint_id, problem_id};
use crate::components::saved_file::SavedFileNotice;
use crate::i18n::{t, t_args};
use crate::pages::clients::form::looks_like_email;
use crate::screens_api;
use crate::state::use_state;

/// The recipients' input.
const RECIPIENTS: &str = "invoice-email-recipients";

/// Why the PDF and the email are not offered now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    /// FreshBooks does not have the invoice yet: sync first.
    Pending,
    /// FreshBooks cannot be reached.
    Offline,
}

impl Unavailable {
    /// The `data-reason` word.
    pub fn word(self) -> &'static str {
        match self {
            Unavailable::Pending => "pending",
            Unavailable::Offline => "offline",
        }
    }

    fn key(self) -> &'static str {
        match self {
            Unavailable::Pending => "invoices-reason-pending",
            Unavailable::Offline => "invoices-reason-offline",
        }
    }
}

/// Whether the PDF and the email can be asked for: FreshBooks must have the invoice (said first:
/// a sync fixes it) and answer.
pub fn unavailable(in_freshbooks: bool, online: bool) -> Option<Unavailable> {
    if !in_freshbooks {
        Some(Unavailable::Pending)
    } else if !online {
        Some(Unavailable::Offline)
    } else {
        None
    }
}

/// Whether a failed email may nonetheless have gone out (FreshBooks' answer was lost and the
/// invoice read back does not settle it): the dialog asks before sending it again.
pub fn may_have_been_sent(error: &ErrorPayload) -> bool {
    matches!(
        error.code,
        ErrorCode::EmailMaybeSent { .. } | ErrorCode::OutcomeUnknown
    )
}

/// What is wrong with the recipients typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecipientsProblem {
    /// None given.
    None,
    /// One is not shaped like an email address.
    NotAnAddress(String),
}

/// The addresses typed (separated by commas, semicolons or spaces), each checked.
pub fn parse_recipients(text: &str) -> Result<Vec<String>, RecipientsProblem> {
    let addresses: Vec<String> = text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect();
    if addresses.is_empty() {
        return Err(RecipientsProblem::None);
    }
    if let Some(bad) = addresses.iter().find(|a| !looks_like_email(a)) {
        return Err(RecipientsProblem::NotAnAddress(bad.clone()));
    }
    Ok(addresses)
}

/// The file name of a path the shell wrote (either separator).
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The PDF and email buttons, the reason when they are off, and what each did.
#[component]
pub fn OnlineActions(detail: RwSignal<InvoiceDetail>) -> impl IntoView {
    let state = use_state();
    let online = move || state.sync.0.with(|s| s.online);
    let reason = move || unavailable(detail.with(|d| d.in_freshbooks), online());
    // Emailing marks the invoice sent in FreshBooks: a read-only role may not.
    let read_only = move || reason().is_none() && !state.session.writable();
    let busy = RwSignal::new(false);
    let saved = RwSignal::new(None::<ExportDone>);
    let emailed = RwSignal::new(false);
    let failure = RwSignal::new(None::<ErrorPayload>);
    let dialog = RwSignal::new(false);
    let id = move || detail.with_untracked(|d| d.row.id);
    let download = move || {
        busy.set(true);
        saved.set(None);
        failure.set(None);
        let id = id();
        spawn_local(async move {
            match screens_api::download_invoice_pdf(id).await {
                Ok(done) => {
                    saved.try_set(Some(done));
                }
                Err(error) => {
                    failure.try_set(Some(error));
                }
            }
            busy.try_set(false);
        });
    };
    let on_sent = Callback::new(move |fresh: InvoiceDetail| {
        detail.set(fresh);
        dialog.set(false);
        emailed.set(true);
    });
    view! {
        <div class="record-actions invoice-actions" role="group" aria-label=move || t("invoices-actions")>
            <button
                id="invoice-download-pdf"
                type="button"
                class="button"
                disabled=move || reason().is_some() || busy.get()
                aria-describedby=move || reason().map(|_| "invoice-actions-reason")
                on:click=move |_| download()
            >
                {move || if busy.get() { t("invoices-downloading") } else { t("invoices-download-pdf") }}
            </button>
            <button
                id="invoice-send-email"
                type="button"
                class="button"
                disabled=move || reason().is_some() || read_only()
                aria-describedby=move || {
                    if reason().is_some() {
                        Some("invoice-actions-reason")
                    } else if read_only() {
                        Some("invoice-email-reason")
                    } else {
                        None
                    }
                }
                on:click=move |_| {
                    emailed.set(false);
                    dialog.set(true);
                }
            >
                {move || t("invoices-send-email")}
            </button>
            <Show when=read_only>
                <span id="invoice-email-reason" class="reason" data-reason="read-only">
                    {move || t("invoices-reason-read-only")}
                </span>
            </Show>
            {move || {
                reason()
                    .map(|r| {
                        view! {
                            <span id="invoice-actions-reason" class="reason" data-reason=r.word()>
                                {move || t(r.key())}
                            </span>
                        }
                    })
            }}
        </div>
        {move || {
            saved
                .get()
                .map(|done| {
                    let name = file_name(&done.path).to_owned();
                    let file = name.clone();
                    let message = Signal::derive(move || t_args("invoices-pdf-saved", &[("file", (&name).into())]));
                    view! {
                        <SavedFileNotice
                            id="invoice-pdf-saved"
                            reveal_id="invoice-pdf-reveal"
                            path=done.path
                            message
                            data_file=file
                            on_dismiss=move |()| saved.set(None)
                        />
                    }
                })
        }}
        <Show when=move || emailed.get()>
            <div id="invoice-emailed" class="notice notice-ok" role="status">
                <p class="notice-message">{move || t("invoices-emailed")}</p>
                <button type="button" class="button quiet" on:click=move |_| emailed.set(false)>
                    {move || t("common-dismiss")}
                </button>
            </div>
        </Show>
        {move || {
            failure
                .get()
                .map(|error| {
                    view! {
                        <ErrorNotice
                            error
                            id="invoice-error"
                            retry=Some(Callback::new(move |()| download()))
                            on_dismiss=move |()| failure.set(None)
                        />
                    }
                })
        }}
        <Show when=move || dialog.get()>
            <EmailDialog detail on_close=move |()| dialog.set(false) on_sent />
        </Show>
    }
}

/// `#invoice-email-dialog`: who receives the invoice (the client's address to start with),
/// whether the PDF goes with it, and "Send".
#[component]
fn EmailDialog(
    detail: RwSignal<InvoiceDetail>,
    #[prop(into)] on_close: Callback<()>,
    on_sent: Callback<InvoiceDetail>,
) -> impl IntoView {
    let recipients = RwSignal::new(
        detail
            .with_untracked(|d| d.client_email.clone())
            .unwrap_or_default(),
    );
    let attach = RwSignal::new(true);
    let problem = RwSignal::new(None::<RecipientsProblem>);
    let failure = RwSignal::new(None::<ErrorPayload>);
    let busy = RwSignal::new(false);
    // The last try may have gone out: the next "Send" is a confirmed resend.
    let maybe_sent = RwSignal::new(false);
    let send = move || {
        let addresses = match parse_recipients(&recipients.get_untracked()) {
            Ok(a) => a,
            Err(p) => {
                problem.set(Some(p));
                if let Some(input) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id("invoice-email-recipients"))
                    .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
                {
                    let _ = input.focus();
                }
                return;
            }
        };
        problem.set(None);
        failure.set(None);
        busy.set(true);
        let args = SendInvoiceArgs {
            id: detail.with_untracked(|d| d.row.id),
            recipients: addresses,
            include_pdf: attach.get_untracked(),
        };
        spawn_local(async move {
            match screens_api::send_invoice_email(args).await {
                Ok(fresh) => on_sent.run(fresh),
                Err(error) => {
                    maybe_sent.try_set(may_have_been_sent(&error));
                    failure.try_set(Some(error));
                }
            }
            busy.try_set(false);
        });
    };
    // Element ids: the hint, and the problem when there is one.
    let described_by = move || {
        let mut ids = vec![hint_id(RECIPIENTS)];
        if problem.with(Option::is_some) {
            ids.push(problem_id(RECIPIENTS));
        }
        ids.join(" ")
    };
    let problem_text = move || {
        problem.get().map(|p| match p {
            RecipientsProblem::None => t("invoices-email-problem-none"),
            RecipientsProblem::NotAnAddress(a) => {
                t_args("invoices-email-problem-address", &[("address", a.into())])
            }
        })
    };
    view! {
        <Dialog id="invoice-email-dialog" title="invoices-email-title" on_close>
            <form
                class="form"
                novalidate=true
                on:submit=move |ev| {
                    ev.prevent_default();
                    send();
                }
            >
                <div class="field" class:field-invalid=move || problem.with(Option::is_some)>
                    <label for="invoice-email-recipients">{move || t("invoices-email-recipients")}</label>
                    <input
                        id="invoice-email-recipients"
                        type="text"
                        class="input"
                        autocomplete="email"
                        aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" }
                        aria-describedby=described_by
                        prop:value=move || recipients.get()
                        on:input=move |ev| recipients.set(event_target_value(&ev))
                    />
                    <p id=hint_id(RECIPIENTS) class="field-hint">
                        {move || t("invoices-email-recipients-hint")}
                    </p>
                    {move || {
                        problem_text()
                            .map(|text| {
                                view! { <p id=problem_id(RECIPIENTS) class="field-problem">{text}</p> }
                            })
                    }}
                </div>
                <div class="field field-check">
                    <input
                        id="invoice-email-attach"
                        type="checkbox"
                        prop:checked=move || attach.get()
                        on:change=move |ev| attach.set(event_target_checked(&ev))
                    />
                    <label for="invoice-email-attach">{move || t("invoices-email-attach")}</label>
                </div>
                {move || {
                    failure
                        .get()
                        .map(|error| {
                            view! {
                                <ErrorNotice
                                    error
                                    id="invoice-error"
                                    retry=Some(Callback::new(move |()| send()))
                                    on_dismiss=move |()| failure.set(None)
                                />
                            }
                        })
                }}
                <Show when=move || maybe_sent.get()>
                    <p id="invoice-email-confirm" class="reason" role="alert">
                        {move || t("invoices-email-confirm-resend")}
                    </p>
                </Show>
                <div class="form-actions">
                    <button id="invoice-email-send" type="submit" class="button primary" disabled=move || busy.get()>
                        {move || {
                            if busy.get() {
                                t("invoices-email-sending")
                            } else if maybe_sent.get() {
                                t("invoices-email-send-again")
                            } else {
                                t("invoices-email-send")
                            }
                        }}
                    </button>
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        {move || t("common-cancel")}
                    </button>
                </div>
            </form>
        </Dialog>
    }
}

/// "Undo" for an invoice made here that FreshBooks does not have yet, while its change waits.
#[component]
pub fn UndoInvoice(seq: i64) -> impl IntoView {
    let state = use_state();
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    let too_late = RwSignal::new(false);
    let failure = RwSignal::new(None::<ErrorPayload>);
    let undo = move |_| {
        busy.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match screens_api::undo(seq).await {
                Ok(()) => navigate("/invoices", Default::default()),
                Err(e)
                    if matches!(
                        e.code,
                        ErrorCode::TooLateToUndo { .. } | ErrorCode::ChangeInDoubt { .. }
                    ) =>
                {
                    too_late.try_set(true);
                }
                Err(e) => {
                    failure.try_set(Some(e));
                }
            }
            busy.try_set(false);
        });
    };
    view! {
        <div class="notice notice-info undo-notice" role="status">
            <p class="notice-message">{move || t("invoices-pending-note")}</p>
            <Show
                when=move || !too_late.get()
                fallback=|| view! { <p id="invoice-undo-too-late" class="too-late">{move || t("invoices-too-late")}</p> }
            >
                <button
                    id="invoice-undo"
                    type="button"
                    class="button"
                    disabled=move || busy.get() || !state.session.writable()
                    on:click={
                        let undo = undo.clone();
                        move |ev| undo(ev)
                    }
                >
                    {move || t("invoices-undo")}
                </button>
            </Show>
            {move || {
                failure
                    .get()
                    .map(|error| view! { <ErrorNotice error id="invoice-error" on_dismiss=move |()| failure.set(None) /> })
            }}
        </div>
    }
}
