//! Line names and descriptions: a line's name says what it groups (project, service, member,
//! day), its description comes from the template (`{service}`, `{project}`, `{member}`,
//! `{date}`, `{note}`). On a line of several entries, `{date}` is the first and last day and
//! `{note}` the entries' notes joined by "; " (each once).

use ledgerline_model::ids::IdentityId;

use super::{DEFAULT_TEMPLATE, DraftEntry, Names};

/// The words for a team member: their name, else "Team member" and the id.
pub fn member_name(names: &Names, id: IdentityId) -> String {
    names
        .members
        .get(&id)
        .cloned()
        .unwrap_or_else(|| format!("Team member {}", id.get()))
}

/// A line's description from the template (the default when empty); `entries` in time order.
pub fn describe(template: &str, entries: &[&DraftEntry], names: &Names) -> String {
    let template = if template.trim().is_empty() {
        DEFAULT_TEMPLATE
    } else {
        template
    };
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let Some(close) = after.find('}') else {
            out.push_str(after);
            rest = "";
            break;
        };
        let placeholder = &after[1..close];
        match value(placeholder, entries, names) {
            Some(v) => out.push_str(&v),
            None => out.push_str(&after[..=close]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    tidy(&out)
}

/// A placeholder's value for these entries; `None` for an unknown placeholder (kept as typed).
fn value(placeholder: &str, entries: &[&DraftEntry], names: &Names) -> Option<String> {
    Some(match placeholder {
        "date" => date_range(entries),
        "note" => distinct(
            entries
                .iter()
                .filter_map(|e| e.note.as_deref().map(str::trim).map(str::to_owned)),
            "; ",
        ),
        "service" => distinct(
            entries
                .iter()
                .filter_map(|e| e.service_id.and_then(|s| names.services.get(&s).cloned())),
            ", ",
        ),
        "project" => distinct(
            entries
                .iter()
                .filter_map(|e| e.project_id.and_then(|p| names.projects.get(&p).cloned())),
            ", ",
        ),
        "member" => distinct(
            entries
                .iter()
                .filter_map(|e| e.identity_id.map(|id| member_name(names, id))),
            ", ",
        ),
        _ => return None,
    })
}

/// The first day, or the first and last when they differ (`2026-03-02 – 2026-03-05`).
fn date_range(entries: &[&DraftEntry]) -> String {
    let first = entries.iter().map(|e| e.started_at).min();
    let last = entries.iter().map(|e| e.started_at).max();
    match (first, last) {
        (Some(f), Some(l)) if f.date_naive() != l.date_naive() => format!(
            "{} – {}",
            f.date_naive().format("%Y-%m-%d"),
            l.date_naive().format("%Y-%m-%d")
        ),
        (Some(f), _) => f.date_naive().format("%Y-%m-%d").to_string(),
        _ => String::new(),
    }
}

/// Non-empty values, each once in the order met, joined.
fn distinct(values: impl Iterator<Item = String>, sep: &str) -> String {
    let mut seen: Vec<String> = Vec::new();
    for v in values {
        if !v.is_empty() && !seen.contains(&v) {
            seen.push(v);
        }
    }
    seen.join(sep)
}

/// Trims what an empty placeholder leaves at either end (`2026-03-02: ` → `2026-03-02`).
fn tidy(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || ":-–—,;|/".contains(c))
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use ledgerline_model::ids::{ProjectId, ServiceId, TimeEntryId};

    fn entry(id: i64, day: u32, note: Option<&str>) -> DraftEntry {
        DraftEntry {
            id: TimeEntryId(id),
            client_id: None,
            project_id: Some(ProjectId(1)),
            service_id: Some(ServiceId(5)),
            identity_id: Some(IdentityId(7)),
            started_at: chrono::Utc
                .with_ymd_and_hms(2026, 3, day, 9, 0, 0)
                .single()
                .unwrap_or_default(),
            duration_seconds: 600,
            note: note.map(str::to_owned),
            billable: true,
        }
    }

    fn names() -> Names {
        let mut n = Names::default();
        n.projects.insert(ProjectId(1), "Website".into());
        n.services.insert(ServiceId(5), "Design".into());
        n.members.insert(IdentityId(7), "Ada Lovelace".into());
        n
    }

    #[test]
    fn template_table() {
        let a = entry(1, 2, Some("mockups"));
        let b = entry(2, 5, Some("review"));
        let c = entry(3, 5, Some("mockups"));
        let none = entry(4, 6, None);
        let n = names();
        let cases: [(&str, Vec<&DraftEntry>, &str); 7] = [
            ("", vec![&a], "2026-03-02: mockups"),
            (
                "{date}: {note}",
                vec![&a, &b, &c],
                "2026-03-02 – 2026-03-05: mockups; review",
            ),
            ("{date}: {note}", vec![&none], "2026-03-06"),
            (
                "{service} for {project} by {member}",
                vec![&a],
                "Design for Website by Ada Lovelace",
            ),
            ("{member}", vec![&none], "Ada Lovelace"),
            ("{unknown} {note}", vec![&a], "{unknown} mockups"),
            ("Work {note", vec![&a], "Work {note"),
        ];
        for (template, entries, want) in cases {
            assert_eq!(describe(template, &entries, &n), want, "{template}");
        }
        let mut nameless = n.clone();
        nameless.members.clear();
        assert_eq!(describe("{member}", &[&a], &nameless), "Team member 7");
    }
}
