//! Signing in through the browser (issue 10): every answer is checked before use (shape, a state
//! started here, not expired, used once), FreshBooks' refusals say what happened, and only a good
//! answer saves tokens. The test plays the browser against the emulator over real HTTP, on a real
//! database file.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeDelta, Utc};
use freshbooks_emulator::{Config as EmuConfig, Emulator};
use ledgerline_core::secrets::{SecretTokenStore, Secrets};
use ledgerline_core::{Core, CoreConfig, Error, Schedule};
use ledgerline_freshbooks::{AppCredentials, Client, ClientSecret, Config, RetryPolicy};
use ledgerline_model::error::{Action, ErrorCode};
use ledgerline_model::ipc::AppChoice;

const REDIRECT: &str = "https://localhost/oauth/callback";

/// An emulator, and a core on a fresh folder whose client is not signed in yet (tokens go to a
/// token file, so "nothing saved" is checked where they would be).
struct Browser {
    emu: Emulator,
    dir: tempfile::TempDir,
    core: Core,
    client: Client,
}

impl Browser {
    async fn start() -> Browser {
        Self::start_with(EmuConfig::for_tests(), "demo-client-secret", REDIRECT).await
    }

    async fn start_with(emu: EmuConfig, secret: &str, redirect: &str) -> Browser {
        let emu = Emulator::start(emu).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let redirect = redirect.replace("{base}", &emu.base_url());
        let client = client(&emu, dir.path(), secret, &redirect);
        let core = open(dir.path(), client.clone());
        Browser {
            emu,
            dir,
            core,
            client,
        }
    }

    fn secrets(&self) -> Secrets {
        Secrets::File(self.dir.path().join("secrets.json"))
    }

    /// Follows the authorization URL as a browser would (auto-approved) and returns the address
    /// FreshBooks sends it back to.
    async fn authorize(&self, authorize_url: &str) -> String {
        let res = http().get(authorize_url).send().await.unwrap();
        assert_eq!(res.status(), reqwest::StatusCode::FOUND, "{authorize_url}");
        res.headers()["location"].to_str().unwrap().to_owned()
    }

    /// Starts a sign-in and returns the deep link the relay page would hand to the app.
    async fn deep_link(&self) -> String {
        let started = self.core.begin_sign_in(AppChoice::Own).await.unwrap();
        assert!(!started.browser_opened);
        let back = self.authorize(&started.authorize_url).await;
        deep_link_of(&back)
    }
}

fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn client(emu: &Emulator, dir: &Path, secret: &str, redirect: &str) -> Client {
    let secrets = Secrets::File(dir.join("secrets.json"));
    let store = Arc::new(SecretTokenStore::for_data_dir(secrets, dir));
    let app = AppCredentials {
        client_id: "demo-client-id".into(),
        client_secret: ClientSecret::new(secret),
        redirect_uri: redirect.parse().unwrap(),
    };
    let mut config = Config::with_urls(app, &emu.base_url(), &emu.base_url()).unwrap();
    config.retry = RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(200),
    };
    Client::new(config, store).unwrap()
}

fn open(dir: &Path, client: Client) -> Core {
    let core = Core::open(CoreConfig {
        data_dir: dir.to_owned(),
        schedule: Schedule::default(),
    })
    .unwrap();
    core.set_client(client);
    core
}

/// `ledgerline://oauth/callback?<the same query>`, as the relay page builds it.
fn deep_link_of(address: &str) -> String {
    let url = url::Url::parse(address).unwrap();
    format!("ledgerline://oauth/callback?{}", url.query().unwrap())
}

fn code_of(err: &Error) -> ErrorCode {
    err.to_payload().code
}

/// A good answer signs in (tokens saved, businesses listed and stored); the same answer again
/// is refused as replayed and changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_good_answer_signs_in_once_and_a_replay_is_refused() {
    let b = Browser::start().await;
    let link = b.deep_link().await;
    assert_eq!(b.core.sign_in_app(&link).await.unwrap(), AppChoice::Own);
    assert_eq!(b.secrets().tokens().unwrap(), None);

    let businesses = b.core.complete_sign_in(&link).await.unwrap();
    let expected = b.emu.control().demo_identity().businesses.len();
    assert_eq!(businesses.len(), expected);
    assert_eq!(b.core.businesses().await.unwrap(), businesses);
    let saved = b.secrets().tokens().unwrap().expect("tokens saved");
    assert_eq!(b.client.tokens().await.unwrap(), Some(saved.clone()));

    let again = b.core.complete_sign_in(&link).await.unwrap_err();
    assert_eq!(code_of(&again), ErrorCode::SignInReplayed);
    assert_eq!(again.to_payload().action, Action::SignIn);
    let checked = b.core.sign_in_app(&link).await.unwrap_err();
    assert_eq!(code_of(&checked), ErrorCode::SignInReplayed);
    assert_eq!(b.secrets().tokens().unwrap(), Some(saved), "unchanged");
    assert_eq!(
        b.emu.control().request_count("POST /auth/oauth/token"),
        1,
        "the replay never reached FreshBooks"
    );
}

/// A state Ledgerline did not make is refused before anything is sent or saved, and does not
/// use up the real sign-in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_state_is_refused_and_nothing_is_saved() {
    let b = Browser::start().await;
    let link = b.deep_link().await;
    let url = url::Url::parse(&link).unwrap();
    let code = url
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let forged = format!("ledgerline://oauth/callback?code={code}&state=forged-by-someone");

    let err = b.core.complete_sign_in(&forged).await.unwrap_err();
    assert_eq!(code_of(&err), ErrorCode::SignInStateMismatch);
    assert!(err.to_string().contains("start signing in again"), "{err}");
    let err = b.core.sign_in_app(&forged).await.unwrap_err();
    assert_eq!(code_of(&err), ErrorCode::SignInStateMismatch);
    assert_eq!(b.secrets().tokens().unwrap(), None);
    assert_eq!(b.core.businesses().await.unwrap(), vec![]);
    assert_eq!(b.emu.control().request_count("POST /auth/oauth/token"), 0);

    b.core.complete_sign_in(&link).await.unwrap();
}

/// An answer to a sign-in started more than 15 minutes ago is refused as stale; it is checked
/// against the time the sign-in started, kept in the mirror.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_after_fifteen_minutes_is_stale() {
    let b = Browser::start().await;
    let started = b.core.begin_sign_in(AppChoice::Own).await.unwrap();
    let expires = started.expires_at - Utc::now();
    assert!(
        expires > TimeDelta::minutes(14) && expires <= TimeDelta::minutes(15),
        "{expires}"
    );
    let link = deep_link_of(&b.authorize(&started.authorize_url).await);
    let later = Utc::now() + TimeDelta::minutes(16);

    let err = b.core.sign_in_app_at(&link, later).await.unwrap_err();
    assert_eq!(code_of(&err), ErrorCode::SignInStale);
    let err = b.core.complete_sign_in_at(&link, later).await.unwrap_err();
    assert_eq!(code_of(&err), ErrorCode::SignInStale);
    assert!(err.to_string().contains("15 minutes"), "{err}");
    assert_eq!(b.secrets().tokens().unwrap(), None);
    // Within the lifetime it still works.
    let soon = Utc::now() + TimeDelta::minutes(14);
    b.core.complete_sign_in_at(&link, soon).await.unwrap();
}

/// A sign-in started before the app closed is completed by the next start (a deep link that
/// cold-starts the app): the state is in the mirror, not in memory.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_in_survives_a_restart() {
    let b = Browser::start().await;
    let link = b.deep_link().await;
    b.core.shutdown().await;
    drop(b.core);

    let client = client(&b.emu, b.dir.path(), "demo-client-secret", REDIRECT);
    let core = open(b.dir.path(), client);
    assert_eq!(core.sign_in_app(&link).await.unwrap(), AppChoice::Own);
    assert!(!core.complete_sign_in(&link).await.unwrap().is_empty());
}

/// Anything but `ledgerline://oauth/callback`, a web address or a bare query is refused with
/// what is wrong, and does not use up the sign-in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn addresses_that_are_not_answers_are_refused() {
    let b = Browser::start().await;
    let link = b.deep_link().await;
    let query = url::Url::parse(&link).unwrap().query().unwrap().to_owned();
    for wrong in [
        format!("ledgerline://oauth/elsewhere?{query}"),
        format!("ledgerline://settings/callback?{query}"),
        format!("mailto:someone@example.com?{query}"),
        format!("file:///tmp/callback?{query}"),
        format!("https://evil.example/oauth/callback?{query}"),
        "ledgerline://oauth/callback?code=abc".to_owned(),
        "ledgerline://oauth/callback".to_owned(),
    ] {
        let err = b.core.complete_sign_in(&wrong).await.unwrap_err();
        assert!(
            matches!(code_of(&err), ErrorCode::NotASignInAddress { .. }),
            "{wrong}: {err:?}"
        );
        let err = b.core.sign_in_app(&wrong).await.unwrap_err();
        assert!(
            matches!(code_of(&err), ErrorCode::NotASignInAddress { .. }),
            "{wrong}: {err:?}"
        );
    }
    assert_eq!(b.secrets().tokens().unwrap(), None);
    b.core.complete_sign_in(&link).await.unwrap();
}

/// The address the browser landed on, pasted as it is, signs in; so does its bare query.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pasted_address_or_query_signs_in() {
    let b = Browser::start().await;
    let started = b.core.begin_sign_in(AppChoice::Own).await.unwrap();
    let landed = b.authorize(&started.authorize_url).await;
    assert!(landed.starts_with(REDIRECT), "{landed}");
    b.core
        .complete_sign_in(&format!("  {landed}\n"))
        .await
        .unwrap();

    let started = b.core.begin_sign_in(AppChoice::Builtin).await.unwrap();
    let landed = b.authorize(&started.authorize_url).await;
    let query = url::Url::parse(&landed)
        .unwrap()
        .query()
        .unwrap()
        .to_owned();
    assert_eq!(
        b.core.sign_in_app(&query).await.unwrap(),
        AppChoice::Builtin
    );
    b.core.complete_sign_in(&format!("?{query}")).await.unwrap();
}

/// FreshBooks' `error=access_denied` (the user chose Deny) ends the sign-in with a sentence
/// saying so, and uses the state up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declined_sign_in_says_so() {
    let emu = EmuConfig {
        auto_approve: false,
        ..EmuConfig::for_tests()
    };
    let b = Browser::start_with(emu, "demo-client-secret", REDIRECT).await;
    let started = b.core.begin_sign_in(AppChoice::Own).await.unwrap();
    // The consent page's form, with Deny pressed.
    let url = url::Url::parse(&started.authorize_url).unwrap();
    let mut form: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    form.push(("decision".into(), "deny".into()));
    let res = http()
        .post(format!("{}/oauth/authorize", b.emu.base_url()))
        .form(&form)
        .send()
        .await
        .unwrap();
    let landed = res.headers()["location"].to_str().unwrap().to_owned();
    let link = deep_link_of(&landed);
    assert!(link.contains("error=access_denied"), "{link}");

    let err = b.core.complete_sign_in(&link).await.unwrap_err();
    assert_eq!(
        code_of(&err),
        ErrorCode::SignInFailed {
            error: "access_denied".into()
        }
    );
    assert_eq!(err.to_payload().action, Action::SignIn);
    assert!(err.to_string().contains("declined"), "{err}");
    assert_eq!(b.secrets().tokens().unwrap(), None);
    let again = b.core.complete_sign_in(&link).await.unwrap_err();
    assert_eq!(code_of(&again), ErrorCode::SignInReplayed);
}

/// A wrong client secret is found at the code exchange: the app's registration is to be
/// checked, and nothing is saved.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_client_secret_is_the_apps_registration() {
    let b = Browser::start_with(EmuConfig::for_tests(), "not-the-secret", REDIRECT).await;
    let link = b.deep_link().await;
    let err = b.core.complete_sign_in(&link).await.unwrap_err();
    let payload = err.to_payload();
    assert_eq!(payload.code, ErrorCode::AppRejected);
    assert_eq!(payload.action, Action::CheckAppRegistration);
    assert!(!payload.message.contains("not-the-secret"), "{payload:?}");
    assert_eq!(b.secrets().tokens().unwrap(), None);
}

/// The state is used up before the code is exchanged: two deliveries of one answer at once
/// (the deep link and a paste, or two launches) exchange the code once; the other is a replay.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_deliveries_at_once_exchange_the_code_once() {
    let b = Browser::start().await;
    b.emu.control().set_latency(Duration::from_millis(100));
    let link = b.deep_link().await;
    let (one, two) = tokio::join!(
        b.core.complete_sign_in(&link),
        b.core.complete_sign_in(&link)
    );
    let outcomes = [one, two];
    let won = outcomes.iter().filter(|r| r.is_ok()).count();
    let replayed = outcomes
        .iter()
        .filter(|r| matches!(r, Err(e) if code_of(e) == ErrorCode::SignInReplayed))
        .count();
    assert_eq!((won, replayed), (1, 1), "{outcomes:?}");
    assert_eq!(b.emu.control().request_count("POST /auth/oauth/token"), 1);
    assert!(b.secrets().tokens().unwrap().is_some());
}

/// Through the relay page, as the app signs in: FreshBooks (the emulator) sends the browser to
/// the relay page, whose address, pasted, signs in; the page itself forwards the same query to
/// `ledgerline://oauth/callback`. A relay address on another host is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_relay_pages_address_signs_in() {
    let b = Browser::start_with(
        EmuConfig::for_tests(),
        "demo-client-secret",
        "{base}/oauth/relay",
    )
    .await;
    let started = b.core.begin_sign_in(AppChoice::Own).await.unwrap();
    let landed = b.authorize(&started.authorize_url).await;
    let relay = format!("{}/oauth/relay?", b.emu.base_url());
    assert!(landed.starts_with(&relay), "{landed}");
    let page = http()
        .get(&landed)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("ledgerline://oauth/callback"));

    let query = url::Url::parse(&landed)
        .unwrap()
        .query()
        .unwrap()
        .to_owned();
    let elsewhere = format!("https://relay.example/oauth/relay?{query}");
    let err = b.core.complete_sign_in(&elsewhere).await.unwrap_err();
    assert!(
        matches!(code_of(&err), ErrorCode::NotASignInAddress { .. }),
        "{err:?}"
    );
    assert!(!b.core.complete_sign_in(&landed).await.unwrap().is_empty());
}

/// Sign-out takes the refresh lock: a refresh in another process that holds it (read the
/// stored pair, asked FreshBooks) finishes first, and the pair it saves is cleared too, instead
/// of signing this computer back in after the sign-out.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_out_waits_for_a_refresh_in_another_process_and_clears_its_pair() {
    use ledgerline_core::session::SignOut;
    use ledgerline_freshbooks::TokenStore;

    let b = Browser::start().await;
    let link = b.deep_link().await;
    b.core.complete_sign_in(&link).await.unwrap();
    let signed_in = b.secrets().tokens().unwrap().expect("signed in");

    // The other process: its store over the same secrets, mid-refresh (holding the lock).
    let other = SecretTokenStore::for_data_dir(b.secrets(), b.dir.path());
    let refreshing = other.lock_refresh().await.unwrap();
    let core = b.core.clone();
    let secrets = b.secrets();
    let sign_out = tokio::spawn(async move {
        core.sign_out(SignOut {
            secrets,
            remove_offline_copy: false,
            discard_unsent: false,
        })
        .await
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!sign_out.is_finished(), "sign-out waits for the refresh");
    let rotated = ledgerline_freshbooks::TokenSet {
        refresh_token: ledgerline_freshbooks::RefreshToken::new("rotated-elsewhere"),
        ..signed_in
    };
    other.save(&rotated).await.unwrap();
    drop(refreshing);

    sign_out.await.unwrap().unwrap();
    assert_eq!(
        b.secrets().tokens().unwrap(),
        None,
        "the rotated pair is gone too"
    );
    assert_eq!(b.client.tokens().await.unwrap(), None);
}
