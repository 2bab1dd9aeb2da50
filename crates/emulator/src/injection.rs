//! The layer in front of every API and OAuth route: counts the request under its route template
//! and method, adds the configured latency, and applies the fault the engine draws (HTTP answers,
//! hangs, resets, truncated bodies, commit-then-drop), refuses reads a [`crate::ReadDenial`]
//! covers, and answers 404 to reads of a resource a test hid. The control API is not behind it.

use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures::{StreamExt, stream};

use crate::conn::ConnHandle;
use crate::families::Family;
use crate::faults::FaultKind;
use crate::state::App;

/// How long a truncated body waits between its first half and the failure.
const TRUNCATE_PAUSE: Duration = Duration::from_millis(50);

/// Counts the request under its route template, adds latency, and applies any fault.
pub async fn count_and_inject(
    State(app): State<App>,
    matched: MatchedPath,
    req: Request,
    next: Next,
) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    *app.counters()
        .entry(format!("{method} {}", matched.as_str()))
        .or_insert(0) += 1;

    let latency = app.latency();
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let is_write = matches!(
        method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    if method == Method::GET && read_denied(&app, &path, req.headers()) {
        return Family::of_path(&path)
            .fail(crate::error::Error::Forbidden)
            .into_response();
    }
    if method == Method::GET && hidden(&app, &path, req.headers()) {
        // FreshBooks' "no such resource" in the family's shape (accounting's new shape with
        // errno 1012, the projects family's `{"error": …}`), with no record to name.
        return with_date(
            &app,
            Family::of_path(&path)
                .fail(crate::error::Error::not_found("resource", ""))
                .into_response(),
        );
    }
    let (fault, hang, retry_after) = {
        let mut engine = app.fault_engine();
        (
            engine.decide(&path, is_write, std::time::Instant::now()),
            engine.hang_duration(),
            engine.retry_after(),
        )
    };
    let conn = req.extensions().get::<ConnHandle>().cloned();
    let family = Family::of_path(&path);
    let res = match fault {
        None => next.run(req).await,
        Some(kind @ (FaultKind::RateLimit | FaultKind::ServerError | FaultKind::Unavailable)) => {
            with_date(&app, family.fault_response(kind, retry_after))
        }
        Some(FaultKind::Hang) => {
            tokio::time::sleep(hang).await;
            next.run(req).await
        }
        Some(FaultKind::Reset) => return reset(conn).await,
        Some(FaultKind::Truncate) => truncate(next.run(req).await).await,
        Some(FaultKind::DropAfterCommit) => {
            let res = next.run(req).await;
            if is_write {
                app.dirty.store(true, Ordering::Relaxed);
            }
            drop(res);
            return reset(conn).await;
        }
    };
    if is_write {
        app.dirty.store(true, Ordering::Relaxed);
    }
    with_date(&app, res)
}

/// Stamps the answer with the emulator's clock (`Date`, as every HTTP server sends it), which
/// is the clock its records' change instants come from; hyper adds its own only when none is set.
fn with_date(app: &App, mut res: Response) -> Response {
    let date = app.now().format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    if let Ok(value) = HeaderValue::from_str(&date) {
        res.headers_mut().insert(header::DATE, value);
    }
    res
}

/// Whether a read is refused by a [`crate::ReadDenial`]: only with a live token, so an expired
/// one still gets FreshBooks' 401 first.
fn read_denied(app: &App, path: &str, headers: &axum::http::HeaderMap) -> bool {
    let covered = app.read_denials().iter().any(|d| d.covers(path));
    covered && crate::bearer::authorize(app, headers).is_ok()
}

/// Whether a read is answered 404 by [`crate::Control::hide_resource`]: only with a live token,
/// as for a denial.
fn hidden(app: &App, path: &str, headers: &axum::http::HeaderMap) -> bool {
    let covered = app.hidden_resources().iter().any(|d| d.covers(path));
    covered && crate::bearer::authorize(app, headers).is_ok()
}

/// Resets the connection and never answers (the connection task drops this future).
async fn reset(conn: Option<ConnHandle>) -> Response {
    match conn {
        Some(conn) => {
            conn.reset();
            std::future::pending::<Response>().await
        }
        // Only reachable when the router is served without our accept loop.
        None => (StatusCode::BAD_GATEWAY, "connection reset requested").into_response(),
    }
}

/// Sends the headers (with the full Content-Length) and half the body, then fails the body so
/// the server closes the connection mid-message.
async fn truncate(res: Response) -> Response {
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => bytes,
        Err(_) => axum::body::Bytes::new(),
    };
    let full = bytes.len();
    let half = bytes.slice(..full / 2);
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(full));
    // The pause lets hyper flush the headers and the first half before the body fails.
    let first = stream::iter([Ok::<_, std::io::Error>(half)]);
    let failure = stream::once(async {
        tokio::time::sleep(TRUNCATE_PAUSE).await;
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "injected truncation",
        ))
    });
    Response::from_parts(parts, Body::from_stream(first.chain(failure)))
}
