//! Timestamps as FreshBooks writes them: accounting in US/Eastern local time without an offset
//! (`YYYY-MM-DD HH:MM:SS`, DST applies), projects/time tracking in UTC ISO 8601.

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::America::New_York;

/// `2026-11-02 09:15:00`, US/Eastern, no offset (accounting `updated`, `created_at`).
pub fn eastern(at: DateTime<Utc>) -> String {
    at.with_timezone(&New_York)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// The US/Eastern calendar day of an instant (what `updated_min`/`updated_max` compare with).
pub fn eastern_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&New_York).date_naive()
}

/// Invoice `version`: US/Eastern with microseconds; changes on every edit.
pub fn eastern_micros(at: DateTime<Utc>) -> String {
    at.with_timezone(&New_York)
        .format("%Y-%m-%d %H:%M:%S%.6f")
        .to_string()
}

/// `2026-11-02T14:00:00Z` (time entries `started_at`, `created_at`).
pub fn utc_z(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `2026-11-02T14:00:00` (projects `created_at`/`updated_at`: UTC without the `Z`).
pub fn utc_naive(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// `2026-11-02 14:00:00` in UTC (client `signup_date`, bills' timestamps).
pub fn utc_plain(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Parses the ISO forms clients send (`…Z`, `…+00:00`, `….000Z`, no zone = UTC, or a bare date).
pub fn parse_utc(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&Utc));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, format) {
            return Some(Utc.from_utc_datetime(&naive));
        }
    }
    parse_date(text)
        .and_then(|date| date.and_hms_opt(0, 0, 0))
        .map(|naive| Utc.from_utc_datetime(&naive))
}

/// Parses `YYYY-MM-DD`, ignoring anything after the date (FreshBooks works to the day).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let head = text.trim().get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(utc: &str, expected_eastern: &str) {
        let at = parse_utc(utc).expect("parses");
        assert_eq!(eastern(at), expected_eastern, "{utc}");
    }

    #[test]
    fn eastern_follows_daylight_saving() {
        check("2026-01-15T12:00:00Z", "2026-01-15 07:00:00");
        check("2026-07-15T12:00:00Z", "2026-07-15 08:00:00");
        // DST starts 2026-03-08 07:00 UTC and ends 2026-11-01 06:00 UTC.
        check("2026-03-08T06:59:59Z", "2026-03-08 01:59:59");
        check("2026-03-08T07:00:00Z", "2026-03-08 03:00:00");
        check("2026-11-01T05:30:00Z", "2026-11-01 01:30:00");
        check("2026-11-01T06:30:00Z", "2026-11-01 01:30:00");
        check("2026-01-01T02:00:00Z", "2025-12-31 21:00:00");
    }

    #[test]
    fn parses_the_iso_forms_clients_send() {
        for text in [
            "2026-11-02T14:00:00Z",
            "2026-11-02T14:00:00.000Z",
            "2026-11-02T14:00:00+00:00",
            "2026-11-02T14:00:00",
            "2026-11-02 14:00:00",
            "2026-11-02T09:00:00-05:00",
        ] {
            assert_eq!(
                parse_utc(text).map(utc_z).as_deref(),
                Some("2026-11-02T14:00:00Z"),
                "{text}"
            );
        }
        assert_eq!(
            parse_date("2026-11-02 23:59:59"),
            NaiveDate::from_ymd_opt(2026, 11, 2)
        );
        assert_eq!(parse_utc("yesterday"), None);
    }
}
