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

use crate::auth::tokens::TokenSet;
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

/// Where to send the user to sign in, and the state to check when they come back.
#[derive(Debug, Clone)]
pub struct SignInRequest {
    /// FreshBooks' authorization page, with client id, redirect URI, scopes and state.
    pub url: Url,
    /// The fresh state in `url`.
    pub state: SignInState,
}

/// FreshBooks' extra token-response fields: `created_at` (Unix seconds). `id_token` is
/// deliberately not kept.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct FreshBooksTokenFields {
    #[serde(default, deserialize_with = "crate::wire::de::opt_i64")]
    created_at: Option<i64>,
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

/// The OAuth half of the client.
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
            Err(err) => Err(classify(err, http.status(), "sign-in code exchange", false)),
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
            Err(err) => Err(classify(err, http.status(), "token refresh", true)),
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

/// Maps a token-endpoint failure. The raw body of a parse failure may hold tokens, so it is
/// never included in the error.
fn classify(err: TokenError, status: Option<u16>, operation: &str, is_refresh: bool) -> Error {
    match err {
        RequestTokenError::ServerResponse(body) => {
            let message = body.error_description().cloned();
            match body.error() {
                BasicErrorResponseType::InvalidGrant => Error::TokenRevoked { message },
                BasicErrorResponseType::InvalidClient
                | BasicErrorResponseType::UnauthorizedClient => Error::AppRejected { message },
                _ => by_status(status, message),
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
            Some(200) | None => Error::Decode {
                operation: operation.to_owned(),
                path: parse.path().to_string(),
                message: parse.inner().to_string(),
            },
            _ => by_status(status, None),
        },
        RequestTokenError::Other(message) => match status {
            Some(200) | None => Error::Decode {
                operation: operation.to_owned(),
                path: String::new(),
                message,
            },
            _ => by_status(status, None),
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
    status: Mutex<Option<u16>>,
}

impl Recording {
    fn new(http: &reqwest::Client) -> Self {
        Self {
            http: http.clone(),
            status: Mutex::new(None),
        }
    }

    fn status(&self) -> Option<u16> {
        match self.status.lock() {
            Ok(guard) => *guard,
            Err(poisoned) => *poisoned.into_inner(),
        }
    }
}

impl<'c> AsyncHttpClient<'c> for Recording {
    type Error = HttpClientError<reqwest::Error>;
    type Future =
        Pin<Box<dyn Future<Output = Result<HttpResponse, Self::Error>> + Send + Sync + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let response = self.http.call(request).await?;
            if let Ok(mut status) = self.status.lock() {
                *status = Some(response.status().as_u16());
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
