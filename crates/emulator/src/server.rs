//! Starting and stopping: [`serve`] (listener + shutdown future, mini-redis style) and
//! [`Emulator`] (in-process on 127.0.0.1:0 with a handle). Every connection task is tracked and
//! ended at shutdown; with `--state` the state is saved every half second after writes, and at
//! shutdown.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::config::Config;
use crate::conn;
use crate::control::Control;
use crate::router;
use crate::seed;
use crate::state::{App, Shared};
use crate::store::State as Store;

/// How often a dirty state is written to the state file.
const SAVE_EVERY: Duration = Duration::from_millis(500);

/// Serves the emulator on `listener` until `shutdown` completes.
pub async fn serve(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let app = boot(config).map_err(std::io::Error::other)?;
    run(listener, app, shutdown).await
}

/// A running emulator on a loopback port.
#[derive(Debug)]
pub struct Emulator {
    addr: SocketAddr,
    control: Control,
    stop: CancellationToken,
    task: JoinHandle<std::io::Result<()>>,
}

impl Emulator {
    /// Binds 127.0.0.1:0 and starts serving in the background.
    pub async fn start(config: Config) -> std::io::Result<Emulator> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let app = boot(config).map_err(std::io::Error::other)?;
        let control = Control::new(app.clone());
        let stop = CancellationToken::new();
        let stopped = stop.clone();
        let task = tokio::spawn(async move { run(listener, app, stopped.cancelled_owned()).await });
        Ok(Emulator {
            addr,
            control,
            stop,
            task,
        })
    }

    /// `http://127.0.0.1:PORT`: the API, the authorization page and the control API.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The in-process control handle.
    pub fn control(&self) -> Control {
        self.control.clone()
    }

    /// Stops accepting, ends open connections, saves the state file if any.
    pub async fn shutdown(self) {
        self.stop.cancel();
        let _ = self.task.await;
    }
}

/// The shared state a server starts with: `config.state_file` if it exists, otherwise the seed
/// data.
fn boot(config: Config) -> crate::error::Result<App> {
    let store = match &config.state_file {
        Some(path) if path.exists() => Store::load(path)?,
        _ => seed::generate(config.seed, config.scale, config.anchor_date),
    };
    Ok(Shared::new(config, store))
}

async fn run(
    listener: TcpListener,
    app: App,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let router = router::router(app.clone());
    let connections = TaskTracker::new();
    let stop = CancellationToken::new();
    let saver = tokio::spawn(save_loop(app.clone(), stop.clone()));
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    connections.spawn(conn::serve_connection(stream, router.clone(), stop.clone()));
                }
                Err(error) => {
                    // Out of file descriptors and the like: wait a little instead of spinning.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            () = &mut shutdown => break,
        }
    }
    stop.cancel();
    connections.close();
    let _ = tokio::time::timeout(Duration::from_secs(5), connections.wait()).await;
    let _ = saver.await;
    save_now(&app);
    Ok(())
}

async fn save_loop(app: App, stop: CancellationToken) {
    if app.config.state_file.is_none() {
        return;
    }
    loop {
        tokio::select! {
            () = tokio::time::sleep(SAVE_EVERY) => save_now(&app),
            () = stop.cancelled() => return,
        }
    }
}

fn save_now(app: &Shared) {
    let Some(path) = &app.config.state_file else {
        return;
    };
    if !app.dirty.swap(false, Ordering::Relaxed) {
        return;
    }
    let snapshot = app.state().clone();
    if let Err(error) = snapshot.save(path) {
        tracing::warn!(%error, path = %path.display(), "could not save the state file");
        app.dirty.store(true, Ordering::Relaxed);
    }
}
