//! Two processes on one data folder, as a user has them: the desktop app's core with its
//! background engine (this test process) and the real `ledgerline-cli` binary, both creating,
//! editing, undoing, drafting invoices from the same client's time and syncing, while FreshBooks
//! fails one request in ten. In the end nothing is lost, nothing is doubled, no time is billed
//! twice, and the database passes `integrity_check`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Duration;

use chrono::{TimeDelta, Utc};
use freshbooks_emulator::{Config, DemoBusiness, Faults};
use ledgerline_core::{Core, CoreConfig, Schedule, Scope, Store};
use ledgerline_freshbooks::{
    AccessToken, AppCredentials, Client, ClientSecret, MemoryTokenStore, RefreshToken, RetryPolicy,
    TokenSet,
};
use ledgerline_model::draft::{DraftRequest, Grouping, Rounding};
use ledgerline_model::entity::{ClientUpdate, NewClient};
use ledgerline_model::ids::{AccountId, BusinessId, ClientId};
use ledgerline_model::money::CurrencyCode;
use ledgerline_model::outbox::{OpKind, OpState};
use ledgerline_model::views::TimeFilter;
use rust_decimal::Decimal;

use crate::support::{Cli, assert_ok, stdout};

/// Rounds of work per process.
const ROUNDS: usize = 24;

/// What one process did, as far as it knows: the clients it created and whether each create
/// took, the email edits and whether each was undone, and the drafts that were accepted.
#[derive(Debug, Default)]
struct Done {
    /// Name → the email it should end with (`None`: no email, the edit was undone).
    clients: BTreeMap<String, Option<String>>,
    /// Names whose create was refused locally (it must not exist anywhere).
    refused: Vec<String>,
    /// Drafts saved locally.
    drafts: usize,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn desktop_engine_and_cli_share_a_data_folder_through_faults() {
    let cli = Cli::start_with(Config::for_tests()).await;
    cli.sign_in();
    let owner = cli
        .emu
        .control()
        .demo_identity()
        .businesses
        .into_iter()
        .find(|b| b.role == "owner")
        .expect("an owner business");
    assert_ok(&cli.run(&["businesses"]).await);
    assert_ok(&cli.run(&["use", &owner.account_id]).await);
    assert_ok(&cli.run(&["sync"]).await);

    // The desktop side: its own sign-in, the same data folder, the background engine.
    let core = desktop_core(&cli);
    core.refresh_businesses().await.expect("businesses");
    let business = BusinessId(owner.business_id);
    let (client, currency) = client_with_most_unbilled_time(&core, business).await;
    core.start_engine().expect("engine starts");

    cli.emu.control().set_faults(Faults {
        seed: 29,
        rate_limit_per_mille: 20,
        server_error_per_mille: 20,
        unavailable_per_mille: 15,
        reset_per_mille: 15,
        truncate_per_mille: 10,
        drop_after_commit_per_mille: 20,
        ..Faults::default()
    });
    let request = DraftRequest {
        client,
        from: None,
        to: None,
        grouping: Grouping::ByService,
        rounding: Rounding::EXACT,
        taxes: Vec::new(),
        currency,
        create_date: Utc::now().date_naive(),
        business_rate: Some(Decimal::from(100)),
        projects: Vec::new(),
        exclude: Vec::new(),
        include_non_billable: false,
        project_rounding: Vec::new(),
        template: String::new(),
    };
    let fb = freshbooks_client(&cli);
    let invoices_before = remote_invoices_of(&fb, &owner, client).await;
    let desktop = tokio::spawn(desktop_work(core.clone(), business, request));
    let command_line = command_line_work(&cli, client).await;
    let desktop = desktop.await.expect("desktop work");

    // Quiet network: both sides finish sending.
    cli.emu.control().clear_faults();
    core.shutdown().await;
    for _ in 0..10 {
        let out = cli.run(&["sync"]).await;
        if out.status.code() == Some(0) {
            break;
        }
    }
    let status = core.status(business).await.expect("status");
    let stuck: Vec<_> = status
        .open_ops
        .iter()
        .filter(|q| q.kind != OpKind::DraftInvoiceFromTime)
        .collect();
    assert!(stuck.is_empty(), "changes not sent: {stuck:#?}");

    let store = Store::open_in(&cli.dir.path().join("data")).expect("database opens");
    assert_eq!(
        store.integrity_check().expect("check runs"),
        vec!["ok".to_owned()]
    );

    // The run did what it is about: both sides created and edited, some edits were undone, and
    // drafts of the same time were attempted from both sides.
    for done in [&desktop, &command_line] {
        assert!(done.clients.len() >= ROUNDS / 2, "{done:?}");
    }
    let undone = [&desktop, &command_line]
        .iter()
        .flat_map(|d| d.clients.values())
        .filter(|email| email.is_none())
        .count();
    assert!(undone > 0, "no edit was undone");

    // Nothing lost, nothing doubled: every client either side created exists once in
    // FreshBooks with the email it should have; a create refused locally exists nowhere.
    let remote = remote_clients(&fb, &owner).await;
    for done in [&desktop, &command_line] {
        for (name, email) in &done.clients {
            let found: Vec<_> = remote.iter().filter(|(n, _)| n == name).collect();
            assert_eq!(found.len(), 1, "{name} in FreshBooks: {found:?}");
            assert_eq!(
                found[0].1.as_deref().filter(|e| !e.is_empty()),
                email.as_deref(),
                "{name}'s email"
            );
        }
        for name in &done.refused {
            assert!(remote.iter().all(|(n, _)| n != name), "{name} exists");
        }
    }

    // No time billed twice: the drafts that went out bill disjoint entries, and FreshBooks has
    // one invoice per draft sent.
    let changes = core.changes(business).await.expect("changes");
    let sent: Vec<_> = changes
        .iter()
        .filter(|q| q.kind == OpKind::DraftInvoiceFromTime && q.state == OpState::Done)
        .collect();
    let mut billed = BTreeSet::new();
    for draft in &sent {
        for entry in &draft.entries {
            assert!(billed.insert(*entry), "entry {entry} billed twice");
        }
    }
    assert!(
        sent.len() <= desktop.drafts + command_line.drafts,
        "more drafts sent than saved"
    );
    assert!(!sent.is_empty(), "one of the drafts goes out");
    let invoices_after = remote_invoices_of(&fb, &owner, client).await;
    assert_eq!(
        invoices_after - invoices_before,
        sent.len(),
        "one invoice in FreshBooks per draft sent"
    );
}

/// How many invoices FreshBooks has for a client.
async fn remote_invoices_of(fb: &Client, owner: &DemoBusiness, client: ClientId) -> usize {
    use futures::TryStreamExt as _;
    let account = AccountId::from(owner.account_id.as_str());
    let invoices: Vec<_> = fb
        .invoices(&account)
        .list()
        .stream()
        .try_collect()
        .await
        .expect("invoices from FreshBooks");
    invoices.iter().filter(|i| i.client_id == client).count()
}

/// A core like the desktop app's on the CLI's data folder, signed in on its own.
fn desktop_core(cli: &Cli) -> Core {
    let core = Core::open(CoreConfig {
        data_dir: cli.dir.path().join("data"),
        schedule: Schedule::default(),
    })
    .expect("core opens");
    core.set_client(freshbooks_client(cli));
    core
}

fn freshbooks_client(cli: &Cli) -> Client {
    let (access, refresh) = cli.emu.control().mint_tokens();
    let store = Arc::new(MemoryTokenStore::with_tokens(TokenSet {
        access_token: AccessToken::new(access),
        refresh_token: RefreshToken::new(refresh),
        expires_at: Utc::now() + TimeDelta::hours(12),
        scope: None,
    }));
    let app = AppCredentials {
        client_id: "demo-client-id".into(),
        client_secret: ClientSecret::new("demo-client-secret"),
        redirect_uri: "https://localhost/oauth/callback".parse().expect("a URL"),
    };
    let base = cli.emu.base_url();
    let mut config = ledgerline_freshbooks::Config::with_urls(app, &base, &base).expect("URL");
    config.retry = RetryPolicy {
        max_attempts: 4,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(200),
    };
    Client::new(config, store).expect("client")
}

async fn client_with_most_unbilled_time(
    core: &Core,
    business: BusinessId,
) -> (ClientId, CurrencyCode) {
    let entries = core
        .unbilled_time(business, TimeFilter::default())
        .await
        .expect("unbilled time");
    let mut per_client: BTreeMap<ClientId, usize> = BTreeMap::new();
    for entry in &entries {
        if let Some(client) = entry.client_id {
            *per_client.entry(client).or_default() += 1;
        }
    }
    let client = per_client
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(client, _)| client)
        .expect("a client with unbilled time");
    let currency = core
        .client_currency(business, client)
        .await
        .expect("client")
        .unwrap_or_else(|| CurrencyCode::new("CAD").expect("a code"));
    (client, currency)
}

/// The desktop side: creates and edits its own clients, undoes some edits, drafts from the
/// shared client's time twice, and asks its engine to sync now and then.
async fn desktop_work(core: Core, business: BusinessId, request: DraftRequest) -> Done {
    let mut done = Done::default();
    for round in 0..ROUNDS {
        let name = format!("Desktop client {round}");
        let created = core
            .create_client(
                business,
                NewClient {
                    organization: Some(name.clone()),
                    ..NewClient::default()
                },
            )
            .await;
        let Ok(id) = created else {
            done.refused.push(name);
            continue;
        };
        let email = format!("desktop{round}@example.com");
        let edit = core
            .update_client(
                business,
                id,
                ClientUpdate {
                    email: Some(email.clone()),
                    ..ClientUpdate::default()
                },
            )
            .await;
        let mut expected = edit.as_ref().ok().map(|_| email);
        if round % 4 == 3
            && let Ok(seq) = edit
            && core.undo(business, seq).await.is_ok()
        {
            expected = None;
        }
        done.clients.insert(name, expected);
        if (round == 6 || round == 7) && core.draft_invoice(business, &request).await.is_ok() {
            done.drafts += 1;
        }
        if round % 5 == 0 {
            let _ = core.sync_now(Scope::Current, false).await;
        }
        tokio::time::sleep(Duration::from_millis(15)).await;
    }
    done
}

/// The command line side: the same kinds of work through the real binary, one process per
/// command, as a script would.
async fn command_line_work(cli: &Cli, client: ClientId) -> Done {
    let mut done = Done::default();
    let client = client.to_string();
    for round in 0..ROUNDS {
        let name = format!("Command line client {round}");
        let out = cli.run(&["clients", "add", "--organization", &name]).await;
        if !out.status.success() {
            done.refused.push(name);
            continue;
        }
        let id = stdout(&out)
            .split('\t')
            .next()
            .map(str::to_owned)
            .expect("the new client's id");
        let email = format!("cli{round}@example.com");
        let out = cli.run(&["clients", "edit", &id, "--email", &email]).await;
        let mut expected = out.status.success().then(|| email.clone());
        if round % 4 == 1
            && let Some(seq) = change_number(&stdout(&out))
            && cli.run(&["undo", &seq]).await.status.success()
        {
            expected = None;
        }
        done.clients.insert(name, expected);
        if round == 6 || round == 7 {
            let out = cli
                .run(&["invoice", "draft", "--client", &client, "--rate", "100"])
                .await;
            if out.status.success() {
                done.drafts += 1;
            }
        }
        if round % 3 == 0 {
            // 0, or 4 (FreshBooks failed a step) or 5 (something waits on the user): all fine.
            let _ = cli.run(&["sync"]).await;
        }
    }
    done
}

/// `change #12 saved locally; …` → `12`.
fn change_number(text: &str) -> Option<String> {
    let rest = text.split("change #").nth(1)?;
    Some(rest.chars().take_while(char::is_ascii_digit).collect())
}

/// Every client FreshBooks has, as (organization, email).
async fn remote_clients(fb: &Client, owner: &DemoBusiness) -> Vec<(String, Option<String>)> {
    use futures::TryStreamExt as _;
    let account = AccountId::from(owner.account_id.as_str());
    let clients: Vec<_> = fb
        .clients(&account)
        .list()
        .stream()
        .try_collect()
        .await
        .expect("clients from FreshBooks");
    clients
        .into_iter()
        .map(|c| (c.organization.unwrap_or_default(), c.email))
        .collect()
}
