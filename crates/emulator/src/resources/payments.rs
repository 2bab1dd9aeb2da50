//! Payments (`payments/payments`): money received against an invoice. Every payment write
//! recomputes its invoice, so `outstanding`, `paid`, the statuses and `version` follow payments.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::lines::{decimal, money};
use super::{default_field, invoices, merge};
use crate::error::Error;
use crate::families::accounting::{AccountingSpec, SortRule};
use crate::filters::{Filter, value_text};
use crate::query::Query;
use crate::store::{Business, Collection, Record};

/// The payments noun.
pub static SPEC: AccountingSpec = AccountingSpec {
    family_prefix: "accounting",
    path: "payments/payments",
    single: "payment",
    plural: "payments",
    collection: Collection::Payments,
    id_alias: Some("logid"),
    filters: &[
        Filter::Equals {
            param: "invoiceid",
            field: "invoiceid",
        },
        Filter::In {
            param: "invoiceids",
            field: "invoiceid",
        },
        Filter::Equals {
            param: "clientid",
            field: "clientid",
        },
        Filter::Min {
            param: "date_min",
            field: "date",
        },
        Filter::Max {
            param: "date_max",
            field: "date",
        },
        Filter::UpdatedMin,
        Filter::UpdatedMax,
    ],
    sort: SortRule::AnyField,
    prepare,
    render,
    after_write: Some(after_write),
};

fn prepare(
    business: &Business,
    existing: Option<&Record>,
    input: &Map<String, Value>,
) -> Result<Map<String, Value>, Error> {
    let mut fields = merge(existing, input, &["logid", "clientid"]);
    let invoice_text = fields
        .get("invoiceid")
        .and_then(value_text)
        .unwrap_or_default();
    let invoice = invoice_text
        .parse::<i64>()
        .ok()
        .and_then(|id| business.record(Collection::Invoices, id));
    let Some(invoice) = invoice else {
        return Err(Error::invalid(
            1012,
            "payment",
            "invoiceid",
            "Invoice not found.",
            &invoice_text,
        ));
    };
    let currency = invoice
        .fields
        .get("currency_code")
        .and_then(Value::as_str)
        .unwrap_or(&business.currency)
        .to_owned();
    let amount = decimal(fields.get("amount")).filter(|a| *a > Decimal::ZERO);
    let Some(amount) = amount else {
        return Err(Error::invalid(
            1001,
            "payment",
            "amount",
            "The amount must be greater than zero.",
            &fields
                .get("amount")
                .and_then(value_text)
                .unwrap_or_default(),
        ));
    };
    fields.insert("invoiceid".into(), json!(invoice.id));
    fields.insert(
        "clientid".into(),
        invoice
            .fields
            .get("customerid")
            .cloned()
            .unwrap_or(Value::Null),
    );
    fields.insert("amount".into(), money(amount, &currency));
    default_field(
        &mut fields,
        "date",
        json!(business.today().format("%Y-%m-%d").to_string()),
    );
    default_field(&mut fields, "type", json!("Check"));
    default_field(&mut fields, "note", json!(""));
    Ok(fields)
}

fn render(_business: &Business, _record: &Record, _query: &Query, _out: &mut Map<String, Value>) {}

fn after_write(business: &mut Business, payment_id: i64, at: DateTime<Utc>) {
    let invoice_id = business
        .record(Collection::Payments, payment_id)
        .and_then(|p| p.fields.get("invoiceid"))
        .and_then(Value::as_i64);
    if let Some(invoice_id) = invoice_id {
        invoices::recompute(business, invoice_id);
        if let Some(invoice) = business.record_mut(Collection::Invoices, invoice_id) {
            invoice.updated = at;
        }
    }
}
