//! The shell through `tauri::test`'s mock runtime with the real configuration and capabilities:
//! a real core in a temporary folder, and the emulator in-process on port 0 where FreshBooks is
//! needed. Nothing process-global: each test's data folder and hosts are in its [`Launch`].

use std::sync::{Arc, Mutex};

use freshbooks_emulator::Emulator;
use ledgerline_model::error::{ErrorCode, ErrorPayload, FieldProblem};
use ledgerline_model::ipc::{
    ALL_COMMANDS, AppChoice, AppInfo, ChosenBusiness, Command, EVENT_NAME, FinishSignIn,
    GetAppInfo, GetSession, LeaveDemo, Mode, NoArgs, OwnApp, PastedAddress, SaveOwnApp,
    SecretsPlace, Session, ShellEvent, SignInStarted, SignInWith, SignOut, SignOutArgs, StartDemo,
    StartSignIn, SwitchBusiness, permission_of,
};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{Listener, WebviewWindow};

use crate::Launch;

/// The plugin and core permissions the main window is granted besides our commands: it listens
/// to the shell's events. Nothing else (the opener is called from Rust, not from the window).
const PLUGIN_PERMISSIONS: &[&str] = &["core:event:allow-listen", "core:event:allow-unlisten"];

/// A shell on the mock runtime over a temporary data folder, with what it emitted.
struct Shell {
    _app: tauri::App<MockRuntime>,
    webview: WebviewWindow<MockRuntime>,
    dir: tempfile::TempDir,
    events: Arc<Mutex<Vec<ShellEvent>>>,
}

impl Shell {
    fn new(change: impl FnOnce(&mut Launch)) -> Shell {
        Shell::in_dir(tempfile::tempdir().unwrap(), change)
    }

    /// A shell over a given data folder (a restart opens the same one again).
    fn in_dir(dir: tempfile::TempDir, change: impl FnOnce(&mut Launch)) -> Shell {
        let mut launch = Launch {
            data_dir: Some(dir.path().to_owned()),
            // Never the real Downloads folder.
            export_dir: Some(dir.path().to_owned()),
            ..Launch::default()
        };
        change(&mut launch);
        // The real configuration and capabilities, so the tests also prove the ACL grants our
        // commands to the main window.
        let app = crate::build(mock_builder())
            .build(tauri::generate_context!(test = true))
            .expect("the app builds on the mock runtime");
        crate::init(&app, launch).expect("state resolves");
        let events = Arc::new(Mutex::new(Vec::new()));
        let sink = events.clone();
        app.listen(EVENT_NAME, move |event| {
            if let Ok(event) = serde_json::from_str::<ShellEvent>(event.payload()) {
                sink.lock().unwrap().push(event);
            }
        });
        // Windows from the configuration open on `run`; a test opens its own "main".
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("a mock window opens");
        Shell {
            _app: app,
            webview,
            dir,
            events,
        }
    }

    fn raw(
        &self,
        cmd: &str,
        args: serde_json::Value,
    ) -> Result<tauri::ipc::InvokeResponseBody, serde_json::Value> {
        get_ipc_response(
            &self.webview,
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

    /// Calls a command as the window does; its error as the window reads it.
    fn call<C: Command>(&self, args: &C::Args) -> Result<C::Output, ErrorPayload> {
        match self.raw(C::NAME, serde_json::to_value(args).unwrap()) {
            Ok(body) => Ok(body.deserialize().unwrap()),
            Err(err) => Err(serde_json::from_value(err.clone())
                .unwrap_or_else(|_| panic!("{} failed without a payload: {err}", C::NAME))),
        }
    }

    fn refusals(&self) -> Vec<ErrorCode> {
        self.events
            .lock()
            .unwrap()
            .iter()
            .filter_map(|e| match e {
                ShellEvent::SignInRefused { error } => Some(error.code.clone()),
                _ => None,
            })
            .collect()
    }
}

fn emulator() -> Emulator {
    tauri::async_runtime::block_on(Emulator::start(freshbooks_emulator::Config::for_tests()))
        .expect("the emulator starts")
}

#[test]
fn get_app_info_answers_version_and_folders() {
    let shell = Shell::new(|_| {});
    let info: AppInfo = shell.call::<GetAppInfo>(&NoArgs {}).unwrap();
    assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(info.data_dir, shell.dir.path().display().to_string());
    assert_eq!(
        info.log_dir,
        shell.dir.path().join("logs").display().to_string()
    );
    assert_eq!(info.os, std::env::consts::OS);
}

/// The capability file grants the main window every declared command and the named plugin
/// permissions, nothing else: no command of ours is missing a grant, and no other plugin or core
/// permission crept in.
#[test]
fn the_capability_grants_exactly_the_declared_commands_and_event_listening() {
    let text = include_str!("../capabilities/default.json");
    let capability: serde_json::Value = serde_json::from_str(text).unwrap();
    let mut granted: Vec<String> = capability["permissions"]
        .as_array()
        .expect("a permissions list")
        .iter()
        .map(|p| p.as_str().expect("permissions are names").to_owned())
        .collect();
    let mut expected: Vec<String> = ALL_COMMANDS.iter().map(|c| permission_of(c)).collect();
    expected.extend(PLUGIN_PERMISSIONS.iter().map(|p| (*p).to_owned()));
    granted.sort();
    expected.sort();
    assert_eq!(granted, expected);
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
}

#[test]
fn every_declared_command_is_registered_and_granted() {
    let shell = Shell::new(|_| {});
    for name in ALL_COMMANDS {
        // An unregistered command answers "… not found", an ungranted one "… not allowed"; a
        // registered and granted one succeeds on empty args, complains about them, or fails in
        // the shell with a payload.
        if let Err(err) = shell.raw(name, serde_json::json!({})) {
            let text = err.to_string();
            assert!(
                !text.contains("not found") && !text.contains("not allowed"),
                "{name} is not registered or not granted: {text}"
            );
        }
    }
}

#[test]
fn an_empty_data_folder_shows_the_welcome_state() {
    let shell = Shell::new(|_| {});
    let session: Session = shell.call::<GetSession>(&NoArgs {}).unwrap();
    assert_eq!(session.mode, Mode::Real);
    assert!(!session.signed_in);
    assert!(session.businesses.is_empty());
    assert_eq!(session.current, None);
    assert_eq!(session.apps.own_client_id, None);
    assert_eq!(session.secrets.place, SecretsPlace::File);
    assert_eq!(session.secrets.problem, None);
    assert!(session.online);
}

#[test]
fn save_own_app_trims_and_refuses_an_empty_secret() {
    let shell = Shell::new(|_| {});
    let refused = shell
        .call::<SaveOwnApp>(&OwnApp {
            client_id: "abc".into(),
            client_secret: "   ".into(),
        })
        .unwrap_err();
    assert_eq!(
        refused.code,
        ErrorCode::InvalidField {
            field: "client_secret".into(),
            problem: FieldProblem::Required,
        }
    );
    let session = shell
        .call::<SaveOwnApp>(&OwnApp {
            client_id: "  abc \n".into(),
            client_secret: " shh ".into(),
        })
        .unwrap();
    assert_eq!(session.apps.own_client_id.as_deref(), Some("abc"));
    let kept = std::fs::read_to_string(shell.dir.path().join("sign-in.json")).unwrap();
    assert!(kept.contains("\"shh\""), "the secret is kept trimmed");
}

#[test]
fn the_demo_signs_in_lists_its_businesses_switches_and_leaves_nothing_behind() {
    let shell = Shell::new(|_| {});
    let session = shell.call::<StartDemo>(&NoArgs {}).unwrap();
    assert_eq!(session.mode, Mode::Demo);
    assert!(session.signed_in);
    let roles: Vec<&str> = session
        .businesses
        .iter()
        .map(|b| b.business.role.as_freshbooks())
        .collect();
    assert_eq!(roles.len(), 3, "{roles:?}");
    for role in ["owner", "admin", "business_employee"] {
        assert!(roles.contains(&role), "{role} missing from {roles:?}");
    }
    for b in &session.businesses {
        assert_eq!(b.writable, b.business.role.presumed_writable());
        assert!(b.listed);
        assert!(b.business.currency_code.is_some());
    }
    let current = session
        .current_business()
        .expect("the demo opens on a business");
    assert_eq!(current.business.role.as_freshbooks(), "owner");
    assert!(shell.dir.path().join("demo").is_dir());
    // The demo's sign-in never touched the real data folder's secrets.
    assert!(!shell.dir.path().join("sign-in.json").exists());

    let other = session
        .businesses
        .iter()
        .find(|b| Some(b.business.business_id) != session.current)
        .unwrap()
        .business
        .business_id;
    let switched = shell
        .call::<SwitchBusiness>(&ChosenBusiness { business: other })
        .unwrap();
    assert_eq!(switched.current, Some(other));
    assert_eq!(
        shell.call::<GetSession>(&NoArgs {}).unwrap().current,
        Some(other),
        "remembered"
    );

    let real = shell.call::<LeaveDemo>(&NoArgs {}).unwrap();
    assert_eq!(real.mode, Mode::Real);
    assert!(!real.signed_in);
    assert!(real.businesses.is_empty());
    assert!(!shell.dir.path().join("demo").exists());
}

/// A shell whose FreshBooks is the emulator, its relay the emulator's relay page.
fn shell_on(base: &str) -> Shell {
    Shell::new(|launch| {
        launch.api_url = Some(base.to_owned());
        launch.auth_url = Some(base.to_owned());
        // The emulator accepts its own relay page for its default app.
        launch.relay_url = Some(format!("{base}/oauth/relay"));
    })
}

/// Saves the emulator's app as the user's own, starts a sign-in, plays the browser and pastes
/// the answer: the address and the session it gave.
fn sign_in_with_own_app(shell: &Shell, base: &str) -> (String, Session) {
    shell
        .call::<SaveOwnApp>(&OwnApp {
            client_id: "demo-client-id".into(),
            client_secret: "demo-client-secret".into(),
        })
        .unwrap();
    let started: SignInStarted = shell
        .call::<StartSignIn>(&SignInWith {
            app: AppChoice::Own,
        })
        .unwrap();
    assert!(!started.browser_opened, "no opener on the mock runtime");
    assert!(started.authorize_url.starts_with(base));
    let address =
        tauri::async_runtime::block_on(crate::demo::follow(&started.authorize_url)).unwrap();
    let session = shell
        .call::<FinishSignIn>(&PastedAddress {
            address: address.clone(),
        })
        .unwrap();
    (address, session)
}

/// The own-app path against the emulator: the test plays the browser; the answer signs in once,
/// and a replayed, forged or foreign address is refused with its code, as an event too.
#[test]
fn sign_in_answers_are_checked_forged_and_replayed_ones_refused() {
    let emulator = emulator();
    let base = emulator.base_url();
    let shell = shell_on(&base);
    let (address, session) = sign_in_with_own_app(&shell, &base);
    assert!(session.signed_in);
    assert_eq!(session.mode, Mode::Real);
    assert_eq!(session.businesses.len(), 3);
    assert!(
        shell
            .events
            .lock()
            .unwrap()
            .iter()
            .any(|e| matches!(e, ShellEvent::Session { session } if session.signed_in)),
        "the window is told"
    );

    let replayed = shell
        .call::<FinishSignIn>(&PastedAddress {
            address: address.clone(),
        })
        .unwrap_err();
    assert_eq!(replayed.code, ErrorCode::SignInReplayed);

    let forged = address.replace("state=", "state=forged");
    let forged = shell
        .call::<FinishSignIn>(&PastedAddress { address: forged })
        .unwrap_err();
    assert_eq!(forged.code, ErrorCode::SignInStateMismatch);

    let foreign = shell
        .call::<FinishSignIn>(&PastedAddress {
            address: "https://example.com/somewhere?x=1".into(),
        })
        .unwrap_err();
    assert!(
        matches!(foreign.code, ErrorCode::NotASignInAddress { .. }),
        "{foreign:?}"
    );
    assert_eq!(
        shell.refusals().len(),
        3,
        "every refusal reaches the window: {:?}",
        shell.refusals()
    );
    tauri::async_runtime::block_on(emulator.shutdown());
}

/// Signing out with the offline copy removed: the sign-in and the own app are gone from where
/// they were kept, and an empty copy opens in the same folder (the welcome screen).
#[test]
fn sign_out_removing_the_offline_copy_returns_to_welcome() {
    let emulator = emulator();
    let base = emulator.base_url();
    let shell = shell_on(&base);
    let (_, session) = sign_in_with_own_app(&shell, &base);
    assert!(session.signed_in);
    let after = shell
        .call::<SignOut>(&SignOutArgs {
            remove_offline_copy: true,
            discard_unsent: false,
        })
        .unwrap();
    assert!(!after.signed_in);
    assert!(after.businesses.is_empty());
    assert_eq!(after.current, None);
    let kept = std::fs::read_to_string(shell.dir.path().join("sign-in.json")).unwrap_or_default();
    assert!(!kept.contains("access_token"), "tokens removed: {kept}");
    assert!(!kept.contains("demo-client"), "the own app removed: {kept}");
    assert_eq!(after.apps.own_client_id, None);
    // The app goes on over an empty copy in the same folder.
    let again = shell.call::<GetSession>(&NoArgs {}).unwrap();
    assert!(again.businesses.is_empty());
    assert!(shell.dir.path().join("ledgerline.sqlite3").exists());
    tauri::async_runtime::block_on(emulator.shutdown());
}

mod drafting;
mod invoices;
mod screens;
mod sync_page;
