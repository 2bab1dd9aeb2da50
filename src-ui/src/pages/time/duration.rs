//! Durations as people type and read them: `h:mm` (`1:30`), whole or decimal hours (`2`, `1.5`,
//! `1,5`), and a running timer's `h:mm:ss`.

/// Seconds as `h:mm` (`90` minutes → `1:30`).
pub fn hm(seconds: i64) -> String {
    let minutes = seconds.max(0) / 60;
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// Seconds as `h:mm:ss`, for the timer.
pub fn hms(seconds: i64) -> String {
    let s = seconds.max(0);
    format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}

/// What was typed as seconds: `h:mm`, or hours with an optional decimal point or comma (to the
/// minute). `None` when it is none of these, or nothing, or longer than a day.
pub fn parse(text: &str) -> Option<i64> {
    let text = text.trim();
    let seconds = if let Some((h, m)) = text.split_once(':') {
        let h: i64 = if h.is_empty() { 0 } else { h.parse().ok()? };
        if m.len() != 2 {
            return None;
        }
        let m: i64 = m.parse().ok()?;
        if !(0..60).contains(&m) || h < 0 {
            return None;
        }
        h * 3600 + m * 60
    } else {
        let text = text.replace(',', ".");
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        if whole.is_empty() && fraction.is_empty() {
            return None;
        }
        if !whole.chars().all(|c| c.is_ascii_digit())
            || !fraction.chars().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        // The fraction of an hour, to the minute: ".5" is 30 minutes, ".25" is 15.
        let digits = fraction.get(..fraction.len().min(4)).unwrap_or("");
        let scale = 10_i64.pow(u32::try_from(digits.len()).unwrap_or(0));
        let part: i64 = if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        };
        whole * 3600 + (part * 3600 / scale + 30) / 60 * 60
    };
    (seconds > 0 && seconds <= 24 * 3600).then_some(seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_hours_and_minutes() {
        assert_eq!(parse("1:30"), Some(5400));
        assert_eq!(parse("0:05"), Some(300));
        assert_eq!(parse(":45"), Some(2700));
        assert_eq!(parse("2"), Some(7200));
        assert_eq!(parse("1.5"), Some(5400));
        assert_eq!(parse("1,25"), Some(4500));
        assert_eq!(parse(".1"), Some(360));
        for bad in [
            "", "0", "0:00", "1:5", "1:60", "a", "1.5h", "-1", "25", "1:2:3",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(hm(5400), "1:30");
        assert_eq!(hm(59), "0:00");
        assert_eq!(hms(3723), "1:02:03");
        assert_eq!(hms(-5), "0:00:00");
    }
}
