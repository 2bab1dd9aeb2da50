//! One sync run: read the state, plan it ([`super::plan::plan`]), apply each step in order.
//!
//! Steps of one business run one after the other: FreshBooks may disable aggressive apps, and the
//! client already fetches the pages of one list two at a time. A step that fails is reported
//! and the run goes on with the next one, except failures only the user can fix (sign-in) and
//! cancellation, which end the run.

use chrono::Utc;
use ledgerline_freshbooks::Client;
use ledgerline_model::ids::BusinessId;
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;

use super::plan::{BusinessState, PlanState, Schedule, Step, Trigger, plan};
use super::pull::{self, PullContext, PullOutcome};
use crate::error::{Error, Result};
use crate::event::Event;
use crate::outbox::send::{self, SendContext};
use crate::store::{Store, businesses, outbox, sync_state};

/// Why changes were left when another Ledgerline held the outbox.
const OTHER_SENDER: &str = "another Ledgerline (the desktop app, or another `ledgerline-cli sync`) is sending these changes right now; run `ledgerline-cli sync` again when it has finished";

/// Which businesses a run covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The current business only.
    Current,
    /// Every business of the user, the current one first.
    All,
    /// One business.
    Business(BusinessId),
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncReport {
    /// Pulls completed.
    pub pulls: usize,
    /// Records written by them.
    pub records: u64,
    /// Operations sent and applied.
    pub sent: usize,
    /// Operations refused by FreshBooks.
    pub rejected: usize,
    /// New conflicts.
    pub conflicts: usize,
    /// Operations left for later (FreshBooks unreachable or limiting us).
    pub left: usize,
    /// Entities FreshBooks refuses this user.
    pub unavailable: usize,
    /// Steps that failed, with their messages.
    pub failures: Vec<String>,
}

impl SyncReport {
    /// Whether every step succeeded.
    pub fn ok(&self) -> bool {
        self.failures.is_empty() && self.left == 0
    }
}

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
}

/// Runs one sync.
pub async fn run(ctx: &RunContext, scope: Scope, trigger: Trigger) -> Result<SyncReport> {
    let schedule = ctx.schedule.clone();
    let (state, memberships, absent) = ctx
        .store
        .read(move |c| {
            let absent = businesses::absent(c)?;
            let (absent, all): (Vec<_>, Vec<_>) = businesses::list(c)?
                .into_iter()
                .partition(|m| absent.contains(&m.business_id));
            let current = businesses::current(c)?;
            let chosen: Vec<_> = match scope {
                Scope::All => all.clone(),
                Scope::Current => {
                    let current = current.ok_or(Error::NoCurrentBusiness)?;
                    all.iter()
                        .filter(|m| m.business_id == current)
                        .cloned()
                        .collect()
                }
                Scope::Business(b) => all.iter().filter(|m| m.business_id == b).cloned().collect(),
            };
            // Kept only for unsent changes; reported below, never sent to (a 404 would refuse
            // the changes for good).
            let absent: Vec<_> = absent
                .into_iter()
                .filter(|m| match scope {
                    Scope::All => true,
                    Scope::Current => current == Some(m.business_id),
                    Scope::Business(b) => m.business_id == b,
                })
                .collect();
            let mut states = Vec::new();
            for m in &chosen {
                states.push(BusinessState {
                    business: m.business_id,
                    n_sendable: outbox::sendable(c, m.business_id)?.len(),
                    entities: sync_state::all(c, m.business_id)?,
                });
            }
            Ok((
                PlanState {
                    businesses: states,
                    current,
                    schedule,
                    trigger,
                },
                chosen,
                absent,
            ))
        })
        .await?;
    let steps = plan(&state, Utc::now());
    let mut report = SyncReport::default();
    for m in absent {
        report.failures.push(format!(
            "FreshBooks does not list {} for this sign-in, so its unsent changes wait; sign in as one of its users (`ledgerline-cli auth login`) to send them, or undo them (`ledgerline-cli status --business {}`, `ledgerline-cli undo`)",
            m.name, m.business_id
        ));
    }
    let mut started = Vec::new();
    // A business whose FreshBooks could not be reached is not asked again in this run: its
    // other steps would fail the same way, each after the client's own retries.
    let mut unreachable: Vec<BusinessId> = Vec::new();
    for step in steps {
        if ctx.cancel.is_cancelled() {
            return Err(Error::Cancelled);
        }
        let business_id = match &step {
            Step::Push { business } => *business,
            Step::Pull(p) => p.business,
        };
        let Some(membership) = memberships
            .iter()
            .find(|m| m.business_id == business_id)
            .cloned()
        else {
            continue;
        };
        if unreachable.contains(&business_id) {
            continue;
        }
        if !started.contains(&business_id) {
            started.push(business_id);
            let _ = ctx.events.send(Event::SyncStarted {
                business: business_id,
            });
        }
        let res = match step {
            Step::Push { .. } => {
                let send_ctx = SendContext {
                    store: ctx.store.clone(),
                    client: ctx.client.clone(),
                    business: membership,
                    events: ctx.events.clone(),
                    cancel: ctx.cancel.clone(),
                };
                send::push(&send_ctx).await.map(|r| {
                    report.sent += r.done;
                    report.rejected += r.rejected;
                    report.conflicts += r.conflicts;
                    report.left += r.left;
                    if r.other_sender && r.left > 0 {
                        report.failures.push(OTHER_SENDER.to_owned());
                    }
                })
            }
            Step::Pull(p) => {
                let pull_ctx = PullContext {
                    store: ctx.store.clone(),
                    client: ctx.client.clone(),
                    business: membership,
                    events: ctx.events.clone(),
                    cancel: ctx.cancel.clone(),
                };
                pull::run(&pull_ctx, &p).await.map(|outcome| match outcome {
                    PullOutcome::Done(n) => {
                        report.pulls += 1;
                        report.records += n;
                    }
                    PullOutcome::Unavailable(_) => report.unavailable += 1,
                })
            }
        };
        match res {
            Ok(()) => {}
            Err(e) if e.needs_sign_in() || matches!(e, Error::Cancelled) => return Err(e),
            Err(e) => {
                if e.is_retryable() {
                    unreachable.push(business_id);
                }
                report.failures.push(e.to_string());
            }
        }
    }
    for business in started {
        let _ = ctx.events.send(Event::SyncFinished {
            business,
            ok: report.ok(),
        });
    }
    Ok(report)
}
