//! Accounting invoices and estimates with their lines, and the invoice create/update bodies.

use chrono::{DateTime, NaiveDate, Utc};
use ledgerline_model::entity::{
    Estimate, Invoice, InvoiceLine, InvoiceStatus, InvoiceUpdate, LineKind, LineTax, NewInvoice,
    NewInvoiceLine, VisState,
};
use ledgerline_model::ids::{ClientId, EstimateId, ExpenseId, InvoiceId, LineId, ProjectId};
use ledgerline_model::money::{CurrencyCode, Money};
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::wire::{de, either_id};

#[derive(Debug, Deserialize)]
pub(crate) struct WireInvoice {
    #[serde(default, deserialize_with = "de::opt_i64")]
    id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    invoiceid: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    invoice_number: Option<String>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    customerid: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_date")]
    create_date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "de::opt_date")]
    due_date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    due_offset_days: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_currency")]
    currency_code: Option<CurrencyCode>,
    #[serde(default, deserialize_with = "de::opt_money")]
    amount: Option<Money>,
    #[serde(default, deserialize_with = "de::opt_money")]
    outstanding: Option<Money>,
    #[serde(default, deserialize_with = "de::opt_money")]
    paid: Option<Money>,
    #[serde(default, deserialize_with = "de::opt_percent")]
    discount_value: Option<Decimal>,
    #[serde(default, deserialize_with = "de::opt_money")]
    discount_total: Option<Money>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    status: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    v3_status: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    display_status: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    payment_status: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    po_number: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    notes: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    terms: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    organization: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    fname: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    lname: Option<String>,
    #[serde(default, deserialize_with = "de::vis_state")]
    vis_state: VisState,
    #[serde(default, deserialize_with = "de::opt_eastern")]
    created_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "de::opt_eastern")]
    updated: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "de::opt_string")]
    version: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    uuid: Option<String>,
    #[serde(default)]
    lines: Option<Vec<WireLine>>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct WireLine {
    #[serde(default, deserialize_with = "de::opt_i64")]
    lineid: Option<i64>,
    #[serde(default, rename = "type", deserialize_with = "de::opt_i64")]
    kind: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    description: Option<String>,
    #[serde(default, deserialize_with = "de::opt_decimal")]
    qty: Option<Decimal>,
    #[serde(default, deserialize_with = "de::opt_money")]
    unit_cost: Option<Money>,
    #[serde(default, deserialize_with = "de::opt_money")]
    amount: Option<Money>,
    #[serde(default, rename = "taxName1", deserialize_with = "de::opt_string")]
    tax_name1: Option<String>,
    #[serde(default, rename = "taxAmount1", deserialize_with = "de::opt_percent")]
    tax_amount1: Option<Decimal>,
    #[serde(default, rename = "taxNumber1", deserialize_with = "de::opt_string")]
    tax_number1: Option<String>,
    #[serde(default, rename = "taxName2", deserialize_with = "de::opt_string")]
    tax_name2: Option<String>,
    #[serde(default, rename = "taxAmount2", deserialize_with = "de::opt_percent")]
    tax_amount2: Option<Decimal>,
    #[serde(default, rename = "taxNumber2", deserialize_with = "de::opt_string")]
    tax_number2: Option<String>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    compounded_tax: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    expenseid: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_date")]
    date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    modern_project_id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_eastern")]
    updated: Option<DateTime<Utc>>,
}

fn tax(
    name: Option<String>,
    percent: Option<Decimal>,
    number: Option<String>,
    compound: bool,
) -> Option<LineTax> {
    let name = name?;
    Some(LineTax {
        name,
        percent: percent.unwrap_or(Decimal::ZERO),
        number,
        compound,
    })
}

impl WireLine {
    pub(crate) fn into_model(self) -> InvoiceLine {
        InvoiceLine {
            line_id: self.lineid.map(LineId),
            kind: match self.kind.unwrap_or(0) {
                0 => LineKind::Normal,
                1 => LineKind::RebilledExpense,
                other => LineKind::Unknown(other),
            },
            name: self.name,
            description: self.description,
            qty: self.qty.unwrap_or(Decimal::ONE),
            unit_cost: self.unit_cost,
            amount: self.amount,
            tax1: tax(self.tax_name1, self.tax_amount1, self.tax_number1, false),
            // FreshBooks' `compounded_tax` says the second tax is charged on top of the first.
            tax2: tax(
                self.tax_name2,
                self.tax_amount2,
                self.tax_number2,
                self.compounded_tax.unwrap_or(false),
            ),
            expense_id: self.expenseid.filter(|id| *id != 0).map(ExpenseId),
            date: self.date,
            // FreshBooks writes 0 for "no project", as for `expenseid`.
            project_id: self.modern_project_id.filter(|id| *id != 0).map(ProjectId),
            updated: self.updated,
        }
    }
}

impl WireInvoice {
    pub(crate) fn into_model(self) -> Result<Invoice, String> {
        Ok(Invoice {
            id: InvoiceId(either_id(self.id, self.invoiceid, "invoice")?),
            invoice_number: self.invoice_number,
            client_id: ClientId(self.customerid.ok_or("invoice without a customerid")?),
            create_date: self.create_date,
            due_date: self.due_date,
            due_offset_days: self.due_offset_days,
            currency_code: self.currency_code,
            amount: self.amount,
            outstanding: self.outstanding,
            paid: self.paid,
            discount_value: self.discount_value,
            discount_total: self.discount_total,
            status: InvoiceStatus::from_code(self.status.unwrap_or(1)),
            v3_status: self.v3_status,
            display_status: self.display_status,
            payment_status: self.payment_status,
            po_number: self.po_number,
            notes: self.notes,
            terms: self.terms,
            organization: self.organization,
            first_name: self.fname,
            last_name: self.lname,
            vis_state: self.vis_state,
            created_at: self.created_at,
            updated: self.updated,
            version: self.version,
            uuid: self.uuid,
            lines: self
                .lines
                .map(|lines| lines.into_iter().map(WireLine::into_model).collect()),
        })
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct WireEstimate {
    #[serde(default, deserialize_with = "de::opt_i64")]
    id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    estimateid: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    estimate_number: Option<String>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    customerid: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_date")]
    create_date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "de::opt_currency")]
    currency_code: Option<CurrencyCode>,
    #[serde(default, deserialize_with = "de::opt_money")]
    amount: Option<Money>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    status: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    ui_status: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    notes: Option<String>,
    #[serde(default, deserialize_with = "de::vis_state")]
    vis_state: VisState,
    #[serde(default, deserialize_with = "de::opt_eastern")]
    updated: Option<DateTime<Utc>>,
    #[serde(default)]
    lines: Option<Vec<WireLine>>,
}

impl WireEstimate {
    pub(crate) fn into_model(self) -> Result<Estimate, String> {
        Ok(Estimate {
            id: EstimateId(either_id(self.id, self.estimateid, "estimate")?),
            estimate_number: self.estimate_number,
            client_id: ClientId(self.customerid.ok_or("estimate without a customerid")?),
            create_date: self.create_date,
            currency_code: self.currency_code,
            amount: self.amount,
            status: self.status,
            ui_status: self.ui_status,
            notes: self.notes,
            vis_state: self.vis_state,
            updated: self.updated,
            lines: self
                .lines
                .map(|lines| lines.into_iter().map(WireLine::into_model).collect()),
        })
    }
}

fn line_body(line: &NewInvoiceLine) -> Value {
    let mut map = Map::new();
    map.insert("type".into(), json!(0));
    map.insert("name".into(), json!(line.name));
    if let Some(d) = &line.description {
        map.insert("description".into(), json!(d));
    }
    map.insert("qty".into(), json!(line.qty.to_string()));
    map.insert(
        "unit_cost".into(),
        json!({"amount": line.unit_cost.amount.to_string(), "code": line.unit_cost.currency.as_str()}),
    );
    for (n, tax) in [(1, &line.tax1), (2, &line.tax2)] {
        if let Some(tax) = tax {
            map.insert(format!("taxName{n}"), json!(tax.name));
            map.insert(format!("taxAmount{n}"), json!(tax.percent.to_string()));
            if let Some(number) = &tax.number {
                map.insert(format!("taxNumber{n}"), json!(number));
            }
        }
    }
    if line.tax2.as_ref().is_some_and(|tax| tax.compound) {
        map.insert("compounded_tax".into(), json!(true));
    }
    if let Some(date) = line.date {
        map.insert("date".into(), json!(date.format("%Y-%m-%d").to_string()));
    }
    Value::Object(map)
}

/// `{"invoice": {…}}` to create a draft.
pub(crate) fn new_invoice_body(new: &NewInvoice) -> Value {
    let mut map = Map::new();
    map.insert("customerid".into(), json!(new.client_id.get()));
    map.insert(
        "create_date".into(),
        json!(new.create_date.format("%Y-%m-%d").to_string()),
    );
    if let Some(days) = new.due_offset_days {
        map.insert("due_offset_days".into(), json!(days));
    }
    if let Some(code) = &new.currency_code {
        map.insert("currency_code".into(), json!(code.as_str()));
    }
    for (key, value) in [
        ("invoice_number", &new.invoice_number),
        ("po_number", &new.po_number),
        ("notes", &new.notes),
        ("terms", &new.terms),
    ] {
        if let Some(v) = value {
            map.insert(key.into(), json!(v));
        }
    }
    if let Some(discount) = new.discount_value {
        map.insert("discount_value".into(), json!(discount.to_string()));
    }
    map.insert(
        "lines".into(),
        Value::Array(new.lines.iter().map(line_body).collect()),
    );
    json!({ "invoice": map })
}

/// `{"invoice": {…}}` with only the changed fields.
pub(crate) fn invoice_update_body(update: &InvoiceUpdate) -> Value {
    let mut map = Map::new();
    if let Some(client) = update.client_id {
        map.insert("customerid".into(), json!(client.get()));
    }
    if let Some(date) = update.create_date {
        map.insert(
            "create_date".into(),
            json!(date.format("%Y-%m-%d").to_string()),
        );
    }
    if let Some(days) = update.due_offset_days {
        map.insert("due_offset_days".into(), json!(days));
    }
    if let Some(code) = &update.currency_code {
        map.insert("currency_code".into(), json!(code.as_str()));
    }
    for (key, value) in [
        ("invoice_number", &update.invoice_number),
        ("po_number", &update.po_number),
        ("notes", &update.notes),
        ("terms", &update.terms),
    ] {
        if let Some(v) = value {
            map.insert(key.into(), json!(v));
        }
    }
    if let Some(discount) = update.discount_value {
        map.insert("discount_value".into(), json!(discount.to_string()));
    }
    if let Some(lines) = &update.lines {
        map.insert(
            "lines".into(),
            Value::Array(lines.iter().map(line_body).collect()),
        );
    }
    json!({ "invoice": map })
}
