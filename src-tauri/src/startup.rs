//! The start-up work that follows opening the real core: find out whether the place that keeps
//! the sign-in answers and holds one, and if so install its client and start the background
//! sync. It runs beside the window (which paints from the mirror meanwhile), then marks the state
//! ready; with `LEDGERLINE_START_DEMO=1` it opens the demo last.

use ledgerline_model::ipc::{AppChoice, ShellEvent};
use tauri::{AppHandle, Runtime};

use crate::settings::ShellSettings;
use crate::state::{AppExt, Slot};
use crate::{Error, apps, demo, events, session};

/// Probes the secrets, resumes a saved sign-in, marks the state ready, tells the window.
pub async fn start<R: Runtime>(app: AppHandle<R>) {
    let shell = app.shell();
    let real = shell.real();
    if let Err(e) = probe(&app, &real).await {
        tracing::warn!("the saved sign-in could not be resumed: {e}");
    }
    shell.mark_ready();
    match session::session(&app).await {
        Ok(session) => events::emit(&app, &ShellEvent::Session { session }),
        Err(e) => tracing::warn!("the session could not be read at start: {e}"),
    }
    if shell.launch.start_demo {
        match demo::start(&app).await {
            Ok(session) => events::emit(&app, &ShellEvent::Session { session }),
            Err(e) => tracing::warn!("the demo could not start: {e}"),
        }
    }
}

/// Reads where the real sign-in is kept: whether it answers (else the session says why), the own
/// app's client id, whether a sign-in is saved; resumes that sign-in.
pub async fn probe<R: Runtime>(app: &AppHandle<R>, real: &Slot) -> Result<(), Error> {
    let shell = app.shell();
    let secrets = shell.secrets().secrets;
    let read = apps::blocking(move || {
        let tokens = secrets.tokens()?;
        let own = secrets.app()?;
        Ok((tokens.is_some(), own.map(|own| own.client_id)))
    })
    .await;
    let (signed_in, own_client_id) = match read {
        Ok(found) => found,
        Err(e) => {
            let problem = ledgerline_model::error::ErrorPayload::from(e);
            tracing::warn!(code = ?problem.code, "the sign-in's keeping place does not answer");
            shell.update_secrets(|s| s.problem = Some(problem));
            real.watch.set_signed_in(false);
            return Ok(());
        }
    };
    let has_own = own_client_id.is_some();
    shell.update_secrets(|s| {
        s.problem = None;
        s.own_client_id = own_client_id;
    });
    real.watch.set_signed_in(signed_in);
    if !signed_in {
        return Ok(());
    }
    let choice = ShellSettings::load(&shell.data_dir)
        .signed_in_with
        .filter(|c| *c != AppChoice::Demo)
        .or(has_own.then_some(AppChoice::Own))
        .or(apps::builtin().map(|_| AppChoice::Builtin));
    let Some(choice) = choice else {
        tracing::warn!("a sign-in is saved but no app registration to use it with");
        return Ok(());
    };
    let active = crate::state::Active {
        slot: real.clone(),
        ..shell.real_active()
    };
    apps::install(app, &active, choice).await?;
    real.core.start_engine()?;
    Ok(())
}
