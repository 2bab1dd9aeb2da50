//! The one `send` path: bearer token, refresh-and-retry-once on 401, errors read from status
//! *and* body, and the retry policy (reads only).
//!
//! Retry rules, and why:
//! - Reads (GET) are retried on 429, 5xx and network failures, with exponential backoff and
//!   full jitter, honouring a `Retry-After` when one comes (FreshBooks documents none). A
//!   `Retry-After` longer than the policy's cap is not slept through: the error goes back to
//!   the caller, who can schedule the retry without holding a task.
//! - Writes are never retried here. FreshBooks has no idempotency keys, so a write whose answer
//!   was lost comes back as [`Error::OutcomeUnknown`] for the caller to reconcile; a 429 on a
//!   write comes back as [`Error::RateLimited`] (FreshBooks refused it before applying it).
//! - A 401 triggers at most one refresh and one retry, writes included: FreshBooks refused the
//!   request before doing anything with it.

use std::time::Duration;

use chrono::Utc;
use rand::Rng;
use reqwest::Method;
use reqwest::header::{ACCEPT, HeaderMap, RETRY_AFTER};
use serde_json::Value;

use crate::client::Inner;
use crate::config::{RetryPolicy, join};
use crate::error::{Error, Result};
use crate::secret::AccessToken;
use crate::wire::errors::{Failure, classify};

/// One API request, described before it is sent (so it can be sent again).
#[derive(Debug, Clone)]
pub(crate) struct Call {
    pub(crate) method: Method,
    /// The absolute API path, e.g. `/accounting/account/zDmNq/users/clients`.
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) body: Option<Value>,
}

impl Call {
    pub(crate) fn get(path: String, query: Vec<(String, String)>) -> Self {
        Self {
            method: Method::GET,
            path,
            query,
            body: None,
        }
    }

    pub(crate) fn write(method: Method, path: String, body: Option<Value>) -> Self {
        Self {
            method,
            path,
            query: Vec::new(),
            body,
        }
    }

    pub(crate) fn with_query(mut self, query: Vec<(String, String)>) -> Self {
        self.query = query;
        self
    }

    fn is_write(&self) -> bool {
        self.method != Method::GET
    }

    pub(crate) fn operation(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// Sends a call and returns its JSON body (`null` for an empty success).
pub(crate) async fn execute(inner: &Inner, call: &Call) -> Result<Value> {
    let config = &inner.config;
    let mut token = inner
        .session
        .access_token(&inner.oauth, Utc::now(), config.refresh_margin)
        .await?;
    let mut refreshed = false;
    let mut attempt: u32 = 0;
    loop {
        attempt += 1;
        match send_once(inner, call, &token).await {
            Ok(value) => return Ok(value),
            Err(Failure::Unauthorized(message)) => {
                if refreshed {
                    return Err(Error::TokenRevoked { message });
                }
                refreshed = true;
                attempt -= 1;
                token = inner
                    .session
                    .after_unauthorized(&inner.oauth, &token, Utc::now())
                    .await?;
            }
            Err(Failure::Error(err)) => {
                let retry =
                    !call.is_write() && err.is_retryable() && attempt < config.retry.max_attempts;
                let delay = if retry {
                    backoff(&config.retry, attempt, err.retry_after())
                } else {
                    None
                };
                let Some(delay) = delay else {
                    return Err(err);
                };
                tracing::warn!(
                    method = %call.method,
                    path = %call.path,
                    attempt,
                    delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                    error = %err,
                    "retrying a FreshBooks read"
                );
                tokio::time::sleep(delay).await;
            }
        }
    }
}

/// The wait before retry number `attempt` (1-based count of attempts made so far), or `None`
/// when FreshBooks asked for a longer wait than the policy allows.
pub(crate) fn backoff(
    policy: &RetryPolicy,
    attempt: u32,
    retry_after: Option<Duration>,
) -> Option<Duration> {
    if let Some(wait) = retry_after {
        return (wait <= policy.max_delay).then_some(wait);
    }
    let exp = policy
        .base_delay
        .saturating_mul(
            1u32.checked_shl(attempt.saturating_sub(1))
                .unwrap_or(u32::MAX),
        )
        .min(policy.max_delay);
    // Full jitter in [exp/2, exp]: spreads out clients that were refused together.
    let half = exp / 2;
    let jitter_ms = rand::rng().random_range(0..=u64::try_from(half.as_millis()).unwrap_or(0));
    Some(half + Duration::from_millis(jitter_ms))
}

async fn send_once(
    inner: &Inner,
    call: &Call,
    token: &AccessToken,
) -> std::result::Result<Value, Failure> {
    let url = join(&inner.config.api_url, &call.path);
    let mut request = inner
        .http
        .request(call.method.clone(), url)
        .bearer_auth(token.secret())
        .header(ACCEPT, "application/json");
    if !call.query.is_empty() {
        request = request.query(&call.query);
    }
    if let Some(body) = &call.body {
        request = request.json(body);
    }
    let response = match request.send().await {
        Ok(response) => response,
        Err(source) => return Err(Failure::Error(transport(call, source))),
    };
    let status = response.status().as_u16();
    let retry_after = retry_after(response.headers());
    let bytes = match response.bytes().await {
        Ok(bytes) => bytes,
        Err(source) => return Err(Failure::Error(transport(call, source))),
    };
    tracing::debug!(method = %call.method, path = %call.path, status, n_bytes = bytes.len(), "FreshBooks answered");
    let parsed: Option<Value> = if bytes.is_empty() {
        None
    } else {
        serde_json::from_slice(&bytes).ok()
    };
    if let Some(failure) = classify(status, parsed.as_ref(), retry_after, call.is_write()) {
        return Err(failure);
    }
    match parsed {
        Some(value) => Ok(value),
        None if bytes.is_empty() => Ok(Value::Null),
        None => {
            let message = match serde_json::from_slice::<Value>(&bytes) {
                Err(err) => err.to_string(),
                Ok(_) => "unreadable body".to_owned(),
            };
            if call.is_write() {
                Err(Failure::Error(Error::OutcomeUnknown {
                    operation: call.operation(),
                    source: message.into(),
                }))
            } else {
                Err(Failure::Error(Error::Decode {
                    operation: call.operation(),
                    path: String::new(),
                    message,
                }))
            }
        }
    }
}

/// A request that failed in transport. Before the connection was made, nothing was sent and
/// the error is a plain network error; after, a write's outcome is unknown.
fn transport(call: &Call, source: reqwest::Error) -> Error {
    if call.is_write() && !source.is_connect() && !source.is_builder() {
        Error::OutcomeUnknown {
            operation: call.operation(),
            source: Box::new(source),
        }
    } else {
        Error::Network { source }
    }
}

/// `Retry-After` in seconds (the HTTP-date form is not used by FreshBooks' infrastructure as
/// far as is known, and is ignored).
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    headers
        .get(RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_caps_and_honours_retry_after() {
        let policy = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(2),
        };
        for (attempt, low, high) in [
            (1, 50, 100),
            (2, 100, 200),
            (3, 200, 400),
            (8, 1000, 2000),
            (40, 1000, 2000),
        ] {
            for _ in 0..50 {
                let d = backoff(&policy, attempt, None).unwrap();
                assert!(
                    d >= Duration::from_millis(low) && d <= Duration::from_millis(high),
                    "{attempt}: {d:?}"
                );
            }
        }
        assert_eq!(
            backoff(&policy, 1, Some(Duration::from_secs(1))),
            Some(Duration::from_secs(1))
        );
        assert_eq!(backoff(&policy, 1, Some(Duration::from_secs(60))), None);
    }
}
