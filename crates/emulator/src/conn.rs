//! One accepted TCP connection, served by hyper, that a handler can reset on purpose. The
//! request carries a [`ConnHandle`]; `reset()` makes the connection task set SO_LINGER to zero
//! and drop the socket, so the client sees a connection reset, not a clean close.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use tower_service::Service;

/// Lets a handler ask for its connection to be reset.
#[derive(Clone, Debug)]
pub struct ConnHandle(Arc<Notify>);

impl ConnHandle {
    /// Asks the connection task to reset the connection now.
    pub fn reset(&self) {
        self.0.notify_one();
    }
}

/// Serves one connection until it closes, is reset on request, or the server shuts down.
pub async fn serve_connection(stream: TcpStream, router: Router, shutdown: CancellationToken) {
    let _ = stream.set_nodelay(true);
    // A second handle on the same socket, so SO_LINGER can be set after hyper owns the stream.
    let linger_handle = socket2::SockRef::from(&stream).try_clone().ok();
    let notify = Arc::new(Notify::new());
    let handle = ConnHandle(notify.clone());
    let service = hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
        req.extensions_mut().insert(handle.clone());
        let mut router = router.clone();
        async move { router.call(req).await }
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        () = notify.notified() => {
            if let Some(socket) = &linger_handle {
                let _ = socket.set_linger(Some(Duration::ZERO));
            }
        }
        () = shutdown.cancelled() => {}
    }
}
