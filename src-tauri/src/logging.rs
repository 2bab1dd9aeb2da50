//! The log file: `<data dir>/logs/ledgerline.<date>.log`, one per day, the last week kept.
//!
//! No secrets reach it: tokens and client secrets are redacted types whose `Debug` hides them,
//! and sign-in addresses (whose query holds the code and state) are never logged. HTTP libraries
//! log at `warn` only, so no request URL with a query is written either. `RUST_LOG` overrides
//! the levels.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, Rotation};
use tracing_subscriber::EnvFilter;

/// Log files kept.
const KEPT: usize = 7;

/// The levels unless `RUST_LOG` says otherwise.
const DEFAULT_FILTER: &str =
    "info,hyper=warn,hyper_util=warn,reqwest=warn,tao=warn,wry=warn,tauri=warn";

/// Starts writing the log file; the guard flushes it when dropped. `None` (and a message on
/// stderr) when the folder cannot be written: the app runs without a log.
pub fn start(log_dir: &Path) -> Option<WorkerGuard> {
    let appender = Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix("ledgerline")
        .filename_suffix("log")
        .max_log_files(KEPT)
        .build(log_dir);
    let appender = match appender {
        Ok(appender) => appender,
        Err(e) => {
            #[allow(clippy::print_stderr)]
            {
                eprintln!("Ledgerline writes no log file: {e}");
            }
            return None;
        }
    };
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(DEFAULT_FILTER));
    let installed = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(false)
        .try_init();
    installed.ok().map(|()| guard)
}
