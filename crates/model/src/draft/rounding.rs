//! Rounding worked time to an increment (6, 15 minutes …), per entry, before it is billed.

use serde::{Deserialize, Serialize};

/// Which way to round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// Up to the next increment (a started increment is billed).
    Up,
    /// To the nearest increment, halves up.
    Nearest,
    /// Down (only complete increments are billed).
    Down,
}

/// How each entry's time is rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rounding {
    /// The increment in seconds; 0 or 1 keeps exact seconds.
    pub increment_seconds: i64,
    /// The direction.
    pub mode: RoundingMode,
    /// The least time billed for an entry that has any time, in seconds (0: none).
    #[serde(default)]
    pub minimum_seconds: i64,
}

impl Rounding {
    /// No rounding.
    pub const EXACT: Rounding = Rounding {
        increment_seconds: 0,
        mode: RoundingMode::Nearest,
        minimum_seconds: 0,
    };

    /// The time billed for an entry of `seconds`: rounded to the increment, then raised to the
    /// minimum when the entry has any time. Negative durations count as zero.
    pub fn apply(self, seconds: i64) -> i64 {
        let seconds = seconds.max(0);
        let rounded = self.round(seconds);
        if seconds > 0 {
            rounded.max(self.minimum_seconds)
        } else {
            rounded
        }
    }

    /// Rounds to the increment only (no minimum).
    fn round(self, seconds: i64) -> i64 {
        let inc = self.increment_seconds;
        if inc <= 1 {
            return seconds;
        }
        let whole = seconds / inc;
        let rest = seconds % inc;
        // Saturating: the longest durations stay the longest instead of overflowing.
        let n = match self.mode {
            RoundingMode::Up => whole.saturating_add(i64::from(rest > 0)),
            RoundingMode::Down => whole,
            RoundingMode::Nearest => whole.saturating_add(i64::from(rest >= inc - rest)),
        };
        n.saturating_mul(inc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Review of issue 12: the longest durations saturate instead of overflowing.
    #[test]
    fn longest_durations_do_not_overflow() {
        for mode in [RoundingMode::Up, RoundingMode::Nearest, RoundingMode::Down] {
            let day = Rounding {
                increment_seconds: 86_400,
                mode,
                minimum_seconds: 86_400,
            };
            assert!(day.apply(i64::MAX) >= i64::MAX - 86_400);
            assert_eq!(day.apply(i64::MIN), 0);
        }
        let odd = Rounding {
            increment_seconds: i64::MAX,
            mode: RoundingMode::Nearest,
            minimum_seconds: 0,
        };
        assert_eq!(odd.apply(i64::MAX - 1), i64::MAX);
    }

    fn check(inc: i64, mode: RoundingMode, input: i64, expected: i64) {
        assert_eq!(
            Rounding {
                increment_seconds: inc,
                mode,
                minimum_seconds: 0,
            }
            .apply(input),
            expected,
            "{inc} {mode:?} {input}"
        );
    }

    #[test]
    fn rounding_table() {
        use RoundingMode::*;
        check(900, Up, 0, 0);
        check(900, Up, 1, 900);
        check(900, Up, 900, 900);
        check(900, Up, 901, 1800);
        check(900, Down, 1799, 900);
        check(900, Nearest, 449, 0);
        check(900, Nearest, 450, 900);
        check(360, Nearest, 3600 + 179, 3600);
        check(0, Up, 77, 77);
        check(900, Up, -5, 0);
    }

    #[test]
    fn the_minimum_applies_after_rounding_to_entries_with_time() {
        let r = |inc, mode, min| Rounding {
            increment_seconds: inc,
            mode,
            minimum_seconds: min,
        };
        // 5 min up to 15 min = 900 s, then the 30 min minimum: 1800.
        assert_eq!(r(900, RoundingMode::Up, 1800).apply(300), 1800);
        // 40 min up to 45 min = 2700 s, over the minimum: kept.
        assert_eq!(r(900, RoundingMode::Up, 1800).apply(2400), 2700);
        // 5 min to the nearest 15 min is 0; the entry has time, so the minimum: 900.
        assert_eq!(r(900, RoundingMode::Nearest, 900).apply(300), 900);
        // No time, no minimum.
        assert_eq!(r(900, RoundingMode::Up, 1800).apply(0), 0);
        // Exact seconds with a minimum of one hour: 61 s becomes 3600.
        assert_eq!(r(0, RoundingMode::Up, 3600).apply(61), 3600);
    }

    #[test]
    fn rounded_is_a_multiple_within_one_increment() {
        // A small exhaustive property check: every result is a multiple of the increment and
        // within one increment of the input, in the stated direction.
        for inc in [60, 360, 900, 1800] {
            for s in 0..4000 {
                for mode in [RoundingMode::Up, RoundingMode::Down, RoundingMode::Nearest] {
                    let r = Rounding {
                        increment_seconds: inc,
                        mode,
                        minimum_seconds: 0,
                    }
                    .apply(s);
                    assert_eq!(r % inc, 0);
                    assert!(
                        (r - s).abs() < inc
                            || (mode == RoundingMode::Nearest && (r - s).abs() * 2 <= inc)
                    );
                    match mode {
                        RoundingMode::Up => assert!(r >= s),
                        RoundingMode::Down => assert!(r <= s),
                        RoundingMode::Nearest => assert!((r - s).abs() * 2 <= inc),
                    }
                }
            }
        }
    }
}
