//! [`Monitor`]: what the running sync has done so far, kept in memory by the runs themselves
//! (each run writes to it as it announces its progress) and read cheaply by the Sync page: when
//! it started, records written of the total, the entity being read, and the time left
//! ([`super::eta`]).

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use chrono::{DateTime, Utc};
use ledgerline_model::entity::Entity;
use ledgerline_model::ids::BusinessId;
use ledgerline_model::ipc::SyncProgress;

use super::eta::{Eta, Pace};

/// The running syncs' progress, one per business; shared by the core, its engine and the runs.
#[derive(Debug, Clone, Default)]
pub struct Monitor {
    inner: Arc<Mutex<BTreeMap<BusinessId, Run>>>,
}

/// One business's running sync.
#[derive(Debug)]
struct Run {
    started_at: DateTime<Utc>,
    started: Instant,
    entities: BTreeMap<Entity, Counts>,
    /// The entity whose records came last.
    current: Option<Entity>,
    eta: Eta,
}

/// One entity's records in a run.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    /// Written before this run (a resumed pull).
    before: u64,
    done: u64,
    total: Option<u64>,
    finished: bool,
}

impl Monitor {
    /// A business's sync started.
    pub(crate) fn started(&self, business: BusinessId) {
        self.lock().insert(
            business,
            Run {
                started_at: Utc::now(),
                started: Instant::now(),
                entities: BTreeMap::new(),
                current: None,
                eta: Eta::default(),
            },
        );
    }

    /// A business's sync ended (however it ended).
    pub(crate) fn finished(&self, business: BusinessId) {
        self.lock().remove(&business);
    }

    /// A pull of an entity began, with `before` records written by an earlier, interrupted one.
    pub(crate) fn reading(&self, business: BusinessId, entity: Entity, before: u64) {
        if let Some(run) = self.lock().get_mut(&business) {
            run.entities.insert(
                entity,
                Counts {
                    before,
                    done: before,
                    ..Counts::default()
                },
            );
            run.current.get_or_insert(entity);
        }
    }

    /// Records written so far by an entity's pull, of the total FreshBooks reported.
    pub(crate) fn progress(
        &self,
        business: BusinessId,
        entity: Entity,
        done: u64,
        total: Option<u64>,
    ) {
        if let Some(run) = self.lock().get_mut(&business) {
            let counts = run.entities.entry(entity).or_default();
            counts.done = done;
            counts.total = total.or(counts.total);
            run.current = Some(entity);
        }
    }

    /// An entity's pull completed: it counts as all done.
    pub(crate) fn entity_done(&self, business: BusinessId, entity: Entity) {
        if let Some(run) = self.lock().get_mut(&business) {
            let counts = run.entities.entry(entity).or_default();
            counts.finished = true;
            counts.total = Some(counts.done.max(counts.total.unwrap_or(0)));
            counts.done = counts.total.unwrap_or(counts.done);
            if run.current == Some(entity) {
                run.current = run
                    .entities
                    .iter()
                    .find(|(_, c)| !c.finished)
                    .map(|(e, _)| *e);
            }
        }
    }

    /// A business's running sync, if one runs.
    pub fn progress_of(&self, business: BusinessId) -> Option<SyncProgress> {
        let mut runs = self.lock();
        let run = runs.get_mut(&business)?;
        let done: u64 = run.entities.values().map(|c| c.done).sum();
        let total = run
            .entities
            .values()
            .map(|c| c.total)
            .collect::<Option<Vec<u64>>>()
            .map(|totals| totals.iter().sum::<u64>())
            .filter(|_| !run.entities.is_empty());
        let progressed = run
            .entities
            .values()
            .map(|c| c.done.saturating_sub(c.before))
            .sum();
        let seconds_left = total.and_then(|total| {
            run.eta.update(Pace {
                elapsed: run.started.elapsed(),
                progressed,
                done,
                total,
            })
        });
        Some(SyncProgress {
            started_at: run.started_at,
            done,
            total,
            entity: run.current,
            seconds_left,
        })
    }

    fn lock(&self) -> MutexGuard<'_, BTreeMap<BusinessId, Run>> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_over_entities_and_end_with_the_run() {
        let monitor = Monitor::default();
        let b = BusinessId(7);
        assert_eq!(monitor.progress_of(b), None);
        monitor.started(b);
        let p = monitor.progress_of(b).unwrap();
        assert_eq!((p.done, p.total, p.entity), (0, None, None));
        monitor.reading(b, Entity::Clients, 0);
        monitor.reading(b, Entity::Invoices, 300);
        monitor.progress(b, Entity::Clients, 100, Some(200));
        // The invoices' total is not known yet: no total.
        let p = monitor.progress_of(b).unwrap();
        assert_eq!((p.done, p.total), (400, None));
        assert_eq!(p.entity, Some(Entity::Clients));
        monitor.progress(b, Entity::Invoices, 400, Some(1000));
        let p = monitor.progress_of(b).unwrap();
        assert_eq!(
            (p.done, p.total, p.entity),
            (500, Some(1200), Some(Entity::Invoices))
        );
        assert_eq!(p.seconds_left, None, "too early to tell");
        monitor.entity_done(b, Entity::Invoices);
        let p = monitor.progress_of(b).unwrap();
        assert_eq!(
            (p.done, p.total, p.entity),
            (1100, Some(1200), Some(Entity::Clients))
        );
        monitor.finished(b);
        assert_eq!(monitor.progress_of(b), None);
        // Another business's news does not start a run.
        monitor.progress(BusinessId(8), Entity::Clients, 1, Some(1));
        assert_eq!(monitor.progress_of(BusinessId(8)), None);
    }
}
