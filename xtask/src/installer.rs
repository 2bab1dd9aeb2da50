//! The installer check of `cargo xtask test`: the .deb installs, and the system then names
//! Ledgerline as the handler of `ledgerline://` (the address the browser sends the sign-in back
//! to); removing it takes the registration away again.
//!
//! It does what a Debian desktop does: `dpkg -i`, whose trigger from `desktop-file-utils` runs
//! `update-desktop-database` over `/usr/share/applications` (the package has no maintainer
//! scripts of its own), then asks `xdg-mime` (and GLib's `gio`, what GNOME asks, when present)
//! which application handles `x-scheme-handler/ledgerline`, with empty per-user settings so only
//! the system-wide registration counts. It also checks that the .desktop file passes
//! `desktop-file-validate`, that its `Exec` passes the link on (`%u`), and that every library
//! the installed binary needs resolves. The package is always removed at the end.
//!
//! Linux and root only (CI runs as root on a fresh runner), and never where a `ledgerline`
//! package is installed already: the check would replace it and then remove it.

use std::path::Path;
use std::process::Command;

use anyhow::{Context as _, Result, bail};

use crate::bundle::{self, Profile};
use crate::context::Context;
use crate::run::{capture, exec};

/// The step's name in `cargo xtask test`.
pub const STEP: &str = "installer: .deb installs and registers ledgerline://";

const SCHEME_MIME: &str = "x-scheme-handler/ledgerline";
const DESKTOP_FILE: &str = "Ledgerline.desktop";
const INSTALLED_DESKTOP: &str = "/usr/share/applications/Ledgerline.desktop";
const INSTALLED_BINARY: &str = "/usr/bin/ledgerline";
const PACKAGE: &str = "ledgerline";

/// `cargo xtask installer`: the check alone (the release app is built first if it is not).
pub fn run_only(ctx: &Context) -> Result<()> {
    if let Some(why) = skip_reason(ctx) {
        bail!("{STEP}: cannot run here: {why}");
    }
    crate::run::step(STEP, || check(ctx))
}

/// Why the check cannot run here, if it cannot.
pub fn skip_reason(ctx: &Context) -> Option<String> {
    if !cfg!(target_os = "linux") {
        return Some("the .deb check runs on Linux only".into());
    }
    if ctx.find("dpkg").is_none() {
        return Some("not a Debian-family system (no dpkg)".into());
    }
    let root = capture(ctx.cmd("id").arg("-u"))
        .is_some_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0");
    if !root {
        return Some("installing a .deb needs root (CI runs as root)".into());
    }
    if installed(ctx) {
        return Some(format!(
            "a `{PACKAGE}` package is installed on this machine; the check would replace and remove it"
        ));
    }
    None
}

/// Packages the release build (building it only if the end-to-end step has not), installs the
/// .deb, checks the registration, and removes the package again.
pub fn check(ctx: &Context) -> Result<()> {
    for tool in [
        "xdg-mime",
        "update-desktop-database",
        "desktop-file-validate",
    ] {
        if ctx.find(tool).is_none() {
            bail!(
                "{tool} is missing: run `cargo xtask setup` (Debian: xdg-utils, desktop-file-utils)"
            );
        }
    }
    let packages = bundle::build(ctx, Profile::Release)?;
    let deb = bundle::package_of(&packages, "deb")?;
    println!("package: {} ({})", deb.display(), bundle::size_text(&deb));
    let checked =
        exec(ctx.cmd("dpkg").arg("-i").arg(&deb), &ctx.root).and_then(|()| installed_checks(ctx));
    // Removed whatever happened, also after a half-done install.
    let removed = exec(ctx.cmd("dpkg").args(["-r", PACKAGE]), &ctx.root);
    checked?;
    removed?;
    removed_checks(ctx)
}

/// What must hold while the package is installed.
fn installed_checks(ctx: &Context) -> Result<()> {
    let entry = std::fs::read_to_string(INSTALLED_DESKTOP)
        .with_context(|| format!("the package installed no {INSTALLED_DESKTOP}"))?;
    println!("{INSTALLED_DESKTOP}:\n{entry}");
    exec(
        ctx.cmd("desktop-file-validate").arg(INSTALLED_DESKTOP),
        &ctx.root,
    )?;
    let key = |name: &str| {
        entry
            .lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix('='))
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    if !key("MimeType").split(';').any(|m| m == SCHEME_MIME) {
        bail!("the .desktop file does not declare {SCHEME_MIME}");
    }
    let exec_line = key("Exec");
    if !exec_line.split_whitespace().any(|a| a == "%u" || a == "%U") {
        bail!("`Exec={exec_line}` does not pass the link to Ledgerline (no %u)");
    }

    let handler = xdg_default(ctx)?;
    println!("xdg-mime query default {SCHEME_MIME}: {handler}");
    if handler != DESKTOP_FILE {
        bail!("xdg-mime names `{handler}` as the handler of {SCHEME_MIME}, not {DESKTOP_FILE}");
    }
    if ctx.find("gio").is_some() {
        let out = isolated(ctx, "gio")
            .args(["mime", SCHEME_MIME])
            .output()
            .context("cannot run gio")?;
        let text = String::from_utf8_lossy(&out.stdout);
        println!("gio mime {SCHEME_MIME}:\n{text}");
        if !text.contains(DESKTOP_FILE) {
            bail!("GLib (gio mime) does not list {DESKTOP_FILE} for {SCHEME_MIME}");
        }
    }

    let ldd = ctx
        .cmd("ldd")
        .arg(INSTALLED_BINARY)
        .output()
        .context("cannot run ldd")?;
    let missing: Vec<String> = String::from_utf8_lossy(&ldd.stdout)
        .lines()
        .filter(|l| l.contains("not found"))
        .map(|l| l.trim().to_owned())
        .collect();
    if !ldd.status.success() || !missing.is_empty() {
        bail!(
            "{INSTALLED_BINARY} needs libraries the package's dependencies do not bring: {}",
            missing.join(", ")
        );
    }
    println!("{INSTALLED_BINARY}: every library it needs resolves");
    Ok(())
}

/// What must hold once the package is removed: nothing of it left, the scheme unregistered.
fn removed_checks(ctx: &Context) -> Result<()> {
    if installed(ctx) || Path::new(INSTALLED_BINARY).exists() {
        bail!("`dpkg -r {PACKAGE}` left the package or {INSTALLED_BINARY} behind");
    }
    let handler = xdg_default(ctx)?;
    if !handler.is_empty() {
        bail!("after removal xdg-mime still names `{handler}` for {SCHEME_MIME}");
    }
    println!("removed: {SCHEME_MIME} has no handler again");
    Ok(())
}

/// The desktop's answer to "which application opens ledgerline:// links".
fn xdg_default(ctx: &Context) -> Result<String> {
    let out = isolated(ctx, "xdg-mime")
        .args(["query", "default", SCHEME_MIME])
        .output()
        .context("cannot run xdg-mime")?;
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// A desktop query that sees the system-wide registration only: empty per-user config and data
/// folders, and no desktop session (xdg-mime's generic lookup: mimeapps.list, defaults.list,
/// then the mimeinfo.cache `update-desktop-database` writes).
fn isolated(ctx: &Context, program: &str) -> Command {
    let home = ctx.target_dir.join("installer-check-home");
    let _ = std::fs::create_dir_all(home.join("config"));
    let _ = std::fs::create_dir_all(home.join("data"));
    let mut command = ctx.cmd(program);
    command
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("XDG_CURRENT_DESKTOP")
        .env_remove("DESKTOP_SESSION")
        .env_remove("KDE_FULL_SESSION")
        .env_remove("GNOME_DESKTOP_SESSION_ID")
        .current_dir(&ctx.root);
    command
}

fn installed(ctx: &Context) -> bool {
    capture(ctx.cmd("dpkg-query").args(["-W", "-f=${Status}", PACKAGE]))
        .is_some_and(|out| String::from_utf8_lossy(&out.stdout).contains("install ok installed"))
}
