//! Commands behind signing in through the browser.

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{PastedAddress, Session, SignInStarted, SignInWith};
use tauri::{AppHandle, Runtime};

use crate::{account, deep_link};

/// `start_sign_in`: opens the browser at FreshBooks' sign-in page.
#[tauri::command]
pub async fn start_sign_in<R: Runtime>(
    app: AppHandle<R>,
    args: SignInWith,
) -> Result<SignInStarted, ErrorPayload> {
    Ok(account::start_sign_in(&app, &args).await?)
}

/// `finish_sign_in`: the pasted address, through the same handler as a deep link.
#[tauri::command]
pub async fn finish_sign_in<R: Runtime>(
    app: AppHandle<R>,
    args: PastedAddress,
) -> Result<Session, ErrorPayload> {
    deep_link::receive(&app, &args.address).await
}
