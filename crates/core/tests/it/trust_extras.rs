//! Issue 13, the two "Also" parts: a list FreshBooks answers with 404 (an endpoint this account
//! or its plan lacks) marks that entity unavailable instead of failing the sync; a time entry
//! deleted in FreshBooks leaves the mirror on the next ordinary sync.

use freshbooks_emulator::ReadDenial;
use ledgerline_core::{Entity, Scope};
use ledgerline_model::views::TimeFilter;

use crate::Harness;
use crate::sync::remote;

/// FreshBooks answers the expenses list of this business with 404, as for an account or plan
/// without expenses: the sync finishes, every other entity is mirrored, expenses are marked
/// unavailable with a reason that says this account or plan does not offer them, and the next
/// sync does not fail either.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_answered_404_marks_the_entity_unavailable_instead_of_failing_the_sync() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.emu.control().hide_resource(ReadDenial {
        resource: "expenses".into(),
        business: Some(b.account_id.to_string()),
    });
    let report = h.core.sync(Scope::Current, false).await.expect("sync");
    assert!(report.ok(), "{report:?}");
    assert!(report.failures.is_empty(), "{report:?}");
    assert_eq!(report.unavailable, 1, "{report:?}");
    let status = h.core.status(b.business_id).await.unwrap();
    for st in &status.entities {
        if st.entity == Entity::Expenses {
            let reason = st.unavailable.as_ref().expect("expenses unavailable");
            assert!(
                reason
                    .message
                    .contains("account or its plan does not offer"),
                "{reason:?}"
            );
            assert_eq!(st.last_error, None, "{st:?}");
        } else {
            assert_eq!(st.unavailable, None, "{st:?}");
            assert_eq!(st.last_error, None, "{st:?}");
            assert!(st.watermark.is_some(), "{st:?}");
        }
    }
    for entity in Entity::ALL {
        if entity == Entity::Expenses {
            continue;
        }
        let want = remote(&h.client, &b, entity).await.len();
        let got = h.core.export(b.business_id, entity).await.unwrap().len();
        assert_eq!(got, want, "{entity}");
    }

    // The next sync, ordinary or full, does not fail either.
    let report = h.core.sync(Scope::Current, false).await.expect("next sync");
    assert!(report.ok() && report.failures.is_empty(), "{report:?}");
    let report = h.core.sync(Scope::Current, true).await.expect("full sync");
    assert!(report.ok() && report.failures.is_empty(), "{report:?}");
    assert_eq!(report.unavailable, 1, "{report:?}");

    // Offered again (a plan upgrade): a full sync brings the expenses.
    h.emu.control().clear_hidden_resources();
    let report = h.core.sync(Scope::Current, true).await.expect("sync");
    assert_eq!(report.unavailable, 0, "{report:?}");
    let want = remote(&h.client, &b, Entity::Expenses).await.len();
    let got = h
        .core
        .export(b.business_id, Entity::Expenses)
        .await
        .unwrap()
        .len();
    assert_eq!(got, want);
}

/// A time entry deleted in FreshBooks leaves the mirror on the next ordinary (incremental)
/// sync, not only after the daily full read: unbilled time no longer lists it, the sync still
/// makes at most two requests per entity, and the one after it, with nothing changed, too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_time_entry_deleted_in_freshbooks_leaves_the_mirror_on_the_next_ordinary_sync() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core
        .sync(Scope::Current, false)
        .await
        .expect("first sync");
    let unbilled = h
        .core
        .unbilled_time(b.business_id, TimeFilter::default())
        .await
        .unwrap();
    let gone = unbilled.first().expect("unbilled time").id;
    let full_before = h
        .core
        .status(b.business_id)
        .await
        .unwrap()
        .entities
        .iter()
        .find(|st| st.entity == Entity::TimeEntries)
        .and_then(|st| st.last_full_at);
    h.client
        .time_entries(b.business_id)
        .delete(gone)
        .await
        .expect("deleted in FreshBooks");

    h.emu.control().reset_counts();
    let report = h.core.sync(Scope::Current, false).await.expect("sync");
    assert!(report.ok() && report.failures.is_empty(), "{report:?}");
    let counts = h.emu.control().request_counts();
    let total: u64 = counts.values().sum();
    let n_entities = u64::try_from(Entity::ALL.len()).unwrap();
    assert!(total <= 2 * n_entities, "{total} requests: {counts:#?}");
    let status = h.core.status(b.business_id).await.unwrap();
    let entries = status
        .entities
        .iter()
        .find(|st| st.entity == Entity::TimeEntries)
        .unwrap();
    assert_eq!(
        entries.last_full_at, full_before,
        "an ordinary sync, not a full read"
    );

    let mirrored = h
        .core
        .export(b.business_id, Entity::TimeEntries)
        .await
        .unwrap();
    assert!(
        !mirrored
            .iter()
            .any(|e| e["id"].as_i64() == Some(gone.get())),
        "the deleted entry left the mirror"
    );
    let want = remote(&h.client, &b, Entity::TimeEntries).await.len();
    assert_eq!(mirrored.len(), want, "every other entry stays");
    let unbilled = h
        .core
        .unbilled_time(b.business_id, TimeFilter::default())
        .await
        .unwrap();
    assert!(
        !unbilled.iter().any(|e| e.id == gone),
        "unbilled time no longer lists it"
    );

    // Nothing changed since: still at most two requests per entity, and nothing comes back.
    h.emu.control().reset_counts();
    let report = h.core.sync(Scope::Current, false).await.expect("next sync");
    assert!(report.ok() && report.failures.is_empty(), "{report:?}");
    let counts = h.emu.control().request_counts();
    let total: u64 = counts.values().sum();
    assert!(total <= 2 * n_entities, "{total} requests: {counts:#?}");
    let mirrored = h
        .core
        .export(b.business_id, Entity::TimeEntries)
        .await
        .unwrap();
    assert!(
        !mirrored
            .iter()
            .any(|e| e["id"].as_i64() == Some(gone.get()))
    );
}
