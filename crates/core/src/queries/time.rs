//! The time list: filters, names, badges and totals.

use ledgerline_model::entity::Entity;
use ledgerline_model::ids::{BusinessId, ClientId, IdentityId, ProjectId, ServiceId};
use ledgerline_model::views::{BilledFilter, TimeList, TimeQuery, TimeRow, TimeTotals};
use rusqlite::{Connection, params};

use super::badges::badges;
use super::{CLIENT_NAME, parse_utc};
use crate::Core;
use crate::error::Result;

impl Core {
    /// A business's time entries as the query asks, latest first, with the names the mirror
    /// knows and each row's badges; the totals count every match, also past `limit`.
    pub async fn list_time(&self, business: BusinessId, query: TimeQuery) -> Result<TimeList> {
        self.store().read(move |c| list(c, business, &query)).await
    }
}

fn list(c: &Connection, business: BusinessId, q: &TimeQuery) -> Result<TimeList> {
    let badges = badges(c, business, Entity::TimeEntries)?;
    let client = q
        .client
        .map(|id| crate::edit::current_id(c, business, Entity::Clients, id.get()))
        .transpose()?;
    let billed = match q.billed {
        BilledFilter::All => None,
        BilledFilter::Unbilled => Some(false),
        BilledFilter::Billed => Some(true),
    };
    // Start times are UTC text beginning with the day, so days compare as text: on or after
    // `from`, before the day after `to`.
    let from = q.from.map(|d| d.format("%Y-%m-%d").to_string());
    let before =
        q.to.and_then(|d| d.succ_opt())
            .map(|d| d.format("%Y-%m-%d").to_string());
    let mut stmt = c.prepare_cached(&format!(
        "SELECT t.id, t.started_at, t.duration, t.billable, t.billed, t.note,
                t.client_id, {CLIENT_NAME}, t.project_id, p.name, t.service_id, s.name,
                t.identity_id
         FROM time_entries t
         LEFT JOIN clients c ON c.business_id = t.business_id AND c.id = t.client_id
         LEFT JOIN records p ON p.business_id = t.business_id AND p.entity = 'projects'
                             AND p.id = t.project_id
         LEFT JOIN records s ON s.business_id = t.business_id AND s.entity = 'services'
                             AND s.id = t.service_id
         WHERE t.business_id = ?1 AND t.vis_state != 1
           AND (?2 IS NULL OR t.client_id = ?2) AND (?3 IS NULL OR t.project_id = ?3)
           AND (?4 IS NULL OR t.service_id = ?4) AND (?5 IS NULL OR t.identity_id = ?5)
           AND (?6 IS NULL OR t.billed = ?6)
           AND (?7 IS NULL OR t.started_at >= ?7) AND (?8 IS NULL OR t.started_at < ?8)
         ORDER BY t.started_at DESC, t.id DESC"
    ))?;
    let mut rows = stmt.query(params![
        business.get(),
        client,
        q.project.map(ProjectId::get),
        q.service.map(ServiceId::get),
        q.team_member.map(IdentityId::get),
        billed,
        from,
        before,
    ])?;
    let first = usize::try_from(q.offset).unwrap_or(usize::MAX);
    let end = q
        .limit
        .map_or(usize::MAX, |n| first.saturating_add(n as usize));
    let mut totals = TimeTotals::default();
    let mut res = Vec::new();
    let mut n = 0usize;
    while let Some(row) = rows.next()? {
        let seconds: i64 = row.get(2)?;
        let billable: bool = row.get(3)?;
        totals.entries += 1;
        totals.seconds += seconds;
        if billable {
            totals.billable_entries += 1;
            totals.billable_seconds += seconds;
        }
        let index = n;
        n += 1;
        if index < first || index >= end {
            continue;
        }
        let id: i64 = row.get(0)?;
        let client: Option<i64> = row.get(6)?;
        let badge = badges.get(&id).copied().unwrap_or_default();
        res.push(TimeRow {
            id,
            started_at: row
                .get::<_, Option<String>>(1)?
                .as_deref()
                .and_then(parse_utc),
            duration_seconds: seconds,
            note: row.get(5)?,
            billable,
            billed: row.get(4)?,
            client: client.map(ClientId),
            // The name is NULL-safe only with a client row behind it.
            client_name: match client {
                Some(_) => row.get::<_, Option<String>>(7)?.filter(|n| !n.is_empty()),
                None => None,
            },
            project: row.get::<_, Option<i64>>(8)?.map(ProjectId),
            project_name: row.get(9)?,
            service: row.get::<_, Option<i64>>(10)?.map(ServiceId),
            service_name: row.get(11)?,
            team_member: row.get::<_, Option<i64>>(12)?.map(IdentityId),
            // FreshBooks' time entries and lists name team members by id only.
            team_member_name: None,
            pending: badge.pending,
            conflict: badge.conflict,
        });
    }
    Ok(TimeList { rows: res, totals })
}
