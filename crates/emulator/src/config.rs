//! What an emulator is started with: seed, size of the seed data, token lifetime, OAuth apps,
//! persistence and error/fault modes. Built by the binary from flags, or by tests in code.

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;

use crate::faults::Faults;

/// Everything an emulator is started with.
#[derive(Clone, Debug)]
pub struct Config {
    /// Seed of the generated data: the same seed and scale give the same records.
    pub seed: u64,
    /// How much data to generate.
    pub scale: Scale,
    /// The date the seed data is generated around (records span the months before it).
    pub anchor_date: NaiveDate,
    /// Lifetime of access tokens (FreshBooks: 12 hours).
    pub access_token_ttl: Duration,
    /// Approve `/oauth/authorize` at once instead of showing the consent page.
    pub auto_approve: bool,
    /// Redirect URIs registered for the default app besides `https://localhost/oauth/callback`.
    /// Unlike the portal, these may use any scheme (e.g. `ledgerline://oauth/callback`).
    pub extra_redirect_uris: Vec<String>,
    /// Keep the state in this JSON file across restarts (loaded at start, saved after writes).
    pub state_file: Option<PathBuf>,
    /// Send accounting validation errors in the old shape with HTTP 200, as FreshBooks sometimes does.
    pub legacy_errors_on_200: bool,
    /// Fault injection at start.
    pub faults: Faults,
    /// Latency added to every API request.
    pub latency: Duration,
    /// The US/Eastern day the records live in (date defaults, overdue): None follows the real
    /// clock; tests pin it ([`Config::with_today_pinned`]) so that what the emulator answers
    /// does not change when midnight passes in US/Eastern during the test.
    pub today: Option<NaiveDate>,
}

/// Size of the generated data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Scale {
    /// Businesses, taxes and services only: no clients, invoices or time.
    Empty,
    /// A few hundred records per business, for demos and tests.
    Small,
    /// Benchmark size: 2,000 clients, 10,000 invoices with lines, 20,000 time entries in the first business.
    Large,
}

/// Client id of the default registered app.
pub const DEFAULT_CLIENT_ID: &str = "demo-client-id";
/// Client secret of the default registered app.
pub const DEFAULT_CLIENT_SECRET: &str = "demo-client-secret";
/// Redirect URI registered for the default app.
pub const DEFAULT_REDIRECT_URI: &str = "https://localhost/oauth/callback";

impl Config {
    /// Small deterministic data, auto-approve, 12 h tokens, no faults, no latency, in memory.
    pub fn for_tests() -> Self {
        Config {
            seed: 7,
            scale: Scale::Small,
            anchor_date: default_anchor_date(),
            access_token_ttl: Duration::from_secs(12 * 3600),
            auto_approve: true,
            extra_redirect_uris: Vec::new(),
            state_file: None,
            legacy_errors_on_200: false,
            faults: Faults::default(),
            latency: Duration::ZERO,
            today: None,
        }
    }

    /// This configuration with [`Config::today`] pinned to the current US/Eastern day, unless it
    /// is pinned already.
    pub fn with_today_pinned(mut self) -> Self {
        self.today
            .get_or_insert_with(|| crate::timefmt::eastern_date(chrono::Utc::now()));
        self
    }
}

/// The fixed date seed data is generated around, so a seed always gives the same records.
pub fn default_anchor_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 16).expect("2026-11-16 is a valid date")
}
