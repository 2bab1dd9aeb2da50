//! Accounting nouns with no behaviour beyond storing what they are sent: expenses, expense
//! categories, taxes, items, tasks, staff, credit notes, other incomes, bills, bill vendors,
//! invoice profiles and event callbacks. Each keeps the filters the reference gives it.

use serde_json::{Map, Value, json};

use super::{AccountingSpec, merge};
use crate::error::Error;
use crate::filters::Filter;
use crate::store::{Business, Collection, Record};
use crate::timefmt;

const COMMON: &[Filter] = &[Filter::UpdatedMin, Filter::UpdatedMax];

const fn spec(
    family_prefix: &'static str,
    path: &'static str,
    single: &'static str,
    plural: &'static str,
    collection: Collection,
    id_alias: Option<&'static str>,
    filters: &'static [Filter],
    render: super::Render,
) -> AccountingSpec {
    AccountingSpec {
        family_prefix,
        path,
        single,
        plural,
        collection,
        id_alias,
        filters,
        sort_aliases: &[],
        prepare: store_as_sent,
        render,
        after_write: None,
    }
}

/// Expenses.
pub static EXPENSES: AccountingSpec = spec(
    "accounting", "expenses/expenses", "expense", "expenses", Collection::Expenses, Some("expenseid"),
    &[
        Filter::Equals { param: "clientid", field: "clientid" },
        Filter::Equals { param: "categoryid", field: "categoryid" },
        Filter::Min { param: "date_min", field: "date" },
        Filter::Max { param: "date_max", field: "date" },
        Filter::UpdatedMin,
        Filter::UpdatedMax,
    ],
    nothing,
);
/// Expense categories.
pub static CATEGORIES: AccountingSpec = spec(
    "accounting", "expenses/categories", "category", "categories", Collection::ExpenseCategories, Some("categoryid"), COMMON, nothing,
);
/// Taxes (`amount` is a percent string).
pub static TAXES: AccountingSpec = spec(
    "accounting", "taxes/taxes", "tax", "taxes", Collection::Taxes, Some("taxid"),
    &[Filter::Like { param: "name_like", fields: &["name"] }, Filter::UpdatedMin, Filter::UpdatedMax],
    nothing,
);
/// Items.
pub static ITEMS: AccountingSpec = spec(
    "accounting", "items/items", "item", "items", Collection::Items, Some("itemid"),
    &[Filter::Like { param: "name_like", fields: &["name"] }, Filter::UpdatedMin, Filter::UpdatedMax],
    nothing,
);
/// Tasks (accounting's view of billable tasks).
pub static TASKS: AccountingSpec = spec(
    "accounting", "projects/tasks", "task", "tasks", Collection::Tasks, Some("taskid"),
    &[Filter::Like { param: "name_like", fields: &["name"] }, Filter::UpdatedMin, Filter::UpdatedMax],
    nothing,
);
/// Staff.
pub static STAFFS: AccountingSpec = spec(
    "accounting", "users/staffs", "staff", "staffs", Collection::Staffs, Some("userid"), COMMON, nothing,
);
/// Credit notes.
pub static CREDIT_NOTES: AccountingSpec = spec(
    "accounting", "credit_notes/credit_notes", "credit_notes", "credit_notes", Collection::CreditNotes, Some("creditid"),
    &[Filter::Equals { param: "clientid", field: "clientid" }, Filter::UpdatedMin, Filter::UpdatedMax],
    nothing,
);
/// Other incomes.
pub static OTHER_INCOMES: AccountingSpec = spec(
    "accounting", "other_incomes/other_incomes", "other_income", "other_income", Collection::OtherIncomes, Some("incomeid"), COMMON, nothing,
);
/// Bills (timestamps in UTC).
pub static BILLS: AccountingSpec = spec(
    "accounting", "bills/bills", "bill", "bills", Collection::Bills, None, COMMON, utc_stamps,
);
/// Bill vendors (timestamps in UTC).
pub static BILL_VENDORS: AccountingSpec = spec(
    "accounting", "bill_vendors/bill_vendors", "bill_vendor", "bill_vendors", Collection::BillVendors, Some("vendorid"), COMMON, utc_stamps,
);
/// Invoice profiles (recurring invoices).
pub static INVOICE_PROFILES: AccountingSpec = spec(
    "accounting", "invoice_profiles/invoice_profiles", "invoice_profile", "invoice_profiles", Collection::InvoiceProfiles, Some("profileid"), COMMON, nothing,
);
/// Webhook callbacks (`/events/account/{account_id}/events/callbacks`).
pub static CALLBACKS: AccountingSpec = spec(
    "events", "events/callbacks", "callback", "callbacks", Collection::Callbacks, Some("callbackid"),
    &[Filter::Equals { param: "event", field: "event" }],
    nothing,
);

fn store_as_sent(_business: &Business, existing: Option<&Record>, input: &Map<String, Value>) -> Result<Map<String, Value>, Error> {
    Ok(merge(existing, input, &[]))
}

fn nothing(_business: &Business, _record: &Record, _out: &mut Map<String, Value>) {}

fn utc_stamps(_business: &Business, record: &Record, out: &mut Map<String, Value>) {
    out.insert("created_at".into(), json!(timefmt::utc_plain(record.created)));
    out.insert("updated_at".into(), json!(timefmt::utc_plain(record.updated)));
}
