//! Ledgerline's desktop shell: Tauri setup, commands and app state over `ledgerline-core`. Thin by
//! design: each command takes its args, calls the core and maps the error; the shell holds no
//! business logic.
//!
//! Layout:
//! - [`Launch`] (`launch`): what the app starts with (the environment, or a test's values).
//! - `state`: [`AppState`] (the real core, the demo, where secrets live) and [`AppExt`].
//! - `startup`: the work after opening the core (probe the keyring, resume the sign-in).
//! - `events`: core events, session changes and connectivity pushed to the window.
//! - `deep_link`: sign-in answers (deep link, paste, demo) through one checked handler.
//! - `apps`: the app registrations and the client each makes; `account`: own app, secrets'
//!   place, starting a sign-in, signing out; `demo`: the embedded demo.
//! - `session`: the session and sync views; `settings`: the shell's small settings file;
//!   `preferences`: the user's (language, theme, sync interval); `export`: lists as CSV/JSON;
//!   `logging`: the log file; `memory`: malloc arenas, async threads, memory given back after a
//!   sync; `commands/`: one file per screen area.
//!
//! [`build`] and [`init`] are generic over the Tauri runtime so tests drive the real command
//! handlers through `tauri::test`'s mock runtime.

mod account;
mod apps;
mod commands;
mod deep_link;
mod demo;
mod error;
mod events;
mod export;
mod launch;
mod logging;
mod memory;
mod preferences;
mod session;
mod settings;
mod startup;
mod state;

use tauri::{AppHandle, Manager, RunEvent, Runtime};
use tauri_plugin_window_state::StateFlags;

pub use error::Error;
pub use launch::Launch;
pub use state::{AppExt, AppState};

/// Registers every command on a builder (any runtime, so tests can use the mock one).
pub fn build<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::settings::get_app_info,
        commands::settings::open_log_folder,
        commands::session::get_session,
        commands::session::get_app_guide,
        commands::session::save_own_app,
        commands::session::use_file_for_secrets,
        commands::sign_in::start_sign_in,
        commands::sign_in::finish_sign_in,
        commands::demo::start_demo,
        commands::demo::leave_demo,
        commands::session::switch_business,
        commands::session::sign_out,
        commands::sync::get_sync_view,
        commands::sync::sync_now,
        commands::sync::cancel_sync,
        commands::sync::get_sync_page,
        commands::sync::resolve_conflict,
        commands::home::get_home,
        commands::clients::list_clients,
        commands::clients::get_client,
        commands::clients::create_client,
        commands::clients::update_client,
        commands::clients::set_client_visibility,
        commands::clients::undo_change,
        commands::time::list_time,
        commands::time::get_time_entry,
        commands::time::create_time_entry,
        commands::time::update_time_entry,
        commands::time::get_pickers,
        commands::time::get_timer,
        commands::time::start_timer,
        commands::time::stop_timer,
        commands::time::discard_timer,
        commands::home::search,
        commands::invoices::list_invoices,
        commands::invoices::get_invoice,
        commands::invoices::download_invoice_pdf,
        commands::invoices::send_invoice_email,
        commands::drafting::get_drafting_setup,
        commands::drafting::preview_draft,
        commands::drafting::save_draft,
        commands::drafting::set_business_rate,
        commands::preferences::get_preferences,
        commands::preferences::set_preferences,
        commands::files::export_list,
        commands::files::reveal_path,
        commands::files::open_data_folder,
        commands::files::open_address,
    ])
}

/// Opens the real core and manages the state, before any window can call a command; starts
/// forwarding its events and the start-up work (which resumes a saved sign-in).
pub fn init<R: Runtime>(app: &tauri::App<R>, launch: Launch) -> Result<(), Error> {
    let log_file = launch.log_file;
    let state = AppState::open(app.handle(), launch)?;
    if log_file {
        let guard = logging::start(&state.log_dir);
        if let Ok(mut slot) = state.log_guard.lock() {
            *slot = guard;
        }
    }
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "Ledgerline starts");
    let real = state.real();
    app.manage(state);
    events::forward(app.handle(), &real);
    tauri::async_runtime::spawn(startup::start(app.handle().clone()));
    Ok(())
}

/// Stops the demo (its folder removed) and the real core, then flushes the log.
pub fn shutdown<R: Runtime>(app: &AppHandle<R>) {
    tauri::async_runtime::block_on(async {
        demo::stop(app).await;
        app.shell().real().core.shutdown().await;
    });
    tracing::info!("Ledgerline stops");
    if let Ok(mut guard) = app.shell().log_guard.lock() {
        guard.take();
    }
}

/// Runs the desktop app until its last window closes.
pub fn run() {
    memory::limit_arenas();
    memory::small_runtime();
    let launch = Launch::from_env();
    let builder = tauri::Builder::default()
        // First, so a second launch (`ledgerline ledgerline://oauth/callback?…`) hands its
        // arguments to this one, whose deep-link plugin reads the address, and exits.
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            events::focus(app);
        }))
        .plugin(tauri_plugin_deep_link::init())
        .plugin(tauri_plugin_opener::init())
        // Size, position and maximized remembered; never "hidden" (a window saved while hidden
        // would come back invisible).
        .plugin(
            tauri_plugin_window_state::Builder::new()
                .with_state_flags(StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED)
                .build(),
        );
    let res = build(builder)
        .setup(move |app| {
            init(app, launch)?;
            deep_link::setup(app);
            Ok(())
        })
        .build(tauri::generate_context!())
        .map(|app| {
            app.run(|handle, event| {
                if let RunEvent::Exit = event {
                    shutdown(handle);
                }
            });
        });
    if let Err(err) = res {
        // Nothing else can report this: the window never opened.
        #[allow(clippy::print_stderr)]
        {
            eprintln!("Ledgerline could not start: {err}");
        }
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests;
