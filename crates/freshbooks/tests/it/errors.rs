//! Each error kind, read from status and body: not found (including an id of the wrong kind),
//! forbidden for the role, validation (new shape and old shape with HTTP 200), server errors,
//! network failures and outcome-unknown writes.

use std::time::Duration;

use freshbooks_emulator::{FaultKind, Faults};
use ledgerline_freshbooks::{Client, Error, MemoryTokenStore};
use ledgerline_model::entity::{NewClient, NewInvoice};
use ledgerline_model::ids::{AccountId, ClientId};

use crate::{Harness, account, config};

const CLIENTS_LIST: &str = "GET /accounting/account/{account_id}/users/clients";
const CLIENTS_CREATE: &str = "POST /accounting/account/{account_id}/users/clients";

fn named(name: &str) -> NewClient {
    NewClient {
        organization: Some(name.into()),
        ..NewClient::default()
    }
}

async fn exists(h: &Harness, organization: &str) -> bool {
    h.client
        .clients(&account(&h.owner()))
        .list()
        .organization_like(organization)
        .collect()
        .await
        .expect("search")
        .iter()
        .any(|c| c.organization.as_deref() == Some(organization))
}

#[tokio::test]
async fn not_found_and_wrong_id_kind() {
    let h = Harness::start().await;
    let err = h
        .client
        .clients(&account(&h.owner()))
        .get(ClientId(999_999_999))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    assert!(err.is_permanent() && !err.is_retryable());
    // The business id where the account id belongs: FreshBooks answers a bare 404.
    let wrong = AccountId::from(h.owner().business_id.to_string());
    let err = h.client.clients(&wrong).list().page(1).await.unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    h.emu.shutdown().await;
}

#[tokio::test]
async fn forbidden_for_a_read_only_role() {
    let h = Harness::start().await;
    let employee = h.business("business_employee");
    assert!(!employee.can_write);
    let err = h
        .client
        .clients(&account(&employee))
        .create(&named("Nope Ltd"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Forbidden { .. }), "{err:?}");
    assert_eq!(err.kind(), ledgerline_model::error::ErrorKind::Forbidden);
    assert!(err.to_string().contains("Ask the business owner"));
    h.emu.shutdown().await;
}

#[tokio::test]
async fn validation_in_both_accounting_shapes() {
    let h = Harness::start().await;
    let clients = h.client.clients(&account(&h.owner()));
    let err = clients.create(&NewClient::default()).await.unwrap_err();
    let Error::Validation { message, .. } = &err else {
        panic!("expected a validation error, got {err:?}");
    };
    assert!(!message.is_empty());

    // FreshBooks' old shape, with HTTP 200: still an error.
    h.emu.control().set_legacy_errors_on_200(true);
    let err = clients.create(&NewClient::default()).await.unwrap_err();
    let Error::Validation {
        status, message, ..
    } = &err
    else {
        panic!("expected a validation error, got {err:?}");
    };
    assert_eq!(*status, 200);
    assert!(!message.is_empty());
    // An invoice for a client that does not exist names the field, in the old shape too.
    let err = h
        .client
        .invoices(&account(&h.owner()))
        .create(&NewInvoice {
            client_id: ClientId(999_999),
            create_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).expect("date"),
            due_offset_days: None,
            currency_code: None,
            invoice_number: None,
            po_number: None,
            notes: None,
            terms: None,
            discount_value: None,
            lines: Vec::new(),
        })
        .await
        .unwrap_err();
    let Error::Validation {
        status,
        field,
        errno,
        ..
    } = &err
    else {
        panic!("expected a validation error, got {err:?}");
    };
    assert_eq!(
        (*status, field.as_deref(), *errno),
        (200, Some("customerid"), Some(1012)),
        "{err:?}"
    );
    h.emu.shutdown().await;
}

#[tokio::test]
async fn server_errors_retry_reads_but_not_writes() {
    let h = Harness::start().await;
    let control = h.emu.control();
    let clients = h.client.clients(&account(&h.owner()));
    control.set_faults(Faults {
        server_error_per_mille: 1000,
        path_contains: Some("users/clients".into()),
        ..Faults::default()
    });
    let err = clients.list().page(1).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Server {
                status: 500,
                write: false,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(h.count(CLIENTS_LIST), 4, "the policy's four attempts");

    let err = clients.create(&named("Once Only Inc")).await.unwrap_err();
    assert!(matches!(err, Error::Server { write: true, .. }), "{err:?}");
    assert!(err.may_have_applied() && !err.is_retryable());
    assert_eq!(h.count(CLIENTS_CREATE), 1, "writes are never retried");

    // 503 with an HTML body, as a load balancer sends it, then success.
    control.clear_faults();
    control.push_faults(&[FaultKind::Unavailable]);
    h.emu.control().reset_counts();
    clients.list().page(1).await.expect("retried past the 503");
    assert_eq!(h.count(CLIENTS_LIST), 2);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn network_failures() {
    // Nothing listens on this port.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let base = format!("http://127.0.0.1:{port}");
    let h = Harness::start().await;
    let tokens = h.store.current().expect("tokens");
    let client = Client::new(
        config(&base),
        std::sync::Arc::new(MemoryTokenStore::with_tokens(tokens)),
    )
    .expect("client");
    let err = client.me().await.unwrap_err();
    assert!(matches!(err, Error::Network { .. }), "{err:?}");
    assert!(err.is_retryable());
    // A write that never reached the server is a plain network error, safe to resend.
    let err = client
        .clients(&account(&h.owner()))
        .create(&named("Offline Co"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Network { .. }), "{err:?}");
    assert!(!err.may_have_applied());

    // Resets and truncated bodies on reads are retried.
    let control = h.emu.control();
    control.push_faults(&[FaultKind::Reset, FaultKind::Truncate]);
    h.client.me().await.expect("third time lucky");
    assert_eq!(h.count("GET /auth/api/v1/users/me"), 3);
    h.emu.shutdown().await;
}

#[tokio::test]
async fn outcome_unknown_writes() {
    let h = Harness::start().await;
    let control = h.emu.control();
    let clients = h.client.clients(&account(&h.owner()));

    // Committed, then the answer is lost.
    control.push_faults(&[FaultKind::DropAfterCommit]);
    let err = clients
        .create(&named("Dropped Answer Ltd"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::OutcomeUnknown { .. }), "{err:?}");
    assert!(err.may_have_applied() && !err.is_retryable());
    assert_eq!(h.count(CLIENTS_CREATE), 1);
    assert!(exists(&h, "Dropped Answer Ltd").await, "it was applied");

    // Half a body.
    control.push_faults(&[FaultKind::Truncate]);
    let err = clients.create(&named("Half Body Ltd")).await.unwrap_err();
    assert!(matches!(err, Error::OutcomeUnknown { .. }), "{err:?}");

    // Reset before any answer: the client cannot know nothing was done.
    control.push_faults(&[FaultKind::Reset]);
    let err = clients.create(&named("Reset Ltd")).await.unwrap_err();
    assert!(matches!(err, Error::OutcomeUnknown { .. }), "{err:?}");

    // No answer within the timeout.
    let mut quick = config(&h.emu.base_url());
    quick.request_timeout = Duration::from_millis(300);
    let tokens = h.store.current().expect("tokens");
    let impatient = Client::new(
        quick,
        std::sync::Arc::new(MemoryTokenStore::with_tokens(tokens)),
    )
    .expect("client");
    control.set_faults(Faults {
        hang_per_mille: 1000,
        hang_ms: 1500,
        path_contains: Some("users/clients".into()),
        ..Faults::default()
    });
    let err = impatient
        .clients(&account(&h.owner()))
        .create(&named("Slow Ltd"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::OutcomeUnknown { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("will check before sending it again")
    );
    h.emu.shutdown().await;
}
