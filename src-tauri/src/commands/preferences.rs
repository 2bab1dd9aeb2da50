//! Commands behind Settings' preferences: language, theme, sync interval.

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{NoArgs, Preferences};
use tauri::{AppHandle, Runtime};

use crate::preferences;
use crate::state::AppExt;

/// `get_preferences`: what the user chose (the defaults until then).
#[tauri::command]
pub async fn get_preferences<R: Runtime>(
    app: AppHandle<R>,
    args: NoArgs,
) -> Result<Preferences, ErrorPayload> {
    let NoArgs {} = args;
    let dir = app.shell().data_dir.clone();
    Ok(blocking(move || Ok(preferences::load(&dir))).await?)
}

/// `set_preferences`: remembers them in the data folder and answers what was kept. Language
/// and theme apply at once (the window applies them); the sync interval from the next start,
/// since the engine keeps the schedule it was started with.
#[tauri::command]
pub async fn set_preferences<R: Runtime>(
    app: AppHandle<R>,
    args: Preferences,
) -> Result<Preferences, ErrorPayload> {
    let dir = app.shell().data_dir.clone();
    Ok(blocking(move || preferences::save(&dir, args)).await?)
}

/// Runs file work off the async threads.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, crate::Error> + Send + 'static,
) -> Result<T, crate::Error> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|join| crate::Error::Core(ledgerline_core::Error::TaskFailed(join)))?
}
