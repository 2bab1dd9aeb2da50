//! The shared state every handler reaches (`App` = `Arc<Shared>`), the router, and the layer that
//! counts requests per endpoint and injects latency and faults.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use futures::{StreamExt, stream};

use crate::config::Config;
use crate::conn::ConnHandle;
use crate::error::Result;
use crate::families::Family;
use crate::faults::{FaultEngine, FaultKind};
use crate::store::State as Store;
use crate::{CONTROL_PREFIX, control, identity, oauth, resources, seed};

/// How long a truncated body waits between its first half and the failure.
const TRUNCATE_PAUSE: Duration = Duration::from_millis(50);

/// What every handler shares. Each mutex guards one independent thing and is held only for a
/// few statements, never across an `.await`.
#[derive(Debug)]
pub struct Shared {
    pub config: Config,
    pub state: Mutex<Store>,
    pub faults: Mutex<FaultEngine>,
    pub latency: Mutex<Duration>,
    pub counts: Mutex<BTreeMap<String, u64>>,
    pub legacy_errors_on_200: AtomicBool,
    /// Set by writes; the saver task writes the state file when it sees it.
    pub dirty: AtomicBool,
}

/// The handle handlers get.
pub type App = Arc<Shared>;

impl Shared {
    /// Loads `config.state_file` if it exists, otherwise generates the seed data.
    pub fn new(config: Config) -> Result<App> {
        let state = match &config.state_file {
            Some(path) if path.exists() => Store::load(path)?,
            _ => seed::generate(config.seed, config.scale, config.anchor_date),
        };
        let shared = Shared {
            faults: Mutex::new(FaultEngine::new(config.faults.clone())),
            latency: Mutex::new(config.latency),
            counts: Mutex::new(BTreeMap::new()),
            legacy_errors_on_200: AtomicBool::new(config.legacy_errors_on_200),
            dirty: AtomicBool::new(config.state_file.is_some()),
            state: Mutex::new(state),
            config,
        };
        Ok(Arc::new(shared))
    }

    /// The state, locked. A handler that panicked cannot leave the state half-written in a way
    /// that matters to an emulator, so a poisoned lock is taken over rather than propagated.
    pub fn state(&self) -> MutexGuard<'_, Store> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The fault engine, locked.
    pub fn fault_engine(&self) -> MutexGuard<'_, FaultEngine> {
        self.faults
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Request counters, locked.
    pub fn counters(&self) -> MutexGuard<'_, BTreeMap<String, u64>> {
        self.counts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Added latency in force.
    pub fn latency(&self) -> Duration {
        *self
            .latency
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Sets the added latency.
    pub fn set_latency(&self, latency: Duration) {
        *self
            .latency
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = latency;
    }

    /// Whether accounting validation errors go out with HTTP 200.
    pub fn legacy_on_200(&self) -> bool {
        self.legacy_errors_on_200.load(Ordering::Relaxed)
    }

    /// The emulator's clock.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// The whole HTTP surface: API families and OAuth (behind the counting/fault layer), then the
/// control API (never faulted or counted).
pub fn router(app: App) -> Router {
    let api = Router::new()
        .merge(oauth::routes())
        .merge(identity::routes())
        .merge(resources::accounting_routes())
        .merge(resources::business_routes())
        .route_layer(middleware::from_fn_with_state(
            app.clone(),
            count_and_inject,
        ));
    Router::new()
        .merge(api)
        .nest(CONTROL_PREFIX, control::routes())
        .fallback(|| async { StatusCode::NOT_FOUND })
        .with_state(app)
}

/// Counts the request under its route template, adds latency, and applies any fault.
async fn count_and_inject(
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
    let (fault, hang, retry_after) = {
        let mut engine = app.fault_engine();
        (
            engine.decide(&path, is_write),
            engine.hang_duration(),
            engine.retry_after(),
        )
    };
    let conn = req.extensions().get::<ConnHandle>().cloned();
    let family = Family::of_path(&path);
    let res = match fault {
        None => next.run(req).await,
        Some(kind @ (FaultKind::RateLimit | FaultKind::ServerError | FaultKind::Unavailable)) => {
            family.fault_response(kind, retry_after)
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
    res
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
