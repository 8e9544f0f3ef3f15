//! Serving one accepted TCP connection over HTTP/1.1 or HTTP/2, with
//! graceful shutdown and the drop fault.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use hyper::service::service_fn;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use tokio::net::TcpStream;
use tokio::sync::{watch, Notify};

use crate::errors::injected_failure;
use crate::router::{self, Reply};
use crate::state::State;

/// Serves `stream` until the client closes it, a drop fault closes it, or
/// `shutdown` changes. On shutdown, requests in flight finish first.
pub(crate) async fn serve(
    stream: TcpStream,
    peer: SocketAddr,
    state: Arc<State>,
    mut shutdown: watch::Receiver<bool>,
) {
    // A drop fault wakes `drop_requested`, and this task then drops the
    // connection, which closes the socket without writing a response.
    let drop_requested = Arc::new(Notify::new());

    // Dropped when this task ends. A request that asked for a drop waits on
    // it, because HTTP/2 runs each request as its own task, which must not
    // outlive the connection.
    let (_connection_open, connection_closed) = watch::channel(());

    let service = {
        let drop_requested = drop_requested.clone();
        service_fn(move |request| {
            let state = state.clone();
            let drop_requested = drop_requested.clone();
            let mut connection_closed = connection_closed.clone();

            async move {
                match router::handle(&state, request).await {
                    Reply::Respond(response) => Ok::<_, Infallible>(response),
                    Reply::Drop => {
                        drop_requested.notify_one();
                        while connection_closed.changed().await.is_ok() {}

                        // The client never receives this response, because the socket is closed.
                        Ok(injected_failure(http::StatusCode::INTERNAL_SERVER_ERROR))
                    }
                }
            }
        })
    };

    let builder = auto::Builder::new(TokioExecutor::new());
    let connection = builder.serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);

    tokio::select! {
        result = connection.as_mut() => {
            if let Err(error) = result {
                tracing::debug!(%peer, %error, "connection ended with an error");
            }
            return;
        }
        () = drop_requested.notified() => {
            tracing::debug!(%peer, "connection closed without a response by drop_next");
            return;
        }
        _ = shutdown.changed() => {}
    }

    connection.as_mut().graceful_shutdown();
    tokio::select! {
        result = connection.as_mut() => {
            if let Err(error) = result {
                tracing::debug!(%peer, %error, "connection ended with an error during shutdown");
            }
        }
        () = drop_requested.notified() => {
            tracing::debug!(%peer, "connection closed without a response by drop_next");
        }
    }
}
