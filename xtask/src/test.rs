//! `cargo xtask test`: setup, then every check and test, continuing past failures so one run
//! shows everything; it ends with one `N passed, M failed` line and fails if anything did.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context as _, Result, bail};

use crate::context::Context;
use crate::emulator::EmulatorProcess;
use crate::run::{describe, step};
use crate::tally::{Counts, Tally, parse_counts, sum_libtest_counts};
use crate::{setup, tidy, ui};

/// The library crates whose docs must build cleanly and whose examples must compile and pass.
const LIBRARIES: &[&str] = &[
    "ledgerline-model",
    "ledgerline-freshbooks",
    "ledgerline-core",
    "freshbooks-emulator",
];

pub fn run(ctx: &Context) -> Result<()> {
    let started = Instant::now();
    setup::run(ctx)?;
    let mut tally = Tally::default();

    gate(&mut tally, "cargo fmt --check", || {
        checked(&mut cargo(ctx, &["fmt", "--all", "--check"]), ctx)
    });

    let _ = step("architecture invariants", || {
        tidy::run(ctx, &mut tally);
        Ok(())
    });

    // The shell embeds the front end at compile time, so the UI is built before anything that
    // compiles `ledgerline` (clippy included).
    gate(&mut tally, "build the UI (wasm32, release)", || {
        ui::build(ctx, "release").map(|_| ())
    });
    gate(&mut tally, "clippy (native)", || {
        let args = [
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ];
        checked(&mut cargo(ctx, &args), ctx)
    });
    gate(&mut tally, "clippy (wasm32: model, UI)", || {
        let args = [
            "clippy",
            "--package",
            "ledgerline-model",
            "--package",
            "ledgerline-ui",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ];
        checked(&mut cargo(ctx, &args), ctx)
    });
    gate(&mut tally, "rustdoc (-D warnings)", || {
        let mut command = cargo(ctx, &["doc", "--no-deps"]);
        command.env("RUSTDOCFLAGS", "-D warnings");
        for package in LIBRARIES {
            command.args(["--package", package]);
        }
        checked(&mut command, ctx)
    });

    suite(
        &mut tally,
        "unit and integration tests (nextest)",
        parse_counts,
        || {
            let args = [
                "nextest",
                "run",
                "--workspace",
                "--exclude",
                "ledgerline-e2e",
                "--no-fail-fast",
            ];
            tee(&mut cargo(ctx, &args), ctx)
        },
    );
    suite(
        &mut tally,
        "UI component tests (wasm32, headless Chromium)",
        sum_libtest_counts,
        || ui_tests(ctx),
    );
    suite(
        &mut tally,
        "doc examples (cargo test --doc)",
        sum_libtest_counts,
        || {
            let mut command = cargo(ctx, &["test", "--doc"]);
            for package in LIBRARIES {
                command.args(["--package", package]);
            }
            tee(&mut command, ctx)
        },
    );
    suite(
        &mut tally,
        "FreshBooks SDK conformance (official Python SDK vs the emulator)",
        parse_counts,
        || sdk_conformance(ctx),
    );

    if cfg!(target_os = "linux") {
        suite(
            &mut tally,
            "end-to-end tests (release app, Xvfb, tauri-driver)",
            parse_counts,
            || e2e(ctx),
        );
    } else {
        println!("\nend-to-end tests run on Linux only (WebKitWebDriver); skipped here");
    }

    let took = started.elapsed().as_secs();
    println!("\n==> summary after {}m{:02}s", took / 60, took % 60);
    if !tally.failed_steps.is_empty() {
        println!("failed: {}", tally.failed_steps.join(", "));
    }
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed > 0 {
        bail!("{} failed", tally.failed);
    }
    Ok(())
}

/// `cargo xtask e2e`: the UI, the release app and the end-to-end tests alone, for iterating.
pub fn run_e2e_only(ctx: &Context) -> Result<()> {
    step("build the UI (wasm32, release)", || {
        ui::build(ctx, "release")
    })?;
    let (ok, output) = step("end-to-end tests", || e2e(ctx))?;
    match parse_counts(&output) {
        Some(c) if ok => println!("{} passed, {} failed", c.passed, c.failed),
        _ => bail!("the end-to-end tests failed"),
    }
    Ok(())
}

/// Runs `src-ui/tests/web.rs` in headless Chromium through wasm-bindgen-test-runner (installed
/// with wasm-bindgen-cli, so its version matches the lockfile's).
fn ui_tests(ctx: &Context) -> Result<(bool, String)> {
    let chromedriver = ctx
        .find("chromedriver")
        .context("no chromedriver on PATH: run `cargo xtask setup` (Debian: chromium-driver)")?;
    tee(
        ctx.cmd("cargo")
            .args([
                "test",
                "--package",
                "ledgerline-ui",
                "--target",
                "wasm32-unknown-unknown",
                "--test",
                "web",
            ])
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                "wasm-bindgen-test-runner",
            )
            .env("CHROMEDRIVER", chromedriver),
        ctx,
    )
}

/// A step that is one check: it passes or fails as a whole.
fn gate(tally: &mut Tally, name: &str, f: impl FnOnce() -> Result<()>) {
    let ok = step(name, f).is_ok();
    tally.check(name, ok);
}

/// A step that runs a test runner: its counts go into the tally (read from its output by
/// `count`), and a runner that could not run at all counts as one failure.
fn suite(
    tally: &mut Tally,
    name: &str,
    count: fn(&str) -> Option<Counts>,
    f: impl FnOnce() -> Result<(bool, String)>,
) {
    match step(name, f) {
        Ok((ok, output)) => tally.add(name, count(&output), ok),
        Err(_) => tally.check(name, false),
    }
}

/// `cargo <args>` with the task environment.
fn cargo(ctx: &Context, args: &[&str]) -> Command {
    let mut command = ctx.cmd("cargo");
    command.args(args);
    command
}

/// Runs a command in the workspace root; fails if it fails.
fn checked(command: &mut Command, ctx: &Context) -> Result<()> {
    crate::run::exec(command, &ctx.root)
}

/// Runs a command, echoing its output live and keeping a copy for counting.
fn tee(command: &mut Command, ctx: &Context) -> Result<(bool, String)> {
    println!("$ {}", describe(command));
    let mut child = command
        .current_dir(&ctx.root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot start `{}`", describe(command)))?;
    let stderr = child.stderr.take().context("stderr is piped")?;
    let err_thread = std::thread::spawn(move || {
        let mut copy = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            copy.push_str(&line);
            copy.push('\n');
        }
        copy
    });
    let mut copy = String::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            copy.push_str(&line);
            copy.push('\n');
        }
    }
    let status = child.wait()?;
    copy.push_str(&err_thread.join().unwrap_or_default());
    Ok((status.success(), copy))
}

/// Starts the emulator binary (auto-approving sign-ins) and runs FreshBooks' official Python SDK
/// against it through `../shared/sdk-conformance/run`.
fn sdk_conformance(ctx: &Context) -> Result<(bool, String)> {
    let script = ctx.root.join("../shared/sdk-conformance/run");
    if !script.exists() {
        bail!(
            "{} is missing: CI provides shared/ beside the clone",
            script.display()
        );
    }
    crate::run::exec(
        ctx.cmd("cargo").args([
            "build",
            "--package",
            "freshbooks-emulator",
            "--bin",
            "freshbooks-emulator",
        ]),
        &ctx.root,
    )?;
    let binary = ctx.profile_dir("dev").join("freshbooks-emulator");
    let mut emulator =
        EmulatorProcess::start(ctx.cmd(&binary).args(["--port", "0", "--auto-approve"]))?;
    let base_url = emulator.base_url.clone();
    println!("emulator at {base_url}");
    let res = tee(
        ctx.cmd("bash")
            .arg(&script)
            .env("FRESHBOOKS_API_URL", &base_url)
            .env("FRESHBOOKS_AUTH_URL", &base_url),
        ctx,
    );
    emulator.stop();
    res
}

/// Builds the release app and drives it through tauri-driver in a real window.
fn e2e(ctx: &Context) -> Result<(bool, String)> {
    crate::run::exec(
        ctx.cmd("cargo").args([
            "build",
            "--release",
            "--package",
            "ledgerline",
            "--bin",
            "ledgerline",
        ]),
        &ctx.root,
    )?;
    let app = ctx.profile_dir("release").join("ledgerline");
    tee(
        ctx.cmd("cargo")
            .args([
                "nextest",
                "run",
                "--package",
                "ledgerline-e2e",
                "--no-fail-fast",
            ])
            .env("LEDGERLINE_E2E_APP", &app)
            .env("LEDGERLINE_E2E_OUT", ctx.target_dir.join("e2e")),
        ctx,
    )
}
