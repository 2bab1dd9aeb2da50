//! `bench-queries` (hidden, diagnostic): the local queries the screens make, each run N times in
//! this process on the current business's mirror, printed as JSON (p50/p95/max in ms). Used by
//! `cargo xtask bench`; timing inside one process keeps process start out of the figures.
//!
//! The screens' queries: Home (the business, and every business), the client list, a search
//! keystroke in it, the time list of a client and of the business, the invoice list, and a
//! drafting preview of 500 unbilled entries. Each is checked against the target of a screen
//! switch or a keystroke (p95 under [`TARGET_MS`] ms); `within_target` says which are not.

use std::collections::HashMap;
use std::time::Instant;

use ledgerline_core::drafting::{DraftSpec, draft};
use ledgerline_model::draft::{DraftRequest, Grouping, Rounding, RoundingMode};
use ledgerline_model::entity::LineTax;
use ledgerline_model::ids::ClientId;
use ledgerline_model::ipc::InvoicePageArgs;
use ledgerline_model::money::CurrencyCode;
use ledgerline_model::views::{
    ClientFilter, ClientQuery, InvoiceQuery, InvoiceStatusFilter, TimeFilter, TimeQuery,
};

use crate::args::BusinessArg;
use crate::context::Context;
use crate::error::{Error, Result};

/// A screen switch or a search keystroke answers within this, at p95.
const TARGET_MS: u128 = 20;

/// Entries in the drafting preview (issue 12's target).
const PREVIEW_ENTRIES: usize = 500;

/// Runs each query `iterations` times and prints one JSON object.
pub async fn queries(ctx: &Context, iterations: u32, business: &BusinessArg) -> Result<()> {
    let iterations = iterations.max(1);
    let b = ctx.business(business).await?;
    let business = b.business_id;
    let clients = ctx
        .core
        .list_clients(business, ClientFilter::default())
        .await?;
    // The client with the most unbilled time: the heaviest unbilled list and draft preview.
    let all = ctx
        .core
        .unbilled_time(business, TimeFilter::default())
        .await?;
    let mut per_client: HashMap<i64, usize> = HashMap::new();
    for e in &all {
        if let Some(c) = e.client_id {
            *per_client.entry(c.get()).or_default() += 1;
        }
    }
    let (client, client_entries) = per_client
        .into_iter()
        .max_by_key(|&(id, n)| (n, std::cmp::Reverse(id)))
        .ok_or_else(|| Error::Usage {
            arg: "business",
            problem: "the mirror holds no unbilled time: run `ledgerline-cli sync` first".into(),
        })?;
    let client = ClientId(client);
    // A word from a client's name in the middle of the list.
    let search_text: String = clients
        .get(clients.len() / 2)
        .and_then(|c| c.name.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "a".into());
    let currency = ctx
        .core
        .client_currency(business, client)
        .await?
        .or_else(|| b.currency_code.clone())
        .or_else(|| CurrencyCode::new("USD").ok())
        .ok_or_else(|| Error::Usage {
            arg: "currency",
            problem: "no currency".into(),
        })?;
    let request = DraftRequest {
        client,
        from: None,
        to: None,
        grouping: Grouping::PerEntry,
        rounding: Rounding {
            increment_seconds: 0,
            mode: RoundingMode::Up,
            minimum_seconds: 0,
        },
        taxes: Vec::new(),
        currency,
        create_date: chrono::Utc::now().date_naive(),
        // The seed leaves some time without a project, service or team rate.
        business_rate: Some(rust_decimal::Decimal::new(100, 0)),
        projects: Vec::new(),
        exclude: Vec::new(),
        include_non_billable: false,
        project_rounding: Vec::new(),
        template: String::new(),
    };

    let mut out = serde_json::Map::new();
    let (search, rows) = time(iterations, || async {
        Ok(ctx.core.search(&search_text, 50).await?.len())
    })
    .await?;
    out.insert(
        "client_search".into(),
        summary(
            &search,
            serde_json::json!({ "text": search_text, "hits": rows }),
        ),
    );
    let (unbilled, rows) = time(iterations, || async {
        Ok(ctx
            .core
            .unbilled_time(
                business,
                TimeFilter {
                    client: Some(client),
                    ..TimeFilter::default()
                },
            )
            .await?
            .len())
    })
    .await?;
    out.insert(
        "unbilled_time_of_client".into(),
        summary(
            &unbilled,
            serde_json::json!({ "client": client.get(), "entries": rows }),
        ),
    );
    let (list, rows) = time(iterations, || async {
        Ok(ctx
            .core
            .list_clients(business, ClientFilter::default())
            .await?
            .len())
    })
    .await?;
    out.insert(
        "client_list".into(),
        summary(&list, serde_json::json!({ "rows": rows })),
    );
    let (preview, rows) = time(iterations, || async {
        Ok(ctx
            .core
            .preview_draft(business, &request)
            .await?
            .lines
            .len())
    })
    .await?;
    out.insert(
        "draft_preview".into(),
        summary(
            &preview,
            serde_json::json!({ "client": client.get(), "entries": client_entries, "lines": rows }),
        ),
    );
    screens(
        ctx,
        iterations,
        business,
        client,
        &search_text,
        &all,
        &request,
        &mut out,
    )
    .await?;
    let late: Vec<String> = out
        .iter()
        .filter(|(_, v)| {
            v.get("p95_us")
                .and_then(serde_json::Value::as_u64)
                .is_some_and(|us| u128::from(us) >= TARGET_MS * 1000)
        })
        .map(|(k, _)| k.clone())
        .collect();
    out.insert("target_p95_ms".into(), (TARGET_MS as u64).into());
    out.insert("over_target".into(), late.into());
    out.insert("iterations".into(), iterations.into());
    println!("{}", serde_json::to_string_pretty(&out)?);
    Ok(())
}

/// The screens' queries (issue 11 and the invoice list of issue 12), into `out`.
#[allow(clippy::too_many_arguments)]
async fn screens(
    ctx: &Context,
    iterations: u32,
    business: ledgerline_model::ids::BusinessId,
    client: ClientId,
    search_text: &str,
    unbilled: &[ledgerline_core::drafting::DraftEntry],
    request: &DraftRequest,
    out: &mut serde_json::Map<String, serde_json::Value>,
) -> Result<()> {
    let today = chrono::Utc::now().date_naive();
    let (home, rows) = time(iterations, || async {
        let h = ctx.core.home(Some(business), today).await?;
        Ok(h.aging.len())
    })
    .await?;
    out.insert(
        "home_business".into(),
        summary(&home, serde_json::json!({ "clients_owing": rows })),
    );
    let (home, rows) = time(iterations, || async {
        Ok(ctx.core.home(None, today).await?.aging.len())
    })
    .await?;
    out.insert(
        "home_all_businesses".into(),
        summary(&home, serde_json::json!({ "clients_owing": rows })),
    );
    let (list, rows) = time(iterations, || async {
        Ok(ctx
            .core
            .list_clients(business, ClientQuery::default())
            .await?
            .len())
    })
    .await?;
    out.insert(
        "client_list_screen".into(),
        summary(&list, serde_json::json!({ "rows": rows })),
    );
    // What a keystroke asks: the word typed so far (its first three letters).
    let typed: String = search_text.chars().take(3).collect();
    let (keystroke, rows) = time(iterations, || async {
        Ok(ctx
            .core
            .list_clients(
                business,
                ClientQuery {
                    search: Some(typed.clone()),
                    ..ClientQuery::default()
                },
            )
            .await?
            .len())
    })
    .await?;
    out.insert(
        "client_search_keystroke".into(),
        summary(
            &keystroke,
            serde_json::json!({ "text": typed, "rows": rows }),
        ),
    );
    let (of_client, rows) = time(iterations, || async {
        Ok(ctx
            .core
            .list_time(
                business,
                TimeQuery {
                    client: Some(client),
                    ..TimeQuery::default()
                },
            )
            .await?
            .rows
            .len())
    })
    .await?;
    out.insert(
        "time_list_of_client".into(),
        summary(
            &of_client,
            serde_json::json!({ "client": client.get(), "rows": rows }),
        ),
    );
    let (whole, rows) = time(iterations, || async {
        Ok(ctx
            .core
            .list_time(business, TimeQuery::default())
            .await?
            .rows
            .len())
    })
    .await?;
    out.insert(
        "time_list_of_business".into(),
        summary(&whole, serde_json::json!({ "rows": rows })),
    );
    let (page, rows) = time(iterations, || async {
        Ok(ctx
            .core
            .list_time(
                business,
                TimeQuery {
                    limit: Some(100),
                    ..TimeQuery::default()
                },
            )
            .await?
            .totals
            .entries as usize)
    })
    .await?;
    out.insert(
        "time_list_of_business_first_100".into(),
        summary(&page, serde_json::json!({ "entries": rows })),
    );
    let (invoices, rows) = time(iterations, || async {
        Ok(ctx
            .core
            .list_invoices(
                business,
                InvoiceQuery {
                    today: Some(today),
                    ..InvoiceQuery::default()
                },
            )
            .await?
            .len())
    })
    .await?;
    out.insert(
        "invoice_list".into(),
        summary(&invoices, serde_json::json!({ "rows": rows })),
    );
    // What the Invoices screen asks: its first page, with the match's count and totals.
    let (page, rows) = time(iterations, || async {
        let page = ctx
            .core
            .invoice_page(
                business,
                InvoicePageArgs {
                    query: InvoiceQuery {
                        today: Some(today),
                        ..InvoiceQuery::default()
                    },
                    offset: 0,
                    limit: 0,
                },
            )
            .await?;
        Ok(usize::try_from(page.total_count).unwrap_or(usize::MAX))
    })
    .await?;
    out.insert(
        "invoice_list_first_page".into(),
        summary(
            &page,
            serde_json::json!({ "page_rows": 200, "matching": rows }),
        ),
    );
    // A page deep in the list, filtered to what is outstanding.
    let (deep, rows) = time(iterations, || async {
        let page = ctx
            .core
            .invoice_page(
                business,
                InvoicePageArgs {
                    query: InvoiceQuery {
                        status: InvoiceStatusFilter::Outstanding,
                        today: Some(today),
                        ..InvoiceQuery::default()
                    },
                    offset: 4000,
                    limit: 0,
                },
            )
            .await?;
        Ok(usize::try_from(page.total_count).unwrap_or(usize::MAX))
    })
    .await?;
    out.insert(
        "invoice_list_outstanding_page_at_4000".into(),
        summary(
            &deep,
            serde_json::json!({ "page_rows": 200, "matching": rows }),
        ),
    );
    // A preview of 500 unbilled entries (no one client has that many in the seed), grouped by
    // project so it stays under FreshBooks' 400 lines: the rates read from the mirror and the
    // pure drafting, as a preview recomputes when an option changes.
    // As one client's (a draft bills one client): the entries' other fields are the seed's.
    let entries: Vec<_> = unbilled
        .iter()
        .take(PREVIEW_ENTRIES)
        .map(|e| ledgerline_core::drafting::DraftEntry {
            client_id: Some(client),
            ..e.clone()
        })
        .collect();
    // As the wizard asks: 15 minutes up with a 15-minute minimum, the description template,
    // a simple and a compound tax.
    let wizard = DraftRequest {
        grouping: Grouping::ByProject,
        rounding: Rounding {
            increment_seconds: 900,
            mode: RoundingMode::Up,
            minimum_seconds: 900,
        },
        template: "{service}, {member}: {date} ({note})".into(),
        taxes: vec![
            LineTax {
                name: "GST".into(),
                percent: rust_decimal::Decimal::new(5, 0),
                number: None,
                compound: false,
            },
            LineTax {
                name: "PST".into(),
                percent: rust_decimal::Decimal::new(7, 0),
                number: None,
                compound: true,
            },
        ],
        ..request.clone()
    };
    let (preview, rows) = time(iterations, || async {
        let (rates, names) = ctx.core.rate_book(business).await?;
        let spec = DraftSpec::new(&wizard, rates, names);
        let preview = draft(&entries, &spec).map_err(ledgerline_core::Error::from)?;
        Ok(preview.lines.len())
    })
    .await?;
    out.insert(
        "draft_preview_500".into(),
        summary(
            &preview,
            serde_json::json!({ "entries": entries.len(), "lines": rows }),
        ),
    );
    Ok(())
}

/// Runs `query` `n` times; the durations in microseconds, sorted, and the last row count.
async fn time<F, Fut>(n: u32, mut query: F) -> Result<(Vec<u128>, usize)>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<usize>>,
{
    let mut times = Vec::with_capacity(n as usize);
    let mut rows = 0;
    for _ in 0..n {
        let started = Instant::now();
        rows = query().await?;
        times.push(started.elapsed().as_micros());
    }
    times.sort_unstable();
    Ok((times, rows))
}

/// p50, p95 and max of sorted microsecond durations, in ms, beside what the query returned.
fn summary(sorted: &[u128], about: serde_json::Value) -> serde_json::Value {
    let at = |q: usize| sorted[(sorted.len() * q / 100).min(sorted.len() - 1)];
    let ms = |us: u128| serde_json::json!(format!("{}.{:03}", us / 1000, us % 1000));
    serde_json::json!({
        "p50_ms": ms(at(50)),
        "p95_ms": ms(at(95)),
        "max_ms": ms(sorted[sorted.len() - 1]),
        "p95_us": u64::try_from(at(95)).unwrap_or(u64::MAX),
        "returned": about,
    })
}
