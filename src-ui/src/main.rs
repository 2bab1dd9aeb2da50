//! The WASM entry point: mounts the app into the window's body.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(ledgerline_ui::app::App);
}
