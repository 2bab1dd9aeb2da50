//! One integration binary: the core against the FreshBooks emulator, in process on port 0, with a
//! real temp-file database.
// Helpers outside #[test] functions too: a failed unwrap there is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod concurrency;
mod conflicts;
mod crash;
mod drafting;
mod drafting_review;
mod drafting_wizard;
mod engine;
mod invoices;
mod outbox;
mod screens;
mod signin;
mod sync;
mod sync_page;
mod trust_extras;
mod trust_leftovers;
mod trust_mirror;
mod trust_outbox;
mod trust_sign_out;
mod trust_storage;
mod trust_sync;

use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeDelta, Utc};
use freshbooks_emulator::{Config as EmuConfig, Emulator};
use ledgerline_core::{Core, CoreConfig, Schedule};
use ledgerline_freshbooks::{
    AccessToken, AppCredentials, Client, ClientSecret, Config, MemoryTokenStore, RefreshToken,
    RetryPolicy, TokenSet,
};
use ledgerline_model::entity::UserBusiness;

/// A running emulator and a core signed in to it, on a fresh data directory.
pub struct Harness {
    pub emu: Emulator,
    pub core: Core,
    pub client: Client,
    pub dir: tempfile::TempDir,
}

impl Harness {
    pub async fn start() -> Self {
        Self::start_with(EmuConfig::for_tests()).await
    }

    /// The emulator's day is pinned to today's (unless `emu_config` pins one): tests compare
    /// the mirror with what the emulator answers later, and an invoice due yesterday must not
    /// turn overdue in between because midnight passed in US/Eastern.
    pub async fn start_with(emu_config: EmuConfig) -> Self {
        let emu = Emulator::start(emu_config.with_today_pinned())
            .await
            .expect("emulator starts");
        let client = signed_in_client(&emu);
        let dir = tempfile::tempdir().expect("temp dir");
        let core = open_core(dir.path(), client.clone());
        Self {
            emu,
            core,
            client,
            dir,
        }
    }

    /// The user's businesses, refreshed from the emulator.
    pub async fn businesses(&self) -> Vec<UserBusiness> {
        self.core.refresh_businesses().await.expect("businesses")
    }

    /// The owner's (writable) business, made current.
    pub async fn owner(&self) -> UserBusiness {
        self.businesses().await;
        let owner = self
            .emu
            .control()
            .demo_identity()
            .businesses
            .into_iter()
            .find(|b| b.role == "owner")
            .expect("owner");
        self.core
            .use_business(&owner.business_id.to_string())
            .await
            .expect("use")
    }
}

/// A core on `dir` using `client`.
pub fn open_core(dir: &std::path::Path, client: Client) -> Core {
    let core = Core::open(CoreConfig {
        data_dir: dir.to_owned(),
        schedule: Schedule::default(),
    })
    .expect("core opens");
    core.set_client(client);
    core
}

/// A client holding freshly minted tokens, with quick retries so tests stay fast.
pub fn signed_in_client(emu: &Emulator) -> Client {
    let (access, refresh) = emu.control().mint_tokens();
    let store = Arc::new(MemoryTokenStore::with_tokens(TokenSet {
        access_token: AccessToken::new(access),
        refresh_token: RefreshToken::new(refresh),
        expires_at: Utc::now() + TimeDelta::hours(12),
        scope: None,
    }));
    let app = AppCredentials {
        client_id: "demo-client-id".into(),
        client_secret: ClientSecret::new("demo-client-secret"),
        redirect_uri: "https://localhost/oauth/callback".parse().expect("a URL"),
    };
    let mut config =
        Config::with_urls(app, &emu.base_url(), &emu.base_url()).expect("emulator URL");
    config.retry = RetryPolicy {
        max_attempts: 4,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(200),
    };
    config.request_timeout = Duration::from_secs(3);
    Client::new(config, store).expect("client builds")
}
