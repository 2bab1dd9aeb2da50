//! A blank Tauri 2 app: one window, one static page.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(err) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("blank-app: {err}");
        std::process::exit(1);
    }
}
