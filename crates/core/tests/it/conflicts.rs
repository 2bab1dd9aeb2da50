//! The same client edited here and in FreshBooks becomes a conflict, resolved either way.

use ledgerline_core::{Entity, Scope};
use ledgerline_model::entity::ClientUpdate;
use ledgerline_model::ids::ClientId;
use ledgerline_model::outbox::{OpState, Resolution};

use crate::Harness;
use crate::sync::remote;

async fn conflicting_edit(h: &Harness, resolution: Resolution) -> (i64, serde_json::Value) {
    let b = h.owner().await;
    let id = b.business_id;
    h.core.sync(Scope::Current, false).await.unwrap();
    let client_id = *remote(&h.client, &b, Entity::Clients)
        .await
        .keys()
        .next()
        .unwrap();
    h.core
        .update_client(
            id,
            client_id,
            ClientUpdate {
                organization: Some("Mine Ltd".into()),
                city: Some("Montreal".into()),
                ..ClientUpdate::default()
            },
        )
        .await
        .unwrap();
    let theirs = ClientUpdate {
        organization: Some("Theirs Inc".into()),
        email: Some("theirs@example.com".into()),
        ..Default::default()
    };
    h.client
        .clients(&b.account_id)
        .update(ClientId(client_id), &theirs)
        .await
        .unwrap();

    h.core.sync(Scope::Current, false).await.unwrap();
    let conflicts = h.core.conflicts(id).await.unwrap();
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    assert_eq!(conflicts[0].field_group, "name");
    assert_eq!(conflicts[0].mine["organization"], "Mine Ltd");
    assert_eq!(conflicts[0].theirs["organization"], "Theirs Inc");
    // Nothing was overwritten silently: FreshBooks still has theirs, we still show ours.
    let fb = remote(&h.client, &b, Entity::Clients).await;
    assert_eq!(fb[&client_id]["organization"], "Theirs Inc");
    let local = h
        .core
        .record(id, Entity::Clients, client_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(local["organization"], "Mine Ltd");

    h.core
        .resolve_conflict(id, conflicts[0].id, resolution)
        .await
        .unwrap();
    h.core.sync(Scope::Current, false).await.unwrap();
    let status = h.core.status(id).await.unwrap();
    assert!(
        status.open_ops.is_empty() && status.conflicts.is_empty(),
        "{status:#?}"
    );
    assert_eq!(status.count(OpState::Conflict), 0);
    let fb = remote(&h.client, &b, Entity::Clients).await;
    let local = h
        .core
        .record(id, Entity::Clients, client_id)
        .await
        .unwrap()
        .unwrap();
    // Both sides agree, and the change FreshBooks made to another group survived.
    assert_eq!(local["organization"], fb[&client_id]["organization"]);
    assert_eq!(fb[&client_id]["email"], "theirs@example.com");
    (client_id, fb[&client_id].clone())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conflict_resolved_keep_mine() {
    let h = Harness::start().await;
    let (_, fb) = conflicting_edit(&h, Resolution::KeepMine).await;
    assert_eq!(fb["organization"], "Mine Ltd");
    assert_eq!(fb["p_city"], "Montreal");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conflict_resolved_take_freshbooks() {
    let h = Harness::start().await;
    let (_, fb) = conflicting_edit(&h, Resolution::TakeFreshBooks).await;
    assert_eq!(fb["organization"], "Theirs Inc");
    // Our change to another group (the address) was not in conflict and still went through.
    assert_eq!(fb["p_city"], "Montreal");
}
