//! The Invoices commands through `tauri::test`, over a real core signed in to the emulator:
//! pages with the match's totals, one invoice with its taxes, its PDF saved into the
//! (temporary) Downloads folder, an email the emulator records, a draft made here pending until
//! the sync, the read-only role, and FreshBooks out of reach.

use chrono::Local;
use ledgerline_model::entity::{NewInvoice, NewInvoiceLine, Role};
use ledgerline_model::error::{Action, ErrorCode, ErrorKind};
use ledgerline_model::ids::{BusinessId, ClientId};
use ledgerline_model::ipc::{
    ChosenBusiness, DownloadInvoicePdf, ExportArgs, ExportFormat, ExportList, ExportListFile,
    GetInvoice, InvoiceArgs, InvoicePageArgs, ListInvoices, NoArgs, RecordId, SendInvoiceArgs,
    SendInvoiceEmail, Session, SwitchBusiness, SyncNow,
};
use ledgerline_model::money::Money;
use ledgerline_model::views::{InvoiceQuery, InvoiceState};
use tauri::Manager;

use super::{Shell, emulator, sign_in_with_own_app};
use crate::Launch;
use crate::state::AppExt;

fn business(session: &Session, role: Role) -> BusinessId {
    session
        .businesses
        .iter()
        .find(|b| b.business.role == role)
        .unwrap()
        .business
        .business_id
}

fn open(shell: &Shell, business: BusinessId) {
    shell
        .call::<SwitchBusiness>(&ChosenBusiness { business })
        .unwrap();
    shell.call::<SyncNow>(&NoArgs {}).unwrap();
}

#[test]
fn pages_detail_pdf_email_a_draft_made_here_and_offline() {
    let emulator = emulator();
    let base = emulator.base_url();
    let shell = Shell::new(|launch: &mut Launch| {
        launch.api_url = Some(base.clone());
        launch.auth_url = Some(base.clone());
        launch.relay_url = Some(format!("{base}/oauth/relay"));
    });
    let (_, session) = sign_in_with_own_app(&shell, &base);
    let owner = business(&session, Role::Owner);
    open(&shell, owner);

    // Pages: the same order as the whole list, every page with the whole match's figures.
    let page = |offset, limit| {
        shell
            .call::<ListInvoices>(&InvoicePageArgs {
                query: InvoiceQuery::default(),
                offset,
                limit,
            })
            .unwrap()
    };
    let first = page(0, 3);
    let second = page(3, 3);
    let whole = page(0, 0);
    assert_eq!(first.rows.len(), 3);
    assert!(first.total_count > 6, "{}", first.total_count);
    assert_eq!(
        (second.total_count, &second.amount),
        (first.total_count, &first.amount)
    );
    let paged: Vec<i64> = first
        .rows
        .iter()
        .chain(&second.rows)
        .map(|r| r.id)
        .collect();
    let listed: Vec<i64> = whole.rows.iter().take(6).map(|r| r.id).collect();
    assert_eq!(paged, listed);
    // The totals are the rows' sums, per currency, exactly.
    assert!(
        whole.total_count as usize <= 200,
        "the test seed fits a page"
    );
    for total in &whole.amount {
        let mut sum = Money::zero(total.currency.clone());
        for m in whole.rows.iter().filter_map(|r| r.amount.as_ref()) {
            if m.currency == total.currency {
                sum = sum.checked_add(m).unwrap();
            }
        }
        assert_eq!(total, &sum);
    }
    // The export still holds every match, not a page.
    let done = shell
        .call::<ExportListFile>(&ExportArgs {
            list: ExportList::Invoices {
                query: InvoiceQuery::default(),
            },
            format: ExportFormat::Json,
        })
        .unwrap();
    assert_eq!(done.rows as u64, whole.total_count);

    // One invoice with taxes: its figures add up to what FreshBooks bills.
    let taxed = whole
        .rows
        .iter()
        .filter(|r| r.number.is_some() && r.amount.is_some())
        .map(|r| shell.call::<GetInvoice>(&RecordId { id: r.id }).unwrap())
        .find(|d| !d.taxes.is_empty())
        .expect("the seed has an invoice with taxes");
    assert_eq!(taxed.row.amount.as_ref(), Some(&taxed.total));
    assert!(taxed.in_freshbooks && taxed.pending_seq.is_none());
    let lines = taxed.invoice.lines.as_ref().unwrap();
    assert!(!lines.is_empty());

    // Its PDF, into the Downloads folder, never over an earlier one.
    let number = taxed.row.number.clone().unwrap();
    let pdf = shell
        .call::<DownloadInvoicePdf>(&InvoiceArgs { id: taxed.row.id })
        .unwrap();
    assert!(
        pdf.path
            .starts_with(&shell.dir.path().display().to_string())
    );
    assert!(
        pdf.path.ends_with(&format!("Invoice {number}.pdf")),
        "{}",
        pdf.path
    );
    let bytes = std::fs::read(&pdf.path).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let again = shell
        .call::<DownloadInvoicePdf>(&InvoiceArgs { id: taxed.row.id })
        .unwrap();
    assert!(
        again.path.ends_with(&format!("Invoice {number}-2.pdf")),
        "{}",
        again.path
    );

    // Sent by email: bad recipients refused before any request; then FreshBooks records it.
    let refused = shell
        .call::<SendInvoiceEmail>(&SendInvoiceArgs {
            id: taxed.row.id,
            recipients: vec!["not an address".into()],
            include_pdf: true,
        })
        .unwrap_err();
    assert_eq!(refused.action, Action::FixValue);
    assert!(matches!(refused.code, ErrorCode::BadEmailRecipients { .. }));
    assert!(emulator.control().sent_emails().is_empty());
    let sent = shell
        .call::<SendInvoiceEmail>(&SendInvoiceArgs {
            id: taxed.row.id,
            recipients: vec!["ap@example.com".into()],
            include_pdf: true,
        })
        .unwrap();
    let emails = emulator.control().sent_emails();
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].invoice_id, taxed.row.id);
    assert_eq!(emails[0].recipients, vec!["ap@example.com".to_owned()]);
    assert!(sent.last_emailed.is_some());
    assert_ne!(sent.row.state, InvoiceState::Draft);

    // A draft made here while offline: pending, no PDF until the sync numbers it.
    let core = shell.webview.app_handle().core();
    tauri::async_runtime::block_on(core.network_changed(false));
    let client = taxed.row.client.unwrap();
    let currency = taxed.total.currency.clone();
    let local = tauri::async_runtime::block_on(core.create_invoice(
        owner,
        NewInvoice {
            client_id: ClientId(client.get()),
            create_date: Local::now().date_naive(),
            due_offset_days: Some(30),
            currency_code: Some(currency.clone()),
            invoice_number: None,
            po_number: None,
            notes: None,
            terms: None,
            discount_value: None,
            lines: vec![NewInvoiceLine {
                name: "Consulting".into(),
                description: None,
                qty: "2.5".parse().unwrap(),
                unit_cost: Money::new("80.00".parse().unwrap(), currency),
                tax1: None,
                tax2: None,
                date: None,
            }],
        },
    ))
    .unwrap();
    let pending = shell.call::<GetInvoice>(&RecordId { id: local }).unwrap();
    assert!(pending.row.pending && pending.row.number.is_none() && !pending.in_freshbooks);
    assert_eq!(pending.total.amount.to_string(), "200.00");
    assert_eq!(page(0, 1).rows[0].id, local, "made here: first");
    let not_yet = shell
        .call::<DownloadInvoicePdf>(&InvoiceArgs { id: local })
        .unwrap_err();
    assert_eq!(
        (not_yet.code, not_yet.action),
        (
            ErrorCode::InvoiceNotInFreshBooks {
                pending_seq: pending.pending_seq
            },
            Action::Sync
        )
    );
    tauri::async_runtime::block_on(core.network_changed(true));
    shell.call::<SyncNow>(&NoArgs {}).unwrap();
    let numbered = shell.call::<GetInvoice>(&RecordId { id: local }).unwrap();
    assert!(numbered.in_freshbooks && numbered.row.id > 0 && numbered.row.number.is_some());

    // The read-only role: the PDF is a read, an email a write refused before the core.
    let employee = business(&session, Role::BusinessEmployee);
    open(&shell, employee);
    let theirs = page(0, 0)
        .rows
        .into_iter()
        .find(|r| r.number.is_some())
        .expect("an invoice in the employee's business");
    let forbidden = shell
        .call::<SendInvoiceEmail>(&SendInvoiceArgs {
            id: theirs.id,
            recipients: vec!["ap@example.com".into()],
            include_pdf: false,
        })
        .unwrap_err();
    assert_eq!(forbidden.code, ErrorCode::Forbidden);
    assert_eq!(emulator.control().sent_emails().len(), 1);
    shell
        .call::<DownloadInvoicePdf>(&InvoiceArgs { id: theirs.id })
        .unwrap();

    // FreshBooks out of reach: told offline, with the way to try again.
    tauri::async_runtime::block_on(emulator.shutdown());
    let offline = shell
        .call::<DownloadInvoicePdf>(&InvoiceArgs { id: theirs.id })
        .unwrap_err();
    assert_eq!(offline.kind, ErrorKind::Offline, "{offline:?}");
    assert_eq!(
        (offline.code, offline.action),
        (ErrorCode::Unreachable, Action::Retry)
    );
}
