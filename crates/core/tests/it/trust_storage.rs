//! Storage, secrets, identity and payloads (issue 13, items 7, 11, 12 and 13): the business's
//! currency comes from FreshBooks, the outbox's commits survive power loss, the files holding the
//! mirror and the sign-in are private and never half-written, and payloads never guess.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use freshbooks_emulator::{Config as EmuConfig, Emulator};
use ledgerline_core::secrets::{SecretTokenStore, Secrets};
use ledgerline_core::{Entity, Scope};
use ledgerline_freshbooks::{
    AccessToken, AppCredentials, Client, ClientSecret, Config, RefreshToken, RetryPolicy, TokenSet,
};
use ledgerline_model::entity::{LineTax, NewInvoice, NewInvoiceLine};
use ledgerline_model::ids::ClientId;
use ledgerline_model::money::{CurrencyCode, Money};
use rust_decimal::Decimal;
use serde_json::json;

use crate::Harness;
use crate::sync::remote;

/// Item 7: a CAD business is known as CAD from identity, so a draft for a client with no
/// currency of its own can be made in the business's currency instead of a guessed one.
#[tokio::test]
async fn a_cad_business_reads_its_currency_from_identity_instead_of_leaving_it_empty() {
    let h = Harness::start().await;
    let owner = h.owner().await;
    assert_eq!(
        owner.currency_code,
        Some(CurrencyCode::new("CAD").unwrap()),
        "the owner's business is a CAD business in FreshBooks"
    );
    let usd = h
        .businesses()
        .await
        .into_iter()
        .find(|b| b.name.starts_with("Hudson"))
        .expect("the USD business");
    assert_eq!(usd.currency_code, Some(CurrencyCode::new("USD").unwrap()));
    // Kept in the mirror: read back offline.
    let stored = h.core.business(owner.business_id).await.unwrap();
    assert_eq!(
        stored.currency_code,
        Some(CurrencyCode::new("CAD").unwrap())
    );
}

/// The permission bits of a file or folder.
#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// Item 12: the mirror holds a business's books; no other account on the machine may read it,
/// whatever the umask (here 022): the folder is created 0700, the database and its `-wal` and
/// `-shm` files 0600.
#[cfg(unix)]
#[tokio::test]
async fn the_data_folder_and_database_files_are_private_to_their_owner() {
    let h = Harness::start().await;
    let data = h.dir.path().join("nested").join("data");
    let core = crate::open_core(&data, h.client.clone());
    core.refresh_businesses().await.unwrap();
    let db = data.join("ledgerline.sqlite3");
    assert_eq!(mode(&data), 0o700, "the data folder");
    for file in [
        db.clone(),
        data.join("ledgerline.sqlite3-wal"),
        data.join("ledgerline.sqlite3-shm"),
    ] {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
    // A database made by an older version with the default umask is made private on open.
    drop(core);
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let _core = crate::open_core(&data, h.client.clone());
    assert_eq!(mode(&db), 0o600, "an old database made private");
}

fn token_pair(n: usize, expires_at: chrono::DateTime<chrono::Utc>) -> TokenSet {
    TokenSet {
        access_token: AccessToken::new(format!("access-{n}-{}", "a".repeat(n % 4096))),
        refresh_token: RefreshToken::new(format!("refresh-{n}")),
        expires_at,
        scope: None,
    }
}

/// Item 12: two processes (here threads, each its own `Secrets`) saving the sign-in at the same
/// time, many times, while a third reads it: every save succeeds and every read finds a whole
/// file, never a half-written one (each save writes its own temp file, then renames it).
#[test]
fn two_savers_at_once_never_install_a_half_written_token_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tokens.json");
    Secrets::File(path.clone())
        .save_tokens(&token_pair(0, chrono::Utc::now()))
        .unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (path, stop) = (path.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut reads = 0;
            while !stop.load(Ordering::Relaxed) {
                let read = Secrets::File(path.clone()).tokens();
                assert!(matches!(read, Ok(Some(_))), "read {reads}: {read:?}");
                reads += 1;
            }
            reads
        })
    };
    let savers: Vec<_> = (0..2)
        .map(|saver| {
            let path = path.clone();
            std::thread::spawn(move || {
                for round in 0..150 {
                    // Sizes vary so that a torn file cannot pass for a whole one.
                    let n = saver * 10_000 + round * 37;
                    Secrets::File(path.clone())
                        .save_tokens(&token_pair(n, chrono::Utc::now()))
                        .unwrap_or_else(|e| panic!("saver {saver}, round {round}: {e}"));
                }
            })
        })
        .collect();
    let mut failed = Vec::new();
    for saver in savers {
        if let Err(e) = saver.join() {
            failed.push(e);
        }
    }
    stop.store(true, Ordering::Relaxed);
    let reads = reader.join();
    assert!(
        failed.is_empty(),
        "a save failed: {:?}",
        failed
            .iter()
            .map(|e| e.downcast_ref::<String>())
            .collect::<Vec<_>>()
    );
    assert!(reads.is_ok(), "a read found a damaged file");
    assert!(Secrets::File(path.clone()).tokens().unwrap().is_some());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "tokens.json" && n != "tokens.json.lock")
        .collect();
    assert!(
        leftovers.is_empty(),
        "temp files left behind: {leftovers:?}"
    );
}

/// A client of its own (its own session, as in another process) over the token file at `path`.
fn client_over_token_file(emu: &Emulator, path: &std::path::Path) -> Client {
    let store = Arc::new(SecretTokenStore::new(Secrets::File(path.to_owned())));
    let app = AppCredentials {
        client_id: "demo-client-id".into(),
        client_secret: ClientSecret::new("demo-client-secret"),
        redirect_uri: "https://localhost/oauth/callback".parse().unwrap(),
    };
    let mut config = Config::with_urls(app, &emu.base_url(), &emu.base_url()).unwrap();
    config.retry = RetryPolicy {
        max_attempts: 2,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
    };
    Client::new(config, store).unwrap()
}

/// Item 12: two independent clients (two processes' sessions) share one token file and both find
/// the access token expired at once. FreshBooks' refresh tokens are single-use, so without a lock
/// both spend the same one and the loser, finding nothing new saved yet, is signed out. With the
/// file lock the second waits, re-reads the pair the first saved, and both stay signed in.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_clients_sharing_a_token_file_refresh_at_once_and_neither_is_signed_out() {
    let emu = Emulator::start(EmuConfig::for_tests()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tokens.json");
    let secrets = Secrets::File(path.clone());
    let (access, refresh) = emu.control().mint_tokens();
    secrets
        .save_tokens(&TokenSet {
            access_token: AccessToken::new(access),
            refresh_token: RefreshToken::new(refresh),
            expires_at: chrono::Utc::now(),
            scope: None,
        })
        .unwrap();
    for round in 0..12 {
        // The stored pair (with its live refresh token) looks expired to both.
        let mut stored = secrets.tokens().unwrap().expect("still signed in");
        stored.expires_at = chrono::Utc::now() - chrono::TimeDelta::hours(1);
        secrets.save_tokens(&stored).unwrap();
        let a = client_over_token_file(&emu, &path);
        let b = client_over_token_file(&emu, &path);
        let (ra, rb) = tokio::join!(a.me(), b.me());
        assert!(ra.is_ok(), "round {round}, first client: {ra:?}");
        assert!(rb.is_ok(), "round {round}, second client: {rb:?}");
        let now = secrets.tokens().unwrap().expect("still signed in");
        assert_ne!(
            now.refresh_token, stored.refresh_token,
            "round {round}: refreshed"
        );
    }
}

/// Item 13: an invoice line whose second tax is charged on top of the first (Quebec's QST on
/// GST, say) reaches FreshBooks as compound and comes back so: `compounded_tax` is sent, and
/// FreshBooks' total charges the second tax on the first.
#[tokio::test]
async fn a_compound_second_tax_survives_the_round_trip_through_freshbooks() {
    let h = Harness::start().await;
    let b = h.owner().await;
    h.core.sync(Scope::Current, false).await.unwrap();
    let client = *remote(&h.client, &b, Entity::Clients)
        .await
        .keys()
        .next()
        .expect("a client");
    let cad = CurrencyCode::new("CAD").unwrap();
    let tax = |name: &str, percent: Decimal, compound: bool| LineTax {
        name: name.into(),
        percent,
        number: None,
        compound,
    };
    h.core
        .create_invoice(
            b.business_id,
            NewInvoice {
                client_id: ClientId(client),
                create_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 3).unwrap(),
                due_offset_days: None,
                currency_code: Some(cad.clone()),
                invoice_number: None,
                po_number: None,
                notes: Some("compound tax round trip".into()),
                terms: None,
                discount_value: None,
                lines: vec![NewInvoiceLine {
                    name: "Design".into(),
                    description: None,
                    qty: Decimal::ONE,
                    unit_cost: Money::new(Decimal::from(100), cad.clone()),
                    tax1: Some(tax("GST", Decimal::from(5), false)),
                    tax2: Some(tax("QST", Decimal::new(9975, 3), true)),
                    date: None,
                }],
            },
        )
        .await
        .unwrap();
    crate::outbox::sync_until_sent(&h, &b, 5).await;
    let invoices = remote(&h.client, &b, Entity::Invoices).await;
    let ours = invoices
        .values()
        .find(|i| i["notes"] == json!("compound tax round trip"))
        .expect("the invoice reached FreshBooks");
    let line = &ours["lines"][0];
    assert_eq!(line["taxName2"], json!("QST"), "{line:#}");
    assert_eq!(line["compounded_tax"], json!(true), "{line:#}");
    // 100 + 5 % GST + 9.975 % QST on 105 = 115.47.
    assert_eq!(ours["amount"]["amount"], json!("115.47"), "{ours:#}");
}
