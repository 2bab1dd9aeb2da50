//! [`Launch`]: what the app is started with. `run()` fills it from the environment; tests build
//! it in code, so nothing process-global decides where a test's data or FreshBooks are.

use std::path::PathBuf;

/// The environment variable that overrides the data directory, shared with `ledgerline-cli`.
pub const DATA_DIR_ENV: &str = "LEDGERLINE_DATA_DIR";
/// Set to `1` (by `cargo xtask demo`) to open the app straight into the demo.
pub const START_DEMO_ENV: &str = "LEDGERLINE_START_DEMO";
/// The redirect URI (relay page) this run registers and sends, overriding the build's.
pub const RELAY_URL_ENV: &str = "LEDGERLINE_RELAY_URL";

/// The publisher's relay page: the HTTPS redirect URI that hands FreshBooks' answer to the app
/// (`relay/index.html`, hosted as `relay/README.md` describes).
pub const PUBLISHER_RELAY_URL: &str = "https://ledgerline.app/oauth/relay/";

/// What the app is started with.
#[derive(Debug, Clone, Default)]
pub struct Launch {
    /// The data folder; `None`: the OS's per-user app data folder.
    pub data_dir: Option<PathBuf>,
    /// FreshBooks' API host; `None`: FreshBooks' own.
    pub api_url: Option<String>,
    /// FreshBooks' authorization host; `None`: FreshBooks' own.
    pub auth_url: Option<String>,
    /// The redirect URI; `None`: the build's (`LEDGERLINE_RELAY_URL` at build time), else the
    /// publisher's relay.
    pub relay_url: Option<String>,
    /// Open the demo at once.
    pub start_demo: bool,
    /// Keep the sign-in in the OS keyring unless the user chose the file. `false` (tests): the
    /// file in the data folder from the start, and no keyring call at all.
    pub keyring: bool,
    /// Where exports are written; `None`: the user's Downloads folder, else the data folder.
    /// (Tests set it, so no test writes into a real Downloads folder.)
    pub export_dir: Option<PathBuf>,
    /// Write the log file in `<data dir>/logs` (one global subscriber per process: `run()` only).
    pub log_file: bool,
}

impl Launch {
    /// From the environment: `LEDGERLINE_DATA_DIR`, `FRESHBOOKS_API_URL`, `FRESHBOOKS_AUTH_URL`,
    /// `LEDGERLINE_RELAY_URL`, `LEDGERLINE_START_DEMO=1`; the keyring and the log file on.
    pub fn from_env() -> Self {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
        Launch {
            data_dir: var(DATA_DIR_ENV).map(PathBuf::from),
            api_url: var("FRESHBOOKS_API_URL"),
            auth_url: var("FRESHBOOKS_AUTH_URL"),
            relay_url: var(RELAY_URL_ENV),
            start_demo: var(START_DEMO_ENV).is_some_and(|v| v.trim() == "1"),
            keyring: true,
            export_dir: None,
            log_file: true,
        }
    }

    /// The redirect URI a sign-in with the built-in or the user's own app sends: this run's,
    /// else the build's, else the publisher's relay.
    pub fn relay_url(&self) -> String {
        self.relay_url
            .clone()
            .or_else(|| option_env!("LEDGERLINE_RELAY_URL").map(str::to_owned))
            .filter(|url| !url.trim().is_empty())
            .unwrap_or_else(|| PUBLISHER_RELAY_URL.to_owned())
    }
}
