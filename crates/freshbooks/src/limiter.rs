//! How many requests are in flight to FreshBooks at once: one [`Limiter`] for the whole app.
//!
//! **Where it lives, and why here.** The limiter is owned by the [`crate::Client`] (its shared
//! `Inner`), and the one send path (`http.rs`) takes a slot for every attempt of every request.
//! One client serves one signed-in user across every task of the app (sync runs, the outbox,
//! records read again, the screens' own reads), and FreshBooks throttles per app and user, not
//! per sync run: a limit kept in the core's run context would not see the requests made outside
//! a run, and two runs would each think they had the whole budget. Here no request can get
//! around it, and the core only decides how much work to *offer* (pages and entities at once),
//! never how much reaches the network.
//!
//! **The policy** ([`Aimd`], pure and table-tested): additive increase, multiplicative decrease.
//! It starts at [`Concurrency::initial`] (4) slots; a 429 or a timed-out request halves it (to a
//! floor of 1); after [`Concurrency::grow_after`] successes in a row it grows by one, up to
//! [`Concurrency::cap`]. A slot is held for one attempt only (the request and its body), never
//! through a retry's backoff. Requests already in flight when the limit was halved do not halve
//! it again: FreshBooks refused one burst, and one burst halves once (each attempt carries the
//! decrease epoch it started in).

use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Notify;

/// The limiter's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Concurrency {
    /// Requests in flight at the start.
    pub initial: usize,
    /// Never fewer than this in flight (at least 1).
    pub floor: usize,
    /// Never more than this in flight.
    pub cap: usize,
    /// Successes in a row before one more request may be in flight.
    pub grow_after: u32,
}

impl Concurrency {
    /// Four at once, halved down to one, grown back by one every 16 successes, never above four:
    /// FreshBooks publishes no limit and may disable apps it finds aggressive, so Ledgerline never
    /// goes past the four requests it starts with.
    pub const fn standard() -> Self {
        Self {
            initial: 4,
            floor: 1,
            cap: 4,
            grow_after: 16,
        }
    }
}

impl Default for Concurrency {
    fn default() -> Self {
        Self::standard()
    }
}

/// What became of one attempt, as the policy sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// FreshBooks answered (with data, or an error that says nothing of its load: 404, 422 …).
    Ok,
    /// FreshBooks asked us to slow down (429), or the request timed out.
    Throttled,
    /// Neither: a 5xx, a refused connection, a 401. Leaves the limit as it is.
    Neutral,
}

/// The AIMD policy: pure, no clock, no IO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aimd {
    settings: Concurrency,
    limit: usize,
    successes: u32,
    /// Bumped at each decrease; an attempt started in an older epoch cannot decrease again.
    epoch: u64,
}

impl Aimd {
    /// At the initial limit (kept within floor and cap).
    pub fn new(settings: Concurrency) -> Self {
        let floor = settings.floor.max(1);
        let settings = Concurrency {
            floor,
            cap: settings.cap.max(floor),
            ..settings
        };
        Self {
            limit: settings.initial.clamp(settings.floor, settings.cap),
            settings,
            successes: 0,
            epoch: 0,
        }
    }

    /// Requests allowed in flight now.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// The current decrease epoch: what an attempt records when it starts.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }

    /// Takes one attempt's outcome, started in `epoch`; returns whether the limit changed.
    pub fn record(&mut self, outcome: Outcome, epoch: u64) -> bool {
        match outcome {
            Outcome::Ok => {
                self.successes += 1;
                if self.successes >= self.settings.grow_after.max(1) {
                    self.successes = 0;
                    if self.limit < self.settings.cap {
                        self.limit += 1;
                        return true;
                    }
                }
                false
            }
            Outcome::Throttled => {
                self.successes = 0;
                if epoch < self.epoch {
                    return false; // this burst already halved the limit
                }
                self.epoch += 1;
                let halved = (self.limit / 2).max(self.settings.floor);
                let changed = halved != self.limit;
                self.limit = halved;
                changed
            }
            Outcome::Neutral => false,
        }
    }
}

/// What the limiter has done so far (for tests, benchmarks and logs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LimiterStats {
    /// Requests allowed in flight now.
    pub limit: usize,
    /// Requests in flight now.
    pub in_flight: usize,
    /// The most requests ever in flight at once.
    pub peak_in_flight: usize,
    /// Times the limit was halved.
    pub decreases: u64,
    /// Attempts that came back throttled (429 or timeout).
    pub throttled: u64,
    /// Attempts sent.
    pub attempts: u64,
}

#[derive(Debug)]
struct State {
    aimd: Aimd,
    stats: LimiterStats,
}

/// The shared gate: at most [`Aimd::limit`] attempts in flight.
#[derive(Debug, Clone)]
pub struct Limiter {
    inner: Arc<Shared>,
}

#[derive(Debug)]
struct Shared {
    state: Mutex<State>,
    released: Notify,
}

impl Limiter {
    /// A limiter with these settings.
    pub fn new(settings: Concurrency) -> Self {
        let aimd = Aimd::new(settings);
        let stats = LimiterStats {
            limit: aimd.limit(),
            ..LimiterStats::default()
        };
        Self {
            inner: Arc::new(Shared {
                state: Mutex::new(State { aimd, stats }),
                released: Notify::new(),
            }),
        }
    }

    /// Waits for a slot. Dropping the slot without [`Slot::finish`] counts as neutral.
    pub async fn acquire(&self) -> Slot {
        loop {
            let released = self.inner.released.notified();
            tokio::pin!(released);
            // Registered before the check, so a release between the check and the wait wakes us.
            released.as_mut().enable();
            {
                let mut state = self.lock();
                if state.stats.in_flight < state.aimd.limit() {
                    state.stats.in_flight += 1;
                    state.stats.attempts += 1;
                    state.stats.peak_in_flight =
                        state.stats.peak_in_flight.max(state.stats.in_flight);
                    return Slot {
                        limiter: self.clone(),
                        epoch: state.aimd.epoch(),
                        done: false,
                    };
                }
            }
            released.await;
        }
    }

    /// What the limiter has done so far.
    pub fn stats(&self) -> LimiterStats {
        self.lock().stats
    }

    fn release(&self, outcome: Outcome, epoch: u64) {
        {
            let mut state = self.lock();
            state.stats.in_flight = state.stats.in_flight.saturating_sub(1);
            if outcome == Outcome::Throttled {
                state.stats.throttled += 1;
            }
            let before = state.aimd.limit();
            if state.aimd.record(outcome, epoch) {
                let after = state.aimd.limit();
                if after < before {
                    state.stats.decreases += 1;
                    tracing::info!(
                        from = before,
                        to = after,
                        "FreshBooks is throttling: fewer requests at once"
                    );
                } else {
                    tracing::debug!(from = before, to = after, "more requests at once");
                }
            }
            state.stats.limit = state.aimd.limit();
        }
        self.inner.released.notify_waiters();
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.inner
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// One attempt's place in flight; give it back with its outcome.
#[derive(Debug)]
pub struct Slot {
    limiter: Limiter,
    epoch: u64,
    done: bool,
}

impl Slot {
    /// Gives the slot back, telling the policy how the attempt went.
    pub fn finish(mut self, outcome: Outcome) {
        self.done = true;
        self.limiter.release(outcome, self.epoch);
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        if !self.done {
            self.limiter.release(Outcome::Neutral, self.epoch);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(grow_after: u32) -> Concurrency {
        Concurrency {
            initial: 4,
            floor: 1,
            cap: 6,
            grow_after,
        }
    }

    /// Each row: the events so far (`+` success, `!` throttled in the current epoch, `~` throttled
    /// in an older epoch, `.` neutral) and the limit after them.
    #[test]
    fn aimd_table() {
        let table: &[(&str, usize)] = &[
            ("", 4),
            ("!", 2),
            ("!!", 1),
            ("!!!", 1), // the floor
            ("!~", 2),  // the same burst halves once
            ("+++", 5), // grows by one after three successes
            ("+++++", 5),
            ("++++++", 6),
            ("+++++++++", 6), // the cap
            ("++!+", 2),      // a throttle resets the run of successes
            ("!+++", 3),
            ("!+++!", 1),
            ("..........", 4), // neutral outcomes change nothing
            ("++.+", 5),       // nor break a run
        ];
        for (events, want) in table {
            let mut aimd = Aimd::new(settings(3));
            for event in events.chars() {
                let (outcome, epoch) = match event {
                    '+' => (Outcome::Ok, aimd.epoch()),
                    '!' => (Outcome::Throttled, aimd.epoch()),
                    '~' => (Outcome::Throttled, aimd.epoch().saturating_sub(1)),
                    _ => (Outcome::Neutral, aimd.epoch()),
                };
                aimd.record(outcome, epoch);
            }
            assert_eq!(aimd.limit(), *want, "{events:?}");
        }
    }

    #[test]
    fn standard_starts_at_four_and_never_goes_past_it() {
        let mut aimd = Aimd::new(Concurrency::standard());
        assert_eq!(aimd.limit(), 4);
        for _ in 0..1000 {
            aimd.record(Outcome::Ok, aimd.epoch());
        }
        assert_eq!(aimd.limit(), 4);
        aimd.record(Outcome::Throttled, aimd.epoch());
        assert_eq!(aimd.limit(), 2);
        for _ in 0..16 {
            aimd.record(Outcome::Ok, aimd.epoch());
        }
        assert_eq!(aimd.limit(), 3);
        // Settings out of order are made sane: a floor of at least one, a cap at least the floor.
        let odd = Aimd::new(Concurrency {
            initial: 0,
            floor: 0,
            cap: 0,
            grow_after: 0,
        });
        assert_eq!(odd.limit(), 1);
    }

    #[tokio::test]
    async fn the_gate_holds_to_the_limit_and_follows_it() {
        let limiter = Limiter::new(settings(1000));
        let slots: Vec<Slot> = futures::future::join_all((0..4).map(|_| limiter.acquire())).await;
        assert_eq!(limiter.stats().in_flight, 4);
        // A fifth waits until one is given back.
        let waiting = tokio::spawn({
            let limiter = limiter.clone();
            async move { limiter.acquire().await }
        });
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished());
        let mut slots = slots.into_iter();
        let first = slots.next().expect("a slot");
        first.finish(Outcome::Throttled); // 4 → 2; three still in flight
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        assert!(!waiting.is_finished(), "3 in flight, limit 2");
        // The others of the same burst come back throttled too: no further halving.
        for slot in slots {
            slot.finish(Outcome::Throttled);
        }
        let fifth = waiting.await.expect("task");
        let stats = limiter.stats();
        assert_eq!(
            (
                stats.limit,
                stats.in_flight,
                stats.decreases,
                stats.throttled
            ),
            (2, 1, 1, 4)
        );
        assert_eq!(stats.peak_in_flight, 4);
        drop(fifth);
        assert_eq!(limiter.stats().in_flight, 0);
    }
}
