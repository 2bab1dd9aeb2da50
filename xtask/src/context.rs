//! Where things are: the workspace root, the cargo target directory and the tool cache.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context as _, Result};

/// Paths and environment shared by every task.
pub struct Context {
    /// The workspace root.
    pub root: PathBuf,
    /// The cargo target directory every child cargo uses.
    pub target_dir: PathBuf,
    /// Where `setup` installs tools (`<cache>/ledgerline/tools`, its `bin/` goes on PATH).
    pub tools_root: PathBuf,
    /// Where the Tauri CLI from npm is installed (`<cache>/ledgerline/tools/npm`).
    pub npm_root: PathBuf,
    /// Whether this is a CI run (`CI=true`).
    pub ci: bool,
    /// PATH for children: the tool cache, cargo's bin, then the caller's PATH.
    path: OsString,
}

impl Context {
    pub fn new() -> Result<Self> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .context("xtask lives one level below the workspace root")?
            .to_path_buf();
        let cache = cache_dir()?.join("ledgerline");
        let ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
        // CI keeps its target directory outside the clone, so the next run on the same machine
        // starts warm; developers keep the usual ./target unless they chose otherwise.
        let target_dir = match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ if ci => cache.join("target"),
            _ => root.join("target"),
        };
        let tools_root = cache.join("tools");
        Ok(Self {
            root,
            target_dir,
            path: task_path(tools_root.join("bin"))?,
            npm_root: tools_root.join("npm"),
            tools_root,
            ci,
        })
    }

    /// The directory of a cargo profile's native binaries.
    pub fn profile_dir(&self, profile: &str) -> PathBuf {
        let dir = if profile == "dev" { "debug" } else { profile };
        self.target_dir.join(dir)
    }

    /// A command that sees the target directory and the tool cache on its PATH.
    pub fn cmd(&self, program: impl AsRef<OsStr>) -> Command {
        let mut command = Command::new(program);
        command
            .env("PATH", &self.path)
            .env("CARGO_TARGET_DIR", &self.target_dir);
        command
    }

    /// Finds a program on the task PATH (the tool cache first).
    pub fn find(&self, program: &str) -> Option<PathBuf> {
        let exe = format!("{program}{}", std::env::consts::EXE_SUFFIX);
        std::env::split_paths(&self.path)
            .map(|dir| dir.join(&exe))
            .find(|candidate| candidate.is_file())
    }
}

fn task_path(tools_bin: PathBuf) -> Result<OsString> {
    let mut paths = vec![tools_bin, home_dir()?.join(".cargo").join("bin")];
    if let Some(path) = std::env::var_os("PATH") {
        paths.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(paths).context("a PATH entry contains a separator")
}

fn home_dir() -> Result<PathBuf> {
    std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from)
        .context("neither HOME nor USERPROFILE is set")
}

fn cache_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    if cfg!(windows)
        && let Some(dir) = std::env::var_os("LOCALAPPDATA")
    {
        return Ok(PathBuf::from(dir));
    }
    if cfg!(target_os = "macos") {
        return Ok(home_dir()?.join("Library").join("Caches"));
    }
    Ok(home_dir()?.join(".cache"))
}
