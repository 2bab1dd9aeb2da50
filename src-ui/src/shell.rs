//! What the window asks the shell: one function per request, each landing the answer in the
//! state (`crate::state`) or showing what failed. Views call these and never build requests.

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ids::BusinessId;
use ledgerline_model::ipc::{
    AddressArgs, AppChoice, CancelSync, ChosenBusiness, ExportArgs, ExportDone, ExportListFile,
    FinishSignIn, GetPreferences, GetSyncView, LeaveDemo, NoArgs, OpenAddress, OpenDataFolder,
    OpenLogFolder, OwnApp, PastedAddress, Preferences, RevealArgs, RevealPath, SaveOwnApp, Session,
    SetPreferences, SignInWith, SignOut, SignOutArgs, StartDemo, StartSignIn, SwitchBusiness,
    SyncNow, UseFileForSecrets,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::ipc;
use crate::state::{ShellState, SignInFlow};

/// Asks for the current business's sync view again.
pub fn refresh_sync_view(state: ShellState) {
    spawn_local(async move {
        match ipc::call::<GetSyncView>(&NoArgs {}).await {
            Ok(view) => state.sync.set_view(view),
            Err(error) => state.notices.push(error, None),
        }
    });
}

/// Lands a new session: the frame follows, and the sync view is asked again.
pub fn land_session(state: ShellState, session: Session) {
    let online = session.online;
    // An answer equal to what the window shows (the usual one to the check made after
    // subscribing, while the first screen draws) redraws nothing.
    if state.session.0.with_untracked(|s| *s != session) {
        state.session.0.set(session);
    }
    if state.sync.0.with_untracked(|s| s.online != online) {
        state.sync.0.update(|s| s.online = online);
    }
    refresh_sync_view(state);
}

/// Switches to another business at once; the shell remembers it (offline too).
pub fn switch_business(state: ShellState, business: BusinessId) {
    let before = state.session.current_id();
    if before == Some(business) {
        return;
    }
    state.session.0.update(|s| s.current = Some(business));
    state.sync.0.update(|s| {
        s.running = false;
        s.progress.clear();
    });
    spawn_local(async move {
        match ipc::call::<SwitchBusiness>(&ChosenBusiness { business }).await {
            Ok(session) => land_session(state, session),
            Err(error) => {
                state.session.0.update(|s| s.current = before);
                state.notices.push(error, None);
            }
        }
    });
}

/// Starts a sign-in with a registration and shows the waiting screen.
pub fn start_sign_in(state: ShellState, app: AppChoice) {
    state.sign_in.busy.set(true);
    state.sign_in.refused.set(None);
    let signed_in_before = state.session.0.with_untracked(|s| s.signed_in);
    spawn_local(async move {
        match ipc::call::<StartSignIn>(&SignInWith { app }).await {
            // The browser's answer can beat this one here (a `Session` event): then the sign-in
            // is done and there is nothing to wait for.
            Ok(_) if !signed_in_before && state.session.0.with_untracked(|s| s.signed_in) => {
                state.sign_in.flow.set(SignInFlow::Idle);
            }
            Ok(started) => state.sign_in.flow.set(SignInFlow::Waiting { app, started }),
            Err(error) => state.sign_in.refused.set(Some(error)),
        }
        state.sign_in.busy.set(false);
    });
}

/// Signs in again the way the user signed in before: their own app, the built-in one, or the
/// form for their own app when neither is known.
pub fn sign_in_again(state: ShellState) {
    if state.session.is_demo() {
        start_demo(state);
        return;
    }
    let (own, builtin) = state
        .session
        .0
        .with_untracked(|s| (s.apps.own_client_id.is_some(), s.apps.builtin));
    if own {
        start_sign_in(state, AppChoice::Own);
    } else if builtin {
        start_sign_in(state, AppChoice::Builtin);
    } else {
        show_own_app_form(state);
    }
}

/// Shows the own-app guide and form.
pub fn show_own_app_form(state: ShellState) {
    state.sign_in.flow.set(SignInFlow::OwnApp);
}

/// Saves the user's own registration, then starts a sign-in with it. A refusal of the values
/// comes back to the form, which shows it next to the field.
pub async fn save_own_app(state: ShellState, app: OwnApp) -> Result<(), ErrorPayload> {
    state.sign_in.busy.set(true);
    let res = ipc::call::<SaveOwnApp>(&app).await;
    state.sign_in.busy.set(false);
    let session = res?;
    state.session.0.set(session);
    start_sign_in(state, AppChoice::Own);
    Ok(())
}

/// Finishes a sign-in with the address the user pasted.
pub fn finish_sign_in(state: ShellState, address: String) {
    state.sign_in.busy.set(true);
    spawn_local(async move {
        match ipc::call::<FinishSignIn>(&PastedAddress { address }).await {
            Ok(session) => {
                state.sign_in.flow.set(SignInFlow::Idle);
                state.sign_in.refused.set(None);
                land_session(state, session);
            }
            Err(error) => state.sign_in.refused.set(Some(error)),
        }
        state.sign_in.busy.set(false);
    });
}

/// Leaves the sign-in screens (the browser's answer, if it still comes, is refused as stale).
pub fn cancel_sign_in(state: ShellState) {
    state.sign_in.flow.set(SignInFlow::Idle);
    state.sign_in.busy.set(false);
}

/// Starts the demo and signs in to it.
pub fn start_demo(state: ShellState) {
    state.sign_in.busy.set(true);
    spawn_local(async move {
        match ipc::call::<StartDemo>(&NoArgs {}).await {
            Ok(session) => {
                state.sign_in.flow.set(SignInFlow::Idle);
                land_session(state, session);
            }
            Err(error) => state.notices.push(error, None),
        }
        state.sign_in.busy.set(false);
    });
}

/// Leaves the demo.
pub fn leave_demo(state: ShellState) {
    spawn_local(async move {
        match ipc::call::<LeaveDemo>(&NoArgs {}).await {
            Ok(session) => land_session(state, session),
            Err(error) => state.notices.push(error, None),
        }
    });
}

/// Keeps the sign-in in a private file instead of the keyring.
pub fn use_file_for_secrets(state: ShellState) {
    spawn_local(async move {
        match ipc::call::<UseFileForSecrets>(&NoArgs {}).await {
            Ok(session) => state.session.0.set(session),
            Err(error) => state.notices.push(error, None),
        }
    });
}

/// Syncs the current business now (progress arrives as events).
pub fn sync_now(state: ShellState) {
    state.sync.0.update(|s| s.running = true);
    spawn_local(async move {
        let res = ipc::call::<SyncNow>(&NoArgs {}).await;
        state.sync.0.update(|s| {
            s.running = false;
            s.progress.clear();
        });
        if let Err(error) = res {
            state
                .notices
                .push(error, Some(Callback::new(move |()| sync_now(state))));
        }
        refresh_sync_view(state);
    });
}

/// Stops the running sync.
pub fn cancel_sync(state: ShellState) {
    spawn_local(async move {
        if let Err(error) = ipc::call::<CancelSync>(&NoArgs {}).await {
            state.notices.push(error, None);
        }
    });
}

/// Shows the log folder in the file manager.
pub fn open_log_folder(state: ShellState) {
    spawn_local(async move {
        if let Err(error) = ipc::call::<OpenLogFolder>(&NoArgs {}).await {
            state.notices.push(error, None);
        }
    });
}

/// Signs out; the dialog shows a refusal (unsent changes) itself.
pub async fn sign_out(state: ShellState, args: SignOutArgs) -> Result<(), ErrorPayload> {
    let session = ipc::call::<SignOut>(&args).await?;
    state.sign_in.flow.set(SignInFlow::Idle);
    land_session(state, session);
    Ok(())
}

/// Asks for the preferences and lands them (language, theme) in the window.
pub fn load_preferences(state: ShellState) {
    spawn_local(async move {
        match ipc::call::<GetPreferences>(&NoArgs {}).await {
            Ok(prefs) => state.preferences.land(prefs),
            Err(error) => state.notices.push(error, None),
        }
    });
}

/// Applies new preferences at once and asks the shell to keep them; a refusal puts back what
/// the shell keeps.
pub fn save_preferences(state: ShellState, prefs: Preferences) {
    state.preferences.land(prefs.clone());
    spawn_local(async move {
        match ipc::call::<SetPreferences>(&prefs).await {
            Ok(kept) => state.preferences.land(kept),
            Err(error) => {
                state.notices.push(error, None);
                load_preferences(state);
            }
        }
    });
}

/// Writes a list to a file in the Downloads folder.
pub async fn export_list(args: ExportArgs) -> Result<ExportDone, ErrorPayload> {
    ipc::call::<ExportListFile>(&args).await
}

/// Shows a file Ledgerline wrote in the file manager.
pub fn reveal_path(state: ShellState, path: String) {
    spawn_local(async move {
        if let Err(error) = ipc::call::<RevealPath>(&RevealArgs { path }).await {
            state.notices.push(error, None);
        }
    });
}

/// Shows the data folder in the file manager.
pub fn open_data_folder(state: ShellState) {
    spawn_local(async move {
        if let Err(error) = ipc::call::<OpenDataFolder>(&NoArgs {}).await {
            state.notices.push(error, None);
        }
    });
}

/// Opens one of FreshBooks' (or Ledgerline's) pages in the browser.
pub fn open_address(state: ShellState, url: String) {
    spawn_local(async move {
        if let Err(error) = ipc::call::<OpenAddress>(&AddressArgs { url }).await {
            state.notices.push(error, None);
        }
    });
}
