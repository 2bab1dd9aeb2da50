//! Just enough WebDriver for the desktop bench: a session on an app through tauri-driver
//! (which starts the app), finding, reading, clicking and typing into elements, and closing the
//! session. Plain HTTP/1.0 over a loopback socket, as the bench's other requests: xtask takes no
//! HTTP client crate for this.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use serde_json::{Value, json};

/// A WebDriver session on one app.
pub struct Session {
    port: u16,
    id: String,
}

impl Session {
    /// Opens a session: tauri-driver starts `app` (WebKitWebDriver launches it) and answers once
    /// its webview is under automation.
    pub fn start(port: u16, app: &Path) -> Result<Self> {
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "wry",
                    "tauri:options": { "application": app },
                }
            }
        });
        let answer = request(port, "POST", "/session", Some(&capabilities))?;
        let id = answer["value"]["sessionId"]
            .as_str()
            .with_context(|| format!("no session id in {answer}"))?
            .to_owned();
        Ok(Self { port, id })
    }

    /// Whether an element matching the CSS selector is in the page now, with its text.
    pub fn text_of(&self, selector: &str) -> Result<Option<String>> {
        let found = request(
            self.port,
            "POST",
            &format!("/session/{}/element", self.id),
            Some(&json!({ "using": "css selector", "value": selector })),
        );
        let Ok(found) = found else {
            return Ok(None);
        };
        let Some(element) = found["value"]
            .as_object()
            .and_then(|v| v.values().next())
            .and_then(Value::as_str)
        else {
            return Ok(None);
        };
        let text = request(
            self.port,
            "GET",
            &format!("/session/{}/element/{element}/text", self.id),
            None,
        )?;
        Ok(Some(text["value"].as_str().unwrap_or_default().to_owned()))
    }

    /// The WebDriver id of the first element matching the CSS selector, if one is in the page now.
    fn find(&self, selector: &str) -> Option<String> {
        let found = request(
            self.port,
            "POST",
            &format!("/session/{}/element", self.id),
            Some(&json!({ "using": "css selector", "value": selector })),
        )
        .ok()?;
        found["value"]
            .as_object()
            .and_then(|v| v.values().next())
            .and_then(Value::as_str)
            .map(str::to_owned)
    }

    /// The element matching the selector, waiting up to `within` for it.
    fn wait_for(&self, selector: &str, within: Duration) -> Result<String> {
        let started = std::time::Instant::now();
        loop {
            if let Some(element) = self.find(selector) {
                return Ok(element);
            }
            if started.elapsed() > within {
                bail!("nothing matches {selector} within {within:?}");
            }
            crate::bench_desktop::pause(Duration::from_millis(50));
        }
    }

    /// Clicks the element matching the selector (a WebDriver element click, as a person would),
    /// waiting up to 20 s for it.
    pub fn click(&self, selector: &str) -> Result<()> {
        let element = self.wait_for(selector, Duration::from_secs(20))?;
        request(
            self.port,
            "POST",
            &format!("/session/{}/element/{element}/click", self.id),
            Some(&json!({})),
        )
        .map(|_| ())
    }

    /// Types into the input matching the selector, replacing what it held.
    pub fn type_into(&self, selector: &str, text: &str) -> Result<()> {
        let element = self.wait_for(selector, Duration::from_secs(20))?;
        let path = format!("/session/{}/element/{element}", self.id);
        request(
            self.port,
            "POST",
            &format!("{path}/clear"),
            Some(&json!({})),
        )?;
        request(
            self.port,
            "POST",
            &format!("{path}/value"),
            Some(&json!({ "text": text })),
        )
        .map(|_| ())
    }

    /// The DOM text (`textContent`) of the first element matching the selector, if one is in
    /// the page now, whether or not WebDriver deems it visible.
    pub fn content_of(&self, selector: &str) -> Result<Option<String>> {
        let Some(element) = self.find(selector) else {
            return Ok(None);
        };
        let text = request(
            self.port,
            "GET",
            &format!(
                "/session/{}/element/{element}/property/textContent",
                self.id
            ),
            None,
        )?;
        Ok(Some(text["value"].as_str().unwrap_or_default().to_owned()))
    }

    /// Whether an element matching the selector is in the page now and displayed.
    pub fn shows(&self, selector: &str) -> Result<bool> {
        let Some(element) = self.find(selector) else {
            return Ok(false);
        };
        let shown = request(
            self.port,
            "GET",
            &format!("/session/{}/element/{element}/displayed", self.id),
            None,
        )?;
        Ok(shown["value"].as_bool().unwrap_or(false))
    }

    /// Ends the session (the app's window closes).
    pub fn close(self) -> Result<()> {
        request(self.port, "DELETE", &format!("/session/{}", self.id), None).map(|_| ())
    }
}

/// Waits until tauri-driver and the WebKitWebDriver behind it answer `GET /status`.
pub fn wait_ready(port: u16, within: Duration) -> Result<()> {
    let started = std::time::Instant::now();
    loop {
        match request(port, "GET", "/status", None) {
            Ok(_) => return Ok(()),
            Err(err) if started.elapsed() > within => {
                return Err(err.context(format!("the WebDriver was not ready within {within:?}")));
            }
            Err(_) => crate::bench_desktop::pause(Duration::from_millis(20)),
        }
    }
}

/// One request; a WebDriver error answer (status ≥ 400) is an error.
fn request(port: u16, method: &str, path: &str, body: Option<&Value>) -> Result<Value> {
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut stream = TcpStream::connect(("127.0.0.1", port))
        .with_context(|| format!("cannot reach tauri-driver on port {port}"))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .with_context(|| format!("{method} {path}: no answer"))?;
    let (head, body) = response
        .split_once("\r\n\r\n")
        .context("not an HTTP answer")?;
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .context("no status code")?;
    let value: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    if status >= 400 {
        bail!("{method} {path}: {status} {value}");
    }
    Ok(value)
}
