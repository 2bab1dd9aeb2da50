//! Fault injection: which failure, if any, a request gets. Rates are integers per mille (0–1000)
//! so no float is needed; one seeded RNG draws for every request in arrival order, so a test that
//! sends its requests one at a time sees the same faults on every run. A script of faults for the
//! next requests can be queued for exact tests.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};

/// One kind of injected failure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// HTTP 429 (with `Retry-After` when [`Faults::retry_after_secs`] is set).
    RateLimit,
    /// HTTP 500 with a JSON body.
    ServerError,
    /// HTTP 503 with an HTML body, as a load balancer sends it.
    Unavailable,
    /// No answer for [`Faults::hang_ms`], then the normal answer (past any sane client timeout).
    Hang,
    /// The TCP connection is reset before any answer.
    Reset,
    /// The answer's body is cut in half and the connection closed.
    Truncate,
    /// Writes only: the write is committed, then the connection is reset instead of answering.
    DropAfterCommit,
}

/// Fault injection settings. All rates are per mille (0–1000) of matching requests.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Faults {
    /// Seed of the fault RNG (faults are reproducible for one request order).
    pub seed: u64,
    /// Rate of 429 answers.
    pub rate_limit_per_mille: u16,
    /// `Retry-After` seconds on injected 429s; none when unset.
    pub retry_after_secs: Option<u64>,
    /// Rate of 500 answers.
    pub server_error_per_mille: u16,
    /// Rate of 503 answers.
    pub unavailable_per_mille: u16,
    /// Rate of hangs.
    pub hang_per_mille: u16,
    /// How long a hang lasts, in milliseconds (0 = 120 s).
    pub hang_ms: u64,
    /// Rate of connection resets.
    pub reset_per_mille: u16,
    /// Rate of truncated bodies.
    pub truncate_per_mille: u16,
    /// Rate of "commit then drop" among writes (POST/PUT/PATCH/DELETE).
    pub drop_after_commit_per_mille: u16,
    /// A real rate limit: more than this many matching requests in one wall-clock second get a 429
    /// (0 = no limit). Unlike the rates above it depends on timing, so it is for benchmarks.
    pub max_requests_per_second: u32,
    /// Only requests whose path contains this text get faults (all API requests when unset).
    pub path_contains: Option<String>,
    /// Faults for the next matching requests, in order, before any rate applies.
    pub script: Vec<FaultKind>,
}

/// Default hang when `hang_ms` is 0.
const DEFAULT_HANG: Duration = Duration::from_secs(120);

/// The live fault state: settings plus the RNG and what is left of the script.
#[derive(Debug)]
pub struct FaultEngine {
    faults: Faults,
    script: VecDeque<FaultKind>,
    rng: StdRng,
    /// The current one-second window of the rate limit and the requests counted in it.
    window: Option<(Instant, u32)>,
}

impl FaultEngine {
    /// Starts drawing from `faults.seed`.
    pub fn new(faults: Faults) -> Self {
        let script = faults.script.iter().copied().collect();
        let rng = StdRng::seed_from_u64(faults.seed);
        FaultEngine {
            faults,
            script,
            rng,
            window: None,
        }
    }

    /// New settings that keep drawing from the current RNG (used when only the script changes).
    pub fn resume(faults: Faults, current: &FaultEngine) -> Self {
        let script = faults.script.iter().copied().collect();
        FaultEngine {
            faults,
            script,
            rng: current.rng.clone(),
            window: current.window,
        }
    }

    /// The settings in force (the script shows what is left of it).
    pub fn faults(&self) -> Faults {
        let mut faults = self.faults.clone();
        faults.script = self.script.iter().copied().collect();
        faults
    }

    /// How long a hang lasts.
    pub fn hang_duration(&self) -> Duration {
        match self.faults.hang_ms {
            0 => DEFAULT_HANG,
            ms => Duration::from_millis(ms),
        }
    }

    /// `Retry-After` for injected 429s.
    pub fn retry_after(&self) -> Option<u64> {
        self.faults.retry_after_secs
    }

    /// Decides the fault for one request arriving at `now`, if any.
    pub fn decide(&mut self, path: &str, is_write: bool, now: Instant) -> Option<FaultKind> {
        if let Some(filter) = &self.faults.path_contains
            && !path.contains(filter.as_str())
        {
            return None;
        }
        if let Some(kind) = self.script.pop_front() {
            return Some(kind);
        }
        if self.over_rate_limit(now) {
            return Some(FaultKind::RateLimit);
        }
        let f = &self.faults;
        let table = [
            (FaultKind::RateLimit, f.rate_limit_per_mille),
            (FaultKind::ServerError, f.server_error_per_mille),
            (FaultKind::Unavailable, f.unavailable_per_mille),
            (FaultKind::Hang, f.hang_per_mille),
            (FaultKind::Reset, f.reset_per_mille),
            (FaultKind::Truncate, f.truncate_per_mille),
            (
                FaultKind::DropAfterCommit,
                if is_write {
                    f.drop_after_commit_per_mille
                } else {
                    0
                },
            ),
        ];
        if table.iter().all(|(_, rate)| *rate == 0) {
            return None;
        }
        let roll: u32 = self.rng.random_range(0..1000);
        let mut upper = 0u32;
        for (kind, rate) in table {
            upper += u32::from(rate.min(1000));
            if roll < upper {
                return Some(kind);
            }
        }
        None
    }
}

impl FaultEngine {
    /// Counts the request in its one-second window; true when the window is already full.
    fn over_rate_limit(&mut self, now: Instant) -> bool {
        let limit = self.faults.max_requests_per_second;
        if limit == 0 {
            return false;
        }
        let (start, count) = match self.window {
            Some((start, count)) if now.duration_since(start) < Duration::from_secs(1) => {
                (start, count + 1)
            }
            _ => (now, 1),
        };
        self.window = Some((start, count));
        count > limit
    }
}

/// Parses a rate: `25` is per mille, `2.5%` or `5%` is percent. Returns per mille, at most 1000.
pub fn parse_rate(text: &str) -> Result<u16, String> {
    let text = text.trim();
    let per_mille = if let Some(percent) = text.strip_suffix('%') {
        let (whole, frac) = percent.split_once('.').unwrap_or((percent, ""));
        let whole: u32 = whole.parse().map_err(|_| format!("not a rate: {text}"))?;
        let tenth: u32 = match frac.chars().next() {
            None => 0,
            Some(c) => c
                .to_digit(10)
                .ok_or_else(|| format!("not a rate: {text}"))?,
        };
        whole * 10 + tenth
    } else {
        text.parse::<u32>()
            .map_err(|_| format!("not a rate: {text} (per mille, or a percent like 5%)"))?
    };
    if per_mille > 1000 {
        return Err(format!("rate above 100%: {text}"));
    }
    u16::try_from(per_mille).map_err(|_| format!("rate above 100%: {text}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draws(faults: Faults, n: usize, is_write: bool) -> Vec<Option<FaultKind>> {
        let mut engine = FaultEngine::new(faults);
        (0..n)
            .map(|_| {
                engine.decide(
                    "/accounting/account/x/users/clients",
                    is_write,
                    Instant::now(),
                )
            })
            .collect()
    }

    #[test]
    fn scripts_come_first_then_rates() {
        let faults = Faults {
            script: vec![FaultKind::Reset, FaultKind::Hang],
            ..Faults::default()
        };
        assert_eq!(
            draws(faults, 3, false),
            [Some(FaultKind::Reset), Some(FaultKind::Hang), None]
        );
    }

    #[test]
    fn a_full_rate_always_fires_and_commit_drops_only_hit_writes() {
        let all_429 = Faults {
            rate_limit_per_mille: 1000,
            ..Faults::default()
        };
        assert!(
            draws(all_429, 20, false)
                .iter()
                .all(|d| *d == Some(FaultKind::RateLimit))
        );
        let drops = Faults {
            drop_after_commit_per_mille: 1000,
            ..Faults::default()
        };
        assert!(draws(drops.clone(), 5, false).iter().all(Option::is_none));
        assert!(
            draws(drops, 5, true)
                .iter()
                .all(|d| *d == Some(FaultKind::DropAfterCommit))
        );
    }

    #[test]
    fn the_same_seed_draws_the_same_faults() {
        let faults = Faults {
            seed: 9,
            server_error_per_mille: 250,
            unavailable_per_mille: 250,
            ..Faults::default()
        };
        assert_eq!(draws(faults.clone(), 200, false), draws(faults, 200, false));
    }

    #[test]
    fn the_rate_limit_counts_per_second_window() {
        let mut engine = FaultEngine::new(Faults {
            max_requests_per_second: 3,
            ..Faults::default()
        });
        let start = Instant::now();
        let path = "/accounting/account/x/users/clients";
        let first: Vec<_> = (0..5).map(|_| engine.decide(path, false, start)).collect();
        assert_eq!(
            first,
            [
                None,
                None,
                None,
                Some(FaultKind::RateLimit),
                Some(FaultKind::RateLimit)
            ]
        );
        assert_eq!(
            engine.decide(path, false, start + Duration::from_millis(1001)),
            None,
            "a new second"
        );
    }

    #[test]
    fn path_filter_skips_other_paths() {
        let mut engine = FaultEngine::new(Faults {
            rate_limit_per_mille: 1000,
            path_contains: Some("/projects/".into()),
            ..Faults::default()
        });
        assert_eq!(
            engine.decide("/accounting/account/x/users/clients", false, Instant::now()),
            None
        );
        assert_eq!(
            engine.decide("/projects/business/1/projects", false, Instant::now()),
            Some(FaultKind::RateLimit)
        );
    }
}
