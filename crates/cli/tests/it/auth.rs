//! `auth login`: the URL printed, the redirect read from stdin or received on a loopback
//! listener, the `state` checked, the token file written (0600 on Unix).

use std::io::Write;
use std::process::Stdio;

use freshbooks_emulator::Config;

use crate::support::{
    Cli, assert_ok, assert_one_line_error, browser, spawn_reading_first_line, stderr, stdout,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_prints_the_url_then_reads_the_redirect() {
    let cli = Cli::start().await;
    let cmd = cli.command(&["auth", "login"]);
    let (url, mut child) = spawn_reading_first_line(cmd, Stdio::piped()).await;
    assert!(
        url.starts_with(&cli.emu.base_url()) && url.contains("state="),
        "{url}"
    );
    // The browser: the emulator approves at once and redirects with code and state.
    let http = browser();
    let answer = http.get(&url).send().await.unwrap();
    let location = answer.headers()["location"].to_str().unwrap().to_owned();
    let out = tokio::task::spawn_blocking(move || {
        writeln!(child.stdin.as_mut().expect("stdin"), "{location}").expect("write");
        child.wait_with_output().expect("wait")
    })
    .await
    .unwrap();
    assert_ok(&out);
    assert!(
        stdout(&out).contains("Maple Leaf Design Studio"),
        "{}",
        stdout(&out)
    );
    let text = std::fs::read_to_string(cli.token_file()).unwrap();
    assert!(text.contains("refresh_token"));
    assert!(!stderr(&out).contains(&text[..20.min(text.len())]) || text.len() < 20);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(cli.token_file())
                .unwrap()
                .permissions()
                .mode()
                & 0o777,
            0o600
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_refuses_a_wrong_state() {
    let cli = Cli::start().await;
    let mut cmd = cli.command(&["auth", "login"]);
    let out = tokio::task::spawn_blocking(move || {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        writeln!(
            child.stdin.as_mut().unwrap(),
            "https://localhost/oauth/callback?code=abc&state=forged"
        )
        .unwrap();
        child.wait_with_output().unwrap()
    })
    .await
    .unwrap();
    assert_one_line_error(&out, 3, "does not match");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_listens_on_a_loopback_redirect_uri() {
    // A free port for the redirect URI, registered with the emulator's app.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let redirect = format!("http://127.0.0.1:{port}/callback");
    let mut config = Config::for_tests();
    config.extra_redirect_uris = vec![redirect.clone()];
    let cli = Cli::start_with(config).await;
    let mut cmd = cli.command(&["auth", "login"]);
    cmd.env("FRESHBOOKS_REDIRECT_URI", &redirect);
    // stdin closed at once: the browser's request must be what completes the sign-in.
    let (url, child) = spawn_reading_first_line(cmd, Stdio::null()).await;
    let http = browser();
    let location = http.get(&url).send().await.unwrap().headers()["location"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(location.starts_with(&redirect), "{location}");
    // The browser follows the redirect to the CLI's listener (retrying while it starts).
    let mut answer = None;
    for _ in 0..50 {
        if let Ok(a) = http.get(&location).send().await {
            answer = Some(a);
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(answer.expect("the CLI listens").status().is_success());
    let out = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    assert_ok(&out);
    assert!(stdout(&out).contains("Signed in."), "{}", stdout(&out));
}

/// `auth logout` forgets the sign-in and keeps the offline copy, as it always did (same output);
/// `--remove-offline-copy` also removes it, but refuses (one line, saying what to type) while
/// changes are unsent unless `--discard-unsent` says to discard them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_keeps_the_offline_copy_unless_asked_and_never_drops_unsent_changes_silently() {
    let cli = Cli::start().await;
    let data = cli.dir.path().join("data");
    let db = data.join("ledgerline.sqlite3");
    cli.sign_in();
    assert_ok(&cli.run(&["businesses"]).await);
    assert_ok(&cli.run(&["use", "maple"]).await);
    assert_ok(&cli.run(&["sync"]).await);

    // The default: the sign-in goes, the mirror stays and is still browsable.
    let out = cli.run(&["auth", "logout"]).await;
    assert_ok(&out);
    assert_eq!(stdout(&out), "signed out\n");
    let text = std::fs::read_to_string(cli.token_file()).unwrap();
    assert!(!text.contains("refresh_token"), "{text}");
    assert!(db.exists());
    let out = cli.run(&["clients", "list"]).await;
    assert_ok(&out);
    assert!(!stdout(&out).is_empty());

    // An unsent change: removal is refused and the change kept.
    cli.sign_in();
    assert_ok(
        &cli.run(&["clients", "add", "--organization", "Unsent Co"])
            .await,
    );
    let out = cli.run(&["auth", "logout", "--remove-offline-copy"]).await;
    assert_one_line_error(&out, 1, "--discard-unsent");
    assert!(stderr(&out).contains("1 changes"), "{}", stderr(&out));
    assert!(db.exists());
    let text = std::fs::read_to_string(cli.token_file()).unwrap();
    assert!(text.contains("refresh_token"), "still signed in: {text}");
    let out = cli.run(&["status"]).await;
    assert!(
        stdout(&out).contains("1 changes not done"),
        "{}",
        stdout(&out)
    );

    // Discarding them only with the explicit flag, which needs the removal.
    let out = cli.run(&["auth", "logout", "--discard-unsent"]).await;
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let out = cli
        .run(&[
            "auth",
            "logout",
            "--remove-offline-copy",
            "--discard-unsent",
        ])
        .await;
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        "signed out; the offline copy on this computer was removed (1 unsent change discarded)\n"
    );
    for suffix in ["", "-wal", "-shm"] {
        let file = data.join(format!("ledgerline.sqlite3{suffix}"));
        assert!(!file.exists(), "{} is left", file.display());
    }
    let text = std::fs::read_to_string(cli.token_file()).unwrap();
    assert!(!text.contains("refresh_token"), "{text}");
    // The next command starts an empty copy, signed out.
    let out = cli.run(&["clients", "list"]).await;
    assert_one_line_error(&out, 1, "no business is chosen");
    let out = cli.run(&["auth", "status"]).await;
    assert_eq!(out.status.code(), Some(3));
}

/// With nothing unsent, `--remove-offline-copy` removes the copy without asking more.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_removes_an_offline_copy_with_nothing_unsent() {
    let cli = Cli::start().await;
    cli.sign_in();
    assert_ok(&cli.run(&["businesses"]).await);
    assert_ok(&cli.run(&["use", "maple"]).await);
    assert_ok(&cli.run(&["sync"]).await);
    let out = cli.run(&["auth", "logout", "--remove-offline-copy"]).await;
    assert_ok(&out);
    assert_eq!(
        stdout(&out),
        "signed out; the offline copy on this computer was removed\n"
    );
    assert!(!cli.dir.path().join("data/ledgerline.sqlite3").exists());
    let out = cli.run(&["auth", "logout", "--help"]).await;
    assert_ok(&out);
    let help = stdout(&out);
    assert!(
        help.contains("--remove-offline-copy") && help.contains("--discard-unsent"),
        "{help}"
    );
}
