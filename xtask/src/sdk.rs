//! FreshBooks' official Python SDK against the emulator: the cases in
//! `tests/sdk-conformance/check.py`, run with the SDK pinned in its `requirements.txt`.
//!
//! The SDK comes from PyPI through pip, into a virtualenv under the tool cache
//! (`<cache>/ledgerline/tools/sdk-conformance-venv`). The virtualenv keeps a copy of the
//! requirements it was made from: it is reused while that copy matches and its Python imports the
//! SDK, and made anew otherwise (pins changed, install interrupted, base Python gone).

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use crate::context::Context;
use crate::emulator::EmulatorProcess;
use crate::run::{capture, exec, step, tee};

/// The cases and the pins, relative to the workspace root.
const DIR: &str = "tests/sdk-conformance";
/// The virtualenv's folder under the tool cache.
const VENV: &str = "sdk-conformance-venv";
/// The copy of `requirements.txt` inside the virtualenv, written once the install succeeded.
const PINS_COPY: &str = "ledgerline-requirements.txt";

/// Makes (or reuses) the virtualenv, starts the emulator binary (auto-approving sign-ins) and runs
/// the cases against it; returns whether they passed and their output (`N passed, M failed`).
pub fn run(ctx: &Context) -> Result<(bool, String)> {
    let dir = ctx.root.join(DIR);
    let python = step("FreshBooks SDK virtualenv (pinned)", || {
        virtualenv(ctx, &dir)
    })?;
    exec(
        ctx.cmd("cargo").args([
            "build",
            "--package",
            "freshbooks-emulator",
            "--bin",
            "freshbooks-emulator",
        ]),
        &ctx.root,
    )?;
    let binary = ctx.profile_dir("dev").join("freshbooks-emulator");
    let mut emulator =
        EmulatorProcess::start(ctx.cmd(&binary).args(["--port", "0", "--auto-approve"]))?;
    let base_url = emulator.base_url.clone();
    println!("emulator at {base_url}");
    let res = tee(
        ctx.cmd(&python)
            .arg(dir.join("check.py"))
            .env("FRESHBOOKS_API_URL", &base_url)
            .env("FRESHBOOKS_AUTH_URL", &base_url),
        &ctx.root,
    );
    emulator.stop();
    res
}

/// The pinned SDK's Python (the virtualenv made or reused), for `cargo xtask bench`.
pub fn pinned_python(ctx: &Context) -> Result<PathBuf> {
    let dir = ctx.root.join(DIR);
    step("FreshBooks SDK virtualenv (pinned)", || {
        virtualenv(ctx, &dir)
    })
}

/// The virtualenv's Python, with exactly the pinned packages installed.
fn virtualenv(ctx: &Context, dir: &Path) -> Result<PathBuf> {
    let requirements = dir.join("requirements.txt");
    let pins = std::fs::read_to_string(&requirements)
        .with_context(|| format!("cannot read {}", requirements.display()))?;
    let venv = ctx.tools_root.join(VENV);
    let python = venv_python(&venv);
    let recorded = std::fs::read_to_string(venv.join(PINS_COPY)).unwrap_or_default();
    if recorded == pins
        && capture(ctx.cmd(&python).args(["-c", "import freshbooks, requests"])).is_some()
    {
        println!("{} already has the pinned SDK", venv.display());
        return Ok(python);
    }
    if venv.exists() {
        println!("the pins changed or the virtualenv is incomplete: making it anew");
        std::fs::remove_dir_all(&venv)
            .with_context(|| format!("cannot remove {}", venv.display()))?;
    }
    let base = ctx
        .find("python3")
        .or_else(|| ctx.find("python"))
        .context("no python3 on PATH: run `cargo xtask setup` (Debian: python3-venv)")?;
    exec(ctx.cmd(base).args(["-m", "venv"]).arg(&venv), &ctx.root)
        .context("cannot make a virtualenv (on Debian/Ubuntu it needs python3-venv)")?;
    // `--no-deps`: requirements.txt lists every package, so nothing comes in unpinned;
    // `pip check` then fails if a pinned package needs one that is not listed.
    let pip = |args: &[&str]| {
        let mut command = ctx.cmd(&python);
        command
            .args(["-m", "pip", "--disable-pip-version-check", "--no-input"])
            .args(args);
        command
    };
    exec(
        pip(&[
            "install",
            "--progress-bar",
            "off",
            "--no-deps",
            "--requirement",
        ])
        .arg(&requirements),
        &ctx.root,
    )?;
    exec(&mut pip(&["check"]), &ctx.root)?;
    std::fs::write(venv.join(PINS_COPY), pins)?;
    Ok(python)
}

fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}
