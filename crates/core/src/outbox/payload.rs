//! Turning an operation's fields (FreshBooks' field names, as kept in the outbox) into the typed
//! create and update payloads of `ledgerline-freshbooks`.
//!
//! Local ids (negative) in reference fields are replaced by FreshBooks ids through `resolve`
//! before this runs; a field that cannot be read is a validation error that names the field. So
//! is a field the typed payload has no place for: it would be left out of what is sent, and the
//! next sync would take back what the user changed.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use ledgerline_model::entity::{
    Address, ClientUpdate, InvoiceUpdate, LineTax, NewClient, NewInvoice, NewInvoiceLine,
    NewTimeEntry, TimeEntryUpdate,
};
use ledgerline_model::ids::{ClientId, IdentityId, ProjectId, ServiceId, TaskId};
use ledgerline_model::money::{CurrencyCode, Money};
use rust_decimal::Decimal;
use serde_json::Value;

use super::op::Fields;
use crate::error::{Error, Result};
use ledgerline_model::entity::Entity;
use ledgerline_model::error::FieldProblem;

/// Client fields the create and update payloads carry.
const CLIENT_FIELDS: &[&str] = &[
    "fname",
    "lname",
    "organization",
    "email",
    "bus_phone",
    "mob_phone",
    "p_street",
    "p_street2",
    "p_city",
    "p_province",
    "p_code",
    "p_country",
    "currency_code",
    "language",
    "note",
];

/// Time entry fields the create payload carries.
const NEW_TIME_ENTRY_FIELDS: &[&str] = &[
    "started_at",
    "duration",
    "note",
    "client_id",
    "project_id",
    "service_id",
    "task_id",
    "identity_id",
    "billable",
    "internal",
];

/// Time entry fields the update payload carries (FreshBooks' update takes no task or identity).
const TIME_ENTRY_UPDATE_FIELDS: &[&str] = &[
    "started_at",
    "duration",
    "note",
    "client_id",
    "project_id",
    "service_id",
    "billable",
    "billed",
    "internal",
];

/// Invoice fields the create and update payloads carry.
const INVOICE_FIELDS: &[&str] = &[
    "customerid",
    "create_date",
    "due_offset_days",
    "currency_code",
    "invoice_number",
    "po_number",
    "notes",
    "terms",
    "discount_value",
    "lines",
];

/// Refuses, when a record is created offline, a field its create payload has no place for (the
/// rest is checked when it is sent, as before).
pub(crate) fn check_new(entity: Entity, f: &Fields) -> Result<()> {
    match entity {
        Entity::Clients => refuse_unknown(f, "client", CLIENT_FIELDS),
        Entity::TimeEntries => refuse_unknown(f, "time entry", NEW_TIME_ENTRY_FIELDS),
        Entity::Invoices => refuse_unknown(f, "invoice", INVOICE_FIELDS),
        // Ledgerline creates nothing else.
        Entity::Projects
        | Entity::Services
        | Entity::ServiceRates
        | Entity::Taxes
        | Entity::Payments
        | Entity::Estimates
        | Entity::Expenses
        | Entity::Items => Ok(()),
    }
}

/// A new client from its fields.
pub fn new_client(f: &Fields) -> Result<NewClient> {
    refuse_unknown(f, "client", CLIENT_FIELDS)?;
    Ok(NewClient {
        first_name: text(f, "fname"),
        last_name: text(f, "lname"),
        organization: text(f, "organization"),
        email: text(f, "email"),
        business_phone: text(f, "bus_phone"),
        mobile_phone: text(f, "mob_phone"),
        address: Address {
            street: text(f, "p_street"),
            street2: text(f, "p_street2"),
            city: text(f, "p_city"),
            province: text(f, "p_province"),
            postal_code: text(f, "p_code"),
            country: text(f, "p_country"),
        },
        currency_code: currency(f, "currency_code")?,
        language: text(f, "language"),
        note: text(f, "note"),
    })
}

/// A client update from the changed fields.
pub fn client_update(f: &Fields) -> Result<ClientUpdate> {
    refuse_unknown(f, "client", CLIENT_FIELDS)?;
    refuse_nulls(f, &["currency_code"])?;
    Ok(ClientUpdate {
        first_name: cleared_text(f, "fname"),
        last_name: cleared_text(f, "lname"),
        organization: cleared_text(f, "organization"),
        email: cleared_text(f, "email"),
        business_phone: cleared_text(f, "bus_phone"),
        mobile_phone: cleared_text(f, "mob_phone"),
        street: cleared_text(f, "p_street"),
        street2: cleared_text(f, "p_street2"),
        city: cleared_text(f, "p_city"),
        province: cleared_text(f, "p_province"),
        postal_code: cleared_text(f, "p_code"),
        country: cleared_text(f, "p_country"),
        currency_code: currency(f, "currency_code")?,
        language: cleared_text(f, "language"),
        note: cleared_text(f, "note"),
    })
}

/// A new time entry from its fields.
pub fn new_time_entry(f: &Fields) -> Result<NewTimeEntry> {
    refuse_unknown(f, "time entry", NEW_TIME_ENTRY_FIELDS)?;
    Ok(NewTimeEntry {
        started_at: time(f, "started_at")?.ok_or(Error::Invalid {
            field: "started_at",
            problem: FieldProblem::Required,
        })?,
        duration_seconds: int(f, "duration").unwrap_or(0),
        note: text(f, "note"),
        client_id: int(f, "client_id").map(ClientId),
        project_id: int(f, "project_id").map(ProjectId),
        service_id: int(f, "service_id").map(ServiceId),
        task_id: int(f, "task_id").map(TaskId),
        identity_id: int(f, "identity_id").map(IdentityId),
        billable: flag(f, "billable").unwrap_or(true),
        internal: flag(f, "internal").unwrap_or(false),
    })
}

/// A time entry update from the changed fields.
pub fn time_entry_update(f: &Fields) -> Result<TimeEntryUpdate> {
    refuse_unknown(f, "time entry", TIME_ENTRY_UPDATE_FIELDS)?;
    refuse_nulls(
        f,
        &[
            "started_at",
            "duration",
            "client_id",
            "project_id",
            "service_id",
            "billable",
            "billed",
            "internal",
        ],
    )?;
    Ok(TimeEntryUpdate {
        started_at: time(f, "started_at")?,
        duration_seconds: int(f, "duration"),
        note: cleared_text(f, "note"),
        client_id: int(f, "client_id").map(ClientId),
        project_id: int(f, "project_id").map(ProjectId),
        service_id: int(f, "service_id").map(ServiceId),
        billable: flag(f, "billable"),
        billed: flag(f, "billed"),
        internal: flag(f, "internal"),
    })
}

/// A new invoice from its fields.
pub fn new_invoice(f: &Fields) -> Result<NewInvoice> {
    refuse_unknown(f, "invoice", INVOICE_FIELDS)?;
    Ok(NewInvoice {
        client_id: ClientId(int(f, "customerid").ok_or(Error::Invalid {
            field: "customerid",
            problem: FieldProblem::Required,
        })?),
        create_date: date(f, "create_date")?.ok_or(Error::Invalid {
            field: "create_date",
            problem: FieldProblem::Required,
        })?,
        due_offset_days: int(f, "due_offset_days"),
        currency_code: currency(f, "currency_code")?,
        invoice_number: text(f, "invoice_number"),
        po_number: text(f, "po_number"),
        notes: text(f, "notes"),
        terms: text(f, "terms"),
        discount_value: decimal(f.get("discount_value")),
        lines: lines(f)?.unwrap_or_default(),
    })
}

/// An invoice update from the changed fields.
pub fn invoice_update(f: &Fields) -> Result<InvoiceUpdate> {
    refuse_unknown(f, "invoice", INVOICE_FIELDS)?;
    refuse_nulls(
        f,
        &[
            "customerid",
            "create_date",
            "due_offset_days",
            "currency_code",
            "discount_value",
            "lines",
        ],
    )?;
    Ok(InvoiceUpdate {
        client_id: int(f, "customerid").map(ClientId),
        create_date: date(f, "create_date")?,
        due_offset_days: int(f, "due_offset_days"),
        currency_code: currency(f, "currency_code")?,
        invoice_number: cleared_text(f, "invoice_number"),
        po_number: cleared_text(f, "po_number"),
        notes: cleared_text(f, "notes"),
        terms: cleared_text(f, "terms"),
        discount_value: decimal(f.get("discount_value")),
        lines: lines(f)?,
    })
}

/// The invoice's lines. A value that cannot be read is refused with its field named, never
/// replaced by a guess: an unreadable unit cost is not 0, an unreadable quantity not 1, a tax
/// without a readable percentage is not dropped, and a line with no currency is not in dollars.
fn lines(f: &Fields) -> Result<Option<Vec<NewInvoiceLine>>> {
    let Some(Value::Array(lines)) = f.get("lines") else {
        return Ok(None);
    };
    let code = text(f, "currency_code");
    let mut res = Vec::with_capacity(lines.len());
    for line in lines {
        // A line that is not an object has no unit cost to send (never skipped: a line lost).
        let Some(obj) = line.as_object() else {
            return Err(Error::Invalid {
                field: "unit_cost",
                problem: FieldProblem::Required,
            });
        };
        let unit_cost = obj.get("unit_cost").ok_or(Error::Invalid {
            field: "unit_cost",
            problem: FieldProblem::Required,
        })?;
        let amount_value = match unit_cost {
            Value::Object(money) => money.get("amount"),
            other => Some(other),
        };
        let amount = required_amount("unit_cost", amount_value)?;
        let line_code = unit_cost
            .get("code")
            .and_then(Value::as_str)
            .filter(|c| !c.trim().is_empty())
            .map(str::to_owned)
            .or_else(|| code.clone())
            .ok_or(Error::Invalid {
                field: "currency_code",
                problem: FieldProblem::Required,
            })?;
        let currency = CurrencyCode::new(&line_code).map_err(|_| Error::Invalid {
            field: "lines",
            problem: FieldProblem::NotACurrency { given: line_code },
        })?;
        let qty = required_amount("qty", obj.get("qty"))?;
        res.push(NewInvoiceLine {
            name: text(obj, "name").unwrap_or_default(),
            description: text(obj, "description"),
            qty,
            unit_cost: Money::new(amount, currency),
            tax1: line_tax(obj, 1)?,
            tax2: line_tax(obj, 2)?,
            date: date(obj, "date")?,
        });
    }
    Ok(Some(res))
}

/// A line's tax `n` (1 or 2): none when it has neither a name nor a percentage; refused when it
/// has one without a readable other (the tax would be dropped and the invoice under-charged).
fn line_tax(obj: &Fields, n: u8) -> Result<Option<LineTax>> {
    let (name_field, amount_field) = match n {
        1 => ("taxName1", "taxAmount1"),
        _ => ("taxName2", "taxAmount2"),
    };
    let name = text(obj, name_field).filter(|name| !name.trim().is_empty());
    let percent = obj.get(amount_field).filter(|v| !v.is_null());
    match (name, percent) {
        (None, None) => Ok(None),
        (None, Some(_)) => Err(Error::Invalid {
            field: name_field,
            problem: FieldProblem::Required,
        }),
        (Some(name), percent) => Ok(Some(LineTax {
            name,
            percent: required_amount(amount_field, percent)?,
            number: text(obj, &format!("taxNumber{n}")),
            // FreshBooks' `compounded_tax`: the second tax is charged on top of the first.
            compound: n == 2 && flag(obj, "compounded_tax") == Some(true),
        })),
    }
}

/// A number that must be there and be readable.
fn required_amount(field: &'static str, v: Option<&Value>) -> Result<Decimal> {
    match v {
        None | Some(Value::Null) => Err(Error::Invalid {
            field,
            problem: FieldProblem::Required,
        }),
        Some(v) => decimal(Some(v)).ok_or_else(|| Error::Invalid {
            field,
            problem: FieldProblem::NotAnAmount {
                given: match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                },
            },
        }),
    }
}

/// A text field of an update: null clears it, which FreshBooks does with an empty string (an
/// absent field would be left as it is, and the user's clearing silently lost).
fn cleared_text(f: &Fields, k: &str) -> Option<String> {
    match f.get(k)? {
        Value::Null => Some(String::new()),
        _ => text(f, k),
    }
}

/// Refuses null in fields an update cannot clear (ids, numbers, flags, dates): the payload would
/// leave them out and FreshBooks would keep its value while the mirror showed none.
fn refuse_nulls(f: &Fields, fields: &[&'static str]) -> Result<()> {
    match fields
        .iter()
        .find(|k| f.get(**k).is_some_and(Value::is_null))
    {
        Some(field) => Err(Error::Invalid {
            field,
            problem: FieldProblem::CannotClear,
        }),
        None => Ok(()),
    }
}

/// Refuses a field the payload has no place for (`vat_number` on a client …): it would be left
/// out of what is sent while the mirror showed it changed, and the next sync would take it back.
fn refuse_unknown(f: &Fields, record: &'static str, known: &[&str]) -> Result<()> {
    match f.keys().find(|k| !known.contains(&k.as_str())) {
        Some(unknown) => Err(Error::Invalid {
            field: record,
            problem: FieldProblem::CannotSend {
                given: unknown.clone(),
                allowed: known.iter().map(|k| (*k).to_owned()).collect(),
            },
        }),
        None => Ok(()),
    }
}

fn text(f: &Fields, k: &str) -> Option<String> {
    match f.get(k)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn int(f: &Fields, k: &str) -> Option<i64> {
    match f.get(k)? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn flag(f: &Fields, k: &str) -> Option<bool> {
    match f.get(k)? {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => n.as_i64().map(|n| n != 0),
        _ => None,
    }
}

fn decimal(v: Option<&Value>) -> Option<Decimal> {
    match v? {
        Value::String(s) => Decimal::from_str(s.trim()).ok(),
        Value::Number(n) => Decimal::from_str(&n.to_string()).ok(),
        _ => None,
    }
}

fn currency(f: &Fields, k: &str) -> Result<Option<CurrencyCode>> {
    text(f, k)
        .map(|c| CurrencyCode::new(&c).map_err(|_| c))
        .transpose()
        .map_err(|given| Error::Invalid {
            field: "currency_code",
            problem: FieldProblem::NotACurrency { given },
        })
}

fn date(f: &Fields, k: &'static str) -> Result<Option<NaiveDate>> {
    text(f, k)
        .map(|s| NaiveDate::parse_from_str(s.get(..10).unwrap_or(&s), "%Y-%m-%d").map_err(|_| s))
        .transpose()
        .map_err(|given| Error::Invalid {
            field: k,
            problem: FieldProblem::NotADate { given },
        })
}

fn time(f: &Fields, k: &'static str) -> Result<Option<DateTime<Utc>>> {
    let Some(s) = text(f, k) else { return Ok(None) };
    if let Ok(t) = DateTime::parse_from_rfc3339(&s) {
        return Ok(Some(t.with_timezone(&Utc)));
    }
    // Time tracking sometimes omits the trailing Z; such times are UTC.
    chrono::NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S%.f")
        .map(|t| Some(t.and_utc()))
        .map_err(|_| Error::Invalid {
            field: k,
            problem: FieldProblem::NotATime { given: s.clone() },
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(v: Value) -> Fields {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn converts_freshbooks_field_names() {
        let c = new_client(&fields(json!({"fname": "Ann", "organization": "Acme", "p_city": "Oslo", "currency_code": "cad"}))).unwrap();
        assert_eq!(c.first_name.as_deref(), Some("Ann"));
        assert_eq!(c.address.city.as_deref(), Some("Oslo"));
        assert_eq!(c.currency_code.unwrap().as_str(), "CAD");
        let t = new_time_entry(&fields(
            json!({"started_at": "2026-03-01T09:00:00", "duration": 1800, "client_id": 4}),
        ))
        .unwrap();
        assert_eq!(t.duration_seconds, 1800);
        assert_eq!(t.client_id, Some(ClientId(4)));
        let inv = new_invoice(&fields(json!({
            "customerid": 4, "create_date": "2026-03-31", "currency_code": "CAD",
            "lines": [{"name": "Design", "qty": "1.50", "unit_cost": {"amount": "120", "code": "CAD"}, "taxName1": "GST", "taxAmount1": "5"}]
        })))
        .unwrap();
        assert_eq!(inv.lines.len(), 1);
        assert_eq!(inv.lines[0].qty.to_string(), "1.50");
        assert_eq!(
            inv.lines[0].tax1.as_ref().unwrap().percent,
            Decimal::from(5)
        );
        assert!(new_invoice(&fields(json!({"create_date": "2026-03-31"}))).is_err());
    }

    /// Issue 13 item 13: a line's unreadable value is refused with its field named, never
    /// guessed (0 for a unit cost, 1 for a quantity, a tax dropped, dollars for a currency).
    #[test]
    fn an_unreadable_line_value_is_refused_not_guessed() {
        let invoice = |line: Value| {
            fields(json!({"customerid": 4, "create_date": "2026-03-31", "lines": [line]}))
        };
        let refused = |line: Value| match new_invoice(&invoice(line)) {
            Err(Error::Invalid { field, problem }) => (field, problem),
            other => panic!("not refused: {other:?}"),
        };
        let good =
            json!({"name": "Design", "qty": "2", "unit_cost": {"amount": "120", "code": "CAD"}});
        assert!(new_invoice(&invoice(good.clone())).is_ok());
        let with = |key: &str, value: Value| {
            let mut line = good.clone();
            line[key] = value;
            line
        };
        assert_eq!(
            refused(with("unit_cost", json!({"amount": "12O", "code": "CAD"}))),
            (
                "unit_cost",
                FieldProblem::NotAnAmount {
                    given: "12O".into()
                }
            )
        );
        assert_eq!(
            refused(with("qty", json!("two"))),
            (
                "qty",
                FieldProblem::NotAnAmount {
                    given: "two".into()
                }
            )
        );
        assert_eq!(
            refused(with("qty", Value::Null)),
            ("qty", FieldProblem::Required)
        );
        let mut tax = with("taxName1", json!("GST"));
        tax["taxAmount1"] = json!("five");
        assert_eq!(
            refused(tax),
            (
                "taxAmount1",
                FieldProblem::NotAnAmount {
                    given: "five".into()
                }
            )
        );
        assert_eq!(
            refused(with("taxName2", json!("QST"))),
            ("taxAmount2", FieldProblem::Required)
        );
        assert_eq!(
            refused(with("taxAmount1", json!("5"))),
            ("taxName1", FieldProblem::Required)
        );
        // No currency on the line nor on the invoice: asked for, not dollars.
        assert_eq!(
            refused(with("unit_cost", json!({"amount": "120"}))),
            ("currency_code", FieldProblem::Required)
        );
        assert_eq!(
            refused(json!("a line")),
            ("unit_cost", FieldProblem::Required)
        );
    }

    #[test]
    fn refuses_a_field_it_cannot_send() {
        let err = client_update(&fields(json!({"email": "a@x", "vat_number": "GB1"}))).unwrap_err();
        insta::assert_snapshot!(err.to_string(), @"client: Ledgerline cannot send “vat_number” to FreshBooks, so that change would be lost; leave it out (these can be sent: fname, lname, organization, email, bus_phone, mob_phone, p_street, p_street2, p_city, p_province, p_code, p_country, currency_code, language, note)");
        assert!(time_entry_update(&fields(json!({"task_id": 3}))).is_err());
        assert!(
            new_time_entry(&fields(
                json!({"started_at": "2026-03-01T09:00:00Z", "task_id": 3})
            ))
            .is_ok()
        );
        assert!(invoice_update(&fields(json!({"status": 2}))).is_err());
        assert!(
            check_new(
                Entity::Invoices,
                &fields(json!({"customerid": 4, "lines": []}))
            )
            .is_ok()
        );
    }
}
