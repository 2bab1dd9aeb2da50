//! Secrets without a token file: the OS keyring (gnome-keyring under a private D-Bus session,
//! where the machine has one), or a one-line error naming `--token-file` where nothing can hold
//! them.

use std::process::Command;

use crate::support::{Cli, assert_one_line_error, stderr, stdout};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn headless_without_keyring_says_what_to_do() {
    let cli = Cli::start().await;
    let mut cmd = cli.command(&["auth", "logout"]);
    // No token file and no D-Bus session: nothing can hold the sign-in.
    cmd.env_remove("LEDGERLINE_TOKEN_FILE")
        .env("HOME", cli.dir.path());
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    assert_one_line_error(&out, 1, "--token-file");
}

/// The real keyring: gnome-keyring under a private D-Bus session, when this machine has them
/// (the CI image installs both).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keyring_under_a_dbus_session_holds_the_app_credentials() {
    let have = |tool: &str| {
        Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !(have("dbus-run-session") && have("gnome-keyring-daemon")) {
        eprintln!(
            "FIXME: no dbus-run-session or gnome-keyring-daemon here; keyring path not exercised"
        );
        return;
    }
    let cli = Cli::start().await;
    let home = cli.dir.path().join("home");
    let runtime = cli.dir.path().join("run");
    for dir in [
        home.join(".cache"),
        home.join(".local/share"),
        runtime.clone(),
    ] {
        std::fs::create_dir_all(&dir).unwrap();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let bin = env!("CARGO_BIN_EXE_ledgerline-cli");
    let data = cli.dir.path().join("data");
    let script = format!(
        "echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; sleep 0.3; \
         {bin} --data-dir {d} auth configure --client-id demo-client-id --client-secret from-keyring --redirect-uri https://localhost/oauth/callback && \
         {bin} --data-dir {d} auth status; echo \"status-exit=$?\"",
        d = data.display()
    );
    let mut cmd = Command::new("dbus-run-session");
    cmd.args(["--", "sh", "-c", &script])
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("FRESHBOOKS_API_URL", cli.emu.base_url())
        .env("FRESHBOOKS_AUTH_URL", cli.emu.base_url());
    let out = tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap();
    let text = stdout(&out);
    // The app credentials came back from the keyring (no env, no file), then: not signed in.
    assert!(
        text.contains("app credentials stored"),
        "{text}\n{}",
        stderr(&out)
    );
    assert!(
        text.contains("not signed in") && text.contains("status-exit=3"),
        "{text}\n{}",
        stderr(&out)
    );
    assert!(!text.contains("from-keyring") && !stderr(&out).contains("from-keyring"));
}
