//! Builds the Leptos front end: cargo for wasm32, then wasm-bindgen, into `src-ui/dist` (the
//! folder `tauri.conf.json` embeds). No trunk: it costs ten minutes to install and adds nothing
//! these two steps do not.

use std::path::PathBuf;

use anyhow::{Context as _, Result};

use crate::context::Context;
use crate::run::exec;

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
