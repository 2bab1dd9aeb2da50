//! How long a running sync has left, from its pace so far: pure (values in, values out), so the
//! rules are tested with plain numbers.
//!
//! No estimate is given before [`MIN_ELAPSED`] has passed and [`MIN_PERMILLE`] of the records
//! are written: the first pages say little about the pace (the first page of each entity is read
//! alone, and FreshBooks' totals arrive one entity at a time). After that the raw estimate is
//! what is left at the pace so far, and each new one is blended with the previous one counted
//! down by the time since, so the figure on screen moves steadily instead of jumping with each
//! batch.

use std::time::Duration;

/// No estimate before this much time has passed.
pub const MIN_ELAPSED: Duration = Duration::from_secs(2);

/// No estimate before this share of the records (per mille) is written: 5 %.
pub const MIN_PERMILLE: u64 = 50;

/// The weight of the previous estimate (counted down) against the raw one, out of
/// `PREVIOUS_WEIGHT + 1`.
const PREVIOUS_WEIGHT: u64 = 2;

/// What is known of a run at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pace {
    /// Time since the run started.
    pub elapsed: Duration,
    /// Records written by this run (not counting what an interrupted pull wrote before).
    pub progressed: u64,
    /// Records written of the total, counting what was written before a resume.
    pub done: u64,
    /// Records to write in all.
    pub total: u64,
}

/// The raw estimate in whole seconds (rounded up), or `None` while too little is known.
pub fn raw_seconds_left(pace: Pace) -> Option<u64> {
    if pace.total == 0 || pace.done >= pace.total {
        return (pace.total > 0 || pace.done > 0).then_some(0);
    }
    if pace.elapsed < MIN_ELAPSED
        || pace.progressed == 0
        || u128::from(pace.done) * 1000 < u128::from(pace.total) * u128::from(MIN_PERMILLE)
    {
        return None;
    }
    let left = u128::from(pace.total - pace.done);
    let millis = left * pace.elapsed.as_millis() / u128::from(pace.progressed);
    Some(u64::try_from(millis.div_ceil(1000)).unwrap_or(u64::MAX))
}

/// The estimate a run shows, smoothed across readings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Eta {
    /// The last estimate and when (time since the run started) it was made.
    last: Option<(Duration, u64)>,
}

impl Eta {
    /// The estimate now; remembers it for the next reading.
    pub fn update(&mut self, pace: Pace) -> Option<u64> {
        let raw = raw_seconds_left(pace)?;
        let shown = match self.last {
            Some((at, before)) if raw > 0 && pace.elapsed >= at => {
                let counted_down = before.saturating_sub((pace.elapsed - at).as_secs());
                let blended = (u128::from(counted_down) * u128::from(PREVIOUS_WEIGHT)
                    + u128::from(raw))
                    / u128::from(PREVIOUS_WEIGHT + 1);
                u64::try_from(blended).unwrap_or(u64::MAX)
            }
            _ => raw,
        };
        self.last = Some((pace.elapsed, shown));
        Some(shown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pace(secs: u64, progressed: u64, done: u64, total: u64) -> Pace {
        Pace {
            elapsed: Duration::from_secs(secs),
            progressed,
            done,
            total,
        }
    }

    #[test]
    fn nothing_before_two_seconds_or_five_percent() {
        // Table: elapsed s, progressed, done, total → estimate.
        type Row = ((u64, u64, u64, u64), Option<u64>);
        let table: &[Row] = &[
            ((1, 500, 500, 1000), None),       // too early
            ((3, 40, 40, 1000), None),         // 4 %: too little
            ((3, 50, 50, 1000), Some(57)),     // 5 %: 950 left at 50 per 3 s
            ((10, 100, 500, 1000), Some(50)),  // resumed at 400: the pace counts this run only
            ((10, 0, 400, 1000), None),        // nothing written by this run yet
            ((10, 1000, 1000, 1000), Some(0)), // done
            ((10, 0, 0, 0), None),             // nothing known
            ((10, 1200, 1200, 1000), Some(0)), // more than announced: never negative
        ];
        for ((secs, progressed, done, total), want) in table {
            assert_eq!(
                raw_seconds_left(pace(*secs, *progressed, *done, *total)),
                *want,
                "{secs} s, {progressed}, {done}/{total}"
            );
        }
    }

    #[test]
    fn the_estimate_rounds_up() {
        // 1 left at 100 per 10 s: 0.1 s shows as 1 s, not 0 while work remains.
        assert_eq!(raw_seconds_left(pace(10, 100, 999, 1000)), Some(1));
    }

    #[test]
    fn smoothing_counts_down_and_follows_the_pace() {
        let mut eta = Eta::default();
        assert_eq!(eta.update(pace(1, 100, 100, 1000)), None);
        // 10 s for 200: 800 left at 20/s = 40 s.
        assert_eq!(eta.update(pace(10, 200, 200, 1000)), Some(40));
        // Ten seconds later at the same pace: 30 s raw, 30 s counted down: 30.
        assert_eq!(eta.update(pace(20, 400, 400, 1000)), Some(30));
        // A burst (raw 5 s) pulls the figure down, but not all the way at once.
        let after_burst = eta.update(pace(21, 800, 800, 1000)).unwrap();
        assert!(after_burst < 29 && after_burst > 5, "{after_burst}");
        // Done is done at once.
        assert_eq!(eta.update(pace(22, 1000, 1000, 1000)), Some(0));
    }

    #[test]
    fn steady_pace_never_goes_up_or_below_zero() {
        let mut eta = Eta::default();
        let mut last = u64::MAX;
        for s in 2..=100 {
            let done = s * 10;
            if let Some(left) = eta.update(pace(s, done, done, 1000)) {
                assert!(left <= last, "{s}: {left} after {last}");
                last = left;
            }
        }
        assert_eq!(last, 0);
    }
}
