//! Waiting for the browser on a loopback redirect URI (`http://127.0.0.1:PORT/…`): the one request
//! it makes carries `code` and `state`; its target is handed to the client like a pasted address.

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;

use crate::error::{Error, Result};

/// The port to listen on, when the redirect URI is plain HTTP on a loopback host.
pub fn loopback_port(redirect_uri: &str) -> Option<u16> {
    let rest = redirect_uri.strip_prefix("http://")?;
    let authority = rest.split('/').next()?;
    let (host, port) = authority.rsplit_once(':')?;
    matches!(host, "127.0.0.1" | "localhost" | "[::1]").then_some(())?;
    port.parse().ok()
}

/// Listens on the port, answers the first request, and returns its full address.
pub async fn wait_for_redirect(port: u16) -> Result<String> {
    let io = |e: std::io::Error| Error::Usage {
        arg: "FRESHBOOKS_REDIRECT_URI",
        problem: format!(
            "cannot listen on 127.0.0.1:{port} ({e}); free the port or paste the address instead"
        ),
    };
    let listener = TcpListener::bind(("127.0.0.1", port)).await.map_err(io)?;
    loop {
        let (stream, _) = listener.accept().await.map_err(io)?;
        let (read, mut write) = stream.into_split();
        let mut line = String::new();
        BufReader::new(read)
            .read_line(&mut line)
            .await
            .map_err(io)?;
        // "GET /callback?code=…&state=… HTTP/1.1"
        let Some(target) = line.split_whitespace().nth(1).filter(|t| t.contains('?')) else {
            let _ = write
                .write_all(
                    b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                )
                .await;
            continue;
        };
        let body = "Ledgerline received the sign-in. You can close this window.";
        let answer = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        let _ = write.write_all(answer.as_bytes()).await;
        return Ok(format!("http://127.0.0.1:{port}{target}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_http_loopback_addresses_are_listened_on() {
        assert_eq!(loopback_port("http://127.0.0.1:8765/cb"), Some(8765));
        assert_eq!(loopback_port("http://localhost:9000/"), Some(9000));
        assert_eq!(loopback_port("https://127.0.0.1:8765/cb"), None);
        assert_eq!(loopback_port("https://localhost/oauth/callback"), None);
        assert_eq!(loopback_port("http://example.com:80/cb"), None);
    }
}
