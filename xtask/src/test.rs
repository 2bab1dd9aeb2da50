//! `cargo xtask test`: setup, then every check and test, continuing past failures so one run
//! shows everything; it ends with one `N passed, M failed` line and fails if anything did.

use std::process::Command;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};

use crate::context::Context;
use crate::run::step;
use crate::tally::{Counts, Tally, parse_counts, sum_libtest_counts};
use crate::{sdk, setup, tidy, ui};

/// The library crates whose docs must build cleanly and whose examples must compile and pass.
const LIBRARIES: &[&str] = &[
    "ledgerline-model",
    "ledgerline-freshbooks",
    "ledgerline-core",
    "freshbooks-emulator",
];

/// The steps that also run alone (`cargo xtask sdk`, `cargo xtask e2e`).
const SDK: &str = "FreshBooks SDK conformance (official Python SDK vs the emulator)";
const E2E: &str = "end-to-end tests (release app, Xvfb, tauri-driver)";

pub fn run(ctx: &Context) -> Result<()> {
    let started = Instant::now();
    setup::run(ctx)?;
    let mut tally = Tally::default();

    gate(&mut tally, "cargo fmt --check", || {
        checked(&mut cargo(ctx, &["fmt", "--all", "--check"]), ctx)
    });

    invariants(ctx, &mut tally);

    // The shell embeds the front end at compile time, so the UI is built before anything that
    // compiles `ledgerline` (clippy included).
    // As users get it (wasm-dist, wasm-opt): the end-to-end tests and the installer check then
    // run the wasm that ships, at about the cost of the release build (measured 57 s after a
    // change to the UI, plus 27 s of wasm-opt).
    gate(&mut tally, "build the UI (wasm32, as users get it)", || {
        ui::for_users(ctx).map(|_| ())
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
    suite(&mut tally, SDK, parse_counts, || sdk::run(ctx));

    if cfg!(target_os = "linux") {
        suite(&mut tally, E2E, parse_counts, || e2e(ctx, &[]));
    } else {
        println!("\nend-to-end tests run on Linux only (WebKitWebDriver); skipped here");
    }
    // After the end-to-end step, so the release app it built is the one packaged.
    match crate::installer::skip_reason(ctx) {
        Some(why) => println!("\n{}: skipped: {why}", crate::installer::STEP),
        None => gate(&mut tally, crate::installer::STEP, || {
            crate::installer::check(ctx)
        }),
    }

    let took = started.elapsed().as_secs();
    println!("\n==> summary after {}m{:02}s", took / 60, took % 60);
    summary(&tally)
}

/// `cargo xtask e2e [FILTER…]`: the UI (as users get it), the release app and the end-to-end
/// tests alone, for iterating; the filters (test names or parts of them, as nextest takes them)
/// run only those.
pub fn run_e2e_only(ctx: &Context, filters: &[String]) -> Result<()> {
    step("build the UI (wasm32, as users get it)", || {
        ui::for_users(ctx)
    })?;
    let started = std::time::SystemTime::now();
    let mut tally = Tally::default();
    suite(&mut tally, E2E, parse_counts, || e2e(ctx, filters));
    // Only a fully green run's pictures go into the README, and only those this run took.
    if tally.failed == 0 {
        let _ = step("the README's screenshots", || {
            update_readme_screenshots(ctx, started)
        });
    }
    summary(&tally)
}

/// `cargo xtask sdk`: FreshBooks' official Python SDK against the emulator, alone.
pub fn run_sdk_only(ctx: &Context) -> Result<()> {
    let mut tally = Tally::default();
    suite(&mut tally, SDK, parse_counts, || sdk::run(ctx));
    summary(&tally)
}

/// `cargo xtask tidy`: the architecture invariants alone.
pub fn run_tidy_only(ctx: &Context) -> Result<()> {
    let mut tally = Tally::default();
    invariants(ctx, &mut tally);
    summary(&tally)
}

/// The closing lines: the failed steps, then `N passed, M failed`; fails if anything did.
fn summary(tally: &Tally) -> Result<()> {
    if !tally.failed_steps.is_empty() {
        println!("failed: {}", tally.failed_steps.join(", "));
    }
    println!("{} passed, {} failed", tally.passed, tally.failed);
    if tally.failed > 0 {
        bail!("{} failed", tally.failed);
    }
    Ok(())
}

/// The architecture invariants of ARCHITECTURE.md, one tally entry per check.
fn invariants(ctx: &Context, tally: &mut Tally) {
    let _ = step("architecture invariants", || {
        tidy::run(ctx, tally);
        Ok(())
    });
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

/// Runs a command in the workspace root, echoing its output live and keeping a copy for counting.
fn tee(command: &mut Command, ctx: &Context) -> Result<(bool, String)> {
    crate::run::tee(command, &ctx.root)
}

/// Builds the release app and the emulator (FreshBooks for the sign-in test, run as a separate
/// process) and drives the app through tauri-driver in a real window.
fn e2e(ctx: &Context, filters: &[String]) -> Result<(bool, String)> {
    // One build each, never one for both: together their dependencies' features unify
    // differently (the emulator's binary wants tokio's signals), and the app built alone (`demo`,
    // `bundle`) and the app built here would keep rebuilding each other.
    for (package, binary) in [
        ("ledgerline", "ledgerline"),
        ("freshbooks-emulator", "freshbooks-emulator"),
        // Another process drafting on the app's data folder (drafting_elsewhere.rs).
        ("ledgerline-cli", "ledgerline-cli"),
    ] {
        crate::run::exec(
            ctx.cmd("cargo")
                .args(["build", "--release", "--package", package, "--bin", binary]),
            &ctx.root,
        )?;
    }
    let release = ctx.profile_dir("release");
    tee(
        ctx.cmd("cargo")
            .args([
                "nextest",
                "run",
                "--package",
                "ledgerline-e2e",
                "--no-fail-fast",
            ])
            .args(filters)
            .env("LEDGERLINE_E2E_APP", release.join("ledgerline"))
            .env(
                "LEDGERLINE_E2E_EMULATOR",
                release.join("freshbooks-emulator"),
            )
            .env("LEDGERLINE_E2E_CLI", release.join("ledgerline-cli"))
            .env("LEDGERLINE_E2E_OUT", e2e_out(ctx)),
        ctx,
    )
}

/// Where the end-to-end tests leave their screenshots.
fn e2e_out(ctx: &Context) -> std::path::PathBuf {
    ctx.target_dir.join("e2e")
}

/// The README's pictures, taken by the end-to-end tests from the real window: the demo with
/// the business switcher open (demo test), Home with its aging chart and the Clients list in
/// English and in French on the large seed (everyday test), the drafting wizard's preview and
/// the Sync page with a conflict in both languages (drafting test). Copied into docs/ by `cargo
/// xtask e2e` only, only when every end-to-end test that ran passed, and only the pictures taken
/// during that run (a filtered run leaves the others as they are), so CI never changes the tree
/// and a broken window never reaches the README.
fn update_readme_screenshots(ctx: &Context, since: std::time::SystemTime) -> Result<()> {
    const PICTURES: [(&str, &str); 9] = [
        ("demo-switcher.png", "demo-switcher.png"),
        ("everyday-home-en.png", "home-en.png"),
        ("everyday-home-fr.png", "home-fr.png"),
        ("everyday-clients-en.png", "clients-en.png"),
        ("everyday-clients-fr.png", "clients-fr.png"),
        ("drafting-preview-en.png", "drafting-preview-en.png"),
        ("drafting-preview-fr.png", "drafting-preview-fr.png"),
        ("sync-en.png", "sync-en.png"),
        ("sync-fr.png", "sync-fr.png"),
    ];
    let docs = ctx.root.join("docs").join("screenshots");
    std::fs::create_dir_all(&docs)?;
    for (taken, kept) in PICTURES {
        let shot = e2e_out(ctx).join(taken);
        let fresh = std::fs::metadata(&shot)
            .and_then(|m| m.modified())
            .is_ok_and(|taken_at| taken_at >= since);
        if !fresh {
            println!(
                "no {} from this run to copy into docs/screenshots",
                shot.display()
            );
            continue;
        }
        std::fs::copy(&shot, docs.join(kept))?;
        println!("updated docs/screenshots/{kept}");
    }
    Ok(())
}
