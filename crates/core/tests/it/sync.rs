//! Pulls: a full sync matches the emulator exactly; a second sync is cheap; remote changes,
//! archives and deletions arrive; 403 entities are recorded as unavailable.

use std::collections::BTreeMap;

use futures::TryStreamExt;
use ledgerline_core::store::businesses::Membership;
use ledgerline_core::{Entity, Scope};
use ledgerline_freshbooks::Client;
use serde_json::Value;

use crate::Harness;

/// Every record FreshBooks (the emulator) has for an entity, by id, as raw JSON.
pub async fn remote(client: &Client, b: &Membership, entity: Entity) -> BTreeMap<i64, Value> {
    let acc = &b.account_id;
    let id = b.business_id;
    let raws: Vec<Value> = match entity {
        Entity::Clients => {
            client
                .clients(acc)
                .list()
                .stream_with_raw()
                .map_ok(|r| r.raw)
                .try_collect()
                .await
        }
        Entity::Invoices => {
            client
                .invoices(acc)
                .list()
                .with_lines()
                .stream_with_raw()
                .map_ok(|r| r.raw)
                .try_collect()
                .await
        }
        Entity::Taxes => {
            client
                .taxes(acc)
                .list()
                .stream_with_raw()
                .map_ok(|r| r.raw)
                .try_collect()
                .await
        }
        Entity::Payments => {
            client
                .payments(acc)
                .list()
                .stream_with_raw()
                .map_ok(|r| r.raw)
                .try_collect()
                .await
        }
        Entity::Estimates => {
            client
                .estimates(acc)
                .list()
                .stream_with_raw()
                .map_ok(|r| r.raw)
                .try_collect()
                .await
        }
        Entity::Expenses => {
            client
                .expenses(acc)
                .list()
                .stream_with_raw()
                .map_ok(|r| r.raw)
                .try_collect()
                .await
        }
        Entity::Items => {
            client
                .items(acc)
                .list()
                .stream_with_raw()
                .map_ok(|r| r.raw)
                .try_collect()
                .await
        }
        Entity::TimeEntries => {
            client
                .time_entries(id)
                .list()
                .stream_with_raw()
                .map_ok(|r| r.raw)
                .try_collect()
                .await
        }
        Entity::Projects => {
            client
                .projects(id)
                .list()
                .stream_with_raw()
                .map_ok(|r| r.raw)
                .try_collect()
                .await
        }
        Entity::Services => {
            client
                .services(id)
                .list()
                .stream_with_raw()
                .map_ok(|r| r.raw)
                .try_collect()
                .await
        }
        Entity::ServiceRates => client
            .services(id)
            .rates()
            .await
            .map(|v| v.into_iter().map(|r| r.raw).collect()),
    }
    .expect("remote listing");
    raws.into_iter()
        .map(|raw| {
            (
                ledgerline_core::store::records::record_id(entity, &raw).expect("id"),
                raw,
            )
        })
        .collect()
}

/// Asserts the mirror of a business equals the emulator, entity by entity, record by record.
pub async fn assert_mirror_matches(h: &Harness, b: &Membership) {
    for entity in Entity::ALL {
        let want = remote(&h.client, b, entity).await;
        let got: BTreeMap<i64, Value> = h
            .core
            .export(b.business_id, entity)
            .await
            .expect("export")
            .into_iter()
            .map(|raw| {
                (
                    ledgerline_core::store::records::record_id(entity, &raw).expect("id"),
                    raw,
                )
            })
            .collect();
        assert_eq!(got.len(), want.len(), "{} {entity}: count", b.name);
        for (id, raw) in &want {
            assert_eq!(got.get(id), Some(raw), "{} {entity} {id}", b.name);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_sync_matches_the_emulator() {
    let h = Harness::start().await;
    h.owner().await;
    let report = h.core.sync(Scope::All, false).await.expect("sync");
    assert!(report.failures.is_empty(), "{report:?}");
    assert!(report.records > 500, "{report:?}");
    for b in h.core.businesses().await.unwrap() {
        assert_mirror_matches(&h, &b).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn second_sync_is_cheap_and_sees_remote_changes() {
    let h = Harness::start().await;
    let owner = h.owner().await;
    h.core
        .sync(Scope::Current, false)
        .await
        .expect("first sync");
    h.emu.control().reset_counts();
    let report = h
        .core
        .sync(Scope::Current, false)
        .await
        .expect("second sync");
    assert!(report.failures.is_empty(), "{report:?}");
    let counts = h.emu.control().request_counts();
    let total: u64 = counts.values().sum();
    let n_entities = u64::try_from(Entity::ALL.len()).unwrap();
    assert!(
        total <= 2 * n_entities,
        "{total} requests for {n_entities} entities: {counts:#?}"
    );

    // Changes made in FreshBooks arrive: an edit, an archive, a delete.
    let acc = &owner.account_id;
    let clients = remote(&h.client, &owner, Entity::Clients).await;
    let ids: Vec<i64> = clients.keys().copied().take(3).collect();
    let fb = h.client.clients(acc);
    let update = ledgerline_model::entity::ClientUpdate {
        organization: Some("Renamed Remotely".into()),
        ..Default::default()
    };
    fb.update(ledgerline_model::ids::ClientId(ids[0]), &update)
        .await
        .unwrap();
    fb.archive(ledgerline_model::ids::ClientId(ids[1]))
        .await
        .unwrap();
    fb.delete(ledgerline_model::ids::ClientId(ids[2]))
        .await
        .unwrap();
    h.core
        .sync(Scope::Current, false)
        .await
        .expect("third sync");
    let b = owner.business_id;
    let renamed = h
        .core
        .record(b, Entity::Clients, ids[0])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(renamed["organization"], "Renamed Remotely");
    let archived = h
        .core
        .record(b, Entity::Clients, ids[1])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(archived["vis_state"], 2);
    let listed = h.core.list_clients(b, true, false).await.unwrap();
    assert!(
        listed.iter().all(|c| c.id != ids[2]),
        "deleted client still listed"
    );
    assert_mirror_matches(&h, &owner).await;
}
