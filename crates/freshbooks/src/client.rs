//! [`Client`]: one signed-in FreshBooks user, cheap to clone, shared by every task.

use std::fmt;
use std::sync::Arc;

use chrono::Utc;
use ledgerline_model::entity::Identity;
use ledgerline_model::ids::{AccountId, BusinessId};

use crate::auth::oauth::{OAuth, SignInRequest, SignInState, code_from_redirect};
use crate::auth::store::TokenStore;
use crate::auth::token_set::TokenSet;
use crate::auth::tokens::Session;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::health::{Health, Pause, SignInHealth};
use crate::http::{self, Call};
use crate::limiter::{Limiter, LimiterStats};
use crate::raw::WithRaw;
use crate::resources::accounting::Accounting;
use crate::resources::business::BusinessScoped;
use crate::resources::{
    Clients, Estimates, Expenses, Invoices, Items, Payments, Projects, Services, Tasks, Taxes,
    TimeEntries,
};
use crate::wire::{self, identity::WireMe};

/// A FreshBooks client for one signed-in user (one token pair serves all of the user's
/// businesses). Clone it freely: clones share the session, so token refreshes stay
/// single-flight. Create one per signed-in user, never one per business.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) config: Config,
    pub(crate) http: reqwest::Client,
    pub(crate) oauth: OAuth,
    pub(crate) session: Session,
    /// Every request of every clone goes through it: one limit for the whole app.
    pub(crate) limiter: Limiter,
    /// The sign-in's health and any pause in force, as requests found them.
    pub(crate) health: Health,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("api_url", &self.inner.config.api_url.as_str())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `config`, persisting tokens through `store`. Nothing is sent yet.
    ///
    /// ```no_run
    /// # async fn demo() -> ledgerline_freshbooks::Result<()> {
    /// use std::sync::Arc;
    /// use ledgerline_freshbooks::{AppCredentials, ClientSecret, Client, Config, MemoryTokenStore};
    /// let app = AppCredentials {
    ///     client_id: "…".into(),
    ///     client_secret: ClientSecret::new("…"),
    ///     redirect_uri: "https://example.com/callback".parse().expect("a URL"),
    /// };
    /// let client = Client::new(Config::from_env(app)?, Arc::new(MemoryTokenStore::new()))?;
    /// let sign_in = client.sign_in_request();
    /// // … send the user to sign_in.url, read back the address they land on …
    /// client.finish_sign_in(&sign_in.state, "https://example.com/callback?code=…&state=…").await?;
    /// let me = client.me().await?;
    /// # Ok(()) }
    /// ```
    pub fn new(config: Config, store: Arc<dyn TokenStore>) -> Result<Self> {
        let http = reqwest::Client::builder()
            .user_agent(config.user_agent.clone())
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            // Never follow redirects: a redirected API call would carry the bearer token to
            // wherever it points, and OAuth endpoints must not redirect (oauth2-rs advice).
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|source| Error::Network { source })?;
        let oauth = OAuth::new(&config, http.clone())?;
        let limiter = Limiter::new(config.concurrency);
        Ok(Self {
            inner: Arc::new(Inner {
                config,
                http,
                oauth,
                session: Session::new(store),
                limiter,
                health: Health::default(),
            }),
        })
    }

    /// What the limit on requests in flight has done so far (shared by every clone).
    pub fn limiter_stats(&self) -> LimiterStats {
        self.inner.limiter.stats()
    }

    /// Whether the sign-in still works, as the last request found it (read from memory).
    pub fn sign_in_health(&self) -> SignInHealth {
        self.inner.health.sign_in()
    }

    /// Requests held back now (FreshBooks asked to slow down, or did not answer), and until
    /// when; `None` when requests go out as usual. Read from memory.
    pub fn pause(&self) -> Option<Pause> {
        self.inner.health.pause(Utc::now())
    }

    /// Changes each time a pause begins or ends: wait on it to tell a window at once.
    pub fn pauses(&self) -> tokio::sync::watch::Receiver<u64> {
        self.inner.health.pauses()
    }

    /// The configuration in force.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Starts a sign-in: FreshBooks' authorization URL with a fresh `state`. Keep the state
    /// until the browser comes back.
    pub fn sign_in_request(&self) -> SignInRequest {
        self.inner.oauth.sign_in_request()
    }

    /// Finishes a sign-in from the address the browser was sent back to (full URL or its query):
    /// checks the state, exchanges the code and saves the tokens to the store.
    pub async fn finish_sign_in(&self, state: &SignInState, redirected_to: &str) -> Result<()> {
        let code = code_from_redirect(state, redirected_to)?;
        let tokens = self.inner.oauth.exchange(&code, Utc::now()).await?;
        self.inner.session.install(tokens).await?;
        self.inner.health.set_sign_in(SignInHealth::Good);
        tracing::info!("signed in to FreshBooks");
        Ok(())
    }

    /// Installs tokens obtained elsewhere (e.g. minted by a test server), saving them first.
    pub async fn set_tokens(&self, tokens: TokenSet) -> Result<()> {
        self.inner.session.install(tokens).await?;
        self.inner.health.set_sign_in(SignInHealth::Good);
        Ok(())
    }

    /// The current tokens, from memory or the store.
    pub async fn tokens(&self) -> Result<Option<TokenSet>> {
        self.inner.session.tokens().await
    }

    /// Whether tokens are present (they may still turn out revoked).
    pub async fn is_signed_in(&self) -> Result<bool> {
        Ok(self.tokens().await?.is_some())
    }

    /// Forgets the tokens, here and in the store.
    pub async fn sign_out(&self) -> Result<()> {
        self.inner.session.clear().await?;
        self.inner.health.set_sign_in(SignInHealth::SignedOut);
        Ok(())
    }

    /// The signed-in user and their businesses (`GET /auth/api/v1/users/me`).
    pub async fn me(&self) -> Result<Identity> {
        Ok(self.me_with_raw().await?.record)
    }

    /// [`Client::me`], with FreshBooks' JSON.
    pub async fn me_with_raw(&self) -> Result<WithRaw<Identity>> {
        let call = Call::get("/auth/api/v1/users/me".to_owned(), Vec::new());
        let body = self.execute(&call).await?;
        let raw = body.get("response").cloned().ok_or_else(|| Error::Decode {
            operation: call.operation(),
            path: "response".into(),
            message: "missing".into(),
        })?;
        let me: WireMe = wire::decode(&raw, &call.operation(), "response")?;
        Ok(WithRaw {
            record: me.into_model(),
            raw,
        })
    }

    /// Clients of a business (accounting).
    pub fn clients(&self, account: &AccountId) -> Accounting<Clients> {
        Accounting::new(self.clone(), account.clone())
    }

    /// Invoices of a business (accounting).
    pub fn invoices(&self, account: &AccountId) -> Accounting<Invoices> {
        Accounting::new(self.clone(), account.clone())
    }

    /// Estimates of a business (accounting).
    pub fn estimates(&self, account: &AccountId) -> Accounting<Estimates> {
        Accounting::new(self.clone(), account.clone())
    }

    /// Payments of a business (accounting).
    pub fn payments(&self, account: &AccountId) -> Accounting<Payments> {
        Accounting::new(self.clone(), account.clone())
    }

    /// Expenses of a business (accounting).
    pub fn expenses(&self, account: &AccountId) -> Accounting<Expenses> {
        Accounting::new(self.clone(), account.clone())
    }

    /// Taxes of a business (accounting).
    pub fn taxes(&self, account: &AccountId) -> Accounting<Taxes> {
        Accounting::new(self.clone(), account.clone())
    }

    /// Items of a business (accounting).
    pub fn items(&self, account: &AccountId) -> Accounting<Items> {
        Accounting::new(self.clone(), account.clone())
    }

    /// Accounting tasks of a business.
    pub fn tasks(&self, account: &AccountId) -> Accounting<Tasks> {
        Accounting::new(self.clone(), account.clone())
    }

    /// Projects of a business (projects family; keyed by the integer business id).
    pub fn projects(&self, business: BusinessId) -> BusinessScoped<Projects> {
        BusinessScoped::new(self.clone(), business)
    }

    /// Time entries of a business (time tracking; keyed by the integer business id).
    pub fn time_entries(&self, business: BusinessId) -> BusinessScoped<TimeEntries> {
        BusinessScoped::new(self.clone(), business)
    }

    /// Services and their rates (comments family; keyed by the integer business id).
    pub fn services(&self, business: BusinessId) -> BusinessScoped<Services> {
        BusinessScoped::new(self.clone(), business)
    }

    pub(crate) async fn execute(&self, call: &Call) -> Result<serde_json::Value> {
        http::execute(&self.inner, call).await
    }

    /// Sends a document read and returns the document's bytes.
    pub(crate) async fn execute_document(&self, call: &Call) -> Result<Vec<u8>> {
        http::execute_document(&self.inner, call).await
    }

    /// [`Client::execute`], with the instant the answer's `Date` header gives (FreshBooks' clock).
    pub(crate) async fn execute_dated(
        &self,
        call: &Call,
    ) -> Result<(serde_json::Value, Option<chrono::DateTime<chrono::Utc>>)> {
        http::execute_dated(&self.inner, call).await
    }
}
