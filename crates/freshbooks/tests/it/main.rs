//! One integration binary: the client against the FreshBooks emulator, in process on port 0.
//!
//! Each test starts its own emulator (seeded, deterministic), so tests never share state.

mod auth;
mod errors;
mod hardening;
mod invoice_delivery;
mod logs;
mod paging;
mod resources;
mod retries;

use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeDelta, Utc};
use freshbooks_emulator::{Config as EmuConfig, DemoBusiness, Emulator};
use ledgerline_freshbooks::{
    AccessToken, AppCredentials, Client, ClientSecret, Config, MemoryTokenStore, RefreshToken,
    RetryPolicy, TokenSet,
};
use ledgerline_model::ids::{AccountId, BusinessId};

/// A running emulator and a client signed in to it.
pub struct Harness {
    pub emu: Emulator,
    pub client: Client,
    pub store: Arc<MemoryTokenStore>,
}

impl Harness {
    /// An emulator with the test seed and a client holding freshly minted tokens.
    pub async fn start() -> Self {
        Self::start_with(EmuConfig::for_tests()).await
    }

    pub async fn start_with(emu_config: EmuConfig) -> Self {
        let emu = Emulator::start(emu_config).await.expect("emulator starts");
        let (access, refresh) = emu.control().mint_tokens();
        let store = Arc::new(MemoryTokenStore::with_tokens(TokenSet {
            access_token: AccessToken::new(access),
            refresh_token: RefreshToken::new(refresh),
            expires_at: Utc::now() + TimeDelta::hours(12),
            scope: None,
        }));
        let client = Client::new(config(&emu.base_url()), store.clone()).expect("client builds");
        Self { emu, client, store }
    }

    /// The owner's business (writable), CAD.
    pub fn owner(&self) -> DemoBusiness {
        self.business("owner")
    }

    pub fn business(&self, role: &str) -> DemoBusiness {
        self.emu
            .control()
            .demo_identity()
            .businesses
            .into_iter()
            .find(|b| b.role == role)
            .expect("demo business with that role")
    }

    pub fn count(&self, key: &str) -> u64 {
        self.emu.control().request_count(key)
    }
}

/// The emulator's default app.
pub fn app() -> AppCredentials {
    AppCredentials {
        client_id: "demo-client-id".into(),
        client_secret: ClientSecret::new("demo-client-secret"),
        redirect_uri: "https://localhost/oauth/callback".parse().expect("a URL"),
    }
}

/// A client config for the emulator at `base`, with quick retries so tests stay fast.
pub fn config(base: &str) -> Config {
    logs::init();
    let mut config = Config::with_urls(app(), base, base).expect("emulator URL");
    config.retry = RetryPolicy {
        max_attempts: 4,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_secs(2),
    };
    config.request_timeout = Duration::from_secs(3);
    config
}

pub fn account(business: &DemoBusiness) -> AccountId {
    AccountId::from(business.account_id.as_str())
}

pub fn business_id(business: &DemoBusiness) -> BusinessId {
    BusinessId(business.business_id)
}
