//! Accounts-receivable aging per client: one chart per currency (amounts of two currencies are
//! never drawn on one scale, let alone added), one stacked horizontal bar per client, a segment
//! per bucket (current, 1–30, 31–60, 61–90, 90+ days late), the client's total after the bar, an
//! axis of round amounts, a legend, a `<title>` on every segment, and the same figures as a table
//! for those who do not read charts (each client's name a link to its outstanding invoices).
//!
//! [`layout`] is the arithmetic (values in, pixels out); [`AgingChart`] draws it.

use std::collections::BTreeMap;

use ledgerline_model::home::{AgingBucket, ClientAging};
use ledgerline_model::ids::ClientId;
use ledgerline_model::money::{CurrencyCode, Money};
use leptos::prelude::*;
use rust_decimal::Decimal;

use super::scale;
use crate::i18n::{fmt_money, t, t_args};

/// The drawing's width (the SVG scales to its box).
pub const WIDTH: u32 = 700;
/// Where the bars start (client names end left of it).
pub const PLOT_X: u32 = 180;
/// The bars' full length (the scale's top).
pub const PLOT_WIDTH: u32 = 400;
/// The height of one client's row.
pub const ROW_HEIGHT: u32 = 30;
/// A bar's thickness.
pub const BAR_HEIGHT: u32 = 18;
/// Room under the bars for the axis and its labels.
pub const AXIS_HEIGHT: u32 = 30;
/// At most this many clients per chart (the largest totals; the rest are counted).
pub const MAX_BARS: usize = 10;

/// One bucket's part of a bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// The bucket.
    pub bucket: AgingBucket,
    /// Where it starts, in pixels from the drawing's left.
    pub x: Decimal,
    /// Its length in pixels.
    pub width: Decimal,
    /// The amount.
    pub amount: Money,
}

/// One client's bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// The client.
    pub client: ClientId,
    /// Its name (with its business's when several businesses are drawn).
    pub label: String,
    /// The top of its row.
    pub y: u32,
    /// Its non-empty buckets, left to right.
    pub segments: Vec<Segment>,
    /// What it owes in all.
    pub total: Money,
    /// Where the bar ends.
    pub end_x: Decimal,
    /// Each bucket's amount (zeros included), for the table.
    pub buckets: Vec<Money>,
}

/// One currency's chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// The currency of every amount in it.
    pub currency: CurrencyCode,
    /// The bars, largest total first.
    pub bars: Vec<Bar>,
    /// The axis' ticks: (x, amount).
    pub ticks: Vec<(Decimal, Decimal)>,
    /// The drawing's height.
    pub height: u32,
    /// Clients owing in this currency and left out of the drawing (past [`MAX_BARS`]).
    pub more: usize,
}

/// Lays out one chart per currency (by currency code) of the clients' aging, each client's total
/// the sum of its own buckets only.
pub fn layout(items: &[ClientAging], max_bars: usize) -> Vec<Chart> {
    let several_businesses = items
        .windows(2)
        .any(|pair| pair[0].business != pair[1].business);
    let mut by_currency: BTreeMap<CurrencyCode, Vec<&ClientAging>> = BTreeMap::new();
    for item in items {
        if item.aging.total().amount > Decimal::ZERO {
            by_currency
                .entry(item.aging.currency.clone())
                .or_default()
                .push(item);
        }
    }
    by_currency
        .into_iter()
        .map(|(currency, mut clients)| {
            clients.sort_by(|a, b| {
                b.aging
                    .total()
                    .amount
                    .cmp(&a.aging.total().amount)
                    .then_with(|| a.client_name.cmp(&b.client_name))
            });
            let more = clients.len().saturating_sub(max_bars);
            clients.truncate(max_bars);
            let max = clients
                .iter()
                .map(|c| c.aging.total().amount)
                .max()
                .unwrap_or_default();
            let top = scale::nice_max(max);
            let bars = clients
                .iter()
                .zip(0_u32..)
                .map(|(c, row)| bar(c, row, top, several_businesses))
                .collect();
            let ticks = scale::ticks(top)
                .into_iter()
                .map(|value| {
                    (
                        Decimal::from(PLOT_X) + scale::to_px(value, top, PLOT_WIDTH),
                        value,
                    )
                })
                .collect();
            let rows = u32::try_from(clients.len()).unwrap_or(u32::MAX);
            Chart {
                currency,
                bars,
                ticks,
                height: rows * ROW_HEIGHT + AXIS_HEIGHT,
                more,
            }
        })
        .collect()
}

fn bar(item: &ClientAging, row: u32, top: Decimal, several_businesses: bool) -> Bar {
    let currency = &item.aging.currency;
    let mut so_far = Decimal::ZERO;
    let mut segments = Vec::new();
    for bucket in AgingBucket::ALL {
        let amount = item.aging.get(bucket);
        if amount <= Decimal::ZERO {
            continue;
        }
        // Both edges from running sums, so rounding leaves no gap between segments.
        let start = scale::to_px(so_far, top, PLOT_WIDTH);
        so_far += amount;
        let end = scale::to_px(so_far, top, PLOT_WIDTH);
        segments.push(Segment {
            bucket,
            x: Decimal::from(PLOT_X) + start,
            width: end - start,
            amount: Money::new(amount, currency.clone()),
        });
    }
    let label = if several_businesses {
        format!("{} · {}", item.client_name, item.business_name)
    } else {
        item.client_name.clone()
    };
    Bar {
        client: item.client,
        label,
        y: row * ROW_HEIGHT,
        segments,
        total: item.aging.total(),
        end_x: Decimal::from(PLOT_X) + scale::to_px(so_far, top, PLOT_WIDTH),
        buckets: AgingBucket::ALL
            .iter()
            .map(|b| Money::new(item.aging.get(*b), currency.clone()))
            .collect(),
    }
}

/// A bucket's CSS class (its colour in both themes) and stable name.
pub fn bucket_class(bucket: AgingBucket) -> &'static str {
    match bucket {
        AgingBucket::Current => "aging-current",
        AgingBucket::Days1To30 => "aging-1-30",
        AgingBucket::Days31To60 => "aging-31-60",
        AgingBucket::Days61To90 => "aging-61-90",
        AgingBucket::Over90 => "aging-over-90",
    }
}

/// A bucket's words.
pub fn bucket_label(bucket: AgingBucket) -> String {
    t(match bucket {
        AgingBucket::Current => "home-aging-current",
        AgingBucket::Days1To30 => "home-aging-1-30",
        AgingBucket::Days31To60 => "home-aging-31-60",
        AgingBucket::Days61To90 => "home-aging-61-90",
        AgingBucket::Over90 => "home-aging-over-90",
    })
}

/// Where a client's outstanding invoices are listed.
pub fn client_invoices_href(client: ClientId) -> String {
    format!("/invoices?status=outstanding&client={}", client.get())
}

/// The chart (`#aging-chart`): a legend, then one figure per currency (`#aging-chart-<code>`).
#[component]
pub fn AgingChart(
    /// What each client owes, by how late (any order, any currencies).
    #[prop(into)]
    items: Signal<Vec<ClientAging>>,
) -> impl IntoView {
    let charts = Memo::new(move |_| items.with(|items| layout(items, MAX_BARS)));
    view! {
        <div id="aging-chart" class="aging-chart">
            {move || {
                if charts.with(Vec::is_empty) {
                    view! { <p class="muted">{move || t("home-aging-nothing")}</p> }.into_any()
                } else {
                    view! {
                        <Legend />
                        {move || {
                            charts
                                .get()
                                .into_iter()
                                .map(|chart| view! { <CurrencyChart chart /> })
                                .collect_view()
                        }}
                    }
                        .into_any()
                }
            }}
        </div>
    }
}

/// The buckets' colours and words.
#[component]
fn Legend() -> impl IntoView {
    view! {
        <ul class="aging-legend" aria-hidden="true">
            {AgingBucket::ALL
                .iter()
                .map(|&bucket| {
                    view! {
                        <li>
                            <svg class="aging-swatch" width="12" height="12" viewBox="0 0 12 12">
                                <rect class=bucket_class(bucket) width="12" height="12" rx="2"></rect>
                            </svg>
                            {move || bucket_label(bucket)}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// One currency's drawing and table.
#[component]
fn CurrencyChart(chart: Chart) -> impl IntoView {
    let code = chart.currency.as_str().to_owned();
    let figure_id = format!("aging-chart-{code}");
    let caption_id = format!("aging-caption-{code}");
    let caption_code = code.clone();
    let caption = move || {
        t_args(
            "home-aging-caption",
            &[("currency", caption_code.clone().into())],
        )
    };
    let view_box = format!("0 0 {WIDTH} {}", chart.height);
    let plot_bottom = chart.height - AXIS_HEIGHT;
    let more = chart.more;
    let currency = chart.currency.clone();
    let bars = chart.bars.clone();
    let table_bars = chart.bars;
    let ticks = chart.ticks;
    view! {
        <figure id=figure_id class="aging-figure" data-currency=code>
            <figcaption id=caption_id.clone()>{caption}</figcaption>
            <svg
                class="aging-svg"
                viewBox=view_box
                width=WIDTH.to_string()
                height=chart.height.to_string()
                role="img"
                aria-labelledby=caption_id
            >
                {bars.into_iter().map(draw_bar).collect_view()}
                <line
                    class="aging-axis"
                    x1=PLOT_X.to_string()
                    x2=(PLOT_X + PLOT_WIDTH).to_string()
                    y1=plot_bottom.to_string()
                    y2=plot_bottom.to_string()
                ></line>
                {ticks
                    .into_iter()
                    .map(|(x, value)| {
                        let money = Money::new(value, currency.clone());
                        view! {
                            <line
                                class="aging-tick"
                                x1=x.to_string()
                                x2=x.to_string()
                                y1=plot_bottom.to_string()
                                y2=(plot_bottom + 4).to_string()
                            ></line>
                            <text
                                class="aging-tick-label"
                                x=x.to_string()
                                y=(plot_bottom + 18).to_string()
                                text-anchor="middle"
                            >
                                {move || fmt_money(&money)}
                            </text>
                        }
                    })
                    .collect_view()}
            </svg>
            {(more > 0)
                .then(|| {
                    view! {
                        <p class="muted aging-more">
                            <a href="/clients?sort=outstanding">
                                {move || t_args("home-aging-more", &[("count", more.into())])}
                            </a>
                        </p>
                    }
                })}
            <AgingTable bars=table_bars />
        </figure>
    }
}

fn draw_bar(bar: Bar) -> impl IntoView {
    let y = bar.y;
    let bar_y = (y + (ROW_HEIGHT - BAR_HEIGHT) / 2).to_string();
    let text_y = (y + ROW_HEIGHT / 2 + 5).to_string();
    let label = bar.label.clone();
    let total = bar.total.clone();
    let name = bar.label.clone();
    view! {
        <g class="aging-bar" data-client=bar.client.get().to_string()>
            <text class="aging-name" x=(PLOT_X - 8).to_string() y=text_y.clone() text-anchor="end">
                {label}
            </text>
            {bar
                .segments
                .into_iter()
                .map(|segment| {
                    let name = name.clone();
                    let amount = segment.amount.clone();
                    let title = move || {
                        t_args(
                            "home-aging-segment",
                            &[
                                ("client", name.clone().into()),
                                ("bucket", bucket_label(segment.bucket).into()),
                                ("amount", fmt_money(&amount).into()),
                            ],
                        )
                    };
                    view! {
                        <rect
                            class=format!("aging-seg {}", bucket_class(segment.bucket))
                            data-bucket=bucket_class(segment.bucket)
                            data-amount=segment.amount.amount.to_string()
                            x=segment.x.to_string()
                            y=bar_y.clone()
                            width=segment.width.to_string()
                            height=BAR_HEIGHT.to_string()
                        >
                            <title>{title}</title>
                        </rect>
                    }
                })
                .collect_view()}
            <text class="aging-total" x=(bar.end_x + Decimal::from(6)).to_string() y=text_y>
                {move || fmt_money(&total)}
            </text>
        </g>
    }
}

/// The figures as a table: a row per client, a column per bucket and the total.
#[component]
fn AgingTable(bars: Vec<Bar>) -> impl IntoView {
    view! {
        <details class="aging-table">
            <summary>{move || t("home-aging-as-table")}</summary>
            <table class="table">
                <thead>
                    <tr>
                        <th scope="col">{move || t("home-aging-client")}</th>
                        {AgingBucket::ALL
                            .iter()
                            .map(|&b| view! { <th scope="col" class="num">{move || bucket_label(b)}</th> })
                            .collect_view()}
                        <th scope="col" class="num">{move || t("home-aging-total")}</th>
                    </tr>
                </thead>
                <tbody>
                    {bars
                        .into_iter()
                        .map(|bar| {
                            let total = bar.total.clone();
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=client_invoices_href(bar.client)>{bar.label}</a>
                                    </th>
                                    {bar
                                        .buckets
                                        .into_iter()
                                        .map(|m| view! { <td class="num">{move || fmt_money(&m)}</td> })
                                        .collect_view()}
                                    <td class="num">{move || fmt_money(&total)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ledgerline_model::home::Aging;
    use ledgerline_model::ids::BusinessId;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    fn client(id: i64, name: &str, currency: &str, buckets: [&str; 5]) -> ClientAging {
        let mut aging = Aging::zero(CurrencyCode::new(currency).unwrap_or_else(|_| unreachable!()));
        aging.current = dec(buckets[0]);
        aging.days_1_30 = dec(buckets[1]);
        aging.days_31_60 = dec(buckets[2]);
        aging.days_61_90 = dec(buckets[3]);
        aging.over_90 = dec(buckets[4]);
        ClientAging {
            business: BusinessId(1),
            business_name: "Acme".into(),
            client: ClientId(id),
            client_name: name.into(),
            aging,
        }
    }

    #[test]
    fn one_chart_per_currency_with_segments_from_running_sums() {
        let items = vec![
            client(1, "Maple", "CAD", ["100", "200", "0", "0", "50"]),
            client(2, "Birch", "USD", ["0", "0", "0", "40", "0"]),
            client(3, "Cedar", "CAD", ["0", "0", "125", "0", "0"]),
        ];
        let charts = layout(&items, MAX_BARS);
        assert_eq!(charts.len(), 2);
        let cad = &charts[0];
        assert_eq!(cad.currency.as_str(), "CAD");
        // Maple owes 350 (largest first), the scale tops at 500: 400 px for 500.
        assert_eq!(cad.bars[0].label, "Maple");
        assert_eq!(cad.bars[0].total.amount, dec("350"));
        let widths: Vec<_> = cad.bars[0].segments.iter().map(|s| s.width).collect();
        assert_eq!(widths, vec![dec("80"), dec("160"), dec("40")]);
        assert_eq!(cad.bars[0].segments[1].x, dec("260"));
        assert_eq!(cad.bars[0].end_x, dec("460"));
        assert_eq!(cad.bars[1].segments[0].width, dec("100"));
        assert_eq!(cad.bars[1].y, ROW_HEIGHT);
        // USD on its own scale: 40 of 50.
        let usd = &charts[1];
        assert_eq!(usd.bars.len(), 1);
        assert_eq!(usd.bars[0].segments[0].width, dec("320"));
        assert_eq!(usd.ticks.last().map(|t| t.1), Some(dec("50")));
    }

    #[test]
    fn clients_past_the_limit_are_counted_and_zeros_left_out() {
        let items: Vec<_> = (1..=12)
            .map(|i| client(i, &format!("C{i}"), "CAD", ["1", "0", "0", "0", "0"]))
            .chain([client(99, "Nothing", "CAD", ["0", "0", "0", "0", "0"])])
            .collect();
        let charts = layout(&items, MAX_BARS);
        assert_eq!(charts[0].bars.len(), MAX_BARS);
        assert_eq!(charts[0].more, 2);
        assert!(charts[0].bars.iter().all(|b| b.label != "Nothing"));
    }
}
