//! "Undo" after a change to a client: a notice saying what was queued, with a button (`#undo`)
//! that takes the change back while it has not been sent. When it is too late (sent, or in
//! doubt), the notice says so and offers the inverse action instead (restore what was archived,
//! delete what was created, edit again what was edited).
//!
//! The offer outlives the page that made it (a save on the form shows it on the list), so its
//! slot is provided on the root owner the first time a page asks for it.

use ledgerline_model::entity::VisState;
use ledgerline_model::error::ErrorCode;
use ledgerline_model::ipc::ChangeReceipt;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::t;
use crate::screens_api;

/// What was done, for the notice's words and the inverse action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    /// A client was created (inverse: delete it).
    Created,
    /// A client's fields changed (inverse: edit again).
    Edited,
    /// A client was archived, deleted or restored: from which state to which.
    Visibility {
        /// Before.
        from: VisState,
        /// After.
        to: VisState,
    },
}

/// One offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offer {
    /// The client.
    pub client: i64,
    /// What was done.
    pub done: Done,
    /// The queued change's number (`None`: already sent).
    pub seq: Option<i64>,
    /// Whether undoing was tried and was too late.
    pub too_late: bool,
}

/// The slot holding the current offer.
#[derive(Clone, Copy)]
pub struct UndoSlot(pub RwSignal<Option<Offer>>);

/// The slot, provided on the root owner on first use.
pub fn use_undo() -> UndoSlot {
    if let Some(slot) = use_context::<UndoSlot>() {
        return slot;
    }
    let mut root = Owner::current();
    while let Some(parent) = root.as_ref().and_then(Owner::parent) {
        root = Some(parent);
    }
    let make = || {
        let slot = UndoSlot(RwSignal::new(None));
        provide_context(slot);
        slot
    };
    match root {
        Some(root) => root.with(make),
        None => make(),
    }
}

impl UndoSlot {
    /// Offers to undo a change just queued (the receipt names the record, a new client's local
    /// id included).
    pub fn offer(self, done: Done, receipt: ChangeReceipt) {
        self.0.set(Some(Offer {
            client: receipt.id,
            done,
            seq: receipt.seq,
            too_late: receipt.seq.is_none(),
        }));
    }
}

fn message_key(done: Done) -> &'static str {
    match done {
        Done::Created => "clients-done-created",
        Done::Edited => "clients-done-edited",
        Done::Visibility {
            to: VisState::Archived,
            ..
        } => "clients-done-archived",
        Done::Visibility {
            to: VisState::Deleted,
            ..
        } => "clients-done-deleted",
        Done::Visibility { .. } => "clients-done-restored",
    }
}

fn inverse_key(done: Done) -> &'static str {
    match done {
        Done::Created => "clients-delete",
        Done::Edited => "clients-edit-again",
        Done::Visibility {
            from: VisState::Archived,
            ..
        } => "clients-archive",
        Done::Visibility {
            from: VisState::Deleted,
            ..
        } => "clients-delete",
        Done::Visibility { .. } => "clients-restore",
    }
}

/// The notice, when there is an offer. `on_changed` runs after an undo or an inverse action (the
/// page reloads what it shows).
#[component]
pub fn UndoNotice(#[prop(into)] on_changed: Callback<()>) -> impl IntoView {
    let slot = use_undo();
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let undo = move |_| {
        let Some(offer) = slot.0.get_untracked() else {
            return;
        };
        busy.set(true);
        spawn_local(async move {
            let res = match (offer.too_late, offer.seq) {
                (false, Some(seq)) => screens_api::undo(seq).await.map(|()| true),
                _ => inverse(offer).await,
            };
            busy.set(false);
            match res {
                Ok(true) => {
                    slot.0.set(None);
                    on_changed.run(());
                }
                // "Edit again": the page opens the form.
                Ok(false) => slot.0.set(None),
                Err(e)
                    if matches!(
                        e.code,
                        ErrorCode::TooLateToUndo { .. } | ErrorCode::ChangeInDoubt { .. }
                    ) =>
                {
                    slot.0.update(|o| {
                        if let Some(o) = o {
                            o.too_late = true;
                        }
                    });
                }
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    move || {
        slot.0.get().map(|offer| {
            let button_key = if offer.too_late {
                inverse_key(offer.done)
            } else {
                "clients-undo"
            };
            let edit_again = offer.too_late && offer.done == Done::Edited;
            view! {
                <div class="notice notice-info undo-notice" role="status">
                    <p class="notice-message">
                        {move || t(message_key(offer.done))}
                        {offer
                            .too_late
                            .then(|| {
                                view! { <span class="too-late">{move || t("clients-too-late")}</span> }
                            })}
                    </p>
                    {if edit_again {
                        view! {
                            <a id="undo" class="button" href=format!("/clients/{}", offer.client)>
                                {move || t(button_key)}
                            </a>
                        }
                            .into_any()
                    } else {
                        view! {
                            <button
                                id="undo"
                                type="button"
                                class="button"
                                disabled=move || busy.get()
                                on:click=undo
                            >
                                {move || t(button_key)}
                            </button>
                        }
                            .into_any()
                    }}
                    <button
                        type="button"
                        class="button subtle"
                        aria-label=move || t("common-dismiss-label")
                        on:click=move |_| slot.0.set(None)
                    >
                        {move || t("common-dismiss")}
                    </button>
                    {move || error.get().map(|e| view! { <p class="field-problem">{e}</p> })}
                </div>
            }
        })
    }
}

/// Does the inverse of a change that can no longer be undone; `Ok(false)` when the inverse is
/// for the person to do (edit again).
async fn inverse(offer: Offer) -> screens_api::Answer<bool> {
    let to = match offer.done {
        Done::Created => VisState::Deleted,
        Done::Edited => return Ok(false),
        Done::Visibility { from, .. } => from,
    };
    screens_api::set_client_visibility(offer.client, to).await?;
    Ok(true)
}
