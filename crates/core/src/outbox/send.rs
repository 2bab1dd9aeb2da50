//! Sending the outbox: one operation at a time, in order, each outcome classified.
//!
//! Protocol per operation, so a crash at any point neither loses nor doubles it:
//! 1. a create in doubt (`sending` left by a dead process, or `unknown`) is first looked for
//!    ([`super::reconcile`]); if found, it is finished without sending;
//! 2. an update reads FreshBooks' current record and checks its base: a field group changed there
//!    too becomes a conflict and nothing is sent;
//! 3. the operation is marked `sending` (committed) before the request;
//! 4. FreshBooks' answer, the id mapping and `done` are written in one transaction.

use std::time::Duration;

use chrono::{DateTime, Utc};
use ledgerline_freshbooks::Client;
use ledgerline_model::ids::{ClientId, InvoiceId, TimeEntryId};
use serde_json::{Value, json};
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

use super::conflict::{self, GroupConflict};
use super::op::{Fields, Op};
use super::{payload, reconcile};
use crate::error::{Error, Result};
use crate::store::outbox::{self, StoredOp};
use crate::store::{Store, conflicts, records};
use ledgerline_model::entity::Entity;
use ledgerline_model::entity::UserBusiness;
use ledgerline_model::entity::VisState;
use ledgerline_model::error::FieldProblem;
use ledgerline_model::error::{ErrorKind, ErrorPayload};
use ledgerline_model::event::{Event, Origin};
use ledgerline_model::outbox::OpState;

/// Attempts per operation within one push before the push gives up until the next run.
const ATTEMPTS_PER_PUSH: u32 = 6;

/// The first wait after a failed attempt; doubled each time.
const FIRST_BACKOFF: Duration = Duration::from_millis(300);

/// What a push needs around it.
#[derive(Debug, Clone)]
pub struct SendContext {
    /// The mirror.
    pub store: Store,
    /// The signed-in client.
    pub client: Client,
    /// The business.
    pub business: UserBusiness,
    /// Where changes are announced.
    pub events: broadcast::Sender<Event>,
    /// Stops the push between attempts.
    pub cancel: CancellationToken,
}

/// How one attempt at an operation ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// FreshBooks applied it.
    Done,
    /// Not applied; try again after this long (rate limited, offline, server error on a read),
    /// with why.
    RetryAfter(Option<Duration>, ErrorPayload),
    /// FreshBooks refused it for good (validation, role, record gone).
    Rejected(ErrorPayload),
    /// Sent, but no answer: look before sending again.
    Unknown,
    /// A field group changed in FreshBooks too; waits for the user.
    Conflict,
    /// The operation left the sender's hands meanwhile (the user undid it): nothing was sent.
    Withdrawn,
}

/// What a push did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PushReport {
    /// Operations applied.
    pub done: usize,
    /// Operations refused.
    pub rejected: usize,
    /// Operations now in conflict.
    pub conflicts: usize,
    /// Operations left for a later push.
    pub left: usize,
    /// Another push (another Ledgerline on the same data directory) held the outbox, so this one
    /// sent nothing and left everything to it.
    pub other_sender: bool,
    /// Why operations were left for later when FreshBooks could not take them (unreachable,
    /// rate limiting, a server error): the last error met.
    pub held_back: Option<ErrorPayload>,
}

/// Sends every sendable operation of the business, in order. Stops at the first operation that
/// cannot get through after a few tries (order matters: later edits may build on
/// it); errors that need the user (sign-in) are returned.
///
/// Only one push runs at a time per database, across processes (the desktop app and
/// `ledgerline-cli sync` share the mirror): a push that finds another one running leaves its
/// operations to it and reports them as left.
pub async fn push(ctx: &SendContext) -> Result<PushReport> {
    let business = ctx.business.business_id;
    let Some(_lock) = PushLock::try_acquire(ctx.store.path())? else {
        let n_left = ctx
            .store
            .read(move |c| Ok(outbox::sendable(c, business)?.len()))
            .await?;
        tracing::debug!(
            n_left,
            "another Ledgerline is sending the outbox; left to it"
        );
        return Ok(PushReport {
            left: n_left,
            other_sender: true,
            ..PushReport::default()
        });
    };
    let queue = ctx
        .store
        .read(move |c| outbox::sendable(c, business))
        .await?;
    let mut report = PushReport::default();
    for (idx, queued) in queue.iter().enumerate() {
        let mut wait = FIRST_BACKOFF;
        let mut attempt = 1;
        loop {
            if ctx.cancel.is_cancelled() {
                return Err(Error::Cancelled);
            }
            // Re-read: a previous attempt may have moved it (step, state).
            let seq = queued.seq;
            let Some(current) = ctx.store.read(move |c| outbox::get(c, seq)).await? else {
                break;
            };
            // Undone (here or by another process) since the queue was read: not ours to send.
            if !outbox::SENDER_STATES.contains(&current.state) {
                break;
            }
            let outcome = send_one(ctx, &current).await?;
            let _ = ctx.events.send(Event::OutboxChanged { business });
            match outcome {
                Outcome::Done => {
                    report.done += 1;
                    break;
                }
                Outcome::Rejected(_) => {
                    report.rejected += 1;
                    break;
                }
                Outcome::Conflict => {
                    report.conflicts += 1;
                    break;
                }
                Outcome::Withdrawn => break,
                // Unreachable (no connection at all): trying again within seconds does not
                // bring the network back, so the push stops now and says why; the engine tries
                // again on its schedule or when the network returns.
                Outcome::RetryAfter(_, error)
                    if attempt >= ATTEMPTS_PER_PUSH || error.kind == ErrorKind::Offline =>
                {
                    report.left = queue.len() - idx;
                    report.held_back = Some(error);
                    return Ok(report);
                }
                Outcome::Unknown if attempt >= ATTEMPTS_PER_PUSH => {
                    report.left = queue.len() - idx;
                    return Ok(report);
                }
                Outcome::RetryAfter(after, _) => {
                    sleep(ctx, crate::sync::pull::jitter(after.unwrap_or(wait))).await?;
                }
                Outcome::Unknown => sleep(ctx, crate::sync::pull::jitter(wait)).await?,
            }
            wait = (wait * 2).min(Duration::from_secs(10));
            attempt += 1;
        }
    }
    Ok(report)
}

/// An exclusive OS lock on a file beside the database, held for one push (and by sign-out while
/// it removes the offline copy, so no push runs in a database being deleted).
///
/// Two pushes of one outbox at once would both read an operation as pending and both send it
/// (FreshBooks has no idempotency keys), so a create would be applied twice. The `sending` state
/// cannot prevent that by itself: it is written only just before the request. An OS file lock
/// (flock / LockFileEx) rather than a row in SQLite, because the OS drops it when its process
/// dies, so a crashed sender never blocks the next one.
#[derive(Debug)]
pub(crate) struct PushLock {
    /// Held, never read: closing it releases the lock.
    _file: std::fs::File,
}

impl PushLock {
    /// The lock, or `None` when another push (in this process or another) holds it.
    pub(crate) fn try_acquire(database: &std::path::Path) -> Result<Option<PushLock>> {
        let mut name = database.as_os_str().to_owned();
        name.push(".outbox-lock");
        let path = std::path::PathBuf::from(name);
        let data_dir = |source| Error::DataDir {
            path: path.display().to_string(),
            source,
        };
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(data_dir)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(PushLock { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(source)) => Err(data_dir(source)),
        }
    }
}

async fn sleep(ctx: &SendContext, d: Duration) -> Result<()> {
    tokio::select! {
        () = ctx.cancel.cancelled() => Err(Error::Cancelled),
        () = tokio::time::sleep(d) => Ok(()),
    }
}

/// One attempt at one operation; its result is already recorded in the outbox.
///
/// Every state it writes is conditional on the operation still being the sender's (pending,
/// sending or unknown): an undo that landed during the attempt wins, and the attempt reports
/// [`Outcome::Withdrawn`] instead of bringing the operation back.
///
/// An operation that may have been applied (in doubt: `unknown`, or `sending` left by a process
/// that died) stays in doubt until a read settles it: when the attempt fails before it sent the
/// operation again (the look that settles it failed, whatever the reason), it is left `unknown`
/// with the reason, never back to `pending` (it would be sent again without a look) nor
/// `rejected` (undo would revert what FreshBooks may have).
pub async fn send_one(ctx: &SendContext, queued: &StoredOp) -> Result<Outcome> {
    let in_doubt = matches!(queued.state, OpState::Sending | OpState::Unknown);
    let res = attempt(ctx, queued, in_doubt).await;
    let seq = queued.seq;
    let err = match res {
        Ok(outcome) => return Ok(outcome),
        Err(e) => e,
    };
    // Whether this attempt sent the operation again: only after a look settled any doubt.
    let sent_again = ctx
        .store
        .read(move |c| Ok(outbox::get(c, seq)?.map(|q| q.attempts)))
        .await?
        .is_some_and(|attempts| attempts > queued.attempts);
    let still_in_doubt = in_doubt && !sent_again;
    let (state, reason, outcome) = match err {
        Error::FreshBooks(e) if e.needs_sign_in() => {
            let state = if still_in_doubt {
                OpState::Unknown
            } else {
                OpState::Pending
            };
            if set_state(ctx, seq, state, Some(e.to_payload())).await? {
                return Err(Error::FreshBooks(e));
            }
            return Ok(Outcome::Withdrawn);
        }
        Error::FreshBooks(e) if e.may_have_applied() => {
            (OpState::Unknown, e.to_payload(), Outcome::Unknown)
        }
        Error::FreshBooks(e) if e.is_retryable() => {
            // Not applied (the request never got through, or a read failed): back to pending,
            // unless the operation was already in doubt, which only a look can settle.
            let state = if in_doubt {
                OpState::Unknown
            } else {
                OpState::Pending
            };
            let error = e.to_payload();
            (
                state,
                error.clone(),
                Outcome::RetryAfter(e.retry_after(), error),
            )
        }
        e @ (Error::FreshBooks(_)
        | Error::Invalid { .. }
        | Error::NotFound { .. }
        | Error::BilledInFreshBooks(_))
            if still_in_doubt =>
        {
            // The look failed for good (refused, unreadable): the operation keeps its doubt and
            // its place; the push stops here and says why.
            if set_state(ctx, seq, OpState::Unknown, Some(e.to_payload())).await? {
                return Err(e);
            }
            return Ok(Outcome::Withdrawn);
        }
        Error::FreshBooks(e) if !refuses_the_operation(&e) => {
            // A local or temporary failure (locked keyring, a setting, an answer we cannot
            // read): nothing is wrong with the operation. It keeps its state and its place, the
            // push stops here (the next operations would fail the same way) and says why.
            let state = if in_doubt {
                OpState::Unknown
            } else {
                OpState::Pending
            };
            if set_state(ctx, seq, state, Some(e.to_payload())).await? {
                return Err(Error::FreshBooks(e));
            }
            return Ok(Outcome::Withdrawn);
        }
        Error::FreshBooks(e) => {
            let reason = e.to_payload();
            (OpState::Rejected, reason.clone(), Outcome::Rejected(reason))
        }
        e @ (Error::Invalid { .. } | Error::NotFound { .. } | Error::BilledInFreshBooks(_)) => {
            let reason = e.to_payload();
            (OpState::Rejected, reason.clone(), Outcome::Rejected(reason))
        }
        e => return Err(e),
    };
    if set_state(ctx, seq, state, Some(reason)).await? {
        Ok(outcome)
    } else {
        Ok(Outcome::Withdrawn)
    }
}

/// Whether FreshBooks refused the operation itself (its values, this user's role, the record
/// gone): the only failures that reject an operation for good. Everything else (a locked keyring,
/// a setting, an answer Ledgerline cannot read) leaves it waiting.
fn refuses_the_operation(e: &ledgerline_freshbooks::Error) -> bool {
    use ledgerline_freshbooks::Error as E;
    matches!(
        e,
        E::Validation { .. } | E::Forbidden { .. } | E::NotFound { .. }
    )
}

/// One attempt at one operation: each kind of operation has its own sender below.
async fn attempt(ctx: &SendContext, q: &StoredOp, in_doubt: bool) -> Result<Outcome> {
    match &q.op {
        Op::CreateClient { local_id, fields } => {
            create_client(ctx, q, *local_id, fields, in_doubt).await
        }
        Op::CreateTimeEntry { local_id, fields } => {
            create_time_entry(ctx, q, *local_id, fields, in_doubt).await
        }
        Op::CreateInvoice { local_id, fields } => {
            create_invoice(ctx, q, *local_id, fields, in_doubt, true, None).await
        }
        Op::DraftInvoiceFromTime {
            local_id,
            fields,
            entries,
        } => draft_invoice_from_time(ctx, q, *local_id, fields, entries, in_doubt).await,
        Op::MarkBilled { entries } => {
            // Step n: the first n entries are marked.
            let start = usize::try_from(q.step).unwrap_or(0);
            mark_entries_billed(ctx, q.seq, entries, start, 0).await
        }
        Op::SetClientVisibility { id, to, .. } => set_client_visibility(ctx, q, *id, *to).await,
        Op::UpdateClient {
            id,
            base_updated,
            base,
            changes,
        } => update_client(ctx, q, *id, base_updated.as_deref(), base, changes).await,
        Op::UpdateTimeEntry { id, base, changes } => {
            update_time_entry(ctx, q, *id, base, changes).await
        }
        Op::UpdateInvoice {
            id,
            base_version,
            base,
            changes,
        } => update_invoice(ctx, q, *id, base_version.as_deref(), base, changes).await,
    }
}

async fn create_client(
    ctx: &SendContext,
    q: &StoredOp,
    local_id: i64,
    fields: &Fields,
    in_doubt: bool,
) -> Result<Outcome> {
    let fields = resolve_fields(ctx, fields).await?;
    if in_doubt
        && let Some(found) = reconcile::find_client(
            &ctx.store,
            &ctx.client,
            &ctx.business,
            &fields,
            q.created_at,
        )
        .await?
    {
        return finish_create(ctx, q, Entity::Clients, local_id, found, true).await;
    }
    let new = payload::new_client(&fields)?;
    if !mark_sending(ctx, q.seq).await? {
        return Ok(Outcome::Withdrawn);
    }
    let created = ctx
        .client
        .clients(&ctx.business.account_id)
        .create(&new)
        .await?;
    finish_create(ctx, q, Entity::Clients, local_id, created.raw, true).await
}

async fn create_time_entry(
    ctx: &SendContext,
    q: &StoredOp,
    local_id: i64,
    fields: &Fields,
    in_doubt: bool,
) -> Result<Outcome> {
    let fields = resolve_fields(ctx, fields).await?;
    let new = payload::new_time_entry(&fields)?;
    if in_doubt
        && let Some(found) = reconcile::find_time_entry(
            &ctx.store,
            &ctx.client,
            &ctx.business,
            &fields,
            new.started_at,
            q.created_at,
        )
        .await?
    {
        return finish_create(ctx, q, Entity::TimeEntries, local_id, found, true).await;
    }
    if !mark_sending(ctx, q.seq).await? {
        return Ok(Outcome::Withdrawn);
    }
    let created = ctx
        .client
        .time_entries(ctx.business.business_id)
        .create(&new)
        .await?;
    finish_create(ctx, q, Entity::TimeEntries, local_id, created.raw, true).await
}

/// Step 0 creates the invoice; step n ≥ 1 means `entries[n-1..]` are still to be marked billed.
async fn draft_invoice_from_time(
    ctx: &SendContext,
    q: &StoredOp,
    local_id: i64,
    fields: &Fields,
    entries: &[i64],
    in_doubt: bool,
) -> Result<Outcome> {
    if q.step == 0 {
        // The entries are read from FreshBooks right before the invoice is sent: also when the
        // draft was in doubt and the look found no invoice of ours.
        let outcome =
            create_invoice(ctx, q, local_id, fields, in_doubt, false, Some(entries)).await?;
        if outcome != Outcome::Done {
            return Ok(outcome);
        }
    }
    let seq = q.seq;
    let step = ctx
        .store
        .read(move |c| Ok(outbox::get(c, seq)?.map_or(1, |q| q.step)))
        .await?;
    let start = usize::try_from(step.max(1) - 1).unwrap_or(0);
    mark_entries_billed(ctx, seq, entries, start, 1).await
}

/// Reads the draft's entries from FreshBooks before its invoice is made: time billed there
/// since the draft was made (on the website, by another app) must not be invoiced again. Refuses
/// the draft, naming those entries, if any is.
async fn refuse_time_billed_in_freshbooks(ctx: &SendContext, entries: &[i64]) -> Result<()> {
    let handler = ctx.client.time_entries(ctx.business.business_id);
    let mut billed = Vec::new();
    for entry in entries {
        let id = resolve(ctx, Entity::TimeEntries, *entry).await?;
        let theirs = match handler.get_with_raw(TimeEntryId(id)).await {
            Ok(theirs) => theirs.raw,
            // Deleted there: not billed twice; marking it refuses the draft as before.
            Err(ledgerline_freshbooks::Error::NotFound { .. }) => continue,
            Err(e) => return Err(e.into()),
        };
        if theirs.get("billed").and_then(Value::as_bool) == Some(true) {
            billed.push(id);
        }
    }
    if billed.is_empty() {
        Ok(())
    } else {
        Err(Error::BilledInFreshBooks(billed))
    }
}

/// Marks `entries[start..]` billed one by one, recording after each that it is done (step =
/// entries done + `steps_before`), then the operation done. Marking is idempotent, so an entry
/// in doubt is simply marked again.
async fn mark_entries_billed(
    ctx: &SendContext,
    seq: i64,
    entries: &[i64],
    start: usize,
    steps_before: usize,
) -> Result<Outcome> {
    let business = ctx.business.business_id;
    for (idx, entry) in entries.iter().enumerate().skip(start) {
        if !mark_sending(ctx, seq).await? {
            return Ok(Outcome::Withdrawn);
        }
        let id = resolve(ctx, Entity::TimeEntries, *entry).await?;
        let updated = ctx
            .client
            .time_entries(business)
            .mark_billed(TimeEntryId(id), true)
            .await?;
        let next_step = i64::try_from(idx + 1 + steps_before).unwrap_or(i64::MAX);
        ctx.store
            .write(move |tx| {
                write_answer(tx, business, Entity::TimeEntries, id, &updated.raw, seq)?;
                outbox::set_step(tx, seq, next_step)
            })
            .await?;
    }
    if set_state(ctx, seq, OpState::Done, None).await? {
        Ok(Outcome::Done)
    } else {
        Ok(Outcome::Withdrawn)
    }
}

async fn set_client_visibility(
    ctx: &SendContext,
    q: &StoredOp,
    id: i64,
    to: VisState,
) -> Result<Outcome> {
    // Refused when the edit is made; an old queue holding one cannot send it.
    if let VisState::Unknown(code) = to {
        return Err(Error::Invalid {
            field: "vis_state",
            problem: FieldProblem::UnknownVisibility { code },
        });
    }
    let id = resolve(ctx, Entity::Clients, id).await?;
    if !mark_sending(ctx, q.seq).await? {
        return Ok(Outcome::Withdrawn);
    }
    let handler = ctx.client.clients(&ctx.business.account_id);
    let answer = match to {
        // Unknown was refused above.
        VisState::Active | VisState::Unknown(_) => handler.restore(ClientId(id)).await?,
        VisState::Archived => handler.archive(ClientId(id)).await?,
        VisState::Deleted => handler.delete(ClientId(id)).await?,
    };
    finish_update(ctx, q, Entity::Clients, id, answer.raw).await
}

async fn update_client(
    ctx: &SendContext,
    q: &StoredOp,
    id: i64,
    base_updated: Option<&str>,
    base: &Fields,
    changes: &Fields,
) -> Result<Outcome> {
    let id = resolve(ctx, Entity::Clients, id).await?;
    let handler = ctx.client.clients(&ctx.business.account_id);
    let remote = handler.get_with_raw(ClientId(id)).await?.raw;
    let stamp = Stamp {
        field: "updated",
        at_edit: base_updated,
    };
    if let Some(outcome) = conflicts(
        ctx,
        q,
        Entity::Clients,
        id,
        Some(stamp),
        base,
        changes,
        &remote,
    )
    .await?
    {
        return Ok(outcome);
    }
    let update = payload::client_update(&resolve_fields(ctx, changes).await?)?;
    if !mark_sending(ctx, q.seq).await? {
        return Ok(Outcome::Withdrawn);
    }
    let answer = handler.update(ClientId(id), &update).await?;
    finish_update(ctx, q, Entity::Clients, id, answer.raw).await
}

/// A record's change stamp (`updated` on clients, `version` on invoices) as it was when the edit
/// was made.
struct Stamp<'a> {
    field: &'static str,
    at_edit: Option<&'a str>,
}

/// Records the conflicts between an update and what FreshBooks has now, and says so; `None` when
/// the update can be sent. A stamp FreshBooks still carries settles it at once: nothing changed
/// there since the edit.
#[allow(clippy::too_many_arguments)]
async fn conflicts(
    ctx: &SendContext,
    q: &StoredOp,
    entity: Entity,
    id: i64,
    stamp: Option<Stamp<'_>>,
    base: &Fields,
    changes: &Fields,
    remote: &Value,
) -> Result<Option<Outcome>> {
    let unchanged = stamp.is_some_and(|s| {
        s.at_edit.is_some() && remote.get(s.field).and_then(Value::as_str) == s.at_edit
    });
    if unchanged {
        return Ok(None);
    }
    let found = conflict::detect(entity, base, changes, remote);
    if found.is_empty() {
        return Ok(None);
    }
    record_conflicts(ctx, q, entity, id, found).await.map(Some)
}

async fn update_time_entry(
    ctx: &SendContext,
    q: &StoredOp,
    id: i64,
    base: &Fields,
    changes: &Fields,
) -> Result<Outcome> {
    let id = resolve(ctx, Entity::TimeEntries, id).await?;
    let handler = ctx.client.time_entries(ctx.business.business_id);
    let remote = handler.get_with_raw(TimeEntryId(id)).await?.raw;
    // Time entries carry no change stamp: their field groups are always compared.
    if let Some(outcome) = conflicts(
        ctx,
        q,
        Entity::TimeEntries,
        id,
        None,
        base,
        changes,
        &remote,
    )
    .await?
    {
        return Ok(outcome);
    }
    let update = payload::time_entry_update(&resolve_fields(ctx, changes).await?)?;
    if !mark_sending(ctx, q.seq).await? {
        return Ok(Outcome::Withdrawn);
    }
    let answer = handler.update(TimeEntryId(id), &update).await?;
    finish_update(ctx, q, Entity::TimeEntries, id, answer.raw).await
}

async fn update_invoice(
    ctx: &SendContext,
    q: &StoredOp,
    id: i64,
    base_version: Option<&str>,
    base: &Fields,
    changes: &Fields,
) -> Result<Outcome> {
    let id = resolve(ctx, Entity::Invoices, id).await?;
    let handler = ctx.client.invoices(&ctx.business.account_id);
    let remote = handler.get_with_raw(InvoiceId(id)).await?.raw;
    let stamp = Stamp {
        field: "version",
        at_edit: base_version,
    };
    if let Some(outcome) = conflicts(
        ctx,
        q,
        Entity::Invoices,
        id,
        Some(stamp),
        base,
        changes,
        &remote,
    )
    .await?
    {
        return Ok(outcome);
    }
    let mut changes = resolve_fields(ctx, changes).await?;
    // Lines are priced in the invoice's currency.
    if !changes.contains_key("currency_code")
        && let Some(code) = remote.get("currency_code")
    {
        changes.insert("currency_code".into(), code.clone());
    }
    let update = payload::invoice_update(&changes)?;
    if !mark_sending(ctx, q.seq).await? {
        return Ok(Outcome::Withdrawn);
    }
    let answer = handler.update(InvoiceId(id), &update).await?;
    finish_update(ctx, q, Entity::Invoices, id, answer.raw).await
}

async fn create_invoice(
    ctx: &SendContext,
    q: &StoredOp,
    local_id: i64,
    fields: &Fields,
    in_doubt: bool,
    last_step: bool,
    bills: Option<&[i64]>,
) -> Result<Outcome> {
    let fields = resolve_fields(ctx, fields).await?;
    let new = payload::new_invoice(&fields)?;
    if in_doubt
        && let Some(found) = reconcile::find_invoice(
            &ctx.store,
            &ctx.client,
            &ctx.business,
            new.client_id,
            new.create_date,
            &fields,
            q.created_at,
        )
        .await?
    {
        return finish_create(ctx, q, Entity::Invoices, local_id, found, last_step).await;
    }
    if let Some(entries) = bills {
        refuse_time_billed_in_freshbooks(ctx, entries).await?;
    }
    if !mark_sending(ctx, q.seq).await? {
        return Ok(Outcome::Withdrawn);
    }
    let created = ctx
        .client
        .invoices(&ctx.business.account_id)
        .create(&new)
        .await?;
    finish_create(ctx, q, Entity::Invoices, local_id, created.raw, last_step).await
}

/// Writes FreshBooks' answer to a create, maps the local id, and marks the operation done (or,
/// for the first step of a two-step operation, moves it to step 1) — one transaction.
async fn finish_create(
    ctx: &SendContext,
    q: &StoredOp,
    entity: Entity,
    local_id: i64,
    raw: Value,
    last_step: bool,
) -> Result<Outcome> {
    let Some(remote_id) = records::record_id(entity, &raw) else {
        return Ok(Outcome::Unknown);
    };
    let (b, seq) = (ctx.business.business_id, q.seq);
    ctx.store
        .write(move |tx| {
            // FreshBooks has the record: the mirror shows it whatever became of the operation
            // (in flight or in doubt, it cannot have been undone), with a later edit's values
            // while that edit waits.
            records::rekey(tx, b, entity, local_id, remote_id)?;
            write_answer(tx, b, entity, remote_id, &raw, seq)?;
            let from = &outbox::SENDER_STATES;
            if last_step {
                outbox::transition(tx, seq, from, OpState::Done, None, Utc::now())?;
            } else {
                outbox::set_step(tx, seq, 1)?;
                outbox::transition(tx, seq, from, OpState::Pending, None, Utc::now())?;
            }
            Ok(())
        })
        .await?;
    let _ = ctx.events.send(Event::Changed {
        business: b,
        entity,
        origin: Origin::Reconcile,
    });
    Ok(Outcome::Done)
}

async fn finish_update(
    ctx: &SendContext,
    q: &StoredOp,
    entity: Entity,
    id: i64,
    raw: Value,
) -> Result<Outcome> {
    let (b, seq) = (ctx.business.business_id, q.seq);
    ctx.store
        .write(move |tx| {
            write_answer(tx, b, entity, id, &raw, seq)?;
            let from = &outbox::SENDER_STATES;
            outbox::transition(tx, seq, from, OpState::Done, None, Utc::now())?;
            Ok(())
        })
        .await?;
    let _ = ctx.events.send(Event::Changed {
        business: b,
        entity,
        origin: Origin::Reconcile,
    });
    Ok(Outcome::Done)
}

/// Writes FreshBooks' answer over the mirror's row `id` — unless a later operation on the same
/// record is still open (a later edit, or a later draft billing this time entry): then the
/// mirror's values stay on top of the answer until that operation is sent in turn (its own answer
/// then brings FreshBooks' whole record); only the id is always FreshBooks'. The one rule for
/// every answer, creates' included: a create's later edits were pointed at FreshBooks' id by
/// [`records::rekey`] in the same transaction, so they count here too.
fn write_answer(
    tx: &rusqlite::Transaction<'_>,
    business: ledgerline_model::ids::BusinessId,
    entity: Entity,
    id: i64,
    raw: &Value,
    seq: i64,
) -> Result<()> {
    let later: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM outbox WHERE business_id = ?1 AND entity = ?2 AND target_id = ?3
            AND seq > ?4 AND state IN ('pending','sending','unknown','conflict'))
         OR EXISTS (SELECT 1 FROM outbox_targets t JOIN outbox o ON o.seq = t.seq
            WHERE t.business_id = ?1 AND t.entity = ?2 AND t.target_id = ?3
            AND o.seq > ?4 AND o.state IN ('pending','sending','unknown','conflict'))",
        rusqlite::params![business.get(), entity.as_str(), id, seq],
        |row| row.get(0),
    )?;
    let mut row = raw.clone();
    if later
        && let Some(Value::Object(mine)) = records::get(tx, business, entity, id)?
        && let Some(row) = row.as_object_mut()
    {
        // A record created here still carries its local id in its fields.
        row.extend(mine.into_iter().filter(|(name, _)| name != "id"));
    }
    records::write_row(tx, business, entity, id, &row, None)?;
    Ok(())
}

async fn record_conflicts(
    ctx: &SendContext,
    q: &StoredOp,
    entity: Entity,
    id: i64,
    found: Vec<GroupConflict>,
) -> Result<Outcome> {
    let (b, seq) = (ctx.business.business_id, q.seq);
    let ids = ctx
        .store
        .write(move |tx| {
            let from = &outbox::SENDER_STATES;
            if !outbox::transition(tx, seq, from, OpState::Conflict, None, Utc::now())? {
                // Undone during the read: nothing to settle.
                return Ok(None);
            }
            // An operation already in conflict keeps its open conflicts; record only new groups.
            let open: Vec<String> = conflicts::open_for_op(tx, seq)?
                .into_iter()
                .map(|c| c.field_group)
                .collect();
            let mut ids = Vec::new();
            for c in found.iter().filter(|c| !open.iter().any(|g| g == c.group)) {
                ids.push(conflicts::insert(
                    tx,
                    conflicts::NewConflict {
                        business: b,
                        entity,
                        record_id: id,
                        op_seq: seq,
                        field_group: c.group,
                        mine: &c.mine,
                        theirs: &c.theirs,
                    },
                    Utc::now(),
                )?);
            }
            Ok(Some(ids))
        })
        .await?;
    let Some(ids) = ids else {
        return Ok(Outcome::Withdrawn);
    };
    for conflict in ids {
        let _ = ctx.events.send(Event::Conflict {
            business: b,
            conflict,
        });
    }
    Ok(Outcome::Conflict)
}

/// Marks the operation `sending` just before its request; `false` when it is no longer the
/// sender's (undone meanwhile), and then nothing may be sent.
async fn mark_sending(ctx: &SendContext, seq: i64) -> Result<bool> {
    set_state(ctx, seq, OpState::Sending, None).await
}

/// Moves the operation to `state` if it is still the sender's; whether it moved.
async fn set_state(
    ctx: &SendContext,
    seq: i64,
    state: OpState,
    error: Option<ErrorPayload>,
) -> Result<bool> {
    let now: DateTime<Utc> = Utc::now();
    ctx.store
        .write(move |tx| {
            outbox::transition(tx, seq, &outbox::SENDER_STATES, state, error.as_ref(), now)
        })
        .await
}

/// A FreshBooks id for an id in an operation: local (negative) ids go through the id map.
async fn resolve(ctx: &SendContext, entity: Entity, id: i64) -> Result<i64> {
    if id > 0 {
        return Ok(id);
    }
    let b = ctx.business.business_id;
    ctx.store
        .read(move |c| records::remote_id_of(c, b, entity, id))
        .await?
        .ok_or(Error::Invalid {
            field: "record",
            problem: FieldProblem::NeverCreated,
        })
}

/// The fields with local ids in reference fields replaced by FreshBooks ids.
async fn resolve_fields(ctx: &SendContext, fields: &Fields) -> Result<Fields> {
    let mut res = fields.clone();
    for (field, entity) in [
        ("client_id", Entity::Clients),
        ("customerid", Entity::Clients),
    ] {
        if let Some(id) = res.get(field).and_then(Value::as_i64)
            && id < 0
        {
            let remote = resolve(ctx, entity, id).await?;
            res.insert(field.into(), json!(remote));
        }
    }
    Ok(res)
}
