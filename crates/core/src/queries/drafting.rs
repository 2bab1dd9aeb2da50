//! What the drafting wizard reads, offline: the clients with unbilled time, a client's entries
//! (every team member's, billable or not, those in doubt marked), the business's taxes, what was
//! chosen last time, and the business rate; and the draft a request makes, computed from one
//! read of the mirror (inside the transaction that saves it, for "Save draft").

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use ledgerline_model::draft::{DEFAULT_TEMPLATE, Draft, DraftRequest, Grouping, Rounding};
use ledgerline_model::entity::{Entity, LineTax};
use ledgerline_model::ids::{
    BusinessId, ClientId, IdentityId, ProjectId, ServiceId, TaxId, TimeEntryId,
};
use ledgerline_model::ipc::{
    BillableClient, DraftChoices, DraftingSetup, DraftingSetupArgs, TaxChoice, UnbilledEntry,
};
use ledgerline_model::money::CurrencyCode;
use ledgerline_model::outbox::OpState;
use rusqlite::{Connection, OptionalExtension, params};
use rust_decimal::Decimal;
use serde_json::Value;

use super::{CLIENT_NAME, decimal, parse_utc, rate_book_in};
use crate::Core;
use crate::drafting::rates::{RateBook, rate_for};
use crate::drafting::{self, DraftEntry, DraftSpec, Names};
use crate::edit::current_id;
use crate::error::Result;
use crate::outbox::op::Op;
use crate::store::{businesses, drafting as remembered, outbox, records};

impl Core {
    /// Everything the drafting wizard shows to start, from this computer only.
    pub async fn drafting_setup(
        &self,
        business: BusinessId,
        args: DraftingSetupArgs,
    ) -> Result<DraftingSetup> {
        self.store().read(move |c| setup(c, business, &args)).await
    }

    /// Remembers (or forgets, with `None`) the business's default hourly rate.
    pub async fn set_business_rate(
        &self,
        business: BusinessId,
        rate: Option<Decimal>,
    ) -> Result<()> {
        if rate.is_some_and(|r| r.is_sign_negative()) {
            return Err(crate::error::Error::Invalid {
                field: "rate",
                problem: ledgerline_model::error::FieldProblem::NotAnAmount {
                    given: rate.map(|r| r.to_string()).unwrap_or_default(),
                },
            });
        }
        self.store()
            .write(move |tx| remembered::set_business_rate(tx, business, rate))
            .await
    }

    /// The business's default hourly rate, when the user gave it.
    pub async fn business_rate(&self, business: BusinessId) -> Result<Option<Decimal>> {
        self.store()
            .read(move |c| remembered::business_rate(c, business))
            .await
    }
}

/// SQL over `time_entries`: the entry is logged time, not a timer still running (FreshBooks
/// reports those with `is_logged` false or a running `timer`; their duration is only the time so
/// far, so drafting one would bill part of it and never the rest).
pub(crate) const LOGGED: &str = "coalesce(json_extract(raw, '$.is_logged'), 1) != 0
           AND coalesce(json_extract(raw, '$.timer.is_running'), 0) = 0";

/// One unbilled entry as the mirror has it, with what the wizard shows beside it.
struct Unbilled {
    entry: DraftEntry,
    in_doubt: bool,
}

/// The unbilled entries of a business (of one client when given), oldest first: every team
/// member's, billable or not; those whose create is in doubt are marked.
fn unbilled(c: &Connection, business: BusinessId, client: Option<i64>) -> Result<Vec<Unbilled>> {
    let in_doubt: HashSet<i64> = outbox::open(c, business)?
        .into_iter()
        .filter(|q| matches!(q.state, OpState::Unknown | OpState::Sending))
        .filter_map(|q| match q.op {
            Op::CreateTimeEntry { local_id, .. } => Some(local_id),
            _ => None,
        })
        .collect();
    let mut stmt = c.prepare_cached(&format!(
        "SELECT id, client_id, project_id, service_id, identity_id, started_at, duration, note,
                billable
         FROM time_entries
         WHERE business_id = ?1 AND billed = 0 AND vis_state != 1
           AND (?2 IS NULL OR client_id = ?2) AND {LOGGED}
         ORDER BY started_at, id"
    ))?;
    let rows = stmt.query_map(params![business.get(), client], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, Option<i64>>(1)?,
            row.get::<_, Option<i64>>(2)?,
            row.get::<_, Option<i64>>(3)?,
            row.get::<_, Option<i64>>(4)?,
            row.get::<_, Option<String>>(5)?,
            row.get::<_, i64>(6)?,
            row.get::<_, Option<String>>(7)?,
            row.get::<_, Option<bool>>(8)?,
        ))
    })?;
    let mut res = Vec::new();
    for row in rows {
        let (id, client, project, service, identity, started, duration, note, billable) = row?;
        let Some(started_at) = started.as_deref().and_then(parse_utc) else {
            continue;
        };
        res.push(Unbilled {
            entry: DraftEntry {
                id: TimeEntryId(id),
                client_id: client.map(ClientId),
                project_id: project.map(ProjectId),
                service_id: service.map(ServiceId),
                identity_id: identity.map(IdentityId),
                started_at,
                duration_seconds: duration,
                note,
                billable: billable.unwrap_or(true),
            },
            in_doubt: in_doubt.contains(&id),
        });
    }
    Ok(res)
}

/// The rates, names (team members' too) and the remembered business rate.
fn book(c: &Connection, business: BusinessId) -> Result<(RateBook, Names, Option<IdentityId>)> {
    let (mut rates, mut names) = rate_book_in(c, business)?;
    rates.business = remembered::business_rate(c, business)?;
    // A flat fee bills what is left once the drafts made here are counted too (FreshBooks'
    // billed amount does not know them).
    for (project, drafted) in remembered::drafted_flat_fees(c, business)? {
        if let Some(left) = rates
            .projects
            .get_mut(&project)
            .and_then(|p| p.fixed_price.as_mut())
        {
            *left = (*left - drafted).max(Decimal::ZERO);
        }
    }
    let mut me = None;
    for (id, name, mine) in remembered::team_members(c, business)? {
        if let Some(name) = name {
            names.members.insert(id, name);
        }
        if mine {
            me = Some(id);
        }
    }
    Ok((rates, names, me))
}

/// The draft a request makes from the mirror as it is on `c` (entries in doubt left out: the
/// same time may already be in FreshBooks under another id).
pub(crate) fn compute_draft(
    c: &Connection,
    business: BusinessId,
    request: &DraftRequest,
) -> Result<Draft> {
    let client = current_id(c, business, Entity::Clients, request.client.get())?;
    let entries: Vec<DraftEntry> = unbilled(c, business, Some(client))?
        .into_iter()
        .filter(|u| !u.in_doubt)
        .map(|u| u.entry)
        .collect();
    let (rates, names, _) = book(c, business)?;
    let mut request = checked_request(c, business, client, request)?;
    // The wizard may hold ids from before FreshBooks numbered the records: unticked entries
    // stay unticked, chosen projects chosen.
    for id in &mut request.exclude {
        *id = TimeEntryId(current_id(c, business, Entity::TimeEntries, id.get())?);
    }
    for id in &mut request.projects {
        *id = ProjectId(current_id(c, business, Entity::Projects, id.get())?);
    }
    for (id, _) in &mut request.project_rounding {
        *id = ProjectId(current_id(c, business, Entity::Projects, id.get())?);
    }
    let spec = DraftSpec::new(&request, rates, names);
    Ok(drafting::draft(&entries, &spec)?)
}

/// The longest rounding increment or minimum: a day.
const MAX_ROUNDING_SECONDS: i64 = 24 * 3600;

/// The request as the core accepts it, whoever sent it: a negative business rate is refused;
/// the currency is the client's (the business's when it has none; the request's only when
/// neither is known, as the wizard offers no such client); rounding is held to 0..=24 h.
pub(crate) fn checked_request(
    c: &Connection,
    business: BusinessId,
    client: i64,
    request: &DraftRequest,
) -> Result<DraftRequest> {
    if let Some(rate) = request.business_rate
        && rate.is_sign_negative()
        && !rate.is_zero()
    {
        return Err(crate::error::Error::Invalid {
            field: "business_rate",
            problem: ledgerline_model::error::FieldProblem::NotAnAmount {
                given: rate.to_string(),
            },
        });
    }
    let mut request = request.clone();
    let own: Option<Option<String>> = c
        .query_row(
            "SELECT currency_code FROM clients WHERE business_id = ?1 AND id = ?2",
            params![business.get(), client],
            |row| row.get(0),
        )
        .optional()?;
    let currency = own
        .flatten()
        .and_then(|code| CurrencyCode::new(&code).ok())
        .or(businesses::get(c, business)?.and_then(|b| b.currency_code));
    if let Some(currency) = currency {
        request.currency = currency;
    }
    let hold = |r: &mut Rounding| {
        r.increment_seconds = r.increment_seconds.clamp(0, MAX_ROUNDING_SECONDS);
        r.minimum_seconds = r.minimum_seconds.clamp(0, MAX_ROUNDING_SECONDS);
    };
    hold(&mut request.rounding);
    for (_, rounding) in &mut request.project_rounding {
        hold(rounding);
    }
    Ok(request)
}

/// The choices a request stands for, to remember for its client.
pub(crate) fn choices_of(request: &DraftRequest) -> DraftChoices {
    DraftChoices {
        grouping: request.grouping,
        rounding: request.rounding,
        project_rounding: request.project_rounding.clone(),
        taxes: request.taxes.clone(),
        template: request.template.clone(),
    }
}

/// What a first draft offers: one line per service, exact time, no tax, the default template.
fn default_choices() -> DraftChoices {
    DraftChoices {
        grouping: Grouping::ByService,
        rounding: Rounding::EXACT,
        project_rounding: Vec::new(),
        taxes: Vec::new(),
        template: DEFAULT_TEMPLATE.to_owned(),
    }
}

fn setup(c: &Connection, business: BusinessId, args: &DraftingSetupArgs) -> Result<DraftingSetup> {
    let all = unbilled(c, business, None)?;
    let business_currency = businesses::get(c, business)?.and_then(|b| b.currency_code);
    let clients = billable_clients(c, business, &all, business_currency.as_ref())?;
    let chosen = args
        .client
        .map(|id| current_id(c, business, Entity::Clients, id.get()))
        .transpose()?;
    let client = chosen.and_then(|id| clients.iter().find(|b| b.id.get() == id).cloned());
    let (rates, names, me) = book(c, business)?;
    let in_range = |e: &DraftEntry| {
        let day: NaiveDate = e.started_at.date_naive();
        !(args.from.is_some_and(|f| day < f) || args.to.is_some_and(|t| day > t))
    };
    let of_client: Vec<&Unbilled> = match &client {
        Some(cl) => all
            .iter()
            .filter(|u| u.entry.client_id == Some(cl.id) && in_range(&u.entry))
            .collect(),
        None => Vec::new(),
    };
    // Totals per project over the range, before the project filter (it lists them all).
    let mut per_project: BTreeMap<ProjectId, i64> = BTreeMap::new();
    for u in &of_client {
        if let Some(p) = u.entry.project_id {
            let sum = per_project.entry(p).or_default();
            *sum = sum.saturating_add(u.entry.duration_seconds);
        }
    }
    let projects = per_project
        .into_iter()
        .map(|(id, seconds)| {
            let title = names
                .projects
                .get(&id)
                .cloned()
                .unwrap_or_else(|| id.get().to_string());
            (id, title, seconds)
        })
        .collect();
    let shown: Vec<&Unbilled> = of_client
        .into_iter()
        .filter(|u| {
            args.projects.is_empty()
                || u.entry
                    .project_id
                    .is_some_and(|p| args.projects.contains(&p))
        })
        .collect();
    let my_name = me.and_then(|id| names.members.get(&id).cloned());
    let entries: Vec<UnbilledEntry> = shown
        .iter()
        .map(|u| {
            let e = &u.entry;
            // An entry made on this computer has no member until FreshBooks answers: the user's.
            let mine = e.identity_id.is_none() || e.identity_id == me;
            UnbilledEntry {
                id: e.id,
                started_at: e.started_at,
                duration_seconds: e.duration_seconds,
                project: e.project_id,
                project_name: e.project_id.and_then(|p| names.projects.get(&p).cloned()),
                service: e.service_id,
                service_name: e.service_id.and_then(|s| names.services.get(&s).cloned()),
                member: e.identity_id,
                member_name: match e.identity_id {
                    Some(id) => names.members.get(&id).cloned(),
                    None => my_name.clone(),
                },
                mine,
                note: e.note.clone(),
                billable: e.billable,
                in_doubt: u.in_doubt,
            }
        })
        .collect();
    let total_seconds = shown
        .iter()
        .map(|u| u.entry.duration_seconds)
        .fold(0_i64, i64::saturating_add);
    // The business rate is needed when an entry to bill has no other rate, or its project bills
    // at the business rate.
    let mut without_business = rates.clone();
    without_business.business = None;
    let needs_business_rate = rates.business.is_none()
        && shown
            .iter()
            .filter(|u| u.entry.billable && !u.in_doubt)
            .any(|u| rate_for(&without_business, &u.entry).is_none());
    let choices = remembered::choices(c, business, chosen)?.unwrap_or_else(default_choices);
    Ok(DraftingSetup {
        clients,
        client,
        entries,
        projects,
        total_seconds,
        taxes: taxes(c, business)?,
        choices,
        business_rate: rates.business,
        needs_business_rate,
    })
}

/// The clients with unbilled time, by name, each in its currency (the business's when it has
/// none of its own). A client whose currency is not known either way is left out: an invoice's
/// currency is never guessed.
fn billable_clients(
    c: &Connection,
    business: BusinessId,
    all: &[Unbilled],
    business_currency: Option<&CurrencyCode>,
) -> Result<Vec<BillableClient>> {
    let mut per_client: BTreeMap<i64, (usize, i64)> = BTreeMap::new();
    for u in all {
        if let Some(client) = u.entry.client_id {
            let t = per_client.entry(client.get()).or_default();
            t.0 += 1;
            t.1 = t.1.saturating_add(u.entry.duration_seconds);
        }
    }
    let mut stmt = c.prepare_cached(&format!(
        "SELECT {CLIENT_NAME}, c.currency_code FROM clients c
         WHERE c.business_id = ?1 AND c.id = ?2"
    ))?;
    let fallback = business_currency.cloned();
    let mut res = Vec::new();
    for (id, (entries, seconds)) in per_client {
        let mut rows = stmt.query(params![business.get(), id])?;
        let Some(row) = rows.next()? else {
            continue;
        };
        let name: Option<String> = row.get(0)?;
        let code: Option<String> = row.get(1)?;
        let Some(currency) = code
            .and_then(|c| CurrencyCode::new(&c).ok())
            .or_else(|| fallback.clone())
        else {
            continue;
        };
        res.push(BillableClient {
            id: ClientId(id),
            name: name
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| id.to_string()),
            currency,
            entries,
            seconds,
        });
    }
    res.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.id.cmp(&b.id))
    });
    Ok(res)
}

/// The business's taxes, by name.
fn taxes(c: &Connection, business: BusinessId) -> Result<Vec<TaxChoice>> {
    let mut res: Vec<TaxChoice> = records::list(c, business, Entity::Taxes)?
        .into_iter()
        .filter(|t| t.get("vis_state").and_then(Value::as_i64) != Some(1))
        .filter_map(|t| {
            let id = ["id", "taxid"]
                .iter()
                .find_map(|k| t.get(*k).and_then(Value::as_i64))?;
            Some(TaxChoice {
                id: TaxId(id),
                tax: LineTax {
                    name: t.get("name").and_then(Value::as_str)?.to_owned(),
                    percent: t.get("amount").and_then(decimal)?,
                    number: t
                        .get("number")
                        .and_then(Value::as_str)
                        .filter(|n| !n.is_empty())
                        .map(str::to_owned),
                    compound: t.get("compound").and_then(Value::as_bool).unwrap_or(false),
                },
            })
        })
        .collect();
    res.sort_by(|a, b| a.tax.name.cmp(&b.tax.name).then(a.id.cmp(&b.id)));
    Ok(res)
}
