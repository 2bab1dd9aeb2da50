//! [`Config`]: where FreshBooks is, who we are ([`AppCredentials`]), timeouts and retry policy.

use std::time::Duration;

use url::Url;

use crate::error::{Error, Result};
use crate::limiter::Concurrency;
use crate::secret::ClientSecret;

/// FreshBooks' API host.
pub const DEFAULT_API_URL: &str = "https://api.freshbooks.com";
/// FreshBooks' authorization page host.
pub const DEFAULT_AUTH_URL: &str = "https://auth.freshbooks.com";
/// How many list pages the all-pages stream (`stream()`) asks for at once after the first page
/// reveals how many there are. The core's sync does not use that stream: it pages itself, as far
/// ahead as the client's limiter allows ([`crate::limiter`]), which every request passes
/// through whoever asks; this only bounds one stream's own look-ahead.
pub const DEFAULT_PAGE_CONCURRENCY: usize = 2;
/// FreshBooks silently caps `per_page` at 100; asking for more gives 100 without warning.
pub const MAX_PER_PAGE: u32 = 100;

/// The FreshBooks app Ledgerline signs in as (from FreshBooks' developer portal).
#[derive(Debug, Clone)]
pub struct AppCredentials {
    /// The app's client id.
    pub client_id: String,
    /// The app's client secret (FreshBooks has no public-client mode).
    pub client_secret: ClientSecret,
    /// The registered redirect URI (HTTPS, no query string).
    pub redirect_uri: Url,
}

/// How reads are retried on 429 and 5xx. Writes are never retried blindly.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// The first backoff; doubled on each retry, with jitter.
    pub base_delay: Duration,
    /// No single wait is longer than this. A `Retry-After` longer than this is not waited for:
    /// the error goes back to the caller, who can schedule the retry.
    pub max_delay: Duration,
}

impl RetryPolicy {
    /// Five attempts, from half a second up to thirty seconds.
    pub fn standard() -> Self {
        Self {
            max_attempts: 5,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
        }
    }
}

/// Everything the client needs to know before its first request.
#[derive(Debug, Clone)]
pub struct Config {
    /// API base, e.g. `https://api.freshbooks.com`.
    pub api_url: Url,
    /// Authorization page base, e.g. `https://auth.freshbooks.com`.
    pub auth_url: Url,
    /// The app's credentials.
    pub app: AppCredentials,
    /// Scopes to ask for; empty means the app's registered scopes.
    pub scopes: Vec<String>,
    /// The User-Agent sent on every request.
    pub user_agent: String,
    /// Time allowed to open a connection.
    pub connect_timeout: Duration,
    /// Time allowed for a whole request, body included.
    pub request_timeout: Duration,
    /// Refresh the access token this long before it expires.
    pub refresh_margin: Duration,
    /// List pages fetched at once after the first; see [`DEFAULT_PAGE_CONCURRENCY`].
    pub page_concurrency: usize,
    /// Requests in flight at once across the whole client, and how that adapts to throttling;
    /// see [`crate::limiter`].
    pub concurrency: Concurrency,
    /// Retry policy for reads.
    pub retry: RetryPolicy,
}

/// The scopes Ledgerline asks for: what it reads and writes, and nothing more
/// (over-asking lowers consent, and changing scopes later forces everyone to sign in again).
/// `user:profile:read` covers `/users/me`; `billable_items` covers items and tasks. Team and
/// business scopes are left out until a feature needs them.
pub const SCOPES: &[&str] = &[
    "user:profile:read",
    "user:clients:read",
    "user:clients:write",
    "user:invoices:read",
    "user:invoices:write",
    "user:time_entries:read",
    "user:time_entries:write",
    "user:projects:read",
    "user:projects:write",
    "user:payments:read",
    "user:expenses:read",
    "user:taxes:read",
    "user:estimates:read",
    "user:billable_items:read",
];

impl Config {
    /// FreshBooks' own hosts, or those named by `FRESHBOOKS_API_URL` and `FRESHBOOKS_AUTH_URL`
    /// (the variables FreshBooks' SDKs read), with Ledgerline's defaults for the rest.
    pub fn from_env(app: AppCredentials) -> Result<Self> {
        let api = std::env::var("FRESHBOOKS_API_URL").ok();
        let auth = std::env::var("FRESHBOOKS_AUTH_URL").ok();
        Self::with_urls(
            app,
            api.as_deref().unwrap_or(DEFAULT_API_URL),
            auth.as_deref().unwrap_or(DEFAULT_AUTH_URL),
        )
    }

    /// Explicit hosts (e.g. an emulator's address for both), with defaults for the rest.
    pub fn with_urls(app: AppCredentials, api_url: &str, auth_url: &str) -> Result<Self> {
        Ok(Self {
            api_url: parse_base(api_url, "FRESHBOOKS_API_URL")?,
            auth_url: parse_base(auth_url, "FRESHBOOKS_AUTH_URL")?,
            app,
            scopes: SCOPES.iter().map(|s| (*s).to_owned()).collect(),
            user_agent: format!("Ledgerline/{}", env!("CARGO_PKG_VERSION")),
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
            refresh_margin: Duration::from_secs(5 * 60),
            page_concurrency: DEFAULT_PAGE_CONCURRENCY,
            concurrency: Concurrency::standard(),
            retry: RetryPolicy::standard(),
        })
    }
}

/// Parses a base URL and makes sure joining paths onto it keeps its own path.
fn parse_base(raw: &str, name: &'static str) -> Result<Url> {
    let mut url = Url::parse(raw.trim()).map_err(|_| Error::Config {
        setting: name,
        problem: format!("“{raw}” is not a URL"),
    })?;
    if url.cannot_be_a_base() || !matches!(url.scheme(), "http" | "https") {
        return Err(Error::Config {
            setting: name,
            problem: format!("“{raw}” is not an http(s) address"),
        });
    }
    let path = url.path().trim_end_matches('/').to_owned();
    url.set_path(&path);
    url.set_query(None);
    Ok(url)
}

/// Joins an absolute API path (`/accounting/…`) onto a base, keeping any path prefix of the base.
pub(crate) fn join(base: &Url, path: &str) -> Url {
    let mut url = base.clone();
    let prefix = base.path().trim_end_matches('/');
    url.set_path(&format!("{prefix}{path}"));
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> AppCredentials {
        AppCredentials {
            client_id: "id".into(),
            client_secret: ClientSecret::new("s"),
            redirect_uri: Url::parse("https://example.com/cb").unwrap(),
        }
    }

    #[test]
    fn joins_paths_under_a_prefix() {
        let c = Config::with_urls(app(), "http://127.0.0.1:9/fb/", "http://127.0.0.1:9").unwrap();
        assert_eq!(
            join(&c.api_url, "/auth/api/v1/users/me").as_str(),
            "http://127.0.0.1:9/fb/auth/api/v1/users/me"
        );
        assert!(c.user_agent.starts_with("Ledgerline/"));
    }

    #[test]
    fn refuses_non_urls() {
        let err = Config::with_urls(app(), "not a url", DEFAULT_AUTH_URL).unwrap_err();
        assert!(err.to_string().contains("FRESHBOOKS_API_URL"));
    }
}
