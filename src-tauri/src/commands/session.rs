//! Commands behind the frame: the session, the own-app guide, where secrets live, businesses and
//! signing out.

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{AppGuide, ChosenBusiness, NoArgs, OwnApp, Session, SignOutArgs};
use tauri::{AppHandle, Runtime};

use crate::state::AppExt;
use crate::{account, apps, error, session};

/// How long `get_session` waits for the start-up probe of the keyring (local) before answering
/// with what it knows.
const READY_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// `get_session`: the frame's state, from this computer only.
#[tauri::command]
pub async fn get_session<R: Runtime>(
    app: AppHandle<R>,
    args: NoArgs,
) -> Result<Session, ErrorPayload> {
    let NoArgs {} = args;
    let _ = tokio::time::timeout(READY_WAIT, app.shell().wait_ready()).await;
    Ok(session::session(&app).await?)
}

/// `get_app_guide`: what to register in FreshBooks' developer portal.
#[tauri::command]
pub fn get_app_guide<R: Runtime>(
    app: AppHandle<R>,
    args: NoArgs,
) -> Result<AppGuide, ErrorPayload> {
    let NoArgs {} = args;
    Ok(AppGuide {
        portal_url: apps::PORTAL_URL.to_owned(),
        redirect_uri: app.shell().launch.relay_url(),
        scopes: ledgerline_freshbooks::config::SCOPES
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
    })
}

/// `save_own_app`: keeps the user's own app registration.
#[tauri::command]
pub async fn save_own_app<R: Runtime>(
    app: AppHandle<R>,
    args: OwnApp,
) -> Result<Session, ErrorPayload> {
    Ok(account::save_own_app(&app, &args).await?)
}

/// `use_file_for_secrets`: keeps the sign-in in a file in the data folder from now on.
#[tauri::command]
pub async fn use_file_for_secrets<R: Runtime>(
    app: AppHandle<R>,
    args: NoArgs,
) -> Result<Session, ErrorPayload> {
    let NoArgs {} = args;
    Ok(account::use_file_for_secrets(&app).await?)
}

/// `switch_business`: the screens show another business (instant, offline, remembered).
#[tauri::command]
pub async fn switch_business<R: Runtime>(
    app: AppHandle<R>,
    args: ChosenBusiness,
) -> Result<Session, ErrorPayload> {
    app.core()
        .use_business(&args.business.to_string())
        .await
        .map_err(error::core)?;
    Ok(session::session(&app).await?)
}

/// `sign_out`: forgets the sign-in, and on request the offline copy.
#[tauri::command]
pub async fn sign_out<R: Runtime>(
    app: AppHandle<R>,
    args: SignOutArgs,
) -> Result<Session, ErrorPayload> {
    Ok(account::sign_out(&app, &args).await?)
}
