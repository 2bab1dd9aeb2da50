//! The user's account on this computer: their own app registration, where the sign-in is kept,
//! starting a sign-in in the browser, and signing out.

use ledgerline_core::secrets::Secrets;
use ledgerline_core::session::SignOut;
use ledgerline_model::error::ErrorCode;
use ledgerline_model::ipc::{Mode, OwnApp, Session, SignInStarted, SignInWith, SignOutArgs};
use tauri::{AppHandle, Runtime};

use crate::settings::{SECRETS_FILE, ShellSettings};
use crate::state::{AppExt, Slot, open_core};
use crate::{Error, apps, demo, events, session, startup};

/// Saves the user's own app (trimmed; the secret where the sign-in is kept, with the relay as
/// its redirect URI).
pub async fn save_own_app<R: Runtime>(app: &AppHandle<R>, form: &OwnApp) -> Result<Session, Error> {
    let shell = app.shell();
    let own = apps::own_app(form, shell.launch.relay_url())?;
    let client_id = own.client_id.clone();
    let secrets = shell.secrets().secrets;
    if let Err(e) = apps::blocking(move || secrets.save_app(&own)).await {
        note_problem(app, &e);
        return Err(e);
    }
    shell.update_secrets(|s| {
        s.own_client_id = Some(client_id);
        s.problem = None;
    });
    session::session(app).await
}

/// Keeps the sign-in in `<data dir>/sign-in.json` from now on (remembered), for where no keyring
/// answers.
pub async fn use_file_for_secrets<R: Runtime>(app: &AppHandle<R>) -> Result<Session, Error> {
    let shell = app.shell();
    let file = shell.data_dir.join(SECRETS_FILE);
    ShellSettings::update(&shell.data_dir, |s| s.secrets_in_file = true);
    shell.update_secrets(|s| {
        s.secrets = Secrets::File(file);
        s.problem = None;
        s.own_client_id = None;
    });
    startup::probe(app, &shell.real()).await?;
    session::session(app).await
}

/// Installs the chosen registration's client, starts a sign-in and opens the browser at it
/// (`browser_opened` says whether that worked: the window shows the address either way).
pub async fn start_sign_in<R: Runtime>(
    app: &AppHandle<R>,
    with: &SignInWith,
) -> Result<SignInStarted, Error> {
    let active = app.shell().active();
    apps::install(app, &active, with.app).await?;
    let mut started = active.slot.core.begin_sign_in(with.app).await?;
    started.browser_opened = match app.try_state_opener() {
        Some(opener) => match opener.open_url(&started.authorize_url, None::<&str>) {
            Ok(()) => true,
            Err(e) => {
                tracing::warn!("the browser could not be opened: {e}");
                false
            }
        },
        None => false,
    };
    Ok(started)
}

/// Signs out of the active core: its tokens and every other entry of Ledgerline where they are
/// kept (the own app's credentials too); on request the offline copy, after which an empty core
/// opens in the same folder so the app goes on (the welcome screen). `unsent_changes` comes back
/// as is, for the window to ask. In the demo, signing out leaves it.
pub async fn sign_out<R: Runtime>(
    app: &AppHandle<R>,
    args: &SignOutArgs,
) -> Result<Session, Error> {
    let shell = app.shell();
    if shell.active().mode == Mode::Demo {
        return demo::leave(app).await;
    }
    let _turn = shell.transition.lock().await;
    let active = shell.active();
    let done = active
        .slot
        .core
        .sign_out(SignOut {
            secrets: active.secrets.clone(),
            remove_offline_copy: args.remove_offline_copy,
            discard_unsent: args.discard_unsent,
        })
        .await?;
    active.slot.watch.set_signed_in(false);
    ShellSettings::update(&shell.data_dir, |s| s.signed_in_with = None);
    let secrets = active.secrets.clone();
    let cleared = apps::blocking(move || secrets.clear_all()).await;
    shell.update_secrets(|s| s.own_client_id = None);
    if let Err(e) = cleared {
        note_problem(app, &e);
        return Err(e);
    }
    if done.offline_copy_removed {
        let data_dir = shell.data_dir.clone();
        let core = tokio::task::spawn_blocking(move || open_core(data_dir))
            .await
            .map_err(|join| Error::Core(ledgerline_core::Error::TaskFailed(join)))??;
        let slot = Slot::new(core);
        events::forward(app, &slot);
        let old = shell.replace_real(slot);
        old.watch.stop_forwarding();
    }
    session::session(app).await
}

/// A keyring that stopped answering shows in the session (with the file as the way out).
fn note_problem<R: Runtime>(app: &AppHandle<R>, e: &Error) {
    if let Error::Core(inner @ ledgerline_core::Error::Secrets(secrets)) = e
        && matches!(
            secrets.code(),
            ErrorCode::NoKeyring { .. } | ErrorCode::KeyringFailed { .. }
        )
    {
        let problem = inner.to_payload();
        app.shell().update_secrets(|s| s.problem = Some(problem));
    }
}

/// The opener, when the plugin is registered (not in tests on the mock runtime).
trait TryOpener<R: Runtime> {
    fn try_state_opener(&self) -> Option<&tauri_plugin_opener::Opener<R>>;
}

impl<R: Runtime> TryOpener<R> for AppHandle<R> {
    fn try_state_opener(&self) -> Option<&tauri_plugin_opener::Opener<R>> {
        use tauri::Manager;
        self.try_state::<tauri_plugin_opener::Opener<R>>()
            .map(|state| state.inner())
    }
}
