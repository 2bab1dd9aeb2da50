//! Declares our commands to Tauri's permission system (so each needs an explicit grant in
//! `capabilities/`) from the one table in `ledgerline_model::ipc`, and makes sure the front-end folder exists so `cargo check` works before the
//! UI has been built (`cargo xtask` builds it for real).

use std::path::Path;

fn main() {
    let dist = Path::new("../src-ui/dist");
    if !dist.join("index.html").exists() {
        // A stand-in page, replaced by `cargo xtask build-ui`; it tells whoever sees it what to run.
        let _ = std::fs::create_dir_all(dist);
        let _ = std::fs::write(
            dist.join("index.html"),
            "<!doctype html><title>Ledgerline</title><p>The front end is not built: run <code>cargo xtask demo</code>.</p>",
        );
    }
    println!("cargo:rerun-if-changed=../src-ui/dist");
    let manifest = tauri_build::AppManifest::new().commands(ledgerline_model::ipc::ALL_COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri.conf.json, capabilities and icons are valid");
}
