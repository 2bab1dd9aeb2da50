//! The Sync page's commands through `tauri::test`, over the demo (its emulated FreshBooks
//! in-process): the page of the current business, a conflict made on both sides shown side by
//! side and settled from the page, and a read-only role refused before the core is asked.

use ledgerline_core::Entity;
use ledgerline_model::entity::{ClientUpdate, Role};
use ledgerline_model::error::{ErrorCode, ErrorKind};
use ledgerline_model::ids::ClientId;
use ledgerline_model::ipc::{
    ChosenBusiness, ClientChange, GetSyncPage, NoArgs, RecordLabel, ResolveArgs,
    ResolveConflictChoice, Session, StartDemo, SwitchBusiness, SyncNow, TokenHealth, UpdateClient,
};
use ledgerline_model::outbox::{OpKind, Resolution};
use ledgerline_model::views::ClientQuery;
use tauri::Manager;

use super::Shell;
use crate::state::AppExt;

fn demo() -> (Shell, Session) {
    let shell = Shell::new(|_| {});
    let session = shell.call::<StartDemo>(&NoArgs {}).unwrap();
    shell.call::<SyncNow>(&NoArgs {}).unwrap();
    (shell, session)
}

#[test]
fn the_page_shows_a_conflict_side_by_side_and_settles_it() {
    let (shell, session) = demo();
    let business = session.current_business().unwrap().business.clone();
    let core = shell.webview.app_handle().core();

    let page = shell.call::<GetSyncPage>(&NoArgs {}).unwrap();
    assert_eq!(page.business, business.business_id);
    assert_eq!(
        page.entities.iter().map(|e| e.entity).collect::<Vec<_>>(),
        Entity::ALL.to_vec()
    );
    assert!(page.last_synced.is_some(), "{page:#?}");
    assert!(page.entities.iter().any(|e| e.records > 0));
    assert_eq!(page.token, TokenHealth::Good);
    assert!(page.online);
    assert_eq!(page.backoff, None);
    assert_eq!(page.progress, None, "the sync ended");
    assert!(page.pending.is_empty() && page.conflicts.is_empty());

    // No network for the engine: the edit waits until "Sync now".
    tauri::async_runtime::block_on(core.network_changed(false));
    let client = shell
        .call::<ledgerline_model::ipc::ListClients>(&ClientQuery::default())
        .unwrap()
        .into_iter()
        .find(|c| c.id > 0)
        .unwrap();
    shell
        .call::<UpdateClient>(&ClientChange {
            id: client.id,
            changes: ClientUpdate {
                organization: Some("Mine Ltd".into()),
                ..ClientUpdate::default()
            },
        })
        .unwrap();
    let page = shell.call::<GetSyncPage>(&NoArgs {}).unwrap();
    assert_eq!(page.pending.len(), 1, "{:#?}", page.pending);
    assert_eq!(page.pending[0].kind, OpKind::UpdateClient);
    // Named in facts the window puts in words, across the bridge as the window reads them.
    let mine = RecordLabel::Client {
        name: "Mine Ltd".into(),
    };
    assert_eq!(page.pending[0].label, mine);
    assert!(page.pending[0].can_undo);

    // Meanwhile in FreshBooks.
    let fb = core.client().unwrap();
    tauri::async_runtime::block_on(fb.clients(&business.account_id).update(
        ClientId(client.id),
        &ClientUpdate {
            organization: Some("Theirs Inc".into()),
            ..ClientUpdate::default()
        },
    ))
    .unwrap();
    shell.call::<SyncNow>(&NoArgs {}).unwrap();
    let page = shell.call::<GetSyncPage>(&NoArgs {}).unwrap();
    assert_eq!(page.conflicts.len(), 1, "{page:#?}");
    let conflict = &page.conflicts[0];
    assert_eq!(conflict.label, mine);
    assert_eq!(conflict.conflict.field_group, "name");
    assert_eq!(conflict.conflict.mine["organization"], "Mine Ltd");
    assert_eq!(conflict.conflict.theirs["organization"], "Theirs Inc");
    assert!(page.pending.is_empty());

    shell
        .call::<ResolveConflictChoice>(&ResolveArgs {
            conflict: conflict.conflict.id,
            resolution: Resolution::TakeFreshBooks,
        })
        .unwrap();
    shell.call::<SyncNow>(&NoArgs {}).unwrap();
    let page = shell.call::<GetSyncPage>(&NoArgs {}).unwrap();
    assert!(
        page.conflicts.is_empty() && page.pending.is_empty(),
        "{page:#?}"
    );
    let local = tauri::async_runtime::block_on(core.record(
        business.business_id,
        Entity::Clients,
        client.id,
    ))
    .unwrap()
    .unwrap();
    assert_eq!(local["organization"], "Theirs Inc");
    // Settled: the same conflict cannot be settled twice.
    let again = shell
        .call::<ResolveConflictChoice>(&ResolveArgs {
            conflict: conflict.conflict.id,
            resolution: Resolution::KeepMine,
        })
        .unwrap_err();
    assert_ne!(again.kind, ErrorKind::Forbidden, "{again:?}");
}

#[test]
fn a_read_only_role_cannot_settle_a_conflict() {
    let (shell, session) = demo();
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
    let page = shell.call::<GetSyncPage>(&NoArgs {}).unwrap();
    assert_eq!(
        page.business, employee,
        "the page follows the current business"
    );
    let refused = shell
        .call::<ResolveConflictChoice>(&ResolveArgs {
            conflict: 1,
            resolution: Resolution::KeepMine,
        })
        .unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Forbidden, "{refused:?}");
    assert_eq!(refused.code, ErrorCode::Forbidden);
}
