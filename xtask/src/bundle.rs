//! `cargo xtask bundle`: installers built by the Tauri CLI (from npm, prebuilt), with the UI
//! built first. On Linux it makes a .deb (AppImage bundling downloads tools, which the build
//! machines cannot).

use anyhow::Result;

use crate::context::Context;
use crate::run::{exec, step};
use crate::ui;

/// The Tauri CLI release line matching the `tauri` crate.
const TAURI_CLI: &str = "@tauri-apps/cli@2";

pub fn run(ctx: &Context) -> Result<()> {
    crate::setup::run(ctx)?;
    step("build the UI (release)", || ui::build(ctx, "release"))?;
    let tauri = ctx.npm_root.join("node_modules").join(".bin").join("tauri");
    if !tauri.exists() {
        step("Tauri CLI (npm)", || {
            std::fs::create_dir_all(&ctx.npm_root)?;
            exec(
                ctx.cmd("npm")
                    .args(["install", "--no-audit", "--no-fund", "--prefix"])
                    .arg(&ctx.npm_root)
                    .arg(TAURI_CLI),
                &ctx.root,
            )
        })?;
    }
    let bundles = if cfg!(target_os = "linux") {
        "deb"
    } else if cfg!(target_os = "macos") {
        "app,dmg"
    } else {
        "nsis"
    };
    step("tauri build", || {
        exec(
            ctx.cmd(&tauri)
                .args(["build", "--bundles", bundles, "--", "--profile", "dist"])
                .current_dir(ctx.root.join("src-tauri")),
            &ctx.root.join("src-tauri"),
        )
    })?;
    println!(
        "installers are under {}",
        ctx.profile_dir("dist").join("bundle").display()
    );
    Ok(())
}
