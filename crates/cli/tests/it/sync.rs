//! `sync` and what a script runs around it (`businesses`, `use`, `clients`, `export`, `time`),
//! and sync's exit codes: 3 not signed in, 1 no business chosen, 4 FreshBooks unreachable,
//! 5 while a change FreshBooks refused waits on the user.

use crate::support::{Cli, assert_ok, assert_one_line_error, stdout};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_use_clients_export_and_errors() {
    let cli = Cli::start().await;
    // Not signed in: exit 3 with what to do.
    assert_one_line_error(&cli.run(&["sync"]).await, 3, "auth login");
    cli.sign_in();
    // Several businesses and none chosen: the user must choose.
    assert_one_line_error(&cli.run(&["sync"]).await, 1, "ledgerline-cli use");
    let out = cli.run(&["businesses"]).await;
    assert_ok(&out);
    assert_eq!(stdout(&out).lines().count(), 3);
    assert_ok(&cli.run(&["use", "maple"]).await);
    assert_one_line_error(
        &cli.run(&["use", "Nowhere"]).await,
        1,
        "no business matches",
    );
    let out = cli.run(&["sync", "--all"]).await;
    assert_ok(&out);
    assert!(stdout(&out).starts_with("synced:"), "{}", stdout(&out));
    // And what the limit on requests in flight did: some sent, at most its ceiling at once.
    let requests = stdout(&out)
        .lines()
        .find_map(|l| l.strip_prefix("requests: "))
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("no requests line: {}", stdout(&out)));
    let peak: usize = requests
        .split_once("at most ")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no peak: {requests}"));
    assert!((1..=8).contains(&peak), "{requests}");
    assert!(requests.ends_with(", 0 throttled"), "{requests}");

    let out = cli
        .run(&[
            "clients",
            "add",
            "--organization",
            "Scripted Co",
            "--email",
            "s@example.com",
        ])
        .await;
    assert_ok(&out);
    let out = cli.run(&["status"]).await;
    assert!(stdout(&out).contains("create_client"), "{}", stdout(&out));
    assert_ok(&cli.run(&["sync"]).await);
    let out = cli.run(&["export", "clients", "--format", "json"]).await;
    assert_ok(&out);
    let clients: Vec<serde_json::Value> =
        serde_json::from_str(&stdout(&out)).expect("one JSON array");
    let scripted: Vec<_> = clients
        .iter()
        .filter(|c| c["organization"] == "Scripted Co")
        .collect();
    assert_eq!(scripted.len(), 1);
    assert!(scripted[0]["id"].as_i64().unwrap() > 0);
    let id = scripted[0]["id"].to_string();
    assert_ok(&cli.run(&["clients", "archive", &id]).await);
    assert_ok(&cli.run(&["sync"]).await);
    let out = cli.run(&["clients", "list", "--archived"]).await;
    assert!(
        stdout(&out).contains("Scripted Co\ts@example.com (archived)"),
        "{}",
        stdout(&out)
    );

    let out = cli
        .run(&[
            "export",
            "invoices",
            "--format",
            "csv",
            "--business",
            "Hudson",
        ])
        .await;
    assert_ok(&out);
    let text = stdout(&out);
    let header = text.lines().next().unwrap();
    assert!(
        header.contains("lines") && header.contains("invoice_number"),
        "{header}"
    );
    assert_one_line_error(
        &cli.run(&["export", "widgets"]).await,
        1,
        "not something Ledgerline mirrors",
    );

    let out = cli.run(&["time", "unbilled"]).await;
    assert_ok(&out);
    assert!(stdout(&out).contains("entries"));
    // FreshBooks unreachable: exit 4.
    cli.emu.control().set_faults(freshbooks_emulator::Faults {
        unavailable_per_mille: 1000,
        ..Default::default()
    });
    assert_eq!(cli.run(&["sync"]).await.status.code(), Some(4));
}

/// Changes FreshBooks refused show in `sync`'s exit status (5), in this run and the next ones,
/// until the user drops them; `sync --help` documents the code.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_6_sync_exits_5_while_a_refused_change_waits() {
    let cli = Cli::start().await;
    cli.sign_in();
    assert_ok(&cli.run(&["businesses"]).await);
    let read_only = cli
        .emu
        .control()
        .demo_identity()
        .businesses
        .into_iter()
        .find(|b| !b.can_write)
        .expect("a read-only business");
    assert_ok(&cli.run(&["use", &read_only.account_id]).await);
    assert_ok(&cli.run(&["sync"]).await);
    let out = cli.run(&["clients", "list", "--json"]).await;
    let clients: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let id = clients[0]["id"].as_i64().unwrap().to_string();
    assert_ok(
        &cli.run(&["clients", "edit", &id, "--organization", "Not Allowed Ltd"])
            .await,
    );
    assert_one_line_error(&cli.run(&["sync"]).await, 5, "1 changes were refused");
    // Still waiting on the user at the next sync.
    assert_one_line_error(&cli.run(&["sync"]).await, 5, "ledgerline-cli undo");
    let out = cli.run(&["status"]).await;
    let text = stdout(&out);
    let change = text
        .lines()
        .find(|l| l.contains("rejected"))
        .and_then(|l| l.trim().split('\t').next())
        .map(|n| n.trim_start_matches('#').to_owned())
        .unwrap_or_else(|| panic!("{text}"));
    assert_ok(&cli.run(&["undo", &change]).await);
    assert_ok(&cli.run(&["sync"]).await);

    let out = cli.run(&["sync", "--help"]).await;
    assert_ok(&out);
    assert!(
        stdout(&out).contains("5 the sync finished but changes were refused"),
        "{}",
        stdout(&out)
    );
}
