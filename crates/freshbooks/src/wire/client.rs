//! Accounting clients (`users/clients`): the record and the create/update bodies.

use chrono::{DateTime, Utc};
use ledgerline_model::entity::{Address, Client, ClientUpdate, NewClient, VisState};
use ledgerline_model::ids::ClientId;
use ledgerline_model::money::{CurrencyCode, Money};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::wire::{de, either_id};

#[derive(Debug, Deserialize)]
pub(crate) struct WireClient {
    #[serde(default, deserialize_with = "de::opt_i64")]
    id: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_i64")]
    userid: Option<i64>,
    #[serde(default, deserialize_with = "de::opt_string")]
    fname: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    lname: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    organization: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    email: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    bus_phone: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    mob_phone: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    home_phone: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    p_street: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    p_street2: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    p_city: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    p_province: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    p_code: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    p_country: Option<String>,
    #[serde(default, deserialize_with = "de::opt_currency")]
    currency_code: Option<CurrencyCode>,
    #[serde(default, deserialize_with = "de::opt_string")]
    language: Option<String>,
    #[serde(default, deserialize_with = "de::opt_string")]
    note: Option<String>,
    #[serde(default, deserialize_with = "de::vis_state")]
    vis_state: VisState,
    #[serde(default, deserialize_with = "de::opt_eastern")]
    updated: Option<DateTime<Utc>>,
    /// UTC, unlike the rest of accounting.
    #[serde(default, deserialize_with = "de::opt_utc")]
    signup_date: Option<DateTime<Utc>>,
    #[serde(default)]
    outstanding_balance: Option<Vec<WireBalance>>,
}

#[derive(Debug, Deserialize)]
struct WireBalance {
    #[serde(default, deserialize_with = "de::opt_money")]
    amount: Option<Money>,
}

impl WireClient {
    pub(crate) fn into_model(self) -> Result<Client, String> {
        Ok(Client {
            id: ClientId(either_id(self.id, self.userid, "client")?),
            first_name: self.fname,
            last_name: self.lname,
            organization: self.organization,
            email: self.email,
            business_phone: self.bus_phone,
            mobile_phone: self.mob_phone,
            home_phone: self.home_phone,
            address: Address {
                street: self.p_street,
                street2: self.p_street2,
                city: self.p_city,
                province: self.p_province,
                postal_code: self.p_code,
                country: self.p_country,
            },
            currency_code: self.currency_code,
            language: self.language,
            note: self.note,
            vis_state: self.vis_state,
            updated: self.updated,
            signup_date: self.signup_date,
            outstanding_balance: self
                .outstanding_balance
                .map(|b| b.into_iter().filter_map(|b| b.amount).collect()),
        })
    }
}

fn put(map: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        map.insert(key.to_owned(), Value::String(v.clone()));
    }
}

/// `{"client": {…}}` to create a client.
pub(crate) fn new_client_body(new: &NewClient) -> Value {
    let mut map = Map::new();
    put(&mut map, "fname", &new.first_name);
    put(&mut map, "lname", &new.last_name);
    put(&mut map, "organization", &new.organization);
    put(&mut map, "email", &new.email);
    put(&mut map, "bus_phone", &new.business_phone);
    put(&mut map, "mob_phone", &new.mobile_phone);
    put(&mut map, "p_street", &new.address.street);
    put(&mut map, "p_street2", &new.address.street2);
    put(&mut map, "p_city", &new.address.city);
    put(&mut map, "p_province", &new.address.province);
    put(&mut map, "p_code", &new.address.postal_code);
    put(&mut map, "p_country", &new.address.country);
    put(
        &mut map,
        "currency_code",
        &new.currency_code.as_ref().map(|c| c.to_string()),
    );
    put(&mut map, "language", &new.language);
    put(&mut map, "note", &new.note);
    json!({ "client": map })
}

/// `{"client": {…}}` with only the changed fields.
pub(crate) fn client_update_body(update: &ClientUpdate) -> Value {
    let mut map = Map::new();
    put(&mut map, "fname", &update.first_name);
    put(&mut map, "lname", &update.last_name);
    put(&mut map, "organization", &update.organization);
    put(&mut map, "email", &update.email);
    put(&mut map, "bus_phone", &update.business_phone);
    put(&mut map, "mob_phone", &update.mobile_phone);
    put(&mut map, "p_street", &update.street);
    put(&mut map, "p_street2", &update.street2);
    put(&mut map, "p_city", &update.city);
    put(&mut map, "p_province", &update.province);
    put(&mut map, "p_code", &update.postal_code);
    put(&mut map, "p_country", &update.country);
    put(
        &mut map,
        "currency_code",
        &update.currency_code.as_ref().map(|c| c.to_string()),
    );
    put(&mut map, "language", &update.language);
    put(&mut map, "note", &update.note);
    json!({ "client": map })
}
