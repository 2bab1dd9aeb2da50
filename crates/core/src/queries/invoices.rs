//! The invoice list: state, client, dates, amounts, badges; one page at a time, with what the
//! whole match counts and adds up to.
//!
//! SQLite filters, counts, sums and orders: the state an invoice is in is computed in SQL by
//! the same rules as [`state_of`], and amounts (decimal text) are summed exactly as integers of
//! cents, so a page of the 10,000-invoice seed reads its 200 rows and never the others.

use std::collections::HashMap;

use chrono::NaiveDate;
use ledgerline_model::entity::Entity;
use ledgerline_model::ids::{BusinessId, ClientId};
use ledgerline_model::ipc::{InvoiceList, InvoicePageArgs};
use ledgerline_model::money::{CurrencyCode, Money};
use ledgerline_model::views::{InvoiceQuery, InvoiceRow, InvoiceState, InvoiceStatusFilter};
use rusqlite::{Connection, OptionalExtension, Row, params};
use rust_decimal::Decimal;

use super::badges::{Badge, badges};
use super::{CLIENT_NAME, fts_query};
use crate::Core;
use crate::error::Result;

/// Rows a page holds when the caller does not say.
pub const DEFAULT_PAGE: u32 = 200;

impl Core {
    /// Every invoice of a business the query matches (for exports), in the list's order.
    pub async fn list_invoices(
        &self,
        business: BusinessId,
        query: InvoiceQuery,
    ) -> Result<Vec<InvoiceRow>> {
        self.store()
            .read(move |c| rows(c, business, &query, None, 0))
            .await
    }

    /// One page of a business's invoices: invoices made here and not yet numbered by FreshBooks
    /// first, then the newest invoice date, then the highest number; with the number of
    /// invoices matching and their amount and outstanding totals per currency.
    pub async fn invoice_page(
        &self,
        business: BusinessId,
        args: InvoicePageArgs,
    ) -> Result<InvoiceList> {
        self.store()
            .read(move |c| {
                let limit = if args.limit == 0 {
                    DEFAULT_PAGE
                } else {
                    args.limit
                };
                let (total_count, amount, outstanding) = totals(c, business, &args.query)?;
                let rows = rows(c, business, &args.query, Some(limit), args.offset)?;
                Ok(InvoiceList {
                    rows,
                    total_count,
                    amount,
                    outstanding,
                })
            })
            .await
    }
}

/// Whether an invoice counts as owed: not deleted, not a draft, something left to pay.
const OWED: &str =
    "m.vis_state != 1 AND coalesce(m.word != 'draft' COLLATE NOCASE, 1) AND m.owed > 0";

/// An amount written with two decimals (as FreshBooks writes money) as an integer of cents,
/// exactly: the text without its dot (`-0.50` → -50). `{x}` is the column.
const CENTS: &str =
    "CASE WHEN substr({x}, -3, 1) = '.' THEN CAST(replace({x}, '.', '') AS INTEGER) END";

/// Whether an amount is written otherwise (`12.5`, `3`, `0.125`): summed exactly in Rust.
const NOT_CENTS: &str = "({x} IS NOT NULL AND substr({x}, -3, 1) != '.')";

/// The matching invoices, with what the state filter needs: `m.word` (FreshBooks' status
/// word) and `m.owed` (what is owed, as a number only to compare with zero). The
/// invoices_list index holds every column read, so the rows (raw JSON, lines) are not read.
const MATCHES: &str = "(SELECT i.id, i.invoice_number, i.customer_id, i.v3_status, i.create_date,
                i.due_date, i.amount, i.outstanding, i.currency_code, i.vis_state,
                i.v3_status AS word, CAST(i.outstanding AS REAL) AS owed
         FROM invoices i {index}
         WHERE i.business_id = ?1 AND (?2 IS NULL OR i.customer_id = ?2)
           AND (?3 IS NULL OR i.create_date >= ?3) AND (?4 IS NULL OR i.create_date <= ?4)
           AND (?5 IS NULL OR i.rowid IN (SELECT rowid FROM invoices_fts WHERE invoices_fts MATCH ?5))
        ) m";

/// [`MATCHES`] read through the invoices_list index (the whole list, its totals).
fn matches_listed() -> String {
    MATCHES.replace("{index}", "INDEXED BY invoices_list")
}

/// [`MATCHES`] as SQLite chooses to find them: the invoices made here (negative ids, few) by
/// the primary key rather than by reading all of the list.
fn matches_local() -> String {
    MATCHES.replace("{index}", "")
}

/// The state filter over `m` (`?6` the filter's name, `?7` today or NULL), by the rules of
/// [`state_of`]: deleted, else draft, else paid (nothing owed, or FreshBooks says paid), else
/// overdue (owed past its due date counted from today; without today, FreshBooks' word).
const STATE_FILTER: &str = "(CASE ?6
    WHEN 'deleted' THEN m.vis_state = 1
    WHEN 'draft' THEN m.vis_state != 1 AND m.word = 'draft' COLLATE NOCASE
    WHEN 'paid' THEN m.vis_state != 1 AND coalesce(m.word != 'draft' COLLATE NOCASE, 1)
        AND (coalesce(m.owed <= 0, 0)
             OR m.word IN ('paid', 'autopaid', 'success') COLLATE NOCASE)
    WHEN 'outstanding' THEN m.vis_state != 1
        AND coalesce(m.word NOT IN ('draft', 'paid', 'autopaid', 'success') COLLATE NOCASE, 1)
        AND m.owed > 0
    WHEN 'overdue' THEN m.vis_state != 1
        AND coalesce(m.word NOT IN ('draft', 'paid', 'autopaid', 'success') COLLATE NOCASE, 1)
        AND NOT coalesce(m.owed <= 0, 0)
        AND CASE WHEN ?7 IS NULL THEN m.word = 'overdue' COLLATE NOCASE
                 ELSE m.owed > 0 AND m.due_date < ?7 END
    ELSE m.vis_state != 1 END)";

fn status_name(status: InvoiceStatusFilter) -> &'static str {
    match status {
        InvoiceStatusFilter::All => "all",
        InvoiceStatusFilter::Draft => "draft",
        InvoiceStatusFilter::Outstanding => "outstanding",
        InvoiceStatusFilter::Overdue => "overdue",
        InvoiceStatusFilter::Paid => "paid",
        InvoiceStatusFilter::Deleted => "deleted",
    }
}

fn day_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

/// The query's parameters `?1`–`?7`.
struct Params {
    business: i64,
    client: Option<i64>,
    from: Option<String>,
    to: Option<String>,
    search: Option<String>,
    status: &'static str,
    today: Option<String>,
}

impl Params {
    fn new(c: &Connection, business: BusinessId, q: &InvoiceQuery) -> Result<Self> {
        Ok(Self {
            business: business.get(),
            client: q
                .client
                .map(|id| crate::edit::current_id(c, business, Entity::Clients, id.get()))
                .transpose()?,
            from: day_text(q.from),
            to: day_text(q.to),
            search: q.search.as_deref().and_then(fts_query),
            status: status_name(q.status),
            today: day_text(q.today),
        })
    }
}

/// How many invoices match, and their amount and outstanding per currency (outstanding counts
/// what is owed: not drafts, not deleted, above zero). SQLite sums amounts written in cents;
/// a currency with any other amount is summed again here, exactly, from its texts.
fn totals(
    c: &Connection,
    business: BusinessId,
    q: &InvoiceQuery,
) -> Result<(u64, Vec<Money>, Vec<Money>)> {
    let p = Params::new(c, business, q)?;
    let cents = |x: &str| CENTS.replace("{x}", x);
    let not_cents = |x: &str| NOT_CENTS.replace("{x}", x);
    let mut stmt = c.prepare_cached(&format!(
        "SELECT m.currency_code, count(*), sum({}), sum(CASE WHEN {OWED} THEN {} END),
                sum({} OR ({OWED} AND {}))
         FROM {} WHERE {STATE_FILTER}
         GROUP BY m.currency_code ORDER BY m.currency_code",
        cents("m.amount"),
        cents("m.outstanding"),
        not_cents("m.amount"),
        not_cents("m.outstanding"),
        matches_listed(),
    ))?;
    let mut rows = stmt.query(params![
        p.business, p.client, p.from, p.to, p.search, p.status, p.today
    ])?;
    let (mut count, mut amount, mut outstanding) = (0u64, Vec::new(), Vec::new());
    let mut odd = Vec::new();
    while let Some(row) = rows.next()? {
        count += u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0);
        let code: Option<String> = row.get(0)?;
        let Some(currency) = code.as_deref().and_then(|c| CurrencyCode::new(c).ok()) else {
            continue;
        };
        if row.get::<_, Option<i64>>(4)?.unwrap_or(0) > 0 {
            odd.push((code, currency));
            continue;
        }
        if let Some(sum) = row.get::<_, Option<i64>>(2)? {
            amount.push(Money::new(Decimal::new(sum, 2), currency.clone()));
        }
        if let Some(sum) = row.get::<_, Option<i64>>(3)? {
            outstanding.push(Money::new(Decimal::new(sum, 2), currency));
        }
    }
    drop(rows);
    for (code, currency) in odd {
        let (a, o) = exact_sums(c, &p, code.as_deref())?;
        if let Some(a) = a {
            amount.push(Money::new(a, currency.clone()));
        }
        if let Some(o) = o {
            outstanding.push(Money::new(o, currency));
        }
    }
    amount.sort_by(|a, b| a.currency.as_str().cmp(b.currency.as_str()));
    outstanding.sort_by(|a, b| a.currency.as_str().cmp(b.currency.as_str()));
    Ok((count, amount, outstanding))
}

/// One currency's amount and outstanding totals, from the texts (amounts not in cents).
fn exact_sums(
    c: &Connection,
    p: &Params,
    code: Option<&str>,
) -> Result<(Option<Decimal>, Option<Decimal>)> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT m.amount, CASE WHEN {OWED} THEN m.outstanding END
         FROM {} WHERE {STATE_FILTER} AND m.currency_code = ?8",
        matches_listed()
    ))?;
    let mut rows = stmt.query(params![
        p.business, p.client, p.from, p.to, p.search, p.status, p.today, code
    ])?;
    let parse = |t: Option<String>| t.and_then(|t| t.trim().parse::<Decimal>().ok());
    let (mut amount, mut outstanding) = (None::<Decimal>, None::<Decimal>);
    while let Some(row) = rows.next()? {
        if let Some(a) = parse(row.get(0)?) {
            amount = Some(amount.unwrap_or_default() + a);
        }
        if let Some(o) = parse(row.get(1)?) {
            outstanding = Some(outstanding.unwrap_or_default() + o);
        }
    }
    Ok((amount, outstanding))
}

/// The matching rows in the list's order, `limit` of them from `offset` (all without a limit):
/// invoices made here (few) first, then FreshBooks' in the index's order (date, then number:
/// SQLite sorts nothing, and stops at the page's end).
fn rows(
    c: &Connection,
    business: BusinessId,
    q: &InvoiceQuery,
    limit: Option<u32>,
    offset: u32,
) -> Result<Vec<InvoiceRow>> {
    let badges = badges(c, business, Entity::Invoices)?;
    let p = Params::new(c, business, q)?;
    // A whole list names most of the business's clients: one read of them all costs less
    // than a look-up per client (a page names a few, looked up as met).
    let names = match limit {
        None => all_client_names(c, business)?,
        Some(_) => HashMap::new(),
    };
    let mut read = Reader {
        c,
        business,
        badges: &badges,
        today: q.today,
        names,
        codes: HashMap::new(),
    };
    let mut res = read.part(
        &p,
        &matches_local(),
        "m.id < 0 ORDER BY m.create_date DESC, m.id DESC",
        None,
        0,
    )?;
    let offset = offset as usize;
    let local = res.len();
    res.drain(..offset.min(local));
    if let Some(limit) = limit {
        res.truncate(limit as usize);
    }
    let room = limit.map(|l| (l as usize).saturating_sub(res.len()));
    if room != Some(0) {
        let from = offset.saturating_sub(local);
        res.extend(read.part(
            &p,
            &matches_listed(),
            "m.id >= 0 ORDER BY m.create_date DESC, length(m.invoice_number) DESC,
                 m.invoice_number DESC, m.id DESC",
            room,
            from,
        )?);
    }
    Ok(res)
}

/// Reads rows of the list, with the names and codes already met.
struct Reader<'a> {
    c: &'a Connection,
    business: BusinessId,
    badges: &'a HashMap<i64, Badge>,
    today: Option<NaiveDate>,
    names: HashMap<i64, Option<String>>,
    codes: HashMap<String, Option<CurrencyCode>>,
}

impl Reader<'_> {
    /// The rows of `matches` ([`matches_listed`] or [`matches_local`]) that also meet `rest`
    /// (a condition and the order), `limit` from `offset`.
    fn part(
        &mut self,
        p: &Params,
        matches: &str,
        rest: &str,
        limit: Option<usize>,
        offset: usize,
    ) -> Result<Vec<InvoiceRow>> {
        let (c, business) = (self.c, self.business);
        let mut stmt = c.prepare_cached(&format!(
            "SELECT m.id, m.invoice_number, m.customer_id, m.v3_status, m.create_date,
                    m.due_date, m.amount, m.outstanding, m.currency_code, m.vis_state
             FROM {matches} WHERE {STATE_FILTER} AND {rest}
             LIMIT ?8 OFFSET ?9"
        ))?;
        let mut rows = stmt.query(params![
            p.business,
            p.client,
            p.from,
            p.to,
            p.search,
            p.status,
            p.today,
            limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX)),
            i64::try_from(offset).unwrap_or(i64::MAX),
        ])?;
        let mut res = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let currency = match text(row, 8)? {
                Some(code) => self.currency(code),
                None => None,
            };
            let client: Option<i64> = row.get(2)?;
            let client_name = match client {
                Some(client) => match client_name(c, business, client, &mut self.names)? {
                    Some(name) => Some(name),
                    None => copied_name(c, business, id)?,
                },
                None => copied_name(c, business, id)?,
            };
            res.push(to_row(
                id,
                Fields {
                    number: row.get(1)?,
                    client,
                    client_name,
                    v3_status: text(row, 3)?,
                    create_date: text(row, 4)?,
                    due_date: text(row, 5)?,
                    amount: text(row, 6)?,
                    outstanding: text(row, 7)?,
                    currency,
                    vis_state: row.get(9)?,
                },
                self.badges.get(&id).copied().unwrap_or_default(),
                self.today,
            ));
        }
        Ok(res)
    }

    /// The currency of a code, read once per list.
    fn currency(&mut self, code: &str) -> Option<CurrencyCode> {
        if let Some(known) = self.codes.get(code) {
            return known.clone();
        }
        let currency = CurrencyCode::new(code).ok();
        self.codes.insert(code.to_owned(), currency.clone());
        currency
    }
}

/// A text column as the row holds it (no copy): the list reads 10,000 rows.
fn text<'r>(row: &'r Row<'_>, column: usize) -> rusqlite::Result<Option<&'r str>> {
    Ok(row.get_ref(column)?.as_str_or_null()?)
}

/// Every client's name in the mirror of a business (`None` for an empty one), as
/// [`client_name`] reads each.
fn all_client_names(c: &Connection, business: BusinessId) -> Result<HashMap<i64, Option<String>>> {
    let mut stmt = c.prepare_cached(&format!(
        "SELECT c.id, {CLIENT_NAME} FROM clients c WHERE c.business_id = ?1"
    ))?;
    let names = stmt
        .query_map(params![business.get()], |row| {
            let name: Option<String> = row.get(1)?;
            Ok((row.get(0)?, name.filter(|n| !n.is_empty())))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(names)
}

/// An invoice's columns as the list reads them; texts borrowed from the row read.
pub(super) struct Fields<'a> {
    pub number: Option<String>,
    pub client: Option<i64>,
    pub client_name: Option<String>,
    pub v3_status: Option<&'a str>,
    pub create_date: Option<&'a str>,
    pub due_date: Option<&'a str>,
    pub amount: Option<&'a str>,
    pub outstanding: Option<&'a str>,
    pub currency: Option<CurrencyCode>,
    pub vis_state: i64,
}

/// The list's row for an invoice.
pub(super) fn to_row(id: i64, f: Fields<'_>, badge: Badge, today: Option<NaiveDate>) -> InvoiceRow {
    let money = |text: Option<&str>| -> Option<Money> {
        let amount = text?.trim().parse::<Decimal>().ok()?;
        Some(Money::new(amount, f.currency.clone()?))
    };
    let amount = money(f.amount);
    let outstanding = money(f.outstanding);
    let due_date = date(f.due_date);
    let state = state_of(
        f.vis_state,
        f.v3_status,
        outstanding.as_ref().map(|m| m.amount),
        due_date,
        today,
    );
    InvoiceRow {
        id,
        // A local invoice's number is not FreshBooks' yet.
        number: f.number.filter(|n| id > 0 && !n.trim().is_empty()),
        client: f.client.map(ClientId),
        client_name: f.client_name,
        state,
        create_date: date(f.create_date),
        due_date,
        amount,
        outstanding,
        currency: f.currency,
        pending: badge.pending,
        conflict: badge.conflict,
    }
}

/// A client's name from the mirror (`None` when the mirror lacks the client or its name is
/// empty), remembered in `seen` for the next row.
pub(super) fn client_name(
    c: &Connection,
    business: BusinessId,
    client: i64,
    seen: &mut HashMap<i64, Option<String>>,
) -> Result<Option<String>> {
    if let Some(name) = seen.get(&client) {
        return Ok(name.clone());
    }
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {CLIENT_NAME} FROM clients c WHERE c.business_id = ?1 AND c.id = ?2"
    ))?;
    let name: Option<String> = stmt
        .query_row(params![business.get(), client], |row| row.get(0))
        .optional()?;
    let name = name.filter(|n| !n.is_empty());
    seen.insert(client, name.clone());
    Ok(name)
}

/// The client's name as copied onto an invoice (for a client the mirror does not have).
pub(super) fn copied_name(c: &Connection, business: BusinessId, id: i64) -> Result<Option<String>> {
    let mut stmt = c.prepare_cached(
        "SELECT trim(coalesce(nullif(json_extract(raw, '$.organization'), ''),
                     coalesce(json_extract(raw, '$.fname'), '') || ' ' ||
                     coalesce(json_extract(raw, '$.lname'), '')))
         FROM invoices WHERE business_id = ?1 AND id = ?2",
    )?;
    let name: Option<String> = stmt
        .query_row(params![business.get(), id], |row| row.get(0))
        .optional()?;
    Ok(name.filter(|n| !n.is_empty()))
}

/// The date a text starts with (`2026-11-02`, `2026-11-02 09:15:00`).
fn date(text: Option<&str>) -> Option<NaiveDate> {
    let day = text?.get(..10)?;
    // `dddd-dd-dd`, as FreshBooks writes dates, read without chrono's format parser (twice a
    // row of a list of 10,000); anything else as the parser reads it.
    let b = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10))
    {
        return NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d);
    }
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}
/// Where an invoice stands. With `today`, an unpaid invoice is overdue from the day after its
/// due date (FreshBooks' word is as of the last sync); without it, FreshBooks' word decides.
pub(crate) fn state_of(
    vis_state: i64,
    v3_status: Option<&str>,
    outstanding: Option<Decimal>,
    due: Option<NaiveDate>,
    today: Option<NaiveDate>,
) -> InvoiceState {
    if vis_state == 1 {
        return InvoiceState::Deleted;
    }
    let word = v3_status.unwrap_or("").trim();
    // FreshBooks writes its words in lower case: copy only a word that is not.
    let word: std::borrow::Cow<'_, str> = if word.bytes().any(|b| b.is_ascii_uppercase()) {
        word.to_ascii_lowercase().into()
    } else {
        word.into()
    };
    if word == "draft" {
        return InvoiceState::Draft;
    }
    let owed = outstanding.is_some_and(|o| o > Decimal::ZERO);
    if outstanding.is_some_and(|o| o <= Decimal::ZERO)
        || matches!(&*word, "paid" | "autopaid" | "success")
    {
        return InvoiceState::Paid;
    }
    if let Some(today) = today
        && owed
        && due.is_some_and(|due| due < today)
    {
        return InvoiceState::Overdue;
    }
    match &*word {
        "sent" | "created" | "pending" => InvoiceState::Sent,
        "viewed" => InvoiceState::Viewed,
        "partial" | "deposit-partial" => InvoiceState::Partial,
        // FreshBooks' overdue, seen on a day it is not overdue any more (due date moved).
        "overdue" if today.is_some() => InvoiceState::Sent,
        "overdue" => InvoiceState::Overdue,
        "disputed" => InvoiceState::Disputed,
        "" => InvoiceState::Sent,
        other => InvoiceState::Other(other.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 3, d)
    }

    #[test]
    fn dates_read_as_chrono_reads_them() {
        for text in [
            "2026-11-02",
            "2026-11-02 09:15:00",
            "0000-01-01",
            "9999-12-31",
            "2026-02-29",
            "2024-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-1-02x",
            "2026/11/02",
            "+2026-11-0",
            "2026-11-0",
            "",
            "2026-11-0a",
            " 2026-11-02",
        ] {
            let chrono = text
                .get(..10)
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            assert_eq!(date(Some(text)), chrono, "{text:?}");
        }
        assert_eq!(date(None), None);
    }

    #[test]
    fn states() {
        let owed = Some(Decimal::from(10));
        let paid = Some(Decimal::ZERO);
        assert_eq!(
            state_of(1, Some("sent"), owed, None, None),
            InvoiceState::Deleted
        );
        assert_eq!(
            state_of(0, Some("draft"), owed, day(1), day(20)),
            InvoiceState::Draft
        );
        assert_eq!(
            state_of(0, Some("sent"), paid, day(1), day(20)),
            InvoiceState::Paid
        );
        assert_eq!(
            state_of(0, Some("sent"), owed, day(19), day(20)),
            InvoiceState::Overdue
        );
        assert_eq!(
            state_of(0, Some("sent"), owed, day(20), day(20)),
            InvoiceState::Sent
        );
        assert_eq!(
            state_of(0, Some("viewed"), owed, None, day(20)),
            InvoiceState::Viewed
        );
        assert_eq!(
            state_of(0, Some("overdue"), owed, day(25), day(20)),
            InvoiceState::Sent
        );
        assert_eq!(
            state_of(0, Some("overdue"), owed, day(25), None),
            InvoiceState::Overdue
        );
        assert_eq!(
            state_of(0, Some("declined"), owed, None, None),
            InvoiceState::Other("declined".into())
        );
    }
}
