//! The [`Sandbox`] handle: binding, the accept loop and shutdown.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

use crate::config::SandboxConfig;
use crate::connection;
use crate::controls::Controls;
use crate::state::State;

/// How long shutdown waits for requests in flight before closing their
/// connections.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

/// Pause after a failed `accept`, so that running out of file descriptors
/// does not turn into a busy loop.
const ACCEPT_RETRY_PAUSE: Duration = Duration::from_millis(50);

/// A running sandbox server on `127.0.0.1`.
///
/// It stops on [`shutdown`](Sandbox::shutdown), which waits until every
/// connection task has ended, or when dropped, which only signals the tasks
/// to stop.
///
/// ```no_run
/// # async fn run() -> std::io::Result<()> {
/// let sandbox = purecloud_sandbox::Sandbox::start().await?;
/// let token_url = format!("{}/oauth/token", sandbox.base_url());
/// # let _ = token_url;
/// sandbox.shutdown().await;
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    controls: Controls,
    shutdown: watch::Sender<bool>,
    accept_task: Option<JoinHandle<()>>,
}

impl Sandbox {
    /// Starts a sandbox with [`SandboxConfig::default`] on `127.0.0.1` and an
    /// ephemeral port.
    ///
    /// # Errors
    ///
    /// Returns the error of binding the listening socket.
    pub async fn start() -> io::Result<Sandbox> {
        Self::start_with(SandboxConfig::default()).await
    }

    /// Starts a sandbox with `config` on `127.0.0.1` and an ephemeral port.
    /// It must be called within a Tokio runtime, which runs the server's
    /// tasks.
    ///
    /// # Errors
    ///
    /// Returns the error of binding the listening socket.
    pub async fn start_with(config: SandboxConfig) -> io::Result<Sandbox> {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;

        let state = Arc::new(State::new(&config));
        let (shutdown, shutdown_changed) = watch::channel(false);
        let accept_task = tokio::spawn(accept_loop(listener, state.clone(), shutdown_changed));

        tracing::info!(%addr, "sandbox started");
        Ok(Sandbox {
            addr,
            controls: Controls::new(state),
            shutdown,
            accept_task: Some(accept_task),
        })
    }

    /// Returns the address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Returns `http://127.0.0.1:PORT`, the base of both the login and the
    /// API paths. Configured prefixes are not included.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Returns the fault controls and counters of this sandbox.
    pub fn controls(&self) -> &Controls {
        &self.controls
    }

    /// Stops accepting connections, lets requests in flight finish for up
    /// to two seconds, then closes every connection and waits for all tasks
    /// to end.
    pub async fn shutdown(mut self) {
        self.shutdown.send_replace(true);

        if let Some(task) = self.accept_task.take() {
            if let Err(error) = task.await {
                tracing::error!(%error, "sandbox accept task failed");
            }
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.shutdown.send_replace(true);
    }
}

async fn accept_loop(
    listener: TcpListener,
    state: Arc<State>,
    mut shutdown_changed: watch::Receiver<bool>,
) {
    let connection_shutdown = shutdown_changed.clone();
    let mut connections = JoinSet::new();
    let mut accept_errors: u64 = 0;

    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, peer)) => {
                    if let Err(error) = stream.set_nodelay(true) {
                        tracing::debug!(%peer, %error, "setting TCP_NODELAY failed");
                    }
                    connections.spawn(connection::serve(
                        stream,
                        peer,
                        state.clone(),
                        connection_shutdown.clone(),
                    ));
                }
                Err(error) => {
                    accept_errors += 1;
                    if accept_errors.is_power_of_two() {
                        tracing::warn!(%error, count = accept_errors, "accepting a connection failed");
                    }
                    tokio::time::sleep(ACCEPT_RETRY_PAUSE).await;
                }
            },
            Some(ended) = connections.join_next(), if !connections.is_empty() => {
                if let Err(error) = ended {
                    tracing::error!(%error, "sandbox connection task failed");
                }
            }
            _ = shutdown_changed.changed() => break,
        }
    }

    drop(listener);

    let drained = tokio::time::timeout(SHUTDOWN_GRACE, async {
        while connections.join_next().await.is_some() {}
    })
    .await;
    if drained.is_err() {
        tracing::warn!(
            open = connections.len(),
            "closing connections still busy after the shutdown grace period"
        );
        connections.shutdown().await;
    }

    tracing::info!("sandbox stopped");
}
