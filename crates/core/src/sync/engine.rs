//! [`Engine`]: the background sync, one loop over a closed [`Input`] enum.
//!
//! There are no callbacks and no free-floating tasks: the loop owns at most one running sync,
//! spawned on its `TaskTracker` with a child `CancellationToken`, and decides what happens on each
//! input. A "sync now" arriving during a run is queued and runs right after it.

use std::time::Duration;

use tokio::sync::{mpsc, oneshot};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use super::plan::Trigger;
use super::run::{self, RunContext};
use crate::error::{Error, Result};
use ledgerline_model::sync::{Scope, SyncReport};

/// How often the loop looks for due work. The schedule decides what is due; this only bounds
/// how late it is noticed.
pub const TICK: Duration = Duration::from_secs(30);

/// Everything the engine reacts to.
#[derive(Debug)]
pub enum Input {
    /// Look for due work (also sent by the loop's own timer).
    Tick,
    /// Sync now, optionally answering when done.
    SyncNow {
        /// Which businesses.
        scope: Scope,
        /// Re-read everything.
        full: bool,
        /// Gets the run's result.
        reply: Option<oneshot::Sender<Result<SyncReport>>>,
    },
    /// The network went away (`false`) or came back (`true`: sync at once).
    NetworkChanged(bool),
    /// The user switched business: sync what is due, the new current one first.
    SwitchBusiness,
    /// Stop the running sync and drop a waiting one (cursors stay, so the next run resumes).
    Cancel,
    /// Stop the loop.
    Shutdown,
}

/// The background sync loop.
#[derive(Debug)]
pub struct Engine {
    ctx: RunContext,
    tracker: TaskTracker,
}

type Reply = Option<oneshot::Sender<Result<SyncReport>>>;

impl Engine {
    /// An engine over a run context (its `cancel` token is the parent of every run's).
    pub fn new(ctx: RunContext, tracker: TaskTracker) -> Engine {
        Engine { ctx, tracker }
    }

    /// Runs until `Input::Shutdown`, the sender side closes, or `shutdown` is cancelled.
    pub async fn run(self, mut inputs: mpsc::Receiver<Input>, shutdown: CancellationToken) {
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let (done_tx, mut done_rx) = mpsc::channel::<()>(1);
        let mut running: Option<CancellationToken> = None;
        let mut queued: Option<(Scope, Trigger, Reply)> = None;
        // A tick (or an edit's nudge) that came while a run was going: the run may have passed
        // its push already, so another one starts when it ends.
        let mut tick_missed = false;
        let mut online = true;
        loop {
            let input = tokio::select! {
                () = shutdown.cancelled() => Input::Shutdown,
                _ = tick.tick() => Input::Tick,
                Some(()) = done_rx.recv() => {
                    running = None;
                    if let Some((scope, trigger, reply)) = queued.take() {
                        running = Some(self.start(scope, trigger, reply, done_tx.clone()));
                    } else if tick_missed && online {
                        running =
                            Some(self.start(Scope::All, Trigger::Scheduled, None, done_tx.clone()));
                    }
                    tick_missed = false;
                    continue;
                }
                input = inputs.recv() => input.unwrap_or(Input::Shutdown),
            };
            match input {
                Input::Tick | Input::SwitchBusiness => {
                    if online && running.is_none() {
                        running =
                            Some(self.start(Scope::All, Trigger::Scheduled, None, done_tx.clone()));
                    } else if online {
                        tick_missed = true;
                    }
                }
                Input::SyncNow { scope, full, reply } => {
                    let trigger = Trigger::SyncNow { full };
                    if running.is_none() {
                        running = Some(self.start(scope, trigger, reply, done_tx.clone()));
                    } else {
                        // The newest request wins; an older waiting one is told it was replaced.
                        if let Some((_, _, Some(old))) = queued.replace((scope, trigger, reply)) {
                            let _ = old.send(Err(Error::Cancelled));
                        }
                    }
                }
                Input::NetworkChanged(up) => {
                    online = up;
                    if up {
                        if running.is_none() {
                            running = Some(self.start(
                                Scope::All,
                                Trigger::SyncNow { full: false },
                                None,
                                done_tx.clone(),
                            ));
                        }
                    } else if let Some(token) = &running {
                        token.cancel();
                    }
                }
                Input::Cancel => {
                    if let Some(token) = &running {
                        token.cancel();
                    }
                    // A waiting "sync now" is cancelled too: the user asked for quiet.
                    if let Some((_, _, Some(reply))) = queued.take() {
                        let _ = reply.send(Err(Error::Cancelled));
                    }
                }
                Input::Shutdown => {
                    if let Some(token) = &running {
                        token.cancel();
                    }
                    break;
                }
            }
        }
    }

    fn start(
        &self,
        scope: Scope,
        trigger: Trigger,
        reply: Reply,
        done: mpsc::Sender<()>,
    ) -> CancellationToken {
        let token = self.ctx.cancel.child_token();
        let ctx = RunContext {
            cancel: token.clone(),
            ..self.ctx.clone()
        };
        self.tracker.spawn(async move {
            let res = run::run(&ctx, scope, trigger).await;
            if let Err(e) = &res {
                tracing::warn!("sync run failed: {e}");
            }
            if let Some(reply) = reply {
                let _ = reply.send(res);
            }
            let _ = done.send(()).await;
        });
        token
    }
}
