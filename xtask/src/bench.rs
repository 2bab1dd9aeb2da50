//! `cargo xtask bench`: the first sync of the large seed, as a user on a slow link would see it.
//!
//! Release builds of the emulator and the CLI; the emulator serves the large seed (2,000
//! clients, 10,000 invoices with lines, 20,000 time entries in one business) with 50 ms added to
//! every request; the CLI signs in through the real OAuth redirect, then a first and a second
//! sync of that business are timed. It reports wall time, requests served (the emulator's
//! counters) and the CLI's peak RSS, and writes them to `<target>/bench/first-sync.json`.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context as _, Result, bail};

use crate::context::Context;
use crate::emulator::EmulatorProcess;
use crate::run::{exec, step};

/// Added to every request: a realistic round trip to FreshBooks from a home connection.
const LATENCY_MS: &str = "50";
/// The seeded business that holds the large data set (the owner's).
const LARGE_BUSINESS: &str = "6120451";

pub fn run(ctx: &Context) -> Result<()> {
    if !cfg!(target_os = "linux") {
        bail!("the benchmark reads peak memory through GNU time, so it runs on Linux only");
    }
    step("release builds (emulator, CLI)", || {
        exec(
            ctx.cmd("cargo").args([
                "build",
                "--release",
                "--package",
                "freshbooks-emulator",
                "--package",
                "ledgerline-cli",
            ]),
            &ctx.root,
        )
    })?;
    let release = ctx.profile_dir("release");
    let emulator = EmulatorProcess::start(ctx.cmd(release.join("freshbooks-emulator")).args([
        "--port",
        "0",
        "--auto-approve",
        "--scale",
        "large",
        "--latency-ms",
        LATENCY_MS,
    ]))?;
    let base = emulator.base_url.clone();
    let work = ctx.target_dir.join("bench");
    let data_dir = work.join("data");
    if data_dir.exists() {
        std::fs::remove_dir_all(&data_dir)?;
    }
    std::fs::create_dir_all(&data_dir)?;
    let cli = |args: &[&str]| -> Command {
        let mut command = ctx.cmd(release.join("ledgerline-cli"));
        command
            .args(args)
            .env("FRESHBOOKS_API_URL", &base)
            .env("FRESHBOOKS_AUTH_URL", &base)
            .env("FRESHBOOKS_CLIENT_ID", "demo-client-id")
            .env("FRESHBOOKS_CLIENT_SECRET", "demo-client-secret")
            .env(
                "FRESHBOOKS_REDIRECT_URI",
                "https://localhost/oauth/callback",
            )
            .env("LEDGERLINE_DATA_DIR", &data_dir)
            .env("LEDGERLINE_TOKEN_FILE", work.join("tokens.json"));
        command
    };

    step("sign in", || sign_in(&mut cli(&["auth", "login"])))?;
    exec(&mut cli(&["use", LARGE_BUSINESS]), &ctx.root)?;

    let first = step("first sync (large seed, 50 ms per request)", || {
        measured_sync(&mut cli(&["sync"]), &base)
    })?;
    let second = step("second sync (nothing changed)", || {
        measured_sync(&mut cli(&["sync"]), &base)
    })?;

    let report = serde_json::json!({
        "seed": "large",
        "latency_ms_per_request": LATENCY_MS.parse::<u64>().unwrap_or_default(),
        "first_sync": first.to_json(),
        "second_sync": second.to_json(),
    });
    std::fs::write(
        work.join("first-sync.json"),
        serde_json::to_string_pretty(&report)?,
    )?;
    println!("\n| sync | wall time | requests | peak RSS |");
    println!("|---|---|---|---|");
    for (name, m) in [("first", &first), ("second", &second)] {
        println!(
            "| {name} | {:.1} s | {} | {:.1} MiB |",
            m.wall_ms as f32 / 1000.0,
            m.requests,
            m.peak_rss_kib as f32 / 1024.0
        );
    }
    println!("written to {}", work.join("first-sync.json").display());
    drop(emulator);
    Ok(())
}

/// What one sync cost.
struct Measurement {
    wall_ms: u128,
    requests: u64,
    peak_rss_kib: u64,
}

impl Measurement {
    fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "wall_ms": self.wall_ms,
            "requests": self.requests,
            "peak_rss_kib": self.peak_rss_kib,
        })
    }
}

/// Runs a sync under GNU time, with the emulator's request counters reset first.
fn measured_sync(sync: &mut Command, base: &str) -> Result<Measurement> {
    http(base, "DELETE", "/_emulator/counts")?;
    let program = sync.get_program().to_owned();
    let args: Vec<_> = sync.get_args().map(|a| a.to_owned()).collect();
    let mut timed = Command::new("/usr/bin/time");
    timed.arg("-v").arg(program).args(args);
    for (key, value) in sync.get_envs() {
        match value {
            Some(value) => timed.env(key, value),
            None => timed.env_remove(key),
        };
    }
    let started = Instant::now();
    let out = timed
        .stdin(Stdio::null())
        .output()
        .context("cannot run /usr/bin/time: run `cargo xtask setup` (package time)")?;
    let wall_ms = started.elapsed().as_millis();
    let stderr = String::from_utf8_lossy(&out.stderr);
    print!("{}", String::from_utf8_lossy(&out.stdout));
    if !out.status.success() {
        bail!("the sync failed: {stderr}");
    }
    let peak_rss_kib = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok())
        .context("GNU time reported no peak memory")?;
    let counts: serde_json::Value =
        serde_json::from_str(&http(base, "GET", "/_emulator/counts")?.body)?;
    let requests = counts
        .as_object()
        .map(|m| m.values().filter_map(serde_json::Value::as_u64).sum())
        .unwrap_or_default();
    Ok(Measurement {
        wall_ms,
        requests,
        peak_rss_kib,
    })
}

/// `auth login`: reads the authorization URL from its first line, follows it (the emulator
/// approves at once and redirects), and answers with the address it was sent back to.
fn sign_in(login: &mut Command) -> Result<()> {
    let mut child = login
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot start ledgerline-cli auth login")?;
    let mut stdout = child.stdout.take().context("stdout is piped")?;
    let mut first_line = Vec::new();
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte)? == 1 && byte[0] != b'\n' {
        first_line.push(byte[0]);
    }
    let authorize = String::from_utf8(first_line)?;
    let (base, path) = split_url(authorize.trim())?;
    let answer = http(base, "GET", path)?;
    if !(300..400).contains(&answer.status) {
        bail!(
            "the authorization page answered {} instead of redirecting",
            answer.status
        );
    }
    let location = answer
        .head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("location")
                .then_some(value.trim())
        })
        .context("the authorization page did not say where to go")?;
    let mut stdin = child.stdin.take().context("stdin is piped")?;
    writeln!(stdin, "{}", location.trim())?;
    drop(stdin);
    let mut rest = String::new();
    stdout.read_to_string(&mut rest)?;
    if !child.wait()?.success() {
        bail!("sign-in failed: {rest}");
    }
    Ok(())
}

fn split_url(url: &str) -> Result<(&str, &str)> {
    let after_scheme = url
        .strip_prefix("http://")
        .context("the emulator speaks plain HTTP on loopback")?;
    let path_at = after_scheme.find('/').unwrap_or(after_scheme.len());
    Ok(url.split_at("http://".len() + path_at))
}

/// An HTTP answer: status code, head and body.
struct Answer {
    status: u16,
    head: String,
    body: String,
}

/// A minimal HTTP/1.0 exchange with the emulator on loopback: the bench needs a few requests
/// and no HTTP client crate (HTTP/1.0, so the answer is never chunked).
fn http(base: &str, method: &str, path: &str) -> Result<Answer> {
    let host = base.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(host).with_context(|| format!("cannot reach {host}"))?;
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: {host}\r\nContent-Length: 0\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let (head, body) = response
        .split_once("\r\n\r\n")
        .context("not an HTTP answer")?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .context("no status code")?;
    Ok(Answer {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    })
}
