//! Just enough WebDriver for the desktop bench: a session on an app through tauri-driver
//! (which starts the app), finding an element, and closing the session. Plain HTTP/1.0 over a
//! loopback socket, as the bench's other requests: xtask takes no HTTP client crate for this.

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
    stream.read_to_string(&mut response)?;
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
