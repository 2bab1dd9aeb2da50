//! Seeded invoices (lines from services and items, Canadian or US taxes, a spread of statuses),
//! their payments, and expenses. Totals go through the same code as API writes.

use chrono::TimeDelta;
use rand::Rng;
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::names;
use super::records::{Stage, insert, instant, object};
use super::work::SeededService;
use crate::resources::invoices::{self, DRAFT, SENT, VIEWED};
use crate::resources::lines::{self, cents, money};
use crate::store::{Collection, Record};

/// The taxes a line gets: (name, percent, number) for up to two taxes.
type LineTaxes = [Option<(&'static str, &'static str, &'static str)>; 2];

fn line_taxes(canadian: bool, business_province: &str, client_province: &str) -> LineTaxes {
    if !canadian {
        return if client_province == "New York" {
            [Some(("NY Sales Tax", "8.875", "NY-11-2233445")), None]
        } else {
            [None, None]
        };
    }
    match (business_province, client_province) {
        (_, "Québec") => [
            Some(("GST", "5", "812345678 RT0001")),
            Some(("QST", "9.975", "1219876543 TQ0001")),
        ],
        (_, "British Columbia") | (_, "Manitoba") | (_, "Saskatchewan") => [
            Some(("GST", "5", "812345678 RT0001")),
            Some(("PST", "7", "PST-1234-5678")),
        ],
        (_, "Alberta") => [Some(("GST", "5", "812345678 RT0001")), None],
        ("Nova Scotia", _) => [Some(("HST", "14", "987654321 RT0001")), None],
        _ => [Some(("HST", "13", "812345678 RT0001")), None],
    }
}

/// Invoices with lines and payments spread over the year before the anchor.
pub fn invoices(
    stage: &mut Stage<'_>,
    n_invoices: usize,
    canadian: bool,
    business_province: &str,
    services: &[SeededService],
) {
    let Stage {
        state,
        idx,
        anchor,
        rng,
    } = stage;
    let (idx, anchor) = (*idx, *anchor);

    let clients: Vec<(i64, String, Map<String, Value>)> = state.businesses[idx]
        .records(Collection::Clients)
        .filter(|c| c.vis_state == 0)
        .map(|c| {
            (
                c.id,
                c.fields
                    .get("p_province")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned(),
                c.fields.clone(),
            )
        })
        .collect();
    if clients.is_empty() {
        return;
    }
    let currency = state.businesses[idx].currency.clone();
    let mut n_payments = 0usize;
    let mut invoice_batch = Vec::with_capacity(n_invoices);
    let mut payment_batch = Vec::new();
    for invoice_idx in 0..n_invoices {
        let (client_id, client_province, client) = &clients[rng.random_range(0..clients.len())];
        let days_ago = rng.random_range(1..366);
        let created = instant(anchor, days_ago, rng.random_range(0..480));
        let create_date = anchor
            .checked_sub_days(chrono::Days::new(days_ago))
            .unwrap_or(anchor);
        let taxes = line_taxes(canadian, business_province, client_province);
        let n_lines = rng.random_range(1..5);
        let mut raw_lines = Vec::with_capacity(n_lines);
        for line_idx in 0..n_lines {
            let mut line = if line_idx == 0 || rng.random_range(0..3) > 0 {
                let service = services[rng.random_range(0..services.len())];
                let hours = Decimal::new(rng.random_range(2..81) * 25, 2);
                json!({"type": 0, "name": names::SERVICES[(service.id as usize) % names::SERVICES.len()], "description": names::NOTES[rng.random_range(0..names::NOTES.len())],
                       "qty": hours.to_string(), "unit_cost": {"amount": format!("{}.{:02}", service.rate_cents / 100, service.rate_cents % 100), "code": currency}})
            } else {
                let (name, price) = names::ITEMS[rng.random_range(0..names::ITEMS.len())];
                json!({"type": 0, "name": name, "description": "", "qty": rng.random_range(1..4), "unit_cost": {"amount": price, "code": currency}})
            };
            if let Value::Object(line) = &mut line {
                for (n, tax) in taxes.iter().enumerate() {
                    if let Some((name, percent, number)) = tax {
                        line.insert(format!("taxName{}", n + 1), json!(name));
                        line.insert(format!("taxAmount{}", n + 1), json!(percent));
                        line.insert(format!("taxNumber{}", n + 1), json!(number));
                    }
                }
            }
            raw_lines.push(line);
        }
        let id = state.next_id(Collection::Invoices);
        let normalized =
            lines::normalize(&raw_lines, Some(id), &currency, "invoice").unwrap_or_default();
        // Old invoices are mostly paid, recent ones sent or still drafts.
        let roll = rng.random_range(0..100);
        let (lifecycle, paid_share) = match days_ago {
            0..=14 if roll < 40 => (DRAFT, 0),
            0..=45 => (
                if roll < 50 { SENT } else { VIEWED },
                if roll > 85 { 50 } else { 0 },
            ),
            _ if roll < 75 => (VIEWED, 100),
            _ if roll < 85 => (VIEWED, 50),
            _ => (SENT, 0),
        };
        let mut fields = object(json!({
            "customerid": client_id, "create_date": create_date.format("%Y-%m-%d").to_string(), "due_offset_days": 30,
            "currency_code": currency, "discount_value": if invoice_idx % 11 == 10 { "10" } else { "0" },
            "invoice_number": format!("{:07}", invoice_idx + 1), "po_number": null, "notes": "", "terms": "Due within 30 days.",
            "language": "en", "fname": client.get("fname"), "lname": client.get("lname"),
            "organization": client.get("organization"), "email": client.get("email"),
            "street": client.get("p_street"), "street2": "", "city": client.get("p_city"), "province": client.get("p_province"),
            "code": client.get("p_code"), "country": client.get("p_country"), "lifecycle": lifecycle, "lines": normalized,
        }));
        let total = invoices::set_money_fields(&mut fields, Decimal::ZERO);
        let paid = cents(total * Decimal::from(paid_share) / Decimal::ONE_HUNDRED);
        let mut updated = created;
        if paid > Decimal::ZERO {
            // Never in the future of the anchor date: seeded data is history.
            let paid_at =
                (created + TimeDelta::days(rng.random_range(3..40))).min(instant(anchor, 0, 0));
            let payment_id = state.next_id(Collection::Payments);
            let payment_type = ["Check", "Credit", "Bank Transfer", "Cash"][n_payments % 4];
            let payment = object(json!({
                "invoiceid": id, "clientid": client_id, "amount": money(paid, &currency),
                "date": paid_at.date_naive().format("%Y-%m-%d").to_string(),
                "type": payment_type, "note": "",
            }));
            n_payments += 1;
            payment_batch.push((payment_id, Record::new(payment_id, paid_at, payment)));
            invoices::set_money_fields(&mut fields, paid);
            updated = paid_at;
        }
        let vis_state = if invoice_idx % 50 == 49 { 1 } else { 0 };
        invoice_batch.push((
            id,
            Record {
                id,
                vis_state,
                created,
                updated,
                fields,
            },
        ));
    }
    let business = &mut state.businesses[idx];
    business
        .collections
        .entry(Collection::Invoices)
        .or_default()
        .extend(invoice_batch);
    business
        .collections
        .entry(Collection::Payments)
        .or_default()
        .extend(payment_batch);
}

/// Expenses across the categories.
pub fn expenses(stage: &mut Stage<'_>, n_expenses: usize) {
    let Stage {
        state,
        idx,
        anchor,
        rng,
    } = stage;
    let (idx, anchor) = (*idx, *anchor);

    let currency = state.businesses[idx].currency.clone();
    let categories: Vec<i64> = state.businesses[idx]
        .records(Collection::ExpenseCategories)
        .map(|c| c.id)
        .collect();
    let vendors = [
        "Staples",
        "Adobe",
        "Air Canada",
        "Tim Hortons",
        "Google Ads",
        "Bell",
        "Amazon",
        "Uber",
    ];
    for _ in 0..n_expenses {
        let days_ago = rng.random_range(1..366);
        let at = instant(anchor, days_ago, rng.random_range(0..480));
        let cents_amount = rng.random_range(500..50_000);
        insert(
            state,
            idx,
            Collection::Expenses,
            at,
            object(json!({
                "amount": money(Decimal::new(cents_amount, 2), &currency), "categoryid": categories.get(rng.random_range(0..categories.len().max(1))),
                "vendor": vendors[rng.random_range(0..vendors.len())], "date": at.date_naive().format("%Y-%m-%d").to_string(),
                "notes": "", "clientid": null, "projectid": null, "status": 0, "taxName1": null, "taxAmount1": null,
            })),
        );
    }
}
