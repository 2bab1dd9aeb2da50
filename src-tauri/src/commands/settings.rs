//! Commands behind the Settings screen.

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ipc::{AppInfo, NoArgs};
use tauri::State;

use crate::AppState;

/// `get_app_info`: the app's version, data folder and OS.
#[tauri::command]
pub fn get_app_info(state: State<'_, AppState>, args: NoArgs) -> Result<AppInfo, ErrorPayload> {
    let NoArgs {} = args;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        data_dir: state.data_dir.display().to_string(),
        log_dir: state.data_dir.join("logs").display().to_string(),
        os: std::env::consts::OS.to_owned(),
    })
}
