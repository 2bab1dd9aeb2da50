//! The drafting wizard's commands through `tauri::test`, over a real core and the demo's
//! emulated FreshBooks: the setup, the business rate asked once, a preview saved as one change,
//! the same save refused as already billed, and the read-only role refused before the core is
//! asked.

use chrono::Utc;
use ledgerline_model::draft::DraftRequest;
use ledgerline_model::entity::Role;
use ledgerline_model::error::{ErrorCode, ErrorKind};
use ledgerline_model::ipc::{
    BusinessRate, ChosenBusiness, DraftingSetupArgs, GetDraftingSetup, NoArgs, PreviewDraft,
    SaveDraftArgs, SaveDraftInvoice, SetBusinessRate, StartDemo, SwitchBusiness, SyncNow,
};
use tauri::Manager;

use super::Shell;
use crate::state::AppExt;

#[test]
fn a_draft_is_previewed_saved_once_and_refused_the_second_time() {
    let shell = Shell::new(|_| {});
    let session = shell.call::<StartDemo>(&NoArgs {}).unwrap();
    shell.call::<SyncNow>(&NoArgs {}).unwrap();

    let all = shell
        .call::<GetDraftingSetup>(&DraftingSetupArgs::default())
        .unwrap();
    assert!(!all.clients.is_empty());
    assert!(all.entries.is_empty(), "entries only for a chosen client");
    let client = all.clients[0].clone();
    let args = DraftingSetupArgs {
        client: Some(client.id),
        ..DraftingSetupArgs::default()
    };
    let mut setup = shell.call::<GetDraftingSetup>(&args).unwrap();
    assert_eq!(setup.client.as_ref(), Some(&client));
    assert_eq!(setup.entries.len(), client.entries);
    if setup.needs_business_rate || setup.business_rate.is_none() {
        shell
            .call::<SetBusinessRate>(&BusinessRate {
                // A decimal as the window sends it (the shell has no decimal crate of its own).
                rate: Some(serde_json::from_str("\"85\"").unwrap()),
            })
            .unwrap();
        setup = shell.call::<GetDraftingSetup>(&args).unwrap();
    }
    assert_eq!(
        setup.business_rate.map(|r| r.to_string()).as_deref(),
        Some("85")
    );
    assert!(!setup.needs_business_rate);

    let request = DraftRequest {
        client: client.id,
        from: None,
        to: None,
        grouping: setup.choices.grouping,
        rounding: setup.choices.rounding,
        taxes: setup.taxes.iter().take(1).map(|t| t.tax.clone()).collect(),
        currency: client.currency.clone(),
        create_date: Utc::now().date_naive(),
        business_rate: setup.business_rate,
        projects: Vec::new(),
        exclude: Vec::new(),
        include_non_billable: false,
        project_rounding: setup.choices.project_rounding.clone(),
        template: setup.choices.template.clone(),
    };
    let draft = shell.call::<PreviewDraft>(&request).unwrap();
    assert!(!draft.lines.is_empty());
    assert_eq!(draft.total.currency, client.currency);
    assert_eq!(draft.total.amount, draft.subtotal.amount + draft.tax.amount);
    let save = SaveDraftArgs {
        request: request.clone(),
        expected_entries: draft.entries(),
        expected_total: draft.total.clone(),
    };
    let saved = shell.call::<SaveDraftInvoice>(&save).unwrap();
    assert!(saved.invoice < 0, "a local id until FreshBooks numbers it");
    assert_eq!(saved.entries, draft.entries().len());
    assert_eq!(saved.total, draft.total);
    assert!(saved.seq.is_some());
    // A double click: the second save is refused, naming the entries.
    let again = shell.call::<SaveDraftInvoice>(&save).unwrap_err();
    assert_eq!(again.code.name(), "entries_already_billed", "{again:?}");
    // One change holds the invoice and the billing.
    let core = shell.webview.app_handle().core();
    let business = session
        .businesses
        .iter()
        .find(|b| b.business.role == Role::Owner)
        .unwrap()
        .business
        .business_id;
    let changes = tauri::async_runtime::block_on(core.changes(business)).unwrap();
    assert_eq!(changes.len(), 1, "{changes:#?}");

    // A team member's role may read the wizard but not save or set the rate.
    let employee = session
        .businesses
        .iter()
        .find(|b| b.business.role == Role::BusinessEmployee)
        .unwrap()
        .business
        .business_id;
    shell
        .call::<SwitchBusiness>(&ChosenBusiness { business: employee })
        .unwrap();
    shell
        .call::<GetDraftingSetup>(&DraftingSetupArgs::default())
        .unwrap();
    let refusals = [
        shell.call::<SaveDraftInvoice>(&save).unwrap_err(),
        shell
            .call::<SetBusinessRate>(&BusinessRate { rate: None })
            .unwrap_err(),
    ];
    for refused in refusals {
        assert_eq!(refused.kind, ErrorKind::Forbidden, "{refused:?}");
        assert_eq!(refused.code, ErrorCode::Forbidden);
    }
    assert_eq!(
        tauri::async_runtime::block_on(core.changes(employee))
            .unwrap()
            .len(),
        0
    );
}
