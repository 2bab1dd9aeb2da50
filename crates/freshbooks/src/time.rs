//! FreshBooks' clocks, converted to UTC.
//!
//! Accounting timestamps (`updated`, invoices' `created_at`, …) are US/Eastern wall-clock time
//! without an offset (`2026-03-08 02:30:00`), so daylight saving time applies. Two wall-clock
//! hours a year need a rule:
//!
//! - **Ambiguous** (the repeated hour when clocks fall back, e.g. 01:30 on the first Sunday of
//!   November happens twice): the *earlier* instant is taken. Timestamps feed sync watermarks,
//!   and reading a record twice is harmless while missing one is not.
//! - **Nonexistent** (the skipped hour when clocks spring forward, e.g. 02:30 on the second
//!   Sunday of March): read with the offset in force just before the gap (EST, −5), which lands
//!   in the hour after the gap (03:30 EDT) — what a clock that was not adjusted would mean.
//!
//! Projects and time-tracking timestamps are UTC ISO 8601, some without the trailing `Z`.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::America::New_York;

/// A US/Eastern wall-clock time as the instant it names, by the rules above.
pub fn eastern_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    match New_York.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(earlier, later) => earlier.min(later).with_timezone(&Utc),
        chrono::LocalResult::None => {
            // The offset in force just before the gap; gaps last one hour, so two hours back
            // is always before it.
            let before = local - TimeDelta::hours(2);
            let offset_secs = New_York
                .from_local_datetime(&before)
                .earliest()
                .map(|t| t.offset().fix().local_minus_utc())
                .unwrap_or(-5 * 3600);
            Utc.from_utc_datetime(&(local - TimeDelta::seconds(i64::from(offset_secs))))
        }
    }
}

/// The US/Eastern wall-clock time of an instant (what FreshBooks' accounting side would write).
pub fn utc_to_eastern(instant: DateTime<Utc>) -> NaiveDateTime {
    instant.with_timezone(&New_York).naive_local()
}

/// The US/Eastern calendar day of an instant: what accounting's day-granular `updated_min`
/// filter compares against.
pub fn eastern_date(instant: DateTime<Utc>) -> NaiveDate {
    utc_to_eastern(instant).date()
}

/// Parses an accounting timestamp (`YYYY-MM-DD HH:MM:SS`, US/Eastern). Also takes a `T`
/// separator, fractional seconds and a bare date (midnight Eastern); a value carrying its own
/// offset or `Z` (also `+0000` and `+00`) is taken as such.
pub fn parse_eastern(raw: &str) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    parse_with_offset(raw).or_else(|| parse_naive(raw).map(eastern_to_utc))
}

/// Parses a UTC timestamp as projects and time tracking send it: ISO 8601 with or without `Z`
/// (or an explicit offset), with or without fractional seconds.
pub fn parse_utc(raw: &str) -> Option<DateTime<Utc>> {
    let raw = raw.trim();
    parse_with_offset(raw).or_else(|| parse_naive(raw).map(|naive| Utc.from_utc_datetime(&naive)))
}

/// Formats an instant as time tracking expects it: `2026-03-08T07:30:00.000Z`.
pub fn format_utc(instant: DateTime<Utc>) -> String {
    instant.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

fn parse_naive(raw: &str) -> Option<NaiveDateTime> {
    [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|fmt| NaiveDateTime::parse_from_str(raw, fmt).ok())
    // A bare date where a timestamp belongs: the start of that day.
    .or_else(|| {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })
}

/// A timestamp carrying its own offset, in the spellings RFC 3339 does not allow
/// (`+0000`, `+00`, a space before the offset or instead of the `T`).
fn parse_with_offset(raw: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(raw) {
        return Some(t.with_timezone(&Utc));
    }
    [
        "%Y-%m-%dT%H:%M:%S%.f%#z",
        "%Y-%m-%d %H:%M:%S%.f%#z",
        "%Y-%m-%dT%H:%M:%S%.f %#z",
        "%Y-%m-%d %H:%M:%S%.f %#z",
    ]
    .iter()
    .find_map(|fmt| DateTime::parse_from_str(raw, fmt).ok())
    .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(eastern: &str, utc: &str) {
        let got = parse_eastern(eastern).expect(eastern);
        assert_eq!(got.to_rfc3339(), utc, "{eastern}");
    }

    #[test]
    fn eastern_table_across_dst() {
        // Winter: EST, UTC−5.
        check("2026-01-15 09:00:00", "2026-01-15T14:00:00+00:00");
        // Just before and after spring forward (2026-03-08 02:00 EST → 03:00 EDT).
        check("2026-03-08 01:59:59", "2026-03-08T06:59:59+00:00");
        check("2026-03-08 03:00:00", "2026-03-08T07:00:00+00:00");
        // The skipped hour: read as EST.
        check("2026-03-08 02:30:00", "2026-03-08T07:30:00+00:00");
        // Summer: EDT, UTC−4.
        check("2026-07-01 12:00:00", "2026-07-01T16:00:00+00:00");
        // Fall back (2026-11-01 02:00 EDT → 01:00 EST): the repeated hour takes the earlier.
        check("2026-11-01 00:59:59", "2026-11-01T04:59:59+00:00");
        check("2026-11-01 01:30:00", "2026-11-01T05:30:00+00:00");
        check("2026-11-01 02:00:00", "2026-11-01T07:00:00+00:00");
        // An explicit offset wins.
        check("2026-11-01T01:30:00Z", "2026-11-01T01:30:00+00:00");
    }

    #[test]
    fn every_minute_of_a_year_round_trips() {
        // Property over a whole year, minute by minute: an instant written as Eastern wall time
        // reads back as itself, except in the repeated fall-back hour, where it reads back as
        // the earlier of the two instants with that wall time (exactly one hour earlier).
        let mut instant = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        let mut n_ambiguous = 0;
        while instant < end {
            let back = eastern_to_utc(utc_to_eastern(instant));
            if back != instant {
                assert_eq!(back, instant - TimeDelta::hours(1), "{instant}");
                n_ambiguous += 1;
            }
            instant += TimeDelta::minutes(1);
        }
        assert_eq!(n_ambiguous, 60);
    }

    #[test]
    fn utc_with_and_without_z() {
        let want = "2026-03-08T07:30:00+00:00";
        for raw in [
            "2026-03-08T07:30:00Z",
            "2026-03-08T07:30:00",
            "2026-03-08T07:30:00.000Z",
            "2026-03-08T07:30:00.000",
            "2026-03-08T02:30:00-05:00",
            "2026-03-08 07:30:00",
            // Offsets as servers other than RFC 3339's spell them.
            "2026-03-08T07:30:00+0000",
            "2026-03-08T07:30:00+00",
            "2026-03-08 07:30:00+00:00",
            "2026-03-08 02:30:00-0500",
            "2026-03-08T07:30",
        ] {
            assert_eq!(parse_utc(raw).expect(raw).to_rfc3339(), want, "{raw}");
        }
        assert_eq!(parse_utc("yesterday"), None);
        assert_eq!(
            parse_utc("2026-03-08T07:30:00.123456Z").map(|t| t.timestamp_subsec_micros()),
            Some(123456)
        );
        // A bare date: midnight UTC here, midnight Eastern on the accounting side.
        assert_eq!(
            parse_utc("2026-03-08").map(|t| t.to_rfc3339()).as_deref(),
            Some("2026-03-08T00:00:00+00:00")
        );
        check("2026-03-08", "2026-03-08T05:00:00+00:00");
        check("2026-07-01T12:00:00-04:00", "2026-07-01T16:00:00+00:00");
        check("2026-07-01 12:00:00 -0400", "2026-07-01T16:00:00+00:00");
    }
}
