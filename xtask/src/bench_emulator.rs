//! `cargo xtask bench-emulator`: what the emulator alone costs per page, so the sync figures of
//! `cargo xtask bench` measure Ledgerline and latency rather than the server (issue 14).
//!
//! The release emulator serves the large seed with no added latency; a plain HTTP/1.1 client on
//! one keep-alive connection reads every page of 100 of the lists a first sync pages (invoices
//! with lines, clients, time entries of the whole team) and reports per-page p50/p95/max and the
//! first page alone (the one that filters and sorts the collection). Not part of `cargo xtask
//! test`: timings are not tests.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Instant;

use anyhow::{Context as _, Result, bail};

use crate::context::Context;
use crate::emulator::EmulatorProcess;
use crate::run::{exec, step};

/// The seeded business that holds the large data set (the owner's).
const ACCOUNT_ID: &str = "xVm3Q";
const BUSINESS_ID: &str = "6120451";

pub fn run(ctx: &Context) -> Result<()> {
    step("release build (emulator)", || {
        exec(
            ctx.cmd("cargo")
                .args(["build", "--release", "--package", "freshbooks-emulator"]),
            &ctx.root,
        )
    })?;
    let emulator = EmulatorProcess::start(
        ctx.cmd(ctx.profile_dir("release").join("freshbooks-emulator"))
            .args(["--port", "0", "--auto-approve", "--scale", "large"]),
    )?;
    let host = emulator
        .base_url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let mut conn = Conn::open(&host)?;
    let (status, body) = conn.request("POST", "/_emulator/tokens", None)?;
    if status != 200 {
        bail!("minting a token answered {status}");
    }
    let tokens: serde_json::Value = serde_json::from_slice(&body)?;
    let token = tokens["access_token"]
        .as_str()
        .context("no access_token")?
        .to_owned();

    let lists = [
        (
            "invoices, include[]=lines",
            format!(
                "/accounting/account/{ACCOUNT_ID}/invoices/invoices?include[]=lines&per_page=100"
            ),
        ),
        (
            "clients",
            format!("/accounting/account/{ACCOUNT_ID}/users/clients?per_page=100"),
        ),
        (
            "time entries, team=true",
            format!("/timetracking/business/{BUSINESS_ID}/time_entries?team=true&per_page=100"),
        ),
    ];
    println!(
        "\nemulator alone: large seed, no added latency, pages of 100, one keep-alive connection"
    );
    println!("| list | pages | first page | p50 | p95 | max | all pages |");
    println!("|---|---|---|---|---|---|---|");
    for (name, path) in &lists {
        let mut times = Vec::new();
        let mut page = 1;
        let started = Instant::now();
        loop {
            let at = Instant::now();
            let (status, body) =
                conn.request("GET", &format!("{path}&page={page}"), Some(&token))?;
            times.push(at.elapsed().as_micros());
            if status != 200 {
                bail!("{path} page {page} answered {status}");
            }
            let value: serde_json::Value = serde_json::from_slice(&body)?;
            let pages = value["response"]["result"]["pages"]
                .as_u64()
                .or_else(|| value["meta"]["pages"].as_u64())
                .context("no page count")?;
            if page >= pages {
                break;
            }
            page += 1;
        }
        let total = ms(started.elapsed().as_micros());
        let first = ms(times[0]);
        let mut sorted = times.clone();
        sorted.sort_unstable();
        // Nearest rank: the value below which `percent` % of the pages fall.
        let at = |percent: usize| ms(sorted[(sorted.len() - 1) * percent / 100]);
        println!(
            "| {name} | {} | {first} | {} | {} | {} | {total} |",
            times.len(),
            at(50),
            at(95),
            ms(sorted[sorted.len() - 1]),
        );
    }
    drop(emulator);
    Ok(())
}

/// Microseconds as milliseconds with one decimal.
fn ms(micros: u128) -> String {
    let tenths = (micros + 50) / 100;
    format!("{}.{} ms", tenths / 10, tenths % 10)
}

/// One HTTP/1.1 keep-alive connection to the emulator on loopback: no client crate, no pool.
struct Conn {
    host: String,
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Conn {
    fn open(host: &str) -> Result<Self> {
        let stream = TcpStream::connect(host).with_context(|| format!("cannot reach {host}"))?;
        stream.set_nodelay(true)?;
        Ok(Conn {
            host: host.to_owned(),
            writer: stream.try_clone()?,
            reader: BufReader::new(stream),
        })
    }

    /// Sends a request and reads the answer (Content-Length or chunked), keeping the connection.
    fn request(&mut self, method: &str, path: &str, token: Option<&str>) -> Result<(u16, Vec<u8>)> {
        let auth = token
            .map(|t| format!("Authorization: Bearer {t}\r\n"))
            .unwrap_or_default();
        write!(
            self.writer,
            "{method} {path} HTTP/1.1\r\nHost: {}\r\n{auth}Content-Length: 0\r\n\r\n",
            self.host
        )?;
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status = line
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .context("not an HTTP answer")?;
        let mut length = None;
        let mut chunked = false;
        loop {
            line.clear();
            self.reader.read_line(&mut line)?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse::<usize>().ok();
                } else if name.eq_ignore_ascii_case("transfer-encoding") {
                    chunked = value.trim().eq_ignore_ascii_case("chunked");
                }
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.reader.read_line(&mut line)?;
                let size = usize::from_str_radix(line.trim(), 16).context("bad chunk size")?;
                let mut chunk = vec![0; size + 2];
                self.reader.read_exact(&mut chunk)?;
                if size == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..size]);
            }
        } else {
            let mut buf = vec![0; length.context("no Content-Length")?];
            self.reader.read_exact(&mut buf)?;
            body = buf;
        }
        Ok((status, body))
    }
}
