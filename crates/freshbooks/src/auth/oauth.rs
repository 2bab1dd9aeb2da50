//! OAuth with FreshBooks through the `oauth2` crate: the authorization URL with a fresh
//! [`SignInState`], the code exchange, and the refresh.
//!
//! FreshBooks knows no PKCE, so none is sent or relied on; the `state` is what ties the browser's
//! return to the sign-in we started. Client id and secret travel in the form body (FreshBooks has
//! no public-client mode), and `redirect_uri` is sent on refresh too, as FreshBooks' SDKs do.
//! The `oauth2` crate runs on our one `reqwest` client (same reqwest 0.12), wrapped only to learn
//! the HTTP status of token answers so that 429/5xx are told apart from a spent token.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use oauth2::basic::{
    BasicErrorResponse, BasicErrorResponseType, BasicRevocationErrorResponse,
    BasicTokenIntrospectionResponse, BasicTokenType,
};
use oauth2::{
    AsyncHttpClient, AuthUrl, CsrfToken, EndpointNotSet, EndpointSet, ExtraTokenFields,
    HttpClientError, HttpRequest, HttpResponse, RedirectUrl, RequestTokenError, Scope,
    StandardRevocableToken, StandardTokenResponse, TokenResponse, TokenUrl,
};
use serde::{Deserialize, Serialize};
use url::Url;

use crate::auth::token_set::TokenSet;
use crate::config::{Config, join};
use crate::error::{Error, Result};
use crate::secret::{AccessToken, AuthorizationCode, RefreshToken};

/// The `state` of a sign-in in progress. Keep it (e.g. in memory, or the core's session
/// record) until the browser comes back, then hand it to [`crate::Client::finish_sign_in`].
/// It is single-use and never printed.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SignInState(String);

impl SignInState {
    /// Wraps a state value kept from [`SignInRequest`].
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value itself.
    pub fn secret(&self) -> &str {
        &self.0
    }

    /// Compares in time independent of where the values differ.
    fn matches(&self, other: &str) -> bool {
        let (a, b) = (self.0.as_bytes(), other.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

impl fmt::Debug for SignInState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SignInState([redacted])")
    }
}

/// Where to send the user to sign in, and the state to check when they come back. Its `Debug`
/// leaves out the URL's query, which carries the state.
#[derive(Clone)]
pub struct SignInRequest {
    /// FreshBooks' authorization page, with client id, redirect URI, scopes and state.
    pub url: Url,
    /// The fresh state in `url`.
    pub state: SignInState,
}

impl fmt::Debug for SignInRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown = self.url.clone();
        shown.set_query(None);
        f.debug_struct("SignInRequest")
            .field("url", &format_args!("{shown}?[redacted]"))
            .field("state", &self.state)
            .finish()
    }
}

/// FreshBooks' extra token-response fields: `created_at` (Unix seconds). `id_token` is
/// deliberately not kept.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct FreshBooksTokenFields {
    /// Read leniently and never fatal: it only refines the expiry, and failing to read a token
    /// answer over it would lose a pair FreshBooks has already rotated.
    #[serde(default, deserialize_with = "lenient_unix_seconds")]
    created_at: Option<i64>,
}

/// Unix seconds from a number or a numeric string; anything else is no value.
fn lenient_unix_seconds<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<i64>, D::Error> {
    Ok(unix_seconds(&serde_json::Value::deserialize(d)?))
}

fn unix_seconds(v: &serde_json::Value) -> Option<i64> {
    match v {
        serde_json::Value::Number(n) => n.as_i64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

impl ExtraTokenFields for FreshBooksTokenFields {}

type FreshBooksTokenResponse = StandardTokenResponse<FreshBooksTokenFields, BasicTokenType>;

type OAuthClient = oauth2::Client<
    BasicErrorResponse,
    FreshBooksTokenResponse,
    BasicTokenIntrospectionResponse,
    StandardRevocableToken,
    BasicRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointSet,
>;

type TokenError = RequestTokenError<HttpClientError<reqwest::Error>, BasicErrorResponse>;

/// The OAuth half of the client. Cheap to clone (handles inside), so a refresh can run in a
/// task of its own.
#[derive(Clone)]
pub(crate) struct OAuth {
    client: OAuthClient,
    http: reqwest::Client,
    redirect_uri: String,
    scopes: Vec<String>,
}

impl OAuth {
    pub(crate) fn new(config: &Config, http: reqwest::Client) -> Result<Self> {
        let auth_url = AuthUrl::from_url(join(&config.auth_url, "/oauth/authorize"));
        let token_url = TokenUrl::from_url(join(&config.api_url, "/auth/oauth/token"));
        let client = oauth2::Client::new(oauth2::ClientId::new(config.app.client_id.clone()))
            .set_client_secret(oauth2::ClientSecret::new(
                config.app.client_secret.secret().to_owned(),
            ))
            .set_auth_type(oauth2::AuthType::RequestBody)
            .set_auth_uri(auth_url)
            .set_token_uri(token_url)
            .set_redirect_uri(RedirectUrl::from_url(config.app.redirect_uri.clone()));
        Ok(Self {
            client,
            http,
            redirect_uri: config.app.redirect_uri.to_string(),
            scopes: config.scopes.clone(),
        })
    }

    pub(crate) fn sign_in_request(&self) -> SignInRequest {
        let (url, state) = self
            .client
            .authorize_url(CsrfToken::new_random)
            .add_scopes(self.scopes.iter().cloned().map(Scope::new))
            .url();
        SignInRequest {
            url,
            state: SignInState(state.secret().clone()),
        }
    }

    pub(crate) async fn exchange(
        &self,
        code: &AuthorizationCode,
        now: DateTime<Utc>,
    ) -> Result<TokenSet> {
        let http = Recording::new(&self.http);
        let res = self
            .client
            .exchange_code(oauth2::AuthorizationCode::new(code.secret().to_owned()))
            .request_async(&http)
            .await;
        match res {
            Ok(answer) => Ok(token_set(&answer, None, now)),
            Err(err) => match lenient_answer(&err, http.status(), None, now) {
                Some(tokens) => Ok(tokens),
                None => Err(classify(err, http.seen(), "sign-in code exchange", false)),
            },
        }
    }

    pub(crate) async fn refresh(
        &self,
        refresh_token: &RefreshToken,
        now: DateTime<Utc>,
    ) -> Result<TokenSet> {
        let http = Recording::new(&self.http);
        let old = oauth2::RefreshToken::new(refresh_token.secret().to_owned());
        let res = self
            .client
            .exchange_refresh_token(&old)
            .add_extra_param("redirect_uri", self.redirect_uri.clone())
            .request_async(&http)
            .await;
        match res {
            Ok(answer) => Ok(token_set(&answer, Some(refresh_token), now)),
            Err(err) => match lenient_answer(&err, http.status(), Some(refresh_token), now) {
                Some(tokens) => Ok(tokens),
                None => Err(classify(err, http.seen(), "token refresh", true)),
            },
        }
    }
}

/// Reads `code` and `state` from the address the browser was sent back to (a full URL, or just
/// its query), checking the state and surfacing FreshBooks' `error=`.
pub(crate) fn code_from_redirect(
    expected: &SignInState,
    redirected_to: &str,
) -> Result<AuthorizationCode> {
    let trimmed = redirected_to.trim();
    let query = match Url::parse(trimmed) {
        Ok(url) => url.query().unwrap_or_default().to_owned(),
        Err(_) => trimmed.trim_start_matches('?').to_owned(),
    };
    let mut code = None;
    let mut state = None;
    let mut error = None;
    let mut description = None;
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "code" => code = Some(value.into_owned()),
            "state" => state = Some(value.into_owned()),
            "error" => error = Some(value.into_owned()),
            "error_description" => description = Some(value.into_owned()),
            _ => {}
        }
    }
    // The state is checked first, so a forged address cannot even report an error to us.
    match state {
        Some(state) if expected.matches(&state) => {}
        _ => return Err(Error::StateMismatch),
    }
    if let Some(error) = error {
        return Err(Error::SignInFailed { error, description });
    }
    match code {
        Some(code) if !code.is_empty() => Ok(AuthorizationCode::new(code)),
        _ => Err(Error::SignInFailed {
            error: "no code in the address".into(),
            description: None,
        }),
    }
}

fn token_set(
    answer: &FreshBooksTokenResponse,
    previous_refresh: Option<&RefreshToken>,
    now: DateTime<Utc>,
) -> TokenSet {
    let refresh_token = match (answer.refresh_token(), previous_refresh) {
        (Some(new), _) => RefreshToken::new(new.secret().clone()),
        // FreshBooks always rotates; if an answer ever lacks a new one, the old one is all we have.
        (None, Some(old)) => old.clone(),
        (None, None) => RefreshToken::new(String::new()),
    };
    TokenSet {
        access_token: AccessToken::new(answer.access_token().secret().clone()),
        refresh_token,
        expires_at: TokenSet::expiry(answer.extra_fields().created_at, answer.expires_in(), now),
        scope: answer.scopes().map(|scopes| {
            scopes
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        }),
    }
}

/// A success answer the `oauth2` crate could not read (no `token_type`, `expires_in` as a
/// string, …), read leniently. This matters most on a refresh: FreshBooks has already killed
/// the old refresh token, so failing to read the new pair would sign the user out.
fn lenient_answer(
    err: &TokenError,
    status: Option<u16>,
    previous_refresh: Option<&RefreshToken>,
    now: DateTime<Utc>,
) -> Option<TokenSet> {
    let RequestTokenError::Parse(_, body) = err else {
        return None;
    };
    if !status.is_some_and(|s| (200..300).contains(&s)) {
        return None;
    }
    let tokens = lenient_token_set(body, previous_refresh, now)?;
    tracing::warn!("read a token answer the OAuth library refused; its shape has changed");
    Some(tokens)
}

/// A token answer from its JSON, needing only `access_token` (and `refresh_token`, unless the
/// previous one is kept).
pub(crate) fn lenient_token_set(
    body: &[u8],
    previous_refresh: Option<&RefreshToken>,
    now: DateTime<Utc>,
) -> Option<TokenSet> {
    let body: serde_json::Value = serde_json::from_slice(body).ok()?;
    let text = |key: &str| {
        body.get(key)
            .and_then(serde_json::Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let access_token = AccessToken::new(text("access_token")?);
    let refresh_token = match (text("refresh_token"), previous_refresh) {
        (Some(new), _) => RefreshToken::new(new),
        (None, Some(old)) => old.clone(),
        (None, None) => return None,
    };
    let expires_in = body
        .get("expires_in")
        .and_then(unix_seconds)
        .and_then(|secs| u64::try_from(secs).ok())
        .map(std::time::Duration::from_secs);
    let created_at = body.get("created_at").and_then(unix_seconds);
    Some(TokenSet {
        access_token,
        refresh_token,
        expires_at: TokenSet::expiry(created_at, expires_in, now),
        scope: text("scope"),
    })
}

/// Maps a token-endpoint failure. The raw body of a parse failure may hold tokens, so neither
/// it nor the parser's message (which may quote a value) is included in the error.
fn classify(
    err: TokenError,
    (status, retry_after): (Option<u16>, Option<std::time::Duration>),
    operation: &str,
    is_refresh: bool,
) -> Error {
    let refused = |error: &str, message| refused(status, retry_after, error, message, is_refresh);
    match err {
        RequestTokenError::ServerResponse(body) => {
            let message = body.error_description().cloned();
            match body.error() {
                BasicErrorResponseType::InvalidGrant => Error::TokenRevoked { message },
                BasicErrorResponseType::InvalidClient
                | BasicErrorResponseType::UnauthorizedClient => Error::AppRejected { message },
                other => refused(other.as_ref(), message),
            }
        }
        RequestTokenError::Request(HttpClientError::Reqwest(source)) => {
            let source = *source;
            // A refresh whose answer is lost may have rotated the pair at FreshBooks.
            if is_refresh && !source.is_connect() {
                Error::OutcomeUnknown {
                    operation: operation.to_owned(),
                    source: Box::new(source),
                }
            } else {
                Error::Network { source }
            }
        }
        RequestTokenError::Request(other) => Error::Decode {
            operation: operation.to_owned(),
            path: String::new(),
            message: other.to_string(),
        },
        RequestTokenError::Parse(parse, _body) => match status {
            Some(200..=299) | None => Error::Decode {
                operation: operation.to_owned(),
                path: parse.path().to_string(),
                message: "the token answer has no usable access token".to_owned(),
            },
            _ => refused("unreadable error", None),
        },
        RequestTokenError::Other(message) => match status {
            Some(200..=299) | None => Error::Decode {
                operation: operation.to_owned(),
                path: String::new(),
                message,
            },
            _ => refused("unreadable error", None),
        },
    }
}

/// A token request FreshBooks refused for a reason other than a spent grant or bad app
/// credentials (`invalid_request`, `invalid_scope`, an unreadable 400, …). Rate limits and
/// server errors are told apart by status; anything else cannot be fixed by the user except by
/// signing in again, so it says so (a refresh) or reports the sign-in as failed (a code exchange).
fn refused(
    status: Option<u16>,
    retry_after: Option<std::time::Duration>,
    error: &str,
    message: Option<String>,
    is_refresh: bool,
) -> Error {
    match status {
        Some(429) => Error::RateLimited { retry_after },
        Some(500..) | None => by_status(status, message),
        Some(403) => Error::Forbidden { message },
        _ if is_refresh => Error::TokenRevoked {
            message: message.or_else(|| Some(error.to_owned())),
        },
        _ => Error::SignInFailed {
            error: error.to_owned(),
            description: message,
        },
    }
}

fn by_status(status: Option<u16>, message: Option<String>) -> Error {
    match status {
        Some(429) => Error::RateLimited { retry_after: None },
        Some(401) => Error::TokenRevoked { message },
        Some(403) => Error::Forbidden { message },
        Some(s) if s >= 500 => Error::Server {
            status: s,
            message,
            write: false,
        },
        Some(s) => Error::Validation {
            status: s,
            errno: None,
            field: None,
            message: message.unwrap_or_else(|| "the sign-in request was refused".into()),
        },
        None => Error::Server {
            status: 0,
            message,
            write: false,
        },
    }
}

/// Our reqwest client, remembering the status of the answer it got.
struct Recording {
    // An owned handle (an `Arc` inside): with a borrowed one the impl below is generic over two
    // lifetimes, and rustc then fails to prove the callers' futures `Send`.
    http: reqwest::Client,
    /// The status of the answer, and the wait its `Retry-After` asked for.
    seen: Mutex<(Option<u16>, Option<std::time::Duration>)>,
}

impl Recording {
    fn new(http: &reqwest::Client) -> Self {
        Self {
            http: http.clone(),
            seen: Mutex::new((None, None)),
        }
    }

    fn seen(&self) -> (Option<u16>, Option<std::time::Duration>) {
        match self.seen.lock() {
            Ok(guard) => *guard,
            Err(poisoned) => *poisoned.into_inner(),
        }
    }

    fn status(&self) -> Option<u16> {
        self.seen().0
    }
}

impl<'c> AsyncHttpClient<'c> for Recording {
    type Error = HttpClientError<reqwest::Error>;
    type Future =
        Pin<Box<dyn Future<Output = Result<HttpResponse, Self::Error>> + Send + Sync + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let response = self.http.call(request).await?;
            let retry_after = response
                .headers()
                .get(reqwest::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| crate::http::retry_after(v, Utc::now()));
            if let Ok(mut seen) = self.seen.lock() {
                *seen = (Some(response.status().as_u16()), retry_after);
            }
            Ok(response)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(redirect: &str, expected: std::result::Result<&str, &str>) {
        let state = SignInState::new("st-1");
        let got = code_from_redirect(&state, redirect);
        match (got, expected) {
            (Ok(code), Ok(want)) => assert_eq!(code.secret(), want, "{redirect}"),
            (Err(err), Err(kind)) => assert_eq!(
                format!("{err:?}").split([' ', '{']).next(),
                Some(kind),
                "{redirect}"
            ),
            (got, want) => panic!("{redirect}: got {got:?}, want {want:?}"),
        }
    }

    #[test]
    fn token_answers_read_leniently() {
        let now = DateTime::parse_from_rfc3339("2026-11-23T14:00:00Z")
            .expect("instant")
            .with_timezone(&Utc);
        // No token_type, expires_in and created_at as strings, an unknown field.
        let body = br#"{"access_token": "a1", "refresh_token": "r1", "expires_in": "3600",
            "created_at": "bogus", "id_token": "x", "scope": "user:profile:read"}"#;
        let tokens = lenient_token_set(body, None, now).expect("reads");
        assert_eq!(
            (tokens.access_token.secret(), tokens.refresh_token.secret()),
            ("a1", "r1")
        );
        assert_eq!(tokens.expires_at, now + chrono::TimeDelta::hours(1));
        assert_eq!(tokens.scope.as_deref(), Some("user:profile:read"));
        // A refresh answer without a new refresh token keeps the old one.
        let old = RefreshToken::new("r0");
        let tokens =
            lenient_token_set(br#"{"access_token": "a2"}"#, Some(&old), now).expect("reads");
        assert_eq!(tokens.refresh_token.secret(), "r0");
        assert_eq!(tokens.expires_at, now + chrono::TimeDelta::hours(12));
        // Nothing usable.
        assert!(lenient_token_set(br#"{"access_token": ""}"#, Some(&old), now).is_none());
        assert!(lenient_token_set(b"<html></html>", Some(&old), now).is_none());
        assert!(lenient_token_set(br#"{"access_token": "a3"}"#, None, now).is_none());
        // created_at in any spelling never fails the answer through the oauth2 crate either.
        for created_at in [r#""1763906400""#, r#""2026-11-23T14:00:00Z""#, "null", "{}"] {
            let text = format!(
                r#"{{"access_token": "a", "token_type": "Bearer", "expires_in": 43200, "refresh_token": "r", "created_at": {created_at}}}"#
            );
            let parsed: std::result::Result<FreshBooksTokenResponse, _> =
                serde_json::from_str(&text);
            assert!(parsed.is_ok(), "{created_at}: {parsed:?}");
        }
    }

    #[test]
    fn refused_token_requests_say_what_to_do() {
        let check = |status, is_refresh, want: &str| {
            let got = refused(Some(status), None, "invalid_request", None, is_refresh);
            assert_eq!(
                format!("{got:?}").split([' ', '{']).next(),
                Some(want),
                "{status} refresh={is_refresh}"
            );
        };
        check(400, true, "TokenRevoked");
        check(400, false, "SignInFailed");
        check(401, true, "TokenRevoked");
        check(429, true, "RateLimited");
        check(503, false, "Server");
        check(403, true, "Forbidden");
        let text = refused(Some(400), None, "invalid_scope", None, false).to_string();
        assert!(text.contains("Try signing in again"), "{text}");
    }

    #[test]
    fn sign_in_request_debug_hides_the_state() {
        let request = SignInRequest {
            url: Url::parse("https://auth.example.com/oauth/authorize?client_id=c&state=st-secret")
                .expect("url"),
            state: SignInState::new("st-secret"),
        };
        let shown = format!("{request:?}");
        assert!(!shown.contains("st-secret"), "{shown}");
        assert!(
            shown.contains("auth.example.com/oauth/authorize"),
            "{shown}"
        );
    }

    #[test]
    fn reads_code_and_checks_state() {
        check("https://example.com/cb?code=abc&state=st-1", Ok("abc"));
        check("?code=abc&state=st-1", Ok("abc"));
        check("code=abc&state=st-1", Ok("abc"));
        check(
            "https://example.com/cb?code=abc&state=st-2",
            Err("StateMismatch"),
        );
        check("https://example.com/cb?code=abc", Err("StateMismatch"));
        check(
            "https://example.com/cb?error=access_denied&state=st-1",
            Err("SignInFailed"),
        );
        check(
            "https://example.com/cb?error=access_denied&state=evil",
            Err("StateMismatch"),
        );
        check("https://example.com/cb?state=st-1", Err("SignInFailed"));
    }
}
