//! Sign-out (issue 13, item 12): it forgets the sign-in (tokens; the app's credentials stay) and,
//! when asked, removes this computer's offline copy: never while changes are unsent unless the
//! caller discards them explicitly, never under another Ledgerline sending from it, and never
//! leaving a handle that would quietly make an empty database again.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeDelta, Utc};
use freshbooks_emulator::Faults;
use ledgerline_core::secrets::{AppSecrets, SecretTokenStore, Secrets};
use ledgerline_core::session::SignOut;
use ledgerline_core::{Core, Scope};
use ledgerline_freshbooks::{
    AccessToken, AppCredentials, Client, ClientSecret, Config, MemoryTokenStore, RefreshToken,
    RetryPolicy, TokenSet,
};
use ledgerline_model::entity::UserBusiness;
use ledgerline_model::error::ErrorCode;
use ledgerline_model::outbox::OpState;
use ledgerline_model::views::ClientFilter;
use serde_json::json;

use crate::outbox::new_client;
use crate::{Harness, open_core};

const CHILD_ENV: &str = "LEDGERLINE_SIGN_OUT_CHILD";

/// The harness, its core signed in through a token file (as the CLI's `--token-file` keeps it)
/// that also holds the app's credentials.
struct SignedIn {
    h: Harness,
    secrets: Secrets,
    client: Client,
}

impl SignedIn {
    async fn start() -> SignedIn {
        let h = Harness::start().await;
        let token_file = h.dir.path().join("secrets").join("tokens.json");
        let secrets = Secrets::File(token_file);
        let (access, refresh) = h.emu.control().mint_tokens();
        secrets.save_tokens(&tokens(access, refresh)).unwrap();
        secrets
            .save_app(&AppSecrets {
                client_id: "demo-client-id".into(),
                client_secret: ClientSecret::new("demo-client-secret"),
                redirect_uri: "https://localhost/oauth/callback".into(),
            })
            .unwrap();
        let client = file_client(&h.emu.base_url(), &secrets, h.dir.path());
        h.core.set_client(client.clone());
        SignedIn { h, secrets, client }
    }

    fn core(&self) -> &Core {
        &self.h.core
    }

    fn sign_out(&self, remove_offline_copy: bool, discard_unsent: bool) -> SignOut {
        SignOut {
            secrets: self.secrets.clone(),
            remove_offline_copy,
            discard_unsent,
        }
    }

    /// The database and its `-wal` and `-shm` files.
    fn database_files(&self) -> [PathBuf; 3] {
        let db = self.h.dir.path().join("ledgerline.sqlite3");
        let with = |suffix: &str| {
            let mut name = db.as_os_str().to_owned();
            name.push(suffix);
            PathBuf::from(name)
        };
        [db.clone(), with("-wal"), with("-shm")]
    }

    /// Syncs the owner's business into the mirror; returns it.
    async fn synced_owner(&self) -> UserBusiness {
        let owner = self.h.owner().await;
        let report = self.core().sync(Scope::Current, false).await.unwrap();
        assert!(report.ok(), "{report:?}");
        owner
    }
}

fn tokens(access: String, refresh: String) -> TokenSet {
    TokenSet {
        access_token: AccessToken::new(access),
        refresh_token: RefreshToken::new(refresh),
        expires_at: Utc::now() + TimeDelta::hours(12),
        scope: None,
    }
}

fn app() -> AppCredentials {
    AppCredentials {
        client_id: "demo-client-id".into(),
        client_secret: ClientSecret::new("demo-client-secret"),
        redirect_uri: "https://localhost/oauth/callback".parse().unwrap(),
    }
}

fn file_client(base: &str, secrets: &Secrets, data_dir: &Path) -> Client {
    let store = Arc::new(SecretTokenStore::for_data_dir(secrets.clone(), data_dir));
    let mut config = Config::with_urls(app(), base, base).unwrap();
    config.retry = RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(200),
    };
    Client::new(config, store).unwrap()
}

fn code_of(err: &ledgerline_core::Error) -> ErrorCode {
    err.to_payload().code
}

async fn states(core: &Core, b: &UserBusiness) -> Vec<OpState> {
    core.changes(b.business_id)
        .await
        .unwrap()
        .into_iter()
        .map(|q| q.state)
        .collect()
}

/// Signing out keeps the offline copy by default: the tokens are gone (memory and file), the
/// app's credentials stay, the running engine is stopped, and the mirror is still browsable.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_forgets_the_tokens_and_keeps_the_offline_copy_browsable() {
    let s = SignedIn::start().await;
    let b = s.synced_owner().await;
    let clients_before = s
        .core()
        .list_clients(b.business_id, ClientFilter::default())
        .await
        .unwrap();
    assert!(!clients_before.is_empty());
    s.core().start_engine().unwrap();

    let done = s.core().sign_out(s.sign_out(false, false)).await.unwrap();
    assert!(!done.offline_copy_removed);

    assert_eq!(
        s.secrets.tokens().unwrap(),
        None,
        "the token file forgot them"
    );
    assert!(
        s.secrets.app().unwrap().is_some(),
        "the app stays configured"
    );
    assert_eq!(s.client.tokens().await.unwrap(), None, "and the client too");
    let err = s.core().client().unwrap_err();
    assert_eq!(code_of(&err), ErrorCode::NotSignedIn);
    // A sync now says "sign in", through the stopped engine's fallback as well.
    let err = s.core().sync_now(Scope::Current, false).await.unwrap_err();
    assert!(err.needs_sign_in(), "{err}");
    // The offline copy: the same rows, read offline.
    for file in &s.database_files()[..1] {
        assert!(file.exists(), "{}", file.display());
    }
    let clients_after = s
        .core()
        .list_clients(b.business_id, ClientFilter::default())
        .await
        .unwrap();
    assert_eq!(clients_after, clients_before);
    assert_eq!(
        s.core()
            .current_business()
            .await
            .unwrap()
            .map(|m| m.business_id),
        Some(b.business_id)
    );
    // Signing in again works on the same core, engine included.
    let (access, refresh) = s.h.emu.control().mint_tokens();
    s.client.set_tokens(tokens(access, refresh)).await.unwrap();
    s.core().set_client(s.client.clone());
    s.core().start_engine().unwrap();
    let report = s.core().sync_now(Scope::Current, false).await.unwrap();
    assert!(report.ok(), "{report:?}");
    s.core().shutdown().await;
}

/// Removing the offline copy deletes the database and its `-wal` and `-shm`; the handle that
/// removed it (and its clones) fails clearly from then on instead of making an empty database
/// again; a new core on the same folder starts empty and signed out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_and_removing_the_offline_copy_leaves_nothing_and_the_next_core_starts_empty() {
    let s = SignedIn::start().await;
    let b = s.synced_owner().await;
    s.core().start_engine().unwrap();
    let clone = s.core().clone();
    for file in s.database_files() {
        assert!(file.exists(), "{}", file.display());
    }

    let done = s.core().sign_out(s.sign_out(true, false)).await.unwrap();
    assert!(done.offline_copy_removed);
    assert_eq!(done.discarded, 0);

    for file in s.database_files() {
        assert!(!file.exists(), "{} is left", file.display());
    }
    assert_eq!(s.secrets.tokens().unwrap(), None);
    assert!(s.secrets.app().unwrap().is_some());
    // The old handle and its clones refuse, and do not bring a database back.
    let err = clone.businesses().await.unwrap_err();
    assert_eq!(code_of(&err), ErrorCode::OfflineCopyRemoved, "{err}");
    let err = clone
        .create_client(b.business_id, new_client("After removal", None))
        .await
        .unwrap_err();
    assert_eq!(code_of(&err), ErrorCode::OfflineCopyRemoved, "{err}");
    for file in s.database_files() {
        assert!(!file.exists(), "{} came back", file.display());
    }
    s.core().shutdown().await;

    // A new core on the same folder: empty and signed out.
    let fresh = Core::open(ledgerline_core::CoreConfig {
        data_dir: s.h.dir.path().to_owned(),
        schedule: ledgerline_core::Schedule::default(),
    })
    .unwrap();
    assert!(fresh.businesses().await.unwrap().is_empty());
    assert!(fresh.current_business().await.unwrap().is_none());
    let client = file_client(&s.h.emu.base_url(), &s.secrets, s.h.dir.path());
    assert_eq!(client.tokens().await.unwrap(), None);
    fresh.set_client(client);
    let err = fresh.refresh_businesses().await.unwrap_err();
    assert!(err.needs_sign_in(), "{err}");
}

/// A change not yet in FreshBooks exists only in the offline copy: removal is refused while one
/// is unsent (here FreshBooks fails every request, so it waits), and the change, the sign-in, the
/// files and the background engine all stay; once the change is sent, removal goes ahead.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn removing_the_offline_copy_is_refused_while_changes_are_unsent_and_keeps_them() {
    let s = SignedIn::start().await;
    let b = s.synced_owner().await;
    s.h.emu.control().set_faults(Faults {
        server_error_per_mille: 1000,
        ..Faults::default()
    });
    s.core().start_engine().unwrap();
    s.core()
        .create_client(b.business_id, new_client("Not sent yet", None))
        .await
        .unwrap();

    let err = s
        .core()
        .sign_out(s.sign_out(true, false))
        .await
        .unwrap_err();
    assert_eq!(
        code_of(&err),
        ErrorCode::UnsentChanges { changes: 1 },
        "{err}"
    );
    for word in ["--", "ledgerline-cli"] {
        assert!(!err.to_string().contains(word), "{err}");
    }
    // Nothing was touched: the change, the sign-in, the files.
    let kept = states(s.core(), &b).await;
    assert!(
        kept.len() == 1 && kept[0] != OpState::Done && kept[0] != OpState::Undone,
        "{kept:?}"
    );
    assert!(s.secrets.tokens().unwrap().is_some(), "still signed in");
    assert!(s.core().client().is_ok());
    for file in &s.database_files()[..1] {
        assert!(file.exists());
    }
    // The engine runs again: FreshBooks back, it sends the change on its own.
    s.h.emu.control().clear_faults();
    s.core().network_changed(true).await;
    let mut sent = false;
    for _ in 0..1000 {
        if states(s.core(), &b).await == [OpState::Done] {
            sent = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(
        sent,
        "the engine did not send it: {:?}",
        states(s.core(), &b).await
    );
    let done = s.core().sign_out(s.sign_out(true, false)).await.unwrap();
    assert!(done.offline_copy_removed);
    s.core().shutdown().await;
}

/// The caller may discard unsent changes, but only by saying so: then the copy goes, changes
/// included.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn removing_the_offline_copy_discards_unsent_changes_only_when_told_to() {
    let s = SignedIn::start().await;
    let b = s.synced_owner().await;
    for name in ["Discard one", "Discard two"] {
        s.core()
            .create_client(b.business_id, new_client(name, None))
            .await
            .unwrap();
    }
    let done = s.core().sign_out(s.sign_out(true, true)).await.unwrap();
    assert!(done.offline_copy_removed);
    assert_eq!(done.discarded, 2);
    for file in s.database_files() {
        assert!(!file.exists(), "{} is left", file.display());
    }
    assert_eq!(s.secrets.tokens().unwrap(), None);
    let remote = crate::sync::remote(
        &crate::signed_in_client(&s.h.emu),
        &b,
        ledgerline_core::Entity::Clients,
    )
    .await;
    assert!(
        !remote
            .values()
            .any(|c| c["organization"] == json!("Discard one")),
        "nothing was sent"
    );
}

/// The child: another Ledgerline on the same data folder, syncing (its push holds the outbox).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trust_sign_out_child() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let spec: serde_json::Value = serde_json::from_str(&spec).unwrap();
    let store = Arc::new(MemoryTokenStore::with_tokens(tokens(
        spec["access"].as_str().unwrap().to_owned(),
        spec["refresh"].as_str().unwrap().to_owned(),
    )));
    let base = spec["base"].as_str().unwrap();
    let client = Client::new(Config::with_urls(app(), base, base).unwrap(), store).unwrap();
    let core = open_core(Path::new(spec["dir"].as_str().unwrap()), client);
    let report = core.sync(Scope::Current, false).await;
    println!("RESULT {}", report.map(|r| r.sent).unwrap_or(0));
}

/// Another Ledgerline (a second process) is sending this copy's changes: removal is refused with
/// its own error, even with the unsent changes discarded, so that process is never left writing
/// into a half-deleted database; once it is done, its change is in FreshBooks and the copy intact.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn removing_the_offline_copy_is_refused_while_another_process_sends_from_it() {
    let s = SignedIn::start().await;
    let b = s.synced_owner().await;
    s.core()
        .create_client(b.business_id, new_client("Sent by the other one", None))
        .await
        .unwrap();
    // Every answer takes a while, so the other process's push is caught holding the outbox.
    s.h.emu.control().set_latency(Duration::from_millis(1500));
    let (access, refresh) = s.h.emu.control().mint_tokens();
    let spec = json!({
        "dir": s.h.dir.path(),
        "base": s.h.emu.base_url(),
        "access": access,
        "refresh": refresh,
    });
    let exe = std::env::current_exe().unwrap();
    let child = tokio::task::spawn_blocking(move || {
        Command::new(exe)
            .args([
                "--exact",
                "trust_sign_out::trust_sign_out_child",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env(CHILD_ENV, spec.to_string())
            .stdin(Stdio::null())
            .stderr(Stdio::null())
            .output()
            .unwrap()
    });
    // Wait until the other process marks the change as being sent (it holds the outbox then).
    let mut sending = false;
    for _ in 0..3000 {
        if states(s.core(), &b).await == [OpState::Sending] {
            sending = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(sending, "the other process never started sending");

    let err = s.core().sign_out(s.sign_out(true, true)).await.unwrap_err();
    assert_eq!(code_of(&err), ErrorCode::OfflineCopyInUse, "{err}");
    s.h.emu.control().set_latency(Duration::ZERO);
    assert!(s.secrets.tokens().unwrap().is_some(), "still signed in");
    for file in &s.database_files()[..1] {
        assert!(file.exists());
    }

    let out = child.await.unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("RESULT 1"), "the other process: {stdout}");
    assert_eq!(states(s.core(), &b).await, [OpState::Done]);
    let store = ledgerline_core::Store::open_in(s.h.dir.path()).unwrap();
    assert_eq!(store.integrity_check().unwrap(), ["ok".to_owned()]);
}
