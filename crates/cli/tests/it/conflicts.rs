//! A conflict (edited here and in FreshBooks) settled from the command line, then an invoice
//! drafted from unbilled time: a dry run that changes nothing, and a real draft sent by `sync`.

use crate::support::{Cli, assert_ok, assert_one_line_error, stdout};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn conflicts_and_invoice_draft_through_the_cli() {
    let cli = Cli::start().await;
    cli.sign_in();
    assert_ok(&cli.run(&["businesses"]).await);
    assert_ok(&cli.run(&["use", "xVm3Q"]).await);
    assert_ok(&cli.run(&["sync"]).await);
    let out = cli.run(&["clients", "list", "--json"]).await;
    let clients: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let id = clients[0]["id"].as_i64().unwrap();

    // Edited here and in FreshBooks: a conflict, resolved from the command line.
    assert_ok(
        &cli.run(&[
            "clients",
            "edit",
            &id.to_string(),
            "--organization",
            "Mine Ltd",
        ])
        .await,
    );
    let (access, _) = cli.emu.control().mint_tokens();
    let url = format!(
        "{}/accounting/account/xVm3Q/users/clients/{id}",
        cli.emu.base_url()
    );
    let answer = reqwest::Client::new()
        .put(url)
        .bearer_auth(access)
        .json(&serde_json::json!({"client": {"organization": "Theirs Inc"}}))
        .send()
        .await
        .unwrap();
    assert!(answer.status().is_success());
    // The conflict waits on the user: exit 5, one line saying where to settle it.
    assert_one_line_error(&cli.run(&["sync"]).await, 5, "conflicts list");
    let out = cli.run(&["conflicts", "list"]).await;
    assert_ok(&out);
    let line = stdout(&out);
    assert!(
        line.contains("Mine Ltd") && line.contains("Theirs Inc"),
        "{line}"
    );
    let number = line
        .split('\t')
        .next()
        .unwrap()
        .trim_start_matches('#')
        .to_owned();
    assert_one_line_error(&cli.run(&["conflicts", "resolve", &number]).await, 2, "");
    assert_ok(
        &cli.run(&["conflicts", "resolve", &number, "--keep-mine"])
            .await,
    );
    assert_ok(&cli.run(&["sync"]).await);
    let out = cli.run(&["export", "clients"]).await;
    let clients: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let ours = clients.iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(ours["organization"], "Mine Ltd");

    // Invoice from time: a dry run changes nothing; the real draft is sent by sync.
    let out = cli.run(&["time", "unbilled", "--json"]).await;
    let entries: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let client = entries
        .iter()
        .find_map(|e| e["client_id"].as_i64())
        .expect("unbilled time with a client");
    let client = client.to_string();
    let out = cli
        .run(&[
            "invoice",
            "draft",
            "--client",
            &client,
            "--rate",
            "100",
            "--round-minutes",
            "15",
            "--tax",
            "HST:13",
            "--dry-run",
        ])
        .await;
    assert_ok(&out);
    assert!(stdout(&out).contains("total"), "{}", stdout(&out));
    let before = cli.run(&["status"]).await;
    assert!(
        stdout(&before).contains("0 changes not done"),
        "{}",
        stdout(&before)
    );
    let out = cli
        .run(&[
            "invoice",
            "draft",
            "--client",
            &client,
            "--rate",
            "100",
            "--date",
            "2026-11-20",
        ])
        .await;
    assert_ok(&out);
    assert_ok(&cli.run(&["sync"]).await);
    let out = cli.run(&["time", "unbilled", "--client", &client]).await;
    assert!(stdout(&out).starts_with("0 entries"), "{}", stdout(&out));
    let out = cli.run(&["export", "invoices"]).await;
    let invoices: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let drafted = invoices
        .iter()
        .filter(|i| {
            i["customerid"].as_i64().map(|c| c.to_string()).as_deref() == Some(client.as_str())
                && i["create_date"] == "2026-11-20"
        })
        .count();
    assert_eq!(drafted, 1);
}
