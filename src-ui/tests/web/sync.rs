//! The Sync page over hand-built pages: changes with "Undo" only where it is safe, refusals with
//! their reason and what to do, conflicts side by side with the choice each button sends (and
//! taken off at once, back with the refusal), the progress bar and time left, the sign-in's
//! health with its button, a backoff, the entities, a read-only role, French, and which events
//! read the page again.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use ledgerline_model::entity::Entity;
use ledgerline_model::error::{Action, ErrorCode, ErrorKind, ErrorPayload};
use ledgerline_model::event::Event;
use ledgerline_model::ids::{BusinessId, ClientId};
use ledgerline_model::ipc::{
    Backoff, ChangeView, ConflictView, EntitySync, Pick, Pickers, RecordLabel, ResolveArgs,
    ShellEvent, SyncPage, SyncProgress, TokenHealth, UndoBlocked,
};
use ledgerline_model::outbox::{Conflict, OpKind, OpState, Resolution};
use ledgerline_ui::i18n::{self, LocaleId};
use ledgerline_ui::pages::sync::settling::{Item, Settling};
use ledgerline_ui::pages::sync::{SyncPageView, reads_at_once, refreshes_page, words};
use ledgerline_ui::state::events;
use leptos::prelude::*;
use serde_json::{Value, json};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{HtmlButtonElement, HtmlElement};

use crate::dom::{self, by_id, select, settle, try_by_id};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T15:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn rejected(message: &str) -> ErrorPayload {
    ErrorPayload::new(
        ErrorKind::Validation,
        ErrorCode::Rejected {
            field: None,
            message: message.into(),
        },
        format!("FreshBooks refused this change: {message}"),
        Action::EditAgain,
    )
}

/// The day of the time in the hand-built pages.
fn march_first() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
}

/// Time on March 1 for Acme Design.
fn acme_time() -> RecordLabel {
    RecordLabel::TimeEntry {
        day: march_first(),
        client: Some("Acme Design".into()),
    }
}

/// A change's record as the core names it: time for Acme, a new invoice for Acme, a client
/// named after the change, or anything else by its entity and id.
fn change(seq: i64, kind: OpKind, entity: Entity, state: OpState, can_undo: bool) -> ChangeView {
    let record = 40 + seq;
    let label = match entity {
        Entity::TimeEntries => acme_time(),
        Entity::Invoices => RecordLabel::NewInvoice {
            client: Some("Acme Design".into()),
        },
        Entity::Clients => RecordLabel::Client {
            name: format!("Record {seq}"),
        },
        _ => RecordLabel::Other { entity, id: record },
    };
    ChangeView {
        seq,
        kind,
        entity,
        record,
        label,
        state,
        attempts: 0,
        error: None,
        created_at: now() - TimeDelta::minutes(seq),
        can_undo,
        undo_blocked: (!can_undo).then_some(match state {
            OpState::Sending => UndoBlocked::Sending,
            OpState::Unknown => UndoBlocked::InDoubt,
            _ => UndoBlocked::Sent,
        }),
    }
}

fn conflict(
    id: i64,
    entity: Entity,
    group: &str,
    label: RecordLabel,
    mine: Value,
    theirs: Value,
) -> ConflictView {
    let map = |v: Value| -> BTreeMap<String, Value> {
        v.as_object().unwrap().clone().into_iter().collect()
    };
    ConflictView {
        conflict: Conflict {
            id,
            business: BusinessId(101),
            entity,
            record_id: 9,
            op_seq: 30 + id,
            field_group: group.into(),
            mine: map(mine),
            theirs: map(theirs),
            created_at: now() - TimeDelta::hours(2),
        },
        label,
    }
}

fn entity(entity: Entity, records: u64) -> EntitySync {
    EntitySync {
        entity,
        last_synced: Some(now() - TimeDelta::minutes(5)),
        last_full: None,
        records,
        resumable: None,
        unavailable: None,
        last_error: None,
        quarantined: 0,
    }
}

fn page() -> SyncPage {
    let mut refused = change(
        7,
        OpKind::UpdateClient,
        Entity::Clients,
        OpState::Rejected,
        true,
    );
    refused.error = Some(rejected("Email is not valid"));
    let mut doubt = change(
        8,
        OpKind::CreateInvoice,
        Entity::Invoices,
        OpState::Unknown,
        false,
    );
    doubt.error = Some(rejected("no answer"));
    let mut unavailable = entity(Entity::Expenses, 0);
    unavailable.unavailable = Some(ErrorPayload::new(
        ErrorKind::Forbidden,
        ErrorCode::EntityUnavailable {
            entity: Entity::Expenses,
            reason: "your plan has no expenses".into(),
        },
        "FreshBooks does not let you read expenses: your plan has no expenses",
        Action::None,
    ));
    let mut set_aside = entity(Entity::TimeEntries, 1200);
    set_aside.quarantined = 3;
    SyncPage {
        business: BusinessId(101),
        online: true,
        last_synced: Some(now() - TimeDelta::minutes(5)),
        entities: vec![entity(Entity::Clients, 1234), set_aside, unavailable],
        pending: vec![
            change(
                11,
                OpKind::CreateTimeEntry,
                Entity::TimeEntries,
                OpState::Pending,
                true,
            ),
            change(
                12,
                OpKind::UpdateClient,
                Entity::Clients,
                OpState::Sending,
                false,
            ),
        ],
        refused: vec![refused, doubt],
        conflicts: vec![
            conflict(
                5,
                Entity::Clients,
                "name",
                RecordLabel::Client {
                    name: "Acme Design".into(),
                },
                json!({"first_name": "Ann", "organization": "Acme"}),
                json!({"first_name": "Anne", "organization": "Acme"}),
            ),
            conflict(
                6,
                Entity::TimeEntries,
                "time",
                acme_time(),
                json!({"duration_seconds": 5400, "started_at": "2026-03-01T12:00:00Z"}),
                json!({"duration_seconds": "3600", "started_at": "2026-03-01T12:00:00Z"}),
            ),
            conflict(
                4,
                Entity::TimeEntries,
                "assignment",
                acme_time(),
                json!({"client_id": 77, "note": ""}),
                json!({"client_id": "78", "note": "Logo work"}),
            ),
        ],
        token: TokenHealth::Good,
        backoff: None,
        progress: None,
    }
}

struct Mounted {
    page: RwSignal<Option<SyncPage>>,
    settling: Settling,
    undone: RwSignal<Vec<i64>>,
    resolved: RwSignal<Vec<ResolveArgs>>,
    state: ledgerline_ui::state::ShellState,
}

fn mount_page(session: ledgerline_model::ipc::Session, page: SyncPage) -> Mounted {
    let page = RwSignal::new(Some(page));
    let settling = Settling::new();
    let undone = RwSignal::new(Vec::new());
    let resolved = RwSignal::new(Vec::new());
    let names = RwSignal::new(Pickers {
        clients: vec![
            Pick {
                id: ClientId(77),
                name: Some("Acme Design".into()),
            },
            Pick {
                id: ClientId(78),
                name: Some("Birch Bakery".into()),
            },
        ],
        ..Pickers::default()
    });
    let state = dom::mount_with(session, move || {
        view! {
            <SyncPageView
                page
                failed=RwSignal::new(None)
                names
                settling
                on_undo=move |seq| undone.update(|v| v.push(seq))
                on_resolve=move |args| resolved.update(|v| v.push(args))
                on_retry=|()| ()
                now=Signal::derive(now)
            />
        }
    });
    // Each test in English unless it says otherwise (the locale lives in the mount's state).
    state.locale.0.set(LocaleId::En);
    Mounted {
        page,
        settling,
        undone,
        resolved,
        state,
    }
}

fn row(list: &str, seq: i64) -> Option<HtmlElement> {
    select(&format!("#{list} .sync-change[data-seq=\"{seq}\"]"))
}

fn undo_button(list: &str, seq: i64) -> HtmlButtonElement {
    row(list, seq)
        .unwrap_or_else(|| panic!("no change {seq} in #{list}"))
        .query_selector(".sync-undo")
        .unwrap()
        .expect("an undo button")
        .unchecked_into()
}

fn in_conflict(id: i64, selector: &str) -> HtmlElement {
    select(&format!(
        ".sync-conflict[data-conflict=\"{id}\"] {selector}"
    ))
    .unwrap_or_else(|| panic!("no {selector} in conflict {id}"))
}

fn texts(selector: &str) -> Vec<String> {
    let list = dom::document().query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into::<HtmlElement>().inner_text())
        .collect()
}

#[wasm_bindgen_test]
async fn changes_offer_undo_only_where_it_is_safe_and_refusals_say_why_and_what_to_do() {
    let m = mount_page(dom::signed_in(), page());
    settle().await;
    // Pending, oldest first as the shell sends them; undo only where it is still safe.
    assert!(!undo_button("sync-pending", 11).disabled());
    assert!(undo_button("sync-pending", 12).disabled());
    let pending = texts("#sync-pending .sync-change");
    assert_eq!(pending.len(), 2);
    assert!(
        pending[0].contains("Time logged")
            && pending[0].contains("Time on Mar 1, 2026, Acme Design"),
        "{pending:?}"
    );
    assert!(pending[1].contains("Being sent"), "{pending:?}");
    // The reason the button is off is said, and tied to it.
    let reason = by_id("sync-change-12-reason").inner_text();
    assert!(reason.contains("too late to undo"), "{reason}");
    assert_eq!(
        undo_button("sync-pending", 12)
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("sync-change-12-reason")
    );

    // Refused: FreshBooks' reason in words, what to do, undo and an edit link to the record.
    let refused = row("sync-refused", 7).unwrap();
    let error = refused
        .query_selector(".sync-change-error")
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .inner_text();
    assert_eq!(error, "FreshBooks refused this change: Email is not valid");
    assert!(
        refused
            .inner_text()
            .contains("Edit the record to correct it")
    );
    assert!(!undo_button("sync-refused", 7).disabled());
    let edit = refused.query_selector(".sync-edit").unwrap().unwrap();
    assert_eq!(edit.get_attribute("href").as_deref(), Some("/clients/47"));
    // In doubt: no undo, and why.
    assert!(undo_button("sync-refused", 8).disabled());
    assert!(
        row("sync-refused", 8)
            .unwrap()
            .inner_text()
            .contains("checks with FreshBooks at the next sync")
    );
    assert_eq!(
        row("sync-refused", 8)
            .unwrap()
            .query_selector(".sync-edit")
            .unwrap()
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("/invoices/48")
    );

    // Undo: asked with the change's number, and the row leaves at once.
    undo_button("sync-pending", 11).click();
    settle().await;
    assert_eq!(m.undone.get_untracked(), vec![11]);
    assert!(row("sync-pending", 11).is_none());
    // Refused by the shell: back, with why.
    m.settling.refuse(
        Item::Change(11),
        ErrorPayload::new(
            ErrorKind::Validation,
            ErrorCode::TooLateToUndo { change: 11 },
            "too late",
            Action::EditAgain,
        ),
    );
    settle().await;
    let back = row("sync-pending", 11).expect("the change is back");
    assert!(
        back.inner_text().contains("Too late to undo"),
        "{}",
        back.inner_text()
    );
    let _ = m.page;
}

#[wasm_bindgen_test]
async fn a_conflict_shows_mine_and_freshbooks_per_field_and_each_button_sends_its_choice() {
    let m = mount_page(dom::signed_in(), page());
    settle().await;
    // The name group: only the field that differs, in words, on each side.
    assert_eq!(in_conflict(5, "h3").inner_text(), "Acme Design: Name");
    assert_eq!(
        texts(".sync-conflict[data-conflict=\"5\"] .conflict-mine .conflict-name"),
        vec!["First name"]
    );
    assert_eq!(
        in_conflict(5, ".conflict-mine .conflict-value").inner_text(),
        "Ann"
    );
    assert_eq!(
        in_conflict(5, ".conflict-theirs .conflict-value").inner_text(),
        "Anne"
    );
    assert_eq!(
        in_conflict(5, ".conflict-theirs h4").inner_text(),
        "FreshBooks"
    );
    assert_eq!(in_conflict(5, ".conflict-mine h4").inner_text(), "Mine");
    // Lengths as hours (FreshBooks' text "3600" as well as our number).
    assert_eq!(
        texts(".sync-conflict[data-conflict=\"6\"] .conflict-name"),
        vec!["Length", "Length"]
    );
    assert_eq!(
        in_conflict(6, ".conflict-mine .conflict-value").inner_text(),
        "1.5 h"
    );
    assert_eq!(
        in_conflict(6, ".conflict-theirs .conflict-value").inner_text(),
        "1 h"
    );
    // Ids by name, and an empty value as "(empty)".
    assert_eq!(
        in_conflict(4, ".conflict-mine [data-field=client_id] .conflict-value").inner_text(),
        "Acme Design"
    );
    assert_eq!(
        in_conflict(4, ".conflict-theirs [data-field=client_id] .conflict-value").inner_text(),
        "Birch Bakery"
    );
    assert_eq!(
        in_conflict(4, ".conflict-mine [data-field=note] .conflict-value").inner_text(),
        "(empty)"
    );
    assert_eq!(
        in_conflict(4, ".conflict-theirs [data-field=note] .conflict-value").inner_text(),
        "Logo work"
    );

    // Each button sends its choice for its conflict, which leaves the list at once.
    in_conflict(5, ".conflict-keep-mine").click();
    settle().await;
    in_conflict(6, ".conflict-take-freshbooks").click();
    settle().await;
    assert_eq!(
        m.resolved.get_untracked(),
        vec![
            ResolveArgs {
                conflict: 5,
                resolution: Resolution::KeepMine
            },
            ResolveArgs {
                conflict: 6,
                resolution: Resolution::TakeFreshBooks
            },
        ]
    );
    assert!(select(".sync-conflict[data-conflict=\"5\"]").is_none());
    assert!(select(".sync-conflict[data-conflict=\"6\"]").is_none());
    assert!(select(".sync-conflict[data-conflict=\"4\"]").is_some());

    // Refused: the conflict comes back with why.
    m.settling.refuse(
        Item::Conflict(6),
        ErrorPayload::new(
            ErrorKind::NotFound,
            ErrorCode::NoSuchConflict { conflict: 6 },
            "This conflict was already settled.",
            Action::Sync,
        ),
    );
    settle().await;
    assert!(
        in_conflict(6, ".conflict-problem")
            .inner_text()
            .starts_with("This conflict was already settled"),
        "{}",
        in_conflict(6, ".conflict-problem").inner_text()
    );
}

#[wasm_bindgen_test]
async fn progress_and_time_left_come_from_the_sync_progress_then_from_events() {
    let mut p = page();
    let m = mount_page(dom::signed_in(), p.clone());
    settle().await;
    // No sync runs: no bar, no Cancel.
    assert!(try_by_id("sync-page-progress").is_none());
    assert!(try_by_id("sync-page-cancel").is_none());
    assert!(
        !by_id("sync-page-now")
            .unchecked_into::<HtmlButtonElement>()
            .disabled()
    );

    p.progress = Some(SyncProgress {
        started_at: now() - TimeDelta::seconds(40),
        done: 500,
        total: Some(2000),
        entity: Some(Entity::TimeEntries),
        seconds_left: Some(120),
    });
    m.page.set(Some(p));
    settle().await;
    let bar = by_id("sync-page-progress");
    assert_eq!(bar.get_attribute("data-done").as_deref(), Some("500"));
    assert_eq!(bar.get_attribute("data-total").as_deref(), Some("2000"));
    assert_eq!(bar.get_attribute("value").as_deref(), Some("500"));
    assert_eq!(bar.get_attribute("max").as_deref(), Some("2000"));
    assert_eq!(
        by_id("sync-page-records").inner_text(),
        "500 of 2,000 records"
    );
    assert_eq!(by_id("sync-time-left").inner_text(), "about 2 minutes left");
    assert!(
        by_id("sync-page-running")
            .inner_text()
            .contains("Reading Time entries")
    );
    // While it runs: Cancel, and no second Sync now.
    assert!(try_by_id("sync-page-cancel").is_some());
    assert!(
        by_id("sync-page-now")
            .unchecked_into::<HtmlButtonElement>()
            .disabled()
    );

    // Progress events run ahead of the page: the bar follows them, and the time left is
    // worked out again (1500 of 2000 in 40 s: about 13 s left).
    events::apply(
        m.state,
        ShellEvent::Core {
            event: Event::Progress {
                business: BusinessId(101),
                entity: Entity::TimeEntries,
                done: 1500,
                total: Some(2000),
            },
        },
    );
    settle().await;
    assert_eq!(
        by_id("sync-page-progress")
            .get_attribute("data-done")
            .as_deref(),
        Some("1500")
    );
    assert_eq!(
        by_id("sync-time-left").inner_text(),
        "less than a minute left"
    );
}

#[wasm_bindgen_test]
async fn the_sign_in_health_offers_what_fixes_it() {
    let mut p = page();
    p.token = TokenHealth::Refused;
    let m = mount_page(dom::signed_in(), p.clone());
    settle().await;
    let token = by_id("sync-token");
    assert_eq!(
        token.get_attribute("data-health").as_deref(),
        Some("refused")
    );
    assert!(
        token.inner_text().contains("refused to renew"),
        "{}",
        token.inner_text()
    );
    assert_eq!(by_id("sync-sign-in-again").inner_text(), "Sign in again");

    p.token = TokenHealth::Good;
    m.page.set(Some(p.clone()));
    settle().await;
    assert_eq!(
        by_id("sync-token").get_attribute("data-health").as_deref(),
        Some("good")
    );
    assert!(try_by_id("sync-sign-in-again").is_none());

    p.token = TokenHealth::Unreadable;
    m.page.set(Some(p));
    settle().await;
    assert_eq!(
        by_id("sync-token").get_attribute("data-health").as_deref(),
        Some("unreadable")
    );
    assert!(try_by_id("sync-use-file").is_some());
}

#[wasm_bindgen_test]
async fn a_backoff_says_when_requests_resume_and_the_entities_say_what_stands_in_the_way() {
    let mut p = page();
    p.online = false;
    p.backoff = Some(Backoff {
        until: now() + TimeDelta::minutes(3),
        in_flight: 2,
        reason: ErrorPayload::new(
            ErrorKind::RateLimited,
            ErrorCode::RateLimited {
                retry_after_seconds: Some(180),
            },
            "slow down",
            Action::None,
        ),
    });
    mount_page(dom::signed_in(), p);
    settle().await;
    let backoff = by_id("sync-backoff").inner_text();
    assert!(
        backoff.contains("FreshBooks asked us to slow down; resuming at "),
        "{backoff}"
    );
    assert!(backoff.contains("2 requests at a time"), "{backoff}");
    assert_eq!(
        by_id("sync-page-online")
            .get_attribute("data-online")
            .as_deref(),
        Some("false")
    );
    assert_eq!(by_id("sync-page-online").inner_text(), "Offline");
    let last = by_id("sync-page-last").inner_text();
    assert!(last.starts_with("Last synced 5 minutes ago ("), "{last}");
    assert!(last.contains("2026"), "{last}");

    let rows = dom::document()
        .query_selector_all("#sync-entities tr.sync-entity")
        .unwrap();
    assert_eq!(rows.length(), 3);
    let clients = select("#sync-entities tr.sync-entity[data-entity=clients]").unwrap();
    assert!(clients.inner_text().contains("Clients"));
    assert!(clients.inner_text().contains("1,234"));
    assert!(clients.inner_text().contains("5 minutes ago"));
    let time = select("#sync-entities tr.sync-entity[data-entity=time_entries]").unwrap();
    assert!(
        time.inner_text().contains("3 records set aside"),
        "{}",
        time.inner_text()
    );
    let expenses = select("#sync-entities tr.sync-entity[data-entity=expenses]").unwrap();
    assert!(
        expenses.inner_text().contains("your plan has no expenses"),
        "{}",
        expenses.inner_text()
    );
}

#[wasm_bindgen_test]
async fn a_read_only_role_sees_everything_but_cannot_undo_or_resolve() {
    let mut session = dom::signed_in();
    session.current = Some(BusinessId(202));
    mount_page(session, page());
    settle().await;
    assert!(try_by_id("sync-read-only-reason").is_some());
    assert!(undo_button("sync-pending", 11).disabled());
    assert!(undo_button("sync-refused", 7).disabled());
    assert_eq!(
        undo_button("sync-pending", 11)
            .get_attribute("aria-describedby")
            .as_deref(),
        Some("sync-read-only-reason")
    );
    for selector in [".conflict-keep-mine", ".conflict-take-freshbooks"] {
        let button: HtmlButtonElement = in_conflict(5, selector).unchecked_into();
        assert!(button.disabled(), "{selector}");
        assert_eq!(
            button.get_attribute("aria-describedby").as_deref(),
            Some("sync-read-only-reason")
        );
    }
    // Syncing only reads: still allowed.
    assert!(
        !by_id("sync-page-now")
            .unchecked_into::<HtmlButtonElement>()
            .disabled()
    );
}

#[wasm_bindgen_test]
async fn the_page_speaks_french() {
    let m = mount_page(dom::signed_in(), page());
    m.state.locale.0.set(LocaleId::FrCa);
    settle().await;
    assert_eq!(
        in_conflict(5, ".conflict-keep-mine").inner_text(),
        "Garder les miennes"
    );
    assert_eq!(
        in_conflict(5, ".conflict-take-freshbooks").inner_text(),
        "Prendre celles de FreshBooks"
    );
    assert_eq!(
        texts(".sync-conflict[data-conflict=\"5\"] .conflict-mine .conflict-name"),
        vec!["Prénom"]
    );
    assert_eq!(
        in_conflict(6, ".conflict-mine .conflict-value").inner_text(),
        "1,5\u{a0}h"
    );
    assert_eq!(
        in_conflict(4, ".conflict-mine [data-field=note] .conflict-value").inner_text(),
        "(vide)"
    );
    assert!(
        row("sync-pending", 11)
            .unwrap()
            .inner_text()
            .contains("Temps inscrit")
    );
    assert_eq!(by_id("page-title").inner_text(), "Synchronisation");
}

/// The core names records in facts; the page says them in the window's language, dates as it
/// writes dates: a time entry by its day and client, an invoice FreshBooks has not numbered by
/// its client, a numbered one by its number, a record the mirror cannot name by kind and id.
#[wasm_bindgen_test]
async fn records_are_named_in_the_windows_language() {
    let mut p = page();
    let mut numbered = change(
        9,
        OpKind::UpdateInvoice,
        Entity::Invoices,
        OpState::Pending,
        true,
    );
    numbered.label = RecordLabel::Invoice {
        number: "0042".into(),
    };
    let mut alone = change(
        10,
        OpKind::CreateTimeEntry,
        Entity::TimeEntries,
        OpState::Pending,
        true,
    );
    alone.label = RecordLabel::TimeEntry {
        day: march_first(),
        client: None,
    };
    let mut unknown = change(
        13,
        OpKind::UpdateInvoice,
        Entity::Invoices,
        OpState::Pending,
        true,
    );
    unknown.label = RecordLabel::Other {
        entity: Entity::Projects,
        id: 12345,
    };
    p.pending.extend([numbered, alone, unknown]);
    let m = mount_page(dom::signed_in(), p);
    m.state.locale.0.set(LocaleId::FrCa);
    settle().await;
    let label = |list: &str, seq: i64| {
        row(list, seq)
            .unwrap_or_else(|| panic!("no change {seq} in #{list}"))
            .query_selector(".sync-change-label")
            .unwrap()
            .expect("a label")
            .unchecked_into::<HtmlElement>()
            .inner_text()
    };
    let day = i18n::format::date_in(LocaleId::FrCa, march_first());
    assert_eq!(day, "1 mars 2026");
    assert_eq!(
        label("sync-pending", 11),
        format!("Temps du {day}, Acme Design")
    );
    assert_eq!(label("sync-pending", 10), format!("Temps du {day}"));
    assert_eq!(
        label("sync-refused", 8),
        "Nouvelle facture pour Acme Design"
    );
    assert_eq!(label("sync-pending", 9), "Facture 0042");
    assert_eq!(
        label("sync-pending", 13),
        "Projets\u{a0}: enregistrement 12345"
    );
    // In the undo button's name and a conflict's heading too.
    assert_eq!(
        undo_button("sync-pending", 11)
            .get_attribute("aria-label")
            .as_deref(),
        Some(format!("Annuler — Temps du {day}, Acme Design").as_str())
    );
    assert_eq!(
        in_conflict(6, "h3").inner_text(),
        format!("Temps du {day}, Acme Design\u{a0}: Date et durée")
    );
    // And back in English when the window is.
    m.state.locale.0.set(LocaleId::En);
    settle().await;
    assert_eq!(label("sync-refused", 8), "New invoice for Acme Design");
    assert_eq!(label("sync-pending", 9), "Invoice 0042");
    assert_eq!(
        label("sync-pending", 11),
        "Time on Mar 1, 2026, Acme Design"
    );
}

#[wasm_bindgen_test]
fn every_word_of_the_vocabulary_is_in_both_catalogs() {
    let kinds = [
        OpKind::CreateClient,
        OpKind::UpdateClient,
        OpKind::ArchiveClient,
        OpKind::DeleteClient,
        OpKind::RestoreClient,
        OpKind::CreateTimeEntry,
        OpKind::UpdateTimeEntry,
        OpKind::CreateInvoice,
        OpKind::UpdateInvoice,
        OpKind::MarkBilled,
        OpKind::DraftInvoiceFromTime,
    ];
    let states = [
        OpState::Pending,
        OpState::Sending,
        OpState::Unknown,
        OpState::Done,
        OpState::Rejected,
        OpState::Conflict,
        OpState::Undone,
    ];
    let mut wanted: Vec<&str> = Vec::new();
    wanted.extend(Entity::ALL.iter().map(|e| words::entity_key(*e)));
    wanted.extend(kinds.iter().map(|k| words::op_key(*k)));
    wanted.extend(states.iter().map(|s| words::state_key(*s)));
    wanted.extend(words::GROUPS.iter().map(|(_, k)| *k));
    wanted.extend(words::FIELDS.iter().map(|(_, k)| *k));
    for locale in LocaleId::ALL {
        let keys = i18n::keys(locale);
        let missing: Vec<&&str> = wanted
            .iter()
            .filter(|k| !keys.iter().any(|have| have == **k))
            .collect();
        assert!(missing.is_empty(), "{locale}: missing {missing:?}");
    }
}

#[wasm_bindgen_test]
fn the_page_is_read_again_on_the_events_that_change_it() {
    let here = Some(BusinessId(101));
    let core = |event| ShellEvent::Core { event };
    let b = BusinessId(101);
    let other = BusinessId(202);
    for event in [
        core(Event::SyncStarted { business: b }),
        core(Event::SyncFinished {
            business: b,
            ok: true,
        }),
        core(Event::OutboxChanged { business: b }),
        core(Event::Conflict {
            business: b,
            conflict: 3,
        }),
        ShellEvent::Connectivity { online: false },
    ] {
        assert!(refreshes_page(&event, here), "{event:?}");
    }
    for event in [
        core(Event::OutboxChanged { business: other }),
        core(Event::Progress {
            business: b,
            entity: Entity::Clients,
            done: 10,
            total: None,
        }),
        core(Event::Changed {
            business: b,
            entity: Entity::Clients,
            origin: ledgerline_model::event::Origin::Sync,
        }),
    ] {
        assert!(!refreshes_page(&event, here), "{event:?}");
    }
}

/// A large sync sends hundreds of progress events and, while it pushes, an outbox change per
/// change sent: none of them reads the page while it runs (the bar follows the events, the
/// tick reads the rest every few seconds); its end reads it once. Idle, a change reads it at
/// once.
#[wasm_bindgen_test]
fn a_running_sync_reads_the_page_at_its_end_not_on_each_event() {
    let b = BusinessId(101);
    let here = Some(b);
    let core = |event| ShellEvent::Core { event };
    let mut events = vec![core(Event::SyncStarted { business: b })];
    for i in 0..400u64 {
        events.push(core(Event::Progress {
            business: b,
            entity: Entity::TimeEntries,
            done: i * 25,
            total: Some(10_000),
        }));
        if i % 2 == 0 {
            events.push(core(Event::OutboxChanged { business: b }));
        }
    }
    events.push(core(Event::Conflict {
        business: b,
        conflict: 3,
    }));
    events.push(core(Event::Backoff {
        until: now(),
        in_flight: 2,
    }));
    events.push(core(Event::SyncFinished {
        business: b,
        ok: true,
    }));
    let mut running = false;
    let mut reads = Vec::new();
    for event in &events {
        if refreshes_page(event, here) && reads_at_once(event, running) {
            reads.push(event.clone());
        }
        // As the frame's sync state follows them.
        if let ShellEvent::Core { event } = event {
            match event {
                Event::SyncStarted { .. } => running = true,
                Event::SyncFinished { .. } => running = false,
                _ => {}
            }
        }
    }
    assert_eq!(reads, [events[0].clone(), events[events.len() - 1].clone()]);
    // Idle, each change reads it at once; the session and connectivity always do.
    assert!(reads_at_once(
        &core(Event::OutboxChanged { business: b }),
        false
    ));
    assert!(reads_at_once(
        &ShellEvent::Connectivity { online: false },
        true
    ));
}

#[wasm_bindgen_test]
async fn online_follows_the_shells_connectivity_as_well_as_the_page() {
    let m = mount_page(dom::signed_in(), page());
    settle().await;
    let online = || by_id("sync-page-online").get_attribute("data-online");
    assert_eq!(online().as_deref(), Some("true"));
    assert_eq!(by_id("sync-page-online").inner_text(), "Online");
    events::apply(m.state, ShellEvent::Connectivity { online: false });
    settle().await;
    assert_eq!(online().as_deref(), Some("false"));
    events::apply(m.state, ShellEvent::Connectivity { online: true });
    settle().await;
    assert_eq!(online().as_deref(), Some("true"));
}

#[wasm_bindgen_test]
fn the_page_crosses_the_bridge_unchanged() {
    // As the shell answers `get_sync_page` (JSON), parsed by the browser and decoded the way
    // the window's IPC does: a conflict's numbers stay integers (5400, not 5400.0), so the
    // page writes them as hours and names.
    let mut sent = page();
    sent.progress = Some(SyncProgress {
        started_at: now(),
        done: 5,
        total: None,
        entity: None,
        seconds_left: None,
    });
    let text = serde_json::to_string(&sent).unwrap();
    let js = js_sys::JSON::parse(&text).unwrap();
    let back: SyncPage = serde_wasm_bindgen::from_value(js).unwrap();
    assert_eq!(back, sent, "{text}");
    let args = ResolveArgs {
        conflict: 6,
        resolution: Resolution::TakeFreshBooks,
    };
    assert_eq!(
        serde_json::to_value(args).unwrap(),
        json!({"conflict": 6, "resolution": "take_fresh_books"})
    );
}

/// A draft FreshBooks refused (its time billed there meanwhile), a field FreshBooks refused and
/// a conflict settled elsewhere are said in French too, not in the core's English.
#[wasm_bindgen_test]
async fn refusals_of_drafts_and_conflicts_speak_french() {
    use ledgerline_model::error::FieldProblem;
    use ledgerline_model::ids::TimeEntryId;
    let mut p = page();
    let mut draft = change(
        9,
        OpKind::CreateInvoice,
        Entity::Invoices,
        OpState::Rejected,
        true,
    );
    draft.error = Some(ErrorPayload::new(
        ErrorKind::NeedsDecision,
        ErrorCode::BilledInFreshBooks {
            entries: vec![TimeEntryId(4), TimeEntryId(5)],
        },
        "FreshBooks shows 2 of these entries as billed already",
        Action::EditAgain,
    ));
    let mut field = change(
        10,
        OpKind::UpdateClient,
        Entity::Clients,
        OpState::Rejected,
        true,
    );
    field.error = Some(ErrorPayload::new(
        ErrorKind::Validation,
        ErrorCode::InvalidField {
            field: "email".into(),
            problem: FieldProblem::Required,
        },
        "email: this must be given",
        Action::EditAgain,
    ));
    p.refused = vec![draft, field];
    let m = mount_page(dom::signed_in(), p);
    m.state.locale.0.set(LocaleId::FrCa);
    settle().await;
    let said = |seq| {
        row("sync-refused", seq)
            .unwrap()
            .query_selector(".sync-change-error")
            .unwrap()
            .unwrap()
            .unchecked_into::<HtmlElement>()
            .inner_text()
    };
    assert_eq!(
        said(9),
        "FreshBooks indique que 2 de ces entrées sont déjà facturées : la facture n’a pas été créée."
    );
    assert!(said(10).contains("doit être donnée"), "{}", said(10));
    in_conflict(5, ".conflict-keep-mine").click();
    settle().await;
    m.settling.refuse(
        Item::Conflict(5),
        ErrorPayload::new(
            ErrorKind::NotFound,
            ErrorCode::NoSuchConflict { conflict: 5 },
            "This conflict was already settled.",
            Action::Sync,
        ),
    );
    settle().await;
    assert!(
        in_conflict(5, ".conflict-problem")
            .inner_text()
            .contains("déjà été réglé"),
        "{}",
        in_conflict(5, ".conflict-problem").inner_text()
    );
}

/// A conflict settled elsewhere (the command line, another window) is not brought back with
/// buttons that would fail again: it stays off and the page is read again; a change too late to
/// undo comes back with why, and the page is read again to show where it is now.
#[wasm_bindgen_test]
async fn a_choice_settled_elsewhere_reads_the_page_again_instead_of_restoring_the_card() {
    let m = mount_page(dom::signed_in(), page());
    settle().await;
    in_conflict(5, ".conflict-keep-mine").click();
    settle().await;
    let reread = m.settling.answer_refusal(
        Item::Conflict(5),
        ErrorPayload::new(
            ErrorKind::NotFound,
            ErrorCode::NoSuchConflict { conflict: 5 },
            "This conflict was already settled.",
            Action::Sync,
        ),
    );
    settle().await;
    assert!(reread);
    assert!(select(".sync-conflict[data-conflict=\"5\"]").is_none());

    undo_button("sync-pending", 11).click();
    settle().await;
    let reread = m.settling.answer_refusal(
        Item::Change(11),
        ErrorPayload::new(
            ErrorKind::Validation,
            ErrorCode::TooLateToUndo { change: 11 },
            "too late",
            Action::EditAgain,
        ),
    );
    settle().await;
    assert!(reread);
    assert!(row("sync-pending", 11).is_some());

    // Any other refusal: the card comes back with why, and nothing more.
    in_conflict(6, ".conflict-keep-mine").click();
    settle().await;
    let reread = m
        .settling
        .answer_refusal(Item::Conflict(6), rejected("Email is not valid"));
    settle().await;
    assert!(!reread);
    assert!(select(".sync-conflict[data-conflict=\"6\"] .conflict-problem").is_some());
}

/// A new time entry a waiting draft bills says so (in both languages), not "already in
/// FreshBooks"; a draft partly sent says that.
#[wasm_bindgen_test]
async fn a_greyed_undo_says_why_the_core_blocks_it() {
    let mut p = page();
    let mut entry = change(
        13,
        OpKind::CreateTimeEntry,
        Entity::TimeEntries,
        OpState::Pending,
        false,
    );
    entry.undo_blocked = Some(UndoBlocked::BilledByDraft { draft_seq: 14 });
    let mut draft = change(
        14,
        OpKind::CreateInvoice,
        Entity::Invoices,
        OpState::Pending,
        false,
    );
    draft.undo_blocked = Some(UndoBlocked::PartlySent);
    p.pending = vec![entry, draft];
    let m = mount_page(dom::signed_in(), p);
    settle().await;
    assert!(undo_button("sync-pending", 13).disabled());
    assert_eq!(
        by_id("sync-change-13-reason").inner_text(),
        "An invoice draft waiting to be sent bills this time (change 14): undo the draft first."
    );
    assert!(
        by_id("sync-change-14-reason")
            .inner_text()
            .contains("Part of this draft already reached FreshBooks"),
    );
    m.state.locale.0.set(LocaleId::FrCa);
    settle().await;
    assert!(
        by_id("sync-change-13-reason")
            .inner_text()
            .starts_with("Un brouillon de facture en attente"),
        "{}",
        by_id("sync-change-13-reason").inner_text()
    );
}
