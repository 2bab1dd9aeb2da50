//! The `freshbooks-emulator` binary: `--help` documents every flag, `--port 0` prints the base URL first.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_freshbooks-emulator");

#[test]
fn help_documents_every_flag() {
    let out = Command::new(BIN).arg("--help").output().expect("runs");
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).expect("utf-8");
    for flag in [
        "--port",
        "--host",
        "--seed",
        "--scale",
        "--anchor-date",
        "--state",
        "--auto-approve",
        "--redirect-uri",
        "--access-token-ttl",
        "--legacy-errors-on-200",
        "--latency-ms",
        "--fault-seed",
        "--fault-429",
        "--retry-after",
        "--fault-500",
        "--fault-503",
        "--fault-hang",
        "--hang-ms",
        "--fault-reset",
        "--fault-truncate",
        "--fault-drop-after-commit",
        "--fault-path",
        "--max-requests-per-second",
    ] {
        assert!(help.contains(flag), "--help lacks {flag}:\n{help}");
    }
}

#[tokio::test]
async fn port_zero_prints_the_base_url_first_and_serves() {
    let mut child = Command::new(BIN)
        .args([
            "--port",
            "0",
            "--auto-approve",
            "--scale",
            "empty",
            "--fault-429",
            "0%",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let stdout = child.stdout.take().expect("stdout");
    let first = BufReader::new(stdout)
        .lines()
        .next()
        .expect("a first line")
        .expect("utf-8");
    assert!(first.starts_with("http://127.0.0.1:"), "{first}");
    let health = reqwest::get(format!("{first}/_emulator/health"))
        .await
        .expect("answers")
        .text()
        .await
        .expect("body");
    assert_eq!(health, "ok");
    child.kill().expect("stops");
    let _ = child.wait();
}
