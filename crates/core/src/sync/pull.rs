//! Running one [`Pull`]: its pages fetched several at a time (the client's limiter decides how
//! many reach FreshBooks at once) and written as they arrive, in batches, each batch in one
//! transaction together with the cursor: the last page with every page before it written, so an
//! interrupted pull resumes after it and never skips a page it did not write ([`Frontier`]).
//!
//! A full read marks every record it sees with its run number and, once
//! complete, sweeps the records it did not see: FreshBooks deleted them for good.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::FutureExt;
use futures::future::BoxFuture;
use futures::stream::{FuturesUnordered, StreamExt};
use ledgerline_freshbooks::Client;
use ledgerline_model::ids::BusinessId;
use serde_json::Value;
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

use super::fetch::{self, Confirmed, Fetched, Slice};
use super::monitor::Monitor;
use super::plan::Pull;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::records;
use crate::store::sync_state;
use ledgerline_model::entity::Entity;
use ledgerline_model::entity::UserBusiness;
use ledgerline_model::event::{Event, Origin};
use ledgerline_model::sync::{Cursor, PullMode};

/// How often one page is tried when FreshBooks rate-limits or fails on its side. The client
/// already retried each read with backoff inside every attempt, so one more round is enough;
/// beyond that the entity waits for the next run.
const PAGE_ATTEMPTS: u32 = 2;

/// The first wait after a failed page; doubled each time, with jitter.
const FIRST_BACKOFF: Duration = Duration::from_millis(500);

/// How long pages that arrived wait for more before they are written anyway: a pull's pages
/// come in batches (see [`pull_slice`]), but one page FreshBooks is slow to answer does not hold
/// back the others.
const BATCH_WAIT: Duration = Duration::from_millis(25);

/// Page numbers of the deleted-records slice are offset by this in the cursor.
const DELETED_SLICE_OFFSET: u32 = 1_000_000;

/// What a pull needs around it.
#[derive(Debug, Clone)]
pub struct PullContext {
    /// The mirror.
    pub store: Store,
    /// The signed-in client.
    pub client: Client,
    /// The business pulled.
    pub business: UserBusiness,
    /// Where progress goes.
    pub events: broadcast::Sender<Event>,
    /// Stops the pull between pages (or during a wait).
    pub cancel: CancellationToken,
    /// Where progress is kept for the Sync page.
    pub monitor: Monitor,
}

/// How a pull ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PullOutcome {
    /// Complete; this many records written.
    Done(u64),
    /// FreshBooks refuses this user the entity.
    Unavailable(String),
}

/// Runs a pull to completion (or until cancelled or failed; the cursor is kept either way).
pub async fn run(ctx: &PullContext, pull: &Pull) -> Result<PullOutcome> {
    let res = run_inner(ctx, pull).await;
    let business = ctx.business.business_id;
    let entity = pull.entity;
    match res {
        Err(Error::FreshBooks(ledgerline_freshbooks::Error::Forbidden { message })) => {
            let reason = message.unwrap_or_else(|| {
                "your role or the access granted to Ledgerline does not include this".to_owned()
            });
            mark_unavailable(ctx, entity, reason).await
        }
        // A list FreshBooks says does not exist: an endpoint this account or its plan lacks
        // (expenses on a plan without them). Only lists end up here (the sweep reads a single
        // record's 404 as "gone"), so it is the entity that is missing, not a record; failing
        // the sync at every run would not bring it.
        Err(Error::FreshBooks(ledgerline_freshbooks::Error::NotFound { .. })) => {
            let reason = "this FreshBooks account or its plan does not offer this".to_owned();
            mark_unavailable(ctx, entity, reason).await
        }
        Err(Error::Cancelled) => Err(Error::Cancelled),
        Err(e) => {
            let error = e.to_payload();
            let stored = error.clone();
            ctx.store
                .write(move |tx| {
                    sync_state::record_error(tx, business, entity, &stored, Utc::now())
                })
                .await?;
            let _ = ctx.events.send(Event::Failed {
                business,
                entity: Some(entity),
                error,
            });
            Err(e)
        }
        Ok(n) => Ok(PullOutcome::Done(n)),
    }
}

/// Records that FreshBooks does not give this user the entity, and why; the plan asks again
/// after a while, or at once on a full sync.
async fn mark_unavailable(
    ctx: &PullContext,
    entity: Entity,
    reason: String,
) -> Result<PullOutcome> {
    let business = ctx.business.business_id;
    let r = reason.clone();
    ctx.store
        .write(move |tx| sync_state::mark_unavailable(tx, business, entity, &r, Utc::now()))
        .await?;
    let _ = ctx.events.send(Event::Unavailable {
        business,
        entity,
        reason: crate::error::unavailable(entity, &reason),
    });
    Ok(PullOutcome::Unavailable(reason))
}

async fn run_inner(ctx: &PullContext, pull: &Pull) -> Result<u64> {
    let business = ctx.business.business_id;
    let entity = pull.entity;
    let cursor = Cursor {
        mode: pull.mode,
        started_at: pull.started_at,
        page: pull.resume_after_page,
    };
    let begin_cursor = cursor.clone();
    let before = ctx
        .store
        .write(move |tx| {
            sync_state::begin(tx, business, entity, &begin_cursor, Utc::now())?;
            Ok(sync_state::get(tx, business, entity)?.done)
        })
        .await?;
    ctx.monitor.reading(business, entity, before);
    // The run number marks records seen by this full read; it survives a resume because it is
    // derived from the pull's start.
    let run = match pull.mode {
        PullMode::Full => Some(pull.started_at.timestamp_micros()),
        PullMode::Incremental => None,
    };
    let since = pull.since.unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let mut slices = vec![(
        0,
        match pull.mode {
            PullMode::Full => Slice::All,
            PullMode::Incremental => Slice::UpdatedSince(since),
        },
    )];
    if pull.mode == PullMode::Incremental && fetch::has_deleted_slice(entity) {
        slices.push((DELETED_SLICE_OFFSET, Slice::DeletedSince(since)));
    }
    let mut written = 0;
    let mut skew = Skew::default();
    for (offset, slice) in slices {
        if pull.resume_after_page >= offset + DELETED_SLICE_OFFSET {
            continue; // this slice was finished before the interruption
        }
        let first = pull.resume_after_page.saturating_sub(offset) + 1;
        written += pull_slice(ctx, entity, slice, offset, first, run, &mut skew).await?;
    }
    // The next pull asks for what changed since this one started, on FreshBooks' clock: the
    // local clock may run minutes ahead, and then it would skip what changed meanwhile.
    let watermark = cursor.started_at + skew.least.unwrap_or_default();
    if let Some(run) = run {
        sweep(ctx, entity, run).await?;
    }
    let finish_cursor = cursor;
    ctx.store
        .write(move |tx| {
            if run.is_some() {
                sync_state::release_unseen(tx, business, entity, finish_cursor.started_at)?;
            }
            sync_state::finish(tx, business, entity, &finish_cursor, watermark, Utc::now())
        })
        .await?;
    ctx.monitor.entity_done(business, entity);
    let _ = ctx.events.send(Event::Changed {
        business,
        entity,
        origin: Origin::Sync,
    });
    Ok(written)
}

/// After a complete full read numbered `run`: each record it did not see leaves the mirror only
/// once FreshBooks confirms it gone (404 or deleted); one FreshBooks still has (the paged walk
/// missed it) is written anew. A record the mirror already holds as deleted goes without asking.
async fn sweep(ctx: &PullContext, entity: Entity, run: i64) -> Result<()> {
    let business = ctx.business.business_id;
    let unseen = ctx
        .store
        .read(move |c| records::unseen(c, business, entity, run))
        .await?;
    for (id, known_deleted) in unseen {
        let confirmed = if known_deleted {
            Confirmed::Gone
        } else {
            tokio::select! {
                () = ctx.cancel.cancelled() => return Err(Error::Cancelled),
                res = fetch::confirm(&ctx.client, &ctx.business, entity, id) => res?,
            }
        };
        if let Confirmed::Live(_) = &confirmed {
            tracing::debug!(%entity, id, "a record the full read missed is still in FreshBooks");
        }
        ctx.store
            .write(move |tx| {
                // An edit made meanwhile wins, as in a page.
                if crate::store::outbox::has_open_ops(tx, business, entity, id)? {
                    return Ok(());
                }
                match &confirmed {
                    Confirmed::Gone => records::delete(tx, business, entity, id),
                    Confirmed::Live(raw) => {
                        records::upsert(tx, business, entity, raw, Some(run)).map(|_| ())
                    }
                    Confirmed::Unreadable => {
                        records::mark_seen(tx, business, entity, id, Some(run))
                    }
                }
            })
            .await?;
    }
    Ok(())
}

/// How far FreshBooks' clock runs from this computer's, as a pull's answers showed it.
#[derive(Debug, Default)]
struct Skew {
    /// The least of the skews seen (the one that puts the watermark earliest).
    least: Option<chrono::TimeDelta>,
}

impl Skew {
    fn saw(&mut self, fetched: &Fetched) {
        if let Some(s) = fetched.clock_skew {
            self.least = Some(self.least.map_or(s, |least| least.min(s)));
        }
    }
}

/// Pages of one pull asked for ahead of its cursor at most: twice the most requests the client's
/// limiter ever lets through at once ([`ledgerline_freshbooks::Concurrency::cap`]), so that one
/// entity alone (the last one of a first sync, often the largest) keeps every slot busy while
/// the pages that arrived are written, and what waits in memory to be written when one page is
/// slow stays bounded. How many of them are on the wire at once is the limiter's call (one limit
/// for the whole app), not the pull's.
fn pages_ahead(client: &Client) -> u32 {
    u32::try_from(client.config().concurrency.cap.saturating_mul(2))
        .unwrap_or(u32::MAX)
        .max(1)
}

/// Which pages of a pull are written: the cursor is the last page with every page before it
/// written too; pages written past a gap wait here (with their record counts) until it fills.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Frontier {
    /// Every page up to this one is written.
    done: u32,
    /// Pages written past `done + 1`, and their records.
    ahead: BTreeMap<u32, u64>,
}

impl Frontier {
    /// Pages up to `done` written already.
    pub(crate) fn new(done: u32) -> Self {
        Self {
            done,
            ahead: BTreeMap::new(),
        }
    }

    /// The cursor: every page up to this one is written.
    pub(crate) fn done(&self) -> u32 {
        self.done
    }

    /// Records on pages written past the cursor.
    pub(crate) fn ahead_records(&self) -> u64 {
        self.ahead.values().sum()
    }

    /// Page `page` (of `n_records`) is written; returns the records of the pages the cursor
    /// moved over (what the stored count of records done grows by).
    pub(crate) fn written(&mut self, page: u32, n_records: u64) -> u64 {
        if page <= self.done {
            return 0;
        }
        self.ahead.insert(page, n_records);
        let mut covered = 0;
        while let Some(n) = self.ahead.remove(&(self.done + 1)) {
            self.done += 1;
            covered += n;
        }
        covered
    }
}

/// Pulls pages `first..` of one slice; returns the records written.
///
/// The first page is read alone (it tells how many there are); then up to [`pages_ahead`]
/// pages past the cursor are asked for at once, and written as they arrive, in any order, in
/// batches: the first page alone, then, once the previous batch is written, what arrived when
/// half that many have (or none is on its way, or the first waited [`BATCH_WAIT`]) goes in one
/// transaction, on the blocking pool, with the cursor moved to the last page with none missing
/// before it. A stop (cancel, failure, crash) leaves the cursor there; pages written past it are
/// read again on resume, which writes the same records again.
async fn pull_slice(
    ctx: &PullContext,
    entity: Entity,
    slice: Slice,
    offset: u32,
    first: u32,
    run: Option<i64>,
    skew: &mut Skew,
) -> Result<u64> {
    let business = ctx.business.business_id;
    let mut page_no = first;
    let mut current = fetch_with_retry(ctx, entity, slice, page_no).await?;
    skew.saw(&current);
    if first > 1 {
        // Resuming. If FreshBooks now lists fewer records than when the pull stopped, records on
        // the pages already read were removed and every later record moved up: the first ones of
        // page `first` now sit on pages already read, and would never be seen (a full read would
        // then sweep them from the mirror as deleted). Go back as many pages as records went.
        // With nothing removed (the usual case) nothing is downloaded again. Not covered: as many
        // records added as removed in between (the total does not move).
        let before = ctx
            .store
            .read(move |c| Ok(sync_state::get(c, business, entity)?.total))
            .await?;
        if let Some(before) = before
            && current.total < before
        {
            let removed = before - current.total;
            let back =
                u32::try_from(removed.div_ceil(u64::from(fetch::PER_PAGE))).unwrap_or(u32::MAX);
            page_no = first.saturating_sub(back).max(1);
            tracing::debug!(%entity, removed, from_page = page_no, "records removed since the pull stopped; reading again");
            current = fetch_with_retry(ctx, entity, slice, page_no).await?;
            skew.saw(&current);
        }
    }
    let paged = fetch::is_paged(entity);
    let mut last = current.pages.max(1);
    // No page after an empty one is asked for: offset paging has nothing after it, and a count
    // that overstates then costs nothing more.
    let mut end = !paged || is_empty(&current);
    let mut frontier = Frontier::new(page_no - 1);
    let mut next = page_no + 1;
    let mut arrived: Vec<(u32, Fetched)> = vec![(page_no, current)];
    // When the oldest page in `arrived` came.
    let mut waiting_since = Some(tokio::time::Instant::now());
    let mut fetching = FuturesUnordered::new();
    let mut writing: Option<BoxFuture<'static, Result<Batch>>> = None;
    let mut failure: Option<Error> = None;
    let mut written = 0;
    let ahead = pages_ahead(&ctx.client);
    let batch_pages = usize::try_from(ahead / 2).unwrap_or(1).max(1);
    loop {
        if failure.is_none() {
            while !end && next <= last && next <= frontier.done() + ahead {
                let ctx = ctx.clone();
                let n = next;
                fetching.push(tokio::spawn(async move {
                    (n, fetch_with_retry(&ctx, entity, slice, n).await)
                }));
                next += 1;
            }
            // The first page is written alone, at once (the Sync page shows progress early);
            // after it a batch waits for half the pages a pull asks ahead (the other half keep
            // arriving meanwhile), unless no page is on its way or the first has waited
            // BATCH_WAIT: each commit rewrites every index page its rows touch, so a few large
            // commits write far less than many small ones.
            if writing.is_none()
                && !arrived.is_empty()
                && (frontier.done() < page_no
                    || arrived.len() >= batch_pages
                    || fetching.is_empty()
                    || waiting_since.is_some_and(|t| t.elapsed() >= BATCH_WAIT))
            {
                waiting_since = None;
                let pages = std::mem::take(&mut arrived);
                writing = Some(
                    write_batch(
                        ctx.store.clone(),
                        business,
                        entity,
                        offset,
                        run,
                        frontier.clone(),
                        pages,
                    )
                    .boxed(),
                );
            }
        }
        if writing.is_none() && (failure.is_some() || fetching.is_empty()) {
            break;
        }
        tokio::select! {
            biased;
            () = ctx.cancel.cancelled(), if failure.is_none() => failure = Some(Error::Cancelled),
            // A batch under way is always finished, even after a failure: its cursor is right
            // for what it writes.
            res = async { writing.as_mut().expect("guarded").await }, if writing.is_some() => {
                writing = None;
                match res {
                    Ok(batch) => {
                        frontier = batch.frontier;
                        written += batch.written;
                        let done = batch.state.done + frontier.ahead_records();
                        ctx.monitor.progress(business, entity, done, batch.state.total);
                        let _ = ctx.events.send(Event::Progress {
                            business,
                            entity,
                            done,
                            total: batch.state.total,
                        });
                    }
                    Err(e) => failure = failure.or(Some(e)),
                }
            }
            Some(joined) = fetching.next(), if failure.is_none() => match joined {
                Ok((n, Ok(page))) => {
                    skew.saw(&page);
                    last = last.max(page.pages);
                    end |= is_empty(&page);
                    arrived.push((n, page));
                    waiting_since = waiting_since.or_else(|| Some(tokio::time::Instant::now()));
                }
                Ok((_, Err(e))) => failure = Some(e),
                Err(e) => failure = Some(e.into()),
            },
            // Pages waited long enough: the loop writes them.
            () = tokio::time::sleep_until(
                waiting_since.map_or_else(tokio::time::Instant::now, |t| t + BATCH_WAIT)
            ), if writing.is_none() && waiting_since.is_some() && failure.is_none() => {}
        }
    }
    for handle in &fetching {
        handle.abort();
    }
    match failure {
        Some(e) => Err(e),
        None => Ok(written),
    }
}

/// A page with nothing on it: the list ends there.
fn is_empty(page: &Fetched) -> bool {
    page.records.is_empty() && page.unreadable.is_empty()
}

/// What one batch of pages did.
struct Batch {
    /// The pages written, the cursor among them.
    frontier: Frontier,
    /// Records written.
    written: u64,
    /// The entity's sync state after the batch.
    state: ledgerline_model::sync::EntityState,
}

/// Writes the pages that arrived (in the order they arrived) in one transaction, with the cursor
/// at the last page with every page before it written.
async fn write_batch(
    store: Store,
    business: BusinessId,
    entity: Entity,
    offset: u32,
    run: Option<i64>,
    mut frontier: Frontier,
    pages: Vec<(u32, Fetched)>,
) -> Result<Batch> {
    let mut covered = 0;
    let mut written = 0;
    let mut total = None;
    for (n, page) in &pages {
        covered += frontier.written(
            *n,
            u64::try_from(page.records.len() + page.unreadable.len()).unwrap_or(0),
        );
        written += u64::try_from(page.records.len()).unwrap_or(0);
        total = Some(page.total);
    }
    let cursor_page = offset + frontier.done();
    // FreshBooks can send these pages again, and the cursor commits with them: not synced.
    // The pages come back out to be freed here, not while the writer is held.
    let (state, pages) = store
        .write_refetchable(move |tx| {
            for (_, page) in &pages {
                write_page(tx, business, entity, run, page)?;
            }
            sync_state::page_done(tx, business, entity, cursor_page, covered, total)?;
            Ok((sync_state::get(tx, business, entity)?, pages))
        })
        .await?;
    // Freed on a blocking thread: a large batch takes a while to drop, and the async workers
    // (two in the desktop app) carry the other requests' answers meanwhile.
    tokio::task::spawn_blocking(move || drop(pages));
    Ok(Batch {
        frontier,
        written,
        state,
    })
}

/// Writes one page's records (and sets aside the unreadable ones) in the caller's transaction.
fn write_page(
    tx: &rusqlite::Transaction<'_>,
    business: BusinessId,
    entity: Entity,
    run: Option<i64>,
    page: &Fetched,
) -> Result<()> {
    // As `records::upsert` one by one, but the records to write go in few statements
    // (`records::write_rows`), in order: those before a deletion are written before it.
    let mut rows: Vec<(i64, &Value)> = Vec::with_capacity(page.records.len());
    for raw in &page.records {
        let Some(id) = records::record_id(entity, raw) else {
            continue;
        };
        let local_edit = crate::store::outbox::has_open_ops(tx, business, entity, id)?;
        if is_gone(entity, raw) {
            records::write_rows(tx, business, entity, &rows, run)?;
            rows.clear();
            if !local_edit {
                records::delete(tx, business, entity, id)?;
            }
        } else if local_edit {
            // Still marked seen, so a full read does not sweep a record being edited.
            records::mark_seen(tx, business, entity, id, run)?;
        } else {
            rows.push((id, raw));
        }
        sync_state::release(tx, business, entity, id)?;
    }
    records::write_rows(tx, business, entity, &rows, run)?;
    // A record that cannot be read is set aside with the reason; the copy the mirror has from
    // before (if any) stays, and is not swept by a full read.
    for odd in &page.unreadable {
        tracing::warn!(%entity, id = ?odd.id, reason = %odd.reason, "record set aside: it cannot be read");
        sync_state::quarantine(
            tx,
            business,
            entity,
            odd.id,
            &odd.reason,
            &odd.raw,
            Utc::now(),
        )?;
        if let Some(id) = odd.id {
            records::mark_seen(tx, business, entity, id, run)?;
        }
    }
    Ok(())
}

/// A record that is gone rather than changed: a time entry deleted in FreshBooks, which an
/// incremental pull's `include_deleted` list shows as deleted. FreshBooks deletes entries for
/// good, so the mirror removes it, as a full read's sweep would; a deleted accounting record
/// stays, as FreshBooks keeps it.
fn is_gone(entity: Entity, raw: &Value) -> bool {
    entity == Entity::TimeEntries && records::is_deleted(entity, raw)
}

async fn fetch_with_retry(
    ctx: &PullContext,
    entity: Entity,
    slice: Slice,
    page: u32,
) -> Result<Fetched> {
    let mut wait = FIRST_BACKOFF;
    let mut attempt = 1;
    loop {
        let fetched = tokio::select! {
            () = ctx.cancel.cancelled() => return Err(Error::Cancelled),
            res = fetch::page(&ctx.client, &ctx.business, entity, slice, page) => res,
        };
        match fetched {
            Err(e) if e.is_retryable() && attempt < PAGE_ATTEMPTS => {
                let pause = match &e {
                    Error::FreshBooks(fb) => fb.retry_after().unwrap_or(wait),
                    _ => wait,
                };
                tracing::debug!(%entity, page, attempt, ?pause, "page failed, backing off: {e}");
                tokio::select! {
                    () = ctx.cancel.cancelled() => return Err(Error::Cancelled),
                    () = tokio::time::sleep(jitter(pause)) => {}
                }
                wait *= 2;
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// Adds up to a quarter of random jitter, so retries from several pulls do not line up.
pub(crate) fn jitter(d: Duration) -> Duration {
    let quarter = u64::try_from(d.as_millis() / 4).unwrap_or(0);
    d + Duration::from_millis(rand::random_range(0..=quarter))
}

#[cfg(test)]
mod tests {
    use super::{Fetched, Frontier, write_batch};
    use crate::store::businesses::{replace_all, tests::membership};
    use crate::store::sync_state;
    use crate::store::test_support::{temp_store, writer_synchronous};
    use chrono::Utc;
    use ledgerline_model::entity::Entity;
    use ledgerline_model::ids::BusinessId;
    use ledgerline_model::sync::{Cursor, PullMode};

    fn page(ids: std::ops::Range<i64>) -> Fetched {
        Fetched {
            records: ids
                .map(|id| serde_json::json!({"id": id, "name": format!("Item {id}"), "vis_state": 0}))
                .collect(),
            unreadable: Vec::new(),
            pages: 3,
            total: 300,
            clock_skew: None,
        }
    }

    /// A batch of pulled pages is written (unsynced, as FreshBooks can send it again) with the
    /// cursor at the last page with none missing before it; the writer is back to
    /// `synchronous=FULL` afterwards, so the outbox's next commit is durable.
    #[tokio::test]
    async fn a_batch_of_pages_leaves_the_writer_durable() {
        let (_dir, store) = temp_store();
        let b = BusinessId(1);
        let cursor = Cursor {
            mode: PullMode::Full,
            started_at: Utc::now(),
            page: 0,
        };
        store
            .write_blocking(|tx| {
                replace_all(tx, &[membership(1, "a", "One")])?;
                sync_state::begin(tx, b, Entity::Items, &cursor, Utc::now())
            })
            .unwrap();
        let pages = vec![(1, page(1..101)), (3, page(201..301))];
        let batch = write_batch(
            store.clone(),
            b,
            Entity::Items,
            0,
            Some(7),
            Frontier::new(0),
            pages,
        )
        .await
        .unwrap();
        assert_eq!(writer_synchronous(&store), 2, "FULL after the batch");
        assert_eq!((batch.frontier.done(), batch.written), (1, 200));
        assert_eq!(
            batch.state.cursor.map(|c| c.page),
            Some(1),
            "page 2 is missing"
        );
        let n: i64 = store
            .read_blocking(|c| Ok(c.query_row("SELECT count(*) FROM records", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(n, 200);
    }

    /// Pages written in any order: the cursor only moves over pages with none missing before
    /// them, and the records counted done move with it.
    #[test]
    fn the_cursor_never_passes_a_page_not_written() {
        // Each row: the cursor to start from, pages written (number, records) in order, and after
        // each the cursor, the records it moved over and the records waiting past it.
        type Row = (u32, &'static [(u32, u64, u32, u64, u64)]);
        let table: &[Row] = &[
            (
                0,
                &[(1, 100, 1, 100, 0), (2, 100, 2, 100, 0), (3, 7, 3, 7, 0)],
            ),
            (
                0,
                &[
                    (3, 100, 0, 0, 100),
                    (2, 100, 0, 0, 200),
                    (5, 9, 0, 0, 209),
                    (1, 100, 3, 300, 9),
                    (4, 100, 5, 109, 0),
                ],
            ),
            // Resuming after page 12: a page already counted is not counted again.
            (
                12,
                &[
                    (14, 100, 12, 0, 100),
                    (12, 100, 12, 0, 100),
                    (13, 100, 14, 200, 0),
                ],
            ),
        ];
        for (start, steps) in table {
            let mut f = Frontier::new(*start);
            for (page, n, cursor, covered, ahead) in *steps {
                let got = f.written(*page, *n);
                assert_eq!(
                    (f.done(), got, f.ahead_records()),
                    (*cursor, *covered, *ahead),
                    "from {start}, after page {page}"
                );
            }
        }
    }
}
