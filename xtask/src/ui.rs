//! Builds the Leptos front end: cargo for wasm32, then wasm-bindgen, into `src-ui/dist` (the
//! folder `tauri.conf.json` embeds). No trunk: it costs ten minutes to install and adds nothing
//! these two steps do not. What users install (`for_users`) is built with the `wasm-dist`
//! profile and shrunk by binaryen's `wasm-opt -Oz`, from the npm registry like the Tauri CLI.

use std::path::PathBuf;

use anyhow::{Context as _, Result};

use crate::context::Context;
use crate::run::{exec, step};

/// binaryen from npm, pinned: its `wasm-opt` runs on Node.js (already needed for the Tauri CLI),
/// so nothing is compiled from C++ and no Debian package of an older binaryen is needed.
const BINARYEN_VERSION: &str = "132.0.0";

/// The wasm features rustc enables by default for wasm32-unknown-unknown, which the module
/// already uses; wasm-opt must be told it may keep them.
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Static files copied next to the generated glue.
const STATIC_FILES: &[(&str, &str)] = &[
    ("src-ui/index.html", "index.html"),
    ("src-ui/main.js", "main.js"),
    ("src-ui/style/style.css", "style.css"),
    ("src-ui/style/screens.css", "screens.css"),
    ("src-ui/style/invoices.css", "invoices.css"),
    ("src-ui/style/sync.css", "sync.css"),
    ("src-ui/style/drafting.css", "drafting.css"),
];

/// The UI as users get it: the `wasm-dist` profile, then `wasm-opt -Oz` on the module in place.
pub fn for_users(ctx: &Context) -> Result<PathBuf> {
    let wasm_opt = wasm_opt(ctx)?;
    let dist = build(ctx, "wasm-dist")?;
    let module = dist.join("ledgerline_ui_bg.wasm");
    let before = std::fs::metadata(&module)?.len();
    let optimized = dist.join("ledgerline_ui_bg.opt.wasm");
    exec(
        ctx.cmd(&wasm_opt)
            .arg("-Oz")
            .args(WASM_FEATURES)
            .arg(&module)
            .arg("-o")
            .arg(&optimized),
        &ctx.root,
    )?;
    std::fs::rename(&optimized, &module)
        .with_context(|| format!("cannot replace {}", module.display()))?;
    let after = std::fs::metadata(&module)?.len();
    println!("wasm-opt -Oz: {before} bytes -> {after} bytes");
    Ok(dist)
}

/// binaryen's `wasm-opt`, installed from npm into the tool cache unless that version is there.
fn wasm_opt(ctx: &Context) -> Result<PathBuf> {
    let prefix = ctx.tools_root.join("binaryen");
    let exe = prefix
        .join("node_modules")
        .join(".bin")
        .join(if cfg!(windows) {
            "wasm-opt.cmd"
        } else {
            "wasm-opt"
        });
    let marker = ctx.tools_root.join("versions").join("binaryen-npm");
    let recorded = std::fs::read_to_string(&marker).unwrap_or_default();
    if exe.is_file() && recorded.trim() == BINARYEN_VERSION {
        return Ok(exe);
    }
    step("binaryen (npm, for wasm-opt)", || {
        let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
        std::fs::create_dir_all(&prefix)?;
        exec(
            ctx.cmd(npm)
                .args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(&prefix)
                .arg(format!("binaryen@{BINARYEN_VERSION}")),
            &prefix,
        )?;
        std::fs::create_dir_all(marker.parent().context("marker has a parent")?)?;
        std::fs::write(&marker, BINARYEN_VERSION)?;
        Ok(())
    })?;
    Ok(exe)
}

/// Builds the UI with the given cargo profile and returns the dist folder.
pub fn build(ctx: &Context, profile: &str) -> Result<PathBuf> {
    exec(
        ctx.cmd("cargo").args([
            "build",
            "--package",
            "ledgerline-ui",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            profile,
        ]),
        &ctx.root,
    )?;
    let dir = if profile == "dev" { "debug" } else { profile };
    let wasm = ctx
        .target_dir
        .join("wasm32-unknown-unknown")
        .join(dir)
        .join("ledgerline-ui.wasm");
    let dist = ctx.root.join("src-ui").join("dist");
    if dist.exists() {
        std::fs::remove_dir_all(&dist)
            .with_context(|| format!("cannot clear {}", dist.display()))?;
    }
    std::fs::create_dir_all(&dist)?;
    exec(
        ctx.cmd("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                "ledgerline_ui",
            ])
            .arg("--out-dir")
            .arg(&dist)
            .arg(&wasm),
        &ctx.root,
    )?;
    for (from, to) in STATIC_FILES {
        std::fs::copy(ctx.root.join(from), dist.join(to))
            .with_context(|| format!("cannot copy {from} into {}", dist.display()))?;
    }
    Ok(dist)
}
