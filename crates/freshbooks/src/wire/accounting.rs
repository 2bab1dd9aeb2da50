//! The smaller accounting records: payments, expenses, taxes, items and tasks.

use chrono::{DateTime, NaiveDate, Utc};
use ledgerline_model::entity::{Expense, Item, Payment, Task, Tax, VisState};
use ledgerline_model::ids::{
    ClientId, ExpenseId, InvoiceId, ItemId, PaymentId, ProjectId, TaskId, TaxId,
};
use ledgerline_model::money::{CurrencyCode, Money};
use rust_decimal::Decimal;
use serde::Deserialize;

use crate::wire::{de, either_id};

/// The money of a payment or an expense: `{"amount": "40.00", "code": "CAD"}`, whose code
/// FreshBooks sometimes sends as null. The amount is required; the currency is then unknown
/// rather than the record failing (and with it its page).
#[derive(Debug, Deserialize)]
struct WireAmount {
    #[serde(deserialize_with = "de::decimal")]
    amount: Decimal,
    #[serde(default, deserialize_with = "de::opt_currency")]
    code: Option<CurrencyCode>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct WirePayment {
    #[serde(default, deserialize_with = "de::opt_i64")]
    id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    paymentid: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    invoiceid: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    clientid: Option<i64>,
    amount: WireAmount,
    #[serde(default, deserialize_with = "de::opt_date")]
    date: Option<NaiveDate>,
    #[serde(default, rename = "type", deserialize_with = "de::opt_string")]
    kind: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    note: Option<String>,
    #[serde(default, deserialize_with = "de::vis_state")]
    vis_state: VisState,
    #[serde(default, deserialize_with = "de::opt_eastern")]
    updated: Option<DateTime<Utc>>,
}

impl WirePayment {
    pub(crate) fn into_model(self) -> Result<Payment, String> {
        Ok(Payment {
            id: PaymentId(either_id(self.id, self.paymentid, "payment")?),
            invoice_id: self.invoiceid.filter(|id| *id != 0).map(InvoiceId),
            client_id: self.clientid.filter(|id| *id != 0).map(ClientId),
            amount: self.amount.amount,
            currency_code: self.amount.code,
            date: self.date,
            kind: self.kind,
            note: self.note,
            vis_state: self.vis_state,
            updated: self.updated,
        })
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct WireExpense {
    #[serde(default, deserialize_with = "de::opt_i64")]
    id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    expenseid: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    categoryid: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    clientid: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    projectid: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    invoiceid: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    vendor: Option<String>,
    #[serde(default, deserialize_with = "de::opt_date")]
    date: Option<NaiveDate>,
    amount: WireAmount,
    #[serde(default, deserialize_with = "de::opt_string")]
    notes: Option<String>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    status: Option<i64>,
    #[serde(default, deserialize_with = "de::vis_state")]
    vis_state: VisState,
    #[serde(default, deserialize_with = "de::opt_eastern")]
    updated: Option<DateTime<Utc>>,
}

impl WireExpense {
    pub(crate) fn into_model(self) -> Result<Expense, String> {
        Ok(Expense {
            id: ExpenseId(either_id(self.id, self.expenseid, "expense")?),
            category_id: self.categoryid,
            client_id: self.clientid.filter(|id| *id != 0).map(ClientId),
            project_id: self.projectid.filter(|id| *id != 0).map(ProjectId),
            invoice_id: self.invoiceid.filter(|id| *id != 0).map(InvoiceId),
            vendor: self.vendor,
            date: self.date,
            amount: self.amount.amount,
            currency_code: self.amount.code,
            notes: self.notes,
            status: self.status,
            vis_state: self.vis_state,
            updated: self.updated,
        })
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct WireTax {
    #[serde(default, deserialize_with = "de::opt_i64")]
    id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    taxid: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    name: Option<String>,
    /// A percentage, not money.
    #[serde(default, deserialize_with = "de::opt_percent")]
    amount: Option<Decimal>,
    #[serde(default, deserialize_with = "de::opt_string")]
    number: Option<String>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    compound: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_eastern")]
    updated: Option<DateTime<Utc>>,
}

impl WireTax {
    pub(crate) fn into_model(self) -> Result<Tax, String> {
        Ok(Tax {
            id: TaxId(either_id(self.taxid, self.id, "tax")?),
            name: self.name.unwrap_or_default(),
            percent: self.amount,
            number: self.number,
            compound: self.compound.unwrap_or(false),
            updated: self.updated,
        })
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct WireItem {
    #[serde(default, deserialize_with = "de::opt_i64")]
    id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    itemid: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    description: Option<String>,
    #[serde(default, deserialize_with = "de::opt_decimal")]
    qty: Option<Decimal>,
    #[serde(default, deserialize_with = "de::opt_money")]
    unit_cost: Option<Money>,
    #[serde(default, deserialize_with = "de::opt_decimal")]
    inventory: Option<Decimal>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    tax1: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    tax2: Option<i64>,
    #[serde(default, deserialize_with = "de::vis_state")]
    vis_state: VisState,
    #[serde(default, deserialize_with = "de::opt_eastern")]
    updated: Option<DateTime<Utc>>,
}

impl WireItem {
    pub(crate) fn into_model(self) -> Result<Item, String> {
        Ok(Item {
            id: ItemId(either_id(self.id, self.itemid, "item")?),
            name: self.name.unwrap_or_default(),
            description: self.description,
            qty: self.qty,
            unit_cost: self.unit_cost,
            inventory: self.inventory,
            tax1: self.tax1.filter(|id| *id != 0).map(TaxId),
            tax2: self.tax2.filter(|id| *id != 0).map(TaxId),
            vis_state: self.vis_state,
            updated: self.updated,
        })
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct WireTask {
    #[serde(default, deserialize_with = "de::opt_i64")]
    id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    taskid: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    name: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    description: Option<String>,
    #[serde(default, deserialize_with = "de::opt_bool")]
    billable: Option<bool>,
    #[serde(default, deserialize_with = "de::opt_money")]
    rate: Option<Money>,
    #[serde(default, deserialize_with = "de::vis_state")]
    vis_state: VisState,
    #[serde(default, deserialize_with = "de::opt_eastern")]
    updated: Option<DateTime<Utc>>,
}

impl WireTask {
    pub(crate) fn into_model(self) -> Result<Task, String> {
        Ok(Task {
            id: TaskId(either_id(self.id, self.taskid, "task")?),
            name: self.name.unwrap_or_default(),
            description: self.description,
            billable: self.billable.unwrap_or(false),
            rate: self.rate,
            vis_state: self.vis_state,
            updated: self.updated,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Issue 13 item 13: FreshBooks sends some payments and expenses with a null currency code;
    /// each decodes with its currency unknown instead of failing its record (and its page).
    #[test]
    fn a_payment_or_expense_with_a_null_currency_decodes_with_the_currency_unknown() {
        let payment = serde_json::from_value::<WirePayment>(json!({
            "id": 7, "invoiceid": 3, "amount": {"amount": "40.00", "code": null}, "date": "2026-11-02"
        }))
        .expect("a payment with a null currency decodes");
        let expense = serde_json::from_value::<WireExpense>(json!({
            "id": 8, "amount": {"amount": "12.50", "code": null}, "vendor": "Staples"
        }))
        .expect("an expense with a null currency decodes");
        let payment = payment.into_model().unwrap();
        assert_eq!(payment.amount, Decimal::new(4000, 2));
        assert_eq!(payment.currency_code, None);
        let expense = expense.into_model().unwrap();
        assert_eq!(expense.amount, Decimal::new(1250, 2));
        assert_eq!(expense.currency_code, None);
        let known = serde_json::from_value::<WirePayment>(json!({
            "id": 9, "amount": {"amount": "5", "code": "CAD"}
        }))
        .unwrap()
        .into_model()
        .unwrap();
        assert_eq!(known.currency_code, Some(CurrencyCode::new("CAD").unwrap()));
    }
}
