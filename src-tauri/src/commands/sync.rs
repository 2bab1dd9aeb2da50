//! Commands behind the sync indicator and the Sync page.

use ledgerline_core::Scope;
use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{NoArgs, ResolveArgs, SyncPage, SyncView, TokenHealth};
use ledgerline_model::sync::SyncReport;
use tauri::{AppHandle, Runtime};

use super::screens::{current, writable};
use crate::state::AppExt;
use crate::{events, session};

/// `get_sync_view`: what the sync indicator shows.
#[tauri::command]
pub async fn get_sync_view<R: Runtime>(
    app: AppHandle<R>,
    args: NoArgs,
) -> Result<SyncView, ErrorPayload> {
    let NoArgs {} = args;
    Ok(session::sync_view(&app).await?)
}

/// `sync_now`: syncs the current business now; what FreshBooks answered (or not) tells online.
#[tauri::command]
pub async fn sync_now<R: Runtime>(
    app: AppHandle<R>,
    args: NoArgs,
) -> Result<SyncReport, ErrorPayload> {
    let NoArgs {} = args;
    let active = app.shell().active();
    let res = active.slot.core.sync_now(Scope::Current, false).await;
    let reached = match &res {
        Ok(report) => events::report_reached(report),
        Err(e) => events::reached(&e.to_payload()),
    };
    if let Some(online) = reached {
        events::connectivity(&app, &active.slot.watch, online);
    }
    res.map_err(|e| e.to_payload())
}

/// `cancel_sync`: stops the running sync; what it wrote stays.
#[tauri::command]
pub async fn cancel_sync<R: Runtime>(app: AppHandle<R>, args: NoArgs) -> Result<(), ErrorPayload> {
    let NoArgs {} = args;
    app.core().cancel_sync().await;
    Ok(())
}

/// `get_sync_page`: the Sync page of the current business: read from the mirror and from what
/// the running engine keeps in memory, never from FreshBooks. Online is what the indicator
/// shows; the sign-in's health adds what the shell knows (signed out, the keyring not answering).
#[tauri::command]
pub async fn get_sync_page<R: Runtime>(
    app: AppHandle<R>,
    args: NoArgs,
) -> Result<SyncPage, ErrorPayload> {
    let NoArgs {} = args;
    let active = app.shell().active();
    let core = &active.slot.core;
    let business = current(core).await?;
    let mut page = core
        .sync_page(business.business_id)
        .await
        .map_err(|e| e.to_payload())?;
    page.online = active.slot.watch.online();
    page.token = token_health(
        page.token,
        active.slot.watch.signed_in(),
        active.mode == ledgerline_model::ipc::Mode::Real && app.shell().secrets().problem.is_some(),
    );
    Ok(page)
}

/// The sign-in's health from the core's (what requests found) and the shell's knowledge: a
/// keyring that does not answer comes first (nothing else can be known), then no saved sign-in.
fn token_health(core: TokenHealth, signed_in: bool, keyring_problem: bool) -> TokenHealth {
    if keyring_problem {
        TokenHealth::Unreadable
    } else if !signed_in {
        TokenHealth::SignedOut
    } else {
        core
    }
}

/// `resolve_conflict`: settles one conflict ("Mine" or "FreshBooks") in the current business;
/// the change is then sent again (or finished). Refused with `forbidden` where the role may not
/// write.
#[tauri::command]
pub async fn resolve_conflict<R: Runtime>(
    app: AppHandle<R>,
    args: ResolveArgs,
) -> Result<(), ErrorPayload> {
    let core = app.core();
    let business = writable(&core).await?.business_id;
    core.resolve_conflict(business, args.conflict, args.resolution)
        .await
        .map_err(|e| e.to_payload())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keyring_then_the_saved_sign_in_then_what_requests_found() {
        use TokenHealth::*;
        assert_eq!(token_health(Good, true, false), Good);
        assert_eq!(token_health(Refused, true, false), Refused);
        assert_eq!(token_health(Good, false, false), SignedOut);
        assert_eq!(token_health(Good, true, true), Unreadable);
        assert_eq!(token_health(SignedOut, false, true), Unreadable);
    }
}
