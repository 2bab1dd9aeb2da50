//! Invoices (`invoices/invoices`): lines with up to two taxes each, totals computed from them,
//! `outstanding`/`paid` following payments, the status trio (status, v3_status, payment_status),
//! and a `version` that changes on every edit. A created invoice is a draft until it is sent
//! (`action_email` or `action_mark_as_sent` on an update). An email sent through `action_email`
//! is recorded on the invoice (never rendered) for [`crate::Control::sent_emails`].

use chrono::{Days, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use super::lines::{self, cents, decimal, money};
use super::{default_field, merge, text};
use crate::error::Error;
use crate::families::accounting::{AccountingSpec, SortRule};
use crate::filters::Filter;
use crate::query::Query;
use crate::store::{Business, Collection, DELETED, Record};
use crate::timefmt;

/// The invoices noun.
pub static SPEC: AccountingSpec = AccountingSpec {
    family_prefix: "accounting",
    path: "invoices/invoices",
    single: "invoice",
    plural: "invoices",
    collection: Collection::Invoices,
    id_alias: Some("invoiceid"),
    filters: &[
        Filter::Equals {
            param: "customerid",
            field: "customerid",
        },
        Filter::In {
            param: "customerids",
            field: "customerid",
        },
        Filter::In {
            param: "invoiceids",
            field: "id",
        },
        Filter::Equals {
            param: "invoice_number",
            field: "invoice_number",
        },
        Filter::Like {
            param: "invoice_number_like",
            fields: &["invoice_number"],
        },
        Filter::Computed {
            param: "v3_status",
            value: v3_status,
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
        Filter::Flag {
            param: "paid",
            test: is_paid,
        },
        Filter::Flag {
            param: "outstanding",
            test: has_outstanding,
        },
        // search[payment_status] and search[status] are ignored by FreshBooks, so not listed.
    ],
    // Only invoice_date is reported to work; any other sort= is ignored.
    sort: SortRule::Only(&[("invoice_date", "create_date")]),
    prepare,
    render,
    after_write: Some(recompute_after_write),
};

/// Where an invoice keeps the emails sent of it (the emulator's own record; never rendered).
pub const SENT_EMAILS: &str = "sent_emails";

/// Stored lifecycle (the `status` number before payments): 1 draft, 2 sent, 3 viewed.
pub const DRAFT: i64 = 1;
/// Lifecycle: sent.
pub const SENT: i64 = 2;
/// Lifecycle: viewed by the client.
pub const VIEWED: i64 = 3;

fn prepare(
    business: &Business,
    existing: Option<&Record>,
    input: &Map<String, Value>,
) -> Result<Map<String, Value>, Error> {
    let owned = [
        "invoiceid",
        "amount",
        "outstanding",
        "paid",
        "net_paid_amount",
        "discount_total",
        "status",
        "v3_status",
        "display_status",
        "payment_status",
        "version",
        "uuid",
        "due_date",
        "action_email",
        "action_mark_as_sent",
        "email_recipients",
        "email_include_pdf",
        "accounting_systemid",
        "lifecycle",
        SENT_EMAILS,
    ];
    let mut fields = merge(existing, input, &owned);
    let customer_value = fields.get("customerid").cloned().unwrap_or(Value::Null);
    let customer_id =
        crate::filters::value_text(&customer_value).and_then(|t| t.parse::<i64>().ok());
    let client = customer_id.and_then(|id| business.record(Collection::Clients, id));
    let Some(client) = client else {
        return Err(Error::invalid(
            1012,
            "invoice",
            "customerid",
            "Customer not found.",
            &crate::filters::value_text(&customer_value).unwrap_or_default(),
        ));
    };
    fields.insert("customerid".into(), json!(client.id));
    let today = business.today().format("%Y-%m-%d").to_string();
    default_field(&mut fields, "create_date", json!(today));
    if timefmt::parse_date(text(&fields, "create_date")).is_none() {
        return Err(Error::invalid(
            1001,
            "invoice",
            "create_date",
            "The date must be YYYY-MM-DD.",
            text(&fields, "create_date"),
        ));
    }
    let currency = match fields.get("currency_code").and_then(Value::as_str) {
        Some(code) if !code.is_empty() => code.to_owned(),
        _ => client
            .fields
            .get("currency_code")
            .and_then(Value::as_str)
            .unwrap_or(&business.currency)
            .to_owned(),
    };
    fields.insert("currency_code".into(), json!(currency));
    default_field(&mut fields, "due_offset_days", json!(30));
    default_field(&mut fields, "discount_value", json!("0"));
    default_field(&mut fields, "po_number", Value::Null);
    default_field(&mut fields, "notes", json!(""));
    default_field(&mut fields, "terms", json!(""));
    default_field(&mut fields, "language", json!("en"));
    default_field(&mut fields, "invoice_number", json!(next_number(business)));
    for (to, from) in [
        ("fname", "fname"),
        ("lname", "lname"),
        ("organization", "organization"),
        ("email", "email"),
        ("street", "p_street"),
        ("street2", "p_street2"),
        ("city", "p_city"),
        ("province", "p_province"),
        ("code", "p_code"),
        ("country", "p_country"),
    ] {
        let value = client.fields.get(from).cloned().unwrap_or(json!(""));
        default_field(&mut fields, to, value);
    }
    let raw_lines = match input.get("lines") {
        Some(Value::Array(raw)) => Some(raw.clone()),
        Some(Value::Null) | None => None,
        Some(other) => {
            return Err(Error::invalid(
                1001,
                "invoice",
                "lines",
                "Lines must be a list.",
                &other.to_string(),
            ));
        }
    };
    let lines = match raw_lines {
        Some(raw) => lines::normalize(&raw, existing.map(|r| r.id), &currency, "invoice")?,
        None => match fields.get("lines") {
            Some(Value::Array(kept)) => kept.clone(),
            _ => Vec::new(),
        },
    };
    fields.insert("lines".into(), Value::Array(lines));
    let mut lifecycle = existing
        .and_then(|r| r.fields.get("lifecycle"))
        .and_then(Value::as_i64)
        .unwrap_or(DRAFT);
    let wants_send = ["action_email", "action_mark_as_sent"]
        .iter()
        .any(|k| input.get(*k).and_then(Value::as_bool) == Some(true));
    if wants_send && lifecycle == DRAFT {
        lifecycle = SENT;
    }
    if input.get("action_email").and_then(Value::as_bool) == Some(true) {
        let email = json!({
            "recipients": input.get("email_recipients").cloned().unwrap_or(json!([])),
            "include_pdf": input.get("email_include_pdf").and_then(Value::as_bool).unwrap_or(false),
            "at": Utc::now().to_rfc3339(),
        });
        match fields.get_mut(SENT_EMAILS) {
            Some(Value::Array(sent)) => sent.push(email),
            _ => {
                fields.insert(SENT_EMAILS.into(), json!([email]));
            }
        }
    }
    fields.insert("lifecycle".into(), json!(lifecycle));
    Ok(fields)
}

fn next_number(business: &Business) -> String {
    let n_invoices = business.records(Collection::Invoices).count();
    format!("{:07}", n_invoices + 1)
}

/// Recomputes the money fields of one invoice from its lines and its live payments.
pub fn recompute(business: &mut Business, invoice_id: i64) {
    let paid: Decimal = business
        .records(Collection::Payments)
        .filter(|p| {
            p.vis_state != DELETED
                && p.fields.get("invoiceid").and_then(Value::as_i64) == Some(invoice_id)
        })
        .map(|p| decimal(p.fields.get("amount")).unwrap_or(Decimal::ZERO))
        .sum();
    if let Some(invoice) = business.record_mut(Collection::Invoices, invoice_id) {
        set_money_fields(&mut invoice.fields, paid);
    }
}

/// Sets amount, paid, outstanding, discount and the status numbers from the stored lines and
/// the amount paid so far. Returns the invoice total.
pub fn set_money_fields(fields: &mut Map<String, Value>, paid: Decimal) -> Decimal {
    let currency = text(fields, "currency_code").to_owned();
    let discount_percent = decimal(fields.get("discount_value")).unwrap_or(Decimal::ZERO);
    let totals = match fields.get("lines") {
        Some(Value::Array(lines)) => lines::totals(lines, discount_percent),
        _ => lines::totals(&[], discount_percent),
    };
    let total = cents(totals.total);
    let paid = cents(paid);
    let outstanding = (total - paid).max(Decimal::ZERO);
    let lifecycle = fields
        .get("lifecycle")
        .and_then(Value::as_i64)
        .unwrap_or(DRAFT);
    let (status, payment_status) = if paid >= total && total > Decimal::ZERO {
        (4, "paid")
    } else if paid > Decimal::ZERO {
        (8, "partial")
    } else {
        (lifecycle, "unpaid")
    };
    fields.insert("amount".into(), money(total, &currency));
    fields.insert("paid".into(), money(paid, &currency));
    fields.insert("net_paid_amount".into(), money(paid, &currency));
    fields.insert("outstanding".into(), money(outstanding, &currency));
    fields.insert("discount_total".into(), money(totals.discount, &currency));
    fields.insert("status".into(), json!(status));
    fields.insert("payment_status".into(), json!(payment_status));
    total
}

fn recompute_after_write(business: &mut Business, invoice_id: i64, _at: chrono::DateTime<Utc>) {
    // Lines carry their invoice id once the invoice has one.
    if let Some(invoice) = business.record_mut(Collection::Invoices, invoice_id)
        && let Some(Value::Array(lines)) = invoice.fields.get_mut("lines")
    {
        for line in lines.iter_mut() {
            if let Value::Object(line) = line {
                line.insert("invoiceid".into(), json!(invoice_id));
            }
        }
    }
    recompute(business, invoice_id);
}

fn due_date(record: &Record) -> Option<NaiveDate> {
    let created = timefmt::parse_date(text(&record.fields, "create_date"))?;
    let offset = record
        .fields
        .get("due_offset_days")
        .and_then(Value::as_u64)
        .unwrap_or(0);
    created.checked_add_days(Days::new(offset))
}

/// `v3_status`: draft / sent / viewed / partial / paid, or overdue past the due date.
pub fn v3_status(business: &Business, record: &Record) -> String {
    let status = record
        .fields
        .get("status")
        .and_then(Value::as_i64)
        .unwrap_or(DRAFT);
    let word = match status {
        1 => "draft",
        2 => "sent",
        3 => "viewed",
        4 => "paid",
        8 => "partial",
        _ => "sent",
    };
    let today = business.today();
    let unpaid = matches!(word, "sent" | "viewed" | "partial");
    if unpaid && due_date(record).is_some_and(|due| due < today) {
        "overdue".to_owned()
    } else {
        word.to_owned()
    }
}

fn is_paid(_business: &Business, record: &Record) -> bool {
    record.fields.get("payment_status").and_then(Value::as_str) == Some("paid")
}

fn has_outstanding(_business: &Business, record: &Record) -> bool {
    decimal(record.fields.get("outstanding")).is_some_and(|amount| amount > Decimal::ZERO)
}

fn render(business: &Business, record: &Record, _query: &Query, out: &mut Map<String, Value>) {
    out.remove("lifecycle");
    out.remove(SENT_EMAILS);
    let v3 = v3_status(business, record);
    let display = match v3.as_str() {
        "draft" => "draft",
        "sent" => "sent",
        "viewed" => "viewed",
        _ => "outstanding",
    };
    out.insert("v3_status".into(), json!(v3));
    out.insert("display_status".into(), json!(display));
    out.insert(
        "due_date".into(),
        due_date(record).map_or(Value::Null, |d| json!(d.format("%Y-%m-%d").to_string())),
    );
    out.insert("created_at".into(), json!(timefmt::eastern(record.created)));
    out.insert(
        "version".into(),
        json!(timefmt::eastern_micros(record.updated)),
    );
    out.insert(
        "uuid".into(),
        json!(format!(
            "{:08x}-{:04x}-4000-8000-{:012x}",
            record.id,
            business.id % 0xffff,
            record.id
        )),
    );
    out.insert("accounting_systemid".into(), json!(business.account_id));
    out.insert("ownerid".into(), json!(1));
}

/// `GET …/invoices/invoices/{id}/pdf`: a small, valid one-page PDF naming the invoice.
pub async fn pdf(
    axum::extract::State(app): axum::extract::State<crate::state::App>,
    axum::extract::Path((account_id, id)): axum::extract::Path<(String, String)>,
    headers: axum::http::HeaderMap,
) -> Result<axum::response::Response, crate::families::Failure> {
    use axum::response::IntoResponse;
    let fail = |error| crate::families::Family::Accounting.fail(error);
    crate::bearer::authorize(&app, &headers).map_err(fail)?;
    let state = app.state();
    let idx = state
        .by_account(&account_id)
        .ok_or_else(|| fail(Error::UnknownBusiness))?;
    let business = &state.businesses[idx];
    let invoice = id
        .trim()
        .parse::<i64>()
        .ok()
        .and_then(|id| business.record(Collection::Invoices, id))
        .ok_or_else(|| fail(Error::not_found("invoice", &id)))?;
    let line = format!(
        "Invoice {} - {} {}",
        text(&invoice.fields, "invoice_number"),
        crate::filters::value_text(invoice.fields.get("amount").unwrap_or(&Value::Null))
            .unwrap_or_default(),
        text(&invoice.fields, "currency_code")
    );
    let body = one_page_pdf(&line.replace(['(', ')', '\\'], ""));
    Ok((
        [(axum::http::header::CONTENT_TYPE, "application/pdf")],
        body,
    )
        .into_response())
}

/// Builds a minimal PDF 1.4 with one line of Helvetica text and a correct xref table.
fn one_page_pdf(text_line: &str) -> Vec<u8> {
    let stream = format!("BT /F1 18 Tf 72 720 Td ({text_line}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (n, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", n + 1).as_bytes());
    }
    let xref_at = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}
