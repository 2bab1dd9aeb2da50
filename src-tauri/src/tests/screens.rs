//! The everyday screens' commands through `tauri::test`, over a real core: the demo (its
//! emulated FreshBooks in-process) for reads, exports, the read-only role and offline edits (the
//! engine told the network is gone, so nothing is sent), and the emulator stopped for the timer
//! across a restart.

use std::collections::BTreeSet;

use chrono::Local;
use ledgerline_core::Entity;
use ledgerline_model::entity::{ClientUpdate, NewClient, Role, VisState};
use ledgerline_model::error::{ErrorCode, ErrorKind};
use ledgerline_model::ipc::{
    AddressArgs, ChosenBusiness, ClientChange, ClientVisibility, CreateClient, CreateTimeEntry,
    DiscardTimer, ExportArgs, ExportFormat, ExportList, ExportListFile, GetClient, GetHome,
    GetPickers, GetPreferences, GetTimeEntry, GetTimer, HomeArgs, HomeScope, InvoicePageArgs,
    ListClients, ListInvoices, ListTime, NoArgs, OpenAddress, Preferences, RecordId, RevealArgs,
    RevealPath, Search, SearchArgs, Session, SetClientVisibility, SetPreferences, StartDemo,
    StartTimer, StopTimer, SwitchBusiness, SyncNow, Theme, UndoArgs, UndoChange, UpdateClient,
};
use ledgerline_model::timer::TimerStart;
use ledgerline_model::views::{ClientQuery, ClientRow, TimeQuery};

use super::{Shell, emulator, sign_in_with_own_app};
use crate::Launch;
use crate::state::AppExt;
use tauri::Manager;

/// The demo started and its first business pulled.
fn demo() -> (Shell, Session) {
    let shell = Shell::new(|_| {});
    let session = shell.call::<StartDemo>(&NoArgs {}).unwrap();
    shell.call::<SyncNow>(&NoArgs {}).unwrap();
    (shell, session)
}

fn core(shell: &Shell) -> ledgerline_core::Core {
    shell.webview.app_handle().core()
}

/// A CSV file's rows (RFC 4180: quoted cells, doubled quotes), header first.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

#[test]
fn home_lists_search_and_exports_answer_for_the_demo_business() {
    let (shell, session) = demo();
    let business = session.current_business().unwrap().business.clone();

    let home = shell
        .call::<GetHome>(&HomeArgs {
            scope: HomeScope::Current,
        })
        .unwrap();
    assert_eq!(home.business, Some(business.business_id));
    assert_eq!(home.today, Local::now().date_naive());
    assert!(!home.receivable.is_empty(), "{home:?}");
    for r in &home.receivable {
        assert!(r.outstanding.amount.is_sign_positive() && !r.outstanding.amount.is_zero());
        assert!(r.overdue.amount <= r.outstanding.amount);
        assert!(r.overdue_count <= r.outstanding_count);
    }
    assert!(
        home.unbilled.iter().any(|u| u.total.entries > 0),
        "{home:?}"
    );
    let all = shell
        .call::<GetHome>(&HomeArgs {
            scope: HomeScope::All,
        })
        .unwrap();
    assert_eq!(all.business, None);
    for r in &home.receivable {
        let sum = all
            .receivable
            .iter()
            .find(|a| a.currency == r.currency)
            .expect("every business's figures hold the current one's currencies");
        assert!(sum.outstanding.amount >= r.outstanding.amount);
    }

    let clients: Vec<ClientRow> = shell.call::<ListClients>(&ClientQuery::default()).unwrap();
    assert!(!clients.is_empty());
    let first = &clients[0];
    let fields = shell.call::<GetClient>(&RecordId { id: first.id }).unwrap();
    assert_eq!(fields.id.get(), first.id);
    assert_eq!(fields.display_name(), first.name);
    assert_eq!(fields.email, first.email);

    let word = first.name.split_whitespace().next().unwrap().to_owned();
    let hits = shell
        .call::<Search>(&SearchArgs {
            text: word.clone(),
            limit: 50,
        })
        .unwrap();
    assert!(
        hits.iter()
            .any(|h| h.entity == Entity::Clients && h.id == first.id),
        "{word} finds {}: {hits:?}",
        first.name
    );

    let pickers = shell.call::<GetPickers>(&NoArgs {}).unwrap();
    let listed: BTreeSet<i64> = clients.iter().map(|c| c.id).collect();
    let picked: BTreeSet<i64> = pickers.clients.iter().map(|c| c.id.get()).collect();
    assert_eq!(picked, listed, "the pickers offer the active clients");
    assert!(!pickers.services.is_empty() || !pickers.projects.is_empty());

    let time = shell
        .call::<ListTime>(&TimeQuery {
            limit: Some(5),
            ..TimeQuery::default()
        })
        .unwrap();
    assert!(!time.rows.is_empty());
    assert!(time.totals.entries as usize >= time.rows.len());
    let row = &time.rows[0];
    let entry = shell
        .call::<GetTimeEntry>(&RecordId { id: row.id })
        .unwrap();
    assert_eq!(entry.duration_seconds, row.duration_seconds);
    assert_eq!(entry.note, row.note);
    assert_eq!(entry.client_id, row.client);
    assert!(
        !shell
            .call::<ListInvoices>(&InvoicePageArgs::default())
            .unwrap()
            .rows
            .is_empty()
    );

    // The export holds exactly the list's rows, in its order.
    let export = ExportArgs {
        list: ExportList::Clients {
            query: ClientQuery::default(),
        },
        format: ExportFormat::Csv,
    };
    let done = shell.call::<ExportListFile>(&export).unwrap();
    assert_eq!(done.rows, clients.len());
    assert!(
        done.path
            .starts_with(&shell.dir.path().display().to_string())
    );
    let name = std::path::Path::new(&done.path)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let day = Local::now().date_naive().format("%Y-%m-%d").to_string();
    assert!(
        name.ends_with(&format!("-clients-{day}.csv")),
        "named with the business, the list and the day: {name}"
    );
    let rows = read_csv(&std::fs::read_to_string(&done.path).unwrap());
    assert_eq!(rows[0][..3], ["id", "name", "email"]);
    assert_eq!(rows.len(), clients.len() + 1);
    for (csv, row) in rows[1..].iter().zip(&clients) {
        assert_eq!(csv[0], row.id.to_string());
        assert_eq!(csv[1], row.name);
        assert_eq!(csv[2], row.email.clone().unwrap_or_default());
        assert_eq!(csv[3], "active");
        let owed: Vec<String> = row
            .outstanding
            .iter()
            .map(|m| m.amount.to_string())
            .collect();
        assert_eq!(csv[4], owed.join("; "), "exact decimals");
    }
    let again = shell.call::<ExportListFile>(&export).unwrap();
    assert_ne!(again.path, done.path, "never overwrites");
    assert!(again.path.ends_with(&format!("-clients-{day}-2.csv")));
    let json = shell
        .call::<ExportListFile>(&ExportArgs {
            format: ExportFormat::Json,
            ..export
        })
        .unwrap();
    let back: Vec<ClientRow> =
        serde_json::from_str(&std::fs::read_to_string(&json.path).unwrap()).unwrap();
    assert_eq!(back, clients);

    // The file manager is shown only Ledgerline's own files (the mock runtime has none to
    // open, so an allowed path fails later, on the opening).
    let outside = shell
        .call::<RevealPath>(&RevealArgs {
            path: "/etc/passwd".into(),
        })
        .unwrap_err();
    assert_eq!(outside.code, ErrorCode::BadRequest);
    let ours = shell
        .call::<RevealPath>(&RevealArgs { path: done.path })
        .unwrap_err();
    assert!(
        matches!(ours.code, ErrorCode::DataFolder { .. }),
        "{ours:?}"
    );
}

#[test]
fn edits_in_a_read_only_business_are_refused_before_anything_is_queued() {
    let (shell, session) = demo();
    let employee = session
        .businesses
        .iter()
        .find(|b| b.business.role == Role::BusinessEmployee)
        .unwrap()
        .business
        .business_id;
    shell
        .call::<SwitchBusiness>(&ChosenBusiness { business: employee })
        .unwrap();
    let client = NewClient {
        organization: Some("Never Queued Ltd".into()),
        ..NewClient::default()
    };
    let refusals = [
        shell.call::<CreateClient>(&client).unwrap_err(),
        shell
            .call::<UpdateClient>(&ClientChange {
                id: 1,
                changes: ClientUpdate {
                    email: Some("x@example.com".into()),
                    ..ClientUpdate::default()
                },
            })
            .unwrap_err(),
        shell
            .call::<SetClientVisibility>(&ClientVisibility {
                id: 1,
                to: VisState::Archived,
            })
            .unwrap_err(),
        shell
            .call::<CreateTimeEntry>(&ledgerline_model::entity::NewTimeEntry {
                started_at: chrono::Utc::now(),
                duration_seconds: 60,
                note: None,
                client_id: None,
                project_id: None,
                service_id: None,
                task_id: None,
                identity_id: None,
                billable: false,
                internal: true,
            })
            .unwrap_err(),
        shell
            .call::<StartTimer>(&TimerStart::default())
            .unwrap_err(),
    ];
    for refused in refusals {
        assert_eq!(refused.kind, ErrorKind::Forbidden, "{refused:?}");
        assert_eq!(refused.code, ErrorCode::Forbidden);
        assert!(
            refused.message.contains("team member"),
            "{}",
            refused.message
        );
    }
    let core = core(&shell);
    let status = tauri::async_runtime::block_on(core.status(employee)).unwrap();
    assert!(status.open_ops.is_empty(), "{:?}", status.open_ops);
    assert_eq!(
        tauri::async_runtime::block_on(core.running_timer()).unwrap(),
        None
    );
    // Reads still answer.
    shell.call::<ListClients>(&ClientQuery::default()).unwrap();
}

#[test]
fn a_client_made_offline_is_pending_undoable_and_archived_then_restored() {
    let (shell, _) = demo();
    let core = core(&shell);
    // No network: the engine sends nothing, so every change stays queued.
    tauri::async_runtime::block_on(core.network_changed(false));

    let made = shell
        .call::<CreateClient>(&NewClient {
            organization: Some("Offline Maple Works".into()),
            email: Some("hello@offline-maple.example".into()),
            ..NewClient::default()
        })
        .unwrap();
    assert!(made.id < 0, "a local id until FreshBooks numbers it");
    let create_seq = made.seq.expect("a queued change");
    let search = ClientQuery {
        search: Some("offline map".into()),
        ..ClientQuery::default()
    };
    let found = shell.call::<ListClients>(&search).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].id, made.id);
    assert!(found[0].pending);
    assert_eq!(found[0].name, "Offline Maple Works");
    let fields = shell.call::<GetClient>(&RecordId { id: made.id }).unwrap();
    assert_eq!(fields.email.as_deref(), Some("hello@offline-maple.example"));

    let edited = shell
        .call::<UpdateClient>(&ClientChange {
            id: made.id,
            changes: ClientUpdate {
                city: Some("Halifax".into()),
                ..ClientUpdate::default()
            },
        })
        .unwrap();
    assert_eq!(edited.id, made.id);
    let fields = shell.call::<GetClient>(&RecordId { id: made.id }).unwrap();
    assert_eq!(fields.address.city.as_deref(), Some("Halifax"));
    if let Some(seq) = edited.seq.filter(|seq| *seq != create_seq) {
        shell.call::<UndoChange>(&UndoArgs { seq }).unwrap();
    }
    shell
        .call::<UndoChange>(&UndoArgs { seq: create_seq })
        .unwrap();
    assert!(shell.call::<ListClients>(&search).unwrap().is_empty());
    let again = shell
        .call::<UndoChange>(&UndoArgs { seq: create_seq })
        .unwrap_err();
    assert_eq!(
        again.code,
        ErrorCode::TooLateToUndo { change: create_seq },
        "an undone change cannot be undone twice: {again:?}"
    );

    // Archive, then restore, a client FreshBooks has.
    let clients = shell.call::<ListClients>(&ClientQuery::default()).unwrap();
    let target = clients.iter().find(|c| !c.pending).unwrap().clone();
    let archived = shell
        .call::<SetClientVisibility>(&ClientVisibility {
            id: target.id,
            to: VisState::Archived,
        })
        .unwrap();
    assert_eq!(archived.id, target.id);
    assert!(archived.seq.is_some());
    let active = shell.call::<ListClients>(&ClientQuery::default()).unwrap();
    assert!(active.iter().all(|c| c.id != target.id));
    let only_archived = ClientQuery {
        active: false,
        archived: true,
        ..ClientQuery::default()
    };
    let row = shell
        .call::<ListClients>(&only_archived)
        .unwrap()
        .into_iter()
        .find(|c| c.id == target.id)
        .expect("listed among the archived");
    assert_eq!(row.vis_state, VisState::Archived);
    assert!(row.pending);
    shell
        .call::<SetClientVisibility>(&ClientVisibility {
            id: target.id,
            to: VisState::Active,
        })
        .unwrap();
    let row = shell
        .call::<ListClients>(&ClientQuery::default())
        .unwrap()
        .into_iter()
        .find(|c| c.id == target.id)
        .expect("active again");
    assert_eq!(row.vis_state, VisState::Active);
}

#[test]
fn the_timer_survives_a_restart_and_stops_into_a_pending_time_entry() {
    let emulator = emulator();
    let base = emulator.base_url();
    let on_emulator = |launch: &mut Launch| {
        launch.api_url = Some(base.clone());
        launch.auth_url = Some(base.clone());
        launch.relay_url = Some(format!("{base}/oauth/relay"));
    };
    let shell = Shell::new(on_emulator);
    let (_, session) = sign_in_with_own_app(&shell, &base);
    let owner = session
        .businesses
        .iter()
        .find(|b| b.business.role == Role::Owner)
        .unwrap()
        .business
        .business_id;
    shell
        .call::<SwitchBusiness>(&ChosenBusiness { business: owner })
        .unwrap();
    shell.call::<SyncNow>(&NoArgs {}).unwrap();
    let client = shell.call::<ListClients>(&ClientQuery::default()).unwrap()[0].clone();
    // FreshBooks goes away: what follows is offline.
    tauri::async_runtime::block_on(emulator.shutdown());

    let started = shell
        .call::<StartTimer>(&TimerStart {
            client: Some(ledgerline_model::ids::ClientId(client.id)),
            note: Some("Across a restart".into()),
            ..TimerStart::default()
        })
        .unwrap();
    assert_eq!(started.business, owner);
    let twice = shell
        .call::<StartTimer>(&TimerStart::default())
        .unwrap_err();
    assert!(
        matches!(twice.code, ErrorCode::TimerRunning { .. }),
        "{twice:?}"
    );

    // Restart: the core is shut down and the app opened again on the same folder.
    tauri::async_runtime::block_on(core(&shell).shutdown());
    let Shell {
        _app, webview, dir, ..
    } = shell;
    drop(webview);
    drop(_app);
    let shell = Shell::in_dir(dir, on_emulator);

    let running = shell
        .call::<GetTimer>(&NoArgs {})
        .unwrap()
        .expect("the timer is kept in the mirror");
    assert_eq!(running.started_at, started.started_at);
    assert_eq!(running.start.note.as_deref(), Some("Across a restart"));
    assert_eq!(running.client_name.as_deref(), Some(client.name.as_str()));
    let stopped = shell.call::<StopTimer>(&NoArgs {}).unwrap();
    assert!(stopped.id < 0);
    assert!(stopped.seq.is_some());
    assert_eq!(shell.call::<GetTimer>(&NoArgs {}).unwrap(), None);
    let refused = shell.call::<DiscardTimer>(&NoArgs {}).unwrap_err();
    assert_eq!(refused.code, ErrorCode::NoTimer);
    let list = shell
        .call::<ListTime>(&TimeQuery {
            client: Some(ledgerline_model::ids::ClientId(client.id)),
            ..TimeQuery::default()
        })
        .unwrap();
    let row = list
        .rows
        .iter()
        .find(|r| r.id == stopped.id)
        .expect("the stopped timer's entry is listed");
    assert!(row.pending);
    assert!(row.billable);
    assert_eq!(row.note.as_deref(), Some("Across a restart"));
}

#[test]
fn open_address_opens_only_https_on_our_hosts_and_preferences_are_kept() {
    let shell = Shell::new(|_| {});
    for refused in [
        "http://my.freshbooks.com/",
        "https://evil.example/login",
        "https://my.freshbooks.com.evil.example/",
    ] {
        let err = shell
            .call::<OpenAddress>(&AddressArgs {
                url: refused.into(),
            })
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::BadRequest, "{refused}: {err:?}");
        assert!(err.message.contains(refused), "{}", err.message);
    }
    // Allowed: it gets as far as the browser (none on the mock runtime).
    let err = shell
        .call::<OpenAddress>(&AddressArgs {
            url: "https://my.freshbooks.com/#/developer".into(),
        })
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InternalTask, "{err:?}");

    assert_eq!(
        shell.call::<GetPreferences>(&NoArgs {}).unwrap(),
        Preferences::default()
    );
    let chosen = Preferences {
        language: Some("fr-CA".into()),
        theme: Theme::Dark,
        sync_every_minutes: 30,
    };
    assert_eq!(shell.call::<SetPreferences>(&chosen).unwrap(), chosen);
    assert_eq!(shell.call::<GetPreferences>(&NoArgs {}).unwrap(), chosen);
    let bad = shell
        .call::<SetPreferences>(&Preferences {
            sync_every_minutes: 0,
            ..chosen.clone()
        })
        .unwrap_err();
    assert_eq!(bad.kind, ErrorKind::Validation);
    assert_eq!(shell.call::<GetPreferences>(&NoArgs {}).unwrap(), chosen);
}
