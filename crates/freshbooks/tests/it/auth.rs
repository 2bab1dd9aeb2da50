//! Sign-in with state, token rotation (the new pair saved first), single-flight refresh,
//! refresh ahead of expiry, and revoked tokens.

use std::sync::{Arc, Mutex};

use chrono::{TimeDelta, Utc};
use freshbooks_emulator::{Config as EmuConfig, Emulator};
use futures::future::BoxFuture;
use ledgerline_freshbooks::{
    AccessToken, Client, Error, MemoryTokenStore, RefreshToken, SignInState, StoreError, TokenSet,
    TokenStore,
};

use crate::{Harness, config};

const TOKEN: &str = "POST /auth/oauth/token";
const ME: &str = "GET /auth/api/v1/users/me";

/// Follows FreshBooks' authorization page (the emulator auto-approves) and returns the address
/// the browser would have been sent back to.
async fn authorize(url: &url::Url) -> String {
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("browser");
    let answer = browser
        .get(url.clone())
        .send()
        .await
        .expect("authorize page");
    assert!(answer.status().is_redirection(), "{}", answer.status());
    answer
        .headers()
        .get(reqwest::header::LOCATION)
        .expect("a redirect")
        .to_str()
        .expect("ASCII")
        .to_owned()
}

async fn signed_out() -> (Emulator, Client, Arc<MemoryTokenStore>) {
    let emu = Emulator::start(EmuConfig::for_tests())
        .await
        .expect("emulator");
    let store = Arc::new(MemoryTokenStore::new());
    let client = Client::new(config(&emu.base_url()), store.clone()).expect("client");
    (emu, client, store)
}

#[tokio::test]
async fn sign_in_with_state_then_identity() {
    let (emu, client, store) = signed_out().await;
    assert!(matches!(client.me().await, Err(Error::NotSignedIn)));

    let request = client.sign_in_request();
    let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let get = |k: &str| {
        query
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(request.url.path(), "/oauth/authorize");
    assert_eq!(get("response_type").as_deref(), Some("code"));
    assert_eq!(get("client_id").as_deref(), Some("demo-client-id"));
    assert_eq!(
        get("redirect_uri").as_deref(),
        Some("https://localhost/oauth/callback")
    );
    assert_eq!(get("state").as_deref(), Some(request.state.secret()));
    assert!(
        get("scope")
            .expect("scopes")
            .split(' ')
            .any(|s| s == "user:profile:read")
    );
    // Each sign-in gets a fresh state.
    assert_ne!(client.sign_in_request().state, request.state);

    let landed = authorize(&request.url).await;
    client
        .finish_sign_in(&request.state, &landed)
        .await
        .expect("signed in");
    let saved = store.current().expect("tokens saved");
    assert!(saved.expires_at > Utc::now() + TimeDelta::hours(11));

    let me = client.me().await.expect("identity");
    assert_eq!(me.memberships.len(), 3);
    let owner = me
        .memberships
        .iter()
        .find(|m| m.role == ledgerline_model::entity::Role::Owner)
        .expect("owner membership");
    let demo = emu.control().demo_identity();
    let demo_owner = demo
        .businesses
        .iter()
        .find(|b| b.role == "owner")
        .expect("owner");
    assert_eq!(owner.business.id.get(), demo_owner.business_id);
    assert_eq!(
        owner.business.account_id.as_ref().map(|a| a.as_str()),
        Some(demo_owner.account_id.as_str())
    );
    assert_eq!(me.identity_id.get(), demo.identity_id);
    emu.shutdown().await;
}

#[tokio::test]
async fn wrong_state_is_refused_and_nothing_is_saved() {
    let (emu, client, store) = signed_out().await;
    let request = client.sign_in_request();
    let landed = authorize(&request.url).await;
    let forged = SignInState::new("not-the-state-we-sent");
    let err = client.finish_sign_in(&forged, &landed).await.unwrap_err();
    assert!(matches!(err, Error::StateMismatch), "{err:?}");
    assert!(err.needs_sign_in());
    assert!(store.current().is_none());
    assert_eq!(
        emu.control().request_count(TOKEN),
        0,
        "the code was never sent"
    );
    // A denied consent comes back as an error, state checked first.
    let denied = format!(
        "https://localhost/oauth/callback?error=access_denied&state={}",
        request.state.secret()
    );
    let err = client
        .finish_sign_in(&request.state, &denied)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::SignInFailed { .. }), "{err:?}");
    emu.shutdown().await;
}

/// A store that can be made to fail, and records what the API had seen when it saved.
struct WatchingStore {
    inner: MemoryTokenStore,
    fail: Mutex<bool>,
    emu: freshbooks_emulator::Control,
    me_calls_at_save: Mutex<Vec<u64>>,
}

impl TokenStore for WatchingStore {
    fn load(&self) -> BoxFuture<'_, Result<Option<TokenSet>, StoreError>> {
        self.inner.load()
    }

    fn save<'a>(&'a self, tokens: &'a TokenSet) -> BoxFuture<'a, Result<(), StoreError>> {
        let fail = *self.fail.lock().expect("lock");
        if let Ok(mut seen) = self.me_calls_at_save.lock() {
            seen.push(self.emu.request_count(ME));
        }
        if fail {
            Box::pin(async { Err::<(), StoreError>("keyring locked".into()) })
        } else {
            self.inner.save(tokens)
        }
    }

    fn clear(&self) -> BoxFuture<'_, Result<(), StoreError>> {
        self.inner.clear()
    }
}

#[tokio::test]
async fn rotation_saves_the_new_pair_before_using_it_and_kills_the_old_one() {
    let emu = Emulator::start(EmuConfig::for_tests())
        .await
        .expect("emulator");
    let control = emu.control();
    let (access, refresh) = control.mint_tokens();
    let original = TokenSet {
        access_token: AccessToken::new(access),
        refresh_token: RefreshToken::new(refresh),
        expires_at: Utc::now() + TimeDelta::hours(12),
        scope: None,
    };
    let store = Arc::new(WatchingStore {
        inner: MemoryTokenStore::with_tokens(original.clone()),
        fail: Mutex::new(true),
        emu: control.clone(),
        me_calls_at_save: Mutex::new(Vec::new()),
    });
    let client = Client::new(config(&emu.base_url()), store.clone()).expect("client");

    control.expire_access_tokens();
    // The store refuses to save: the new pair must not be used, so the call fails after
    // exactly one (refused) request.
    let err = client.me().await.unwrap_err();
    assert!(matches!(err, Error::TokenStore { .. }), "{err:?}");
    assert_eq!(control.request_count(ME), 1);
    assert_eq!(control.request_count(TOKEN), 1);

    // The store recovers: the pair kept in memory is saved before its first use, no second
    // refresh is spent.
    *store.fail.lock().expect("lock") = false;
    client
        .me()
        .await
        .expect("identity after the save succeeded");
    assert_eq!(control.request_count(TOKEN), 1);
    assert_eq!(control.request_count(ME), 2);
    assert_eq!(*store.me_calls_at_save.lock().expect("lock"), vec![1, 1]);
    let rotated = store.inner.current().expect("saved");
    assert_ne!(rotated.refresh_token, original.refresh_token);
    assert_ne!(rotated.access_token, original.access_token);

    // The old refresh token is dead: a second client still holding it is signed out.
    let stale = Client::new(
        config(&emu.base_url()),
        Arc::new(MemoryTokenStore::with_tokens(TokenSet {
            expires_at: Utc::now() - TimeDelta::minutes(1),
            ..original
        })),
    )
    .expect("client");
    let err = stale.me().await.unwrap_err();
    assert!(matches!(err, Error::TokenRevoked { .. }), "{err:?}");
    assert!(err.needs_sign_in());
    emu.shutdown().await;
}

#[tokio::test]
async fn concurrent_401s_refresh_once() {
    let h = Harness::start().await;
    h.emu.control().expire_access_tokens();
    let calls = (0..8).map(|_| {
        let client = h.client.clone();
        tokio::spawn(async move { client.me().await })
    });
    for call in futures::future::join_all(calls).await {
        call.expect("task").expect("identity");
    }
    assert_eq!(h.count(TOKEN), 1, "single-flight refresh");
    h.emu.shutdown().await;
}

#[tokio::test]
async fn refreshes_ahead_of_expiry_without_a_401() {
    let h = Harness::start().await;
    let mut tokens = h.store.current().expect("tokens");
    // Expires within the refresh margin (5 minutes).
    tokens.expires_at = Utc::now() + TimeDelta::minutes(2);
    h.client
        .set_tokens(tokens.clone())
        .await
        .expect("installed");
    h.client.me().await.expect("identity");
    assert_eq!(h.count(TOKEN), 1);
    assert_eq!(h.count(ME), 1, "no request was refused first");
    let now = h.store.current().expect("tokens");
    assert_ne!(now.refresh_token, tokens.refresh_token);
    assert!(now.expires_at > Utc::now() + TimeDelta::hours(11));
    h.emu.shutdown().await;
}

#[tokio::test]
async fn another_process_rotating_the_store_is_adopted() {
    let h = Harness::start().await;
    // "Another process" refreshes with the shared store, then this one's access token expires.
    let other = Client::new(config(&h.emu.base_url()), h.store.clone()).expect("client");
    let mut aged = h.store.current().expect("tokens");
    aged.expires_at = Utc::now() - TimeDelta::minutes(1);
    h.client.set_tokens(aged.clone()).await.expect("installed");
    other.set_tokens(aged).await.expect("installed");
    other.me().await.expect("the other process refreshes");
    assert_eq!(h.count(TOKEN), 1);
    // This client's pair is stale (its refresh token is spent); it adopts the stored pair.
    h.client.me().await.expect("adopted");
    assert_eq!(h.count(TOKEN), 1, "no second refresh was spent");
    h.emu.shutdown().await;
}

#[tokio::test]
async fn sign_out_forgets_tokens() {
    let h = Harness::start().await;
    assert!(h.client.is_signed_in().await.expect("store"));
    h.client.sign_out().await.expect("signed out");
    assert!(h.store.current().is_none());
    assert!(matches!(h.client.me().await, Err(Error::NotSignedIn)));
    h.emu.shutdown().await;
}

#[tokio::test]
async fn wrong_app_secret_is_reported_as_such() {
    let emu = Emulator::start(EmuConfig::for_tests())
        .await
        .expect("emulator");
    let mut cfg = config(&emu.base_url());
    cfg.app.client_secret = ledgerline_freshbooks::ClientSecret::new("not-the-secret");
    let client = Client::new(cfg, Arc::new(MemoryTokenStore::new())).expect("client");
    let request = client.sign_in_request();
    let landed = authorize(&request.url).await;
    let err = client
        .finish_sign_in(&request.state, &landed)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::AppRejected { .. }), "{err:?}");
    // Says what to check, in words for any front end (the CLI adds its variable names).
    assert!(err.to_string().contains("client id, secret"), "{err}");
    assert_eq!(
        err.to_payload().code,
        ledgerline_model::error::ErrorCode::AppRejected
    );
    emu.shutdown().await;
}

#[tokio::test]
async fn a_refresh_whose_caller_gives_up_still_saves_the_new_pair() {
    let h = Harness::start().await;
    let old = h.store.current().expect("tokens");
    h.store
        .save(&TokenSet {
            expires_at: Utc::now() - TimeDelta::minutes(1),
            ..old.clone()
        })
        .await
        .expect("saved");
    // FreshBooks is slow; the caller (a cancelled sync, a timeout) stops waiting while the
    // refresh is in flight. FreshBooks rotates the pair anyway.
    h.emu
        .control()
        .set_latency(std::time::Duration::from_millis(300));
    let gave_up = tokio::time::timeout(std::time::Duration::from_millis(100), h.client.me()).await;
    assert!(gave_up.is_err(), "the call should still be in flight");
    tokio::time::sleep(std::time::Duration::from_millis(700)).await;
    assert_eq!(h.count(TOKEN), 1);
    let saved = h.store.current().expect("tokens");
    assert_ne!(
        saved.refresh_token, old.refresh_token,
        "the rotated pair must reach the store even though its caller went away"
    );
    h.emu.control().set_latency(std::time::Duration::ZERO);
    h.client.me().await.expect("still signed in");
    h.emu.shutdown().await;
}

#[tokio::test]
async fn concurrent_callers_of_an_expiring_token_refresh_once_even_if_some_give_up() {
    let h = Harness::start().await;
    let mut tokens = h.store.current().expect("tokens");
    tokens.expires_at = Utc::now() - TimeDelta::minutes(1);
    h.client.set_tokens(tokens).await.expect("installed");
    h.emu
        .control()
        .set_latency(std::time::Duration::from_millis(150));
    // Half the callers stop waiting while the refresh is in flight; the rest carry on.
    let calls = (0..8).map(|n| {
        let client = h.client.clone();
        tokio::spawn(async move {
            if n % 2 == 0 {
                let _ =
                    tokio::time::timeout(std::time::Duration::from_millis(50), client.me()).await;
                Ok(None)
            } else {
                client.me().await.map(Some)
            }
        })
    });
    for call in futures::future::join_all(calls).await {
        call.expect("task").expect("identity");
    }
    assert_eq!(h.count(TOKEN), 1, "single-flight refresh");
    h.emu.control().set_latency(std::time::Duration::ZERO);
    h.client.me().await.expect("still signed in");
    assert_eq!(h.count(TOKEN), 1);
    h.emu.shutdown().await;
}
