//! What filters and forms offer to choose: the active clients, projects and services of a
//! business by name, and the team members who logged time in it.

use ledgerline_model::entity::Entity;
use ledgerline_model::ids::{BusinessId, ClientId, IdentityId, ProjectId, ServiceId};
use ledgerline_model::ipc::{Pick, Pickers, ProjectPick};
use rusqlite::{Connection, params};

use super::CLIENT_NAME;
use crate::Core;
use crate::error::Result;

impl Core {
    /// The active clients, projects and services of a business, each by name, and the team
    /// members who logged time there (FreshBooks names them nowhere the mirror reads: `name`
    /// is `None`).
    pub async fn pickers(&self, business: BusinessId) -> Result<Pickers> {
        self.store().read(move |c| pickers(c, business)).await
    }
}

fn pickers(c: &Connection, business: BusinessId) -> Result<Pickers> {
    let b = business.get();
    let mut stmt = c.prepare_cached(&format!(
        "SELECT c.id, {CLIENT_NAME} AS name FROM clients c
         WHERE c.business_id = ?1 AND c.vis_state = 0 ORDER BY name COLLATE NOCASE, c.id"
    ))?;
    let clients = stmt
        .query_map(params![b], |row| {
            Ok(Pick {
                id: ClientId(row.get(0)?),
                name: row.get::<_, Option<String>>(1)?.filter(|n| !n.is_empty()),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = c.prepare_cached(
        "SELECT id, name, parent_id FROM records
         WHERE business_id = ?1 AND entity = ?2 AND vis_state = 0
         ORDER BY name COLLATE NOCASE, id",
    )?;
    let projects = stmt
        .query_map(params![b, Entity::Projects.as_str()], |row| {
            Ok(ProjectPick {
                id: ProjectId(row.get(0)?),
                name: row.get(1)?,
                client: row.get::<_, Option<i64>>(2)?.map(ClientId),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let services = stmt
        .query_map(params![b, Entity::Services.as_str()], |row| {
            Ok(Pick {
                id: ServiceId(row.get(0)?),
                name: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut stmt = c.prepare_cached(
        "SELECT DISTINCT identity_id FROM time_entries
         WHERE business_id = ?1 AND identity_id IS NOT NULL ORDER BY identity_id",
    )?;
    let team_members = stmt
        .query_map(params![b], |row| {
            Ok(Pick {
                id: IdentityId(row.get(0)?),
                name: None,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Pickers {
        clients,
        projects,
        services,
        team_members,
    })
}
