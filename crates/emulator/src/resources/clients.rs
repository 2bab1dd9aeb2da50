//! Clients (`users/clients`): the people and companies a business bills. A client needs an
//! organization or a first/last name; `signup_date` is UTC, `updated` US/Eastern.

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use super::{default_field, merge, text};
use crate::error::Error;
use crate::families::accounting::{AccountingSpec, SortRule};
use crate::filters::Filter;
use crate::query::Query;
use crate::store::{Business, Collection, Record};
use crate::timefmt;

/// The clients noun.
pub static SPEC: AccountingSpec = AccountingSpec {
    family_prefix: "accounting",
    path: "users/clients",
    single: "client",
    plural: "clients",
    collection: Collection::Clients,
    id_alias: Some("userid"),
    filters: &[
        Filter::Equals {
            param: "email",
            field: "email",
        },
        Filter::Like {
            param: "email_like",
            fields: &["email"],
        },
        Filter::Like {
            param: "organization_like",
            fields: &["organization"],
        },
        Filter::Like {
            param: "fname_like",
            fields: &["fname"],
        },
        Filter::Like {
            param: "lname_like",
            fields: &["lname"],
        },
        Filter::Like {
            param: "phone_like",
            fields: &["home_phone", "mob_phone", "bus_phone"],
        },
        Filter::In {
            param: "userids",
            field: "id",
        },
        Filter::In {
            param: "clientids",
            field: "id",
        },
        Filter::UpdatedMin,
        Filter::UpdatedMax,
        Filter::IdSet {
            param: "has_outstanding",
            members: with_outstanding,
        },
        Filter::IdSet {
            param: "has_overdue",
            members: with_overdue,
        },
        Filter::IdSet {
            param: "has_draft",
            members: with_draft,
        },
        Filter::IdSet {
            param: "has_credit",
            members: with_credit,
        },
    ],
    sort: SortRule::AnyField,
    prepare,
    render,
    after_write: None,
};

/// Fields a new client starts with when the request leaves them out.
const TEXT_DEFAULTS: &[&str] = &[
    "fname",
    "lname",
    "organization",
    "email",
    "home_phone",
    "mob_phone",
    "bus_phone",
    "fax",
    "note",
    "p_street",
    "p_street2",
    "p_city",
    "p_province",
    "p_code",
    "p_country",
    "s_street",
    "s_street2",
    "s_city",
    "s_province",
    "s_code",
    "s_country",
    "vat_name",
    "username",
];

fn prepare(
    business: &Business,
    existing: Option<&Record>,
    input: &Map<String, Value>,
) -> Result<Map<String, Value>, Error> {
    let mut fields = merge(
        existing,
        input,
        &["userid", "signup_date", "accounting_systemid"],
    );
    for key in TEXT_DEFAULTS {
        default_field(&mut fields, key, json!(""));
    }
    default_field(&mut fields, "currency_code", json!(business.currency));
    default_field(&mut fields, "language", json!("en"));
    default_field(&mut fields, "vat_number", Value::Null);
    default_field(&mut fields, "allow_late_fees", json!(true));
    default_field(&mut fields, "allow_late_notifications", json!(true));
    default_field(&mut fields, "has_retainer", Value::Null);
    default_field(&mut fields, "retainer_id", Value::Null);
    default_field(&mut fields, "company_industry", Value::Null);
    default_field(&mut fields, "company_size", Value::Null);
    if text(&fields, "organization").trim().is_empty()
        && text(&fields, "fname").trim().is_empty()
        && text(&fields, "lname").trim().is_empty()
    {
        return Err(Error::invalid(
            1018,
            "client",
            "organization",
            "Please enter an organization or a first and last name.",
            "",
        ));
    }
    Ok(fields)
}

fn render(business: &Business, record: &Record, query: &Query, out: &mut Map<String, Value>) {
    if query.includes("outstanding_balance") {
        out.insert(
            "outstanding_balance".into(),
            outstanding_balance(business, record),
        );
    }
    out.insert(
        "signup_date".into(),
        json!(timefmt::utc_plain(record.created)),
    );
    out.insert("accounting_systemid".into(), json!(business.account_id));
    out.insert("level".into(), json!(0));
}

fn client_invoices<'b>(
    business: &'b Business,
    client: &Record,
) -> impl Iterator<Item = &'b Record> {
    let id = client.id;
    business
        .records(Collection::Invoices)
        .filter(move |invoice| {
            invoice.vis_state == 0
                && invoice.fields.get("customerid").and_then(Value::as_i64) == Some(id)
        })
}

/// Ids of the customers of live invoices that pass `test`.
fn customers_where(business: &Business, test: impl Fn(&Record) -> bool) -> HashSet<i64> {
    business
        .records(Collection::Invoices)
        .filter(|invoice| invoice.vis_state == 0 && test(invoice))
        .filter_map(|invoice| invoice.fields.get("customerid").and_then(Value::as_i64))
        .collect()
}

fn with_outstanding(business: &Business) -> HashSet<i64> {
    customers_where(business, |invoice| {
        super::lines::decimal(invoice.fields.get("outstanding"))
            .is_some_and(|amount| amount > rust_decimal::Decimal::ZERO)
    })
}

fn with_overdue(business: &Business) -> HashSet<i64> {
    customers_where(business, |invoice| {
        super::invoices::v3_status(business, invoice) == "overdue"
    })
}

fn with_draft(business: &Business) -> HashSet<i64> {
    customers_where(business, |invoice| {
        super::invoices::v3_status(business, invoice) == "draft"
    })
}

fn with_credit(business: &Business) -> HashSet<i64> {
    business
        .records(Collection::CreditNotes)
        .filter(|note| note.vis_state == 0)
        .filter_map(|note| note.fields.get("clientid").and_then(Value::as_i64))
        .collect()
}

/// `include[]=outstanding_balance`: what the client owes, one entry per currency.
fn outstanding_balance(business: &Business, client: &Record) -> Value {
    let mut by_currency: std::collections::BTreeMap<String, rust_decimal::Decimal> =
        std::collections::BTreeMap::new();
    for invoice in client_invoices(business, client) {
        let amount = super::lines::decimal(invoice.fields.get("outstanding")).unwrap_or_default();
        if amount > rust_decimal::Decimal::ZERO {
            let code = super::text(&invoice.fields, "currency_code").to_owned();
            *by_currency.entry(code).or_default() += amount;
        }
    }
    Value::Array(
        by_currency
            .into_iter()
            .map(|(code, amount)| json!({"amount": super::lines::money(amount, &code)}))
            .collect(),
    )
}
