//! Exports of a list as the user sees it: CSV (a header row, money as exact decimals beside a
//! currency column, dates as ISO 8601) or JSON (the rows as the screens receive them), written
//! under a new name (the business, the list, the day; `-2`, `-3` … rather than overwrite).
//! The rows hold what the screens show, nothing secret.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use ledgerline_model::entity::VisState;
use ledgerline_model::ipc::ExportFormat;
use ledgerline_model::money::Money;
use ledgerline_model::views::{ClientRow, InvoiceRow, InvoiceState, TimeRow};
use serde::Serialize;

use crate::Error;

/// A list ready to write: its CSV header and rows, and its JSON.
#[derive(Debug)]
pub struct Table {
    /// What the file name says of it (`clients`, `time-entries`, `invoices`).
    pub label: &'static str,
    /// The CSV header.
    pub header: &'static [&'static str],
    /// The CSV rows.
    pub rows: Vec<Vec<String>>,
    /// The rows as JSON (an array).
    pub json: serde_json::Value,
}

impl Table {
    fn new<T: Serialize>(
        label: &'static str,
        header: &'static [&'static str],
        items: &[T],
        row: impl Fn(&T) -> Vec<String>,
    ) -> Result<Self, Error> {
        Ok(Table {
            label,
            header,
            rows: items.iter().map(row).collect(),
            json: serde_json::to_value(items).map_err(|e| Error::Export {
                path: PathBuf::new(),
                source: std::io::Error::other(e),
            })?,
        })
    }
}

/// The client list.
pub fn clients(rows: &[ClientRow]) -> Result<Table, Error> {
    Table::new(
        "clients",
        &[
            "id",
            "name",
            "email",
            "status",
            "outstanding",
            "currency",
            "pending",
            "conflict",
        ],
        rows,
        |r| {
            let (amounts, currencies) = money_columns(&r.outstanding);
            vec![
                r.id.to_string(),
                text(&r.name),
                text(r.email.as_deref().unwrap_or_default()),
                visibility(r.vis_state).to_owned(),
                amounts,
                currencies,
                r.pending.to_string(),
                r.conflict.to_string(),
            ]
        },
    )
}

/// The time list.
pub fn time_entries(rows: &[TimeRow]) -> Result<Table, Error> {
    Table::new(
        "time-entries",
        &[
            "id",
            "started_at",
            "duration_seconds",
            "hours",
            "client_id",
            "client",
            "project",
            "service",
            "team_member_id",
            "note",
            "billable",
            "billed",
            "pending",
        ],
        rows,
        |r| {
            vec![
                r.id.to_string(),
                r.started_at
                    .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                    .unwrap_or_default(),
                r.duration_seconds.to_string(),
                ledgerline_model::home::hours(r.duration_seconds).to_string(),
                r.client.map(|c| c.get().to_string()).unwrap_or_default(),
                text(r.client_name.as_deref().unwrap_or_default()),
                text(r.project_name.as_deref().unwrap_or_default()),
                text(r.service_name.as_deref().unwrap_or_default()),
                r.team_member
                    .map(|m| m.get().to_string())
                    .unwrap_or_default(),
                text(r.note.as_deref().unwrap_or_default()),
                r.billable.to_string(),
                r.billed.to_string(),
                r.pending.to_string(),
            ]
        },
    )
}

/// The invoice list.
pub fn invoices(rows: &[InvoiceRow]) -> Result<Table, Error> {
    Table::new(
        "invoices",
        &[
            "id",
            "number",
            "client_id",
            "client",
            "state",
            "create_date",
            "due_date",
            "amount",
            "outstanding",
            "currency",
            "pending",
        ],
        rows,
        |r| {
            let currency = r
                .currency
                .as_ref()
                .or(r.amount.as_ref().map(|m| &m.currency))
                .map(|c| c.to_string())
                .unwrap_or_default();
            vec![
                r.id.to_string(),
                text(r.number.as_deref().unwrap_or_default()),
                r.client.map(|c| c.get().to_string()).unwrap_or_default(),
                text(r.client_name.as_deref().unwrap_or_default()),
                invoice_state(&r.state),
                day(r.create_date),
                day(r.due_date),
                r.amount
                    .as_ref()
                    .map(|m| m.amount.to_string())
                    .unwrap_or_default(),
                r.outstanding
                    .as_ref()
                    .map(|m| m.amount.to_string())
                    .unwrap_or_default(),
                currency,
                r.pending.to_string(),
            ]
        },
    )
}

/// Amounts and their currencies, in the same order (`; ` between several: one per currency,
/// never added together).
fn money_columns(money: &[Money]) -> (String, String) {
    let amounts = money
        .iter()
        .map(|m| m.amount.to_string())
        .collect::<Vec<_>>();
    let codes = money
        .iter()
        .map(|m| m.currency.to_string())
        .collect::<Vec<_>>();
    (amounts.join("; "), codes.join("; "))
}

fn visibility(v: VisState) -> &'static str {
    match v {
        VisState::Active => "active",
        VisState::Archived => "archived",
        VisState::Deleted => "deleted",
        VisState::Unknown(_) => "unknown",
    }
}

fn invoice_state(s: &InvoiceState) -> String {
    match s {
        InvoiceState::Other(word) => text(word),
        known => serde_json::to_value(known)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
    }
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// Text typed by people: a leading `=`, `+`, `-` or `@` would make a spreadsheet read it as a
/// formula, so such a cell starts with an apostrophe.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// One CSV cell: quoted when it holds a comma, a quote or a line break (RFC 4180).
fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// The table as CSV (CRLF line ends, as RFC 4180 and spreadsheets expect).
pub fn csv(table: &Table) -> String {
    let mut out = String::new();
    let line = |cells: &mut dyn Iterator<Item = String>, out: &mut String| {
        out.push_str(&cells.collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    };
    line(&mut table.header.iter().map(|h| cell(h)), &mut out);
    for row in &table.rows {
        line(&mut row.iter().map(|c| cell(c)), &mut out);
    }
    out
}

/// A file name's stem from the business's name: letters and digits kept, the rest a dash.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_matches('-').chars().take(40).collect();
    let out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        "ledgerline".to_owned()
    } else {
        out
    }
}

/// Writes the table into `dir` under `<business>-<list>-<day>.<ext>` (or `-2`, `-3` … when that
/// name is taken: never overwrites); answers the path and the rows written.
pub fn write(
    dir: &Path,
    business: &str,
    today: NaiveDate,
    table: &Table,
    format: ExportFormat,
) -> Result<(PathBuf, usize), Error> {
    let (ext, body) = match format {
        ExportFormat::Csv => ("csv", csv(table)),
        ExportFormat::Json => (
            "json",
            serde_json::to_string_pretty(&table.json).map_err(|e| Error::Export {
                path: dir.to_owned(),
                source: std::io::Error::other(e),
            })?,
        ),
    };
    let stem = format!(
        "{}-{}-{}",
        slug(business),
        table.label,
        today.format("%Y-%m-%d")
    );
    let (path, mut file) = create_new(dir, &stem, ext)?;
    file.write_all(body.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|source| Error::Export {
            path: path.clone(),
            source,
        })?;
    Ok((path, table.rows.len()))
}

/// Writes a document (an invoice's PDF) into `dir` as `<stem>.<ext>` (or `<stem>-2.<ext>` …
/// when that name is taken: never overwrites); answers its path. Characters a file name cannot
/// hold become dashes.
pub fn write_document(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf, Error> {
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let stem = stem.trim().trim_start_matches('.');
    let stem = if stem.is_empty() { "document" } else { stem };
    let (path, mut file) = create_new(dir, stem, ext)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|source| Error::Export {
            path: path.clone(),
            source,
        })?;
    Ok(path)
}

fn create_new(dir: &Path, stem: &str, ext: &str) -> Result<(PathBuf, File), Error> {
    for n in 1..10_000 {
        let name = if n == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{n}.{ext}")
        };
        let path = dir.join(name);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(source) => return Err(Error::Export { path, source }),
        }
    }
    Err(Error::Export {
        path: dir.to_owned(),
        source: std::io::Error::other("every name for this export is taken"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("plain"), "plain");
        assert_eq!(text("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(text("-5 apples"), "'-5 apples");
        assert_eq!(slug("Maple & Fir, Ltd."), "maple-fir-ltd");
        assert_eq!(slug("Café Québec"), "café-québec");
        assert_eq!(slug("!!!"), "ledgerline");
    }

    #[test]
    fn a_document_never_overwrites_and_its_name_is_safe() {
        let dir = tempfile::tempdir().unwrap();
        let first = write_document(dir.path(), "Invoice 0000042", "pdf", b"%PDF-1").unwrap();
        let second = write_document(dir.path(), "Invoice 0000042", "pdf", b"%PDF-2").unwrap();
        assert!(first.ends_with("Invoice 0000042.pdf"));
        assert!(second.ends_with("Invoice 0000042-2.pdf"));
        assert_eq!(std::fs::read(&first).unwrap(), b"%PDF-1");
        let odd = write_document(dir.path(), "Invoice ../A/B:1", "pdf", b"x").unwrap();
        assert_eq!(odd.parent(), Some(dir.path()));
        assert!(odd.ends_with("Invoice ..-A-B-1.pdf"), "{odd:?}");
    }

    #[test]
    fn a_second_export_the_same_day_gets_a_new_name() {
        let dir = tempfile::tempdir().unwrap();
        let table = clients(&[]).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
        let (first, _) = write(dir.path(), "Acme", today, &table, ExportFormat::Csv).unwrap();
        let (second, _) = write(dir.path(), "Acme", today, &table, ExportFormat::Csv).unwrap();
        let (third, _) = write(dir.path(), "Acme", today, &table, ExportFormat::Csv).unwrap();
        assert!(first.ends_with("acme-clients-2026-03-31.csv"));
        assert!(second.ends_with("acme-clients-2026-03-31-2.csv"));
        assert!(third.ends_with("acme-clients-2026-03-31-3.csv"));
        let text = std::fs::read_to_string(first).unwrap();
        assert_eq!(
            text,
            "id,name,email,status,outstanding,currency,pending,conflict\r\n"
        );
    }
}
