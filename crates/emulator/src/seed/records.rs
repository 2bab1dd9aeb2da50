//! Generates one business's records: taxes, clients, items, and (later stages) services,
//! projects, time entries, invoices with lines and payments.

use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use rand::Rng;
use rand::rngs::StdRng;
use serde_json::{Map, Value, json};

use super::names;
use crate::config::Scale;
use crate::store::{ACTIVE, ARCHIVED, Collection, DELETED, Record, State};

/// How many records of each kind one business gets.
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub clients: usize,
    pub invoices: usize,
    pub time_entries: usize,
    pub projects: usize,
}

/// Sizes for the first business and for the others.
#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    pub first: Size,
    pub others: Size,
}

impl Sizes {
    /// The sizes of a scale.
    pub fn for_scale(scale: Scale) -> Self {
        let none = Size {
            clients: 0,
            invoices: 0,
            time_entries: 0,
            projects: 0,
        };
        match scale {
            Scale::Empty => Sizes {
                first: none,
                others: none,
            },
            Scale::Small => {
                let small = Size {
                    clients: 40,
                    invoices: 120,
                    time_entries: 300,
                    projects: 8,
                };
                Sizes {
                    first: small,
                    others: small,
                }
            }
            Scale::Large => Sizes {
                first: Size {
                    clients: 2_000,
                    invoices: 10_000,
                    time_entries: 20_000,
                    projects: 150,
                },
                others: Size {
                    clients: 40,
                    invoices: 120,
                    time_entries: 300,
                    projects: 8,
                },
            },
        }
    }
}

/// What every seed stage works on: the state, which business, the anchor date and the RNG.
#[derive(Debug)]
pub struct Stage<'a> {
    pub state: &'a mut State,
    pub idx: usize,
    pub anchor: NaiveDate,
    pub rng: &'a mut StdRng,
}

/// Fills business `stage.idx` of the state.
pub fn fill(stage: &mut Stage<'_>, size: Size) {
    let business = &stage.state.businesses[stage.idx];
    let canadian = business.currency == "CAD";
    let province = business.address.province.clone();
    taxes(stage, canadian, &province);
    clients(stage, size.clients, canadian);
    if size.clients == 0 {
        return;
    }
    catalogue(stage);
    let services = super::work::services(stage);
    let projects = super::work::projects(stage, size.projects, &services);
    super::work::time_entries(stage, size.time_entries, &projects, &services);
    super::billing::invoices(stage, size.invoices, canadian, &province, &services);
    super::billing::expenses(stage, size.invoices / 4);
}

/// Items, expense categories and the owner as staff.
fn catalogue(stage: &mut Stage<'_>) {
    let Stage {
        state, idx, anchor, ..
    } = stage;
    let (idx, anchor) = (*idx, *anchor);

    let currency = state.businesses[idx].currency.clone();
    for (n, (name, price)) in names::ITEMS.iter().enumerate() {
        let at = instant(anchor, 600 - n as u64, 45);
        insert(
            state,
            idx,
            Collection::Items,
            at,
            object(json!({
                "name": name, "description": "", "qty": "1", "inventory": null,
                "unit_cost": {"amount": price, "code": currency}, "tax1": 0, "tax2": 0, "sku": format!("SKU-{:03}", n + 1),
            })),
        );
    }
    for (n, name) in [
        "Office Supplies",
        "Software",
        "Travel",
        "Meals and Entertainment",
        "Advertising",
        "Subcontractors",
    ]
    .iter()
    .enumerate()
    {
        let at = instant(anchor, 790 - n as u64, 10);
        insert(
            state,
            idx,
            Collection::ExpenseCategories,
            at,
            object(
                json!({"category": name, "is_cogs": false, "is_editable": false, "parentid": null}),
            ),
        );
    }
    let at = instant(anchor, 890, 0);
    let (fname, lname, email) = (
        state.identity.first_name.clone(),
        state.identity.last_name.clone(),
        state.identity.email.clone(),
    );
    insert(
        state,
        idx,
        Collection::Staffs,
        at,
        object(
            json!({"fname": fname, "lname": lname, "email": email, "organization": "", "rate": null, "username": email, "display_name": format!("{fname} {lname}")}),
        ),
    );
}

/// A UTC instant `days_ago` days before the anchor, during working hours.
pub fn instant(anchor: NaiveDate, days_ago: u64, minute_of_day: u32) -> DateTime<Utc> {
    let day = anchor
        .checked_sub_days(Days::new(days_ago))
        .unwrap_or(anchor);
    let naive = day
        .and_hms_opt(13 + (minute_of_day / 60) % 9, minute_of_day % 60, 0)
        .unwrap_or_default();
    Utc.from_utc_datetime(&naive)
}

pub fn insert(
    state: &mut State,
    idx: usize,
    collection: Collection,
    at: DateTime<Utc>,
    fields: Map<String, Value>,
) -> i64 {
    let id = state.next_id(collection);
    state.businesses[idx].put(collection, Record::new(id, at, fields));
    id
}

pub fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

fn taxes(stage: &mut Stage<'_>, canadian: bool, province: &str) {
    let Stage {
        state, idx, anchor, ..
    } = stage;
    let (idx, anchor) = (*idx, *anchor);

    let list: &[(&str, &str, &str)] = if canadian {
        match province {
            "Québec" => &[
                ("GST", "5", "123456789 RT0001"),
                ("QST", "9.975", "1234567890 TQ0001"),
            ],
            "Nova Scotia" => &[("HST", "14", "987654321 RT0001")],
            _ => &[
                ("HST", "13", "812345678 RT0001"),
                ("GST", "5", "812345678 RT0001"),
                ("PST", "7", "PST-1234-5678"),
                ("QST", "9.975", "1219876543 TQ0001"),
            ],
        }
    } else {
        &[
            ("NY Sales Tax", "8.875", "NY-11-2233445"),
            ("State Tax", "4", ""),
        ]
    };
    for (n, (name, amount, number)) in list.iter().enumerate() {
        let at = instant(anchor, 800 - n as u64, 30);
        insert(
            state,
            idx,
            Collection::Taxes,
            at,
            object(
                json!({"name": name, "amount": amount, "number": number, "compound": false, "accounting_systemid": ""}),
            ),
        );
    }
}

fn clients(stage: &mut Stage<'_>, n_clients: usize, canadian: bool) {
    let Stage {
        state,
        idx,
        anchor,
        rng,
    } = stage;
    let (idx, anchor) = (*idx, *anchor);

    let currency = state.businesses[idx].currency.clone();
    for client_idx in 0..n_clients {
        let fname = names::FIRST_NAMES[rng.random_range(0..names::FIRST_NAMES.len())];
        let lname = names::LAST_NAMES[rng.random_range(0..names::LAST_NAMES.len())];
        let head = names::COMPANY_HEADS[rng.random_range(0..names::COMPANY_HEADS.len())];
        let tail = names::COMPANY_TAILS[rng.random_range(0..names::COMPANY_TAILS.len())];
        let organization = if client_idx % 7 == 6 {
            String::new()
        } else {
            format!("{head} {tail}")
        };
        let cities = if canadian {
            names::CA_CITIES
        } else {
            names::US_CITIES
        };
        let (city, province, code) = cities[rng.random_range(0..cities.len())];
        let street = names::STREETS[rng.random_range(0..names::STREETS.len())];
        let email_domain = if organization.is_empty() {
            "example.net".to_owned()
        } else {
            format!("{}.example.com", head.to_lowercase())
        };
        let email = format!(
            "{}.{}{}@{}",
            ascii(fname),
            ascii(lname),
            client_idx,
            email_domain
        );
        let days_ago = rng.random_range(30..700);
        let at = instant(anchor, days_ago, rng.random_range(0..480));
        let fields = object(json!({
            "fname": fname, "lname": lname, "organization": organization, "email": email,
            "home_phone": "", "mob_phone": format!("{}-555-{:04}", if canadian { 416 } else { 212 }, rng.random_range(100..9999)),
            "bus_phone": "", "fax": "", "note": "",
            "p_street": format!("{} {street}", rng.random_range(1..2000)), "p_street2": "", "p_city": city,
            "p_province": province, "p_code": code, "p_country": if canadian { "Canada" } else { "United States" },
            "s_street": "", "s_street2": "", "s_city": "", "s_province": "", "s_code": "", "s_country": "",
            "vat_name": "", "vat_number": null, "username": "", "currency_code": currency,
            "language": if province == "Québec" { "fr" } else { "en" },
            "allow_late_fees": true, "allow_late_notifications": true, "has_retainer": null, "retainer_id": null,
            "company_industry": null, "company_size": null,
        }));
        let id = insert(state, idx, Collection::Clients, at, fields);
        // A few clients are archived, a few deleted, so lists and vis_state filters have work.
        let vis_state = match client_idx % 25 {
            23 => ARCHIVED,
            24 => DELETED,
            _ => ACTIVE,
        };
        if let Some(record) = state.businesses[idx].record_mut(Collection::Clients, id) {
            record.vis_state = vis_state;
        }
    }
}

/// Lower-case ASCII for e-mail addresses (drops accents and apostrophes).
fn ascii(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            'é' | 'è' | 'É' => Some('e'),
            'ô' => Some('o'),
            c if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
            _ => None,
        })
        .collect()
}
