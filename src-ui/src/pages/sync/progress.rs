//! A running sync's progress as the page shows it: the shell's [`SyncProgress`] (read with the
//! page) brought forward by the progress events that arrived since (the sync indicator's
//! counts), with the time left estimated again from the records still to come when the events
//! are ahead of the page. Pure.

use chrono::{DateTime, Utc};
use ledgerline_model::entity::Entity;
use ledgerline_model::ipc::SyncProgress;

/// At least this long into a sync before the page estimates the time left itself.
const ESTIMATE_AFTER_SECONDS: i64 = 3;

/// What the progress bar shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// Records written.
    pub done: u64,
    /// Records expected, when known.
    pub total: Option<u64>,
    /// The entity being read.
    pub entity: Option<Entity>,
    /// Seconds left, when known.
    pub seconds_left: Option<u64>,
}

/// The progress to show from the page's `progress` and the events' `(done, total)` so far.
/// `None` when no sync runs as far as either knows.
pub fn shown(
    page: Option<&SyncProgress>,
    live: (u64, Option<u64>),
    running: bool,
    now: DateTime<Utc>,
) -> Option<Shown> {
    let (live_done, live_total) = live;
    match page {
        None if !running => None,
        None => Some(Shown {
            done: live_done,
            total: live_total,
            entity: None,
            seconds_left: None,
        }),
        Some(p) if live_done <= p.done => Some(Shown {
            done: p.done,
            total: p.total,
            entity: p.entity,
            seconds_left: p.seconds_left,
        }),
        Some(p) => {
            let total = live_total.or(p.total);
            let elapsed = (now - p.started_at).num_seconds();
            let estimate = match total {
                Some(total) if elapsed >= ESTIMATE_AFTER_SECONDS && live_done > 0 => {
                    let left = total.saturating_sub(live_done);
                    let elapsed = u64::try_from(elapsed).unwrap_or(0);
                    Some(left.saturating_mul(elapsed) / live_done)
                }
                _ => p.seconds_left,
            };
            Some(Shown {
                done: live_done,
                total,
                entity: p.entity,
                seconds_left: estimate,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeDelta;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + seconds, 0).unwrap_or_default()
    }

    fn page(done: u64, total: Option<u64>, left: Option<u64>) -> SyncProgress {
        SyncProgress {
            started_at: at(0),
            done,
            total,
            entity: Some(Entity::TimeEntries),
            seconds_left: left,
        }
    }

    #[test]
    fn the_page_speaks_until_events_are_ahead_of_it() {
        let p = page(500, Some(2000), Some(90));
        let s = shown(Some(&p), (400, Some(2000)), true, at(30)).unwrap_or_else(|| panic!());
        assert_eq!(
            (s.done, s.total, s.seconds_left),
            (500, Some(2000), Some(90))
        );
        // 1000 of 2000 in 40 s: 40 s left.
        let s = shown(
            Some(&p),
            (1000, Some(2000)),
            true,
            at(0) + TimeDelta::seconds(40),
        )
        .unwrap_or_else(|| panic!());
        assert_eq!(
            (s.done, s.total, s.seconds_left),
            (1000, Some(2000), Some(40))
        );
        assert_eq!(s.entity, Some(Entity::TimeEntries));
    }

    #[test]
    fn nothing_runs_nothing_shows() {
        assert_eq!(shown(None, (0, None), false, at(0)), None);
        let s = shown(None, (12, None), true, at(0)).unwrap_or_else(|| panic!());
        assert_eq!((s.done, s.total, s.seconds_left), (12, None, None));
    }
}
