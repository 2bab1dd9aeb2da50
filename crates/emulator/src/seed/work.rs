//! Seeded services (with rates), projects (every billing method) and time entries over the
//! months before the anchor date, billed for the older ones and unbilled for recent ones.

use chrono::TimeDelta;
use rand::Rng;
use serde_json::{Value, json};

use super::names;
use super::records::{Stage, insert, instant, object};
use crate::store::{Collection, Record};
use crate::timefmt;

/// A seeded service and its hourly rate in cents.
#[derive(Clone, Copy, Debug)]
pub struct SeededService {
    pub id: i64,
    pub rate_cents: i64,
}

/// A seeded project and its client.
#[derive(Clone, Copy, Debug)]
pub struct SeededProject {
    pub id: i64,
    pub client_id: Option<i64>,
}

/// The services of a business, each with a rate.
pub fn services(stage: &mut Stage<'_>) -> Vec<SeededService> {
    let Stage {
        state,
        idx,
        anchor,
        rng,
    } = stage;
    let (idx, anchor) = (*idx, *anchor);

    let mut out = Vec::new();
    for (n, name) in names::SERVICES.iter().enumerate() {
        let at = instant(anchor, 700 - n as u64, 20);
        let id = insert(
            state,
            idx,
            Collection::Services,
            at,
            object(json!({"name": name, "billable": n != 9})),
        );
        let rate_cents = rng.random_range(17..34) * 500;
        let fields =
            object(json!({"rate": format!("{}.{:02}", rate_cents / 100, rate_cents % 100)}));
        state.businesses[idx].put(Collection::ServiceRates, Record::new(id, at, fields));
        out.push(SeededService { id, rate_cents });
    }
    out
}

/// Projects cycling through every billing method and both project types.
pub fn projects(
    stage: &mut Stage<'_>,
    n_projects: usize,
    services: &[SeededService],
) -> Vec<SeededProject> {
    let Stage {
        state,
        idx,
        anchor,
        rng,
    } = stage;
    let (idx, anchor) = (*idx, *anchor);

    let clients: Vec<i64> = state.businesses[idx]
        .records(Collection::Clients)
        .filter(|c| c.vis_state == 0)
        .map(|c| c.id)
        .collect();
    let methods = [
        "project_rate",
        "business_rate",
        "service_rate",
        "team_member_rate",
    ];
    let mut out = Vec::new();
    for project_idx in 0..n_projects {
        let client_id = if project_idx % 9 == 8 || clients.is_empty() {
            None
        } else {
            Some(clients[rng.random_range(0..clients.len())])
        };
        let kind = names::PROJECT_KINDS[rng.random_range(0..names::PROJECT_KINDS.len())];
        let fixed = project_idx % 5 == 4;
        let method = methods[project_idx % methods.len()];
        let rate = format!("{}.00", rng.random_range(9..19) * 10);
        let days_ago = rng.random_range(60..400);
        let at = instant(anchor, days_ago, rng.random_range(0..480));
        let due = anchor
            .checked_add_days(chrono::Days::new(rng.random_range(10..120)))
            .unwrap_or(anchor);
        let complete = project_idx % 7 == 6;
        let linked: Vec<Value> = services
            .iter()
            .take(3)
            .enumerate()
            .map(|(n, s)| json!({"id": s.id, "business_id": state.businesses[idx].id, "name": names::SERVICES[n], "billable": true}))
            .collect();
        let fields = object(json!({
            "title": format!("{kind} {}", project_idx + 1), "description": format!("{kind} for the client"),
            "due_date": due.format("%Y-%m-%d").to_string(), "client_id": client_id, "internal": client_id.is_none(),
            "active": !complete, "complete": complete, "billing_method": method,
            "project_type": if fixed { "fixed_price" } else { "hourly_rate" },
            "rate": if method == "project_rate" && !fixed { Value::String(rate) } else { Value::Null },
            "fixed_price": if fixed { json!(format!("{}.00", rng.random_range(20..120) * 100)) } else { Value::Null },
            "budget": if project_idx % 3 == 0 { json!(format!("{}", rng.random_range(20..200) * 3600)) } else { Value::Null },
            "billed_amount": "0.00", "services": linked, "retainer_id": null, "expense_markup": 0,
        }));
        let id = insert(state, idx, Collection::Projects, at, fields);
        out.push(SeededProject { id, client_id });
    }
    out
}

/// The identity of the demo user's colleague, who logs every third seeded time entry: a list
/// without `team=true` leaves those out.
pub const TEAM_MEMBER_IDENTITY: i64 = 4_201_002;

/// Time entries over the 180 days before the anchor (every third one by a colleague): older
/// ones mostly billed.
pub fn time_entries(
    stage: &mut Stage<'_>,
    n_entries: usize,
    projects: &[SeededProject],
    services: &[SeededService],
) {
    let Stage {
        state,
        idx,
        anchor,
        rng,
    } = stage;
    let (idx, anchor) = (*idx, *anchor);
    let identity_id = state.identity.identity_id;
    let mut batch: Vec<(i64, Record)> = Vec::with_capacity(n_entries);
    for entry_idx in 0..n_entries {
        let project = if projects.is_empty() || entry_idx % 10 == 9 {
            None
        } else {
            Some(projects[rng.random_range(0..projects.len())])
        };
        let service = services[rng.random_range(0..services.len())];
        let days_ago = rng.random_range(1..181);
        let started = instant(anchor, days_ago, rng.random_range(0..480));
        let duration = rng.random_range(1..17) * 900;
        let billable = project.is_some_and(|p| p.client_id.is_some()) && entry_idx % 13 != 12;
        let billed = billable && days_ago > 45 && rng.random_range(0..10) < 8;
        let note = names::NOTES[rng.random_range(0..names::NOTES.len())];
        let client_id = project.and_then(|p| p.client_id);
        let identity_id = if entry_idx % 3 == 2 {
            TEAM_MEMBER_IDENTITY
        } else {
            identity_id
        };
        let fields = object(json!({
            "is_logged": true, "started_at": timefmt::utc_z(started), "duration": duration, "note": note,
            "client_id": client_id, "project_id": project.map(|p| p.id), "service_id": service.id, "task_id": null,
            "identity_id": identity_id, "billable": billable, "billed": billed, "internal": client_id.is_none(),
            "active": true, "timer": null, "retainer_id": null, "pending_client": null, "pending_project": null, "pending_task": null,
        }));
        let created = started + TimeDelta::seconds(duration);
        let id = state.next_id(Collection::TimeEntries);
        // Billing happened some days after the work, which is when the entry last changed.
        let updated = if billed {
            (created + TimeDelta::days(rng.random_range(3..20))).min(instant(anchor, 0, 0))
        } else {
            created
        };
        batch.push((
            id,
            Record {
                updated,
                ..Record::new(id, created, fields)
            },
        ));
    }
    let entries = state.businesses[idx]
        .collections
        .entry(Collection::TimeEntries)
        .or_default();
    entries.extend(batch);
}
