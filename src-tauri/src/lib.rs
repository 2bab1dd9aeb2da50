//! Ledgerline's desktop shell: Tauri setup, commands and app state. Thin by design: each command
//! takes its args, calls the core and maps the error; the shell holds no business logic.
//!
//! [`build`] and [`init`] are generic over the Tauri runtime so tests drive the real command
//! handlers through `tauri::test`'s mock runtime.

mod commands;
mod error;
mod state;

use tauri::{Manager, Runtime};

pub use error::Error;
pub use state::AppState;

/// Registers every command on a builder (any runtime, so tests can use the mock one).
pub fn build<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![commands::settings::get_app_info])
}

/// Resolves and manages the app's state, before any window can call a command.
pub fn init<R: Runtime>(app: &tauri::App<R>) -> Result<(), Error> {
    let state = AppState::resolve(app.handle())?;
    app.manage(state);
    Ok(())
}

/// Runs the desktop app until its last window closes.
pub fn run() {
    let res = build(tauri::Builder::default())
        .build(tauri::generate_context!())
        .map_err(|err| err.to_string())
        .and_then(|app| {
            init(&app).map_err(|err| err.to_string())?;
            app.run(|_, _| {});
            Ok(())
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
mod tests {
    use ledgerline_model::ipc::{ALL_COMMANDS, AppInfo, Command, GetAppInfo, permission_of};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder};
    use tauri::webview::InvokeRequest;

    fn invoke(
        webview: &tauri::WebviewWindow<tauri::test::MockRuntime>,
        cmd: &str,
        args: serde_json::Value,
    ) -> Result<tauri::ipc::InvokeResponseBody, serde_json::Value> {
        get_ipc_response(
            webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Json(serde_json::json!({ "args": args })),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
    }

    fn app() -> tauri::WebviewWindow<tauri::test::MockRuntime> {
        // The real configuration and capabilities, so the test also proves the ACL grants our
        // commands to the main window.
        let app = super::build(mock_builder())
            .build(tauri::generate_context!(test = true))
            .expect("the app builds on the mock runtime");
        super::init(&app).expect("state resolves");
        // Windows from the configuration open on `run`; a test opens its own "main".
        tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("a mock window opens")
    }

    #[test]
    fn get_app_info_answers_version_and_data_dir() {
        let webview = app();
        let body = invoke(&webview, GetAppInfo::NAME, serde_json::json!({})).unwrap();
        let info: AppInfo = body.deserialize().unwrap();
        assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
        assert!(!info.data_dir.is_empty());
        assert_eq!(info.os, std::env::consts::OS);
    }

    /// The capability file grants the main window every declared command and nothing else: no
    /// command of ours is missing a grant, and no plugin or core permission crept in.
    #[test]
    fn the_capability_grants_exactly_the_declared_commands() {
        let text = include_str!("../capabilities/default.json");
        let capability: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut granted: Vec<String> = capability["permissions"]
            .as_array()
            .expect("a permissions list")
            .iter()
            .map(|p| p.as_str().expect("permissions are names").to_owned())
            .collect();
        let mut declared: Vec<String> = ALL_COMMANDS.iter().map(|c| permission_of(c)).collect();
        granted.sort();
        declared.sort();
        assert_eq!(granted, declared);
    }

    #[test]
    fn every_declared_command_is_registered() {
        let webview = app();
        for name in ALL_COMMANDS {
            // An unregistered command answers "… not found", an ungranted one "… not allowed";
            // a registered and granted one either succeeds on empty args or complains about them.
            if let Err(err) = invoke(&webview, name, serde_json::json!({})) {
                let text = err.to_string();
                assert!(
                    !text.contains("not found") && !text.contains("not allowed"),
                    "{name} is not registered or not granted: {text}"
                );
            }
        }
    }
}
