//! Webhook callbacks (`/events/account/{account_id}/events/callbacks`, accounting style). A new
//! callback is unverified and gets a verifier, which FreshBooks would send to the callback's URI;
//! the emulator cannot deliver, so the control API shows it (`GET /_emulator/webhooks`). A PUT with
//! the right `verifier` verifies the callback; `resend: true` issues a new verifier.

use rand::Rng;
use serde_json::{Map, Value, json};

use super::{merge, text};
use crate::error::Error;
use crate::families::accounting::{AccountingSpec, SortRule};
use crate::filters::Filter;
use crate::query::Query;
use crate::store::{Business, Collection, Record};

/// The callbacks noun.
pub static SPEC: AccountingSpec = AccountingSpec {
    family_prefix: "events",
    path: "events/callbacks",
    single: "callback",
    plural: "callbacks",
    collection: Collection::Callbacks,
    id_alias: Some("callbackid"),
    filters: &[
        Filter::Equals {
            param: "event",
            field: "event",
        },
        Filter::Equals {
            param: "uri",
            field: "uri",
        },
        Filter::UpdatedMin,
        Filter::UpdatedMax,
    ],
    sort: SortRule::AnyField,
    prepare,
    render,
    after_write: None,
};

/// Stored field holding the verifier; never rendered.
pub const VERIFIER: &str = "verifier";

fn prepare(
    _business: &Business,
    existing: Option<&Record>,
    input: &Map<String, Value>,
) -> Result<Map<String, Value>, Error> {
    let Some(existing) = existing else {
        let mut fields = merge(None, input, &["verified", VERIFIER, "resend"]);
        if text(&fields, "event").trim().is_empty() {
            return Err(Error::invalid(
                1001,
                "callback",
                "event",
                "An event is required.",
                "",
            ));
        }
        let uri = text(&fields, "uri");
        if !uri.starts_with("https://") {
            return Err(Error::invalid(
                1001,
                "callback",
                "uri",
                "The callback URI must be an HTTPS URL.",
                uri,
            ));
        }
        fields.insert("verified".into(), json!(false));
        fields.insert(VERIFIER.into(), json!(new_verifier()));
        return Ok(fields);
    };
    let mut fields = existing.fields.clone();
    if let Some(offered) = input.get(VERIFIER) {
        if offered.as_str() != Some(text(&fields, VERIFIER)) {
            return Err(Error::invalid(
                1001,
                "callback",
                "verifier",
                "The verifier is invalid.",
                &offered.to_string(),
            ));
        }
        fields.insert("verified".into(), json!(true));
    } else if input.get("resend").and_then(Value::as_bool) == Some(true) {
        fields.insert(VERIFIER.into(), json!(new_verifier()));
        fields.insert("verified".into(), json!(false));
    } else {
        fields = merge(Some(existing), input, &["verified", VERIFIER, "resend"]);
    }
    Ok(fields)
}

fn render(_business: &Business, _record: &Record, _query: &Query, out: &mut Map<String, Value>) {
    out.remove(VERIFIER);
}

fn new_verifier() -> String {
    let mut rng = rand::rng();
    (0..16)
        .map(|_| format!("{:02x}", rng.random::<u8>()))
        .collect()
}
