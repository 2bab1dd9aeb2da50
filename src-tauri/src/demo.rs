//! The demo: FreshBooks emulated inside the app on a loopback port (its sample businesses), a
//! core of its own in `<data dir>/demo` with its sign-in in a file there (never the keyring),
//! signed in through the same OAuth path as a real sign-in: the app asks the emulator's
//! authorization page itself (it approves at once), reads where it sends the browser, and hands
//! that answer as a `ledgerline://` address to the same checked handler as a deep link. Leaving
//! stops both and deletes the folder: nothing of the demo stays in the real data.

use std::path::PathBuf;

use freshbooks_emulator::{Emulator, Scale};
use ledgerline_model::entity::Role;
use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{AppChoice, Session};
use tauri::{AppHandle, Runtime};
use url::Url;

use crate::state::{AppExt, DEMO_DIR, Demo, Slot, open_core};
use crate::{Error, apps, deep_link, events, session};

/// Starts the demo and signs in to it; answers the demo's session. When the demo already runs,
/// answers its session.
pub async fn start<R: Runtime>(app: &AppHandle<R>) -> Result<Session, ErrorPayload> {
    let shell = app.shell();
    let _turn = shell.transition.lock().await;
    if shell.demo_running() {
        return Ok(session::session(app).await?);
    }
    let dir = shell.data_dir.join(DEMO_DIR);
    remove(dir.clone()).await;
    let config = freshbooks_emulator::Config {
        scale: Scale::Small,
        auto_approve: true,
        ..freshbooks_emulator::Config::for_tests()
    };
    let emulator = Emulator::start(config)
        .await
        .map_err(|e| Error::Demo(e.to_string()))?;
    let opened = tokio::task::spawn_blocking({
        let dir = dir.clone();
        move || open_core(dir)
    })
    .await;
    let core = match opened {
        Ok(Ok(core)) => core,
        Ok(Err(e)) => {
            emulator.shutdown().await;
            return Err(e.into());
        }
        Err(join) => {
            emulator.shutdown().await;
            return Err(Error::Core(ledgerline_core::Error::TaskFailed(join)).into());
        }
    };
    let slot = Slot::new(core);
    events::forward(app, &slot);
    shell.put_demo(Demo {
        slot,
        emulator,
        dir,
    });
    let signed_in = match sign_in(app).await {
        Ok(address) => deep_link::receive(app, &address).await,
        Err(e) => Err(e.into()),
    };
    match signed_in {
        Ok(session) => Ok(show_first_business(app, session).await?),
        Err(e) => {
            stop(app).await;
            Err(e)
        }
    }
}

/// The demo opens on a business (the one the sample user owns) rather than asking which: it is
/// a tour, and every business is sample data.
async fn show_first_business<R: Runtime>(
    app: &AppHandle<R>,
    session: Session,
) -> Result<Session, Error> {
    if session.current.is_some() {
        return Ok(session);
    }
    let first = session
        .businesses
        .iter()
        .find(|b| b.business.role == Role::Owner)
        .or(session.businesses.first());
    let Some(first) = first else {
        return Ok(session);
    };
    app.core()
        .use_business(&first.business.business_id.to_string())
        .await?;
    session::session(app).await
}

/// Ends the demo (if it runs) and answers the real session.
pub async fn leave<R: Runtime>(app: &AppHandle<R>) -> Result<Session, Error> {
    {
        let _turn = app.shell().transition.lock().await;
        stop(app).await;
    }
    session::session(app).await
}

/// Stops the demo's engine, core and emulator and deletes its folder. The caller holds the
/// transition lock (or the app is exiting).
pub async fn stop<R: Runtime>(app: &AppHandle<R>) {
    let Some(demo) = app.shell().take_demo() else {
        return;
    };
    let Demo {
        slot,
        emulator,
        dir,
    } = demo;
    slot.watch.stop_forwarding();
    slot.core.shutdown().await;
    drop(slot);
    emulator.shutdown().await;
    remove(dir).await;
}

/// Starts a sign-in with the demo's app and plays the browser: the emulator approves at once and
/// redirects; its answer becomes the `ledgerline://` address a deep link would bring.
async fn sign_in<R: Runtime>(app: &AppHandle<R>) -> Result<String, Error> {
    let active = app.shell().active();
    apps::install(app, &active, AppChoice::Demo).await?;
    let started = active.slot.core.begin_sign_in(AppChoice::Demo).await?;
    follow(&started.authorize_url).await
}

/// Asks the authorization page without following its redirect, and turns where it redirects to
/// into `ledgerline://oauth/callback?<its query>`.
pub async fn follow(authorize_url: &str) -> Result<String, Error> {
    let fail = |what: &str| Error::Demo(what.to_owned());
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|_| fail("no HTTP client"))?;
    let answer = http
        .get(authorize_url)
        .send()
        .await
        .map_err(|_| fail("the demo's sign-in page did not answer"))?;
    let location = answer
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| fail("the demo's sign-in page did not send the app back"))?;
    let base = Url::parse(authorize_url).map_err(|_| fail("the sign-in address is not a URL"))?;
    let target = base
        .join(location)
        .map_err(|_| fail("the demo's sign-in page sent an address that is not a URL"))?;
    Ok(format!(
        "ledgerline://oauth/callback?{}",
        target.query().unwrap_or_default()
    ))
}

/// Deletes a folder (logged when it cannot be).
async fn remove(dir: PathBuf) {
    let removed = tokio::task::spawn_blocking(move || match std::fs::remove_dir_all(&dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    })
    .await;
    if let Ok(Err(e)) = removed {
        tracing::warn!("the demo's folder could not be removed: {e}");
    }
}
