//! Commands behind the Settings screen.

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{AppInfo, NoArgs};
use tauri::{AppHandle, Manager, Runtime};

use crate::Error;
use crate::state::AppExt;

/// `get_app_info`: the app's version, data and log folders, and OS.
#[tauri::command]
pub fn get_app_info<R: Runtime>(app: AppHandle<R>, args: NoArgs) -> Result<AppInfo, ErrorPayload> {
    let NoArgs {} = args;
    let shell = app.shell();
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: shell.data_dir.display().to_string(),
        log_dir: shell.log_dir.display().to_string(),
        os: std::env::consts::OS.to_owned(),
    })
}

/// `open_log_folder`: shows the log folder in the system's file manager.
#[tauri::command]
pub fn open_log_folder<R: Runtime>(app: AppHandle<R>, args: NoArgs) -> Result<(), ErrorPayload> {
    let NoArgs {} = args;
    let dir = app.shell().log_dir.clone();
    let opened = match app.try_state::<tauri_plugin_opener::Opener<R>>() {
        Some(opener) => opener
            .open_path(dir.display().to_string(), None::<&str>)
            .map_err(|e| e.to_string()),
        None => Err("no file manager is available".to_owned()),
    };
    opened.map_err(|reason| Error::OpenFolder { path: dir, reason }.into())
}
