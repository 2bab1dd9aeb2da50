//! `cargo xtask setup`: installs what building and testing Ledgerline need, skipping what is
//! already there, and prints each step with the time it took. Everything comes from the package
//! registries (Debian's, crates.io, npm); nothing is downloaded from anywhere else.

use anyhow::{Context as _, Result, bail};

use crate::context::Context;
use crate::run::{capture, exec, step};

/// Debian/Ubuntu packages: Tauri's WebKitGTK stack, what the end-to-end tests need (a virtual
/// display, the WebKit WebDriver, a D-Bus session and a keyring daemon), and headless Chromium
/// with its driver for the UI's component tests, and what the installer check needs.
const APT_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "libsoup-3.0-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    "libssl-dev",
    "libxdo-dev",
    "libdbus-1-dev",
    "file",
    "xvfb",
    "xauth",
    "x11-utils",
    "webkit2gtk-driver",
    "dbus",
    "dbus-x11",
    "gnome-keyring",
    // secret-tool: the end-to-end tests read the test keyring with it.
    "libsecret-tools",
    "python3-venv",
    "chromium",
    "chromium-driver",
    "time",
    // The installer check: desktop-file-utils' dpkg trigger runs update-desktop-database, as on
    // a desktop; xdg-utils answers which application opens ledgerline:// links.
    "desktop-file-utils",
    "xdg-utils",
];

/// The tauri-driver release line matching Tauri 2.
const TAURI_DRIVER_VERSION: &str = "2.1.0";

pub fn run(ctx: &Context) -> Result<()> {
    println!(
        "Setting up in {} (target dir {}{})",
        ctx.root.display(),
        ctx.target_dir.display(),
        if ctx.ci { ", CI" } else { "" }
    );
    step("system packages", || system_packages(ctx))?;
    step("rust target wasm32-unknown-unknown", || wasm_target(ctx))?;
    step("wasm-bindgen-cli (the lockfile's version)", || {
        wasm_bindgen(ctx)
    })?;
    if cfg!(any(target_os = "linux", windows)) {
        step("tauri-driver", || {
            cargo_install(ctx, "tauri-driver", TAURI_DRIVER_VERSION, "tauri-driver")
        })?;
    }
    step("cargo-nextest", || nextest(ctx))?;
    Ok(())
}

fn system_packages(ctx: &Context) -> Result<()> {
    if cfg!(target_os = "macos") {
        println!("On macOS, install the Xcode command line tools if you have not:");
        println!("    xcode-select --install");
        return Ok(());
    }
    if cfg!(windows) {
        println!(
            "On Windows, install the MSVC build tools and WebView2 (preinstalled on Windows 11):"
        );
        println!(
            "    winget install --id Microsoft.VisualStudio.2022.BuildTools --override \"--add Microsoft.VisualStudio.Workload.VCTools --includeRecommended\""
        );
        println!("    winget install --id Microsoft.EdgeWebView2Runtime");
        return Ok(());
    }
    if ctx.find("dpkg-query").is_none() || ctx.find("apt-get").is_none() {
        println!("Not a Debian-family system: install the equivalents of these packages yourself:");
        println!("    {}", APT_PACKAGES.join(" "));
        return Ok(());
    }
    let mut missing: Vec<&str> = APT_PACKAGES
        .iter()
        .copied()
        .filter(|pkg| !dpkg_installed(ctx, pkg))
        .collect();
    // Node.js and npm: the Tauri CLI and binaryen's wasm-opt (the UI build of `test`) come from
    // npm. Only when no npm is on PATH: a Node.js from elsewhere (NodeSource's) brings its own npm
    // and conflicts with Debian's package.
    if ctx.find("npm").is_none() {
        missing.extend(["nodejs", "npm"]);
    }
    if missing.is_empty() {
        println!("all {} packages present", APT_PACKAGES.len());
        return Ok(());
    }
    println!("missing: {}", missing.join(" "));
    let root = capture(ctx.cmd("id").arg("-u"))
        .is_some_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0");
    let apt = |args: &[&str]| {
        let mut command = if root {
            ctx.cmd("apt-get")
        } else {
            let mut sudo = ctx.cmd("sudo");
            sudo.arg("apt-get");
            sudo
        };
        command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        exec(&mut command, &ctx.root)
    };
    apt(&["update", "-q"])?;
    let mut install = vec!["install", "-y", "-q", "--no-install-recommends"];
    install.extend(&missing);
    apt(&install)
}

fn dpkg_installed(ctx: &Context, pkg: &str) -> bool {
    capture(ctx.cmd("dpkg-query").args(["-W", "-f=${Status}", pkg]))
        .is_some_and(|out| String::from_utf8_lossy(&out.stdout).contains("install ok installed"))
}

fn wasm_target(ctx: &Context) -> Result<()> {
    let installed = capture(ctx.cmd("rustup").args(["target", "list", "--installed"]))
        .context("rustup is needed to add the wasm32 target: install Rust with rustup")?;
    if String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        println!("already installed");
        return Ok(());
    }
    exec(
        ctx.cmd("rustup")
            .args(["target", "add", "wasm32-unknown-unknown"]),
        &ctx.root,
    )
}

/// The wasm-bindgen CLI must be exactly the version of the `wasm-bindgen` crate in Cargo.lock,
/// or the generated glue and the WASM module disagree.
fn wasm_bindgen(ctx: &Context) -> Result<()> {
    let version = lockfile_version(ctx, "wasm-bindgen")?;
    cargo_install(ctx, "wasm-bindgen-cli", &version, "wasm-bindgen")
}

fn nextest(ctx: &Context) -> Result<()> {
    if capture(ctx.cmd("cargo").args(["nextest", "--version"])).is_some() {
        println!("already installed");
        return Ok(());
    }
    cargo_install(ctx, "cargo-nextest", "0.9", "cargo-nextest")
}

/// The version of a package in Cargo.lock.
pub fn lockfile_version(ctx: &Context, package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(ctx.root.join("Cargo.lock"))
        .context("Cargo.lock is missing: run `cargo generate-lockfile`")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{package}\"")
            && let Some(version) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
        {
            return Ok(version.to_owned());
        }
    }
    bail!("Cargo.lock has no package {package}")
}

/// Installs a crate's binary into the tool cache unless the cache already holds that version
/// (a marker file per tool records it: not every tool answers `--version`). A `--locked` install
/// can fail when a locked dependency was yanked from the registry, so it falls back to an
/// unlocked one.
fn cargo_install(ctx: &Context, krate: &str, version: &str, binary: &str) -> Result<()> {
    let marker = ctx.tools_root.join("versions").join(krate);
    let exe = ctx
        .tools_root
        .join("bin")
        .join(format!("{binary}{}", std::env::consts::EXE_SUFFIX));
    let recorded = std::fs::read_to_string(&marker).unwrap_or_default();
    if exe.is_file() && recorded.trim() == version {
        println!("{binary} {version} already installed");
        return Ok(());
    }
    let spec = format!("{krate}@{version}");
    let root = ctx.tools_root.to_string_lossy().into_owned();
    let install = |locked: bool| {
        let mut command = ctx.cmd("cargo");
        command.args(["install", &spec, "--root", &root, "--force"]);
        if locked {
            command.arg("--locked");
        }
        // Tools build in their own target dir, not the workspace's.
        command.env("CARGO_TARGET_DIR", ctx.tools_root.join("build"));
        exec(&mut command, &ctx.root)
    };
    if install(true).is_err() {
        println!("locked install failed; trying without --locked");
        install(false)?;
    }
    std::fs::create_dir_all(marker.parent().context("marker has a parent")?)?;
    std::fs::write(&marker, version)?;
    Ok(())
}
