//! Global flags and help: `--data-dir`, `--help` on each command, exit 2 on a usage error.

use std::path::Path;

use crate::support::{Cli, assert_ok, assert_one_line_error, stdout};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn data_dir_flag_and_help() {
    let cli = Cli::start().await;
    let other: &Path = &cli.dir.path().join("elsewhere");
    let out = cli
        .run(&["--data-dir", other.to_str().unwrap(), "clients", "list"])
        .await;
    assert_one_line_error(&out, 1, "no business is chosen");
    assert!(other.join("ledgerline.sqlite3").exists());
    for args in [
        &["--help"][..],
        &["sync", "--help"],
        &["clients", "add", "--help"],
        &["export", "--help"],
        &["invoice", "draft", "--help"],
    ] {
        let out = cli.run(args).await;
        assert_ok(&out);
        assert!(stdout(&out).contains("Usage"), "{args:?}");
    }
    assert_eq!(cli.run(&["sync", "--bogus"]).await.status.code(), Some(2));
}
