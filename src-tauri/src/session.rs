//! The [`Session`] the window draws its frame from, read from this computer only (the mirror
//! and what the shell tracks): never a network call, so the first screen paints at once.

use ledgerline_core::secrets::Secrets;
use ledgerline_model::ipc::{
    AppsView, BusinessView, Mode, SecretsPlace, SecretsView, Session, SyncView,
};
use ledgerline_model::outbox::OpState;
use tauri::{AppHandle, Runtime};

use crate::Error;
use crate::apps;
use crate::state::AppExt;

/// The session of the active core.
pub async fn session<R: Runtime>(app: &AppHandle<R>) -> Result<Session, Error> {
    let shell = app.shell();
    let active = shell.active();
    let core = &active.slot.core;
    let listed = core.businesses().await?;
    let absent = core.absent_businesses().await?;
    let current = core.current_business().await?.map(|b| b.business_id);
    let real = shell.secrets();
    let secrets = match active.mode {
        Mode::Demo => SecretsView {
            place: SecretsPlace::File,
            problem: None,
        },
        Mode::Real => SecretsView {
            place: match real.secrets {
                Secrets::Keyring => SecretsPlace::Keyring,
                Secrets::File(_) => SecretsPlace::File,
            },
            problem: real.problem,
        },
    };
    Ok(Session {
        mode: active.mode,
        signed_in: active.slot.watch.signed_in(),
        apps: AppsView {
            builtin: apps::builtin().is_some(),
            own_client_id: real.own_client_id,
        },
        secrets,
        businesses: listed
            .into_iter()
            .map(|business| BusinessView {
                writable: business.role.presumed_writable(),
                listed: !absent.contains(&business.business_id),
                business,
            })
            .collect(),
        current,
        online: active.slot.watch.online(),
    })
}

/// What the sync indicator shows for the current business of the active core.
pub async fn sync_view<R: Runtime>(app: &AppHandle<R>) -> Result<SyncView, Error> {
    let active = app.shell().active();
    let watch = &active.slot.watch;
    let Some(business) = active.slot.core.current_business().await? else {
        return Ok(SyncView {
            online: watch.online(),
            ..SyncView::default()
        });
    };
    let id = business.business_id;
    let status = active.slot.core.status(id).await?;
    // The oldest completed pull of the entities this user may read: before every one of them
    // has been pulled once, there is no "last synced".
    let last_synced = status
        .entities
        .iter()
        .filter(|e| e.unavailable.is_none())
        .map(|e| e.watermark)
        .collect::<Option<Vec<_>>>()
        .and_then(|marks| marks.into_iter().min());
    Ok(SyncView {
        business: Some(id),
        running: watch.running(id),
        online: watch.online(),
        last_synced,
        pending: status.count(OpState::Pending)
            + status.count(OpState::Sending)
            + status.count(OpState::Unknown),
        needs_you: status.count(OpState::Rejected) + status.count(OpState::Conflict),
    })
}
