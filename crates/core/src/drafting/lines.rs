//! Grouping time entries into invoice lines, totals, the 400-line guard, and the invoice a draft
//! becomes.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, NaiveDate, Utc};
use ledgerline_model::entity::{NewInvoice, NewInvoiceLine};
use ledgerline_model::ids::{ClientId, IdentityId, ProjectId, ServiceId, TimeEntryId};
use rust_decimal::Decimal;

use super::describe::{describe, member_name};
use super::rates::rate_for;
use super::select::select;
use super::taxes::{cents, line_tax, ordered, sum, tax_totals};
use super::{
    Draft, DraftEntry, DraftError, DraftLine, DraftSpec, DraftWarning, Grouping, MAX_LINES,
    RateSource, TaxTotal, money,
};

/// What makes entries share a line. Fields a layout does not group by stay `None`; the rate and
/// its source are always part of it (a line has one rate).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct LineKey {
    /// A flat-fee line (these come after the time billed by the hour).
    flat: bool,
    /// The day, for lines per day.
    day: Option<NaiveDate>,
    /// The entry's start and id, for per-entry lines, so those lines are in time order.
    entry: Option<(DateTime<Utc>, TimeEntryId)>,
    /// The team member, for lines per member (`Some(None)`: time of no known member).
    member: Option<Option<IdentityId>>,
    client: Option<ClientId>,
    project: Option<ProjectId>,
    service: Option<ServiceId>,
    source: RateSource,
    rate: Decimal,
}

/// The line an entry billed at `rate` goes on, in a layout.
fn key_of(entry: &DraftEntry, rate: Decimal, source: RateSource, grouping: Grouping) -> LineKey {
    if let RateSource::FlatFee(project) = source {
        // A flat fee is one line whatever the layout.
        return LineKey {
            flat: true,
            day: None,
            entry: None,
            member: None,
            client: entry.client_id,
            project: Some(project),
            service: None,
            source,
            rate,
        };
    }
    let (project, service) = match grouping {
        Grouping::PerEntry | Grouping::ByProjectAndService => (entry.project_id, entry.service_id),
        Grouping::ByProject => (entry.project_id, None),
        Grouping::ByService => (None, entry.service_id),
        Grouping::ByTeamMember | Grouping::ByDay | Grouping::Summary => (None, None),
    };
    LineKey {
        flat: false,
        day: (grouping == Grouping::ByDay).then(|| entry.started_at.date_naive()),
        entry: (grouping == Grouping::PerEntry).then_some((entry.started_at, entry.id)),
        member: (grouping == Grouping::ByTeamMember).then_some(entry.identity_id),
        client: entry.client_id,
        project,
        service,
        source,
        rate,
    }
}

/// The layout to propose when `lines` are too many: the one keeping most detail under the
/// limit (by service, else by project, else one summary line).
fn suggest(rated: &[(&DraftEntry, Decimal, RateSource)]) -> Grouping {
    for grouping in [Grouping::ByService, Grouping::ByProject] {
        let lines: BTreeSet<LineKey> = rated
            .iter()
            .map(|(e, rate, source)| key_of(e, *rate, *source, grouping))
            .collect();
        if lines.len() <= MAX_LINES {
            return grouping;
        }
    }
    Grouping::Summary
}

/// Drafts lines from entries: those the spec selects, each at its rate, grouped by its layout.
pub fn draft(entries: &[DraftEntry], spec: &DraftSpec) -> Result<Draft, DraftError> {
    if spec.taxes.len() > 2 {
        return Err(DraftError::TooManyTaxes);
    }
    let (chosen, non_billable) = select(entries, spec);
    if chosen.is_empty() {
        return Err(DraftError::NoEntries);
    }
    let mut rated = Vec::with_capacity(chosen.len());
    let mut missing = Vec::new();
    for entry in chosen {
        match rate_for(&spec.rates, entry) {
            Some((rate, source)) => rated.push((entry, rate, source)),
            None => missing.push(entry.id),
        }
    }
    if !missing.is_empty() {
        return Err(DraftError::NoRate { entries: missing });
    }
    let mut groups: BTreeMap<LineKey, Vec<&DraftEntry>> = BTreeMap::new();
    for (entry, rate, source) in &rated {
        groups
            .entry(key_of(entry, *rate, *source, spec.grouping))
            .or_default()
            .push(entry);
    }
    if groups.len() > MAX_LINES {
        return Err(DraftError::TooManyLines {
            lines: groups.len(),
            max: MAX_LINES,
            suggested: suggest(&rated),
        });
    }
    let currency = &spec.currency;
    let taxes = ordered(&spec.taxes);
    let mut lines = Vec::with_capacity(groups.len());
    for (key, mut members) in groups {
        members.sort_by_key(|e| (e.started_at, e.id));
        let (hours, amount) = if key.flat {
            // The fixed price, once: quantity 1.
            (cents(Decimal::ONE), cents(key.rate))
        } else {
            let seconds = members
                .iter()
                .map(|e| spec.billed_seconds(e))
                .fold(0_i64, i64::saturating_add);
            let hours = cents(Decimal::from(seconds) / Decimal::from(3600));
            (hours, cents(hours.saturating_mul(key.rate)))
        };
        let tax = line_tax(amount, &taxes);
        lines.push(DraftLine {
            name: line_name(&key, spec),
            description: describe(&spec.template, &members, &spec.names),
            hours,
            rate: money(key.rate, currency),
            rate_source: key.source,
            amount: money(amount, currency),
            taxes: taxes.clone(),
            tax: money(tax, currency),
            entries: members.iter().map(|e| e.id).collect(),
        });
    }
    let subtotal = sum(lines.iter().map(|l| l.amount.amount));
    // Each tax's total as the invoice's page will show it; they add up to the tax FreshBooks
    // bills (the lines' taxes added up exactly and rounded once).
    let tax_lines: Vec<TaxTotal> = tax_totals(
        lines.iter().map(|l| (l.amount.amount, &l.taxes)),
        Decimal::ZERO,
    )
    .into_iter()
    .map(|(tax, amount)| TaxTotal {
        tax,
        amount: money(amount, currency),
    })
    .collect();
    let tax = cents(sum(tax_lines.iter().map(|t| t.amount.amount)));
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
    warnings.extend(non_billable);
    Ok(Draft {
        lines,
        subtotal: money(subtotal, currency),
        taxes: tax_lines,
        tax: money(tax, currency),
        total: money(subtotal.saturating_add(tax), currency),
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

/// A line's name: what it groups.
fn line_name(key: &LineKey, spec: &DraftSpec) -> String {
    let project = key
        .project
        .and_then(|p| spec.names.projects.get(&p).cloned());
    let service = key
        .service
        .and_then(|s| spec.names.services.get(&s).cloned());
    if key.flat {
        return project.unwrap_or_else(|| "Flat fee".to_owned());
    }
    if let Some(day) = key.day {
        return day.format("%Y-%m-%d").to_string();
    }
    if let Some(member) = key.member {
        return member.map_or_else(|| "Time".to_owned(), |id| member_name(&spec.names, id));
    }
    match (project, service) {
        (Some(p), Some(s)) => format!("{p} — {s}"),
        (Some(p), None) => p,
        (None, Some(s)) => s,
        (None, None) => "Time".to_owned(),
    }
}
