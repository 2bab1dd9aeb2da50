//! Issue 13, the two "Also" parts: a list FreshBooks answers with 404 (an endpoint this account
//! or its plan lacks) marks that entity unavailable instead of failing the sync; a time entry
//! deleted in FreshBooks leaves the mirror on the next ordinary sync.

use freshbooks_emulator::ReadDenial;
use ledgerline_core::{Entity, Scope};

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
