//! `cargo xtask bundle [--profile dist|release]`: the installers, built by the Tauri CLI (the
//! prebuilt one from npm, pinned, cached under the tool cache), with the UI built first.
//!
//! - Linux: .deb and .rpm (the bundler writes both itself, in Rust: no `dpkg-deb` or `rpmbuild`
//!   needed). AppImage is left out: its bundling downloads tools from GitHub.
//! - macOS: .app and .dmg; Windows: NSIS and MSI (the bundler downloads NSIS and WiX). Configured
//!   in `src-tauri/tauri.conf.json`, built by `.github/workflows/release.yml`, not tried here.
//!
//! `--profile dist` (the default) is what users install: `tauri build` compiles the app with the
//! `dist` profile (thin LTO, one codegen unit, stripped) and Tauri's `custom-protocol` feature.
//! `--profile release` (Linux) packages the release binary the end-to-end tests run
//! (`cargo build --release`, so it is reused when already built) with `tauri bundle`: the
//! installer check of `cargo xtask test` uses it, so CI pays for the packaging only.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

use crate::context::Context;
use crate::run::{exec, step};
use crate::ui;

/// The Tauri CLI from npm, pinned: the release of the `tauri` crate in Cargo.lock (2.12.5).
/// Raise both together.
const TAURI_CLI_VERSION: &str = "2.12.5";

/// The cargo profile of the packaged binary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// What users install: built by `tauri build` with the `dist` profile.
    Dist,
    /// The release binary the end-to-end tests run, packaged as it is (Linux only).
    Release,
}

impl Profile {
    fn name(self) -> &'static str {
        match self {
            Profile::Dist => "dist",
            Profile::Release => "release",
        }
    }
}

/// The package formats this OS builds.
fn formats() -> &'static str {
    if cfg!(target_os = "linux") {
        "deb,rpm"
    } else if cfg!(target_os = "macos") {
        "app,dmg"
    } else {
        "nsis,msi"
    }
}

pub fn run(ctx: &Context, args: &[String]) -> Result<()> {
    let profile = match args {
        [] => Profile::Dist,
        [flag, value] if flag == "--profile" && value == "dist" => Profile::Dist,
        [flag, value] if flag == "--profile" && value == "release" => Profile::Release,
        _ => bail!("usage: cargo xtask bundle [--profile dist|release]"),
    };
    crate::setup::run(ctx)?;
    step("build the UI (wasm32, as users get it)", || {
        ui::for_users(ctx)
    })?;
    let packages = build(ctx, profile)?;
    println!("\ninstallers ({} profile):", profile.name());
    for package in &packages {
        println!("  {}  {}", package.display(), size_text(package));
    }
    Ok(())
}

/// Builds the app (the UI must be built already) and its packages; returns their paths.
pub fn build(ctx: &Context, profile: Profile) -> Result<Vec<PathBuf>> {
    let tauri = tauri_cli(ctx)?;
    let app_dir = ctx.root.join("src-tauri");
    let bundle_dir = ctx.profile_dir(profile.name()).join("bundle");
    // Stale packages of an earlier version must not be reported as this build's.
    if bundle_dir.exists() {
        std::fs::remove_dir_all(&bundle_dir)
            .with_context(|| format!("cannot clear {}", bundle_dir.display()))?;
    }
    match profile {
        Profile::Dist => step("tauri build (dist profile)", || {
            exec(
                ctx.cmd(&tauri).args([
                    "build",
                    "--ci",
                    "--bundles",
                    formats(),
                    "--",
                    "--profile",
                    "dist",
                ]),
                &app_dir,
            )
        })?,
        Profile::Release => {
            if !cfg!(target_os = "linux") {
                bail!("`--profile release` packages are Linux only; use the dist profile");
            }
            step("the release app (as the end-to-end tests build it)", || {
                exec(&mut release_build(ctx), &ctx.root)
            })?;
            // `--no-binary-patching`: the bundler would otherwise write the package type into
            // the binary in place, the very file the end-to-end tests run.
            step("tauri bundle (the release binary)", || {
                exec(
                    ctx.cmd(&tauri).args([
                        "bundle",
                        "--ci",
                        "--bundles",
                        formats(),
                        "--no-binary-patching",
                    ]),
                    &app_dir,
                )
            })?;
        }
    }
    let packages = packages_in(&bundle_dir)?;
    if packages.is_empty() {
        bail!(
            "the Tauri CLI wrote no package under {}",
            bundle_dir.display()
        );
    }
    Ok(packages)
}

/// `cargo build --release` of the app: the same command as the end-to-end step's, so whichever
/// runs second finds it built.
pub fn release_build(ctx: &Context) -> std::process::Command {
    let mut command = ctx.cmd("cargo");
    command.args([
        "build",
        "--release",
        "--package",
        "ledgerline",
        "--bin",
        "ledgerline",
    ]);
    command
}

/// The files (and, for macOS, the .app folders) the bundler left, one folder per format.
fn packages_in(bundle_dir: &Path) -> Result<Vec<PathBuf>> {
    let mut packages = Vec::new();
    for format in std::fs::read_dir(bundle_dir)
        .with_context(|| format!("no bundles under {}", bundle_dir.display()))?
    {
        let format = format?.path();
        if !format.is_dir() {
            continue;
        }
        for entry in std::fs::read_dir(&format)? {
            let path = entry?.path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let is_package = name.is_some_and(|n| {
                [".deb", ".rpm", ".dmg", ".app", ".exe", ".msi"]
                    .iter()
                    .any(|ext| n.ends_with(ext))
            });
            if is_package {
                packages.push(path);
            }
        }
    }
    packages.sort();
    Ok(packages)
}

/// The package of one format (`deb`, `rpm`) among those built.
pub fn package_of(packages: &[PathBuf], ext: &str) -> Result<PathBuf> {
    packages
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == ext))
        .cloned()
        .with_context(|| format!("no .{ext} among the packages built"))
}

/// Bytes of a file, or of a folder's files (a macOS .app).
pub fn size_of(path: &Path) -> u64 {
    if path.is_dir() {
        std::fs::read_dir(path)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| size_of(&e.path()))
                    .sum()
            })
            .unwrap_or_default()
    } else {
        std::fs::metadata(path).map_or(0, |m| m.len())
    }
}

/// `3.04 MiB (3,188,686 bytes)`
pub fn size_text(path: &Path) -> String {
    let bytes = size_of(path);
    format!("{} ({bytes} bytes)", mib(bytes))
}

/// `3.04 MiB`, rounded to the hundredth.
pub fn mib(bytes: u64) -> String {
    let hundredths = (bytes * 100 + 524_288) / 1_048_576;
    format!("{}.{:02} MiB", hundredths / 100, hundredths % 100)
}

/// The Tauri CLI, installed from npm into the tool cache unless that version is there already
/// (a marker file records it, as `setup` does for cargo-installed tools).
pub fn tauri_cli(ctx: &Context) -> Result<PathBuf> {
    let prefix = &ctx.npm_root;
    let exe = prefix
        .join("node_modules")
        .join(".bin")
        .join(if cfg!(windows) { "tauri.cmd" } else { "tauri" });
    let marker = ctx.tools_root.join("versions").join("tauri-cli-npm");
    let recorded = std::fs::read_to_string(&marker).unwrap_or_default();
    if exe.is_file() && recorded.trim() == TAURI_CLI_VERSION {
        println!("Tauri CLI {TAURI_CLI_VERSION} (npm) already installed");
        return Ok(exe);
    }
    step("Tauri CLI (npm)", || {
        let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
        std::fs::create_dir_all(prefix)?;
        // No npm: the error names the command; Node.js (Debian: nodejs, npm) brings it.
        exec(
            ctx.cmd(npm)
                .args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(prefix)
                .arg(format!("@tauri-apps/cli@{TAURI_CLI_VERSION}")),
            prefix,
        )?;
        std::fs::create_dir_all(marker.parent().context("marker has a parent")?)?;
        std::fs::write(&marker, TAURI_CLI_VERSION)?;
        Ok(())
    })?;
    Ok(exe)
}
