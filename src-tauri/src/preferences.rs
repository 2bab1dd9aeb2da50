//! The user's preferences (`preferences.json` in the data folder, beside the shell's own
//! settings): language, theme, and how often the background sync pulls. Nothing secret.
//!
//! The sync interval shapes the [`Schedule`] a core is opened with, so a change applies from the
//! next start: the core's engine keeps the schedule it was started with.

use std::path::Path;
use std::time::Duration;

use ledgerline_core::{Entity, Schedule};
use ledgerline_model::ipc::{MAX_SYNC_MINUTES, Preferences};

use crate::Error;

/// The file's name in the data folder.
pub const FILE_NAME: &str = "preferences.json";

/// Reads the preferences; a missing or unreadable file gives the defaults (logged).
pub fn load(data_dir: &Path) -> Preferences {
    let path = data_dir.join(FILE_NAME);
    match std::fs::read_to_string(&path) {
        Ok(text) => serde_json::from_str::<Preferences>(&text)
            .map(clamp)
            .unwrap_or_else(|e| {
                tracing::warn!("the preferences file is unreadable ({e}); using defaults");
                Preferences::default()
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Preferences::default(),
        Err(e) => {
            tracing::warn!("the preferences file cannot be read ({e}); using defaults");
            Preferences::default()
        }
    }
}

/// Checks and writes the preferences (a temporary file renamed over the old one); answers what
/// was kept (a blank language becomes "follow the system").
pub fn save(data_dir: &Path, mut preferences: Preferences) -> Result<Preferences, Error> {
    if !(1..=MAX_SYNC_MINUTES).contains(&preferences.sync_every_minutes) {
        return Err(Error::BadPreference {
            setting: "sync_every_minutes",
            min: 1,
            max: MAX_SYNC_MINUTES,
        });
    }
    preferences.language = preferences
        .language
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty());
    let failed = |source| Error::Preferences {
        path: data_dir.to_owned(),
        source,
    };
    let text =
        serde_json::to_string_pretty(&preferences).map_err(|e| failed(std::io::Error::other(e)))?;
    let tmp = data_dir.join(format!(".{FILE_NAME}.tmp"));
    std::fs::write(&tmp, text).map_err(failed)?;
    std::fs::rename(&tmp, data_dir.join(FILE_NAME)).map_err(failed)?;
    Ok(preferences)
}

/// A file edited by hand with an interval out of range gets the nearest allowed one.
fn clamp(mut p: Preferences) -> Preferences {
    p.sync_every_minutes = p.sync_every_minutes.clamp(1, MAX_SYNC_MINUTES);
    p
}

/// The background sync's schedule for these preferences: time entries, invoices and clients
/// (what the everyday screens show) every `sync_every_minutes`; every other record hourly, or
/// as seldom as that interval when it is longer. The full re-read stays daily.
pub fn schedule(preferences: &Preferences) -> Schedule {
    let minutes = u64::from(preferences.sync_every_minutes.clamp(1, MAX_SYNC_MINUTES));
    let mut schedule = Schedule::default();
    for entity in Entity::ALL {
        let every = match entity {
            Entity::TimeEntries | Entity::Invoices | Entity::Clients => minutes,
            Entity::Projects
            | Entity::Services
            | Entity::ServiceRates
            | Entity::Taxes
            | Entity::Payments
            | Entity::Estimates
            | Entity::Expenses
            | Entity::Items => minutes.max(60),
        };
        schedule
            .every
            .insert(entity, Duration::from_secs(every * 60));
    }
    schedule
}

#[cfg(test)]
mod tests {
    use super::*;
    use ledgerline_model::ipc::Theme;

    #[test]
    fn saved_preferences_come_back_and_shape_the_schedule() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), Preferences::default());
        let kept = save(
            dir.path(),
            Preferences {
                language: Some(" fr-CA ".into()),
                theme: Theme::Dark,
                sync_every_minutes: 90,
            },
        )
        .unwrap();
        assert_eq!(kept.language.as_deref(), Some("fr-CA"));
        assert_eq!(load(dir.path()), kept);
        let s = schedule(&kept);
        assert_eq!(s.every[&Entity::Clients], Duration::from_secs(90 * 60));
        assert_eq!(s.every[&Entity::Taxes], Duration::from_secs(90 * 60));
        let s = schedule(&Preferences::default());
        assert_eq!(s.every[&Entity::Invoices], Duration::from_secs(5 * 60));
        assert_eq!(s.every[&Entity::Projects], Duration::from_secs(60 * 60));
        assert!(matches!(
            save(
                dir.path(),
                Preferences {
                    sync_every_minutes: 0,
                    ..Preferences::default()
                }
            ),
            Err(Error::BadPreference { .. })
        ));
    }
}
