//! Secrets never reach the logs: a full flow (sign-in, identity, refresh, listing, writes,
//! errors) runs under a capturing subscriber at TRACE, and the captured text is searched for
//! every token, the code and the client secret.
//!
//! The subscriber is the binary's *global* default, installed by [`init`] before any client is
//! built (every test builds its config through `crate::config`, which calls it). A scoped
//! (`set_default`) subscriber missed events now and then while other tests ran in parallel:
//! tracing caches per-callsite interest globally, so a callsite first hit on another thread
//! could stay disabled. The buffer therefore holds every test's logs, which only widens the
//! search.

use std::io;
use std::sync::{Arc, Mutex, OnceLock};

use freshbooks_emulator::{Config as EmuConfig, Emulator, FaultKind};
use ledgerline_freshbooks::{Client, MemoryTokenStore};
use ledgerline_model::entity::NewClient;
use ledgerline_model::ids::AccountId;
use tracing_subscriber::EnvFilter;

use crate::config;

/// Everything logged by this test binary (the emulator's own logs excluded).
#[derive(Clone, Default)]
pub struct Captured(Arc<Mutex<Vec<u8>>>);

/// Installs the capturing global subscriber once and returns its buffer.
pub fn init() -> &'static Captured {
    static CAPTURED: OnceLock<Captured> = OnceLock::new();
    CAPTURED.get_or_init(|| {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(EnvFilter::new("trace,freshbooks_emulator=off"))
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("the only global subscriber");
        captured
    })
}

impl io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().expect("log buffer").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_full_flow_logs_no_secret() {
    let captured = init();

    let emu = Emulator::start(EmuConfig::for_tests())
        .await
        .expect("emulator");
    let store = Arc::new(MemoryTokenStore::new());
    let client = Client::new(config(&emu.base_url()), store.clone()).expect("client");
    tracing::info!(?client, config = ?client.config(), "client built");

    let request = client.sign_in_request();
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("browser");
    let landed = browser
        .get(request.url.clone())
        .send()
        .await
        .expect("authorize")
        .headers()
        .get(reqwest::header::LOCATION)
        .expect("redirect")
        .to_str()
        .expect("ascii")
        .to_owned();
    let code = url::Url::parse(&landed)
        .expect("url")
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .expect("code");
    client
        .finish_sign_in(&request.state, &landed)
        .await
        .expect("signed in");
    let first = store.current().expect("tokens");
    tracing::info!(tokens = ?first, "signed in");

    let me = client.me().await.expect("identity");
    let owner = me
        .memberships
        .iter()
        .find(|m| m.role.presumed_writable())
        .expect("writable");
    let account = owner
        .business
        .account_id
        .clone()
        .unwrap_or_else(|| AccountId::from("none"));

    emu.control().expire_access_tokens();
    let clients = client
        .clients(&account)
        .list()
        .collect()
        .await
        .expect("clients after refresh");
    assert!(!clients.is_empty());
    let second = store.current().expect("tokens");
    assert_ne!(second.refresh_token, first.refresh_token);

    emu.control().push_faults(&[FaultKind::DropAfterCommit]);
    let err = client
        .clients(&account)
        .create(&NewClient {
            organization: Some("Quiet Logs Ltd".into()),
            ..NewClient::default()
        })
        .await
        .unwrap_err();
    tracing::error!(error = ?err, "write failed: {err}");
    emu.control().expire_access_tokens();
    let err = Client::new(
        config(&emu.base_url()),
        Arc::new(MemoryTokenStore::with_tokens(first.clone())),
    )
    .expect("client")
    .me()
    .await
    .unwrap_err();
    tracing::error!(error = ?err, "stale sign-in: {err}");
    client.sign_out().await.expect("signed out");
    emu.shutdown().await;

    let logs = String::from_utf8(captured.0.lock().expect("logs").clone()).expect("utf-8");
    assert!(
        logs.contains("FreshBooks tokens refreshed and saved"),
        "the capture works:\n{logs}"
    );
    assert!(logs.contains("[redacted]"));
    let secrets = [
        first.access_token.secret(),
        first.refresh_token.secret(),
        second.access_token.secret(),
        second.refresh_token.secret(),
        "demo-client-secret",
        code.as_str(),
        request.state.secret(),
    ];
    for secret in secrets {
        assert!(secret.len() >= 8, "a real secret: {secret}");
        assert!(
            !logs.contains(secret),
            "a secret leaked into the logs:\n{logs}"
        );
    }
}
