//! An invoice's PDF and sending it by email, against the emulator.

use ledgerline_freshbooks::Error;
use ledgerline_model::entity::InvoiceStatus;
use ledgerline_model::ids::InvoiceId;

use crate::{Harness, account};

#[tokio::test]
async fn the_pdf_comes_as_bytes_with_accept_pdf_and_a_missing_invoice_is_not_found() {
    let h = Harness::start().await;
    let acct = account(&h.owner());
    let invoices = h.client.invoices(&acct);
    let first = invoices.list().collect().await.expect("invoices")[0].clone();
    let pdf = invoices.pdf(first.id).await.expect("the PDF");
    assert!(pdf.starts_with(b"%PDF-1."), "a PDF document");
    assert!(pdf.ends_with(b"%%EOF\n"));
    let number = first.invoice_number.expect("a number");
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains(&format!("Invoice {number}")), "{text}");
    assert_eq!(
        h.count("GET /accounting/account/{account_id}/invoices/invoices/{id}/pdf"),
        1
    );
    let missing = invoices.pdf(InvoiceId(999_999_999)).await.unwrap_err();
    assert!(matches!(missing, Error::NotFound { .. }), "{missing:?}");
    h.emu.shutdown().await;
}

#[tokio::test]
async fn an_email_is_recorded_by_freshbooks_and_sends_a_draft() {
    let h = Harness::start().await;
    let owner = h.owner();
    let acct = account(&owner);
    let invoices = h.client.invoices(&acct);
    let draft = invoices
        .list()
        .v3_status("draft")
        .collect()
        .await
        .expect("drafts")
        .into_iter()
        .next()
        .expect("the seed has a draft");
    let to = vec!["ap@example.com".to_owned(), "boss@example.com".to_owned()];
    let sent = invoices
        .send_by_email(draft.id, &to, true)
        .await
        .expect("sent");
    assert_eq!(sent.record.id, draft.id);
    assert_eq!(sent.record.status, InvoiceStatus::Sent);
    assert_eq!(sent.record.v3_status.as_deref(), Some("sent"));
    let emails = h.emu.control().sent_emails();
    assert_eq!(emails.len(), 1, "{emails:?}");
    assert_eq!(emails[0].invoice_id, draft.id.get());
    assert_eq!(emails[0].account_id, owner.account_id);
    assert_eq!(emails[0].recipients, to);
    assert!(emails[0].include_pdf);
    // The record of it is the emulator's own: FreshBooks' invoice does not carry it.
    assert!(sent.raw.get("sent_emails").is_none(), "{}", sent.raw);
    h.emu.shutdown().await;
}
