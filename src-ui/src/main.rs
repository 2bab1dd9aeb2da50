//! Ledgerline's front end: a Leptos client-side app, compiled to WASM and loaded by the Tauri
//! window. It does no IO of its own: everything goes through [`ipc`] to the shell.

mod app;
mod ipc;
mod pages;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
