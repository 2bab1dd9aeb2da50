//! `freshbooks-emulator`: runs the emulator alone. Prints the base URL as the first line of
//! stdout (useful with `--port 0`), then serves until Ctrl-C.

use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use freshbooks_emulator::{Config, Faults, Scale};

/// A FreshBooks API emulator: OAuth, identity, accounting, projects, time tracking and services,
/// with deterministic seed data and fault injection. Control API under /_emulator (see README).
#[derive(Debug, Parser)]
#[command(name = "freshbooks-emulator", version)]
struct Args {
    /// Port on 127.0.0.1 to listen on; 0 picks a free port (the base URL is printed first on stdout).
    #[arg(long, default_value_t = 4010, env = "FRESHBOOKS_EMULATOR_PORT")]
    port: u16,
    /// Address to bind (loopback by default).
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Seed of the generated data: the same seed and scale give the same records.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// How much data to generate.
    #[arg(long, value_enum, default_value_t = Scale::Small)]
    scale: Scale,
    /// Date the seed data is generated around (YYYY-MM-DD); records span the months before it.
    #[arg(long, value_name = "DATE")]
    anchor_date: Option<chrono::NaiveDate>,
    /// Keep the state in this JSON file across restarts (created if missing; in memory when unset).
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Approve /oauth/authorize at once (302 to the redirect URI) instead of showing the consent page.
    #[arg(long)]
    auto_approve: bool,
    /// Register another redirect URI for the default app (repeatable); any scheme, e.g. ledgerline://oauth/callback.
    #[arg(long = "redirect-uri", value_name = "URI")]
    redirect_uris: Vec<String>,
    /// Access token lifetime in seconds (FreshBooks: 43200 = 12 h).
    #[arg(long, default_value_t = 43_200, value_name = "SECS")]
    access_token_ttl: u64,
    /// Send accounting validation errors in the old shape with HTTP 200, as FreshBooks sometimes does.
    #[arg(long)]
    legacy_errors_on_200: bool,
    /// Milliseconds of latency added to every API request.
    #[arg(long, default_value_t = 0, value_name = "MS")]
    latency_ms: u64,
    /// Seed of the fault RNG (faults repeat for the same request order).
    #[arg(long, default_value_t = 0)]
    fault_seed: u64,
    /// Rate of injected 429 answers: per mille (0-1000), or a percent such as 5%.
    #[arg(long, value_parser = rate, default_value = "0", value_name = "RATE")]
    fault_429: u16,
    /// Retry-After seconds on injected 429s (no header when unset).
    #[arg(long, value_name = "SECS")]
    retry_after: Option<u64>,
    /// Rate of injected 500 answers (per mille, or N%).
    #[arg(long, value_parser = rate, default_value = "0", value_name = "RATE")]
    fault_500: u16,
    /// Rate of injected 503 answers (per mille, or N%).
    #[arg(long, value_parser = rate, default_value = "0", value_name = "RATE")]
    fault_503: u16,
    /// Rate of hangs (no answer for --hang-ms) (per mille, or N%).
    #[arg(long, value_parser = rate, default_value = "0", value_name = "RATE")]
    fault_hang: u16,
    /// How long a hang lasts, in milliseconds.
    #[arg(long, default_value_t = 120_000, value_name = "MS")]
    hang_ms: u64,
    /// Rate of connection resets before any answer (per mille, or N%).
    #[arg(long, value_parser = rate, default_value = "0", value_name = "RATE")]
    fault_reset: u16,
    /// Rate of truncated bodies (per mille, or N%).
    #[arg(long, value_parser = rate, default_value = "0", value_name = "RATE")]
    fault_truncate: u16,
    /// Rate of writes that are committed and then answered with a connection reset (per mille, or N%).
    #[arg(long, value_parser = rate, default_value = "0", value_name = "RATE")]
    fault_drop_after_commit: u16,
    /// A real rate limit: requests beyond this many per second get 429 (0 = none).
    #[arg(long, default_value_t = 0, value_name = "N")]
    max_requests_per_second: u32,
    /// Only paths containing this text get faults.
    #[arg(long, value_name = "TEXT")]
    fault_path: Option<String>,
}

fn rate(text: &str) -> Result<u16, String> {
    freshbooks_emulator::parse_rate(text)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let mut config = Config::for_tests();
    config.seed = args.seed;
    config.scale = args.scale;
    if let Some(anchor) = args.anchor_date {
        config.anchor_date = anchor;
    }
    config.state_file = args.state;
    config.auto_approve = args.auto_approve;
    config.extra_redirect_uris = args.redirect_uris;
    config.access_token_ttl = Duration::from_secs(args.access_token_ttl);
    config.legacy_errors_on_200 = args.legacy_errors_on_200;
    config.latency = Duration::from_millis(args.latency_ms);
    config.faults = Faults {
        seed: args.fault_seed,
        rate_limit_per_mille: args.fault_429,
        retry_after_secs: args.retry_after,
        server_error_per_mille: args.fault_500,
        unavailable_per_mille: args.fault_503,
        hang_per_mille: args.fault_hang,
        hang_ms: args.hang_ms,
        reset_per_mille: args.fault_reset,
        truncate_per_mille: args.fault_truncate,
        drop_after_commit_per_mille: args.fault_drop_after_commit,
        max_requests_per_second: args.max_requests_per_second,
        path_contains: args.fault_path,
        script: Vec::new(),
    };
    let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port)).await?;
    let addr = listener.local_addr()?;
    {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "http://{addr}")?;
        stdout.flush()?;
    }
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    freshbooks_emulator::serve(listener, config, shutdown).await
}
