//! Turns hyper-util client errors into the crate's typed transport errors,
//! and bounds the whole connect step (TCP, proxy tunnel, TLS) by one timeout.

use std::error::Error as StdError;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use http::Uri;
use tower_service::Service;

use super::proxy::TunnelError;
use crate::error::{
    target_of, BoxError, TimeoutError, TimeoutPhase, TransportError, TransportErrorKind,
};

/// Wraps a connector so that connecting, including the proxy tunnel and the
/// TLS handshake, fails with [`TimeoutError`] after `timeout`.
#[derive(Clone, Debug)]
pub struct ConnectTimeout<C> {
    inner: C,
    timeout: Duration,
}

impl<C> ConnectTimeout<C> {
    pub(crate) fn new(inner: C, timeout: Duration) -> Self {
        Self { inner, timeout }
    }
}

impl<C> Service<Uri> for ConnectTimeout<C>
where
    C: Service<Uri> + Clone + Send + 'static,
    C::Future: Send + 'static,
    C::Error: Into<BoxError>,
{
    type Response = C::Response;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<C::Response, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, destination: Uri) -> Self::Future {
        let timeout = self.timeout;
        let target = target_of(&destination);
        let connecting = self.inner.call(destination);

        Box::pin(async move {
            match tokio::time::timeout(timeout, connecting).await {
                Ok(result) => result.map_err(Into::into),
                Err(_) => Err(Box::new(TimeoutError {
                    phase: TimeoutPhase::Connect,
                    after: timeout,
                    target,
                }) as BoxError),
            }
        })
    }
}

/// Maps a hyper-util client error to a typed error by walking its sources.
pub(crate) fn classify(error: hyper_util::client::legacy::Error, target: &str) -> BoxError {
    let connect = error.is_connect();

    let mut source: Option<&(dyn StdError + 'static)> = error.source();
    while let Some(current) = source {
        if let Some(timeout) = current.downcast_ref::<TimeoutError>() {
            return Box::new(timeout.clone());
        }

        if let Some(tunnel) = current.downcast_ref::<TunnelError>() {
            let kind = match tunnel {
                TunnelError::ProxyAuthRequired => TransportErrorKind::ProxyAuthenticationRequired,
                TunnelError::ConnectFailed(_) => TransportErrorKind::Connect,
                _ => TransportErrorKind::Proxy,
            };
            return transport_error(kind, target, error);
        }

        source = current.source();
    }

    let kind = if connect {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Request
    };
    transport_error(kind, target, error)
}

fn transport_error(
    kind: TransportErrorKind,
    target: &str,
    error: hyper_util::client::legacy::Error,
) -> BoxError {
    Box::new(TransportError {
        kind,
        target: target.to_owned(),
        source: Some(Box::new(error)),
    })
}
