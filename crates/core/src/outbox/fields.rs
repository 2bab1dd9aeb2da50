//! Model payloads as an operation's stored fields, and back to our names for people.
//!
//! The core's public API takes `ledgerline_model` payloads (`NewClient`, `ClientUpdate` …). An
//! operation keeps its fields under FreshBooks' names (see [`super::op`]), so this module is the
//! one place that turns one into the other; [`super::payload`] is its inverse at send time, and
//! the tests below prove the round trip. For conflicts, [`our_name`] shows a stored field under
//! the name of the model's field.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use ledgerline_model::entity::{
    ClientUpdate, Entity, InvoiceUpdate, NewClient, NewInvoice, NewInvoiceLine, NewTimeEntry,
    TimeEntryUpdate,
};
use ledgerline_model::money::CurrencyCode;
use rust_decimal::Decimal;
use serde_json::{Value, json};

use super::op::Fields;

/// Client fields: (the model's name, FreshBooks' name).
const CLIENT: &[(&str, &str)] = &[
    ("first_name", "fname"),
    ("last_name", "lname"),
    ("organization", "organization"),
    ("email", "email"),
    ("business_phone", "bus_phone"),
    ("mobile_phone", "mob_phone"),
    ("street", "p_street"),
    ("street2", "p_street2"),
    ("city", "p_city"),
    ("province", "p_province"),
    ("postal_code", "p_code"),
    ("country", "p_country"),
    ("currency_code", "currency_code"),
    ("language", "language"),
    ("note", "note"),
];

/// Time entry fields.
const TIME_ENTRY: &[(&str, &str)] = &[
    ("started_at", "started_at"),
    ("duration_seconds", "duration"),
    ("note", "note"),
    ("client_id", "client_id"),
    ("project_id", "project_id"),
    ("service_id", "service_id"),
    ("task_id", "task_id"),
    ("identity_id", "identity_id"),
    ("billable", "billable"),
    ("billed", "billed"),
    ("internal", "internal"),
];

/// Invoice fields.
const INVOICE: &[(&str, &str)] = &[
    ("client_id", "customerid"),
    ("create_date", "create_date"),
    ("due_offset_days", "due_offset_days"),
    ("currency_code", "currency_code"),
    ("invoice_number", "invoice_number"),
    ("po_number", "po_number"),
    ("notes", "notes"),
    ("terms", "terms"),
    ("discount_value", "discount_value"),
    ("lines", "lines"),
];

/// The model's name of a stored field (`fname` → `first_name`); a field the model has no name
/// for keeps its stored name.
pub(crate) fn our_name(entity: Entity, stored: &str) -> String {
    let table = match entity {
        Entity::Clients => CLIENT,
        Entity::TimeEntries => TIME_ENTRY,
        Entity::Invoices => INVOICE,
        // Ledgerline edits no other entity.
        Entity::Projects
        | Entity::Services
        | Entity::ServiceRates
        | Entity::Taxes
        | Entity::Payments
        | Entity::Estimates
        | Entity::Expenses
        | Entity::Items => &[],
    };
    table
        .iter()
        .find(|(_, theirs)| *theirs == stored)
        .map_or(stored, |(ours, _)| ours)
        .to_owned()
}

/// Fields under construction: each setter writes one model field under its stored name.
struct Builder {
    table: &'static [(&'static str, &'static str)],
    fields: Fields,
}

impl Builder {
    fn new(table: &'static [(&'static str, &'static str)]) -> Self {
        Self {
            table,
            fields: Fields::new(),
        }
    }

    fn put(&mut self, ours: &str, value: Value) {
        if let Some((_, theirs)) = self.table.iter().find(|(name, _)| *name == ours) {
            self.fields.insert((*theirs).to_owned(), value);
        }
    }

    fn opt<T>(&mut self, ours: &str, value: Option<T>, to_json: impl FnOnce(T) -> Value) {
        if let Some(value) = value {
            self.put(ours, to_json(value));
        }
    }

    fn text(&mut self, ours: &str, value: &Option<String>) {
        self.opt(ours, value.as_ref(), |v| json!(v));
    }
}

fn currency(code: &CurrencyCode) -> Value {
    json!(code.as_str())
}

fn time(t: DateTime<Utc>) -> Value {
    // Every digit the time has: a round trip through the stored fields keeps it exactly.
    json!(t.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

fn date(d: NaiveDate) -> Value {
    json!(d.format("%Y-%m-%d").to_string())
}

fn decimal(d: Decimal) -> Value {
    json!(d.to_string())
}

/// A new client's stored fields.
pub(crate) fn new_client(c: &NewClient) -> Fields {
    let mut b = Builder::new(CLIENT);
    b.text("first_name", &c.first_name);
    b.text("last_name", &c.last_name);
    b.text("organization", &c.organization);
    b.text("email", &c.email);
    b.text("business_phone", &c.business_phone);
    b.text("mobile_phone", &c.mobile_phone);
    b.text("street", &c.address.street);
    b.text("street2", &c.address.street2);
    b.text("city", &c.address.city);
    b.text("province", &c.address.province);
    b.text("postal_code", &c.address.postal_code);
    b.text("country", &c.address.country);
    b.opt("currency_code", c.currency_code.as_ref(), currency);
    b.text("language", &c.language);
    b.text("note", &c.note);
    b.fields
}

/// A client update's stored fields: only what is `Some`; an empty text clears the field.
pub(crate) fn client_update(c: &ClientUpdate) -> Fields {
    let mut b = Builder::new(CLIENT);
    b.text("first_name", &c.first_name);
    b.text("last_name", &c.last_name);
    b.text("organization", &c.organization);
    b.text("email", &c.email);
    b.text("business_phone", &c.business_phone);
    b.text("mobile_phone", &c.mobile_phone);
    b.text("street", &c.street);
    b.text("street2", &c.street2);
    b.text("city", &c.city);
    b.text("province", &c.province);
    b.text("postal_code", &c.postal_code);
    b.text("country", &c.country);
    b.opt("currency_code", c.currency_code.as_ref(), currency);
    b.text("language", &c.language);
    b.text("note", &c.note);
    b.fields
}

/// A new time entry's stored fields.
pub(crate) fn new_time_entry(t: &NewTimeEntry) -> Fields {
    let mut b = Builder::new(TIME_ENTRY);
    b.put("started_at", time(t.started_at));
    b.put("duration_seconds", json!(t.duration_seconds));
    b.text("note", &t.note);
    b.opt("client_id", t.client_id, |id| json!(id.get()));
    b.opt("project_id", t.project_id, |id| json!(id.get()));
    b.opt("service_id", t.service_id, |id| json!(id.get()));
    b.opt("task_id", t.task_id, |id| json!(id.get()));
    b.opt("identity_id", t.identity_id, |id| json!(id.get()));
    b.put("billable", json!(t.billable));
    b.put("internal", json!(t.internal));
    b.fields
}

/// A time entry update's stored fields.
pub(crate) fn time_entry_update(t: &TimeEntryUpdate) -> Fields {
    let mut b = Builder::new(TIME_ENTRY);
    b.opt("started_at", t.started_at, time);
    b.opt("duration_seconds", t.duration_seconds, |d| json!(d));
    b.text("note", &t.note);
    b.opt("client_id", t.client_id, |id| json!(id.get()));
    b.opt("project_id", t.project_id, |id| json!(id.get()));
    b.opt("service_id", t.service_id, |id| json!(id.get()));
    b.opt("billable", t.billable, |v| json!(v));
    b.opt("billed", t.billed, |v| json!(v));
    b.opt("internal", t.internal, |v| json!(v));
    b.fields
}

fn lines(lines: &[NewInvoiceLine]) -> Value {
    let lines = lines
        .iter()
        .map(|line| {
            let mut obj = serde_json::Map::new();
            obj.insert("type".into(), json!(0));
            obj.insert("name".into(), json!(line.name));
            if let Some(description) = &line.description {
                obj.insert("description".into(), json!(description));
            }
            obj.insert("qty".into(), decimal(line.qty));
            obj.insert(
                "unit_cost".into(),
                json!({"amount": line.unit_cost.amount.to_string(), "code": line.unit_cost.currency.as_str()}),
            );
            for (n, tax) in [(1, &line.tax1), (2, &line.tax2)] {
                if let Some(tax) = tax {
                    obj.insert(format!("taxName{n}"), json!(tax.name));
                    obj.insert(format!("taxAmount{n}"), decimal(tax.percent));
                    if let Some(number) = &tax.number {
                        obj.insert(format!("taxNumber{n}"), json!(number));
                    }
                }
            }
            if line.tax2.as_ref().is_some_and(|t| t.compound) {
                obj.insert("compounded_tax".into(), json!(true));
            }
            if let Some(day) = line.date {
                obj.insert("date".into(), date(day));
            }
            Value::Object(obj)
        })
        .collect();
    Value::Array(lines)
}

/// A new invoice's stored fields, lines included.
pub(crate) fn new_invoice(i: &NewInvoice) -> Fields {
    let mut b = Builder::new(INVOICE);
    b.put("client_id", json!(i.client_id.get()));
    b.put("create_date", date(i.create_date));
    b.opt("due_offset_days", i.due_offset_days, |d| json!(d));
    b.opt("currency_code", i.currency_code.as_ref(), currency);
    b.text("invoice_number", &i.invoice_number);
    b.text("po_number", &i.po_number);
    b.text("notes", &i.notes);
    b.text("terms", &i.terms);
    b.opt("discount_value", i.discount_value, decimal);
    b.put("lines", lines(&i.lines));
    b.fields
}

/// An invoice update's stored fields.
pub(crate) fn invoice_update(i: &InvoiceUpdate) -> Fields {
    let mut b = Builder::new(INVOICE);
    b.opt("client_id", i.client_id, |id| json!(id.get()));
    b.opt("create_date", i.create_date, date);
    b.opt("due_offset_days", i.due_offset_days, |d| json!(d));
    b.opt("currency_code", i.currency_code.as_ref(), currency);
    b.text("invoice_number", &i.invoice_number);
    b.text("po_number", &i.po_number);
    b.text("notes", &i.notes);
    b.text("terms", &i.terms);
    b.opt("discount_value", i.discount_value, decimal);
    b.opt("lines", i.lines.as_deref(), lines);
    b.fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outbox::payload;
    use ledgerline_model::entity::{Address, LineTax};
    use ledgerline_model::ids::{ClientId, ProjectId};
    use ledgerline_model::money::Money;

    fn cad() -> CurrencyCode {
        CurrencyCode::new("CAD").unwrap()
    }

    #[test]
    fn clients_round_trip_through_stored_fields() {
        let new = NewClient {
            first_name: Some("Ann".into()),
            organization: Some("Acme".into()),
            address: Address {
                city: Some("Oslo".into()),
                postal_code: Some("0150".into()),
                ..Address::default()
            },
            currency_code: Some(cad()),
            ..NewClient::default()
        };
        let fields = new_client(&new);
        assert_eq!(fields["fname"], "Ann");
        assert_eq!(fields["p_code"], "0150");
        assert_eq!(payload::new_client(&fields).unwrap(), new);
        let update = ClientUpdate {
            email: Some("a@x".into()),
            organization: Some(String::new()),
            ..ClientUpdate::default()
        };
        let fields = client_update(&update);
        assert_eq!(fields.len(), 2, "only what changes is stored: {fields:?}");
        assert_eq!(payload::client_update(&fields).unwrap(), update);
    }

    #[test]
    fn time_entries_round_trip_through_stored_fields() {
        let new = NewTimeEntry {
            started_at: DateTime::parse_from_rfc3339("2026-03-01T09:00:00Z")
                .unwrap()
                .with_timezone(&Utc),
            duration_seconds: 1800,
            note: Some("design".into()),
            client_id: Some(ClientId(4)),
            project_id: Some(ProjectId(2)),
            service_id: None,
            task_id: None,
            identity_id: None,
            billable: true,
            internal: false,
        };
        let fields = new_time_entry(&new);
        assert_eq!(fields["duration"], 1800);
        assert_eq!(payload::new_time_entry(&fields).unwrap(), new);
        let update = TimeEntryUpdate {
            billed: Some(false),
            note: Some("more".into()),
            ..TimeEntryUpdate::default()
        };
        assert_eq!(
            payload::time_entry_update(&time_entry_update(&update)).unwrap(),
            update
        );
    }

    #[test]
    fn invoices_round_trip_with_a_compound_second_tax() {
        let tax = |name: &str, percent: u32, compound: bool| LineTax {
            name: name.into(),
            percent: Decimal::from(percent),
            number: None,
            compound,
        };
        let new = NewInvoice {
            client_id: ClientId(4),
            create_date: NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
            due_offset_days: Some(30),
            currency_code: Some(cad()),
            invoice_number: None,
            po_number: None,
            notes: None,
            terms: None,
            discount_value: None,
            lines: vec![NewInvoiceLine {
                name: "Design".into(),
                description: Some("March".into()),
                qty: Decimal::new(150, 2),
                unit_cost: Money::new(Decimal::from(120), cad()),
                tax1: Some(tax("GST", 5, false)),
                tax2: Some(tax("QST", 10, true)),
                date: None,
            }],
        };
        let fields = new_invoice(&new);
        assert_eq!(fields["customerid"], 4);
        assert_eq!(fields["lines"][0]["qty"], "1.50");
        assert_eq!(fields["lines"][0]["unit_cost"]["amount"], "120");
        assert_eq!(fields["lines"][0]["compounded_tax"], true);
        assert_eq!(payload::new_invoice(&fields).unwrap(), new);
        let update = InvoiceUpdate {
            notes: Some("thanks".into()),
            ..InvoiceUpdate::default()
        };
        assert_eq!(
            payload::invoice_update(&invoice_update(&update)).unwrap(),
            update
        );
    }

    #[test]
    fn stored_names_read_as_ours() {
        assert_eq!(our_name(Entity::Clients, "fname"), "first_name");
        assert_eq!(our_name(Entity::Clients, "p_city"), "city");
        assert_eq!(our_name(Entity::Invoices, "customerid"), "client_id");
        assert_eq!(
            our_name(Entity::TimeEntries, "duration"),
            "duration_seconds"
        );
        assert_eq!(our_name(Entity::Clients, "vis_state"), "vis_state");
    }
}
