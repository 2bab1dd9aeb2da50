//! Pulls: a full sync matches the emulator exactly; a second sync is cheap; remote changes,
//! archives and deletions arrive; 403 entities are recorded as unavailable.

use std::collections::BTreeMap;

use futures::TryStreamExt;
use ledgerline_core::{Entity, Scope};
use ledgerline_freshbooks::Client;
use ledgerline_model::entity::UserBusiness;
use ledgerline_model::views::ClientFilter;
use serde_json::Value;

use crate::Harness;

/// Every record FreshBooks (the emulator) has for an entity, by id, as raw JSON.
pub async fn remote(client: &Client, b: &UserBusiness, entity: Entity) -> BTreeMap<i64, Value> {
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
                .team()
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
        .map(|raw| (record_id(entity, &raw).expect("id"), raw))
        .collect()
}

/// FreshBooks' id of a raw record, under the name its entity gives it (a service rate is keyed
/// by its service; older accounting records may carry only `userid`, `invoiceid` …).
pub fn record_id(entity: Entity, raw: &Value) -> Option<i64> {
    let names: &[&str] = match entity {
        Entity::Clients => &["id", "userid"],
        Entity::Invoices => &["id", "invoiceid"],
        Entity::ServiceRates => &["service_id", "id"],
        Entity::Taxes => &["id", "taxid"],
        Entity::Payments => &["id", "paymentid"],
        Entity::Estimates => &["id", "estimateid"],
        Entity::Expenses => &["id", "expenseid"],
        Entity::Items => &["id", "itemid"],
        Entity::TimeEntries | Entity::Projects | Entity::Services => &["id"],
    };
    names.iter().find_map(|name| match raw.get(name)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// Asserts the mirror of a business equals the emulator, entity by entity, record by record.
pub async fn assert_mirror_matches(h: &Harness, b: &UserBusiness) {
    for entity in Entity::ALL {
        let want = remote(&h.client, b, entity).await;
        let got: BTreeMap<i64, Value> = h
            .core
            .export(b.business_id, entity)
            .await
            .expect("export")
            .into_iter()
            .map(|raw| (record_id(entity, &raw).expect("id"), raw))
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
    let listed = h
        .core
        .list_clients(
            b,
            ClientFilter {
                archived: true,
                deleted: false,
            },
        )
        .await
        .unwrap();
    assert!(
        listed.iter().all(|c| c.id != ids[2]),
        "deleted client still listed"
    );
    assert_mirror_matches(&h, &owner).await;
}

/// The benchmark seed (2,000 clients, 10,000 invoices with lines, 20,000 time entries in the
/// first business): every record of every business matches after one full sync, and a second
/// sync with nothing changed makes at most two requests per entity.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn large_seed_full_sync_matches_exactly() {
    let mut config = freshbooks_emulator::Config::for_tests();
    config.scale = freshbooks_emulator::Scale::Large;
    let h = Harness::start_with(config).await;
    let owner = h.owner().await;
    let started = std::time::Instant::now();
    let report = h.core.sync(Scope::All, false).await.expect("sync");
    eprintln!(
        "large seed, all businesses: {report:?} in {:?}",
        started.elapsed()
    );
    assert!(report.failures.is_empty(), "{report:?}");
    assert!(report.records > 40_000, "{report:?}");
    for b in h.core.businesses().await.unwrap() {
        assert_mirror_matches(&h, &b).await;
    }
    h.emu.control().reset_counts();
    h.core
        .sync(Scope::Current, false)
        .await
        .expect("second sync");
    let total: u64 = h.emu.control().request_counts().values().sum();
    assert!(
        total <= 2 * u64::try_from(Entity::ALL.len()).unwrap(),
        "{total} requests"
    );
    // Outstanding per client: the mirror's invoices add up as FreshBooks' do.
    let invoices = h
        .core
        .export(owner.business_id, Entity::Invoices)
        .await
        .unwrap();
    let remote_invoices = remote(&h.client, &owner, Entity::Invoices).await;
    let sum = |list: &mut dyn Iterator<Item = &Value>| -> BTreeMap<i64, rust_decimal::Decimal> {
        let mut res = BTreeMap::new();
        for inv in list {
            let amount: rust_decimal::Decimal = inv["outstanding"]["amount"]
                .as_str()
                .unwrap_or("0")
                .parse()
                .unwrap();
            *res.entry(inv["customerid"].as_i64().unwrap_or(0))
                .or_default() += amount;
        }
        res
    };
    assert_eq!(
        sum(&mut invoices.iter()),
        sum(&mut remote_invoices.values())
    );
}

/// A sync stopped in the middle of a pull resumes at the next page: what was written is not
/// downloaded again, and the mirror still ends up exact (nothing swept by mistake).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn interrupted_pull_resumes_without_downloading_again() {
    let h = Harness::start().await;
    let owner = h.owner().await;
    h.emu
        .control()
        .set_latency(std::time::Duration::from_millis(100));
    let mut events = h.core.subscribe();
    let core = h.core.clone();
    let syncing = tokio::spawn(async move { core.sync(Scope::Current, false).await });
    // Stop as soon as the first page of time entries is written.
    loop {
        match events.recv().await.expect("events") {
            ledgerline_core::Event::Progress {
                entity: Entity::TimeEntries,
                ..
            } => break,
            _ => continue,
        }
    }
    h.core.shutdown().await;
    assert!(syncing.await.unwrap().is_err(), "the sync was cancelled");
    h.emu.control().set_latency(std::time::Duration::ZERO);
    let status = h.core.status(owner.business_id).await.unwrap();
    let cursor = status
        .entities
        .iter()
        .find(|e| e.entity == Entity::TimeEntries)
        .unwrap()
        .cursor
        .clone();
    let cursor = cursor.expect("an interrupted pull leaves its cursor");
    assert!(cursor.page >= 1);

    // A new process (core) on the same data directory picks up where it stopped.
    let core = crate::open_core(h.dir.path(), h.client.clone());
    h.emu.control().reset_counts();
    core.sync(Scope::Current, false)
        .await
        .expect("resumed sync");
    let pages = h
        .emu
        .control()
        .request_count("GET /timetracking/business/{business_id}/time_entries");
    let total_pages = remote(&h.client, &owner, Entity::TimeEntries)
        .await
        .len()
        .div_ceil(100);
    assert_eq!(
        pages,
        u64::try_from(total_pages).unwrap() - u64::from(cursor.page),
        "pages fetched again"
    );
    let h2 = Harness { core, ..h };
    assert_mirror_matches(&h2, &owner).await;
}

/// FreshBooks refuses this user one entity (403 on reads, as for a role or token scopes without
/// it): the entity is recorded as unavailable with FreshBooks' reason, the sync does not fail,
/// every other entity still arrives, and a full sync reads it again once it is allowed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_6_an_entity_refused_on_read_is_recorded_unavailable() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.emu.control().deny_reads(freshbooks_emulator::ReadDenial {
        resource: "expenses".into(),
        business: Some(b.account_id.to_string()),
    });
    let report = h.core.sync(Scope::Current, false).await.expect("sync");
    assert!(report.ok(), "{report:?}");
    assert_eq!(report.unavailable, 1, "{report:?}");
    let status = h.core.status(b.business_id).await.unwrap();
    for st in &status.entities {
        if st.entity == Entity::Expenses {
            let reason = st.unavailable.as_ref().expect("expenses unavailable");
            assert!(reason.message.contains("permission"), "{reason:?}");
            assert_eq!(st.last_error, None);
        } else {
            assert_eq!(st.unavailable, None, "{st:?}");
            assert!(st.watermark.is_some(), "{st:?}");
        }
    }
    for entity in [Entity::Clients, Entity::Invoices, Entity::TimeEntries] {
        let want = remote(&h.client, &b, entity).await.len();
        let got = h.core.export(b.business_id, entity).await.unwrap().len();
        assert_eq!(got, want, "{entity}");
    }
    assert!(
        h.core
            .export(b.business_id, Entity::Expenses)
            .await
            .unwrap()
            .is_empty()
    );
    // Allowed again: `sync --full` asks at once and the expenses arrive.
    h.emu.control().clear_read_denials();
    let report = h.core.sync(Scope::Current, true).await.expect("sync");
    assert_eq!(report.unavailable, 0, "{report:?}");
    let status = h.core.status(b.business_id).await.unwrap();
    assert!(status.entities.iter().all(|st| st.unavailable.is_none()));
    assert_mirror_matches(&h, &b).await;
}

/// A full read interrupted after its first page of time entries; before it resumes, an entry of
/// that first page is deleted in FreshBooks, so every later entry moves up one place. The
/// resumed read must still see every entry that exists: an entry not seen is swept from the
/// mirror as deleted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_6_a_deletion_before_resume_does_not_sweep_a_live_record() {
    let h = Harness::start().await;
    let owner = h.owner().await;
    h.emu
        .control()
        .set_latency(std::time::Duration::from_millis(100));
    let mut events = h.core.subscribe();
    let core = h.core.clone();
    let syncing = tokio::spawn(async move { core.sync(Scope::Current, false).await });
    loop {
        if let ledgerline_core::Event::Progress {
            entity: Entity::TimeEntries,
            ..
        } = events.recv().await.expect("events")
        {
            break;
        }
    }
    h.core.shutdown().await;
    assert!(syncing.await.unwrap().is_err(), "the sync was cancelled");
    h.emu.control().set_latency(std::time::Duration::ZERO);
    let mirrored = h
        .core
        .export(owner.business_id, Entity::TimeEntries)
        .await
        .unwrap();
    let first_seen = mirrored
        .iter()
        .filter_map(|e| e["id"].as_i64())
        .find(|id| *id > 0)
        .expect("the first page was written");
    h.client
        .time_entries(owner.business_id)
        .delete(ledgerline_model::ids::TimeEntryId(first_seen))
        .await
        .unwrap();
    let core = crate::open_core(h.dir.path(), h.client.clone());
    core.sync(Scope::Current, false)
        .await
        .expect("resumed sync");
    // Every entry FreshBooks has is in the mirror.
    let want = remote(&h.client, &owner, Entity::TimeEntries).await;
    let got: BTreeMap<i64, Value> = core
        .export(owner.business_id, Entity::TimeEntries)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|raw| Some((raw["id"].as_i64()?, raw)))
        .collect();
    for (id, raw) in &want {
        assert_eq!(got.get(id), Some(raw), "time entry {id}");
    }
    // FIXME: the entry deleted after it was read stays until the next full read (it was marked
    // seen by this read before the interruption).
    assert!(got.contains_key(&first_seen));
    assert_eq!(got.len(), want.len() + 1);
    core.sync(Scope::Current, true).await.expect("full sync");
    let h2 = Harness { core, ..h };
    assert_mirror_matches(&h2, &owner).await;
}
