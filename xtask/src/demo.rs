//! `cargo xtask demo`: setup, build the UI and the app, and open Ledgerline straight into the
//! demo (`LEDGERLINE_START_DEMO=1`: the emulator inside the app, signed in, sample businesses).

use std::ffi::OsString;

use anyhow::Result;

use crate::context::Context;
use crate::run::{exec, step};
use crate::{setup, ui};

/// What tells the app to open the demo at start.
const START_DEMO_ENV: &str = "LEDGERLINE_START_DEMO";

pub fn run(ctx: &Context, args: &[String]) -> Result<()> {
    let release = args.iter().any(|a| a == "--release");
    let profile = if release { "release" } else { "dev" };
    setup::run(ctx)?;
    step("build the UI", || ui::build(ctx, profile))?;
    step("build the app", || {
        exec(
            ctx.cmd("cargo").args([
                "build",
                "--package",
                "ledgerline",
                "--bin",
                "ledgerline",
                "--profile",
                profile,
            ]),
            &ctx.root,
        )
    })?;
    let app = ctx.profile_dir(profile).join("ledgerline");
    println!("\nOpening the Ledgerline demo ({})", app.display());
    // The program and its arguments, wrapped in what this machine lacks: a display, a session bus.
    let mut line: Vec<OsString> = vec![app.clone().into()];
    if needs_virtual_display() {
        let Some(xvfb_run) = ctx.find("xvfb-run") else {
            anyhow::bail!(
                "No display here (DISPLAY and WAYLAND_DISPLAY are unset) and no xvfb-run to make one: run this from a desktop session, or install xvfb (`cargo xtask setup` does) and try again"
            );
        };
        println!(
            "No display here: running it on a virtual one (xvfb-run), so nothing appears on screen. Stop it with Ctrl-C."
        );
        let mut wrapped: Vec<OsString> = vec![
            xvfb_run.into(),
            "--auto-servernum".into(),
            "--server-args=-screen 0 1280x800x24".into(),
        ];
        wrapped.append(&mut line);
        line = wrapped;
    }
    if cfg!(target_os = "linux")
        && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none_or(|v| v.is_empty())
        && let Some(dbus_run_session) = ctx.find("dbus-run-session")
    {
        // One instance at a time is enforced over the session bus.
        let mut wrapped: Vec<OsString> = vec![dbus_run_session.into(), "--".into()];
        wrapped.append(&mut line);
        line = wrapped;
    }
    let mut command = ctx.cmd(&line[0]);
    command.args(&line[1..]);
    command.env(START_DEMO_ENV, "1");
    exec(&mut command, &ctx.root)
}

/// Linux without an X or Wayland display (a server, a container, CI).
fn needs_virtual_display() -> bool {
    let unset = |name| std::env::var_os(name).is_none_or(|v| v.is_empty());
    cfg!(target_os = "linux") && unset("DISPLAY") && unset("WAYLAND_DISPLAY")
}
