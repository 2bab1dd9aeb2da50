//! Accounting nouns with no behaviour beyond storing what they are sent: expenses, expense
//! categories, taxes, items, tasks, staff, credit notes, other incomes, bills, bill vendors,
//! and invoice profiles. Each keeps the filters the reference gives it.

use serde_json::{Map, Value, json};

use super::merge;
use crate::error::Error;
use crate::families::accounting::{AccountingSpec, SortRule};
use crate::filters::Filter;
use crate::query::Query;
use crate::store::{Business, Collection, Record};
use crate::timefmt;

const COMMON: &[Filter] = &[Filter::UpdatedMin, Filter::UpdatedMax];

/// What every plain noun shares; each static below overrides its names and filters.
const PLAIN: AccountingSpec = AccountingSpec {
    family_prefix: "accounting",
    path: "",
    single: "",
    plural: "",
    collection: Collection::Items,
    id_alias: None,
    filters: COMMON,
    sort: SortRule::AnyField,
    prepare: store_as_sent,
    render: nothing,
    after_write: None,
};

/// Expenses.
pub static EXPENSES: AccountingSpec = AccountingSpec {
    family_prefix: "accounting",
    path: "expenses/expenses",
    single: "expense",
    plural: "expenses",
    collection: Collection::Expenses,
    id_alias: Some("expenseid"),
    filters: &[
        Filter::Equals {
            param: "clientid",
            field: "clientid",
        },
        Filter::Equals {
            param: "categoryid",
            field: "categoryid",
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
    ..PLAIN
};
/// Expense categories.
pub static CATEGORIES: AccountingSpec = AccountingSpec {
    family_prefix: "accounting",
    path: "expenses/categories",
    single: "category",
    plural: "categories",
    collection: Collection::ExpenseCategories,
    id_alias: Some("categoryid"),
    filters: COMMON,
    ..PLAIN
};
/// Taxes (`amount` is a percent string).
pub static TAXES: AccountingSpec = AccountingSpec {
    family_prefix: "accounting",
    path: "taxes/taxes",
    single: "tax",
    plural: "taxes",
    collection: Collection::Taxes,
    id_alias: Some("taxid"),
    filters: &[
        Filter::Like {
            param: "name_like",
            fields: &["name"],
        },
        Filter::UpdatedMin,
        Filter::UpdatedMax,
    ],
    ..PLAIN
};
/// Items.
pub static ITEMS: AccountingSpec = AccountingSpec {
    family_prefix: "accounting",
    path: "items/items",
    single: "item",
    plural: "items",
    collection: Collection::Items,
    id_alias: Some("itemid"),
    filters: &[
        Filter::Like {
            param: "name_like",
            fields: &["name"],
        },
        Filter::UpdatedMin,
        Filter::UpdatedMax,
    ],
    ..PLAIN
};
/// Tasks (accounting's view of billable tasks).
pub static TASKS: AccountingSpec = AccountingSpec {
    family_prefix: "accounting",
    path: "projects/tasks",
    single: "task",
    plural: "tasks",
    collection: Collection::Tasks,
    id_alias: Some("taskid"),
    filters: &[
        Filter::Like {
            param: "name_like",
            fields: &["name"],
        },
        Filter::UpdatedMin,
        Filter::UpdatedMax,
    ],
    ..PLAIN
};
/// Staff.
pub static STAFFS: AccountingSpec = AccountingSpec {
    family_prefix: "accounting",
    path: "users/staffs",
    single: "staff",
    plural: "staffs",
    collection: Collection::Staffs,
    id_alias: Some("userid"),
    filters: COMMON,
    ..PLAIN
};
/// Credit notes.
pub static CREDIT_NOTES: AccountingSpec = AccountingSpec {
    family_prefix: "accounting",
    path: "credit_notes/credit_notes",
    single: "credit_notes",
    plural: "credit_notes",
    collection: Collection::CreditNotes,
    id_alias: Some("creditid"),
    filters: &[
        Filter::Equals {
            param: "clientid",
            field: "clientid",
        },
        Filter::UpdatedMin,
        Filter::UpdatedMax,
    ],
    ..PLAIN
};
/// Other incomes.
pub static OTHER_INCOMES: AccountingSpec = AccountingSpec {
    family_prefix: "accounting",
    path: "other_incomes/other_incomes",
    single: "other_income",
    plural: "other_income",
    collection: Collection::OtherIncomes,
    id_alias: Some("incomeid"),
    filters: COMMON,
    ..PLAIN
};
/// Bills (timestamps in UTC).
pub static BILLS: AccountingSpec = AccountingSpec {
    family_prefix: "accounting",
    path: "bills/bills",
    single: "bill",
    plural: "bills",
    collection: Collection::Bills,
    id_alias: None,
    filters: COMMON,
    render: utc_stamps,
    ..PLAIN
};
/// Bill vendors (timestamps in UTC).
pub static BILL_VENDORS: AccountingSpec = AccountingSpec {
    family_prefix: "accounting",
    path: "bill_vendors/bill_vendors",
    single: "bill_vendor",
    plural: "bill_vendors",
    collection: Collection::BillVendors,
    id_alias: Some("vendorid"),
    filters: COMMON,
    render: utc_stamps,
    ..PLAIN
};
/// Invoice profiles (recurring invoices).
pub static INVOICE_PROFILES: AccountingSpec = AccountingSpec {
    family_prefix: "accounting",
    path: "invoice_profiles/invoice_profiles",
    single: "invoice_profile",
    plural: "invoice_profiles",
    collection: Collection::InvoiceProfiles,
    id_alias: Some("profileid"),
    filters: COMMON,
    ..PLAIN
};
fn store_as_sent(
    _business: &Business,
    existing: Option<&Record>,
    input: &Map<String, Value>,
) -> Result<Map<String, Value>, Error> {
    Ok(merge(existing, input, &[]))
}

fn nothing(_business: &Business, _record: &Record, _query: &Query, _out: &mut Map<String, Value>) {}

fn utc_stamps(_business: &Business, record: &Record, _query: &Query, out: &mut Map<String, Value>) {
    out.insert(
        "created_at".into(),
        json!(timefmt::utc_plain(record.created)),
    );
    out.insert(
        "updated_at".into(),
        json!(timefmt::utc_plain(record.updated)),
    );
}
