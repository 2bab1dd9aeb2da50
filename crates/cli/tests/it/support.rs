//! Running the real binary against an emulator: [`Cli`] (an emulator and a temp directory for
//! the data and the token file), and the checks every area makes on a finished run.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};

use freshbooks_emulator::{Config, DemoBusiness, Emulator};

/// An emulator and a temp directory holding the CLI's data directory and token file.
pub struct Cli {
    pub emu: Emulator,
    pub dir: tempfile::TempDir,
}

impl Cli {
    /// An emulator with the test configuration.
    pub async fn start() -> Cli {
        let emu = Emulator::start(Config::for_tests())
            .await
            .expect("emulator");
        let dir = tempfile::tempdir().expect("temp dir");
        Cli { emu, dir }
    }

    /// An emulator with `config`.
    pub async fn start_with(config: Config) -> Cli {
        Cli {
            emu: Emulator::start(config).await.unwrap(),
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn token_file(&self) -> PathBuf {
        self.dir.path().join("tokens.json")
    }

    /// The binary with a clean environment pointing at the emulator, the data directory and the
    /// token file.
    pub fn command(&self, args: &[&str]) -> Command {
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
    pub async fn run(&self, args: &[&str]) -> Output {
        let mut cmd = self.command(args);
        tokio::task::spawn_blocking(move || cmd.output().expect("binary runs"))
            .await
            .expect("join")
    }

    /// Signs in by writing minted tokens to the token file, as `auth login` would have.
    pub fn sign_in(&self) {
        let (access, refresh) = self.emu.control().mint_tokens();
        let expires = chrono::Utc::now() + chrono::TimeDelta::hours(12);
        let text = serde_json::json!({"tokens": {"access_token": access, "refresh_token": refresh, "expires_at": expires, "scope": null}});
        std::fs::write(self.token_file(), text.to_string()).expect("token file");
    }

    /// The demo business whose name contains `name`.
    pub fn business_named(&self, name: &str) -> DemoBusiness {
        self.emu
            .control()
            .demo_identity()
            .businesses
            .into_iter()
            .find(|b| b.name.contains(name))
            .expect(name)
    }
}

/// Spawns `cmd` with `stdin` and piped stdout and stderr, off the async runtime, and reads the
/// first line it prints (`auth login`'s URL), leaving it running.
pub async fn spawn_reading_first_line(mut cmd: Command, stdin: Stdio) -> (String, Child) {
    tokio::task::spawn_blocking(move || {
        let mut child = cmd
            .stdin(stdin)
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
    .unwrap()
}

/// The browser: an HTTP client that does not follow redirects, so a test can read `Location`.
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn assert_ok(o: &Output) {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status.code(),
        stdout(o),
        stderr(o)
    );
}

/// Exit `code`, and exactly one `error:` line on stderr, containing `contains`.
pub fn assert_one_line_error(o: &Output, code: i32, contains: &str) {
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
