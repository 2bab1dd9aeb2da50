//! Grouping time entries into invoice lines, totals, the 400-line guard, and the invoice a draft
//! becomes.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ledgerline_model::entity::{NewInvoice, NewInvoiceLine};
use ledgerline_model::ids::{ClientId, ProjectId, ServiceId, TimeEntryId};
use rust_decimal::Decimal;

use super::rates::rate_for;
use super::taxes::{cents, line_tax};
use super::{
    Draft, DraftEntry, DraftError, DraftLine, DraftSpec, DraftWarning, Grouping, MAX_LINES,
    RateSource, money,
};

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
    let zero_rated: Vec<TimeEntryId> = lines
        .iter()
        .filter(|l| l.rate.amount.is_zero())
        .flat_map(|l| l.entries.iter().copied())
        .collect();
    let mut warnings = Vec::new();
    if !zero_rated.is_empty() {
        warnings.push(DraftWarning::ZeroRate {
            entries: zero_rated,
        });
    }
    Ok(Draft {
        lines,
        subtotal: money(subtotal, currency),
        tax: money(tax, currency),
        total: money(subtotal + tax, currency),
        warnings,
    })
}

/// The draft invoice to create for this draft: one line per draft line, in the draft's currency,
/// with its taxes.
pub fn to_new_invoice(draft: &Draft, client: ClientId, create_date: NaiveDate) -> NewInvoice {
    let lines = draft
        .lines
        .iter()
        .map(|line| NewInvoiceLine {
            name: line.name.clone(),
            description: Some(line.description.clone()),
            qty: line.hours,
            unit_cost: line.rate.clone(),
            tax1: line.taxes.first().cloned(),
            tax2: line.taxes.get(1).cloned(),
            date: None,
        })
        .collect();
    NewInvoice {
        client_id: client,
        create_date,
        due_offset_days: None,
        currency_code: Some(draft.total.currency.clone()),
        invoice_number: None,
        po_number: None,
        notes: None,
        terms: None,
        discount_value: None,
        lines,
    }
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
    use crate::drafting::{Names, Rounding, RoundingMode};
    use chrono::TimeZone;
    use ledgerline_model::entity::LineTax;
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
                minimum_seconds: 0,
            },
            rates,
            taxes: vec![LineTax {
                name: "GST".into(),
                percent: Decimal::from(5),
                number: None,
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
    fn a_draft_becomes_an_invoice_with_its_lines_and_taxes() {
        let draft = draft(
            &[entry(1, Some(1), None, 60, 2)],
            &spec(Grouping::ByProject),
        )
        .unwrap();
        let invoice = to_new_invoice(
            &draft,
            ClientId(1),
            NaiveDate::from_ymd_opt(2026, 3, 31).unwrap(),
        );
        assert_eq!(invoice.client_id, ClientId(1));
        assert_eq!(invoice.lines[0].qty.to_string(), "1.00");
        assert_eq!(invoice.lines[0].unit_cost.amount, Decimal::from(120));
        assert_eq!(
            invoice.lines[0].tax1.as_ref().map(|t| t.percent),
            Some(Decimal::from(5))
        );
        assert!(draft.warnings.is_empty());
    }
}
