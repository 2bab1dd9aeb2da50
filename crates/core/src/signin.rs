//! Signing in through the browser: [`Core::begin_sign_in`] remembers each sign-in it starts (a
//! hash of its state, in the mirror, so an answer that starts the app still matches), and
//! [`Core::complete_sign_in`] checks every answer before using it: its shape
//! (`ledgerline://oauth/callback?…`, the relay page's address, or a bare query), a state started
//! here, not older than [`SIGN_IN_LIFETIME`], never used before. The state is used up before the
//! code is exchanged, so one answer signs in once however many times it arrives.
//!
//! The code itself is read and exchanged by the FreshBooks client (`Client::finish_sign_in`),
//! which also checks the state again.

use chrono::{DateTime, TimeDelta, Utc};
use ledgerline_freshbooks::SignInState;
use ledgerline_model::entity::UserBusiness;
use ledgerline_model::ipc::{AppChoice, SignInStarted};
use sha2::{Digest, Sha256};
use url::Url;

use crate::Core;
use crate::error::{Error, Result};
use crate::store::sign_ins::{self, Pending};

/// How long a started sign-in accepts its answer.
pub const SIGN_IN_LIFETIME: TimeDelta = TimeDelta::minutes(15);

/// How long a sign-in is remembered after it starts, so a late or replayed answer is told
/// apart from a forged one.
const REMEMBERED_FOR: TimeDelta = TimeDelta::days(30);

/// The deep link's scheme, host and path: `ledgerline://oauth/callback`.
const SCHEME: &str = "ledgerline";
const HOST: &str = "oauth";
const PATH: &str = "/callback";

impl Core {
    /// Starts a sign-in with the installed client ([`Core::set_client`]), remembering its state
    /// in the mirror (so a deep link that starts the app still matches) for
    /// [`SIGN_IN_LIFETIME`], tagged with `app`. `browser_opened` is `false`: the caller opens it.
    pub async fn begin_sign_in(&self, app: AppChoice) -> Result<SignInStarted> {
        self.begin_sign_in_at(app, Utc::now()).await
    }

    /// [`Core::begin_sign_in`] as if it were `now`.
    pub async fn begin_sign_in_at(
        &self,
        app: AppChoice,
        now: DateTime<Utc>,
    ) -> Result<SignInStarted> {
        let client = self.client()?;
        let request = client.sign_in_request();
        let hash = state_hash(request.state.secret());
        let redirect_uri = client.config().app.redirect_uri.to_string();
        let started_at = now.timestamp();
        self.store()
            .write(move |tx| {
                sign_ins::purge(tx, (now - REMEMBERED_FOR).timestamp())?;
                sign_ins::insert(tx, &hash, app_name(app), &redirect_uri, started_at)
            })
            .await?;
        Ok(SignInStarted {
            authorize_url: request.url.to_string(),
            browser_opened: false,
            expires_at: now + SIGN_IN_LIFETIME,
        })
    }

    /// Checks an incoming address without using it up and says which registration started its
    /// sign-in, so the caller can install that client first. Refuses as
    /// [`Core::complete_sign_in`] does.
    pub async fn sign_in_app(&self, address: &str) -> Result<AppChoice> {
        self.sign_in_app_at(address, Utc::now()).await
    }

    /// [`Core::sign_in_app`] as if it were `now`.
    pub async fn sign_in_app_at(&self, address: &str, now: DateTime<Utc>) -> Result<AppChoice> {
        let answer = Answer::read(address)?;
        let hash = state_hash(&answer.state);
        let pending = self
            .store()
            .read(move |conn| sign_ins::get(conn, &hash))
            .await?;
        let pending = answer.check(pending, now)?;
        app_choice(&pending.app)
    }

    /// Completes a sign-in from the browser's answer: `ledgerline://oauth/callback?…`, the relay
    /// page's address, or just its query. Checks its shape, that its state is one started here,
    /// not expired and not used (then uses it up), and FreshBooks' `error=`; exchanges the code,
    /// saves the tokens, reads the businesses again and returns them.
    pub async fn complete_sign_in(&self, address: &str) -> Result<Vec<UserBusiness>> {
        self.complete_sign_in_at(address, Utc::now()).await
    }

    /// [`Core::complete_sign_in`] as if it were `now`.
    pub async fn complete_sign_in_at(
        &self,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<UserBusiness>> {
        let answer = Answer::read(address)?;
        let client = self.client()?;
        let hash = state_hash(&answer.state);
        let checking = answer.clone();
        // Checked and used up in one immediate transaction: of two answers arriving at once,
        // one finds it unused and the other finds it used.
        self.store()
            .write(move |tx| {
                let pending = checking.check(sign_ins::get(tx, &hash)?, now)?;
                if !sign_ins::mark_used(tx, &hash, now.timestamp())? {
                    return Err(Error::SignInReplayed);
                }
                Ok(pending)
            })
            .await?;
        let state = SignInState::new(answer.state);
        client
            .finish_sign_in(&state, &format!("?{}", answer.query))
            .await
            .map_err(refused_by_freshbooks)?;
        self.refresh_businesses().await
    }
}

/// A sign-in answer, as read from an address (nothing used yet).
#[derive(Clone)]
struct Answer {
    /// The state it carries.
    state: String,
    /// Its query, as given.
    query: String,
    /// The page it was sent to, for a web address (the relay page's, or a loopback one).
    page: Option<String>,
}

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answer")
            .field("page", &self.page)
            .finish_non_exhaustive()
    }
}

impl Answer {
    /// Reads the address's shape and its state; refuses anything that is not a sign-in answer.
    fn read(address: &str) -> Result<Answer> {
        let refuse = |reason: &str| Error::NotASignInAddress {
            reason: reason.to_owned(),
        };
        let text = address.trim();
        if text.is_empty() {
            return Err(refuse("it is empty"));
        }
        let (query, page) = match Url::parse(text) {
            Ok(url) => {
                let page = match url.scheme() {
                    SCHEME => {
                        let path = url.path().trim_end_matches('/');
                        if url.host_str() != Some(HOST) || path != PATH {
                            return Err(refuse(
                                "it is a Ledgerline address, but not the sign-in one, ledgerline://oauth/callback",
                            ));
                        }
                        None
                    }
                    "http" | "https" => Some(page_of(&url)),
                    other => {
                        return Err(Error::NotASignInAddress {
                            reason: format!("it starts with “{other}:”, not ledgerline: or https:"),
                        });
                    }
                };
                (url.query().unwrap_or_default().to_owned(), page)
            }
            Err(_) if text.contains(char::is_whitespace) || text.contains("://") => {
                return Err(refuse("it is not a web address"));
            }
            // Just the query, with or without its `?`.
            Err(_) => (text.trim_start_matches('?').to_owned(), None),
        };
        let mut state = None;
        let mut answered = false;
        for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
            match key.as_ref() {
                "state" if !value.is_empty() => state = Some(value.into_owned()),
                "code" | "error" if !value.is_empty() => answered = true,
                _ => {}
            }
        }
        let Some(state) = state else {
            return Err(refuse("it carries no sign-in state"));
        };
        if !answered {
            return Err(refuse(
                "it carries neither a sign-in code nor an error from FreshBooks",
            ));
        }
        Ok(Answer { state, query, page })
    }

    /// Refuses the answer unless its sign-in was started here, is not used and not expired, and
    /// (for a web address) came back to the page the sign-in named.
    fn check(&self, pending: Option<Pending>, now: DateTime<Utc>) -> Result<Pending> {
        let pending = pending.ok_or(Error::SignInStateMismatch)?;
        if pending.used_at.is_some() {
            return Err(Error::SignInReplayed);
        }
        if now.timestamp() - pending.started_at > SIGN_IN_LIFETIME.num_seconds() {
            return Err(Error::SignInStale {
                minutes: SIGN_IN_LIFETIME.num_minutes(),
            });
        }
        if let Some(page) = &self.page {
            let expected = Url::parse(&pending.redirect_uri)
                .map(|url| page_of(&url))
                .unwrap_or_default();
            if *page != expected {
                return Err(Error::NotASignInAddress {
                    reason: format!(
                        "it is not the address of the sign-in page, {}",
                        pending.redirect_uri
                    ),
                });
            }
        }
        Ok(pending)
    }
}

/// A web address without its query and fragment, and with a trailing `/` or `/index.html` left
/// out (a static host may show either for the same page).
fn page_of(url: &Url) -> String {
    let mut page = url.clone();
    page.set_query(None);
    page.set_fragment(None);
    let text = page.to_string();
    let text = text.strip_suffix("index.html").unwrap_or(&text);
    text.trim_end_matches('/').to_owned()
}

/// What is stored for a state: its SHA-256, in hex.
fn state_hash(state: &str) -> String {
    Sha256::digest(state.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn app_name(app: AppChoice) -> &'static str {
    match app {
        AppChoice::Builtin => "builtin",
        AppChoice::Own => "own",
        AppChoice::Demo => "demo",
    }
}

fn app_choice(name: &str) -> Result<AppChoice> {
    match name {
        "builtin" => Ok(AppChoice::Builtin),
        "own" => Ok(AppChoice::Own),
        "demo" => Ok(AppChoice::Demo),
        // Written by a newer Ledgerline: its sign-in cannot be completed by this one.
        _ => Err(Error::SignInStateMismatch),
    }
}

/// FreshBooks' refusals of a sign-in, as the core's: its `error=` and a spent or unknown code.
fn refused_by_freshbooks(e: ledgerline_freshbooks::Error) -> Error {
    use ledgerline_freshbooks::Error as Fb;
    match e {
        Fb::SignInFailed { error, description } => Error::SignInFailed { error, description },
        // At the code exchange, invalid_grant: the code expired, was used, or names another page.
        Fb::TokenRevoked { message } => Error::SignInFailed {
            error: "invalid_grant".to_owned(),
            description: message,
        },
        Fb::StateMismatch => Error::SignInStateMismatch,
        other => Error::FreshBooks(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(address: &str) -> String {
        match Answer::read(address) {
            Err(Error::NotASignInAddress { reason }) => reason,
            other => panic!("{address}: {other:?}"),
        }
    }

    #[test]
    fn reads_the_three_shapes_of_an_answer() {
        let deep = Answer::read("ledgerline://oauth/callback?code=c1&state=s1").unwrap();
        assert_eq!((deep.state.as_str(), deep.page), ("s1", None));
        let slash = Answer::read("  ledgerline://oauth/callback/?state=s1&error=access_denied ");
        assert_eq!(slash.unwrap().state, "s1");
        let relay = Answer::read("https://example.com/relay/index.html?code=c&state=s2").unwrap();
        assert_eq!(relay.page.as_deref(), Some("https://example.com/relay"));
        assert_eq!(relay.state, "s2");
        let bare = Answer::read("?code=c&state=s3").unwrap();
        assert_eq!(
            (bare.state.as_str(), bare.query.as_str()),
            ("s3", "code=c&state=s3")
        );
        assert_eq!(Answer::read("code=c&state=s4").unwrap().state, "s4");
    }

    #[test]
    fn refuses_what_is_not_an_answer() {
        assert!(reason("ledgerline://oauth/other?code=c&state=s").contains("not the sign-in one"));
        assert!(
            reason("ledgerline://evil/callback?code=c&state=s").contains("not the sign-in one")
        );
        assert!(reason("ftp://example.com/?code=c&state=s").contains("“ftp:”"));
        assert!(reason("ledgerline://oauth/callback?code=c").contains("no sign-in state"));
        assert!(reason("ledgerline://oauth/callback?state=s").contains("neither"));
        assert!(reason("   ").contains("empty"));
        assert!(reason("not an address at all").contains("not a web address"));
    }

    #[test]
    fn a_web_answer_must_come_back_to_the_page_the_sign_in_named() {
        let pending = |redirect_uri: &str| Pending {
            app: "own".into(),
            redirect_uri: redirect_uri.into(),
            started_at: 1_800_000_000,
            used_at: None,
        };
        let now = DateTime::from_timestamp(1_800_000_060, 0).unwrap();
        let answer = Answer::read("https://relay.example/oauth/relay/?code=c&state=s").unwrap();
        assert!(
            answer
                .check(Some(pending("https://relay.example/oauth/relay")), now)
                .is_ok()
        );
        assert!(matches!(
            answer.check(Some(pending("https://other.example/oauth/relay")), now),
            Err(Error::NotASignInAddress { .. })
        ));
        let deep = Answer::read("ledgerline://oauth/callback?code=c&state=s").unwrap();
        assert!(
            deep.check(Some(pending("https://other.example/r")), now)
                .is_ok()
        );
    }

    #[test]
    fn only_a_hash_of_the_state_is_kept_and_debug_hides_it() {
        let hash = state_hash("s3cret-state");
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains("s3cret"));
        let answer = Answer::read("?code=the-code&state=s3cret-state").unwrap();
        let shown = format!("{answer:?}");
        assert!(
            !shown.contains("s3cret") && !shown.contains("the-code"),
            "{shown}"
        );
    }
}
