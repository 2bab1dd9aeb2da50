//! The log file: `<data dir>/logs/ledgerline.<date>.log`, one per day, the last week kept.
//!
//! No secrets reach it: tokens and client secrets are redacted types whose `Debug` hides them,
//! and sign-in addresses (whose query holds the code and state) are never logged. HTTP libraries
//! log at `warn` only, so no request URL with a query is written either. `RUST_LOG` overrides
//! the levels.

use std::path::Path;

use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{Builder, InitError, RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;

/// Log files kept.
const KEPT: usize = 7;

/// The levels unless `RUST_LOG` says otherwise.
const DEFAULT_FILTER: &str =
    "info,hyper=warn,hyper_util=warn,reqwest=warn,tao=warn,wry=warn,tauri=warn";

/// Starts writing the log file; the guard flushes it when dropped. `None` (and a message on
/// stderr) when the folder cannot be written: the app runs without a log.
pub fn start(log_dir: &Path) -> Option<WorkerGuard> {
    let appender = match appender(log_dir) {
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

/// The daily appender over `log_dir`, made first if new: the appender looks for old files to
/// prune before it creates the folder, and says "Error reading the log directory/files" on
/// stderr when the folder does not exist yet (a new data folder).
fn appender(log_dir: &Path) -> Result<RollingFileAppender, String> {
    std::fs::create_dir_all(log_dir).map_err(|e| format!("{}: {e}", log_dir.display()))?;
    Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix("ledgerline")
        .filename_suffix("log")
        .max_log_files(KEPT)
        .build(log_dir)
        .map_err(|e: InitError| e.to_string())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    #[test]
    fn a_new_data_folder_gets_its_log_folder_and_file() {
        let dir = tempfile::tempdir().unwrap();
        let logs = dir.path().join("new-data").join("logs");
        let mut appender = super::appender(&logs).unwrap();
        appender.write_all(b"first line\n").unwrap();
        appender.flush().unwrap();
        let files: Vec<String> = std::fs::read_dir(&logs)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        assert!(files[0].starts_with("ledgerline.") && files[0].ends_with(".log"));
    }
}
