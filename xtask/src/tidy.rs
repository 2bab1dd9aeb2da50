//! The architecture invariants of ARCHITECTURE.md, checked rather than remembered: dependency
//! direction from `cargo metadata`, and forbidden `use` lines found by reading the sources.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Context as _, Result};
use serde_json::Value;

use crate::context::Context;
use crate::run::capture;
use crate::tally::Tally;

/// IO crates that must never reach `ledgerline-model` (it builds for wasm32 and is plain data).
const IO_CRATES: &[&str] = &[
    "tokio", "reqwest", "rusqlite", "keyring", "tauri", "hyper", "mio",
];

/// Which of our packages each of ours may depend on (normal dependencies).
const ALLOWED_OURS: &[(&str, &[&str])] = &[
    ("ledgerline-model", &[]),
    ("freshbooks-emulator", &[]),
    ("ledgerline-freshbooks", &["ledgerline-model"]),
    (
        "ledgerline-core",
        &["ledgerline-model", "ledgerline-freshbooks"],
    ),
    (
        "ledgerline-cli",
        &[
            "ledgerline-model",
            "ledgerline-freshbooks",
            "ledgerline-core",
        ],
    ),
    (
        "ledgerline",
        &[
            "ledgerline-model",
            "ledgerline-freshbooks",
            "ledgerline-core",
            "freshbooks-emulator",
        ],
    ),
    ("ledgerline-ui", &["ledgerline-model"]),
    ("ledgerline-e2e", &["freshbooks-emulator"]),
    ("xtask", &[]),
];

pub fn run(ctx: &Context, tally: &mut Tally) {
    match metadata(ctx) {
        Ok(graph) => {
            for (name, ok) in dependency_checks(&graph) {
                println!("{} {name}", if ok { "ok  " } else { "FAIL" });
                tally.check(&name, ok);
            }
        }
        Err(err) => {
            println!("FAIL cargo metadata: {err:#}");
            tally.check("cargo metadata", false);
        }
    }
    for (name, ok) in source_checks(&ctx.root) {
        println!("{} {name}", if ok { "ok  " } else { "FAIL" });
        tally.check(&name, ok);
    }
}

/// Package name → names of its normal (non-dev, non-build) dependencies, over the whole resolve.
struct Graph {
    deps: BTreeMap<String, BTreeSet<String>>,
    members: BTreeSet<String>,
}

fn metadata(ctx: &Context) -> Result<Graph> {
    let out = capture(
        ctx.cmd("cargo")
            .args(["metadata", "--format-version", "1", "--locked"])
            .current_dir(&ctx.root),
    )
    .context("`cargo metadata --locked` failed (is Cargo.lock up to date?)")?;
    let json: Value = serde_json::from_slice(&out.stdout)?;
    let name_of = |id: &str| -> String {
        json["packages"]
            .as_array()
            .and_then(|pkgs| pkgs.iter().find(|p| p["id"] == id))
            .and_then(|p| p["name"].as_str())
            .unwrap_or(id)
            .to_owned()
    };
    let members = json["workspace_members"]
        .as_array()
        .context("no workspace_members")?
        .iter()
        .filter_map(Value::as_str)
        .map(name_of)
        .collect();
    let mut deps = BTreeMap::new();
    for node in json["resolve"]["nodes"].as_array().context("no resolve")? {
        let id = node["id"].as_str().unwrap_or_default();
        let normal: BTreeSet<String> = node["deps"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|dep| {
                dep["dep_kinds"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|kind| kind["kind"].is_null())
            })
            .filter_map(|dep| dep["pkg"].as_str())
            .map(name_of)
            .collect();
        deps.entry(name_of(id))
            .or_insert_with(BTreeSet::new)
            .extend(normal);
    }
    Ok(Graph { deps, members })
}

impl Graph {
    fn direct(&self, package: &str) -> BTreeSet<String> {
        self.deps.get(package).cloned().unwrap_or_default()
    }

    fn transitive(&self, package: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![package.to_owned()];
        while let Some(next) = stack.pop() {
            for dep in self.direct(&next) {
                if seen.insert(dep.clone()) {
                    stack.push(dep);
                }
            }
        }
        seen
    }
}

fn dependency_checks(graph: &Graph) -> Vec<(String, bool)> {
    let mut checks = Vec::new();
    let model_deps = graph.transitive("ledgerline-model");
    let io: Vec<&&str> = IO_CRATES
        .iter()
        .filter(|c| model_deps.contains(**c))
        .collect();
    checks.push((
        format!("ledgerline-model depends on no IO crate {io:?}"),
        io.is_empty(),
    ));
    for member in &graph.members {
        let allowed = ALLOWED_OURS
            .iter()
            .find(|(name, _)| name == member)
            .map(|(_, allowed)| *allowed);
        let ours: Vec<String> = graph
            .direct(member)
            .into_iter()
            .filter(|dep| graph.members.contains(dep))
            .collect();
        match allowed {
            Some(allowed) => {
                let wrong: Vec<&String> = ours
                    .iter()
                    .filter(|dep| !allowed.contains(&dep.as_str()))
                    .collect();
                checks.push((
                    format!(
                        "{member} depends only on {allowed:?} of ours (found {wrong:?} beyond)"
                    ),
                    wrong.is_empty(),
                ));
            }
            None => checks.push((
                format!("{member} has a dependency rule in xtask/src/tidy.rs and ARCHITECTURE.md"),
                false,
            )),
        }
        if member != "ledgerline" {
            let uses_tauri = graph.transitive(member).contains("tauri");
            checks.push((
                format!("{member} does not depend on tauri (only the shell knows Tauri)"),
                !uses_tauri,
            ));
        }
    }
    checks
}

/// Forbidden lines in sources: the Tauri bridge outside `src-ui/src/ipc.rs`, and IO, clocks or
/// randomness in the pure parts of the core.
fn source_checks(root: &Path) -> Vec<(String, bool)> {
    let mut checks = Vec::new();
    let bridge: Vec<String> = rust_files(&root.join("src-ui/src"))
        .into_iter()
        .filter(|path| !path.ends_with("ipc.rs"))
        .filter(|path| read(path).contains("__TAURI__"))
        .map(|path| relative(root, &path))
        .collect();
    checks.push((
        format!("only src-ui/src/ipc.rs touches window.__TAURI__ (also in {bridge:?})"),
        bridge.is_empty(),
    ));
    const IMPURE: &[&str] = &[
        "tokio",
        "rusqlite",
        "reqwest",
        "SystemTime::now",
        "Utc::now",
        "Instant::now",
        "rand::",
        "std::fs",
        "std::net",
    ];
    let mut pure_files = rust_files(&root.join("crates/core/src/drafting"));
    let plan = root.join("crates/core/src/sync/plan.rs");
    if plan.exists() {
        pure_files.push(plan);
    }
    for path in pure_files {
        let text = read(&path);
        let found: Vec<&&str> = IMPURE.iter().filter(|w| text.contains(**w)).collect();
        checks.push((
            format!("{} is pure (no {found:?})", relative(root, &path)),
            found.is_empty(),
        ));
    }
    checks
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_default()
}
