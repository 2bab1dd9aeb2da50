//! FreshBooks' side of a scenario, read and written through the emulator's API as the
//! emulator's user (never through the app): clients, services and their rates, time entries of
//! any team member, taxes, invoices with their lines. What a test checks here is what FreshBooks
//! holds, whatever the window shows.

use std::collections::BTreeSet;

use anyhow::{Context as _, Result, ensure};
use serde_json::{Value, json};

use crate::emulator::{Emulator, SeedBusiness};

/// Time entries are read this many at a time (FreshBooks' largest page).
const PER_PAGE: usize = 100;

/// One business of the emulator, reached through its API.
pub struct FreshBooks<'a> {
    emulator: &'a Emulator,
    business: SeedBusiness,
}

/// A line of an invoice as FreshBooks holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteLine {
    /// The line's name (the service, for a line grouped by service).
    pub name: String,
    /// Its quantity as FreshBooks writes it (hours).
    pub qty: String,
    /// Its unit cost.
    pub unit_cost: String,
    /// qty × unit cost.
    pub amount: String,
    /// The first tax's name and percentage, if any.
    pub tax1: Option<(String, String)>,
    /// The second tax's name and percentage, if any.
    pub tax2: Option<(String, String)>,
}

/// An invoice as FreshBooks holds it.
#[derive(Debug, Clone)]
pub struct RemoteInvoice {
    /// FreshBooks' id.
    pub id: i64,
    /// Its number.
    pub number: String,
    /// Its total (taxes included).
    pub amount: String,
    /// Its currency.
    pub currency: String,
    /// Its lines.
    pub lines: Vec<RemoteLine>,
    /// The whole record, for failure messages.
    pub raw: Value,
}

impl<'a> FreshBooks<'a> {
    /// The business `business` of `emulator`.
    pub fn new(emulator: &'a Emulator, business: &SeedBusiness) -> Self {
        Self {
            emulator,
            business: business.clone(),
        }
    }

    fn accounting(&self, path: &str) -> String {
        format!("/accounting/account/{}/{path}", self.business.account_id)
    }

    fn timetracking(&self, path: &str) -> String {
        format!(
            "/timetracking/business/{}/{path}",
            self.business.business_id
        )
    }

    fn comments(&self, path: &str) -> String {
        format!("/comments/business/{}/{path}", self.business.business_id)
    }

    /// Creates a client; returns its id.
    pub async fn create_client(&self, organization: &str, email: &str) -> Result<i64> {
        let body = json!({"client": {
            "organization": organization, "email": email,
            "currency_code": self.business.currency,
        }});
        let answer = self
            .emulator
            .api("POST", &self.accounting("users/clients"), Some(&body))
            .await?;
        answer["response"]["result"]["client"]["id"]
            .as_i64()
            .with_context(|| format!("the new client has no id: {answer}"))
    }

    /// A client by id.
    pub async fn client(&self, id: i64) -> Result<Value> {
        let answer = self
            .emulator
            .api_get(&self.accounting(&format!("users/clients/{id}")))
            .await?;
        Ok(answer["response"]["result"]["client"].clone())
    }

    /// Changes fields of a client (`{"organization": …}`), as someone in FreshBooks would.
    pub async fn update_client(&self, id: i64, fields: Value) -> Result<Value> {
        let body = json!({ "client": fields });
        let answer = self
            .emulator
            .api(
                "PUT",
                &self.accounting(&format!("users/clients/{id}")),
                Some(&body),
            )
            .await?;
        Ok(answer["response"]["result"]["client"].clone())
    }

    /// Creates a billable service with an hourly rate (`"120.00"`); returns its id.
    pub async fn create_service(&self, name: &str, rate: &str) -> Result<i64> {
        let body = json!({"service": {"name": name, "billable": true}});
        let answer = self
            .emulator
            .api("POST", &self.comments("service"), Some(&body))
            .await?;
        let id = answer["service"]["id"]
            .as_i64()
            .with_context(|| format!("the new service has no id: {answer}"))?;
        let body = json!({"service_rate": {"rate": rate}});
        self.emulator
            .api(
                "POST",
                &self.comments(&format!("service/{id}/rate")),
                Some(&body),
            )
            .await?;
        Ok(id)
    }

    /// Logs a time entry for `identity_id` (any team member); returns its id.
    pub async fn log_time(&self, entry: &NewEntry<'_>) -> Result<i64> {
        let body = json!({"time_entry": {
            "client_id": entry.client_id, "service_id": entry.service_id,
            "identity_id": entry.identity_id, "started_at": entry.started_at,
            "duration": entry.seconds, "note": entry.note, "is_logged": true, "billable": true,
        }});
        let answer = self
            .emulator
            .api("POST", &self.timetracking("time_entries"), Some(&body))
            .await?;
        answer["time_entry"]["id"]
            .as_i64()
            .with_context(|| format!("the new time entry has no id: {answer}"))
    }

    /// Every time entry of the business, every team member's, page by page.
    pub async fn time_entries(&self) -> Result<Vec<Value>> {
        let mut out = Vec::new();
        let mut page = 1;
        loop {
            let answer = self
                .emulator
                .api_get(&self.timetracking(&format!(
                    "time_entries?team=true&include_unlogged=true&per_page={PER_PAGE}&page={page}"
                )))
                .await?;
            let list = answer["time_entries"]
                .as_array()
                .with_context(|| format!("no time_entries in {answer}"))?;
            out.extend(list.iter().cloned());
            let pages = answer["meta"]["pages"].as_i64().unwrap_or(1);
            if page >= pages || list.is_empty() {
                return Ok(out);
            }
            page += 1;
        }
    }

    /// The ids of the business's billed time entries (every team member's).
    pub async fn billed_entries(&self) -> Result<BTreeSet<i64>> {
        Ok(self
            .time_entries()
            .await?
            .iter()
            .filter(|e| e["billed"].as_bool() == Some(true))
            .filter_map(|e| e["id"].as_i64())
            .collect())
    }

    /// The identity of a team member other than the emulator's user who logged time here.
    pub async fn colleague(&self) -> Result<i64> {
        let me = self.emulator.identity_id().await?;
        self.time_entries()
            .await?
            .iter()
            .filter_map(|e| e["identity_id"].as_i64())
            .find(|id| *id != me)
            .context("no time entry of another team member in the business")
    }

    /// The business's taxes: (id, name, percentage).
    pub async fn taxes(&self) -> Result<Vec<(i64, String, String)>> {
        let answer = self
            .emulator
            .api_get(&self.accounting("taxes/taxes?per_page=100"))
            .await?;
        let list = answer["response"]["result"]["taxes"]
            .as_array()
            .with_context(|| format!("no taxes in {answer}"))?;
        Ok(list
            .iter()
            .filter_map(|t| {
                Some((
                    t["id"].as_i64()?,
                    t["name"].as_str()?.to_owned(),
                    t["amount"].as_str()?.to_owned(),
                ))
            })
            .collect())
    }

    /// The invoices of a client (not deleted), with their lines.
    pub async fn invoices_of(&self, client_id: i64) -> Result<Vec<RemoteInvoice>> {
        let answer = self
            .emulator
            .api_get(&self.accounting(&format!(
                "invoices/invoices?search[customerid]={client_id}&include[]=lines&per_page=100"
            )))
            .await?;
        let list = answer["response"]["result"]["invoices"]
            .as_array()
            .with_context(|| format!("no invoices in {answer}"))?;
        list.iter()
            .filter(|i| i["vis_state"].as_i64() != Some(1))
            .map(read_invoice)
            .collect()
    }
}

/// A time entry to log.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    /// The client.
    pub client_id: i64,
    /// The service.
    pub service_id: i64,
    /// Who logged it.
    pub identity_id: i64,
    /// When the work started (`2026-11-20T14:00:00Z`).
    pub started_at: String,
    /// Seconds worked.
    pub seconds: i64,
    /// Its note.
    pub note: &'a str,
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        Value::Object(o) => o.get("amount").map(text).unwrap_or_default(),
        other => other.to_string(),
    }
}

fn tax(line: &Value, n: u8) -> Option<(String, String)> {
    let name = text(&line[format!("taxName{n}")]);
    (!name.trim().is_empty()).then(|| (name, text(&line[format!("taxAmount{n}")])))
}

fn read_invoice(raw: &Value) -> Result<RemoteInvoice> {
    let lines = raw["lines"]
        .as_array()
        .with_context(|| format!("an invoice without its lines: {raw}"))?
        .iter()
        .map(|line| RemoteLine {
            name: text(&line["name"]),
            qty: text(&line["qty"]),
            unit_cost: text(&line["unit_cost"]),
            amount: text(&line["amount"]),
            tax1: tax(line, 1),
            tax2: tax(line, 2),
        })
        .collect();
    let id = raw["id"]
        .as_i64()
        .with_context(|| format!("an invoice without an id: {raw}"))?;
    ensure!(id > 0, "an invoice with id {id}");
    Ok(RemoteInvoice {
        id,
        number: text(&raw["invoice_number"]),
        amount: text(&raw["amount"]),
        currency: text(&raw["currency_code"]),
        lines,
        raw: raw.clone(),
    })
}
