//! The one `send` path: bearer token, refresh-and-retry-once on 401, errors read from status
//! *and* body, and the retry policy (reads only).
//!
//! Retry rules, and why:
//! - Reads (GET) are retried on 429, 5xx and network failures, with exponential backoff and
//!   full jitter, honouring a `Retry-After` when one comes on a 429 or a 5xx (FreshBooks
//!   documents none; seconds and HTTP dates are both read). A `Retry-After` longer than the
//!   policy's cap ([`crate::RetryPolicy::max_delay`]) is not slept through: the error goes back
//!   to the caller at once — [`Error::RateLimited`] keeps the wait FreshBooks asked for in
//!   `retry_after` — so the caller can schedule the retry without holding a task.
//! - Writes are never retried here. FreshBooks has no idempotency keys, so a write whose answer
//!   was lost comes back as [`Error::OutcomeUnknown`] for the caller to reconcile; a 429 on a
//!   write comes back as [`Error::RateLimited`] (FreshBooks refused it before applying it).
//! - Every attempt holds one slot of the client's [`crate::limiter::Limiter`] while it is on the
//!   wire, and tells it how it went (a 429 or a timeout halves the requests allowed at once).
//! - A 429, or any answer with a `Retry-After`, holds back every request of the client for the
//!   wait (the `Retry-After`, else the backoff), not only the one refused: FreshBooks throttles
//!   the app and user, and requests sent meanwhile would only be refused too. A request that
//!   would be held longer than the policy's cap is not sent: it fails at once as
//!   [`Error::RateLimited`] with what is left of the wait.
//! - A 401 triggers at most one refresh and one retry, writes included: FreshBooks refused the
//!   request before doing anything with it.

use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, Utc};
use rand::Rng;
use reqwest::Method;
use reqwest::header::{ACCEPT, CONTENT_TYPE, DATE, RETRY_AFTER};
use serde_json::Value;

use crate::client::Inner;
use crate::config::{RetryPolicy, join};
use crate::error::{Error, Result};
use crate::health::{Pause, SignInHealth};
use crate::limiter::Outcome;
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
    /// The media type asked for: JSON, or a document (an invoice's PDF) answered as bytes.
    pub(crate) accept: &'static str,
}

/// The media type of every API answer but documents.
const JSON: &str = "application/json";

/// A successful answer: JSON (`null` when empty), or a document's bytes.
#[derive(Debug)]
pub(crate) enum Body {
    Json(Value),
    Bytes(Vec<u8>),
}

impl Call {
    pub(crate) fn get(path: String, query: Vec<(String, String)>) -> Self {
        Self {
            method: Method::GET,
            path,
            query,
            body: None,
            accept: JSON,
        }
    }

    /// A read of a document of type `accept` (e.g. `application/pdf`): its bytes are the answer.
    pub(crate) fn document(path: String, accept: &'static str) -> Self {
        Self {
            accept,
            ..Self::get(path, Vec::new())
        }
    }

    pub(crate) fn write(method: Method, path: String, body: Option<Value>) -> Self {
        Self {
            method,
            path,
            query: Vec::new(),
            body,
            accept: JSON,
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
    Ok(execute_dated(inner, call).await?.0)
}

/// Sends a call and returns its JSON body with the server's clock at the answer: its `Date`
/// header, when it came and reads as an HTTP date.
pub(crate) async fn execute_dated(
    inner: &Inner,
    call: &Call,
) -> Result<(Value, Option<DateTime<Utc>>)> {
    match execute_body(inner, call).await? {
        (Body::Json(value), date) => Ok((value, date)),
        // Only a document call answers bytes.
        (Body::Bytes(_), _) => Err(Error::Decode {
            operation: call.operation(),
            path: String::new(),
            message: "the answer is a document, not JSON".into(),
        }),
    }
}

/// Sends a document call ([`Call::document`]) and returns the document's bytes. An error comes
/// as JSON and is read like any other; a success in another type than the one asked for is
/// unreadable.
pub(crate) async fn execute_document(inner: &Inner, call: &Call) -> Result<Vec<u8>> {
    match execute_body(inner, call).await? {
        (Body::Bytes(bytes), _) => Ok(bytes),
        (Body::Json(_), _) => Err(Error::Decode {
            operation: call.operation(),
            path: String::new(),
            message: format!("the answer is JSON, not the {} asked for", call.accept),
        }),
    }
}

async fn execute_body(inner: &Inner, call: &Call) -> Result<(Body, Option<DateTime<Utc>>)> {
    let res = send_with_retries(inner, call).await;
    // What the request found of the sign-in, for a window to show without asking again.
    match &res {
        Ok(_) => inner.health.set_sign_in(SignInHealth::Good),
        Err(e) => {
            if let Some(health) = SignInHealth::after(e) {
                inner.health.set_sign_in(health);
            }
        }
    }
    res
}

/// Records that requests wait `wait` from now (a retry's backoff, or what a 429 asked for).
fn pause(inner: &Inner, wait: Duration, err: &Error) {
    let until = Utc::now() + chrono::TimeDelta::from_std(wait).unwrap_or(chrono::TimeDelta::MAX);
    inner.health.paused(Pause {
        until,
        in_flight: inner.limiter.stats().limit,
        reason: err.to_payload(),
    });
}

async fn send_with_retries(inner: &Inner, call: &Call) -> Result<(Body, Option<DateTime<Utc>>)> {
    let config = &inner.config;
    let mut token = inner
        .session
        .access_token(&inner.oauth, Utc::now(), config.refresh_margin)
        .await?;
    let mut refreshed = false;
    let mut attempt: u32 = 0;
    loop {
        attempt += 1;
        // One slot of the app-wide limit per attempt, given back before any backoff; none while
        // FreshBooks' last request to wait holds, and none at all if that is longer than we
        // would wait for a retry: the caller comes back later, as for a 429 of its own.
        let slot = match inner.limiter.acquire_within(config.retry.max_delay).await {
            Ok(slot) => slot,
            Err(left) => {
                tracing::debug!(
                    method = %call.method,
                    path = %call.path,
                    wait_ms = u64::try_from(left.as_millis()).unwrap_or(u64::MAX),
                    "not sent: FreshBooks asked for a wait"
                );
                return Err(Error::RateLimited {
                    retry_after: Some(left),
                });
            }
        };
        let sent = send_once(inner, call, &token).await;
        slot.finish(outcome(&sent));
        match sent {
            Ok(value) => return Ok(value),
            Err((Failure::Unauthorized(message), _)) => {
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
            Err((Failure::Error(err), hint)) => {
                // A 503 may carry a Retry-After too; it is honoured like a 429's.
                let asked = err.retry_after().or(hint);
                // FreshBooks asked the whole client to wait (a 429, or any Retry-After), not
                // only this request: every request is held back as long as this one waits.
                let everyone = matches!(err, Error::RateLimited { .. }) || asked.is_some();
                let retry =
                    !call.is_write() && err.is_retryable() && attempt < config.retry.max_attempts;
                let delay = if retry {
                    backoff(&config.retry, attempt, asked)
                } else {
                    None
                };
                let Some(delay) = delay else {
                    // Not waited out here, but still what the others wait for.
                    if everyone {
                        let wait = asked.unwrap_or(config.retry.base_delay);
                        inner.limiter.hold(wait);
                        pause(inner, wait, &err);
                    }
                    return Err(err);
                };
                if everyone {
                    inner.limiter.hold(delay);
                }
                pause(inner, delay, &err);
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

/// How an attempt counts for the limit on requests in flight: a 429 or a timeout says
/// FreshBooks (or the way to it) is overloaded; a 5xx, a refused connection or a 401 says
/// nothing of load; any other answer is a success.
fn outcome(sent: &Attempt) -> Outcome {
    let err = match sent {
        Ok(_) => return Outcome::Ok,
        Err((Failure::Unauthorized(_), _)) => return Outcome::Neutral,
        Err((Failure::Error(err), _)) => err,
    };
    let timed_out = |e: &reqwest::Error| e.is_timeout();
    match err {
        Error::RateLimited { .. } => Outcome::Throttled,
        Error::Network { source } if timed_out(source) => Outcome::Throttled,
        Error::OutcomeUnknown { source, .. }
            if source
                .downcast_ref::<reqwest::Error>()
                .is_some_and(timed_out) =>
        {
            Outcome::Throttled
        }
        Error::Network { .. } | Error::OutcomeUnknown { .. } | Error::Server { .. } => {
            Outcome::Neutral
        }
        _ => Outcome::Ok,
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

/// An answer with its `Date`, or a failed attempt with the `Retry-After` its answer carried, if
/// any.
type Attempt = std::result::Result<(Body, Option<DateTime<Utc>>), (Failure, Option<Duration>)>;

async fn send_once(inner: &Inner, call: &Call, token: &AccessToken) -> Attempt {
    let url = join(&inner.config.api_url, &call.path);
    let mut request = inner
        .http
        .request(call.method.clone(), url)
        .bearer_auth(token.secret())
        .header(ACCEPT, call.accept);
    if !call.query.is_empty() {
        request = request.query(&call.query);
    }
    if let Some(body) = &call.body {
        request = request.json(body);
    }
    let response = match request.send().await {
        Ok(response) => response,
        Err(source) => return Err((Failure::Error(transport(call, source)), None)),
    };
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get(RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| retry_after(v, Utc::now()));
    let date = response
        .headers()
        .get(DATE)
        .and_then(|v| v.to_str().ok())
        .and_then(http_date);
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with(JSON));
    let bytes = match response.bytes().await {
        Ok(bytes) => bytes,
        Err(source) => return Err((Failure::Error(transport(call, source)), None)),
    };
    tracing::debug!(method = %call.method, path = %call.path, status, n_bytes = bytes.len(), "FreshBooks answered");
    // A document asked for and answered (not an error, which comes as JSON).
    if call.accept != JSON && (200..300).contains(&status) && !is_json {
        return Ok((Body::Bytes(bytes.to_vec()), date));
    }
    answer(call, status, &bytes, retry_after)
        .map(|value| (Body::Json(value), date))
        .map_err(|failure| (failure, retry_after))
}

/// Reads a complete answer: an error (from the status *and* the body), or the JSON body
/// (`null` for an empty one).
fn answer(
    call: &Call,
    status: u16,
    bytes: &[u8],
    retry_after: Option<Duration>,
) -> std::result::Result<Value, Failure> {
    // Some proxies and Windows servers prefix JSON with a byte-order mark.
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let parsed = serde_json::from_slice::<Value>(text);
    if let Some(failure) = classify(status, parsed.as_ref().ok(), retry_after, call.is_write()) {
        return Err(failure);
    }
    match parsed {
        Ok(value) => Ok(value),
        Err(_) if text.iter().all(u8::is_ascii_whitespace) => Ok(Value::Null),
        Err(err) => {
            let message = format!("the answer is not JSON ({err})");
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

/// A `Retry-After` value as a wait from `now`: delay-seconds (`120`; a fraction is rounded up),
/// or an HTTP date in any of the three forms HTTP allows (a date already past means "now").
/// Anything else is ignored, and the backoff applies as if no header had come.
pub(crate) fn retry_after(raw: &str, now: DateTime<Utc>) -> Option<Duration> {
    let raw = raw.trim();
    let (whole, fraction) = raw.split_once('.').unwrap_or((raw, ""));
    if !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
    {
        let secs = whole.parse::<u64>().unwrap_or(u64::MAX);
        let round_up = u64::from(fraction.bytes().any(|b| b != b'0'));
        return Some(Duration::from_secs(secs.saturating_add(round_up)));
    }
    let at = http_date(raw)?;
    Some((at - now).to_std().unwrap_or(Duration::ZERO))
}

/// An HTTP date in any of the three forms HTTP allows.
pub(crate) fn http_date(raw: &str) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    DateTime::parse_from_rfc2822(raw)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            // RFC 850 (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`).
            ["%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"]
                .iter()
                .find_map(|fmt| NaiveDateTime::parse_from_str(raw, fmt).ok())
                .map(|t| t.and_utc())
        })
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

    #[test]
    fn retry_after_in_seconds_or_as_an_http_date() {
        let now = DateTime::parse_from_rfc3339("2026-11-23T14:00:00Z")
            .expect("instant")
            .with_timezone(&Utc);
        let check = |raw: &str, want: Option<u64>| {
            assert_eq!(
                retry_after(raw, now),
                want.map(Duration::from_secs),
                "{raw:?}"
            );
        };
        check("120", Some(120));
        check(" 3 ", Some(3));
        check("0", Some(0));
        check("1.5", Some(2));
        check("2.0", Some(2));
        // IMF-fixdate, as RFC 9110 prefers, and the two obsolete forms.
        check("Mon, 23 Nov 2026 14:00:30 GMT", Some(30));
        check("Monday, 23-Nov-26 14:01:00 GMT", Some(60));
        check("Mon Nov 23 14:00:05 2026", Some(5));
        // A date already past means "now".
        check("Mon, 23 Nov 2026 13:00:00 GMT", Some(0));
        check("soon", None);
        check("-5", None);
        check("", None);
    }

    fn read(status: u16, body: &[u8]) -> String {
        let call = Call::get("/x".into(), Vec::new());
        match answer(&call, status, body, None) {
            Ok(v) => format!("ok {v}"),
            Err(Failure::Unauthorized(m)) => format!("unauthorized {m:?}"),
            Err(Failure::Error(e)) => format!("{e:?}"),
        }
    }

    #[test]
    fn bodies_that_are_not_plain_json() {
        // A byte-order mark before the JSON.
        assert_eq!(read(200, b"\xEF\xBB\xBF{\"a\": 1}"), r#"ok {"a":1}"#);
        // A proxy's HTML error page, a bare-text 502, an empty 502: server errors, retried.
        assert_eq!(
            read(502, b"<html><body>Bad Gateway</body></html>"),
            "Server { status: 502, message: None, write: false }"
        );
        assert_eq!(
            read(502, b"Bad Gateway"),
            "Server { status: 502, message: None, write: false }"
        );
        assert_eq!(
            read(504, b""),
            "Server { status: 504, message: None, write: false }"
        );
        // Empty or blank success bodies are `null`.
        assert_eq!(read(204, b""), "ok null");
        assert_eq!(read(200, b" \n"), "ok null");
        // An HTML page on success is not data.
        assert!(read(200, b"<html></html>").starts_with("Decode"));
        let write = Call::write(Method::POST, "/x".into(), None);
        assert!(matches!(
            answer(&write, 200, b"<html></html>", None),
            Err(Failure::Error(Error::OutcomeUnknown { .. }))
        ));
    }
}
