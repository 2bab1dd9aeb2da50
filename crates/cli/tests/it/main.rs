//! The real `ledgerline-cli` binary against the emulator (in process, port 0): the contract
//! scripts rely on — stdout, one-line errors, exit codes, `--data-dir`, the token file.
// Helpers outside #[test] functions too: a failed unwrap there is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use freshbooks_emulator::{Config, Emulator};

struct Cli {
    emu: Emulator,
    dir: tempfile::TempDir,
}

impl Cli {
    async fn start() -> Cli {
        let emu = Emulator::start(Config::for_tests())
            .await
            .expect("emulator");
        let dir = tempfile::tempdir().expect("temp dir");
        Cli { emu, dir }
    }

    fn token_file(&self) -> PathBuf {
        self.dir.path().join("tokens.json")
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ledgerline-cli"));
        cmd.args(args)
            .env_clear()
            .env("FRESHBOOKS_API_URL", self.emu.base_url())
            .env("FRESHBOOKS_AUTH_URL", self.emu.base_url())
            .env("FRESHBOOKS_CLIENT_ID", "demo-client-id")
            .env("FRESHBOOKS_CLIENT_SECRET", "demo-client-secret")
            .env(
                "FRESHBOOKS_REDIRECT_URI",
                "https://localhost/oauth/callback",
            )
            .env("LEDGERLINE_DATA_DIR", self.dir.path().join("data"))
            .env("LEDGERLINE_TOKEN_FILE", self.token_file());
        cmd
    }

    /// Runs the binary off the async runtime (the emulator keeps serving meanwhile).
    async fn run(&self, args: &[&str]) -> Output {
        let mut cmd = self.command(args);
        tokio::task::spawn_blocking(move || cmd.output().expect("binary runs"))
            .await
            .expect("join")
    }

    /// Signs in by writing minted tokens to the token file, as `auth login` would have.
    fn sign_in(&self) {
        let (access, refresh) = self.emu.control().mint_tokens();
        let expires = chrono::Utc::now() + chrono::TimeDelta::hours(12);
        let text = serde_json::json!({"tokens": {"access_token": access, "refresh_token": refresh, "expires_at": expires, "scope": null}});
        std::fs::write(self.token_file(), text.to_string()).expect("token file");
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn assert_ok(o: &Output) {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        stdout(o),
        stderr(o)
    );
}

fn assert_one_line_error(o: &Output, code: i32, contains: &str) {
    assert_eq!(
        o.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        stdout(o),
        stderr(o)
    );
    let err = stderr(o);
    let lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].contains(contains), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_prints_the_url_then_reads_the_redirect() {
    let cli = Cli::start().await;
    let mut cmd = cli.command(&["auth", "login"]);
    let (url, mut child) = tokio::task::spawn_blocking(move || {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut first = String::new();
        BufReader::new(child.stdout.as_mut().expect("stdout"))
            .read_line(&mut first)
            .expect("first line");
        (first.trim().to_owned(), child)
    })
    .await
    .unwrap();
    assert!(
        url.starts_with(&cli.emu.base_url()) && url.contains("state="),
        "{url}"
    );
    // The browser: the emulator approves at once and redirects with code and state.
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
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
async fn sync_use_clients_export_and_errors() {
    let cli = Cli::start().await;
    // Not signed in: exit 3 with what to do.
    assert_one_line_error(&cli.run(&["sync"]).await, 3, "auth login");
    cli.sign_in();
    // Several businesses and none chosen: the user must choose.
    assert_one_line_error(&cli.run(&["sync"]).await, 1, "ledgerline-cli use");
    let out = cli.run(&["businesses"]).await;
    assert_ok(&out);
    assert_eq!(stdout(&out).lines().count(), 3);
    assert_ok(&cli.run(&["use", "maple"]).await);
    assert_one_line_error(
        &cli.run(&["use", "Nowhere"]).await,
        1,
        "no business matches",
    );
    let out = cli.run(&["sync", "--all"]).await;
    assert_ok(&out);
    assert!(stdout(&out).starts_with("synced:"), "{}", stdout(&out));

    let out = cli
        .run(&[
            "clients",
            "add",
            "--organization",
            "Scripted Co",
            "--email",
            "s@example.com",
        ])
        .await;
    assert_ok(&out);
    let out = cli.run(&["status"]).await;
    assert!(stdout(&out).contains("create_client"), "{}", stdout(&out));
    assert_ok(&cli.run(&["sync"]).await);
    let out = cli.run(&["export", "clients", "--format", "json"]).await;
    assert_ok(&out);
    let clients: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&out)).expect("one JSON array");
    let scripted: Vec<_> = clients
        .iter()
        .filter(|c| c["organization"] == "Scripted Co")
        .collect();
    assert_eq!(scripted.len(), 1);
    assert!(scripted[0]["id"].as_i64().unwrap() > 0);
    let id = scripted[0]["id"].to_string();
    assert_ok(&cli.run(&["clients", "archive", &id]).await);
    assert_ok(&cli.run(&["sync"]).await);
    let out = cli.run(&["clients", "list", "--archived"]).await;
    assert!(
        stdout(&out).contains("Scripted Co\ts@example.com (archived)"),
        "{}",
        stdout(&out)
    );

    let out = cli
        .run(&[
            "export",
            "invoices",
            "--format",
            "csv",
            "--business",
            "Hudson",
        ])
        .await;
    assert_ok(&out);
    let text = stdout(&out);
    let header = text.lines().next().unwrap();
    assert!(
        header.contains("lines") && header.contains("invoice_number"),
        "{header}"
    );
    assert_one_line_error(
        &cli.run(&["export", "widgets"]).await,
        1,
        "not something Ledgerline mirrors",
    );

    let out = cli.run(&["time", "unbilled"]).await;
    assert_ok(&out);
    assert!(stdout(&out).contains("entries"));
    // FreshBooks unreachable: exit 4.
    cli.emu.control().set_faults(freshbooks_emulator::Faults {
        unavailable_per_mille: 1000,
        ..Default::default()
    });
    assert_eq!(cli.run(&["sync"]).await.status.code(), Some(4));
}

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conflicts_and_invoice_draft_through_the_cli() {
    let cli = Cli::start().await;
    cli.sign_in();
    assert_ok(&cli.run(&["businesses"]).await);
    assert_ok(&cli.run(&["use", "xVm3Q"]).await);
    assert_ok(&cli.run(&["sync"]).await);
    let out = cli.run(&["clients", "list", "--json"]).await;
    let clients: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let id = clients[0]["id"].as_i64().unwrap();

    // Edited here and in FreshBooks: a conflict, resolved from the command line.
    assert_ok(
        &cli.run(&[
            "clients",
            "edit",
            &id.to_string(),
            "--organization",
            "Mine Ltd",
        ])
        .await,
    );
    let (access, _) = cli.emu.control().mint_tokens();
    let url = format!(
        "{}/accounting/account/xVm3Q/users/clients/{id}",
        cli.emu.base_url()
    );
    let answer = reqwest::Client::new()
        .put(url)
        .bearer_auth(access)
        .json(&serde_json::json!({"client": {"organization": "Theirs Inc"}}))
        .send()
        .await
        .unwrap();
    assert!(answer.status().is_success());
    // The conflict waits on the user: exit 5, one line saying where to settle it.
    assert_one_line_error(&cli.run(&["sync"]).await, 5, "conflicts list");
    let out = cli.run(&["conflicts", "list"]).await;
    assert_ok(&out);
    let line = stdout(&out);
    assert!(
        line.contains("Mine Ltd") && line.contains("Theirs Inc"),
        "{line}"
    );
    let number = line
        .split('\t')
        .next()
        .unwrap()
        .trim_start_matches('#')
        .to_owned();
    assert_one_line_error(&cli.run(&["conflicts", "resolve", &number]).await, 2, "");
    assert_ok(
        &cli.run(&["conflicts", "resolve", &number, "--keep-mine"])
            .await,
    );
    assert_ok(&cli.run(&["sync"]).await);
    let out = cli.run(&["export", "clients"]).await;
    let clients: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let ours = clients.iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(ours["organization"], "Mine Ltd");

    // Invoice from time: a dry run changes nothing; the real draft is sent by sync.
    let out = cli.run(&["time", "unbilled", "--json"]).await;
    let entries: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let client = entries
        .iter()
        .find_map(|e| e["client_id"].as_i64())
        .expect("unbilled time with a client");
    let client = client.to_string();
    let out = cli
        .run(&[
            "invoice",
            "draft",
            "--client",
            &client,
            "--rate",
            "100",
            "--round-minutes",
            "15",
            "--tax",
            "HST:13",
            "--dry-run",
        ])
        .await;
    assert_ok(&out);
    assert!(stdout(&out).contains("total"), "{}", stdout(&out));
    let before = cli.run(&["status"]).await;
    assert!(
        stdout(&before).contains("0 changes not done"),
        "{}",
        stdout(&before)
    );
    let out = cli
        .run(&[
            "invoice",
            "draft",
            "--client",
            &client,
            "--rate",
            "100",
            "--date",
            "2026-11-20",
        ])
        .await;
    assert_ok(&out);
    assert_ok(&cli.run(&["sync"]).await);
    let out = cli.run(&["time", "unbilled", "--client", &client]).await;
    assert!(stdout(&out).starts_with("0 entries"), "{}", stdout(&out));
    let out = cli.run(&["export", "invoices"]).await;
    let invoices: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let drafted = invoices
        .iter()
        .filter(|i| {
            i["customerid"].as_i64().map(|c| c.to_string()).as_deref() == Some(client.as_str())
                && i["create_date"] == "2026-11-20"
        })
        .count();
    assert_eq!(drafted, 1);
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
    let emu = Emulator::start(config).await.unwrap();
    let cli = Cli {
        emu,
        dir: tempfile::tempdir().unwrap(),
    };
    let mut cmd = cli.command(&["auth", "login"]);
    cmd.env("FRESHBOOKS_REDIRECT_URI", &redirect);
    let (url, child) = tokio::task::spawn_blocking(move || {
        // stdin closed at once: the browser's request must be what completes the sign-in.
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut first = String::new();
        BufReader::new(child.stdout.as_mut().expect("stdout"))
            .read_line(&mut first)
            .expect("first line");
        (first.trim().to_owned(), child)
    })
    .await
    .unwrap();
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
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

/// FreshBooks refuses the user one entity (403 on reads): `sync` still succeeds and says so,
/// and `status` shows the entity as not available with FreshBooks' reason.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_6_status_shows_an_entity_refused_on_read() {
    let cli = Cli::start().await;
    cli.sign_in();
    assert_ok(&cli.run(&["businesses"]).await);
    assert_ok(&cli.run(&["use", "maple"]).await);
    let maple = cli
        .emu
        .control()
        .demo_identity()
        .businesses
        .into_iter()
        .find(|b| b.name.contains("Maple"))
        .expect("Maple");
    cli.emu
        .control()
        .deny_reads(freshbooks_emulator::ReadDenial {
            resource: "expenses".into(),
            business: Some(maple.account_id.clone()),
        });
    let out = cli.run(&["sync"]).await;
    assert_ok(&out);
    assert!(
        stdout(&out).contains("1 entities not available"),
        "{}",
        stdout(&out)
    );
    let out = cli.run(&["status"]).await;
    assert_ok(&out);
    let text = stdout(&out);
    let expenses = text
        .lines()
        .find(|l| l.trim_start().starts_with("expenses"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        expenses.contains("not available: You do not have permission")
            && expenses.contains("sync --full"),
        "{text}"
    );
    let clients = text
        .lines()
        .find(|l| l.trim_start().starts_with("clients"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        !clients.contains("never") && !clients.contains("not available"),
        "{text}"
    );
}

/// Changes FreshBooks refused show in `sync`'s exit status (5), in this run and the next ones,
/// until the user drops them; `sync --help` documents the code.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_6_sync_exits_5_while_a_refused_change_waits() {
    let cli = Cli::start().await;
    cli.sign_in();
    assert_ok(&cli.run(&["businesses"]).await);
    let read_only = cli
        .emu
        .control()
        .demo_identity()
        .businesses
        .into_iter()
        .find(|b| !b.can_write)
        .expect("a read-only business");
    assert_ok(&cli.run(&["use", &read_only.account_id]).await);
    assert_ok(&cli.run(&["sync"]).await);
    let out = cli.run(&["clients", "list", "--json"]).await;
    let clients: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let id = clients[0]["id"].as_i64().unwrap().to_string();
    assert_ok(
        &cli.run(&["clients", "edit", &id, "--organization", "Not Allowed Ltd"])
            .await,
    );
    assert_one_line_error(&cli.run(&["sync"]).await, 5, "1 changes were refused");
    // Still waiting on the user at the next sync.
    assert_one_line_error(&cli.run(&["sync"]).await, 5, "ledgerline-cli undo");
    let out = cli.run(&["status"]).await;
    let text = stdout(&out);
    let change = text
        .lines()
        .find(|l| l.contains("rejected"))
        .and_then(|l| l.trim().split('\t').next())
        .map(|n| n.trim_start_matches('#').to_owned())
        .unwrap_or_else(|| panic!("{text}"));
    assert_ok(&cli.run(&["undo", &change]).await);
    assert_ok(&cli.run(&["sync"]).await);

    let out = cli.run(&["sync", "--help"]).await;
    assert_ok(&out);
    assert!(
        stdout(&out).contains("5 the sync finished but changes were refused"),
        "{}",
        stdout(&out)
    );
}

/// A business FreshBooks no longer lists for this sign-in is kept while it has unsent changes.
/// `businesses` used to list it like any other, so nothing said why it was there or that it is
/// not synced; its line is now marked and says why, in one line.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_6_businesses_marks_one_kept_for_unsent_changes() {
    let state_dir = tempfile::tempdir().unwrap();
    let state_file = state_dir.path().join("freshbooks.json");
    let mut config = Config::for_tests();
    config.state_file = Some(state_file.clone());
    let emu = Emulator::start(config.clone()).await.unwrap();
    let cli = Cli {
        emu,
        dir: tempfile::tempdir().unwrap(),
    };
    cli.sign_in();
    assert_ok(&cli.run(&["businesses"]).await);
    assert_ok(&cli.run(&["use", "maple"]).await);
    assert_ok(&cli.run(&["sync"]).await);
    assert_ok(
        &cli.run(&["clients", "add", "--organization", "Unsent Co"])
            .await,
    );
    let maple = cli
        .emu
        .control()
        .demo_identity()
        .businesses
        .into_iter()
        .find(|b| b.name.contains("Maple"))
        .expect("Maple");
    let Cli { emu, dir } = cli;
    emu.shutdown().await;
    // The same FreshBooks, seen by a user who is not a member of Maple.
    let mut state: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&state_file).unwrap()).unwrap();
    state["businesses"]
        .as_array_mut()
        .unwrap()
        .retain(|business| business["id"] != serde_json::json!(maple.business_id));
    std::fs::write(&state_file, state.to_string()).unwrap();
    let cli = Cli {
        emu: Emulator::start(config).await.unwrap(),
        dir,
    };
    cli.sign_in();

    let out = cli.run(&["businesses"]).await;
    assert_ok(&out);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 3, "{text}");
    let kept = text
        .lines()
        .find(|l| l.contains("Maple"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(kept.starts_with('!'), "{text}");
    assert!(
        kept.contains("not listed for this sign-in")
            && kept.contains("1 unsent change")
            && kept.contains("auth login"),
        "{text}"
    );
    for other in text.lines().filter(|l| !l.contains("Maple")) {
        assert!(
            !other.starts_with('!') && !other.contains("unsent"),
            "{text}"
        );
    }
}
