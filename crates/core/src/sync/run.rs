//! One sync run: read the state, plan it ([`super::plan::plan`]), apply each step in order.
//!
//! Businesses are synced one after the other, the current one first. Within a business the
//! outbox is pushed first, alone; then its pulls run at once, each with several pages asked for
//! ahead (`pull`). How many requests actually reach FreshBooks at once is not decided here: the
//! client's limiter (one for the whole app, backing off when FreshBooks throttles) holds them.
//! A step that fails is reported and the run goes on with the next one, except failures only the
//! user can fix (sign-in) and cancellation, which end the run.

use chrono::Utc;
use ledgerline_freshbooks::Client;
use ledgerline_model::entity::{Entity, UserBusiness};
use ledgerline_model::ids::BusinessId;
use ledgerline_model::sync::{Scope, SyncFailure, SyncReport};
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

use super::monitor::Monitor;
use super::plan::{BusinessState, PlanState, Pull, Schedule, Step, Trigger, plan};
use super::pull::{self, PullContext, PullOutcome};
use crate::error::{Error, Result};
use crate::outbox::send::{self, SendContext};
use crate::store::{Store, businesses, outbox, sync_state};
use ledgerline_model::event::Event;

/// What a run needs around it.
#[derive(Debug, Clone)]
pub struct RunContext {
    /// The mirror.
    pub store: Store,
    /// The signed-in client.
    pub client: Client,
    /// Where events go.
    pub events: broadcast::Sender<Event>,
    /// The schedule.
    pub schedule: Schedule,
    /// Ends the run early.
    pub cancel: CancellationToken,
    /// Where the run's progress is kept for the Sync page.
    pub monitor: Monitor,
}

/// Runs one sync: reads the state, plans the steps and runs them in order. Meanwhile each pause
/// FreshBooks imposes (a 429, or no answer) is announced as [`Event::Backoff`].
pub async fn run(ctx: &RunContext, scope: Scope, trigger: Trigger) -> Result<SyncReport> {
    tokio::select! {
        res = run_steps(ctx, scope, trigger) => res,
        never = announce_pauses(ctx) => match never {},
    }
}

/// Announces each new pause of the client's requests (one whose end moved by a second or more),
/// for as long as the run lasts.
async fn announce_pauses(ctx: &RunContext) -> std::convert::Infallible {
    let mut pauses = ctx.client.pauses();
    let mut told: Option<chrono::DateTime<Utc>> = None;
    loop {
        if pauses.changed().await.is_err() {
            return std::future::pending().await;
        }
        let Some(pause) = ctx.client.pause() else {
            continue;
        };
        if told.is_some_and(|t| pause.until < t + chrono::TimeDelta::seconds(1)) {
            continue;
        }
        told = Some(pause.until);
        let _ = ctx.events.send(Event::Backoff {
            until: pause.until,
            in_flight: u32::try_from(pause.in_flight).unwrap_or(u32::MAX),
        });
    }
}

async fn run_steps(ctx: &RunContext, scope: Scope, trigger: Trigger) -> Result<SyncReport> {
    let chosen = choose(ctx, scope, trigger).await?;
    let steps = plan(&chosen.state, Utc::now());
    let mut report = SyncReport::default();
    for m in &chosen.absent {
        report.failures.push(SyncFailure {
            business: m.business_id,
            entity: None,
            error: Error::BusinessNotListed {
                business: m.business_id,
                name: m.name.clone(),
            }
            .to_payload(),
        });
    }
    // Records whose pending change was let go are read again first, so the pulls below (and
    // the user) see what FreshBooks changed in them meanwhile.
    for m in &chosen.memberships {
        if let Err(e) = super::stale::refresh(&ctx.store, &ctx.client, m, &ctx.events).await {
            if e.needs_sign_in() || matches!(e, Error::Cancelled) {
                return Err(e);
            }
            report.failures.push(SyncFailure {
                business: m.business_id,
                entity: None,
                error: e.to_payload(),
            });
        }
    }
    let mut started = Started::new(&ctx.events, &ctx.monitor);
    // A business whose FreshBooks could not be reached is not asked again in this run: its
    // other steps would fail the same way, each after the client's own retries.
    let mut unreachable: Vec<BusinessId> = Vec::new();
    let mut steps = steps.into_iter().peekable();
    while let Some(step) = steps.next() {
        if ctx.cancel.is_cancelled() {
            return Err(Error::Cancelled);
        }
        let business_id = match &step {
            Step::Push { business } => *business,
            Step::Pull(p) => p.business,
        };
        // The pulls of one business that follow each other in the plan run at once.
        let mut pulls = Vec::new();
        if let Step::Pull(p) = &step {
            pulls.push(p.clone());
            while let Some(Step::Pull(p)) = steps.peek()
                && p.business == business_id
            {
                pulls.push(p.clone());
                steps.next();
            }
        }
        let Some(membership) = chosen
            .memberships
            .iter()
            .find(|m| m.business_id == business_id)
            .cloned()
        else {
            continue;
        };
        if unreachable.contains(&business_id) {
            continue;
        }
        started.announce(business_id);
        let results: Vec<(Option<Entity>, Result<()>)> = if pulls.is_empty() {
            vec![(None, push(ctx, membership, &mut report).await)]
        } else {
            let outcomes = futures::future::join_all(
                pulls.iter().map(|p| pull_one(ctx, p, membership.clone())),
            )
            .await;
            pulls
                .iter()
                .zip(outcomes)
                .map(|(p, outcome)| {
                    let res = outcome.map(|outcome| match outcome {
                        PullOutcome::Done(n) => {
                            report.pulls += 1;
                            report.records += n;
                        }
                        PullOutcome::Unavailable(_) => report.unavailable += 1,
                    });
                    (Some(p.entity), res)
                })
                .collect()
        };
        let mut fatal = None;
        for (entity, res) in results {
            match res {
                Ok(()) => {}
                Err(e) if e.needs_sign_in() || matches!(e, Error::Cancelled) => {
                    fatal = fatal.or(Some(e));
                }
                Err(e) => {
                    if e.is_retryable() && !unreachable.contains(&business_id) {
                        unreachable.push(business_id);
                    }
                    report.failures.push(SyncFailure {
                        business: business_id,
                        entity,
                        error: e.to_payload(),
                    });
                }
            }
        }
        if let Some(e) = fatal {
            return Err(e);
        }
    }
    started.finish(report.ok());
    Ok(report)
}

/// The businesses a run announced with [`Event::SyncStarted`]. Each gets its
/// [`Event::SyncFinished`] however the run ends: when it completes ([`Started::finish`]), or,
/// when it stops early (cancelled, a sign-in needed, its task dropped), as not ok on drop, so a
/// window never shows a sync that never ends.
struct Started<'a> {
    events: &'a broadcast::Sender<Event>,
    monitor: &'a Monitor,
    businesses: Vec<BusinessId>,
}

impl<'a> Started<'a> {
    fn new(events: &'a broadcast::Sender<Event>, monitor: &'a Monitor) -> Self {
        Started {
            events,
            monitor,
            businesses: Vec::new(),
        }
    }

    /// Announces a business's sync once.
    fn announce(&mut self, business: BusinessId) {
        if !self.businesses.contains(&business) {
            self.businesses.push(business);
            self.monitor.started(business);
            let _ = self.events.send(Event::SyncStarted { business });
        }
    }

    /// Announces the end of every started business's sync.
    fn finish(mut self, ok: bool) {
        self.end(ok);
    }

    fn end(&mut self, ok: bool) {
        for business in self.businesses.drain(..) {
            self.monitor.finished(business);
            let _ = self.events.send(Event::SyncFinished { business, ok });
        }
    }
}

impl Drop for Started<'_> {
    fn drop(&mut self) {
        self.end(false);
    }
}

/// The businesses a run covers, and the plan's input.
struct Chosen {
    state: PlanState,
    /// The businesses synced.
    memberships: Vec<UserBusiness>,
    /// Businesses FreshBooks no longer lists, kept only for their unsent changes: reported,
    /// never sent to (a 404 would refuse the changes for good).
    absent: Vec<UserBusiness>,
}

async fn choose(ctx: &RunContext, scope: Scope, trigger: Trigger) -> Result<Chosen> {
    let schedule = ctx.schedule.clone();
    ctx.store
        .read(move |c| {
            let absent = businesses::absent(c)?;
            let (absent, all): (Vec<_>, Vec<_>) = businesses::list(c)?
                .into_iter()
                .partition(|m| absent.contains(&m.business_id));
            let current = businesses::current(c)?;
            let in_scope = |m: &UserBusiness| match scope {
                Scope::All => true,
                Scope::Current => current == Some(m.business_id),
                Scope::Business(b) => m.business_id == b,
            };
            if scope == Scope::Current && current.is_none() {
                return Err(Error::NoCurrentBusiness);
            }
            let memberships: Vec<_> = all.into_iter().filter(|m| in_scope(m)).collect();
            let absent: Vec<_> = absent.into_iter().filter(|m| in_scope(m)).collect();
            let mut states = Vec::new();
            for m in &memberships {
                states.push(BusinessState {
                    business: m.business_id,
                    n_sendable: outbox::sendable(c, m.business_id)?.len(),
                    entities: sync_state::all(c, m.business_id)?,
                });
            }
            Ok(Chosen {
                state: PlanState {
                    businesses: states,
                    current,
                    schedule,
                    trigger,
                },
                memberships,
                absent,
            })
        })
        .await
}

/// Sends a business's outbox and adds what it did to the report.
async fn push(ctx: &RunContext, business: UserBusiness, report: &mut SyncReport) -> Result<()> {
    let business_id = business.business_id;
    let send_ctx = SendContext {
        store: ctx.store.clone(),
        client: ctx.client.clone(),
        business,
        events: ctx.events.clone(),
        cancel: ctx.cancel.clone(),
    };
    let pushed = send::push(&send_ctx).await?;
    report.sent += pushed.done;
    report.rejected += pushed.rejected;
    report.conflicts += pushed.conflicts;
    report.left += pushed.left;
    if pushed.other_sender && pushed.left > 0 {
        report.failures.push(SyncFailure {
            business: business_id,
            entity: None,
            error: Error::OtherSender.to_payload(),
        });
    }
    // Changes held back by FreshBooks (unreachable, limiting us, failing) are a failure of this
    // step, announced like a pull's, so a window can tell "offline" when only edits waited.
    if let Some(error) = pushed.held_back.filter(|_| pushed.left > 0) {
        let _ = ctx.events.send(Event::Failed {
            business: business_id,
            entity: None,
            error: error.clone(),
        });
        report.failures.push(SyncFailure {
            business: business_id,
            entity: None,
            error,
        });
    }
    Ok(())
}

/// Runs one pull.
async fn pull_one(ctx: &RunContext, p: &Pull, business: UserBusiness) -> Result<PullOutcome> {
    let pull_ctx = PullContext {
        store: ctx.store.clone(),
        client: ctx.client.clone(),
        business,
        events: ctx.events.clone(),
        cancel: ctx.cancel.clone(),
        monitor: ctx.monitor.clone(),
    };
    pull::run(&pull_ctx, p).await
}
