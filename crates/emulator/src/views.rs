//! List views reused across the pages of one listing. A view is what a list request computes from
//! the whole collection before it cuts a page: the ids that pass the filters, in the list's order,
//! and the sums some envelopes carry (time entries' `total_logged`/`total_unbilled`). Paging
//! through 20,000 records asks the same question 200 times with only `page` changing, so the
//! answer is kept, keyed by everything it depends on:
//! - the business and its [`crate::store::Business::generation`], which every change to its
//!   records bumps (so a write is seen by the next list, as without the cache);
//! - the collection and the query minus `page`/`per_page`;
//! - the business's day ([`crate::store::Business::today`]), which `v3_status` (overdue) and the
//!   client flags built on it read.
//!
//! The view holds ids only: each page renders its records from the store as it is now, so a page
//! is byte for byte what the uncached path renders.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use crate::query::Query;
use crate::store::{Business, Collection};

/// How many views are kept; past it the cache starts again empty (a benchmark pages a handful
/// of lists at a time).
const CAPACITY: usize = 64;

/// The filtered, ordered ids of one list, and the sums its envelope carries.
#[derive(Debug, Default)]
pub struct View {
    pub ids: Vec<i64>,
    /// Extra numbers of the envelope (time entries: total logged, total unbilled).
    pub sums: [i64; 2],
}

/// What a view depends on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ViewKey {
    business: usize,
    generation: u64,
    collection: Collection,
    day: NaiveDate,
    query: Vec<(String, String)>,
}

impl ViewKey {
    /// The key of a list of `collection` in `business` (at `index`), as its records are now,
    /// for `query`.
    pub fn new(index: usize, business: &Business, collection: Collection, query: &Query) -> Self {
        ViewKey {
            business: index,
            generation: business.generation,
            collection,
            day: business.today(),
            query: query.pairs_without_paging(),
        }
    }
}

/// The views in force. Locked after the state lock, never before it.
#[derive(Debug)]
pub struct Views {
    enabled: AtomicBool,
    views: Mutex<HashMap<ViewKey, Arc<View>>>,
}

impl Default for Views {
    fn default() -> Self {
        Views {
            enabled: AtomicBool::new(true),
            views: Mutex::new(HashMap::new()),
        }
    }
}

impl Views {
    /// Turns the cache off (every list computes its view, as before there was one) or on:
    /// tests compare the two.
    #[cfg(test)]
    pub fn set_enabled(&self, on: bool) {
        self.enabled.store(on, Ordering::Relaxed);
    }

    /// The view for `key`, computed by `compute` unless it is kept.
    pub fn get_or_compute(&self, key: ViewKey, compute: impl FnOnce() -> View) -> Arc<View> {
        if !self.enabled.load(Ordering::Relaxed) {
            return Arc::new(compute());
        }
        let mut views = self
            .views
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(view) = views.get(&key) {
            return Arc::clone(view);
        }
        // Views of an older generation can never be asked for again.
        views.retain(|kept, _| {
            !(kept.business == key.business && kept.generation != key.generation)
        });
        if views.len() >= CAPACITY {
            views.clear();
        }
        let view = Arc::new(compute());
        views.insert(key, Arc::clone(&view));
        view
    }
}

#[cfg(test)]
mod tests {
    //! Every list answers byte for byte as it did before views were kept: each request is asked
    //! with the cache on (twice: computing, then reusing the view) and off (the view computed
    //! for that request alone, the path the emulator had before), on a seed with deleted and
    //! archived records, then again after each kind of write, whose change the next page must
    //! show.

    use reqwest::Method;
    use serde_json::{Value, json};

    use crate::{Config, Emulator};

    struct Probe {
        emu: Emulator,
        http: reqwest::Client,
        token: String,
        acct: String,
        biz: String,
    }

    impl Probe {
        async fn send(&self, method: Method, url: &str, body: Option<Value>) -> (u16, Vec<u8>) {
            let mut req = self.http.request(method, url).bearer_auth(&self.token);
            if let Some(body) = body {
                req = req.json(&body);
            }
            let res = req.send().await.expect("answered");
            let status = res.status().as_u16();
            (status, res.bytes().await.expect("body").to_vec())
        }

        async fn json(&self, method: Method, url: &str, body: Option<Value>) -> Value {
            let (status, bytes) = self.send(method, url, body).await;
            assert!(status < 300, "{url}: {status}");
            if bytes.is_empty() {
                return Value::Null;
            }
            serde_json::from_slice(&bytes).expect("JSON")
        }

        /// Asks every list of the matrix with the cache on, twice, and off; all three agree.
        async fn lists_agree(&self, moment: &str) {
            let control = self.emu.control();
            let views = &control.app().views;
            for url in self.matrix() {
                views.set_enabled(true);
                let computed = self.send(Method::GET, &url, None).await;
                let reused = self.send(Method::GET, &url, None).await;
                views.set_enabled(false);
                let uncached = self.send(Method::GET, &url, None).await;
                views.set_enabled(true);
                assert_eq!(computed.0, 200, "{moment}: {url}");
                assert!(
                    computed == uncached,
                    "{moment}: {url} differs from the uncached path"
                );
                assert!(reused == uncached, "{moment}: {url} reused a stale view");
            }
        }

        fn matrix(&self) -> Vec<String> {
            let mut urls = Vec::new();
            for query in [
                "",
                "per_page=100",
                "per_page=7&page=3",
                "per_page=100&page=99",
                "include[]=lines&per_page=100",
                "sort=invoice_date_asc&per_page=20&page=2",
                "sort=invoice_date_desc&include[]=lines",
                "search[vis_state]=1&per_page=100",
                "search[vis_state]=2",
                "search[v3_status]=overdue&per_page=100",
                "search[paid]=true",
                "search[outstanding]=true&per_page=100",
                "search[date_min]=2025-01-01&search[updated_min]=2025-06-01",
                "search[invoice_number_like]=1",
            ] {
                urls.push(format!("{}/invoices/invoices?{query}", self.acct));
            }
            for query in [
                "per_page=100",
                "search[has_outstanding]=true&per_page=100",
                "search[has_overdue]=true",
                "search[has_draft]=false&include[]=outstanding_balance",
                "sort=organization_asc&per_page=10&page=2",
                "search[organization_like]=a&search[vis_state]=2",
                "search[email_like]=example&sort=email_desc",
            ] {
                urls.push(format!("{}/users/clients?{query}", self.acct));
            }
            for noun in [
                "payments/payments",
                "estimates/estimates",
                "expenses/expenses",
            ] {
                urls.push(format!("{}/{noun}?per_page=100&sort=date_desc", self.acct));
                urls.push(format!("{}/{noun}?search[vis_state]=1", self.acct));
            }
            for query in [
                "per_page=100",
                "team=true&per_page=100&page=2",
                "team=true&include_deleted=true&per_page=100",
                "team=true&billable=true&billed=false&include_unlogged=true",
                "team=true&updated_since=2025-01-01T00:00:00Z&per_page=5&page=3",
            ] {
                urls.push(format!("{}/time_entries?{query}", self.biz));
            }
            urls
        }
    }

    #[tokio::test]
    async fn lists_answer_as_without_views_before_and_after_writes() {
        let emu = Emulator::start(Config::for_tests()).await.expect("starts");
        let (token, _) = emu.control().mint_tokens();
        let who = emu.control().demo_identity();
        let first = &who.businesses[0];
        let probe = Probe {
            acct: format!("{}/accounting/account/{}", emu.base_url(), first.account_id),
            biz: format!(
                "{}/timetracking/business/{}",
                emu.base_url(),
                first.business_id
            ),
            http: reqwest::Client::new(),
            token,
            emu,
        };
        probe.lists_agree("seeded").await;

        let clients = probe
            .json(Method::GET, &format!("{}/users/clients", probe.acct), None)
            .await;
        let client = clients["response"]["result"]["clients"][0]["id"].clone();
        let created = probe
            .json(
                Method::POST,
                &format!("{}/invoices/invoices", probe.acct),
                Some(
                    json!({"invoice": {"customerid": client, "create_date": "2025-03-02",
                    "lines": [{"name": "a", "qty": 2, "unit_cost": {"amount": "10.00"}}]}}),
                ),
            )
            .await;
        let invoice = created["response"]["result"]["invoice"]["id"].clone();
        probe.lists_agree("after an invoice was created").await;

        probe
            .json(
                Method::POST,
                &format!("{}/payments/payments", probe.acct),
                Some(json!({"payment": {"invoiceid": invoice, "amount": {"amount": "5.00"}, "type": "Cash"}})),
            )
            .await;
        probe.lists_agree("after a payment").await;

        probe
            .json(
                Method::PUT,
                &format!("{}/users/clients/{client}", probe.acct),
                Some(json!({"client": {"vis_state": 2}})),
            )
            .await;
        probe
            .json(
                Method::DELETE,
                &format!("{}/invoices/invoices/{invoice}", probe.acct),
                None,
            )
            .await;
        probe.lists_agree("after an archive and a delete").await;

        let entries = probe
            .json(
                Method::GET,
                &format!("{}/time_entries?team=true", probe.biz),
                None,
            )
            .await;
        let entry = entries["time_entries"][0]["id"].clone();
        probe
            .json(
                Method::PUT,
                &format!("{}/time_entries/{entry}", probe.biz),
                Some(json!({"time_entry": {"billed": true, "note": "billed"}})),
            )
            .await;
        probe.lists_agree("after a time entry was billed").await;
        probe
            .json(
                Method::DELETE,
                &format!("{}/time_entries/{entry}", probe.biz),
                None,
            )
            .await;
        probe.lists_agree("after a time entry was deleted").await;
        probe.emu.shutdown().await;
    }
}
