//! What the UI and CLI change: every method is one local edit (mirror + outbox in one
//! transaction, see `edit.rs`), announced as [`Event::Changed`] with [`Origin::Ui`] and
//! [`Event::OutboxChanged`], then handed to the background engine to send when online.

use chrono::{DateTime, Utc};
use ledgerline_model::entity::{
    ClientUpdate, Entity, InvoiceUpdate, NewClient, NewInvoice, NewInvoiceLine, NewTimeEntry,
    TimeEntryUpdate, VisState,
};
use ledgerline_model::error::FieldProblem;
use ledgerline_model::event::{Event, Origin};
use ledgerline_model::ids::{BusinessId, InvoiceId, ProjectId};
use ledgerline_model::ipc::{DraftSaved, SaveDraftArgs};
use ledgerline_model::money::Money;
use ledgerline_model::outbox::Resolution;
use rusqlite::Transaction;
use rust_decimal::Decimal;

use crate::Core;
use crate::drafting::{self, Draft, DraftRequest, RateSource};
use crate::edit;
use crate::error::{Error, Result};
use crate::outbox::fields;
use crate::queries::drafting::{checked_request, choices_of, compute_draft};
use crate::store::stale;
use crate::sync::engine::Input;

impl Core {
    /// Creates a client; returns its local id until FreshBooks numbers it.
    pub async fn create_client(&self, business: BusinessId, client: NewClient) -> Result<i64> {
        let fields = fields::new_client(&client);
        self.local_edit(business, Entity::Clients, move |tx, now| {
            edit::create_client(tx, business, fields, now)
        })
        .await
    }

    /// Changes fields of a client: those that are `Some`; an empty text clears a field.
    pub async fn update_client(
        &self,
        business: BusinessId,
        id: i64,
        changes: ClientUpdate,
    ) -> Result<i64> {
        let changes = fields::client_update(&changes);
        self.local_edit(business, Entity::Clients, move |tx, now| {
            edit::update_client(tx, business, id, changes, now)
        })
        .await
    }

    /// Archives, deletes or restores a client.
    pub async fn set_client_visibility(
        &self,
        business: BusinessId,
        id: i64,
        to: VisState,
    ) -> Result<i64> {
        if let VisState::Unknown(code) = to {
            return Err(Error::Invalid {
                field: "visibility",
                problem: FieldProblem::UnknownVisibility { code },
            });
        }
        self.local_edit(business, Entity::Clients, move |tx, now| {
            edit::set_client_visibility(tx, business, id, to, now)
        })
        .await
    }

    /// Logs a time entry; returns its local id.
    pub async fn create_time_entry(
        &self,
        business: BusinessId,
        entry: NewTimeEntry,
    ) -> Result<i64> {
        let fields = fields::new_time_entry(&entry);
        self.local_edit(business, Entity::TimeEntries, move |tx, now| {
            edit::create_time_entry(tx, business, fields, now)
        })
        .await
    }

    /// Changes a time entry.
    pub async fn update_time_entry(
        &self,
        business: BusinessId,
        id: i64,
        changes: TimeEntryUpdate,
    ) -> Result<i64> {
        let changes = fields::time_entry_update(&changes);
        self.local_edit(business, Entity::TimeEntries, move |tx, now| {
            edit::update_time_entry(tx, business, id, changes, now)
        })
        .await
    }

    /// Creates a draft invoice; returns its local id.
    pub async fn create_invoice(&self, business: BusinessId, invoice: NewInvoice) -> Result<i64> {
        check_lines(&invoice.lines)?;
        let fields = fields::new_invoice(&invoice);
        self.local_edit(business, Entity::Invoices, move |tx, now| {
            edit::create_invoice(tx, business, fields, now)
        })
        .await
    }

    /// Changes a draft invoice.
    pub async fn update_invoice(
        &self,
        business: BusinessId,
        id: i64,
        changes: InvoiceUpdate,
    ) -> Result<i64> {
        check_lines(changes.lines.as_deref().unwrap_or_default())?;
        let changes = fields::invoice_update(&changes);
        self.local_edit(business, Entity::Invoices, move |tx, now| {
            edit::update_invoice(tx, business, id, changes, now)
        })
        .await
    }

    /// What a draft from unbilled time would look like (nothing is saved). Entries whose create
    /// is in doubt are left out: FreshBooks may have them already, and a pull may have brought
    /// that copy, so drafting both would bill the same time twice.
    pub async fn preview_draft(
        &self,
        business: BusinessId,
        request: &DraftRequest,
    ) -> Result<Draft> {
        let request = request.clone();
        self.store()
            .read(move |c| compute_draft(c, business, &request))
            .await
    }

    /// Drafts an invoice from unbilled time and marks the entries billed: one operation, sent
    /// as "create the invoice, then mark each entry". Returns the invoice's local id and the draft.
    pub async fn draft_invoice(
        &self,
        business: BusinessId,
        request: &DraftRequest,
    ) -> Result<(i64, Draft)> {
        let saved = self.save_draft_checked(business, request, None).await?;
        Ok((saved.0, saved.2))
    }

    /// "Save draft": the draft the user saw, queued as one change (the invoice and the billing of
    /// its entries), and the choices remembered for the client. Refused with
    /// [`Error::AlreadyBilled`] when some of the time the user saw is billed or in another draft
    /// meanwhile, and [`Error::DraftChanged`] when the draft would differ from what was shown.
    pub async fn save_draft(
        &self,
        business: BusinessId,
        args: SaveDraftArgs,
    ) -> Result<DraftSaved> {
        let expected = Expected {
            entries: args.expected_entries.iter().map(|e| e.get()).collect(),
            total: args.expected_total.clone(),
        };
        let (invoice, seq, draft) = self
            .save_draft_checked(business, &args.request, Some(expected))
            .await?;
        Ok(DraftSaved {
            invoice,
            seq: Some(seq),
            entries: draft.entries().len(),
            total: draft.total,
        })
    }

    /// Drafts in one write transaction: the entries are read, checked, drafted and billed there,
    /// so two drafts at once (a double click, two windows, the command line) cannot both bill
    /// the same time. With `expected`, the draft must be the one the user saw.
    async fn save_draft_checked(
        &self,
        business: BusinessId,
        request: &DraftRequest,
        expected: Option<Expected>,
    ) -> Result<(i64, i64, Draft)> {
        let request = request.clone();
        let res = self
            .local_edit(business, Entity::Invoices, move |tx, now| {
                if let Some(expected) = &expected {
                    let ids = edit::current_ids(
                        tx,
                        business,
                        Entity::TimeEntries,
                        expected.entries.clone(),
                    )?;
                    match edit::check_unbilled(tx, business, &ids) {
                        // An entry gone from the mirror: the time changed.
                        Err(Error::NotFound { .. }) => return Err(Error::DraftChanged),
                        other => other?,
                    }
                }
                let draft = compute_draft(tx, business, &request)?;
                let entries: Vec<i64> = draft.entries().into_iter().map(|e| e.get()).collect();
                if let Some(expected) = &expected {
                    let mut want = edit::current_ids(
                        tx,
                        business,
                        Entity::TimeEntries,
                        expected.entries.clone(),
                    )?;
                    let mut got = entries.clone();
                    want.sort_unstable();
                    got.sort_unstable();
                    if want != got
                        || draft.total.amount != expected.total.amount
                        || draft.total.currency != expected.total.currency
                    {
                        return Err(Error::DraftChanged);
                    }
                }
                let invoice = drafting::to_new_invoice(&draft, request.client, request.create_date);
                let fields = fields::new_invoice(&invoice);
                let (local, seq) =
                    edit::draft_invoice_from_time(tx, business, fields, entries, now)?;
                crate::store::drafting::record_flat_fees(tx, business, seq, &flat_fees(&draft))?;
                let client = edit::current_id(tx, business, Entity::Clients, request.client.get())?;
                // Remembered as drafted (rounding held to what the core accepts).
                let drafted = checked_request(tx, business, client, &request)?;
                crate::store::drafting::remember(tx, business, client, &choices_of(&drafted))?;
                Ok((local, seq, draft))
            })
            .await?;
        let _ = self.events().send(Event::Changed {
            business,
            entity: Entity::TimeEntries,
            origin: Origin::Ui,
        });
        Ok(res)
    }

    /// Undoes an operation not yet sent (or refused, or in conflict).
    pub async fn undo(&self, business: BusinessId, seq: i64) -> Result<()> {
        self.store()
            .write(move |tx| edit::undo(tx, business, seq, Utc::now()))
            .await?;
        let _ = self.events().send(Event::OutboxChanged { business });
        Ok(())
    }

    /// Settles a conflict either way; the operation is then sent again (or finished).
    pub async fn resolve_conflict(
        &self,
        business: BusinessId,
        conflict: i64,
        resolution: Resolution,
    ) -> Result<()> {
        self.store()
            .write(move |tx| edit::resolve_conflict(tx, business, conflict, resolution, Utc::now()))
            .await?;
        let _ = self.events().send(Event::OutboxChanged { business });
        self.send_input(Input::Tick).await;
        Ok(())
    }

    /// Runs one local edit (mirror and outbox in one write transaction, stamped with the time it
    /// was made), then announces it and wakes the engine to send it.
    async fn local_edit<T: Send + 'static>(
        &self,
        business: BusinessId,
        entity: Entity,
        edit: impl FnOnce(&Transaction<'_>, DateTime<Utc>) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let now = Utc::now();
        let res = self.store().write(move |tx| edit(tx, now)).await?;
        self.after_edit(business, entity).await;
        Ok(res)
    }

    async fn after_edit(&self, business: BusinessId, entity: Entity) {
        let _ = self.events().send(Event::Changed {
            business,
            entity,
            origin: Origin::Ui,
        });
        let _ = self.events().send(Event::OutboxChanged { business });
        self.send_input(Input::Tick).await;
    }
}

impl Core {
    /// Marks orphaned entries unbilled again (one change per entry), so they can be invoiced anew,
    /// once FreshBooks confirms their invoice gone (not found, or deleted): it asks FreshBooks
    /// first, so this needs a connection. An invoice FreshBooks still has keeps its time billed
    /// and is read again on the next sync. Returns how many entries were unbilled.
    pub async fn repair_orphans(&self, business: BusinessId) -> Result<usize> {
        let orphans = self.orphaned_billed_entries(business).await?;
        // The mirror says each invoice is gone; FreshBooks decides. An invoice restored there
        // meanwhile still bills its time, and unbilling it would let the time be billed twice.
        let membership = self.business(business).await?;
        let client = self.client()?;
        let mut gone = std::collections::BTreeMap::new();
        for invoice in orphans.iter().map(|o| o.invoice) {
            if gone.contains_key(&invoice) {
                continue;
            }
            let answer = client
                .invoices(&membership.account_id)
                .get(InvoiceId(invoice))
                .await;
            let is_gone = match answer {
                Ok(found) => found.vis_state == VisState::Deleted,
                Err(ledgerline_freshbooks::Error::NotFound { .. }) => true,
                Err(e) => return Err(e.into()),
            };
            gone.insert(invoice, is_gone);
        }
        let mut n = 0;
        for orphan in orphans {
            if !gone.get(&orphan.invoice).copied().unwrap_or(false) {
                // Still there: read it again on the next sync so the mirror stops calling it gone.
                let invoice = orphan.invoice;
                self.store()
                    .write(move |tx| {
                        stale::mark_if_settled(tx, business, Entity::Invoices, invoice)
                    })
                    .await?;
                continue;
            }
            let changes = fields::time_entry_update(&TimeEntryUpdate {
                billed: Some(false),
                ..TimeEntryUpdate::default()
            });
            self.store()
                .write(move |tx| {
                    edit::update_time_entry(tx, business, orphan.entry, changes, Utc::now())
                })
                .await?;
            n += 1;
        }
        if n > 0 {
            self.after_edit(business, Entity::TimeEntries).await;
        }
        Ok(n)
    }
}

/// What the user saw before "Save draft": its entries and total.
struct Expected {
    entries: Vec<i64>,
    total: Money,
}

/// Refuses lines FreshBooks cannot take as given: only a line's second tax can be compound.
fn check_lines(lines: &[NewInvoiceLine]) -> Result<()> {
    if lines
        .iter()
        .any(|line| line.tax1.as_ref().is_some_and(|tax| tax.compound))
    {
        return Err(Error::Invalid {
            field: "lines",
            problem: FieldProblem::CompoundFirstTax,
        });
    }
    Ok(())
}

/// What a draft bills of each flat-fee project.
fn flat_fees(draft: &Draft) -> Vec<(ProjectId, Decimal)> {
    draft
        .lines
        .iter()
        .filter_map(|l| match l.rate_source {
            RateSource::FlatFee(project) if !l.amount.amount.is_zero() => {
                Some((project, l.amount.amount))
            }
            _ => None,
        })
        .collect()
}
