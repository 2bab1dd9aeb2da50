//! Sign-in answers coming back from the browser: `ledgerline://oauth/callback?…` deep links (a
//! second launch hands its argument to this one through the single-instance plugin; the address
//! that started the app is read too), the pasted address, and the demo's. All go through
//! [`receive`], which checks the address in the core before using it and tells the window either
//! way: a new [`ShellEvent::Session`] or a [`ShellEvent::SignInRefused`], never a silent drop.
//!
//! Addresses are never logged: their query holds the authorization code and the state.

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{AppChoice, Mode, Session, ShellEvent};
use tauri::{App, AppHandle, Runtime};
use tauri_plugin_deep_link::DeepLinkExt;

use crate::settings::ShellSettings;
use crate::state::AppExt;
use crate::{Error, apps, events, session};

/// Listens to deep links: those arriving while the app runs, and the one it was started with
/// (handled once the start-up work is done). In debug builds on Linux and Windows, registers the
/// scheme so it works without an installer; a failure there is logged, never fatal.
pub fn setup<R: Runtime>(app: &App<R>) {
    let handle = app.handle().clone();
    app.deep_link().on_open_url(move |event| {
        for url in event.urls() {
            spawn_receive(&handle, url.to_string());
        }
    });
    match app.deep_link().get_current() {
        Ok(Some(urls)) => {
            for url in urls {
                spawn_receive(app.handle(), url.to_string());
            }
        }
        Ok(None) => {}
        Err(e) => tracing::warn!("the address the app was started with cannot be read: {e}"),
    }
    #[cfg(all(debug_assertions, any(target_os = "linux", windows)))]
    if let Err(e) = app.deep_link().register_all() {
        tracing::warn!("the ledgerline:// scheme could not be registered for this build: {e}");
    }
}

fn spawn_receive<R: Runtime>(app: &AppHandle<R>, address: String) {
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        app.shell().wait_ready().await;
        // The outcome has reached the window as an event; nothing else waits for it.
        let _ = receive(&app, &address).await;
    });
}

/// The one handler of sign-in answers: asks the core which registration started the sign-in,
/// installs that client, completes the sign-in (single use), starts the background sync, and
/// tells the window (then brings it to the front). A refusal is sent as
/// [`ShellEvent::SignInRefused`] and returned.
pub async fn receive<R: Runtime>(
    app: &AppHandle<R>,
    address: &str,
) -> Result<Session, ErrorPayload> {
    match sign_in(app, address).await {
        Ok(session) => {
            tracing::info!("signed in through the browser");
            events::emit(
                app,
                &ShellEvent::Session {
                    session: session.clone(),
                },
            );
            events::focus(app);
            Ok(session)
        }
        Err(err) => {
            let error = ErrorPayload::from(err);
            tracing::info!(code = ?error.code, "a sign-in answer was refused");
            events::emit(
                app,
                &ShellEvent::SignInRefused {
                    error: error.clone(),
                },
            );
            Err(error)
        }
    }
}

async fn sign_in<R: Runtime>(app: &AppHandle<R>, address: &str) -> Result<Session, Error> {
    let active = app.shell().active();
    let core = &active.slot.core;
    let choice = core.sign_in_app(address).await?;
    apps::install(app, &active, choice).await?;
    core.complete_sign_in(address).await?;
    active.slot.watch.set_signed_in(true);
    events::connectivity(app, &active.slot.watch, true);
    if active.mode == Mode::Real && choice != AppChoice::Demo {
        ShellSettings::update(&app.shell().data_dir, |s| s.signed_in_with = Some(choice));
    }
    // A new sign-in may use another registration: the engine takes the client installed now.
    core.start_engine_again().await?;
    session::session(app).await
}
