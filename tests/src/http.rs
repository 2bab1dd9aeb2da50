//! A plain HTTP/1.0 GET over loopback, enough to play the browser against the emulator and read
//! its control API (a full client would bring a second TLS crypto provider beside WebDriver's).

use std::time::Duration;

use anyhow::{Context as _, Result, bail};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use url::Url;

/// An answer: status, headers (names lowercased) and body.
#[derive(Debug, Clone)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The headers, names lowercased, in order.
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
}

impl Response {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// GETs an `http://` URL without following redirects. HTTP/1.0, so the server closes the
/// connection after the body and never chunks it.
pub async fn get(url: &str) -> Result<Response> {
    request("GET", url, &[], None).await
}

/// Sends one request (`method`, extra `headers`, an optional JSON `body`) to an `http://` URL
/// without following redirects, over HTTP/1.0 like [`get`].
pub async fn request(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Result<Response> {
    let url = Url::parse(url).with_context(|| format!("{url:?} is not a URL"))?;
    if url.scheme() != "http" {
        bail!("only http:// is played here, not {url}");
    }
    let host = url.host_str().context("a URL without a host")?;
    let port = url
        .port_or_known_default()
        .context("a URL without a port")?;
    let mut target = url.path().to_owned();
    if let Some(query) = url.query() {
        target.push('?');
        target.push_str(query);
    }
    let mut head = format!("{method} {target} HTTP/1.0\r\nHost: {host}:{port}\r\nAccept: */*\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if let Some(body) = body {
        head.push_str(&format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    head.push_str(body.unwrap_or_default());
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect((host, port)).await?;
        stream.write_all(head.as_bytes()).await?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await?;
        anyhow::Ok(raw)
    };
    let raw = tokio::time::timeout(Duration::from_secs(20), exchange)
        .await
        .with_context(|| format!("{method} {url} took over 20 s"))?
        .with_context(|| format!("{method} {url}"))?;
    parse(&raw).with_context(|| format!("the answer to {method} {url}"))
}

fn parse(raw: &[u8]) -> Result<Response> {
    let text = String::from_utf8_lossy(raw);
    let (head, body) = text
        .split_once("\r\n\r\n")
        .context("no end of the headers")?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().context("no status line")?;
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .with_context(|| format!("a status line without a code: {status_line:?}"))?;
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    Ok(Response {
        status,
        headers,
        body: body.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_headers_and_body_are_read() {
        let raw = b"HTTP/1.0 302 Found\r\nLocation: http://x/oauth/relay?code=1\r\ncontent-length: 2\r\n\r\nok";
        let response = parse(raw).unwrap();
        assert_eq!(response.status, 302);
        assert_eq!(
            response.header("location"),
            Some("http://x/oauth/relay?code=1")
        );
        assert_eq!(response.body, "ok");
    }
}
