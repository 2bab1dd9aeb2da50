//! The list's rows as the window holds them: one [`Slot`] per invoice of the match, filled a page
//! at a time as the list scrolls (a slot not yet asked for is drawn as a placeholder that asks
//! for its page), and each row's content.

use std::sync::Arc;

use ledgerline_model::ipc::InvoiceList;
use ledgerline_model::views::{InvoiceRow, InvoiceState};
use leptos::prelude::*;

use crate::components::badge::{Badge, BadgeKind};
use crate::i18n::{fmt_date, fmt_money, t};

/// Rows asked for at once.
pub const PAGE: u32 = 100;
/// A row's height in pixels (as `.invoice-list .vl-row` draws it).
pub const ROW_HEIGHT: u32 = 48;

/// One place in the list: its index in the match, and its row once its page arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Where it is in the match.
    pub index: u32,
    /// The row, once loaded.
    pub row: Option<Arc<InvoiceRow>>,
}

impl Slot {
    /// The virtual list's key: a loaded row replaces its placeholder.
    pub fn key(&self) -> (u32, Option<i64>) {
        (self.index, self.row.as_ref().map(|r| r.id))
    }

    /// The row element's id.
    pub fn element_id(&self) -> String {
        match &self.row {
            Some(row) => format!("invoice-row-{}", row.id),
            None => format!("invoice-slot-{}", self.index),
        }
    }
}

/// The page holding row `index`.
pub fn page_of(index: u32) -> u32 {
    index / PAGE
}

/// `count` empty slots.
pub fn empty_slots(count: u64) -> Vec<Slot> {
    let count = u32::try_from(count).unwrap_or(u32::MAX);
    (0..count).map(|index| Slot { index, row: None }).collect()
}

/// Puts a page's rows in their slots (from `offset`); the slots follow the match's new count.
pub fn land_page(slots: &mut Vec<Slot>, offset: u32, list: &InvoiceList) {
    let count = usize::try_from(list.total_count).unwrap_or(usize::MAX);
    if slots.len() != count {
        *slots = empty_slots(list.total_count);
    }
    for (i, row) in list.rows.iter().enumerate() {
        let Some(index) = u32::try_from(i).ok().and_then(|i| i.checked_add(offset)) else {
            break;
        };
        if let Some(slot) = slots.get_mut(index as usize) {
            slot.row = Some(Arc::new(row.clone()));
        }
    }
}

/// A state's word in the `data-state` attribute and its catalog key.
pub fn state_word(state: &InvoiceState) -> (&'static str, &'static str) {
    match state {
        InvoiceState::Draft => ("draft", "invoices-state-draft"),
        InvoiceState::Sent => ("sent", "invoices-state-sent"),
        InvoiceState::Viewed => ("viewed", "invoices-state-viewed"),
        InvoiceState::Partial => ("partial", "invoices-state-partial"),
        InvoiceState::Overdue => ("overdue", "invoices-state-overdue"),
        InvoiceState::Paid => ("paid", "invoices-state-paid"),
        InvoiceState::Disputed => ("disputed", "invoices-state-disputed"),
        InvoiceState::Deleted => ("deleted", "invoices-state-deleted"),
        InvoiceState::Other(_) => ("other", "invoices-state-other"),
    }
}

/// The state as a small word with its colour (`.invoice-state[data-state]`).
#[component]
pub fn StateWord(state: InvoiceState, #[prop(optional)] id: Option<&'static str>) -> impl IntoView {
    let (word, key) = state_word(&state);
    let other = match state {
        InvoiceState::Other(w) => Some(w),
        _ => None,
    };
    view! {
        <span id=id class="invoice-state" data-state=word>
            {move || other.clone().unwrap_or_else(|| t(key))}
        </span>
    }
}

/// One slot's content: the row, or a placeholder that asks for its page when drawn.
pub fn slot_view(slot: Slot, need: Callback<u32>) -> AnyView {
    match slot.row {
        Some(row) => row_view(&row).into_any(),
        None => {
            need.run(slot.index);
            view! {
                <div class="invoice-columns invoice-row-loading" aria-busy="true">
                    <span class="muted">{move || t("common-loading")}</span>
                </div>
            }
            .into_any()
        }
    }
}

/// A loaded row's content.
fn row_view(row: &InvoiceRow) -> impl IntoView + use<> {
    let number = match row.number.clone() {
        Some(n) => view! { <span class="invoice-number">{n}</span> }.into_any(),
        None => view! {
            <span class="invoice-pending badge badge-pending" title=move || t("invoices-pending-title")>
                {move || t("invoices-pending")}
            </span>
        }
        .into_any(),
    };
    let client = row
        .client_name
        .clone()
        .unwrap_or_else(|| t("invoices-no-client"));
    let created = row.create_date;
    let due = row.due_date;
    let amount = row.amount.clone();
    let outstanding = row.outstanding.clone();
    // A change waiting on an invoice FreshBooks has numbered (the pending badge says the rest).
    let changed = row.pending && row.number.is_some();
    let conflict = row.conflict;
    view! {
        <div class="invoice-row invoice-columns" data-invoice=row.id.to_string()>
            <StateWord state=row.state.clone() />
            <span class="invoice-number-cell">{number}</span>
            <span class="invoice-client">{client}</span>
            <span class="invoice-date">{move || created.map(fmt_date).unwrap_or_default()}</span>
            <span class="invoice-due">{move || due.map(fmt_date).unwrap_or_default()}</span>
            <span class="invoice-amount num">
                {move || amount.as_ref().map(fmt_money).unwrap_or_default()}
            </span>
            <span class="invoice-outstanding num">
                {move || outstanding.as_ref().map(fmt_money).unwrap_or_default()}
            </span>
            <span class="invoice-badges">
                {changed
                    .then(|| {
                        view! {
                            <Badge
                                kind=BadgeKind::Pending
                                text=Signal::derive(|| t("clients-badge-pending"))
                                title=Signal::derive(|| t("invoices-badge-changed-title"))
                            />
                        }
                    })}
                {conflict
                    .then(|| {
                        view! {
                            <Badge
                                kind=BadgeKind::Conflict
                                text=Signal::derive(|| t("clients-badge-conflict"))
                                title=Signal::derive(|| t("invoices-badge-conflict-title"))
                            />
                        }
                    })}
            </span>
        </div>
    }
}
