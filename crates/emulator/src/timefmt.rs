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
