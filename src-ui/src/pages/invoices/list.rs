//! The invoice list (`/invoices`): status, number (or "pending" for an invoice made here that
//! FreshBooks has not numbered yet), client, dates, amount and what is still owed, each amount
//! in its invoice's currency; filtered by status, client and words; the match's count and its
//! totals per currency. Fast at 10,000 rows: the virtual list draws the rows in view and the
//! rows are asked for a page at a time as they come into view.
//!
//! The address's query sets the filters and follows them (`?status=&client=&q=`, see
//! [`super::filters`]). Stable ids: `#page-title`, `#new-invoice` (disabled with
//! `#new-invoice-reason` when the role is read-only), `#invoice-status`, `#invoice-client`,
//! `#invoice-search`, `#invoice-count`, `#invoice-totals`, `#invoice-list` with rows
//! `.invoice-row[data-invoice]`, `#invoice-export` and its `#invoice-export-done`.

use std::collections::HashSet;

use ledgerline_model::error::ErrorPayload;
use ledgerline_model::ids::ClientId;
use ledgerline_model::ipc::{ExportArgs, ExportFormat, ExportList, Pickers};
use ledgerline_model::money::Money;
use ledgerline_model::views::InvoiceRow;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};

use super::filters::{Filters, STATUSES, status_of, status_word};
use super::rows::{PAGE, ROW_HEIGHT, Slot, land_page, page_of, slot_view};
use crate::components::error_notice::ErrorNotice;
use crate::components::saved_file::{Export, ExportButton, ExportNotices};
use crate::components::virtual_list::VirtualList;
use crate::i18n::{fmt_money, t, t_args};
use crate::screens_api::{self, data_version};
use crate::state::use_state;

/// The pause after a keystroke before the list is asked again, in milliseconds.
const SEARCH_PAUSE_MS: u64 = 120;

/// The match's count and totals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Summary {
    count: u64,
    amount: Vec<Money>,
    outstanding: Vec<Money>,
}

/// The Invoices page.
#[component]
pub fn InvoiceListPage() -> impl IntoView {
    let state = use_state();
    let query = use_query_map();
    let navigate = use_navigate();
    let location = use_location();
    let first = Filters::from_query(|name| query.with_untracked(|q| q.get(name)));
    let status = RwSignal::new(first.status);
    let client = RwSignal::new(first.client);
    let search = RwSignal::new(first.search.clone());
    // The words as last asked (after the pause), so a keystroke alone asks nothing.
    let asked_words = RwSignal::new(first.search);
    let pause = StoredValue::new(None::<TimeoutHandle>);
    let on_search = move |text: String| {
        search.set(text.clone());
        if let Some(handle) = pause.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || asked_words.set(text),
            std::time::Duration::from_millis(SEARCH_PAUSE_MS),
        )
        .ok();
        pause.set_value(handle);
    };
    let filters = Memo::new(move |_| Filters {
        status: status.get(),
        client: client.get(),
        search: asked_words.get(),
    });

    // The address follows the filters (replacing it: Back leaves the list).
    Effect::new(move |_| {
        let wanted = filters.with(|f| f.to_query(encode));
        let here = location.search.get_untracked();
        let here = if here.is_empty() || here == "?" {
            String::new()
        } else if here.starts_with('?') {
            here
        } else {
            format!("?{here}")
        };
        if wanted != here && location.pathname.get_untracked() == "/invoices" {
            navigate(
                &format!("/invoices{wanted}"),
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..NavigateOptions::default()
                },
            );
        }
    });

    let pickers = RwSignal::new(Pickers::default());
    spawn_local(async move {
        if let Ok(p) = screens_api::pickers().await {
            pickers.try_set(p);
        }
    });

    let slots = RwSignal::new(Vec::<Slot>::new());
    let summary = RwSignal::new(None::<Summary>);
    let failed = RwSignal::new(None::<ErrorPayload>);
    // Each new filter or change of the data starts a generation: answers of an older one are
    // dropped, and its first page replaces every row.
    let generation = StoredValue::new(0_u64);
    let landed = StoredValue::new(0_u64);
    let asked_pages = StoredValue::new(HashSet::<u32>::new());
    let fetch = move |page: u32, round: u64| {
        let args = filters.with_untracked(|f| f.page_args(page * PAGE, PAGE));
        spawn_local(async move {
            let answer = screens_api::invoices(args).await;
            if generation.try_get_value() != Some(round) {
                return;
            }
            match answer {
                Ok(list) => {
                    let fresh = landed.get_value() != round;
                    landed.set_value(round);
                    slots.update(|s| {
                        if fresh {
                            s.clear();
                        }
                        land_page(s, page * PAGE, &list);
                    });
                    summary.set(Some(Summary {
                        count: list.total_count,
                        amount: list.amount,
                        outstanding: list.outstanding,
                    }));
                    failed.set(None);
                }
                Err(error) => {
                    // Asked again when drawn again (or on Try again).
                    asked_pages.update_value(|a| {
                        a.remove(&page);
                    });
                    failed.set(Some(error));
                }
            }
        });
    };
    let version = data_version(state);
    let reload = RwSignal::new(0_u32);
    Effect::new(move |_| {
        filters.track();
        version.track();
        reload.track();
        generation.update_value(|g| *g += 1);
        let round = generation.get_value();
        asked_pages.update_value(|a| {
            a.clear();
            a.insert(0);
        });
        fetch(0, round);
    });
    let need = Callback::new(move |index: u32| {
        let page = page_of(index);
        let mut new = false;
        asked_pages.update_value(|a| new = a.insert(page));
        if new {
            fetch(page, generation.get_value());
        }
    });

    let writable = move || state.session.writable();
    let open = {
        let navigate = use_navigate();
        Callback::new(move |row: InvoiceRow| {
            navigate(&format!("/invoices/{}", row.id), Default::default())
        })
    };
    let new_invoice = {
        let navigate = use_navigate();
        move |_| {
            let to = match client.get_untracked() {
                Some(c) => format!("/invoices/new?client={}", c.get()),
                None => "/invoices/new".to_owned(),
            };
            navigate(&to, Default::default())
        }
    };
    let client_value = move || {
        client
            .get()
            .map(|c| c.get().to_string())
            .unwrap_or_default()
    };
    view! {
        <section class="page invoices-page">
            <div class="page-head">
                <h1 id="page-title">{move || t("invoices-title")}</h1>
                <ListExport filters />
                <button
                    id="new-invoice"
                    type="button"
                    class="button primary"
                    disabled=move || !writable()
                    aria-describedby=move || (!writable()).then_some("new-invoice-reason")
                    on:click=new_invoice
                >
                    {move || t("invoices-new")}
                </button>
            </div>
            <Show when=move || !writable()>
                <p id="new-invoice-reason" class="reason">{move || t("invoices-read-only")}</p>
            </Show>
            <div class="list-tools" role="search">
                <label for="invoice-search" class="visually-hidden">{move || t("invoices-search")}</label>
                <input
                    id="invoice-search"
                    type="search"
                    class="input search"
                    autocomplete="off"
                    placeholder=move || t("invoices-search-placeholder")
                    prop:value=move || search.get()
                    on:input=move |ev| on_search(event_target_value(&ev))
                />
                <label for="invoice-status" class="inline-label">{move || t("invoices-status")}</label>
                <select
                    id="invoice-status"
                    class="input"
                    prop:value=move || status_word(status.get())
                    on:change=move |ev| status.set(status_of(&event_target_value(&ev)))
                >
                    {STATUSES
                        .into_iter()
                        .map(|(s, word)| {
                            view! {
                                <option value=word selected=move || status.get() == s>
                                    {move || t(status_key(word))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <label for="invoice-client" class="inline-label">{move || t("invoices-client")}</label>
                <select
                    id="invoice-client"
                    class="input"
                    prop:value=client_value
                    on:change=move |ev| {
                        client.set(event_target_value(&ev).parse::<i64>().ok().map(ClientId))
                    }
                >
                    <option value="" selected=move || client.get().is_none()>
                        {move || t("invoices-client-all")}
                    </option>
                    {move || {
                        let chosen = client.get();
                        let mut listed = pickers.with(|p| p.clients.clone());
                        // A client named by the address but not listed (archived) stays choosable.
                        if let Some(c) = chosen.filter(|c| !listed.iter().any(|p| p.id == *c)) {
                            listed.push(ledgerline_model::ipc::Pick { id: c, name: None });
                        }
                        listed
                            .into_iter()
                            .map(|p| {
                                let id = p.id;
                                let name = p.name.unwrap_or_else(|| t_args("invoices-client-number", &[("id", id.get().into())]));
                                view! {
                                    <option value=id.get().to_string() selected=chosen == Some(id)>
                                        {name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="invoice-summary" aria-live="polite">
                <p id="invoice-count" class="muted">
                    {move || match summary.get() {
                        Some(s) => t_args("invoices-count", &[("count", i64::try_from(s.count).unwrap_or(i64::MAX).into())]),
                        None => t("common-loading"),
                    }}
                </p>
                <dl id="invoice-totals" class="totals">
                    {move || {
                        summary
                            .get()
                            .filter(|s| !s.amount.is_empty())
                            .map(|s| {
                                view! {
                                    <div>
                                        <dt>{move || t("invoices-total-amount")}</dt>
                                        <dd class="invoice-total-amount">{money_list(&s.amount)}</dd>
                                    </div>
                                    <div>
                                        <dt>{move || t("invoices-total-outstanding")}</dt>
                                        <dd class="invoice-total-outstanding">{money_list(&s.outstanding)}</dd>
                                    </div>
                                }
                            })
                    }}
                </dl>
            </div>
            {move || {
                failed
                    .get()
                    .map(|error| {
                        view! {
                            <ErrorNotice
                                error
                                id="invoice-error"
                                retry=Some(Callback::new(move |()| reload.update(|n| *n += 1)))
                                on_dismiss=move |()| failed.set(None)
                            />
                        }
                    })
            }}
            <InvoiceTable slots=Signal::from(slots) need on_open=open />
            <Show when=move || summary.with(|s| s.as_ref().is_some_and(|s| s.count == 0))>
                <p class="muted empty">
                    {move || {
                        if filters.with(|f| *f == Filters::default()) {
                            t("invoices-none")
                        } else {
                            t("invoices-none-found")
                        }
                    }}
                </p>
            </Show>
        </section>
    }
}

/// The catalog key of a status filter's word.
fn status_key(word: &str) -> &'static str {
    match word {
        "draft" => "invoices-status-draft",
        "outstanding" => "invoices-status-outstanding",
        "overdue" => "invoices-status-overdue",
        "paid" => "invoices-status-paid",
        "deleted" => "invoices-status-deleted",
        _ => "invoices-status-all",
    }
}

/// Amounts of several currencies, one per line.
fn money_list(amounts: &[Money]) -> impl IntoView + use<> {
    amounts
        .iter()
        .map(|m| {
            let code = m.currency.as_str().to_owned();
            let text = fmt_money(m);
            view! { <span class="money" data-currency=code data-amount=m.amount.to_string()>{text}</span> }
        })
        .collect_view()
}

/// Percent-encodes a query value.
fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

/// The list's header and rows: each slot drawn by [`slot_view`] (a slot not loaded yet asks for
/// its page through `need`); Enter or a click opens a loaded row.
#[component]
pub fn InvoiceTable(
    /// The match, a slot per invoice.
    #[prop(into)]
    slots: Signal<Vec<Slot>>,
    /// Asks for the page holding a row's index.
    need: Callback<u32>,
    /// Opens an invoice.
    #[prop(into)]
    on_open: Callback<InvoiceRow>,
) -> impl IntoView {
    let open = Callback::new(move |slot: Slot| {
        if let Some(row) = slot.row {
            on_open.run((*row).clone());
        }
    });
    view! {
        <div class="list-header invoice-columns" aria-hidden="true">
            <span>{move || t("invoices-column-status")}</span>
            <span>{move || t("invoices-column-number")}</span>
            <span>{move || t("invoices-column-client")}</span>
            <span>{move || t("invoices-column-date")}</span>
            <span>{move || t("invoices-column-due")}</span>
            <span class="num">{move || t("invoices-column-amount")}</span>
            <span class="num">{move || t("invoices-column-outstanding")}</span>
        </div>
        <VirtualList
            id="invoice-list"
            label=Signal::derive(move || t("invoices-list-label"))
            items=slots
            row_height=ROW_HEIGHT
            key=Slot::key
            row_id=Slot::element_id
            row=move |slot: Slot| slot_view(slot, need)
            on_open=open
        />
    }
}

/// "Export": the list as filtered, as CSV in the Downloads folder, with "Show in folder".
#[component]
fn ListExport(filters: Memo<Filters>) -> impl IntoView {
    let export = Export::new();
    let args = move || ExportArgs {
        list: ExportList::Invoices {
            query: filters.with_untracked(Filters::query),
        },
        format: ExportFormat::Csv,
    };
    view! {
        <ExportButton export id="invoice-export" class="button" label="invoices-export" args />
        <ExportNotices export id="invoice-export-done" reveal_id="invoice-export-reveal" />
    }
}
