//! `cargo xtask bench`: the first sync of the large seed, as a user on a slow link would see it,
//! beside FreshBooks' official Python SDK, and the local queries on the mirror it leaves.
//!
//! Release builds of the emulator and the CLI; the emulator serves the large seed (2,000
//! clients, 10,000 invoices with lines, 20,000 time entries in one business) with 0, 50 and
//! 150 ms added to every request. At each latency, [`RUNS`] times: the CLI signs in through the
//! real OAuth redirect and makes a first sync of that business into an empty data folder; the
//! SDK (the pinned virtualenv of `cargo xtask sdk`) runs `tests/sdk-conformance/bench_pull.py`,
//! which pages clients, invoices with lines and the team's time entries of the same business.
//! At 50 ms the second sync with nothing changed is timed too, and `ledgerline-cli
//! bench-queries` times the local queries in-process on the mirror the first sync left.
//! Requests are the emulator's counters. Prints one table, writes `BENCHMARKS.md` (with an SVG
//! chart drawn here, `docs/benchmarks/first-sync.svg`), quotes the table in the README between
//! its bench markers, and keeps the raw figures in `<target>/bench/bench.json`.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::{Context as _, Result, bail};

use crate::context::Context;
use crate::emulator::EmulatorProcess;
use crate::run::{exec, step};

/// Added to every request: none, a realistic round trip from a home connection, a slow one.
const LATENCIES_MS: [u64; 3] = [0, 50, 150];
/// The latency of the headline figures, the second sync and the local queries.
const HEADLINE_MS: u64 = 50;
/// Each measurement is repeated this many times; the median and the range are reported.
const RUNS: usize = 3;
/// Requests the client's limit on requests in flight starts at, and the ceiling it grows to one
/// per round trip while FreshBooks answers (`Concurrency::standard()` in
/// `crates/freshbooks/src/limiter.rs`; xtask depends on no crate of ours). The limit column
/// divides by what a run reached, which `ledgerline-cli sync` prints; these are for the text.
const START_IN_FLIGHT: u64 = 4;
const CEILING_IN_FLIGHT: u64 = 8;
/// The seeded business that holds the large data set (the owner's).
pub(crate) const LARGE_BUSINESS: &str = "6120451";
/// Iterations of each local query.
const QUERY_ITERATIONS: &str = "200";
/// Where the README quotes the table.
const README_START: &str = "<!-- bench:start -->";
const README_END: &str = "<!-- bench:end -->";
const SVG: &str = "docs/benchmarks/first-sync.svg";

pub fn run(ctx: &Context) -> Result<()> {
    if !cfg!(target_os = "linux") {
        bail!("the benchmark reads peak memory through GNU time, so it runs on Linux only");
    }
    step("release builds (emulator, CLI)", || {
        exec(
            ctx.cmd("cargo").args([
                "build",
                "--release",
                "--package",
                "freshbooks-emulator",
                "--package",
                "ledgerline-cli",
            ]),
            &ctx.root,
        )
    })?;
    let python = crate::sdk::pinned_python(ctx)?;
    let machine = machine();
    println!("machine: {machine}");
    let work = ctx.target_dir.join("bench");
    std::fs::create_dir_all(&work)?;

    let mut rows = Vec::new();
    let mut second = Vec::new();
    let mut queries = serde_json::Value::Null;
    for latency in LATENCIES_MS {
        let bench = Bench::start(ctx, &work, latency)?;
        let mut ours = Vec::new();
        for run in 1..=RUNS {
            let m = step(
                &format!("Ledgerline first sync, {latency} ms, run {run}/{RUNS}"),
                || {
                    bench.fresh_mirror()?;
                    measured_sync(&mut bench.cli(&["sync"]), &bench.base)
                },
            )?;
            ours.push(m);
        }
        if latency == HEADLINE_MS {
            for run in 1..=RUNS {
                second.push(step(
                    &format!("second sync, nothing changed, run {run}/{RUNS}"),
                    || measured_sync(&mut bench.cli(&["sync"]), &bench.base),
                )?);
            }
            queries = step("local queries (ledgerline-cli bench-queries)", || {
                let out = bench
                    .cli(&["bench-queries", "--iterations", QUERY_ITERATIONS])
                    .stdin(Stdio::null())
                    .output()?;
                if !out.status.success() {
                    bail!(
                        "bench-queries failed: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
                Ok(serde_json::from_slice(&out.stdout)?)
            })?;
        }
        let mut sdk = Vec::new();
        for run in 1..=RUNS {
            sdk.push(step(
                &format!("SDK pull, {latency} ms, run {run}/{RUNS}"),
                || bench.sdk_pull(&python),
            )?);
        }
        rows.push(Row { latency, ours, sdk });
    }
    let throttled = step(
        "first sync at the headline latency under a request rate limit",
        || throttled_sync(ctx, &work, &rows),
    )
    .map_err(|err| format!("{err:#}"));
    // The data folder the last first sync left: the large business, synced.
    let desktop = step(
        "desktop figures (Ledgerline beside a blank Tauri app)",
        || crate::bench_desktop::measure(ctx, &work, &work.join("data")),
    )
    .map_err(|err| format!("{err:#}"));

    let report = Report {
        machine,
        rows,
        second,
        queries,
        throttled,
        desktop,
    };
    std::fs::write(
        work.join("bench.json"),
        serde_json::to_string_pretty(&report.to_json())?,
    )?;
    let table = report.table();
    println!("\n{table}");
    let svg_path = ctx.root.join(SVG);
    std::fs::create_dir_all(svg_path.parent().context("the chart has a folder")?)?;
    std::fs::write(&svg_path, report.svg())?;
    std::fs::write(ctx.root.join("BENCHMARKS.md"), report.markdown(&table))?;
    quote_in_readme(&ctx.root.join("README.md"), &table)?;
    println!(
        "written: BENCHMARKS.md, {SVG}, the README's table, {}",
        work.join("bench.json").display()
    );
    Ok(())
}

/// `cargo xtask bench-desktop`: a data folder with the large business synced (no added
/// latency), then the desktop figures alone, printed and kept in `<target>/bench/desktop.json`.
pub fn run_desktop_only(ctx: &Context) -> Result<()> {
    if !cfg!(target_os = "linux") {
        bail!("the desktop figures read /proc, so they are measured on Linux only");
    }
    step("release builds (emulator, CLI)", || {
        exec(
            ctx.cmd("cargo").args([
                "build",
                "--release",
                "--package",
                "freshbooks-emulator",
                "--package",
                "ledgerline-cli",
            ]),
            &ctx.root,
        )
    })?;
    let work = ctx.target_dir.join("bench");
    std::fs::create_dir_all(&work)?;
    {
        let bench = Bench::start(ctx, &work, 0)?;
        step("a synced data folder (large seed)", || {
            bench.fresh_mirror()?;
            exec(&mut bench.cli(&["sync"]), &ctx.root)
        })?;
    }
    let figures = crate::bench_desktop::measure(ctx, &work, &work.join("data"))?;
    std::fs::write(
        work.join("desktop.json"),
        serde_json::to_string_pretty(&figures.to_json())?,
    )?;
    println!(
        "\nmachine: {}\n\n{}\n{}",
        machine(),
        figures.table(),
        figures.targets()
    );
    Ok(())
}

/// One emulator at one latency, and the CLI's environment against it.
struct Bench<'a> {
    ctx: &'a Context,
    _emulator: EmulatorProcess,
    base: String,
    data_dir: std::path::PathBuf,
    token_file: std::path::PathBuf,
}

impl<'a> Bench<'a> {
    fn start(ctx: &'a Context, work: &Path, latency: u64) -> Result<Self> {
        Self::start_with(ctx, work, latency, &[])
    }

    /// As [`Bench::start`], with more emulator flags.
    fn start_with(ctx: &'a Context, work: &Path, latency: u64, extra: &[&str]) -> Result<Self> {
        let release = ctx.profile_dir("release");
        let emulator = EmulatorProcess::start(
            ctx.cmd(release.join("freshbooks-emulator"))
                .args([
                    "--port",
                    "0",
                    "--auto-approve",
                    "--scale",
                    "large",
                    "--latency-ms",
                    &latency.to_string(),
                ])
                .args(extra),
        )?;
        let token_file = work.join("tokens.json");
        if token_file.exists() {
            std::fs::remove_file(&token_file)?;
        }
        Ok(Self {
            ctx,
            base: emulator.base_url.clone(),
            _emulator: emulator,
            data_dir: work.join("data"),
            token_file,
        })
    }

    fn cli(&self, args: &[&str]) -> Command {
        let mut command = self
            .ctx
            .cmd(self.ctx.profile_dir("release").join("ledgerline-cli"));
        command
            .args(args)
            .env("FRESHBOOKS_API_URL", &self.base)
            .env("FRESHBOOKS_AUTH_URL", &self.base)
            .env("FRESHBOOKS_CLIENT_ID", "demo-client-id")
            .env("FRESHBOOKS_CLIENT_SECRET", "demo-client-secret")
            .env(
                "FRESHBOOKS_REDIRECT_URI",
                "https://localhost/oauth/callback",
            )
            .env("LEDGERLINE_DATA_DIR", &self.data_dir)
            .env("LEDGERLINE_TOKEN_FILE", &self.token_file);
        command
    }

    /// An empty data folder, signed in (which lists the businesses), the large one current.
    fn fresh_mirror(&self) -> Result<()> {
        if self.data_dir.exists() {
            std::fs::remove_dir_all(&self.data_dir)?;
        }
        std::fs::create_dir_all(&self.data_dir)?;
        sign_in(&mut self.cli(&["auth", "login"]))?;
        exec(&mut self.cli(&["use", LARGE_BUSINESS]), &self.ctx.root)
    }

    /// One pull by the SDK; its own timing (the pull, not Python's start or the sign-in) and the
    /// emulator's count of the requests it made.
    fn sdk_pull(&self, python: &Path) -> Result<Measurement> {
        let ctx = self.ctx;
        let out = ctx
            .cmd(python)
            .arg(ctx.root.join("tests/sdk-conformance/bench_pull.py"))
            .env("FRESHBOOKS_API_URL", &self.base)
            .env("FRESHBOOKS_AUTH_URL", &self.base)
            .env("BENCH_BUSINESS_ID", LARGE_BUSINESS)
            .stdin(Stdio::null())
            .output()
            .context("cannot run the SDK's Python")?;
        if !out.status.success() {
            bail!(
                "the SDK pull failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let result: serde_json::Value = serde_json::from_slice(&out.stdout)?;
        let wall_ms = result["ms"]
            .as_u64()
            .context("bench_pull.py printed no ms")?;
        // The emulator counted the sign-in and the identity too; the pull's own count is the
        // script's.
        let requests = result["requests"]
            .as_u64()
            .context("bench_pull.py printed no requests")?;
        println!(
            "SDK: {} records in {requests} requests, {wall_ms} ms",
            result["records"]
        );
        Ok(Measurement {
            wall_ms: u128::from(wall_ms),
            requests,
            peak_rss_kib: 0,
            peak_in_flight: 1,
        })
    }
}

/// One latency's measurements.
struct Row {
    latency: u64,
    ours: Vec<Measurement>,
    sdk: Vec<Measurement>,
}

impl Row {
    /// The most requests Ledgerline's client had in flight at once, over the runs.
    fn peak_in_flight(&self) -> u64 {
        self.ours
            .iter()
            .map(|m| m.peak_in_flight)
            .max()
            .unwrap_or_default()
    }

    /// `requests × latency ÷ requests in flight` for the requests Ledgerline made, in ms, with
    /// the most it had in flight at once (the stricter figure: the limit grows during a sync).
    fn limit_ms(&self) -> u128 {
        u128::from(
            median(&self.ours, |m| m.requests as u128) as u64 * self.latency
                / self.peak_in_flight().max(1),
        )
    }
}

/// The median and range of a figure over the runs.
fn median(runs: &[Measurement], f: impl Fn(&Measurement) -> u128) -> u128 {
    let mut v: Vec<u128> = runs.iter().map(f).collect();
    v.sort_unstable();
    v[v.len() / 2]
}

fn range(runs: &[Measurement], f: impl Fn(&Measurement) -> u128) -> (u128, u128) {
    let v: Vec<u128> = runs.iter().map(f).collect();
    (
        v.iter().copied().min().unwrap_or_default(),
        v.iter().copied().max().unwrap_or_default(),
    )
}

fn secs(ms: u128) -> String {
    format!("{}.{:02} s", ms / 1000, (ms % 1000) / 10)
}

/// `7.12 s (7.01–7.30)`
fn spread(runs: &[Measurement]) -> String {
    let (lo, hi) = range(runs, |m| m.wall_ms);
    format!(
        "{} ({}–{})",
        secs(median(runs, |m| m.wall_ms)),
        secs(lo).trim_end_matches(" s"),
        secs(hi).trim_end_matches(" s")
    )
}

fn requests(runs: &[Measurement]) -> String {
    let (lo, hi) = range(runs, |m| u128::from(m.requests));
    if lo == hi {
        lo.to_string()
    } else {
        format!("{lo}–{hi}")
    }
}

/// `a ÷ b` to one decimal.
fn ratio(a: u128, b: u128) -> String {
    if b == 0 {
        return "—".into();
    }
    let tenths = (a * 10 + b / 2) / b;
    format!("{}.{}×", tenths / 10, tenths % 10)
}

/// The local queries' rows, in the screens' order: every query `bench-queries` printed (those
/// it adds later come last, under their own key), with what each one is.
const QUERY_NAMES: [(&str, &str); 15] = [
    ("home_business", "home, one business"),
    ("home_all_businesses", "home, all businesses"),
    ("client_search", "search (`Core::search`)"),
    (
        "client_search_keystroke",
        "client list, a keystroke of its filter",
    ),
    ("client_list", "client list (active)"),
    ("client_list_screen", "client list screen"),
    ("unbilled_time_of_client", "unbilled time of a client"),
    ("time_list_of_client", "time list of a client"),
    ("time_list_of_business", "time list of the business"),
    (
        "time_list_of_business_first_100",
        "time list of the business, first 100",
    ),
    (
        "invoice_list",
        "invoice list, unpaged, as the CSV export reads it",
    ),
    ("invoice_list_first_page", "invoice list screen, first page"),
    (
        "invoice_list_outstanding_page_at_4000",
        "invoice list screen, outstanding, page at row 4,000",
    ),
    (
        "draft_preview",
        "drafting preview, the busiest client's unbilled time",
    ),
    (
        "draft_preview_500",
        "drafting preview of 500 entries (by project, rounded, 2 taxes)",
    ),
];

fn query_rows(queries: &serde_json::Value) -> Vec<(String, String)> {
    let Some(all) = queries.as_object() else {
        return Vec::new();
    };
    let mut rows: Vec<(String, String)> = QUERY_NAMES
        .iter()
        .filter(|(k, _)| all.contains_key(*k))
        .map(|(k, n)| ((*k).to_owned(), (*n).to_owned()))
        .collect();
    for (key, value) in all {
        if value.get("p95_ms").is_some() && !QUERY_NAMES.iter().any(|(k, _)| k == key) {
            rows.push((key.clone(), key.replace('_', " ")));
        }
    }
    rows
}

/// What a query returned: `entries 500, lines 12`.
fn returned(r: &serde_json::Value) -> String {
    match r.as_object() {
        Some(fields) => fields
            .iter()
            .map(|(k, v)| match v {
                serde_json::Value::String(text) => format!("{} “{text}”", k.replace('_', " ")),
                _ => format!("{} {v}", k.replace('_', " ")),
            })
            .collect::<Vec<_>>()
            .join(", "),
        None => r.to_string(),
    }
}

struct Report {
    machine: String,
    rows: Vec<Row>,
    second: Vec<Measurement>,
    queries: serde_json::Value,
    /// The first sync under `--max-requests-per-second`, or why it is missing.
    throttled: std::result::Result<Throttled, String>,
    /// The desktop figures, or why they are missing.
    desktop: std::result::Result<crate::bench_desktop::Figures, String>,
}

impl Report {
    fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "machine": self.machine,
            "seed": "large",
            "business": LARGE_BUSINESS,
            "in_flight_start": START_IN_FLIGHT,
            "in_flight_ceiling": CEILING_IN_FLIGHT,
            "first_sync": self.rows.iter().map(|r| serde_json::json!({
                "latency_ms": r.latency,
                "peak_in_flight": r.peak_in_flight(),
                "ledgerline": r.ours.iter().map(Measurement::to_json).collect::<Vec<_>>(),
                "sdk": r.sdk.iter().map(Measurement::to_json).collect::<Vec<_>>(),
                "limit_ms": r.limit_ms(),
            })).collect::<Vec<_>>(),
            "second_sync": self.second.iter().map(Measurement::to_json).collect::<Vec<_>>(),
            "queries": self.queries,
            "rate_limited_first_sync": match &self.throttled {
                Ok(t) => serde_json::json!({
                    "max_requests_per_second": t.limit_per_s,
                    "unlimited_requests": t.unlimited_requests,
                    "run": t.run.to_json(),
                }),
                Err(why) => serde_json::json!({ "error": why }),
            },
            "desktop": match &self.desktop {
                Ok(figures) => figures.to_json(),
                Err(why) => serde_json::json!({ "error": why }),
            },
        })
    }

    /// The one table: first sync per latency, second sync, local queries.
    fn table(&self) -> String {
        let mut t = String::new();
        let _ = writeln!(
            t,
            "| first sync, large seed | Ledgerline: requests, time median (min–max) | SDK, 3 of the entities: requests, time | limit: requests × latency ÷ peak in flight | SDK ÷ Ledgerline | Ledgerline ÷ limit |"
        );
        let _ = writeln!(t, "|---|---|---|---|---|---|");
        for r in &self.rows {
            let ours = median(&r.ours, |m| m.wall_ms);
            let sdk = median(&r.sdk, |m| m.wall_ms);
            let limit = r.limit_ms();
            let _ = writeln!(
                t,
                "| {} ms per request | {}, {} | {}, {} | {} | {} | {} |",
                r.latency,
                requests(&r.ours),
                spread(&r.ours),
                requests(&r.sdk),
                spread(&r.sdk),
                if limit == 0 {
                    "—".into()
                } else {
                    format!("{} (÷ {})", secs(limit), r.peak_in_flight())
                },
                ratio(sdk, ours),
                ratio(ours, limit),
            );
        }
        let _ = writeln!(t);
        let _ = writeln!(
            t,
            "| second sync, nothing changed, {HEADLINE_MS} ms | requests | time median (min–max) | peak RSS of the CLI |"
        );
        let _ = writeln!(t, "|---|---|---|---|");
        if !self.second.is_empty() {
            let _ = writeln!(
                t,
                "| Ledgerline | {} | {} | {:.1} MiB |",
                requests(&self.second),
                spread(&self.second),
                median(&self.second, |m| u128::from(m.peak_rss_kib)) as f32 / 1024.0
            );
        }
        let _ = writeln!(t);
        let iterations = self.queries["iterations"].as_u64().unwrap_or_default();
        let _ = writeln!(
            t,
            "| local query on the mirror ({iterations} runs each, in-process) | returned | p50 | p95 | max |"
        );
        let _ = writeln!(t, "|---|---|---|---|---|");
        for (key, name) in query_rows(&self.queries) {
            let q = &self.queries[key.as_str()];
            let ms = |f: &str| q[f].as_str().unwrap_or("?").to_owned();
            let _ = writeln!(
                t,
                "| {name} | {} | {} ms | {} ms | {} ms |",
                returned(&q["returned"]),
                ms("p50_ms"),
                ms("p95_ms"),
                ms("max_ms")
            );
        }
        if let Ok(desktop) = &self.desktop {
            let _ = writeln!(t);
            t.push_str(&desktop.table());
        }
        t
    }

    /// Grouped horizontal bars: per latency, Ledgerline, the SDK and the limit (median seconds).
    fn svg(&self) -> String {
        let max = self
            .rows
            .iter()
            .flat_map(|r| {
                [
                    median(&r.ours, |m| m.wall_ms),
                    median(&r.sdk, |m| m.wall_ms),
                    r.limit_ms(),
                ]
            })
            .max()
            .unwrap_or(1)
            .max(1);
        let (left, bar_w, bar_h, gap) = (150u128, 560u128, 18u128, 4u128);
        let group_h = 3 * (bar_h + gap) + 22;
        let height = 40 + group_h * self.rows.len() as u128 + 20;
        let width = left + bar_w + 110;
        let mut s = String::new();
        let _ = writeln!(
            s,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">"#
        );
        let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
        let _ = writeln!(
            s,
            r#"<text x="10" y="20" font-size="14" font-weight="bold">First sync of the large seed, median of {RUNS} runs (shorter is better)</text>"#
        );
        let series = [
            ("Ledgerline", "#2b6cb0"),
            ("Python SDK (3 entities)", "#c05621"),
            ("limit", "#718096"),
        ];
        let mut y = 40;
        for r in &self.rows {
            let _ = writeln!(
                s,
                r#"<text x="10" y="{}" font-weight="bold">{} ms per request</text>"#,
                y + 14,
                r.latency
            );
            let values = [
                median(&r.ours, |m| m.wall_ms),
                median(&r.sdk, |m| m.wall_ms),
                r.limit_ms(),
            ];
            for (i, ((name, colour), value)) in series.iter().zip(values).enumerate() {
                let by = y + 20 + i as u128 * (bar_h + gap);
                let w = (value * bar_w / max).max(1);
                let _ = writeln!(
                    s,
                    r#"<text x="{}" y="{}" text-anchor="end">{name}</text>"#,
                    left - 6,
                    by + 13
                );
                let _ = writeln!(
                    s,
                    r#"<rect x="{left}" y="{by}" width="{w}" height="{bar_h}" fill="{colour}"/>"#
                );
                let label = if i == 2 && value == 0 {
                    "—".to_owned()
                } else {
                    secs(value)
                };
                let _ = writeln!(
                    s,
                    r#"<text x="{}" y="{}">{label}</text>"#,
                    left + w + 6,
                    by + 13
                );
            }
            y += group_h;
        }
        let _ = writeln!(s, "</svg>");
        s
    }

    /// Issue 14's targets, each met or missed by this run's figures, and why where missed.
    fn targets(&self) -> String {
        let mut t = String::new();
        let mark = |ok: bool| if ok { "met" } else { "**missed**" };
        if let Some(r) = self.rows.iter().find(|r| r.latency == HEADLINE_MS) {
            let ours = median(&r.ours, |m| m.wall_ms);
            let sdk = median(&r.sdk, |m| m.wall_ms);
            let (our_req, sdk_req) = (
                median(&r.ours, |m| u128::from(m.requests)),
                median(&r.sdk, |m| u128::from(m.requests)),
            );
            let peak = r.peak_in_flight();
            let _ = writeln!(
                t,
                "- First sync at {HEADLINE_MS} ms at least 4× faster than the SDK: {} ({}). \
Ledgerline makes {our_req} requests for every entity it mirrors, the SDK {sdk_req} for three of them, \
one at a time. Ledgerline's limit on requests in flight starts at {START_IN_FLIGHT} and, while FreshBooks \
answers, grows by one per round trip to its ceiling of {CEILING_IN_FLIGHT}; with at most {peak} in flight \
in these runs, the best ratio those requests allow is {peak} × {sdk_req} ÷ {our_req} = {}.",
                mark(sdk >= 4 * ours),
                ratio(sdk, ours),
                ratio(u128::from(peak) * sdk_req, our_req),
            );
            let limit = r.limit_ms();
            // The same sync with no wait at all: Ledgerline's own work on the pages (reading
            // them, writing the records), which the limit does not count.
            let own_work = self
                .rows
                .iter()
                .find(|r| r.latency == 0)
                .map(|r| {
                    format!(
                        "; at 0 ms, with nothing to wait for, the same sync takes {}: its own work \
on the pages (reading them, writing the records), which the limit leaves out",
                        secs(median(&r.ours, |m| m.wall_ms))
                    )
                })
                .unwrap_or_default();
            let _ = writeln!(
                t,
                "- First sync at {HEADLINE_MS} ms within 1.3× of the limit (its requests × \
{HEADLINE_MS} ms ÷ the {peak} it had in flight at most): {} ({}){own_work}.",
                mark(ours * 10 <= limit * 13),
                ratio(ours, limit)
            );
        }
        if !self.second.is_empty() {
            let time = median(&self.second, |m| m.wall_ms);
            let _ = writeln!(
                t,
                "- Second sync with nothing changed under 1 s: {} ({}); at most 2 requests per entity \
(11 entities pulled, so at most 22): {} ({} requests).",
                mark(time < 1000),
                secs(time),
                mark(median(&self.second, |m| u128::from(m.requests)) <= 22),
                requests(&self.second)
            );
        }
        let rows = query_rows(&self.queries);
        let p95_us = |key: &str| self.queries[key]["p95_us"].as_u64().unwrap_or(u64::MAX);
        let over: Vec<&str> = rows
            .iter()
            .filter(|(k, _)| p95_us(k) >= 20_000)
            .map(|(_, name)| name.as_str())
            .collect();
        let (worst_key, worst_name) = rows
            .iter()
            .max_by_key(|(k, _)| p95_us(k))
            .map_or(("", ""), |(k, n)| (k.as_str(), n.as_str()));
        let _ = writeln!(
            t,
            "- Local queries under 20 ms at p95: {} ({} queries measured, among them the invoice list of \
10,000 and a drafting preview of {} entries; the slowest at p95 is {worst_name}, {} ms){}.",
            mark(!rows.is_empty() && over.is_empty()),
            rows.len(),
            self.queries["draft_preview_500"]["returned"]["entries"],
            self.queries[worst_key]["p95_ms"].as_str().unwrap_or("?"),
            if over.is_empty() {
                String::new()
            } else {
                format!("; over 20 ms: {}", over.join(", "))
            }
        );
        match &self.throttled {
            Ok(th) => {
                let retried = th.run.requests.saturating_sub(th.unlimited_requests);
                let _ = writeln!(
                    t,
                    "- No 429 from the emulator's `--max-requests-per-second` at a realistic setting: {} \
({retried} requests refused with 429 at {} per second, {HEADLINE_MS} ms per request: {} requests against \
{} without a limit, in {}). FreshBooks publishes no limit, so the setting is the pace its own Python SDK \
reached in this run at 0 ms (its requests ÷ its time, one request at a time on loopback): a FreshBooks that \
throttled below it would throttle its own SDK on a fast link. With at most {CEILING_IN_FLIGHT} in flight \
(the ceiling of its limit) at {HEADLINE_MS} ms, Ledgerline cannot go much past {CEILING_IN_FLIGHT} × 1000 ÷ \
{HEADLINE_MS} = {} requests per second ({} on average here, at most {} in flight), so any setting above that \
is met by its design, this one included; whether FreshBooks' real limit is above it, the reference does not \
say. The emulator counts every request, refused or not, so the refused ones are the requests over the run \
without a limit (each 429 is retried once it has backed off, and halves the limit on requests in flight).",
                    mark(retried == 0),
                    th.limit_per_s,
                    th.run.requests,
                    th.unlimited_requests,
                    secs(th.run.wall_ms),
                    CEILING_IN_FLIGHT * 1000 / HEADLINE_MS,
                    u128::from(th.run.requests) * 1000 / th.run.wall_ms.max(1),
                    th.run.peak_in_flight,
                );
            }
            Err(why) => {
                let _ = writeln!(
                    t,
                    "- No 429 from the emulator's `--max-requests-per-second`: not measured ({why})."
                );
            }
        }
        match &self.desktop {
            Ok(figures) => t.push_str(&figures.targets()),
            Err(why) => {
                let _ = writeln!(
                    t,
                    "- Cold start, PSS and .deb size beside a blank Tauri app: not measured ({why})."
                );
            }
        }
        t
    }

    fn markdown(&self, table: &str) -> String {
        format!(
            "# Benchmarks\n\n\
Written by `cargo xtask bench` (`xtask/src/bench.rs`); do not edit by hand, run it again.\n\n\
Machine: {machine}.\n\n\
{table}\n\
![First sync: Ledgerline, the Python SDK and the limit, per latency]({SVG})\n\n\
## Issue 14's targets\n\n\
{targets}\n\
## What was measured\n\n\
- **Server**: the release `freshbooks-emulator` with `--scale large` (2,000 clients, 10,000 invoices with lines, \
20,000 time entries in business {LARGE_BUSINESS}) and `--latency-ms` added to every request; a new emulator per latency.\n\
- **Ledgerline**: the release `ledgerline-cli sync` into an empty data folder after `use {LARGE_BUSINESS}` \
(signed in just before through the real OAuth redirect, not timed), timed from process start to exit. \
It pulls every entity it mirrors for the business, not only the three the SDK reads. \
Requests are the emulator's counters.\n\
- **SDK**: FreshBooks' official Python SDK (`freshbooks-sdk`, pinned in `tests/sdk-conformance/requirements.txt`) \
running `tests/sdk-conformance/bench_pull.py`: clients, invoices with `include[]=lines` and time entries with \
`team=true`, `per_page=100`, one request after another as the SDK pages. Timed inside the script: the pull only, \
not Python's start or the sign-in; requests are the pages it asked for.\n\
- **Limit**: Ledgerline's requests × latency ÷ the most requests its client had in flight at once in \
those runs (`ledgerline-cli sync` prints it from the client's limiter, which starts at {START_IN_FLIGHT} and \
grows by one per round trip up to {CEILING_IN_FLIGHT} while FreshBooks answers): the best any client making \
those requests could do if it kept that many in flight from the first request to the last. Dividing by the \
peak rather than the average in flight makes it the stricter figure. At 0 ms there is none.\n\
- **Runs**: each first sync, SDK pull and second sync {RUNS} times; median with min–max.\n\
- **Local queries**: `ledgerline-cli bench-queries` (a hidden diagnostic command) runs each query of the \
screens in one process on the mirror the {HEADLINE_MS} ms first sync left, so process start is not counted: \
the home screen, `Core::search` (with a word from a client's name) and the client list's filter, the client \
list, `Core::unbilled_time` and the time lists, the unpaged invoice list (`Core::list_invoices`, as the CSV export reads it) and the Invoices \
screen's pages (`Core::invoice_page`: its first page with the match's count and totals, and a page at row \
4,000 of the outstanding ones), `Core::preview_draft` of the busiest client's unbilled time, and a \
drafting preview of 500 unbilled entries as the wizard asks for one (by project, 15 minutes up \
with a 15-minute minimum, the description template, a simple and a compound tax; the rates read from the \
mirror each time).\n\
- **Rate limit**: one more first sync at {HEADLINE_MS} ms against an emulator started with \
`--max-requests-per-second` (it answers 429 to whatever goes beyond that many requests in a one-second \
window), into its own data folder; the setting and why are under the targets.\n\n\
- **Desktop**: {desktop}\n",
            machine = self.machine,
            targets = self.targets(),
            desktop = crate::bench_desktop::METHOD,
        )
    }
}

/// Replaces the README's text between its bench markers with the table.
fn quote_in_readme(readme: &Path, table: &str) -> Result<()> {
    let text = std::fs::read_to_string(readme)?;
    let (Some(start), Some(end)) = (text.find(README_START), text.find(README_END)) else {
        bail!("README.md has no `{README_START}` … `{README_END}` markers for the bench table");
    };
    let new = format!("{}{README_START}\n{table}{}", &text[..start], &text[end..]);
    std::fs::write(readme, new)?;
    Ok(())
}

/// Cores, CPU model and memory, from the OS.
fn machine() -> String {
    let cpus = std::thread::available_parallelism().map_or(0, usize::from);
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")?
                .split_once(':')
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_kib: u64 = meminfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("MemTotal:")?
                .trim()
                .strip_suffix("kB")?
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or_default();
    format!(
        "{cpus} CPUs (nproc), {model}, {:.1} GiB memory",
        mem_kib as f32 / 1024.0 / 1024.0
    )
}

/// One first sync under the emulator's request rate limit.
struct Throttled {
    limit_per_s: u64,
    /// The median requests of the first sync at the same latency without a limit.
    unlimited_requests: u64,
    run: Measurement,
}

/// One first sync of the large business at [`HEADLINE_MS`] against an emulator that refuses
/// with 429 whatever goes beyond `--max-requests-per-second` in a second: the pace of the SDK
/// at 0 ms in this run, rounded down (FreshBooks publishes no limit; see the targets).
fn throttled_sync(ctx: &Context, work: &Path, rows: &[Row]) -> Result<Throttled> {
    let sdk = rows
        .iter()
        .find(|r| r.latency == 0)
        .context("no 0 ms row to take the SDK's pace from")?;
    let limit_per_s = u64::try_from(
        median(&sdk.sdk, |m| u128::from(m.requests)) * 1000
            / median(&sdk.sdk, |m| m.wall_ms).max(1),
    )?
    .max(1);
    let unlimited_requests = rows
        .iter()
        .find(|r| r.latency == HEADLINE_MS)
        .map(|r| median(&r.ours, |m| u128::from(m.requests)) as u64)
        .context("no headline row")?;
    // Its own folder, so the synced data folder the desktop figures start from stays whole.
    let work = work.join("rate-limited");
    std::fs::create_dir_all(&work)?;
    let bench = Bench::start_with(
        ctx,
        &work,
        HEADLINE_MS,
        &["--max-requests-per-second", &limit_per_s.to_string()],
    )?;
    bench.fresh_mirror()?;
    let run = measured_sync(&mut bench.cli(&["sync"]), &bench.base)?;
    println!(
        "rate limit {limit_per_s}/s: {} requests ({unlimited_requests} without), {} ms",
        run.requests, run.wall_ms
    );
    Ok(Throttled {
        limit_per_s,
        unlimited_requests,
        run,
    })
}

/// What one sync cost.
struct Measurement {
    wall_ms: u128,
    requests: u64,
    peak_rss_kib: u64,
    /// The most requests the client had in flight at once (1 for the SDK: one at a time).
    peak_in_flight: u64,
}

impl Measurement {
    fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "wall_ms": self.wall_ms,
            "requests": self.requests,
            "peak_rss_kib": self.peak_rss_kib,
            "peak_in_flight": self.peak_in_flight,
        })
    }
}

/// Runs a sync under GNU time, with the emulator's request counters reset first.
fn measured_sync(sync: &mut Command, base: &str) -> Result<Measurement> {
    http(base, "DELETE", "/_emulator/counts")?;
    let program = sync.get_program().to_owned();
    let args: Vec<_> = sync.get_args().map(|a| a.to_owned()).collect();
    let mut timed = Command::new("/usr/bin/time");
    timed.arg("-v").arg(program).args(args);
    for (key, value) in sync.get_envs() {
        match value {
            Some(value) => timed.env(key, value),
            None => timed.env_remove(key),
        };
    }
    let started = Instant::now();
    let out = timed
        .stdin(Stdio::null())
        .output()
        .context("cannot run /usr/bin/time: run `cargo xtask setup` (package time)")?;
    let wall_ms = started.elapsed().as_millis();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    print!("{stdout}");
    if !out.status.success() {
        bail!("the sync failed: {stderr}");
    }
    let peak_in_flight = peak_in_flight(&stdout)
        .context("`ledgerline-cli sync` printed no `requests: … at most N in flight` line")?;
    let peak_rss_kib = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok())
        .context("GNU time reported no peak memory")?;
    let counts: serde_json::Value =
        serde_json::from_str(&http(base, "GET", "/_emulator/counts")?.body)?;
    let requests = counts
        .as_object()
        .map(|m| m.values().filter_map(serde_json::Value::as_u64).sum())
        .unwrap_or_default();
    Ok(Measurement {
        wall_ms,
        requests,
        peak_rss_kib,
        peak_in_flight,
    })
}

/// The most requests in flight at once, from the summary of `ledgerline-cli sync`:
/// `requests: 427 sent, at most 8 in flight at once, 0 throttled`.
fn peak_in_flight(stdout: &str) -> Option<u64> {
    let line = stdout.lines().find_map(|l| l.strip_prefix("requests: "))?;
    let (_, rest) = line.split_once("at most ")?;
    rest.split_whitespace().next()?.parse().ok()
}

/// `auth login`: reads the authorization URL from its first line, follows it (the emulator
/// approves at once and redirects), and answers with the address it was sent back to.
fn sign_in(login: &mut Command) -> Result<()> {
    let mut child = login
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .context("cannot start ledgerline-cli auth login")?;
    let mut stdout = child.stdout.take().context("stdout is piped")?;
    let mut first_line = Vec::new();
    let mut byte = [0u8; 1];
    while stdout.read(&mut byte)? == 1 && byte[0] != b'\n' {
        first_line.push(byte[0]);
    }
    let authorize = String::from_utf8(first_line)?;
    let (base, path) = split_url(authorize.trim())?;
    let answer = http(base, "GET", path)?;
    if !(300..400).contains(&answer.status) {
        bail!(
            "the authorization page answered {} instead of redirecting",
            answer.status
        );
    }
    let location = answer
        .head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("location")
                .then_some(value.trim())
        })
        .context("the authorization page did not say where to go")?;
    let mut stdin = child.stdin.take().context("stdin is piped")?;
    writeln!(stdin, "{}", location.trim())?;
    drop(stdin);
    let mut rest = String::new();
    stdout.read_to_string(&mut rest)?;
    if !child.wait()?.success() {
        bail!("sign-in failed: {rest}");
    }
    Ok(())
}

fn split_url(url: &str) -> Result<(&str, &str)> {
    let after_scheme = url
        .strip_prefix("http://")
        .context("the emulator speaks plain HTTP on loopback")?;
    let path_at = after_scheme.find('/').unwrap_or(after_scheme.len());
    Ok(url.split_at("http://".len() + path_at))
}

/// An HTTP answer: status code, head and body.
struct Answer {
    status: u16,
    head: String,
    body: String,
}

/// A minimal HTTP/1.0 exchange with the emulator on loopback: the bench needs a few requests
/// and no HTTP client crate (HTTP/1.0, so the answer is never chunked).
fn http(base: &str, method: &str, path: &str) -> Result<Answer> {
    let host = base.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(host).with_context(|| format!("cannot reach {host}"))?;
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: {host}\r\nContent-Length: 0\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let (head, body) = response
        .split_once("\r\n\r\n")
        .context("not an HTTP answer")?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .context("no status code")?;
    Ok(Answer {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_peak_in_flight_from_the_sync_summary() {
        let out = "synced: 11 pulls, 31720 records; sent 0 changes, 0 refused, 0 conflicts, 0 waiting; 0 entities not available\n\
requests: 427 sent, at most 8 in flight at once, 0 throttled\n";
        assert_eq!(super::peak_in_flight(out), Some(8));
        assert_eq!(super::peak_in_flight("synced: 1 pulls\n"), None);
    }
}
