//! The architecture invariants of ARCHITECTURE.md, checked rather than remembered.
//!
//! How the document and the checks stay in step: in ARCHITECTURE.md's `## Architecture
//! invariants` section, each invariant is a bullet starting with its bold title; one that is
//! checked here ends with a marker holding a short stable id, ``*(checked `pure-core`: how)*``.
//! [`INVARIANTS`] has one row per id. Tidy fails when
//!
//! - an invariant is marked checked without an id, or with an id that has no row here;
//! - a row's id is not marked checked in ARCHITECTURE.md (or is marked twice);
//! - a check names a file, folder or workspace package that does not exist: it moved or was
//!   renamed, and a check that reads nothing would pass silently. Checks reach the workspace only
//!   through [`Workspace`], whose accessors fail on a missing path or package.
//!
//! Adding a checked invariant is one row in [`INVARIANTS`] plus its check function, and the
//! marker with the same id in ARCHITECTURE.md.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, anyhow, bail};
use serde_json::Value;

use crate::context::Context;
use crate::run::capture;
use crate::tally::Tally;

/// A check's verdicts: what was checked, and whether it held.
type Findings = Vec<(String, bool)>;
/// A check: `Err` when it cannot run (a path it names is missing, `cargo metadata` failed).
type Check = fn(&Workspace) -> Result<Findings>;

/// Every checked invariant: its id in ARCHITECTURE.md and its check.
const INVARIANTS: &[(&str, Check)] = &[
    ("model-no-io", model_no_io),
    ("crate-direction", crate_direction),
    ("tauri-in-shell-only", tauri_in_shell_only),
    ("tauri-bridge-in-ipc", tauri_bridge_in_ipc),
    ("emulator-standalone", emulator_standalone),
    ("pure-core", pure_core),
    ("freshbooks-names", freshbooks_names),
    ("core-speaks-to-anyone", core_speaks_to_anyone),
    ("ui-text-in-catalogs", ui_text_in_catalogs),
];

/// The document that states the invariants, and its section.
const DOC: &str = "ARCHITECTURE.md";
const SECTION: &str = "Architecture invariants";
/// What starts the marker of a checked invariant.
const MARKER: &str = "*(checked";

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

/// The shell: the one package allowed to depend on Tauri.
const SHELL: &str = "ledgerline";

/// Names that mean IO, clock reads or randomness, forbidden in the pure parts of the core.
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

/// FreshBooks field names that are FreshBooks' alone (ours differ, or we never use the word), as
/// they stand in Rust string literals.
const FRESHBOOKS_FIELDS: &[&str] = &[
    "\"fname\"",
    "\"lname\"",
    "\"customerid\"",
    "\"userid\"",
    "\"invoiceid\"",
    "\"p_street\"",
    "\"p_city\"",
    "\"p_code\"",
    "\"bus_phone\"",
    "\"mob_phone\"",
    "\"vis_state\"",
    "\"v3_status\"",
    "\"taxName1\"",
    "\"taxAmount1\"",
    "\"compounded_tax\"",
    "\"billing_method\"",
    "\"is_logged\"",
    "\"accounting_systemid\"",
];

/// Where FreshBooks field names may stand outside `crates/freshbooks`: the core's FreshBooks-shaped
/// storage (the mirror keeps records as FreshBooks sent them; operations are stored under
/// FreshBooks' names) and the code that reads it. ARCHITECTURE.md states the same list.
const FRESHBOOKS_SHAPED: &[&str] = &[
    "crates/core/src/store",
    "crates/core/src/outbox",
    "crates/core/src/edit.rs",
    "crates/core/src/queries.rs",
    "crates/core/src/queries",
];

/// Where FreshBooks field names must not stand (outside tests and comments).
const FRESHBOOKS_FREE: &[&str] = &[
    "crates/core/src",
    "crates/cli/src",
    "crates/model/src",
    "src-tauri/src",
    "src-ui/src",
];

/// Words only the command line may say: the core's messages, and the client's that the core
/// passes on, serve the desktop app too.
const CLI_WORDS: &[&str] = &[
    "ledgerline-cli",
    "auth login",
    "auth configure",
    "sync --full",
    "--token-file",
    "--data-dir",
    "--business",
    "--rate",
    "LEDGERLINE_TOKEN_FILE",
    "FRESHBOOKS_CLIENT_",
];

/// Whose messages reach people through any front end.
const SPEAKS_TO_ANYONE: &[&str] = &["crates/core/src", "crates/freshbooks/src"];

/// The UI's catalogs, each with the same keys.
const CATALOGS: &[&str] = &["src-ui/locales/en.ftl", "src-ui/locales/fr-CA.ftl"];

/// The catalogs' areas (`## area` groups) and the prefix of their keys.
const CATALOG_AREAS: &[(&str, &str)] = &[
    ("common", "common-"),
    ("frame", "frame-"),
    ("sign-in", "sign-in-"),
    ("settings", "settings-"),
    ("help", "help-"),
    ("errors", "error-"),
    ("home", "home-"),
    ("clients", "clients-"),
    ("time", "time-"),
    ("invoices", "invoices-"),
    ("sync", "sync-"),
    ("drafting", "drafting-"),
];

/// Attributes whose value a person reads (or hears).
const TEXT_ATTRIBUTES: &[&str] = &[
    "aria-label=",
    "title=",
    "placeholder=",
    "alt=",
    "aria-valuetext=",
];

/// Writing this on a line (or the line before) lets a literal through, with a reason.
const TEXT_ESCAPE: &str = "i18n-ok:";

pub fn run(ctx: &Context, tally: &mut Tally) {
    // Each line says what failed; the tally (and the closing `failed:` line) names the invariant.
    let mut report = |step: &str, what: String, ok: bool| {
        println!("{} {what}", if ok { "ok  " } else { "FAIL" });
        tally.check(step, ok);
    };
    let sync_step = format!("invariants: {DOC} against xtask/src/tidy.rs");
    let stated = match std::fs::read_to_string(ctx.root.join(DOC)) {
        Ok(text) => stated_invariants(&text),
        Err(err) => Err(anyhow!("cannot read {DOC}: {err}")),
    };
    let stated = stated.unwrap_or_else(|err| {
        report(&sync_step, format!("{err:#}"), false);
        Vec::new()
    });
    let ids: Vec<&str> = INVARIANTS.iter().map(|(id, _)| *id).collect();
    for (what, ok) in doc_sync(&stated, &ids) {
        report(&sync_step, what, ok);
    }
    let workspace = Workspace::load(ctx);
    for (id, check) in INVARIANTS {
        let step = format!("invariant `{id}`");
        match check(&workspace) {
            Ok(findings) => {
                for (what, ok) in findings {
                    report(&step, format!("[{id}] {what}"), ok);
                }
            }
            Err(err) => {
                let title = stated
                    .iter()
                    .find(|s| s.id.as_deref() == Some(id))
                    .map(|s| format!(" \"{}\"", s.title))
                    .unwrap_or_default();
                let what = format!("[{id}] cannot check{title}: {err:#}");
                report(&step, what, false);
            }
        }
    }
}

// ----- ARCHITECTURE.md against the table -----

/// An invariant as ARCHITECTURE.md states it.
#[derive(Debug, PartialEq, Eq)]
struct Stated {
    /// The bold text the bullet starts with.
    title: String,
    /// Whether it carries the `*(checked` marker.
    checked: bool,
    /// The id in the marker, ``*(checked `id`…)*``.
    id: Option<String>,
}

/// The bullets of the invariants section (a bullet's continuation lines are indented).
fn stated_invariants(doc: &str) -> Result<Vec<Stated>> {
    let section = doc
        .split("\n## ")
        .find_map(|part| part.strip_prefix(SECTION))
        .with_context(|| format!("{DOC} has no `## {SECTION}` section"))?;
    let mut bullets: Vec<String> = Vec::new();
    for line in section.lines().skip(1) {
        if let Some(text) = line.strip_prefix("- ") {
            bullets.push(text.to_owned());
        } else if line.starts_with(' ')
            && let Some(last) = bullets.last_mut()
        {
            last.push(' ');
            last.push_str(line.trim());
        }
    }
    if bullets.is_empty() {
        bail!("{DOC}'s `## {SECTION}` section lists no invariant");
    }
    Ok(bullets.iter().map(|b| parse_bullet(b)).collect())
}

fn parse_bullet(text: &str) -> Stated {
    let title = text
        .strip_prefix("**")
        .and_then(|rest| rest.split_once("**"))
        .map_or(text, |(title, _)| title)
        .to_owned();
    let marker = text.find(MARKER).map(|at| &text[at + MARKER.len()..]);
    let id = marker
        .and_then(|rest| rest.strip_prefix(" `"))
        .and_then(|rest| rest.split_once('`'))
        .map(|(id, _)| id.to_owned());
    Stated {
        title,
        checked: marker.is_some(),
        id,
    }
}

/// Every checked invariant has a check and every check an invariant; one failure per mismatch.
fn doc_sync(stated: &[Stated], ids: &[&str]) -> Findings {
    let mut findings = Vec::new();
    let mut marked = BTreeSet::new();
    for s in stated.iter().filter(|s| s.checked) {
        match &s.id {
            None => findings.push((
                format!(
                    "{DOC} marks \"{}\" checked without an id: write {MARKER} `id`)* and add the \
                     id's check to xtask/src/tidy.rs",
                    s.title
                ),
                false,
            )),
            Some(id) if !marked.insert(id.as_str()) => findings.push((
                format!("{DOC} marks two invariants checked as `{id}`"),
                false,
            )),
            Some(id) if !ids.contains(&id.as_str()) => findings.push((
                format!(
                    "{DOC} marks \"{}\" checked as `{id}`, but xtask/src/tidy.rs has no check \
                     `{id}`",
                    s.title
                ),
                false,
            )),
            Some(_) => {}
        }
    }
    for id in ids.iter().filter(|id| !marked.contains(*id)) {
        findings.push((
            format!(
                "xtask/src/tidy.rs checks `{id}`, but no invariant in {DOC} is marked {MARKER} \
                 `{id}`)*"
            ),
            false,
        ));
    }
    if findings.is_empty() {
        findings.push((
            format!(
                "{DOC} marks {} invariants checked, each with its check here",
                marked.len()
            ),
            true,
        ));
    }
    findings
}

// ----- what the checks read -----

/// The workspace as the checks see it: files under the root and the dependency graph. Every
/// accessor fails on a path or package that does not exist.
struct Workspace {
    root: PathBuf,
    /// The graph, or why `cargo metadata` could not give it.
    graph: std::result::Result<Graph, String>,
}

impl Workspace {
    fn load(ctx: &Context) -> Self {
        Self {
            root: ctx.root.clone(),
            graph: metadata(ctx).map_err(|err| format!("{err:#}")),
        }
    }

    /// A path named by a check, which must exist.
    fn path(&self, relative: &str) -> Result<PathBuf> {
        let path = self.root.join(relative);
        if !path.exists() {
            bail!(
                "`{relative}` does not exist: it moved or was removed; update the path in \
                 xtask/src/tidy.rs (and in {DOC} if it names it)"
            );
        }
        Ok(path)
    }

    /// The `.rs` files of a folder (recursively) or the `.rs` file itself; at least one.
    fn rust_files(&self, relative: &str) -> Result<Vec<PathBuf>> {
        let path = self.path(relative)?;
        let files = rust_files(&path);
        if files.is_empty() {
            bail!("`{relative}` holds no Rust file, so the check would read nothing");
        }
        Ok(files)
    }

    /// A file's text.
    fn read(&self, path: &Path) -> Result<String> {
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
    }

    fn relative(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    fn graph(&self) -> Result<&Graph> {
        self.graph
            .as_ref()
            .map_err(|err| anyhow!("cargo metadata: {err}"))
    }

    /// The graph, after making sure each named package is one of the workspace's.
    fn packages(&self, names: &[&str]) -> Result<&Graph> {
        let graph = self.graph()?;
        for name in names {
            if !graph.members.contains(*name) {
                bail!(
                    "no workspace package is named `{name}`: it was renamed or removed; update \
                     xtask/src/tidy.rs"
                );
            }
        }
        Ok(graph)
    }
}

// ----- the checks -----

/// `model` depends on no IO crate, directly or not.
fn model_no_io(ws: &Workspace) -> Result<Findings> {
    let model = "ledgerline-model";
    let deps = ws.packages(&[model])?.transitive(model);
    let io: Vec<&str> = IO_CRATES
        .iter()
        .copied()
        .filter(|c| deps.contains(*c))
        .collect();
    Ok(vec![(
        format!("{model} depends on no IO crate (found {io:?})"),
        io.is_empty(),
    )])
}

/// Each crate of ours depends only on the crates of ours its row in [`ALLOWED_OURS`] allows, and
/// every row names a package of the workspace.
fn crate_direction(ws: &Workspace) -> Result<Findings> {
    let graph = ws.graph()?;
    let mut findings = Vec::new();
    for (name, _) in ALLOWED_OURS {
        if !graph.members.contains(*name) {
            findings.push((
                format!("ALLOWED_OURS names `{name}`, which is no workspace package"),
                false,
            ));
        }
    }
    for member in &graph.members {
        let Some((_, allowed)) = ALLOWED_OURS.iter().find(|(name, _)| name == member) else {
            findings.push((
                format!("{member} has a dependency rule in xtask/src/tidy.rs and {DOC}"),
                false,
            ));
            continue;
        };
        let wrong: Vec<String> = graph
            .direct(member)
            .into_iter()
            .filter(|dep| graph.members.contains(dep) && !allowed.contains(&dep.as_str()))
            .collect();
        findings.push((
            format!("{member} depends only on {allowed:?} of ours (found {wrong:?} beyond)"),
            wrong.is_empty(),
        ));
    }
    Ok(findings)
}

/// No package but the shell reaches `tauri`, directly or not.
fn tauri_in_shell_only(ws: &Workspace) -> Result<Findings> {
    let graph = ws.packages(&[SHELL])?;
    Ok(graph
        .members
        .iter()
        .filter(|member| *member != SHELL)
        .map(|member| {
            (
                format!("{member} does not depend on tauri (only the shell knows Tauri)"),
                !graph.transitive(member).contains("tauri"),
            )
        })
        .collect())
}

/// No UI file but `ipc.rs` names `window.__TAURI__`.
fn tauri_bridge_in_ipc(ws: &Workspace) -> Result<Findings> {
    let ipc = ws.path("src-ui/src/ipc.rs")?;
    let mut bridge = Vec::new();
    for path in ws.rust_files("src-ui/src")? {
        if path != ipc && ws.read(&path)?.contains("__TAURI__") {
            bridge.push(ws.relative(&path));
        }
    }
    Ok(vec![(
        format!("only src-ui/src/ipc.rs touches window.__TAURI__ (also in {bridge:?})"),
        bridge.is_empty(),
    )])
}

/// The emulator reaches no crate of ours, directly or not.
fn emulator_standalone(ws: &Workspace) -> Result<Findings> {
    let emulator = "freshbooks-emulator";
    let graph = ws.packages(&[emulator])?;
    let ours: Vec<String> = graph
        .transitive(emulator)
        .into_iter()
        .filter(|dep| graph.members.contains(dep))
        .collect();
    Ok(vec![(
        format!("{emulator} depends on no crate of ours (found {ours:?})"),
        ours.is_empty(),
    )])
}

/// `core::drafting`, `core::sync::plan` and `core::sync::eta` name no IO, clock or randomness.
fn pure_core(ws: &Workspace) -> Result<Findings> {
    let mut findings = Vec::new();
    for part in [
        "crates/core/src/drafting",
        "crates/core/src/sync/plan.rs",
        "crates/core/src/sync/eta.rs",
    ] {
        for path in ws.rust_files(part)? {
            let text = ws.read(&path)?;
            let found: Vec<&str> = IMPURE
                .iter()
                .copied()
                .filter(|w| text.contains(*w))
                .collect();
            findings.push((
                format!("{} is pure (no {found:?})", ws.relative(&path)),
                found.is_empty(),
            ));
        }
    }
    Ok(findings)
}

/// FreshBooks field names stand only in `crates/freshbooks` and the core's FreshBooks-shaped
/// storage ([`FRESHBOOKS_SHAPED`]), never in the core's API, drafting, sync, the CLI or the UI.
fn freshbooks_names(ws: &Workspace) -> Result<Findings> {
    let shaped: Vec<PathBuf> = FRESHBOOKS_SHAPED
        .iter()
        .map(|p| ws.path(p))
        .collect::<Result<_>>()?;
    let mut findings = Vec::new();
    for part in FRESHBOOKS_FREE {
        for path in ws.rust_files(part)? {
            if shaped.iter().any(|allowed| path.starts_with(allowed)) {
                continue;
            }
            let code = code_of(&ws.read(&path)?);
            let found: Vec<&str> = FRESHBOOKS_FIELDS
                .iter()
                .copied()
                .filter(|name| code.contains(*name))
                .collect();
            if !found.is_empty() {
                findings.push((
                    format!(
                        "{} spells FreshBooks field names {found:?}",
                        ws.relative(&path)
                    ),
                    false,
                ));
            }
        }
    }
    findings.push((
        format!("FreshBooks field names only in crates/freshbooks and {FRESHBOOKS_SHAPED:?}"),
        findings.is_empty(),
    ));
    Ok(findings)
}

/// The core's and the client's code (tests and comments aside) names no command line, flag or
/// variable to set.
fn core_speaks_to_anyone(ws: &Workspace) -> Result<Findings> {
    let mut findings = Vec::new();
    let files: Vec<PathBuf> = SPEAKS_TO_ANYONE
        .iter()
        .map(|part| ws.rust_files(part))
        .collect::<Result<Vec<_>>>()?
        .concat();
    for path in files {
        let code = code_of(&ws.read(&path)?);
        let found: Vec<&str> = CLI_WORDS
            .iter()
            .copied()
            .filter(|w| code.contains(*w))
            .collect();
        if !found.is_empty() {
            findings.push((
                format!("{} tells people to use {found:?}", ws.relative(&path)),
                false,
            ));
        }
    }
    findings.push((
        format!(
            "{SPEAKS_TO_ANYONE:?} name no CLI command, flag or variable outside tests and comments"
        ),
        findings.is_empty(),
    ));
    Ok(findings)
}

/// Every visible string of the UI comes from the catalogs: both catalogs have the same keys
/// under the same areas; every key the source names (`t("…")`, `t_args("…"`, a key passed as a
/// prop) is in them; and no `view!` writes a text node or a read attribute (`aria-label`,
/// `title`, `placeholder`, `alt`) as a literal with letters, nor does a `const` hold a sentence.
/// Ids, classes and `data-*` are not text. Escape hatch: `i18n-ok: <reason>` in a comment on
/// the line or the line before.
fn ui_text_in_catalogs(ws: &Workspace) -> Result<Findings> {
    let mut findings = Vec::new();
    let mut catalogs = Vec::new();
    for path in CATALOGS {
        let text = ws.read(&ws.path(path)?)?;
        let keys = catalog_keys(&text);
        for (key, area) in &keys {
            let prefix = CATALOG_AREAS
                .iter()
                .find(|(a, _)| a == area)
                .map(|(_, p)| *p);
            if !prefix.is_some_and(|p| key.starts_with(p)) {
                findings.push((format!("{path}: {key} stands in the area `{area}`"), false));
            }
        }
        catalogs.push((*path, keys));
    }
    if let [(first, en), rest @ ..] = catalogs.as_slice() {
        for (path, other) in rest {
            let missing: Vec<&String> = en
                .iter()
                .filter(|k| !other.contains(k))
                .map(|(k, _)| k)
                .collect();
            let extra: Vec<&String> = other
                .iter()
                .filter(|k| !en.contains(k))
                .map(|(k, _)| k)
                .collect();
            findings.push((
                format!("{path} has the keys of {first} (missing {missing:?}, extra {extra:?})"),
                missing.is_empty() && extra.is_empty(),
            ));
        }
    }
    let known: BTreeSet<&str> = catalogs
        .iter()
        .flat_map(|(_, keys)| keys.iter().map(|(k, _)| k.as_str()))
        .collect();
    let mut unknown = Vec::new();
    let mut literal = Vec::new();
    for path in ws.rust_files("src-ui/src")? {
        let relative = ws.relative(&path);
        if relative.starts_with("src-ui/src/i18n") {
            continue;
        }
        let raw = ws.read(&path)?;
        for key in keys_named(&code_of(&raw)) {
            if !known.contains(key.as_str()) {
                unknown.push(format!("{relative}: {key}"));
            }
        }
        // The raw text: the escape hatch is a comment.
        for (line, found) in visible_literals(&raw) {
            literal.push(format!("{relative}:{line}: {found}"));
        }
    }
    findings.push((
        format!("every key the UI names is in the catalogs (not: {unknown:?})"),
        unknown.is_empty(),
    ));
    findings.push((
        format!(
            "no page or component writes visible text outside the catalogs (found {literal:?})"
        ),
        literal.is_empty(),
    ));
    Ok(findings)
}

/// A catalog's message keys, each with its area (the `## area` group above it), in order.
fn catalog_keys(text: &str) -> Vec<(String, String)> {
    let mut area = String::new();
    let mut keys = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("## ") {
            area = name.trim().to_owned();
        } else if let Some((key, _)) = line.split_once(" =") {
            let is_key = key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if is_key {
                keys.push((key.to_owned(), area.clone()));
            }
        }
    }
    keys
}

/// Whether a literal is shaped like a catalog key of one of the areas.
fn key_shaped(literal: &str) -> bool {
    CATALOG_AREAS
        .iter()
        .any(|(_, prefix)| literal.starts_with(prefix) && literal.len() > prefix.len())
        && literal
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The keys a file names: the literal given to `t(`, `t_args(` or `t_in(…, ` (and the error
/// sentences' `plain(` and `Some((`), or as a `title`, `label`, `text`, `heading` or `hint` prop.
fn keys_named(code: &str) -> Vec<String> {
    const BEFORE: &[&str] = &[
        "t(", "t_args(", "plain(", "Some((", "title=", "label=", "text=", "heading=", "hint=",
    ];
    let mut keys = Vec::new();
    for (at, _) in code.match_indices('"') {
        let Some(literal) = code[at + 1..].split('"').next() else {
            continue;
        };
        let before = code[..at].trim_end();
        let t_in = before.ends_with(',')
            && before
                .rsplit_once("t_in(")
                .is_some_and(|(_, args)| !args.contains(')') && !args.contains(';'));
        if key_shaped(literal) && (BEFORE.iter().any(|p| before.ends_with(p)) || t_in) {
            keys.push(literal.to_owned());
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

/// The line numbers (from 0) inside `view! { … }` macros.
fn view_lines(lines: &[&str]) -> BTreeSet<usize> {
    let mut inside = BTreeSet::new();
    let mut depth = 0i64;
    for (i, line) in lines.iter().enumerate() {
        let starts = depth == 0 && line.contains("view! {");
        if depth == 0 && !starts {
            continue;
        }
        let from = if starts {
            line.find("view! {").unwrap_or(0)
        } else {
            0
        };
        inside.insert(i);
        for c in line[from..].chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
        }
        depth = depth.max(0);
    }
    inside
}

/// Literals with letters written as visible text: in a `view!`, a text node (`>"…"`, `{"…"}`
/// or alone on its line) or a read attribute's value; anywhere, a `const` sentence. Addresses
/// and paths are not text. Each with its line number.
fn visible_literals(code: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = code.lines().collect();
    let in_view = view_lines(&lines);
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let escaped = line.contains(TEXT_ESCAPE)
            || i.checked_sub(1)
                .and_then(|j| lines.get(j))
                .is_some_and(|l| l.contains(TEXT_ESCAPE));
        if escaped {
            continue;
        }
        let trimmed = line.trim();
        if trimmed.starts_with("//") {
            continue;
        }
        let mut literals: Vec<&str> = Vec::new();
        if in_view.contains(&i) {
            if let Some(lit) = trimmed.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
                literals.push(lit);
            }
            for opener in [">\"", "{\""] {
                for (at, _) in line.match_indices(opener) {
                    if let Some(lit) = line[at + opener.len()..].split('"').next() {
                        literals.push(lit);
                    }
                }
            }
            for attr in TEXT_ATTRIBUTES {
                for (at, _) in line.match_indices(attr) {
                    let value = line[at + attr.len()..].strip_prefix('"');
                    if let Some(lit) = value.and_then(|rest| rest.split('"').next()) {
                        literals.push(lit);
                    }
                }
            }
        }
        let is_const = trimmed.starts_with("const ") || trimmed.starts_with("pub const ");
        let sentence = line.split('"').nth(1).filter(|lit| {
            is_const && lit.chars().next().is_some_and(char::is_uppercase) && lit.contains(' ')
        });
        literals.extend(sentence);
        for lit in literals {
            let text = lit.chars().any(char::is_alphabetic)
                && !key_shaped(lit)
                && !lit.starts_with('/')
                && !lit.contains("://");
            if text {
                found.push((i + 1, lit.to_owned()));
            }
        }
    }
    found
}

/// A Rust file's code without its comments and its `#[cfg(test)]` modules (tests may speak
/// FreshBooks' JSON and the CLI's words). Only a `#[cfg(test)]` *module* is left out, brace to
/// brace: a test-only function or constant elsewhere stays in, and so does the code after it.
fn code_of(text: &str) -> String {
    let mut kept = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            continue;
        }
        let test_module = trimmed.starts_with("#[cfg(test)]")
            && lines.peek().is_some_and(|next| {
                let next = next.trim_start();
                next.starts_with("mod ")
                    || next.starts_with("pub mod ")
                    || next.starts_with("pub(crate) mod ")
            });
        if !test_module {
            kept.push(line);
            continue;
        }
        // Skip the module: up to the brace that closes the one its line opens.
        let mut depth = 0i64;
        let mut opened = false;
        for line in lines.by_ref() {
            for c in line.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if opened && depth <= 0 {
                break;
            }
        }
    }
    kept.join("\n")
}

// ----- the dependency graph -----

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

/// The `.rs` files under `path` (or `path` itself if it is one), sorted.
fn rust_files(path: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            if let Ok(entries) = std::fs::read_dir(&path) {
                stack.extend(entries.flatten().map(|entry| entry.path()));
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC_TEXT: &str = "# Architecture

## Architecture invariants

- **`model` is plain** (no IO). *(checked `model-no-io`: dependency graph)*
- **Only `src-tauri` knows Tauri.** `core` runs the same
  everywhere. *(checked `tauri-in-shell-only`)*
- **Money is `Decimal`**; not checked here.
- **Pure parts are pure.** *(checked)*

## Tests

- **Not an invariant** *(checked `elsewhere`)*
";

    #[test]
    fn reads_titles_markers_and_ids_of_the_section_only() {
        let stated = stated_invariants(DOC_TEXT).expect("the section is there");
        let got: Vec<(&str, bool, Option<&str>)> = stated
            .iter()
            .map(|s| (s.title.as_str(), s.checked, s.id.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("`model` is plain", true, Some("model-no-io")),
                (
                    "Only `src-tauri` knows Tauri.",
                    true,
                    Some("tauri-in-shell-only")
                ),
                ("Money is `Decimal`", false, None),
                ("Pure parts are pure.", true, None),
            ]
        );
        assert!(stated_invariants("# Architecture\n\n## Tests\n").is_err());
    }

    #[test]
    fn every_marked_invariant_needs_a_check_and_every_check_a_marked_invariant() {
        let stated = stated_invariants(DOC_TEXT).expect("the section is there");
        let failures: Vec<String> = doc_sync(&stated, &["model-no-io", "pure-core"])
            .into_iter()
            .filter(|(_, ok)| !ok)
            .map(|(name, _)| name)
            .collect();
        assert_eq!(failures.len(), 3, "{failures:#?}");
        assert!(
            failures[0]
                .contains("\"Only `src-tauri` knows Tauri.\" checked as `tauri-in-shell-only`")
        );
        assert!(failures[1].contains("\"Pure parts are pure.\" checked without an id"));
        assert!(failures[2].contains("checks `pure-core`, but no invariant"));

        let matching = doc_sync(&stated[..1], &["model-no-io"]);
        assert_eq!(matching.len(), 1);
        assert!(matching[0].1, "{matching:?}");
    }

    #[test]
    fn a_path_that_moved_fails_with_its_name() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let ws = Workspace {
            root,
            graph: Err("not loaded".to_owned()),
        };
        let err = ws
            .rust_files("crates/core/src/sync/moved.rs")
            .expect_err("no such file");
        assert!(
            format!("{err}").contains("`crates/core/src/sync/moved.rs` does not exist"),
            "{err}"
        );
        assert!(ws.rust_files("xtask/src").is_ok());
        assert!(ws.packages(&["ledgerline-model"]).is_err());
    }

    #[test]
    fn code_leaves_out_comments_and_test_modules_only() {
        let text = "//! run `ledgerline-cli sync`\nlet a = \"fname\";\n#[cfg(test)]\nmod tests {\n    fn f() { \"lname\" }\n}\nlet b = \"userid\";\n#[cfg(test)]\nconst C: &str = \"p_city\";\nlet d = \"v3_status\";";
        let code = code_of(text);
        assert!(code.contains("\"fname\""));
        assert!(!code.contains("ledgerline-cli") && !code.contains("lname"));
        // What follows a test module, and a test-only item that is not a module, still count.
        assert!(code.contains("\"userid\"") && code.contains("\"p_city\""));
        assert!(code.contains("\"v3_status\""));
    }

    #[test]
    fn visible_text_outside_the_catalogs_is_found_and_ids_are_not() {
        let code = r#"
const TITLE: &str = "Welcome to Ledgerline";
const FOCUSABLE: &str = "input, button";
fn page() -> impl IntoView {
    let key = match ev.key().as_str() { "Escape" => 1, _ => 2 };
    view! {
        <h1 id="page-title">"Hello there"</h1>
        <p class="muted">{"Written here"}</p>
        <button aria-label="Close it" title=move || t("common-close")>
            "Sign in"
        </button>
        <input placeholder="https://…" id="paste-address" />
        // i18n-ok: the product's name, the same in every language
        <span>"Ledgerline"</span>
        <a href="/invoices?status=overdue">{move || t("frame-nav-invoices")}</a>
    }
}
"#;
        let found: Vec<String> = visible_literals(code).into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            found,
            [
                "Welcome to Ledgerline",
                "Hello there",
                "Written here",
                "Close it",
                "Sign in"
            ]
        );
    }

    #[test]
    fn keys_named_are_those_given_to_t_and_as_key_props() {
        let code = r#"
t("frame-brand"); t_args("frame-pending", &[]); i18n::t_in(locale, "settings-language-en", &[]);
view! { <Dialog id="sign-out-dialog" title="settings-dialog-title" /> <p id="time-date"></p> }
plain("error-no-timer")
"#;
        assert_eq!(
            keys_named(code),
            [
                "error-no-timer",
                "frame-brand",
                "frame-pending",
                "settings-dialog-title",
                "settings-language-en"
            ]
        );
        let catalog = "## frame\n\nframe-brand = Ledgerline\nframe-pending = { $count ->\n   *[other] x\n}\n## errors\nerror-x = y\n";
        assert_eq!(
            catalog_keys(catalog),
            [
                ("frame-brand".to_owned(), "frame".to_owned()),
                ("frame-pending".to_owned(), "frame".to_owned()),
                ("error-x".to_owned(), "errors".to_owned())
            ]
        );
    }

    #[test]
    fn the_table_has_unique_ids() {
        let ids: BTreeSet<&str> = INVARIANTS.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids.len(), INVARIANTS.len());
    }
}
