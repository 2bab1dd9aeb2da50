//! Which entries go on a draft: those in the date range and the chosen projects, not unticked,
//! of some time, and billable (non-billable ones only when asked for, with a warning either way).

use ledgerline_model::ids::TimeEntryId;

use super::{DraftEntry, DraftSpec, DraftWarning};

/// The entries to bill, and the warning about non-billable ones (left out or included).
pub fn select<'a>(
    entries: &'a [DraftEntry],
    spec: &DraftSpec,
) -> (Vec<&'a DraftEntry>, Option<DraftWarning>) {
    let mut chosen = Vec::with_capacity(entries.len());
    let mut non_billable: Vec<TimeEntryId> = Vec::new();
    for entry in entries {
        let day = entry.started_at.date_naive();
        if spec.from.is_some_and(|f| day < f) || spec.to.is_some_and(|t| day > t) {
            continue;
        }
        if !spec.projects.is_empty()
            && !entry.project_id.is_some_and(|p| spec.projects.contains(&p))
        {
            continue;
        }
        if spec.exclude.contains(&entry.id) {
            continue;
        }
        // No time, nothing to bill (on a flat-fee project it would bill the whole fee).
        if entry.duration_seconds <= 0 {
            continue;
        }
        if !entry.billable {
            non_billable.push(entry.id);
            if !spec.include_non_billable {
                continue;
            }
        }
        chosen.push(entry);
    }
    let warning = (!non_billable.is_empty()).then_some(DraftWarning::NonBillable {
        entries: non_billable,
        included: spec.include_non_billable,
    });
    (chosen, warning)
}
