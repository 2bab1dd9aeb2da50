//! Grouping time entries into invoice lines, totals, the 400-line guard, and the invoice fields
//! FreshBooks expects for the draft.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ledgerline_model::ids::{ClientId, ProjectId, ServiceId, TimeEntryId};
use ledgerline_model::money::Money;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::rates::{RateSource, rate_for};
use super::taxes::{LineTax, cents, line_tax};
use super::{DraftEntry, DraftError, DraftSpec, MAX_LINES, money};

/// How entries become lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grouping {
    /// One line per time entry.
    PerEntry,
    /// One line per project (and rate).
    ByProject,
    /// One line per service (and rate).
    ByService,
    /// One line per project and service (and rate).
    ByProjectAndService,
}

/// One line of a draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftLine {
    /// The line's title.
    pub name: String,
    /// Its description.
    pub description: String,
    /// Hours, to two decimals.
    pub hours: Decimal,
    /// The hourly rate.
    pub rate: Money,
    /// Where the rate came from.
    pub rate_source: RateSource,
    /// hours × rate, to the cent.
    pub amount: Money,
    /// The line's taxes.
    pub taxes: Vec<LineTax>,
    /// The tax on this line, to the cent.
    pub tax: Money,
    /// The entries it bills.
    pub entries: Vec<TimeEntryId>,
}

/// A drafted invoice, before it is saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Its lines.
    pub lines: Vec<DraftLine>,
    /// Sum of the lines' amounts.
    pub subtotal: Money,
    /// Sum of the lines' taxes.
    pub tax: Money,
    /// subtotal + tax.
    pub total: Money,
}

impl Draft {
    /// Every entry the draft bills.
    pub fn entries(&self) -> Vec<TimeEntryId> {
        self.lines
            .iter()
            .flat_map(|l| l.entries.iter().copied())
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct LineKey {
    /// The entry's start and id, for per-entry lines: first, so those lines are in time order.
    entry: Option<(chrono::DateTime<chrono::Utc>, TimeEntryId)>,
    client: Option<ClientId>,
    project: Option<ProjectId>,
    service: Option<ServiceId>,
    source: RateSource,
    rate: Decimal,
}

/// Drafts lines from entries.
pub fn draft(entries: &[DraftEntry], spec: &DraftSpec) -> Result<Draft, DraftError> {
    if entries.is_empty() {
        return Err(DraftError::NoEntries);
    }
    if spec.taxes.len() > 2 {
        return Err(DraftError::TooManyTaxes);
    }
    let mut groups: BTreeMap<LineKey, Vec<&DraftEntry>> = BTreeMap::new();
    let mut missing = Vec::new();
    for entry in entries {
        let Some((rate, source)) = rate_for(&spec.rates, entry) else {
            missing.push(entry.id);
            continue;
        };
        let key = LineKey {
            client: entry.client_id,
            project: match spec.grouping {
                Grouping::ByService => None,
                _ => entry.project_id,
            },
            service: match spec.grouping {
                Grouping::ByProject => None,
                _ => entry.service_id,
            },
            source,
            rate,
            entry: match spec.grouping {
                Grouping::PerEntry => Some((entry.started_at, entry.id)),
                _ => None,
            },
        };
        groups.entry(key).or_default().push(entry);
    }
    if !missing.is_empty() {
        return Err(DraftError::NoRate { entries: missing });
    }
    if groups.len() > MAX_LINES {
        return Err(DraftError::TooManyLines {
            lines: groups.len(),
            max: MAX_LINES,
        });
    }
    let currency = &spec.currency;
    let mut lines = Vec::with_capacity(groups.len());
    for (key, mut members) in groups {
        members.sort_by_key(|e| (e.started_at, e.id));
        let seconds: i64 = members
            .iter()
            .map(|e| spec.rounding.apply(e.duration_seconds))
            .sum();
        let hours = cents(Decimal::from(seconds) / Decimal::from(3600));
        let amount = cents(hours * key.rate);
        let tax = line_tax(amount, &spec.taxes);
        lines.push(DraftLine {
            name: line_name(&key, spec),
            description: line_description(&members),
            hours,
            rate: money(key.rate, currency),
            rate_source: key.source,
            amount: money(amount, currency),
            taxes: spec.taxes.clone(),
            tax: money(tax, currency),
            entries: members.iter().map(|e| e.id).collect(),
        });
    }
    let subtotal: Decimal = lines.iter().map(|l| l.amount.amount).sum();
    let tax: Decimal = lines.iter().map(|l| l.tax.amount).sum();
    Ok(Draft {
        lines,
        subtotal: money(subtotal, currency),
        tax: money(tax, currency),
        total: money(subtotal + tax, currency),
    })
}

/// The invoice fields FreshBooks takes to create this draft (FreshBooks' own field names).
pub fn invoice_fields(
    draft: &Draft,
    customer: ClientId,
    create_date: NaiveDate,
) -> Map<String, Value> {
    let lines: Vec<Value> = draft
        .lines
        .iter()
        .map(|line| {
            let mut obj = json!({
                "type": 0,
                "name": line.name,
                "description": line.description,
                "qty": line.hours.to_string(),
                "unit_cost": {"amount": line.rate.amount.to_string(), "code": line.rate.currency.as_str()},
            });
            if let Some(map) = obj.as_object_mut() {
                for (idx, tax) in line.taxes.iter().enumerate() {
                    let n = idx + 1;
                    map.insert(format!("taxName{n}"), json!(tax.name));
                    map.insert(format!("taxAmount{n}"), json!(tax.percent.to_string()));
                }
                if line.taxes.get(1).is_some_and(|t| t.compound) {
                    map.insert("compounded_tax".into(), json!(true));
                }
            }
            obj
        })
        .collect();
    let mut fields = Map::new();
    fields.insert("customerid".into(), json!(customer.get()));
    fields.insert(
        "create_date".into(),
        json!(create_date.format("%Y-%m-%d").to_string()),
    );
    fields.insert("currency_code".into(), json!(draft.total.currency.as_str()));
    fields.insert("lines".into(), Value::Array(lines));
    fields
}

fn line_name(key: &LineKey, spec: &DraftSpec) -> String {
    let project = key
        .project
        .and_then(|p| spec.names.projects.get(&p).cloned());
    let service = key
        .service
        .and_then(|s| spec.names.services.get(&s).cloned());
    match (project, service) {
        (Some(p), Some(s)) => format!("{p} — {s}"),
        (Some(p), None) => p,
        (None, Some(s)) => s,
        (None, None) => "Time".to_owned(),
    }
}

fn line_description(members: &[&DraftEntry]) -> String {
    match members {
        [one] => {
            let date = one.started_at.format("%Y-%m-%d");
            match one.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                Some(note) => format!("{date}: {note}"),
                None => date.to_string(),
            }
        }
        [first, .., last] => format!(
            "{} time entries, {} to {}",
            members.len(),
            first.started_at.format("%Y-%m-%d"),
            last.started_at.format("%Y-%m-%d")
        ),
        [] => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafting::rates::{BillingMethod, ProjectBilling, RateBook};
    use crate::drafting::rounding::{Rounding, RoundingMode};
    use crate::drafting::{Names, taxes::LineTax};
    use chrono::TimeZone;
    use ledgerline_model::money::CurrencyCode;
    use std::str::FromStr;

    fn entry(
        id: i64,
        project: Option<i64>,
        service: Option<i64>,
        minutes: i64,
        day: u32,
    ) -> DraftEntry {
        DraftEntry {
            id: TimeEntryId(id),
            client_id: Some(ClientId(1)),
            project_id: project.map(ProjectId),
            service_id: service.map(ServiceId),
            identity_id: None,
            started_at: chrono::Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap(),
            duration_seconds: minutes * 60,
            note: Some(format!("work {id}")),
        }
    }

    fn spec(grouping: Grouping) -> DraftSpec {
        let mut rates = RateBook {
            business: Some(Decimal::from(100)),
            ..RateBook::default()
        };
        rates.projects.insert(
            ProjectId(1),
            ProjectBilling {
                method: BillingMethod::ProjectRate,
                rate: Some(Decimal::from(120)),
            },
        );
        rates.services.insert(ServiceId(5), Decimal::from(90));
        let mut names = Names::default();
        names.projects.insert(ProjectId(1), "Website".into());
        names.services.insert(ServiceId(5), "Design".into());
        DraftSpec {
            currency: CurrencyCode::new("CAD").unwrap(),
            grouping,
            rounding: Rounding {
                increment_seconds: 900,
                mode: RoundingMode::Up,
            },
            rates,
            taxes: vec![LineTax {
                name: "GST".into(),
                percent: Decimal::from(5),
                compound: false,
            }],
            names,
        }
    }

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn check(
        grouping: Grouping,
        entries: &[DraftEntry],
        expected: &[(&str, &str, &str)],
        total: &str,
    ) {
        let draft = draft(entries, &spec(grouping)).unwrap();
        let got: Vec<(String, Decimal, Decimal)> = draft
            .lines
            .iter()
            .map(|l| (l.name.clone(), l.hours, l.amount.amount))
            .collect();
        let want: Vec<(String, Decimal, Decimal)> = expected
            .iter()
            .map(|(n, h, a)| ((*n).to_owned(), d(h), d(a)))
            .collect();
        assert_eq!(got, want, "{grouping:?}");
        assert_eq!(draft.total.amount, d(total));
    }

    #[test]
    fn grouping_table() {
        let entries = [
            entry(1, Some(1), Some(5), 50, 2), // 1.00 h at 120 (project rate)
            entry(2, Some(1), None, 10, 3),    // 0.25 h at 120
            entry(3, None, Some(5), 20, 4),    // 0.50 h at 90 (service rate)
            entry(4, None, None, 61, 5),       // 1.25 h at 100 (business rate)
        ];
        // By project, time outside projects is one line per rate.
        check(
            Grouping::ByProject,
            &entries,
            &[
                ("Time", "0.50", "45.00"),
                ("Time", "1.25", "125.00"),
                ("Website", "1.25", "150.00"),
            ],
            "336.00",
        );
        check(
            Grouping::PerEntry,
            &entries,
            &[
                ("Website — Design", "1.00", "120.00"),
                ("Website", "0.25", "30.00"),
                ("Design", "0.50", "45.00"),
                ("Time", "1.25", "125.00"),
            ],
            "336.00",
        );
        check(
            Grouping::ByProjectAndService,
            &entries,
            &[
                ("Time", "1.25", "125.00"),
                ("Design", "0.50", "45.00"),
                ("Website", "0.25", "30.00"),
                ("Website — Design", "1.00", "120.00"),
            ],
            "336.00",
        );
    }

    #[test]
    fn guards() {
        let many: Vec<DraftEntry> = (0..401)
            .map(|i| entry(i, None, None, 15, 1 + u32::try_from(i % 28).unwrap()))
            .collect();
        assert_eq!(
            draft(&many, &spec(Grouping::PerEntry)).unwrap_err(),
            DraftError::TooManyLines {
                lines: 401,
                max: 400
            }
        );
        assert_eq!(
            draft(&many[..400], &spec(Grouping::PerEntry))
                .unwrap()
                .lines
                .len(),
            400
        );
        assert_eq!(
            draft(&[], &spec(Grouping::ByProject)).unwrap_err(),
            DraftError::NoEntries
        );
        let mut no_rates = spec(Grouping::ByProject);
        no_rates.rates = RateBook::default();
        assert!(matches!(
            draft(&many[..2], &no_rates),
            Err(DraftError::NoRate { .. })
        ));
    }

    #[test]
    fn invoice_fields_use_freshbooks_shapes() {
        let draft = draft(
            &[entry(1, Some(1), None, 60, 2)],
            &spec(Grouping::ByProject),
        )
        .unwrap();
        let fields = invoice_fields(
            &draft,
            ClientId(1),
            NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        );
        assert_eq!(fields["customerid"], 1);
        assert_eq!(fields["lines"][0]["qty"], "1.00");
        assert_eq!(fields["lines"][0]["unit_cost"]["amount"], "120");
        assert_eq!(fields["lines"][0]["taxAmount1"], "5");
    }
}
