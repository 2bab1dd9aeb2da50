//! Estimates (`estimates/estimates`): quotes with lines and totals like invoices, no payments.

use serde_json::{Map, Value, json};

use super::lines::{self, cents, decimal, money};
use super::{default_field, merge, text};
use crate::error::Error;
use crate::families::accounting::{AccountingSpec, SortRule};
use crate::filters::{Filter, value_text};
use crate::query::Query;
use crate::store::{Business, Collection, Record};
use crate::timefmt;

/// The estimates noun.
pub static SPEC: AccountingSpec = AccountingSpec {
    family_prefix: "accounting",
    path: "estimates/estimates",
    single: "estimate",
    plural: "estimates",
    collection: Collection::Estimates,
    id_alias: Some("estimateid"),
    filters: &[
        Filter::Equals {
            param: "customerid",
            field: "customerid",
        },
        Filter::In {
            param: "estimateids",
            field: "id",
        },
        Filter::Equals {
            param: "estimate_number",
            field: "estimate_number",
        },
        Filter::Min {
            param: "date_min",
            field: "create_date",
        },
        Filter::Max {
            param: "date_max",
            field: "create_date",
        },
        Filter::UpdatedMin,
        Filter::UpdatedMax,
    ],
    sort: SortRule::AnyField,
    prepare,
    render,
    after_write: None,
};

fn prepare(
    business: &Business,
    existing: Option<&Record>,
    input: &Map<String, Value>,
) -> Result<Map<String, Value>, Error> {
    let mut fields = merge(
        existing,
        input,
        &[
            "estimateid",
            "amount",
            "discount_total",
            "status",
            "ui_status",
        ],
    );
    let customer_text = fields
        .get("customerid")
        .and_then(value_text)
        .unwrap_or_default();
    let client = customer_text
        .parse::<i64>()
        .ok()
        .and_then(|id| business.record(Collection::Clients, id));
    let Some(client) = client else {
        return Err(Error::invalid(
            1012,
            "estimate",
            "customerid",
            "Customer not found.",
            &customer_text,
        ));
    };
    fields.insert("customerid".into(), json!(client.id));
    let currency = client
        .fields
        .get("currency_code")
        .and_then(Value::as_str)
        .unwrap_or(&business.currency)
        .to_owned();
    default_field(&mut fields, "currency_code", json!(currency));
    let currency = text(&fields, "currency_code").to_owned();
    default_field(
        &mut fields,
        "create_date",
        json!(business.today().format("%Y-%m-%d").to_string()),
    );
    default_field(&mut fields, "discount_value", json!("0"));
    default_field(
        &mut fields,
        "estimate_number",
        json!(format!(
            "E{:06}",
            business.records(Collection::Estimates).count() + 1
        )),
    );
    let lines = match input.get("lines") {
        Some(Value::Array(raw)) => {
            lines::normalize(raw, existing.map(|r| r.id), &currency, "estimate")?
        }
        _ => match fields.get("lines") {
            Some(Value::Array(kept)) => kept.clone(),
            _ => Vec::new(),
        },
    };
    let totals = lines::totals(
        &lines,
        decimal(fields.get("discount_value")).unwrap_or_default(),
    );
    fields.insert("lines".into(), Value::Array(lines));
    fields.insert("amount".into(), money(cents(totals.total), &currency));
    fields.insert("discount_total".into(), money(totals.discount, &currency));
    default_field(&mut fields, "status", json!(1));
    default_field(&mut fields, "ui_status", json!("draft"));
    Ok(fields)
}

fn render(_business: &Business, record: &Record, _query: &Query, out: &mut Map<String, Value>) {
    out.insert("created_at".into(), json!(timefmt::eastern(record.created)));
}
