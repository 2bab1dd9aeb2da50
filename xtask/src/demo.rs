//! `cargo xtask demo`: setup, build the UI and the app, and open Ledgerline.

use anyhow::Result;

use crate::context::Context;
use crate::run::{exec, step};
use crate::{setup, ui};

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
    println!("\nOpening Ledgerline ({})", app.display());
    if cfg!(target_os = "linux")
        && std::env::var_os("DISPLAY").is_none()
        && std::env::var_os("WAYLAND_DISPLAY").is_none()
    {
        println!(
            "No display: run it under a virtual one, e.g. `xvfb-run {}`",
            app.display()
        );
    }
    exec(&mut ctx.cmd(&app), &ctx.root)
}
