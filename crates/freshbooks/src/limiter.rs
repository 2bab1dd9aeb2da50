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
//! floor of 1). It grows by one at a time, up to [`Concurrency::cap`] (8), and only from
//! successes of attempts that the limit held back (requests were waiting for a slot, or every
//! slot was taken): a client that sends one request at a time learns nothing about how many
//! FreshBooks takes at once, so its limit stays where it is, and a burst of work later still
//! starts from what was last tried. How fast it grows:
//!
//! - **Until FreshBooks first throttles**: one more slot per round trip, that is after as many
//!   successes in a row as the limit (4 at 4, 5 at 5 …: 22 successes from 4 to 8). This is TCP's
//!   congestion avoidance: each step adds one request to what is on the wire, never a burst,
//!   and it is quick enough to matter in a first sync (about 430 requests for a large business,
//!   the first 22 of them at 4 to 7 in flight, the rest at 8). Growing by a fixed count instead
//!   would be either too slow to reach 8 within a sync of a few hundred requests or, at a small
//!   count, more than one step per round trip at 8.
//! - **After a halving**: slowly, one more slot after [`Concurrency::grow_after`] (16)
//!   successes in a row, below the start and above it alike. FreshBooks said no at some limit;
//!   the way back to it (and past it) is careful, for as long as the client lives.
//!
//! A slot is held for one attempt only (the request and its body), never through a retry's
//! backoff. Requests already in flight when the limit was halved do not halve it again:
//! FreshBooks refused one burst, and one burst halves once (each attempt carries the decrease
//! epoch it started in), and their successes do not count toward growing it back: they say
//! nothing of the halved limit.
//!
//! **Holds.** When FreshBooks asks for a wait (a 429's `Retry-After`, or the backoff after a 429
//! without one), [`Limiter::hold`] keeps every slot back until it passes, whatever the limit:
//! halving alone would let the requests waiting for a slot go out at once into the same refusal.
//! Of two holds the later end wins.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

/// The limiter's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Concurrency {
    /// Requests in flight at the start.
    pub initial: usize,
    /// Never fewer than this in flight (at least 1).
    pub floor: usize,
    /// The ceiling: never more than this in flight, however well FreshBooks answers.
    pub cap: usize,
    /// After a halving: successes in a row before one more request may be in flight. (Before
    /// any halving the limit grows by one per round trip; see the module's documentation.)
    pub grow_after: u32,
}

impl Concurrency {
    /// Four at once to start with, one more per round trip while FreshBooks answers (and the
    /// work needs more), never above eight; halved down to one on a 429 or a timeout, then grown
    /// back by one every 16 successes. FreshBooks publishes no limit and may disable apps it
    /// finds aggressive: eight at once is twice what Ledgerline starts with, reached one step
    /// at a time, and left at once when FreshBooks pushes back.
    pub const fn standard() -> Self {
        Self {
            initial: 4,
            floor: 1,
            cap: 8,
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
            // An attempt sent before the last halving says nothing of the halved limit.
            Outcome::Ok if epoch < self.epoch => false,
            Outcome::Ok => {
                self.successes += 1;
                // Never throttled: one step per round trip of the whole limit. Since: slowly.
                let step = if self.epoch == 0 {
                    u32::try_from(self.limit).unwrap_or(u32::MAX)
                } else {
                    self.settings.grow_after
                };
                if self.successes >= step.max(1) {
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
    /// Requests waiting for a slot now.
    pub waiting: usize,
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
    /// No slot is given before this instant ([`Limiter::hold`]).
    hold_until: Option<Instant>,
}

/// An instant no hold reaches past (a `Retry-After` too large to add to now).
fn far_future() -> Instant {
    // About thirty years: past any wait worth honouring, and safe to add to on every platform.
    Instant::now() + Duration::from_secs(60 * 60 * 24 * 365 * 30)
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
                state: Mutex::new(State {
                    aimd,
                    stats,
                    hold_until: None,
                }),
                released: Notify::new(),
            }),
        }
    }

    /// Waits for a slot (through any hold, however long). Dropping the slot without
    /// [`Slot::finish`] counts as neutral.
    pub async fn acquire(&self) -> Slot {
        loop {
            // No hold is longer than `Duration::MAX`: only a slot comes back.
            if let Ok(slot) = self.acquire_within(Duration::MAX).await {
                return slot;
            }
        }
    }

    /// Waits for a slot, unless a hold in force (now, or set while waiting) has more than
    /// `max_hold` left: then gives up at once with what is left of it, so the caller can come
    /// back later rather than wait that long.
    pub async fn acquire_within(&self, max_hold: Duration) -> Result<Slot, Duration> {
        // Counted among the waiting while it waits (and no longer if the caller gives up).
        let mut queued = Queued {
            limiter: self,
            counted: false,
        };
        loop {
            let released = self.inner.released.notified();
            tokio::pin!(released);
            // Registered before the check, so a release between the check and the wait wakes us.
            released.as_mut().enable();
            let held_until;
            {
                let mut state = self.lock();
                // A hold in force (FreshBooks asked us to wait) keeps every slot back.
                let now = Instant::now();
                held_until = state.hold_until.filter(|until| *until > now);
                match held_until {
                    None => state.hold_until = None,
                    Some(until) if until - now > max_hold => return Err(until - now),
                    Some(_) => {}
                }
                if held_until.is_none() && state.stats.in_flight < state.aimd.limit() {
                    if queued.counted {
                        queued.counted = false;
                        state.stats.waiting = state.stats.waiting.saturating_sub(1);
                    }
                    state.stats.in_flight += 1;
                    state.stats.attempts += 1;
                    state.stats.peak_in_flight =
                        state.stats.peak_in_flight.max(state.stats.in_flight);
                    return Ok(Slot {
                        limiter: self.clone(),
                        epoch: state.aimd.epoch(),
                        done: false,
                    });
                }
                if !queued.counted {
                    queued.counted = true;
                    state.stats.waiting += 1;
                }
            }
            match held_until {
                // Then looks again: a later hold set meanwhile is waited out too.
                Some(until) => tokio::time::sleep_until(until).await,
                None => released.await,
            }
        }
    }

    /// Holds every request back for `wait` from now (what a 429's `Retry-After`, or the backoff
    /// after a 429, asked for): no slot is given until it passes, free slots or not. Of two holds
    /// the later end wins; a shorter one never cuts a longer one short.
    pub fn hold(&self, wait: Duration) {
        let until = Instant::now().checked_add(wait).unwrap_or_else(far_future);
        let mut state = self.lock();
        if state.hold_until.is_none_or(|current| current < until) {
            state.hold_until = Some(until);
        }
    }

    /// How long the hold in force still lasts, if one does.
    pub fn held_for(&self) -> Option<Duration> {
        let until = self.lock().hold_until?;
        let left = until.saturating_duration_since(Instant::now());
        (!left.is_zero()).then_some(left)
    }

    /// What the limiter has done so far.
    pub fn stats(&self) -> LimiterStats {
        self.lock().stats
    }

    fn release(&self, outcome: Outcome, epoch: u64) {
        {
            let mut state = self.lock();
            // Whether the limit was what held the work back when this attempt ended: only then
            // does a success say FreshBooks could take more at once.
            let held_back = state.stats.in_flight + state.stats.waiting >= state.aimd.limit();
            state.stats.in_flight = state.stats.in_flight.saturating_sub(1);
            let outcome = match outcome {
                Outcome::Ok if !held_back => Outcome::Neutral,
                other => other,
            };
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

/// A caller of [`Limiter::acquire`] while it waits: counted in [`LimiterStats::waiting`] until it
/// gets a slot or gives up (its future dropped).
struct Queued<'a> {
    limiter: &'a Limiter,
    counted: bool,
}

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        if self.counted {
            let mut state = self.limiter.lock();
            state.stats.waiting = state.stats.waiting.saturating_sub(1);
        }
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

    /// Each row: the events so far (`+` success, `-` success of an attempt started in an older
    /// epoch, `!` throttled in the current epoch, `~` throttled in an older epoch, `.` neutral)
    /// and the limit after them. Settings: start 4, ceiling 6,
    /// 3 successes a step after a halving.
    #[test]
    fn aimd_table() {
        let plus = |n: usize| "+".repeat(n);
        let table: Vec<(String, usize)> = vec![
            ("".into(), 4),
            ("!".into(), 2),
            ("!!".into(), 1),
            ("!!!".into(), 1), // the floor
            ("!~".into(), 2),  // the same burst halves once
            // Never throttled: one step per round trip (as many successes as the limit).
            (plus(3), 4),
            (plus(4), 5),
            (plus(4 + 4), 5),
            (plus(4 + 5), 6),
            (plus(100), 6),     // the ceiling
            ("++!+".into(), 2), // a throttle resets the run of successes
            // After a halving: one step per `grow_after` (3), below the start and above it.
            (format!("!{}", plus(2)), 2),
            (format!("!{}", plus(3)), 3),
            (format!("!{}", plus(3)) + "!", 1),
            (format!("!{}", plus(6)), 4),
            (format!("!{}", plus(9)), 5),
            (format!("!{}", plus(12)), 6),
            (format!("{}!{}", plus(9), plus(2)), 3), // 6 halved to 3, not yet grown
            (format!("{}!{}", plus(9), plus(3)), 4),
            ("..........".into(), 4), // neutral outcomes change nothing
            // Successes of attempts sent before the halving say nothing of the halved limit:
            // they do not count toward growing back, nor break a run.
            ("!---".into(), 2),
            ("!---++".into(), 2),
            ("!-+-+-+".into(), 3),
            ("++.++".into(), 5), // nor break a run
        ];
        for (events, want) in &table {
            let mut aimd = Aimd::new(settings(3));
            for event in events.chars() {
                let (outcome, epoch) = match event {
                    '+' => (Outcome::Ok, aimd.epoch()),
                    '-' => (Outcome::Ok, aimd.epoch().saturating_sub(1)),
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
    fn standard_starts_at_four_and_never_goes_past_eight() {
        let mut aimd = Aimd::new(Concurrency::standard());
        assert_eq!(aimd.limit(), 4);
        for _ in 0..1000 {
            aimd.record(Outcome::Ok, aimd.epoch());
        }
        assert_eq!(aimd.limit(), 8);
        aimd.record(Outcome::Throttled, aimd.epoch());
        assert_eq!(aimd.limit(), 4);
        for _ in 0..16 {
            aimd.record(Outcome::Ok, aimd.epoch());
        }
        assert_eq!(aimd.limit(), 5);
        // Settings out of order are made sane: a floor of at least one, a cap at least the floor.
        let odd = Aimd::new(Concurrency {
            initial: 0,
            floor: 0,
            cap: 0,
            grow_after: 0,
        });
        assert_eq!(odd.limit(), 1);
    }

    /// Keeps the limiter full (as many attempts in flight as it allows, so the limit is what
    /// holds them) and ends the oldest attempt with `outcome`, `n` times.
    async fn saturated(limiter: &Limiter, slots: &mut Vec<Slot>, n: usize, outcome: Outcome) {
        for _ in 0..n {
            while limiter.stats().in_flight < limiter.stats().limit {
                slots.push(limiter.acquire().await);
            }
            slots.remove(0).finish(outcome);
        }
    }

    #[tokio::test]
    async fn standard_grows_from_four_to_its_ceiling_while_freshbooks_answers() {
        let limiter = Limiter::new(Concurrency::standard());
        assert_eq!(limiter.stats().limit, 4);
        let mut slots = Vec::new();
        let mut limits = vec![limiter.stats().limit];
        // One step per round trip: 4 successes at 4, 5 at 5, 6 at 6, 7 at 7.
        for _ in 0..4 + 5 + 6 + 7 {
            saturated(&limiter, &mut slots, 1, Outcome::Ok).await;
            limits.push(limiter.stats().limit);
        }
        assert_eq!(limiter.stats().limit, 8, "{limits:?}");
        // Each step is one more, never a jump.
        assert!(
            limits.windows(2).all(|w| w[1] == w[0] || w[1] == w[0] + 1),
            "{limits:?}"
        );
        // And never above the ceiling, however long FreshBooks answers.
        saturated(&limiter, &mut slots, 500, Outcome::Ok).await;
        let stats = limiter.stats();
        assert_eq!((stats.limit, stats.peak_in_flight), (8, 8), "{stats:?}");
        // The last attempt just ended; every attempt made is ended or still in flight.
        assert_eq!(stats.in_flight, 7);
        assert_eq!(stats.attempts, 22 + 500 + 7);
    }

    #[tokio::test]
    async fn a_429_halves_the_grown_limit_and_it_grows_back_slowly() {
        let limiter = Limiter::new(Concurrency::standard());
        let mut slots = Vec::new();
        saturated(&limiter, &mut slots, 22, Outcome::Ok).await;
        assert_eq!(limiter.stats().limit, 8);
        saturated(&limiter, &mut slots, 1, Outcome::Throttled).await;
        let stats = limiter.stats();
        assert_eq!((stats.limit, stats.decreases, stats.throttled), (4, 1, 1));
        assert_eq!(stats.peak_in_flight, 8, "the peak stays what it was");
        // The rest of the refused burst comes back (counting for nothing: see the next test).
        for slot in slots.drain(..) {
            slot.finish(Outcome::Ok);
        }
        // Back up by one per 16 successes (not one per round trip any more).
        saturated(&limiter, &mut slots, 15, Outcome::Ok).await;
        assert_eq!(limiter.stats().limit, 4);
        saturated(&limiter, &mut slots, 1, Outcome::Ok).await;
        assert_eq!(limiter.stats().limit, 5);
        saturated(&limiter, &mut slots, 16 * 3, Outcome::Ok).await;
        assert_eq!(limiter.stats().limit, 8);
        saturated(&limiter, &mut slots, 100, Outcome::Ok).await;
        assert_eq!(limiter.stats().limit, 8, "still the ceiling");
    }

    #[tokio::test]
    async fn successes_of_attempts_sent_before_a_halving_do_not_grow_it_back() {
        let limiter = Limiter::new(Concurrency::standard());
        let mut slots = Vec::new();
        saturated(&limiter, &mut slots, 22, Outcome::Ok).await;
        assert_eq!(limiter.stats().limit, 8);
        saturated(&limiter, &mut slots, 1, Outcome::Throttled).await;
        assert_eq!(limiter.stats().limit, 4);
        // The seven others of the refused burst come back fine, while the limit holds work back.
        assert_eq!(slots.len(), 7);
        for slot in slots.drain(..) {
            slot.finish(Outcome::Ok);
        }
        // Sixteen successes *since the halving* make one step; the old ones count for nothing.
        saturated(&limiter, &mut slots, 15, Outcome::Ok).await;
        assert_eq!(limiter.stats().limit, 4, "{:?}", limiter.stats());
        saturated(&limiter, &mut slots, 1, Outcome::Ok).await;
        assert_eq!(limiter.stats().limit, 5);
    }

    /// A hold (what a 429's `Retry-After` asked for) keeps every slot back until it passes, free
    /// slots or not; a shorter hold does not cut a longer one short, and a longer one set while a
    /// caller waits is waited out too.
    #[tokio::test(start_paused = true)]
    async fn a_hold_keeps_every_slot_back_until_it_passes() {
        let limiter = Limiter::new(Concurrency::standard());
        let start = tokio::time::Instant::now();
        limiter.hold(Duration::from_secs(2));
        assert_eq!(limiter.held_for(), Some(Duration::from_secs(2)));
        let waiting = tokio::spawn({
            let limiter = limiter.clone();
            async move {
                let slot = limiter.acquire().await;
                (tokio::time::Instant::now(), slot)
            }
        });
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert!(
            !waiting.is_finished(),
            "every slot is free, but the hold is on"
        );
        assert_eq!(limiter.stats().waiting, 1);
        limiter.hold(Duration::from_millis(500)); // ends before the one in force: no change
        tokio::time::sleep(Duration::from_millis(900)).await;
        assert!(!waiting.is_finished());
        limiter.hold(Duration::from_secs(1)); // now 1.9 s in: the hold runs to 2.9 s
        tokio::time::sleep(Duration::from_millis(800)).await;
        assert!(!waiting.is_finished(), "the longer hold is waited out too");
        let (granted, slot) = waiting.await.expect("task");
        assert_eq!(granted - start, Duration::from_millis(2900));
        assert_eq!(limiter.held_for(), None);
        let stats = limiter.stats();
        assert_eq!((stats.in_flight, stats.waiting), (1, 0), "{stats:?}");
        drop(slot);
        // No hold: a slot at once.
        let now = tokio::time::Instant::now();
        drop(limiter.acquire().await);
        assert_eq!(tokio::time::Instant::now(), now);
    }

    #[tokio::test]
    async fn a_caller_that_stops_waiting_is_no_longer_counted() {
        let limiter = Limiter::new(Concurrency::standard());
        let slots: Vec<Slot> = futures::future::join_all((0..4).map(|_| limiter.acquire())).await;
        let waiting = tokio::spawn({
            let limiter = limiter.clone();
            async move { limiter.acquire().await }
        });
        while limiter.stats().waiting == 0 {
            tokio::task::yield_now().await;
        }
        waiting.abort();
        let _ = waiting.await;
        assert_eq!(limiter.stats().waiting, 0);
        drop(slots);
        assert_eq!(limiter.stats().in_flight, 0);
    }

    #[tokio::test]
    async fn a_limit_not_in_use_does_not_grow() {
        // One request at a time, answered fine: nothing says FreshBooks would take more at once,
        // so a later burst of work still starts at four.
        let limiter = Limiter::new(Concurrency::standard());
        for _ in 0..200 {
            limiter.acquire().await.finish(Outcome::Ok);
        }
        let stats = limiter.stats();
        assert_eq!((stats.limit, stats.peak_in_flight), (4, 1), "{stats:?}");
        // Three at a time, under a limit of four: the same.
        let mut slots = Vec::new();
        for _ in 0..200 {
            while slots.len() < 3 {
                slots.push(limiter.acquire().await);
            }
            slots.remove(0).finish(Outcome::Ok);
        }
        assert_eq!(limiter.stats().limit, 4);
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
