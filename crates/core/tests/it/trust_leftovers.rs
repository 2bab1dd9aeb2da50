//! Issue 13, leftovers: a create's answer does not overwrite a later edit still waiting to be
//! sent.

use freshbooks_emulator::Faults;
use ledgerline_core::{Entity, Scope};
use ledgerline_model::entity::UserBusiness;
use ledgerline_model::outbox::OpState;
use serde_json::{Value, json};

use crate::Harness;
use crate::outbox::{email_update, new_client};
use crate::sync::remote;

/// The mirror's copy of the client with this organization.
async fn mirrored(h: &Harness, b: &UserBusiness, organization: &str) -> Value {
    h.core
        .export(b.business_id, Entity::Clients)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c["organization"] == json!(organization))
        .expect("the client in the mirror")
}

/// A client created offline and then edited offline: the sync sends the create, but the edit
/// cannot get through yet (every request about the existing client is rate limited). The
/// create's answer (the client as FreshBooks has it, with the first email) used to be written
/// over the mirror, so the edited email disappeared from the screen until the edit was sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_creates_answer_does_not_overwrite_a_later_pending_edit() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let local = h
        .core
        .create_client(
            b.business_id,
            new_client("Later Edit Co", Some("first@example.com")),
        )
        .await
        .unwrap();
    let edit = h
        .core
        .update_client(b.business_id, local, email_update("edited@example.com"))
        .await
        .unwrap();
    // The create (POST .../users/clients) goes through; the edit's read and update of the new
    // client (.../users/clients/<id>) are rate limited, so the push leaves it for later.
    h.emu.control().set_faults(Faults {
        rate_limit_per_mille: 1000,
        retry_after_secs: Some(0),
        path_contains: Some("users/clients/".into()),
        ..Faults::default()
    });
    let _ = h.core.sync(Scope::Current, false).await;
    h.emu.control().clear_faults();

    let open = h.core.status(b.business_id).await.unwrap().open_ops;
    assert_eq!(
        open.iter().map(|q| q.seq).collect::<Vec<_>>(),
        vec![edit],
        "the create was sent, the edit was not"
    );
    assert_eq!(open[0].state, OpState::Pending);
    let theirs = remote(&h.client, &b, Entity::Clients).await;
    let created = theirs
        .values()
        .find(|c| c["organization"] == json!("Later Edit Co"))
        .expect("the create reached FreshBooks");
    assert_eq!(created["email"], json!("first@example.com"));
    let ours = mirrored(&h, &b, "Later Edit Co").await;
    assert_eq!(
        ours["email"],
        json!("edited@example.com"),
        "the pending edit disappeared from the mirror"
    );
    assert_eq!(ours["id"], created["id"], "the mirror row has FreshBooks' id");

    h.core.sync(Scope::Current, false).await.unwrap();
    assert!(
        h.core
            .status(b.business_id)
            .await
            .unwrap()
            .open_ops
            .is_empty()
    );
    let theirs = remote(&h.client, &b, Entity::Clients).await;
    let sent = theirs
        .values()
        .find(|c| c["organization"] == json!("Later Edit Co"))
        .unwrap();
    assert_eq!(sent["email"], json!("edited@example.com"));
    let ours = mirrored(&h, &b, "Later Edit Co").await;
    assert_eq!(ours["email"], json!("edited@example.com"));
}
