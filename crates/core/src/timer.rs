//! The timer: at most one per data folder (a single-row table, so two windows or two processes
//! cannot both start one), kept across restarts, and turned into a queued time entry when
//! stopped, in the transaction that removes it: the time is neither lost nor logged twice.

use chrono::{DateTime, Utc};
use ledgerline_model::entity::{Entity, NewTimeEntry};
use ledgerline_model::event::{Event, Origin};
use ledgerline_model::ids::{BusinessId, ClientId, ProjectId, ServiceId};
use ledgerline_model::timer::{RunningTimer, TimerStart};
use rusqlite::{Connection, OptionalExtension, params};

use crate::Core;
use crate::edit;
use crate::error::{Error, Result};
use crate::outbox::fields;
use crate::queries::CLIENT_NAME;
use crate::sync::engine::Input;

impl Core {
    /// Starts the timer for a business now. Refused with [`Error::TimerRunning`] while one runs
    /// (whichever window or process started it).
    pub async fn start_timer(
        &self,
        business: BusinessId,
        start: TimerStart,
    ) -> Result<RunningTimer> {
        let now = Utc::now();
        self.store()
            .write(move |tx| {
                if let Some(running) = running(tx)? {
                    return Err(Error::TimerRunning {
                        business: running.business,
                        started_at: running.started_at,
                    });
                }
                let known: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM businesses WHERE business_id = ?1)",
                    params![business.get()],
                    |row| row.get(0),
                )?;
                if !known {
                    return Err(Error::UnknownBusiness(business.to_string()));
                }
                // A client made offline and sent since is named by its FreshBooks id.
                let client = start
                    .client
                    .map(|id| edit::current_id(tx, business, Entity::Clients, id.get()))
                    .transpose()?;
                tx.execute(
                    "INSERT INTO timer(slot, business_id, client_id, project_id, service_id, note,
                                       started_at)
                     VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        business.get(),
                        client,
                        start.project.map(ProjectId::get),
                        start.service.map(ServiceId::get),
                        start.note,
                        now.timestamp(),
                    ],
                )?;
                running(tx)?.ok_or(Error::NoTimer)
            })
            .await
    }

    /// The timer that runs, if one does.
    pub async fn running_timer(&self) -> Result<Option<RunningTimer>> {
        self.store().read(running).await
    }

    /// Stops the timer at `now`: its time becomes a time entry, queued to be sent like one
    /// logged by hand, in the same transaction that removes the timer. Returns the entry's
    /// (local) id. Refused with [`Error::NoTimer`] when none runs.
    pub async fn stop_timer(&self, now: DateTime<Utc>) -> Result<i64> {
        let (business, id) = self
            .store()
            .write(move |tx| {
                let timer = running(tx)?.ok_or(Error::NoTimer)?;
                let entry = NewTimeEntry {
                    started_at: timer.started_at,
                    duration_seconds: timer.elapsed_seconds(now),
                    note: timer.start.note.clone(),
                    client_id: timer.start.client,
                    project_id: timer.start.project,
                    service_id: timer.start.service,
                    task_id: None,
                    // FreshBooks logs it for the signed-in user.
                    identity_id: None,
                    billable: timer.start.client.is_some(),
                    internal: timer.start.client.is_none(),
                };
                let id = edit::create_time_entry(
                    tx,
                    timer.business,
                    fields::new_time_entry(&entry),
                    now,
                )?;
                if tx.execute("DELETE FROM timer WHERE slot = 1", [])? != 1 {
                    return Err(Error::NoTimer);
                }
                Ok((timer.business, id))
            })
            .await?;
        let _ = self.events().send(Event::Changed {
            business,
            entity: Entity::TimeEntries,
            origin: Origin::Ui,
        });
        let _ = self.events().send(Event::OutboxChanged { business });
        self.send_input(Input::Tick).await;
        Ok(id)
    }

    /// Throws the running timer away without logging its time. Refused with
    /// [`Error::NoTimer`] when none runs.
    pub async fn discard_timer(&self) -> Result<()> {
        self.store()
            .write(|tx| {
                if tx.execute("DELETE FROM timer WHERE slot = 1", [])? == 0 {
                    return Err(Error::NoTimer);
                }
                Ok(())
            })
            .await
    }
}

fn running(c: &Connection) -> Result<Option<RunningTimer>> {
    let row = c
        .query_row(
            &format!(
                "SELECT t.business_id, t.client_id, t.project_id, t.service_id, t.note,
                        t.started_at, CASE WHEN c.id IS NULL THEN NULL ELSE {CLIENT_NAME} END
                 FROM timer t
                 LEFT JOIN clients c ON c.business_id = t.business_id AND c.id = t.client_id
                 WHERE t.slot = 1"
            ),
            [],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, Option<i64>>(1)?,
                    row.get::<_, Option<i64>>(2)?,
                    row.get::<_, Option<i64>>(3)?,
                    row.get::<_, Option<String>>(4)?,
                    row.get::<_, i64>(5)?,
                    row.get::<_, Option<String>>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((business, client, project, service, note, started, client_name)) = row else {
        return Ok(None);
    };
    let started_at = DateTime::from_timestamp(started, 0).unwrap_or(DateTime::UNIX_EPOCH);
    Ok(Some(RunningTimer {
        business: BusinessId(business),
        started_at,
        start: TimerStart {
            client: client.map(ClientId),
            project: project.map(ProjectId),
            service: service.map(ServiceId),
            note,
        },
        client_name,
    }))
}
