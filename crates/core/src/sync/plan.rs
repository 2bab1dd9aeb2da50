//! What to do next: `plan(&state, now) -> Vec<Step>`. Pure: it reads values, returns values, and
//! does no IO, clock reads or randomness (an architecture invariant), so it is table-tested.
//!
//! Order: the current business first, then the others in FreshBooks' order; within a business,
//! local edits are pushed before anything is pulled, and entities are pulled in
//! [`Entity::ALL`] order (what drafting needs first).

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use ledgerline_model::ids::BusinessId;
use serde::{Deserialize, Serialize};

use ledgerline_model::entity::Entity;
use ledgerline_model::sync::{EntityState, PullMode};

/// How much earlier than the watermark an incremental pull starts. Accounting's `updated_min`
/// works to the day in US/Eastern, so its pulls overlap by a whole day; time tracking's
/// `updated_since` takes a timestamp, so a few minutes cover what is in flight while a pull
/// starts. The watermark itself is on FreshBooks' clock (its answers' `Date`), so a local clock
/// minutes off does not eat the overlap.
pub const ACCOUNTING_OVERLAP: Duration = Duration::from_secs(24 * 3600);
/// See [`ACCOUNTING_OVERLAP`].
pub const TIMESTAMP_OVERLAP: Duration = Duration::from_secs(10 * 60);

/// When each entity is pulled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// Minimum time between incremental pulls, per entity.
    pub every: BTreeMap<Entity, Duration>,
    /// A full re-read after this long, to catch what `updated_min` misses (hard deletes,
    /// unreliable filters).
    pub full_every: Duration,
    /// After a failure, wait this long before a scheduled retry (sync now retries at once).
    pub retry_after_error: Duration,
    /// Ask again this often for an entity FreshBooks refused this user.
    pub recheck_unavailable: Duration,
}

impl Default for Schedule {
    /// Desktop defaults: time entries and invoices every 5 minutes, clients every 15, the rest
    /// hourly; a full re-read daily.
    fn default() -> Self {
        let every = Entity::ALL
            .into_iter()
            .map(|e| {
                let minutes = match e {
                    Entity::TimeEntries | Entity::Invoices => 5,
                    Entity::Clients => 15,
                    Entity::Projects
                    | Entity::Services
                    | Entity::ServiceRates
                    | Entity::Taxes
                    | Entity::Payments
                    | Entity::Estimates
                    | Entity::Expenses
                    | Entity::Items => 60,
                };
                (e, Duration::from_secs(minutes * 60))
            })
            .collect();
        Schedule {
            every,
            full_every: Duration::from_secs(24 * 3600),
            retry_after_error: Duration::from_secs(60),
            recheck_unavailable: Duration::from_secs(24 * 3600),
        }
    }
}

/// Why a plan is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    /// A timer tick: only what is due.
    Scheduled,
    /// The user asked: everything now, incremental unless `full`.
    SyncNow {
        /// Re-read everything.
        full: bool,
    },
}

/// One business as the planner sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessState {
    /// The business.
    pub business: BusinessId,
    /// Outbox operations waiting to be sent.
    pub n_sendable: usize,
    /// Every entity's sync state.
    pub entities: Vec<EntityState>,
}

/// Everything the planner looks at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanState {
    /// The businesses to sync, in FreshBooks' order.
    pub businesses: Vec<BusinessState>,
    /// The current business, synced first.
    pub current: Option<BusinessId>,
    /// The schedule.
    pub schedule: Schedule,
    /// Why.
    pub trigger: Trigger,
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// Send the business's pending outbox operations, in order.
    Push {
        /// The business.
        business: BusinessId,
    },
    /// Pull one entity.
    Pull(Pull),
}

/// A pull to run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pull {
    /// The business.
    pub business: BusinessId,
    /// The entity.
    pub entity: Entity,
    /// Full or incremental.
    pub mode: PullMode,
    /// For incremental pulls: ask for records updated since this (the watermark less the overlap).
    pub since: Option<DateTime<Utc>>,
    /// When the pull (or the pull it resumes) started: the next watermark.
    pub started_at: DateTime<Utc>,
    /// The last page already written by an interrupted pull (0 for a fresh one).
    pub resume_after_page: u32,
}

/// The steps to take now, in order.
pub fn plan(state: &PlanState, now: DateTime<Utc>) -> Vec<Step> {
    let mut order: Vec<&BusinessState> = state.businesses.iter().collect();
    // Stable sort: the current business first, the others keep FreshBooks' order.
    order.sort_by_key(|b| Some(b.business) != state.current);
    let mut steps = Vec::new();
    for business in order {
        if business.n_sendable > 0 {
            steps.push(Step::Push {
                business: business.business,
            });
        }
        for entity_state in &business.entities {
            if let Some(pull) = plan_entity(state, business.business, entity_state, now) {
                steps.push(Step::Pull(pull));
            }
        }
    }
    steps
}

fn plan_entity(
    state: &PlanState,
    business: BusinessId,
    st: &EntityState,
    now: DateTime<Utc>,
) -> Option<Pull> {
    let schedule = &state.schedule;
    let forced_full = matches!(state.trigger, Trigger::SyncNow { full: true });
    let sync_now = matches!(state.trigger, Trigger::SyncNow { .. });
    let since_attempt = st.last_attempt_at.map(|t| elapsed(t, now));
    if st.unavailable.is_some()
        && !forced_full
        && since_attempt.is_some_and(|d| d < schedule.recheck_unavailable)
    {
        return None;
    }
    if st.last_error.is_some()
        && !sync_now
        && since_attempt.is_some_and(|d| d < schedule.retry_after_error)
    {
        return None;
    }
    // An interrupted pull resumes where it stopped, whatever the trigger (a forced full read
    // restarts an interrupted incremental one as full).
    if let Some(cursor) = &st.cursor
        && !(forced_full && cursor.mode == PullMode::Incremental)
    {
        return Some(Pull {
            business,
            entity: st.entity,
            mode: cursor.mode,
            since: match cursor.mode {
                PullMode::Full => None,
                PullMode::Incremental => st.watermark.map(|w| w - overlap(st.entity)),
            },
            started_at: cursor.started_at,
            resume_after_page: cursor.page,
        });
    }
    let full_due = forced_full
        || st.watermark.is_none()
        || st
            .last_full_at
            .is_none_or(|t| elapsed(t, now) >= schedule.full_every);
    if full_due {
        return Some(Pull {
            business,
            entity: st.entity,
            mode: PullMode::Full,
            since: None,
            started_at: now,
            resume_after_page: 0,
        });
    }
    let interval = schedule
        .every
        .get(&st.entity)
        .copied()
        .unwrap_or(Duration::from_secs(3600));
    let due = sync_now || since_attempt.is_none_or(|d| d >= interval);
    due.then(|| Pull {
        business,
        entity: st.entity,
        mode: PullMode::Incremental,
        since: st.watermark.map(|w| w - overlap(st.entity)),
        started_at: now,
        resume_after_page: 0,
    })
}

/// How far back of the watermark an entity's incremental pull starts.
pub fn overlap(entity: Entity) -> chrono::Duration {
    let d = match entity {
        Entity::TimeEntries | Entity::Projects | Entity::Services | Entity::ServiceRates => {
            TIMESTAMP_OVERLAP
        }
        Entity::Clients
        | Entity::Invoices
        | Entity::Taxes
        | Entity::Payments
        | Entity::Estimates
        | Entity::Expenses
        | Entity::Items => ACCOUNTING_OVERLAP,
    };
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::days(1))
}

fn elapsed(then: DateTime<Utc>, now: DateTime<Utc>) -> Duration {
    (now - then).to_std().unwrap_or(Duration::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use ledgerline_model::error::{Action, ErrorCode, ErrorKind, ErrorPayload};
    use ledgerline_model::sync::Cursor;

    fn t(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, h, m, 0).unwrap()
    }

    /// An entity synced fully at 08:00 and last attempted at `attempt`.
    fn synced(entity: Entity, attempt: DateTime<Utc>) -> EntityState {
        EntityState {
            watermark: Some(t(8, 0)),
            last_full_at: Some(t(8, 0)),
            last_attempt_at: Some(attempt),
            ..EntityState::new(entity)
        }
    }

    fn business(id: i64, entities: Vec<EntityState>, n_sendable: usize) -> BusinessState {
        BusinessState {
            business: BusinessId(id),
            n_sendable,
            entities,
        }
    }

    fn state(businesses: Vec<BusinessState>, current: Option<i64>, trigger: Trigger) -> PlanState {
        PlanState {
            businesses,
            current: current.map(BusinessId),
            schedule: Schedule::default(),
            trigger,
        }
    }

    /// Renders steps as short strings so the table reads easily.
    fn check(state: &PlanState, now: DateTime<Utc>, expected: &[&str]) {
        let got: Vec<String> = plan(state, now)
            .into_iter()
            .map(|s| match s {
                Step::Push { business } => format!("push {business}"),
                Step::Pull(p) => format!(
                    "{} {} {:?}{}{}",
                    p.business,
                    p.entity,
                    p.mode,
                    p.since
                        .map(|s| format!(" since {}", s.format("%d %H:%M")))
                        .unwrap_or_default(),
                    if p.resume_after_page > 0 {
                        format!(" after page {}", p.resume_after_page)
                    } else {
                        String::new()
                    }
                ),
            })
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn first_sync_is_full_current_business_first() {
        let fresh = |id| {
            business(
                id,
                vec![
                    EntityState::new(Entity::Clients),
                    EntityState::new(Entity::Invoices),
                ],
                0,
            )
        };
        check(
            &state(vec![fresh(1), fresh(2)], Some(2), Trigger::Scheduled),
            t(9, 0),
            &[
                "2 clients Full",
                "2 invoices Full",
                "1 clients Full",
                "1 invoices Full",
            ],
        );
    }

    #[test]
    fn incremental_when_due_with_overlap() {
        let b = business(
            1,
            vec![
                synced(Entity::TimeEntries, t(8, 0)),
                synced(Entity::Clients, t(8, 0)),
                synced(Entity::Taxes, t(8, 0)),
            ],
            0,
        );
        // At 08:10 time entries (5 min) and clients (15 min? no) are due: only time entries.
        check(
            &state(vec![b.clone()], None, Trigger::Scheduled),
            t(8, 10),
            &["1 time_entries Incremental since 02 07:50"],
        );
        check(
            &state(vec![b.clone()], None, Trigger::Scheduled),
            t(8, 20),
            &[
                "1 time_entries Incremental since 02 07:50",
                "1 clients Incremental since 01 08:00",
            ],
        );
        check(
            &state(vec![b], None, Trigger::SyncNow { full: false }),
            t(8, 1),
            &[
                "1 time_entries Incremental since 02 07:50",
                "1 clients Incremental since 01 08:00",
                "1 taxes Incremental since 01 08:00",
            ],
        );
    }

    #[test]
    fn resumes_pushes_backs_off_and_skips_unavailable() {
        let resuming = EntityState {
            cursor: Some(Cursor {
                mode: PullMode::Full,
                started_at: t(7, 0),
                page: 12,
            }),
            ..EntityState::new(Entity::Invoices)
        };
        let failed = EntityState {
            last_error: Some(ErrorPayload::new(
                ErrorKind::Server,
                ErrorCode::ServerError { status: 503 },
                "503",
                Action::Retry,
            )),
            ..synced(Entity::TimeEntries, t(8, 59))
        };
        let refused = EntityState {
            unavailable: Some(crate::error::unavailable(Entity::Expenses, "role")),
            ..synced(Entity::Expenses, t(8, 30))
        };
        let b = business(1, vec![resuming, failed, refused], 3);
        check(
            &state(vec![b.clone()], None, Trigger::Scheduled),
            t(9, 0),
            &["push 1", "1 invoices Full after page 12"],
        );
        check(
            &state(vec![b.clone()], None, Trigger::SyncNow { full: false }),
            t(9, 0),
            &[
                "push 1",
                "1 invoices Full after page 12",
                "1 time_entries Incremental since 02 07:50",
            ],
        );
        check(
            &state(vec![b], None, Trigger::SyncNow { full: true }),
            t(9, 0),
            &[
                "push 1",
                "1 invoices Full after page 12",
                "1 time_entries Full",
                "1 expenses Full",
            ],
        );
    }

    #[test]
    fn daily_full_reread() {
        let b = business(1, vec![synced(Entity::Clients, t(8, 0))], 0);
        let next_day = t(8, 0) + chrono::Duration::hours(24);
        check(
            &state(vec![b], None, Trigger::Scheduled),
            next_day,
            &["1 clients Full"],
        );
    }
}
