//! Starting an emulator and talking to it.

use freshbooks_emulator::{Config, DemoIdentity, Emulator};
use reqwest::{Method, StatusCode};
use serde_json::Value;

/// A running emulator with a signed-in HTTP client.
pub struct Env {
    pub emu: Emulator,
    pub base: String,
    pub http: reqwest::Client,
    pub token: String,
    pub ids: DemoIdentity,
}

/// A client that never follows redirects (the authorize tests read `Location`).
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

pub async fn start() -> Env {
    start_with(Config::for_tests()).await
}

pub async fn start_with(config: Config) -> Env {
    let emu = Emulator::start(config).await.expect("emulator starts");
    let base = emu.base_url();
    let (token, _) = emu.control().mint_tokens();
    let ids = emu.control().demo_identity();
    Env {
        emu,
        base,
        http: http(),
        token,
        ids,
    }
}

impl Env {
    /// `…/accounting/account/{account_id of business n}/{path}`.
    pub fn acct(&self, n: usize, path: &str) -> String {
        format!(
            "{}/accounting/account/{}/{}",
            self.base, self.ids.businesses[n].account_id, path
        )
    }

    /// `…/{family}/business/{business_id of business n}/{path}`.
    pub fn biz(&self, family: &str, n: usize, path: &str) -> String {
        format!(
            "{}/{family}/business/{}/{}",
            self.base, self.ids.businesses[n].business_id, path
        )
    }

    pub async fn get(&self, url: &str) -> (StatusCode, Value) {
        self.send(Method::GET, url, None).await
    }

    pub async fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut req = self.http.request(method, url).bearer_auth(&self.token);
        if let Some(body) = body {
            req = req.json(&body);
        }
        let res = req.send().await.expect("request is answered");
        let status = res.status();
        let text = res.text().await.expect("body");
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }

    /// An accounting list's `result`.
    pub async fn result(&self, url: &str) -> Value {
        let (status, body) = self.get(url).await;
        assert_eq!(status, StatusCode::OK, "{url}: {body}");
        body["response"]["result"].clone()
    }

    /// Ids in an accounting list.
    pub async fn ids_of(&self, url: &str, list: &str) -> Vec<i64> {
        self.result(url).await[list]
            .as_array()
            .expect("list")
            .iter()
            .map(|r| r["id"].as_i64().expect("id"))
            .collect()
    }

    /// Creates a client in business n and returns its id.
    pub async fn create_client(&self, n: usize, fields: Value) -> i64 {
        let (status, body) = self
            .send(
                Method::POST,
                &self.acct(n, "users/clients"),
                Some(serde_json::json!({"client": fields})),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["response"]["result"]["client"]["id"]
            .as_i64()
            .expect("id")
    }
}
