//! The screens can read everything the shell sends: each kind of payload of `ledgerline_model`,
//! written as JSON the way the shell answers, parsed by the browser and decoded the way
//! `src-ui/src/ipc.rs` decodes answers (`serde_wasm_bindgen`), comes back equal.

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeZone, Utc};
use ledgerline_model::draft::{Draft, DraftLine, DraftWarning, RateSource, TaxTotal};
use ledgerline_model::entity::{Entity, LineTax, Role, UserBusiness, VisState};
use ledgerline_model::error::{Action, ErrorCode, ErrorKind, ErrorPayload, FieldProblem};
use ledgerline_model::event::{Event, Origin};
use ledgerline_model::ids::{AccountId, BusinessId, ProjectId, TimeEntryId};
use ledgerline_model::money::{CurrencyCode, Money};
use ledgerline_model::outbox::{Conflict, OpKind, OpState, QueuedOp};
use ledgerline_model::sync::{EntityState, SyncFailure, SyncReport};
use ledgerline_model::views::{BusinessStatus, ClientRow, SearchHit};
use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen_test::wasm_bindgen_test;

/// Through the bridge and back: JSON text from the shell, parsed by the browser, decoded.
fn across_the_bridge<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) {
    let text = serde_json::to_string(value).unwrap();
    let js = js_sys::JSON::parse(&text).unwrap();
    let back: T = serde_wasm_bindgen::from_value(js).unwrap();
    assert_eq!(&back, value, "{text}");
}

fn cad(amount: i64) -> Money {
    Money::new(Decimal::new(amount, 2), CurrencyCode::new("CAD").unwrap())
}

fn no_rate() -> ErrorPayload {
    ErrorPayload::new(
        ErrorKind::Validation,
        ErrorCode::DraftNoRate {
            entries: vec![TimeEntryId(7), TimeEntryId(9)],
        },
        "draft: 2 time entries have no rate",
        Action::FixValue,
    )
}

#[wasm_bindgen_test]
fn errors_and_events_cross_the_bridge() {
    across_the_bridge(&no_rate());
    across_the_bridge(&ErrorPayload::new(
        ErrorKind::Validation,
        ErrorCode::InvalidField {
            field: "email".into(),
            problem: FieldProblem::NotAnAmount { given: "x".into() },
        },
        "email: x",
        Action::FixValue,
    ));
    let business = BusinessId(42);
    for event in [
        Event::Progress {
            business,
            entity: Entity::Invoices,
            done: 300,
            total: Some(10_000),
        },
        Event::Failed {
            business,
            entity: None,
            error: no_rate(),
        },
        Event::Changed {
            business,
            entity: Entity::Clients,
            origin: Origin::Sync,
        },
    ] {
        across_the_bridge(&event);
    }
}

#[wasm_bindgen_test]
fn lists_status_and_sync_reports_cross_the_bridge() {
    let business = BusinessId(42);
    let when = Utc.with_ymd_and_hms(2026, 3, 1, 9, 30, 0).unwrap();
    across_the_bridge(&vec![UserBusiness {
        business_id: business,
        account_id: AccountId::from("xVm3Q"),
        business_uuid: None,
        name: "Acme Design".into(),
        role: Role::BusinessEmployee,
        currency_code: Some(CurrencyCode::new("CAD").unwrap()),
    }]);
    across_the_bridge(&vec![ClientRow {
        id: -3,
        name: "Ann Lee".into(),
        email: None,
        vis_state: VisState::Unknown(5),
        pending: true,
        conflict: false,
        outstanding: vec![],
    }]);
    across_the_bridge(&vec![SearchHit {
        business,
        entity: Entity::TimeEntries,
        id: 12,
        label: "design review".into(),
    }]);
    let mut state = EntityState::new(Entity::Payments);
    state.watermark = Some(when);
    state.last_error = Some(no_rate());
    across_the_bridge(&BusinessStatus {
        business,
        entities: vec![state],
        open_ops: vec![QueuedOp {
            seq: 3,
            business,
            kind: OpKind::DraftInvoiceFromTime,
            entity: Entity::Invoices,
            target: -4,
            entries: vec![7, 9],
            state: OpState::Rejected,
            step: 1,
            attempts: 2,
            last_error: Some(no_rate()),
            created_at: when,
        }],
        conflicts: vec![Conflict {
            id: 1,
            business,
            entity: Entity::Clients,
            record_id: 5,
            op_seq: 3,
            field_group: "name".into(),
            mine: BTreeMap::from([("first_name".into(), serde_json::json!("Ann"))]),
            theirs: BTreeMap::from([("first_name".into(), serde_json::json!("Anne"))]),
            created_at: when,
        }],
    });
    across_the_bridge(&SyncReport {
        pulls: 11,
        records: 42_014,
        failures: vec![SyncFailure {
            business,
            entity: Some(Entity::Expenses),
            error: no_rate(),
        }],
        ..SyncReport::default()
    });
}

#[wasm_bindgen_test]
fn a_draft_preview_keeps_its_exact_amounts() {
    let gst = LineTax {
        name: "GST".into(),
        percent: Decimal::new(5, 0),
        number: None,
        compound: false,
    };
    let draft = Draft {
        lines: vec![DraftLine {
            name: "Design".into(),
            description: "2026-03-01".into(),
            hours: Decimal::new(150, 2),
            rate: cad(12_000),
            rate_source: RateSource::Project(ProjectId(2)),
            amount: cad(18_000),
            taxes: vec![gst.clone()],
            tax: cad(900),
            entries: vec![TimeEntryId(7)],
        }],
        subtotal: cad(18_000),
        taxes: vec![TaxTotal {
            tax: gst,
            amount: cad(900),
        }],
        tax: cad(900),
        total: cad(18_900),
        warnings: vec![DraftWarning::ZeroRate { entries: vec![] }],
    };
    across_the_bridge(&draft);
    // The date type the wizard sends and the amount as FreshBooks writes it.
    across_the_bridge(&NaiveDate::from_ymd_opt(2026, 3, 31).unwrap());
    assert_eq!(
        serde_json::to_value(&draft.total).unwrap()["amount"],
        "189.00"
    );
}
