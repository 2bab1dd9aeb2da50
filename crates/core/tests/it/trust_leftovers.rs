//! Issue 13, leftovers: a create's answer does not overwrite a later edit still waiting to be
//! sent; signing in asks FreshBooks for every scope the sync and the changes need (the emulator
//! refuses a call its token's scopes do not cover, as FreshBooks does).

use std::io::{Read, Write};
use std::sync::Arc;
use std::time::Duration;

use freshbooks_emulator::{Config as EmuConfig, Emulator, Faults};
use ledgerline_core::{Entity, Scope};
use ledgerline_freshbooks::{AppCredentials, Client, ClientSecret, Config, MemoryTokenStore};
use ledgerline_model::entity::{UserBusiness, VisState};
use ledgerline_model::outbox::OpState;
use serde_json::{Value, json};

use crate::drafting::{draft_for_busiest_client, request};
use crate::outbox::{email_update, new_client, new_entry, sync_until_sent};
use crate::sync::remote;
use crate::{Harness, open_core};

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
    assert_eq!(
        ours["id"], created["id"],
        "the mirror row has FreshBooks' id"
    );

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

/// Opens FreshBooks' authorization page as a browser would (the emulator approves at once) and
/// returns the address it sends the browser back to.
fn follow_authorize(url: &str) -> String {
    let rest = url
        .strip_prefix("http://")
        .expect("the emulator's plain HTTP");
    let (host, path) = rest.split_at(rest.find('/').expect("a path"));
    let mut conn = std::net::TcpStream::connect(host).expect("connects");
    write!(
        conn,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("request sent");
    let mut answer = String::new();
    conn.read_to_string(&mut answer).expect("answer");
    answer
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("location")
                .then(|| value.trim().to_owned())
        })
        .unwrap_or_else(|| panic!("no redirect: {answer}"))
}

/// Ledgerline signs in through the authorization page with the scopes it asks for by default,
/// then syncs everything and sends a change of each kind it makes: FreshBooks (the emulator,
/// which refuses a call the token's scopes do not cover) refuses none of them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_asks_for_every_scope_the_sync_and_the_changes_need() {
    let emu = Emulator::start(EmuConfig::for_tests()).await.unwrap();
    let app = AppCredentials {
        client_id: "demo-client-id".into(),
        client_secret: ClientSecret::new("demo-client-secret"),
        redirect_uri: "https://localhost/oauth/callback".parse().unwrap(),
    };
    let mut config = Config::with_urls(app, &emu.base_url(), &emu.base_url()).unwrap();
    config.request_timeout = Duration::from_secs(5);
    let client = Client::new(config, Arc::new(MemoryTokenStore::new())).unwrap();
    let sign_in = client.sign_in_request();
    let url = sign_in.url.to_string();
    let landed = tokio::task::spawn_blocking(move || follow_authorize(&url))
        .await
        .unwrap();
    client
        .finish_sign_in(&sign_in.state, &landed)
        .await
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = open_core(dir.path(), client.clone());
    let h = Harness {
        emu,
        core,
        client,
        dir,
    };

    // Every entity is read, none refused.
    let (b, busiest, _) = draft_for_busiest_client(&h).await;
    h.core.sync(Scope::Current, true).await.unwrap();
    let status = h.core.status(b.business_id).await.unwrap();
    for entity in &status.entities {
        assert_eq!(entity.unavailable, None, "{:?} refused", entity.entity);
        assert_eq!(entity.last_error, None, "{:?} failed", entity.entity);
    }

    // A change of each kind.
    let existing = *remote(&h.client, &b, Entity::Clients)
        .await
        .keys()
        .next()
        .unwrap();
    let fresh = h
        .core
        .create_client(b.business_id, new_client("Scoped Co", None))
        .await
        .unwrap();
    h.core
        .update_client(b.business_id, existing, email_update("scoped@example.com"))
        .await
        .unwrap();
    h.core
        .set_client_visibility(b.business_id, fresh, VisState::Archived)
        .await
        .unwrap();
    h.core
        .create_time_entry(
            b.business_id,
            new_entry("2026-11-03T14:00:00Z", 1800, "scoped", Some(busiest.get())),
        )
        .await
        .unwrap();
    h.core
        .draft_invoice(b.business_id, &request(busiest))
        .await
        .unwrap();
    sync_until_sent(&h, &b, 3).await;
    let status = h.core.status(b.business_id).await.unwrap();
    assert!(
        status.open_ops.is_empty(),
        "refused or left: {:#?}",
        status.open_ops
    );
}
