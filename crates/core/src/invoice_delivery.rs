//! What only FreshBooks can do with an invoice, online: its PDF, and sending it by email.
//!
//! Both need FreshBooks to have the invoice as the mirror shows it: an invoice drafted here is
//! refused until the sync that numbers it, and one with changes waiting until they are sent
//! ("sync first"). Recipients are checked before any request. An email's answer (the invoice,
//! now sent) is written into the mirror, and when it was sent is remembered here.

use chrono::Utc;
use ledgerline_model::entity::{Entity, Invoice};
use ledgerline_model::event::{Event, Origin};
use ledgerline_model::ids::{BusinessId, InvoiceId};
use ledgerline_model::outbox::OpKind;
use rusqlite::{Connection, params};

use crate::Core;
use crate::error::{Error, Result};
use crate::queries::emailed_key;
use crate::store::{outbox, records, settings};

/// An invoice FreshBooks has, as the mirror shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivered {
    /// FreshBooks' id.
    pub id: i64,
    /// Its number.
    pub number: String,
}

/// The invoice's PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoicePdf {
    /// The invoice.
    pub invoice: Delivered,
    /// The document (it starts with `%PDF-`).
    pub bytes: Vec<u8>,
}

impl Core {
    /// The invoice's PDF, as FreshBooks makes it (by FreshBooks' id, or the local id it had).
    pub async fn invoice_pdf(&self, business: BusinessId, id: i64) -> Result<InvoicePdf> {
        let invoice = self.deliverable(business, id).await?;
        let membership = self.business(business).await?;
        let bytes = self
            .client()?
            .invoices(&membership.account_id)
            .pdf(InvoiceId(invoice.id))
            .await?;
        Ok(InvoicePdf { invoice, bytes })
    }

    /// Has FreshBooks email the invoice to `recipients` (checked first: at least one, each an
    /// address), with its PDF attached when `include_pdf`. The invoice as FreshBooks answers it
    /// (sent) replaces the mirror's, and the moment is remembered for the invoice's page.
    pub async fn send_invoice_email(
        &self,
        business: BusinessId,
        id: i64,
        recipients: &[String],
        include_pdf: bool,
    ) -> Result<Delivered> {
        let recipients = check_recipients(recipients)?;
        let invoice = self.deliverable(business, id).await?;
        let before = {
            let id = invoice.id;
            self.store()
                .read(move |c| mirrored(c, business, id))
                .await?
        };
        let membership = self.business(business).await?;
        let invoices = self.client()?.invoices(&membership.account_id);
        let sent = match invoices
            .send_by_email(InvoiceId(invoice.id), &recipients, include_pdf)
            .await
        {
            Ok(sent) => sent,
            // The answer was lost: FreshBooks has no idempotency keys, so read the invoice back.
            // Sent (it left draft, or changed since the mirror's copy): done. Otherwise nobody
            // can tell, and sending again may email the client twice: say so.
            Err(e) if e.may_have_applied() => {
                let read = invoices.get_with_raw(InvoiceId(invoice.id)).await.ok();
                match read {
                    Some(now) if shows_sent(&before, &now.record) => now,
                    _ => {
                        return Err(Error::EmailMaybeSent {
                            invoice: invoice.id,
                        });
                    }
                }
            }
            Err(e) => return Err(e.into()),
        };
        let at = Utc::now().to_rfc3339();
        let key = emailed_key(business, invoice.id);
        self.store()
            .write(move |tx| {
                records::upsert(tx, business, Entity::Invoices, &sent.raw, None)?;
                settings::set(tx, &key, &at)
            })
            .await?;
        let _ = self.events().send(Event::Changed {
            business,
            entity: Entity::Invoices,
            origin: Origin::Reconcile,
        });
        Ok(invoice)
    }

    /// The invoice when FreshBooks has it as the mirror shows it; else why not.
    async fn deliverable(&self, business: BusinessId, id: i64) -> Result<Delivered> {
        self.store()
            .read(move |c| deliverable(c, business, id))
            .await
    }
}

fn deliverable(c: &Connection, business: BusinessId, given: i64) -> Result<Delivered> {
    let id = crate::edit::current_id(c, business, Entity::Invoices, given)?;
    let number: Option<Option<String>> = c
        .query_row(
            "SELECT invoice_number FROM invoices WHERE business_id = ?1 AND id = ?2",
            params![business.get(), id],
            |row| row.get(0),
        )
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    let Some(number) = number else {
        return Err(Error::NotFound {
            entity: Entity::Invoices,
            id: given,
        });
    };
    let number = number.filter(|n| !n.trim().is_empty());
    let (Some(number), true) = (number, id > 0) else {
        let pending_seq = outbox::open(c, business)?
            .into_iter()
            .find(|q| {
                q.op.entity() == Entity::Invoices
                    && matches!(
                        q.op.kind(),
                        OpKind::CreateInvoice | OpKind::DraftInvoiceFromTime
                    )
                    && q.op.target() == id
            })
            .map(|q| q.seq);
        return Err(Error::InvoiceNotInFreshBooks { pending_seq });
    };
    if outbox::has_open_ops(c, business, Entity::Invoices, id)? {
        return Err(Error::InvoiceChangesWaiting);
    }
    Ok(Delivered { id, number })
}

/// The mirror's copy of an invoice: its status word and edit marker.
#[derive(Debug, Clone, Default)]
struct Mirrored {
    v3_status: Option<String>,
    version: Option<String>,
    updated: Option<String>,
}

fn mirrored(c: &Connection, business: BusinessId, id: i64) -> Result<Mirrored> {
    let found = c.query_row(
        "SELECT v3_status, version, updated FROM invoices WHERE business_id = ?1 AND id = ?2",
        params![business.get(), id],
        |row| {
            Ok(Mirrored {
                v3_status: row.get(0)?,
                version: row.get(1)?,
                updated: row.get(2)?,
            })
        },
    );
    match found {
        Ok(m) => Ok(m),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(Mirrored::default()),
        Err(e) => Err(e.into()),
    }
}

/// Whether the invoice read back after a lost answer shows the email went out: it is no longer
/// a draft while the mirror had it as one, or FreshBooks changed it since the mirror's copy.
fn shows_sent(before: &Mirrored, now: &Invoice) -> bool {
    let is_draft = |s: Option<&str>| s.is_none_or(|s| s.eq_ignore_ascii_case("draft"));
    let left_draft = is_draft(before.v3_status.as_deref()) && !is_draft(now.v3_status.as_deref());
    let changed = match (&before.version, &now.version) {
        (Some(b), Some(n)) => b != n,
        _ => match (&before.updated, now.updated) {
            (Some(b), Some(n)) => chrono::DateTime::parse_from_rfc3339(b)
                .map(|b| n > b)
                .unwrap_or(false),
            _ => false,
        },
    };
    left_draft || changed
}

/// The recipients trimmed, without repeats; refused when none is given or any is not an email
/// address (one `@`, a name before it, a domain with a dot after it, no spaces or separators).
pub fn check_recipients(given: &[String]) -> Result<Vec<String>> {
    let mut ok: Vec<String> = Vec::new();
    let mut bad = Vec::new();
    for raw in given {
        let address = raw.trim();
        if address.is_empty() {
            continue;
        }
        if is_address(address) {
            if !ok.iter().any(|a| a.eq_ignore_ascii_case(address)) {
                ok.push(address.to_owned());
            }
        } else {
            bad.push(raw.clone());
        }
    }
    if !bad.is_empty() || ok.is_empty() {
        return Err(Error::BadEmailRecipients(bad));
    }
    Ok(ok)
}

fn is_address(address: &str) -> bool {
    let Some((name, domain)) = address.split_once('@') else {
        return false;
    };
    let labels_ok = domain
        .split('.')
        .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'));
    let forbidden =
        |ch: char| ch.is_whitespace() || ch.is_control() || ",;<>()[]\\\"@".contains(ch);
    address.len() <= 254
        && !name.is_empty()
        && name.len() <= 64
        && domain.contains('.')
        && labels_ok
        && !name.chars().any(forbidden)
        && !domain.chars().any(forbidden)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_are_checked_trimmed_and_deduplicated() {
        let given = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            check_recipients(&given(&[" ap@example.com ", "AP@example.com", "b@x.co"])).unwrap(),
            vec!["ap@example.com".to_owned(), "b@x.co".to_owned()]
        );
        for bad in [
            "nobody",
            "a@b",
            "@example.com",
            "a b@example.com",
            "a@example..com",
            "a@b@example.com",
            "a@example.com, b@example.com",
            "a@-example.com",
        ] {
            let err = check_recipients(&given(&[bad, "ok@example.com"])).unwrap_err();
            assert!(
                matches!(&err, Error::BadEmailRecipients(list) if list == &vec![bad.to_owned()]),
                "{bad}: {err:?}"
            );
        }
        assert!(matches!(
            check_recipients(&given(&["", "  "])),
            Err(Error::BadEmailRecipients(list)) if list.is_empty()
        ));
    }
}
