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
use ledgerline_model::ids::{BusinessId, InvoiceId};
use ledgerline_model::outbox::Resolution;
use ledgerline_model::views::TimeFilter;
use rusqlite::Transaction;

use crate::Core;
use crate::drafting::{self, Draft, DraftRequest, DraftSpec};
use crate::edit;
use crate::error::{Error, Result};
use crate::outbox::fields;
use crate::outbox::op::Op;
use crate::store::stale;
use crate::sync::engine::Input;
use ledgerline_model::outbox::OpState;

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

    /// What a draft from unbilled time would look like (nothing is saved).
    pub async fn preview_draft(
        &self,
        business: BusinessId,
        request: &DraftRequest,
    ) -> Result<Draft> {
        let entries = self
            .unbilled_time(
                business,
                TimeFilter {
                    client: Some(request.client),
                    from: request.from,
                    to: request.to,
                },
            )
            .await?;
        // A time entry whose create is in doubt may already be in FreshBooks, and a pull may
        // have brought that copy: drafting both would bill the same time twice. The local copy
        // waits for the look that settles it.
        let in_doubt: Vec<i64> = self
            .store()
            .read(move |c| {
                Ok(crate::store::outbox::open(c, business)?
                    .into_iter()
                    .filter(|q| matches!(q.state, OpState::Unknown | OpState::Sending))
                    .filter_map(|q| match q.op {
                        Op::CreateTimeEntry { local_id, .. } => Some(local_id),
                        _ => None,
                    })
                    .collect())
            })
            .await?;
        let entries: Vec<_> = entries
            .into_iter()
            .filter(|e| !in_doubt.contains(&e.id.get()))
            .collect();
        let (mut rates, names) = self.rate_book(business).await?;
        rates.business = request.business_rate.or(rates.business);
        let spec = DraftSpec {
            currency: request.currency.clone(),
            grouping: request.grouping,
            rounding: request.rounding,
            rates,
            taxes: request.taxes.clone(),
            names,
        };
        Ok(drafting::draft(&entries, &spec)?)
    }

    /// Drafts an invoice from unbilled time and marks the entries billed: one operation, sent
    /// as "create the invoice, then mark each entry". Returns the invoice's local id and the draft.
    pub async fn draft_invoice(
        &self,
        business: BusinessId,
        request: &DraftRequest,
    ) -> Result<(i64, Draft)> {
        let draft = self.preview_draft(business, request).await?;
        let invoice = drafting::to_new_invoice(&draft, request.client, request.create_date);
        let fields = fields::new_invoice(&invoice);
        let entries: Vec<i64> = draft.entries().into_iter().map(|e| e.get()).collect();
        let id = self
            .local_edit(business, Entity::Invoices, move |tx, now| {
                edit::draft_invoice_from_time(tx, business, fields, entries, now)
            })
            .await?;
        let _ = self.events().send(Event::Changed {
            business,
            entity: Entity::TimeEntries,
            origin: Origin::Ui,
        });
        Ok((id, draft))
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
