//! `cargo xtask`: Ledgerline's developer tasks, in Rust so they run the same on every OS.
//!
//! - `setup`: installs what building and testing need (system packages, the wasm32 target, tools).
//! - `demo`: setup, build, and open the app.
//! - `test`: setup, then every check and test; ends with one `N passed, M failed` line.
//! - `tidy`, `sdk`, `e2e`, `installer`: one part of `test` alone (the architecture invariants,
//!   FreshBooks' Python SDK against the emulator, the end-to-end tests, the .deb's install check).
//! - `bundle`: builds the installers with the Tauri CLI.

mod bench;
mod bench_desktop;
mod bench_emulator;
mod bundle;
mod context;
mod demo;
mod emulator;
mod installer;
mod run;
mod sdk;
mod setup;
mod tally;
mod test;
mod tidy;
mod ui;
mod webdriver;

use anyhow::{Result, bail};

use crate::context::Context;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  setup    install what building and testing need (idempotent)
  demo     setup, build, and open Ledgerline
  test     setup, then run every check and test
  tidy     check only the architecture invariants of ARCHITECTURE.md
  sdk      run only FreshBooks' official Python SDK against the emulator
  e2e      build the UI and the release app, then run only the end-to-end tests (or those
           whose names hold one of the words after it: `cargo xtask e2e drafting`)
  installer  package the release app as a .deb, install it, check ledgerline:// is registered, remove it (Linux, root)
  bench    first sync of the large seed at 0/50/150 ms vs the Python SDK and the limit, second sync, local queries; writes BENCHMARKS.md
  bench-desktop   the desktop figures alone (Ledgerline beside a blank Tauri app: sizes, start, memory); prints them, writes nothing
  bench-emulator  the emulator alone: per-page cost of the large seed's lists (no latency)
  bundle   build the installers (Linux: .deb, .rpm; macOS: .app, .dmg; Windows: NSIS, MSI); --profile release packages the e2e build";

fn main() {
    if let Err(err) = real_main() {
        eprintln!("xtask: {err:#}");
        std::process::exit(1);
    }
}

fn real_main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        println!("{USAGE}");
        return Ok(());
    };
    let ctx = Context::new()?;
    match command.as_str() {
        "setup" => setup::run(&ctx),
        "demo" => demo::run(&ctx, &args[1..]),
        "test" => test::run(&ctx),
        "tidy" => test::run_tidy_only(&ctx),
        "sdk" => test::run_sdk_only(&ctx),
        "e2e" => test::run_e2e_only(&ctx, &args[1..]),
        "installer" => installer::run_only(&ctx),
        "bench" => bench::run(&ctx),
        "bench-emulator" => bench_emulator::run(&ctx),
        "bench-desktop" => bench::run_desktop_only(&ctx),
        "bundle" => bundle::run(&ctx, &args[1..]),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}
