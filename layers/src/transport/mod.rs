//! The hyper transport: hyper-util's pooled legacy client over hyper-rustls,
//! speaking HTTP/1.1 and HTTP/2 (by ALPN), with connect and request
//! timeouts, optional proxy tunnel and TLS settings.
//!
//! The transport is the innermost service of the stack. It needs absolute
//! URIs, so the routing layer sits in front of it.
//!
//! ```no_run
//! use purecloud_layers::transport::{Transport, TransportConfig};
//! use std::time::Duration;
//!
//! let transport = Transport::new(
//!     TransportConfig::new().request_timeout(Duration::from_secs(30)),
//! )?;
//! # let _ = transport;
//! # Ok::<(), purecloud_layers::error::ConfigError>(())
//! ```

mod errors;
mod proxy;
mod tls;

pub use proxy::{ProxyConfig, ProxyConnector};
pub use tls::{RootCertificates, TlsConfig};

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use http::{Request, Response};
use http_body_util::BodyExt;
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};
use tower_service::Service;

use crate::body::Body;
use crate::error::{
    target_of, BoxError, ConfigError, TimeoutError, TimeoutPhase, TransportError,
    TransportErrorKind,
};

/// Default time allowed to connect: TCP, proxy tunnel and TLS together.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Default time allowed for one exchange, from sending the request to the
/// end of the response body. Analytics queries can take tens of seconds, so
/// this is generous.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// Default time an idle pooled connection is kept.
pub const DEFAULT_POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// Transport settings. Every setting has a documented default.
#[derive(Clone, Debug)]
pub struct TransportConfig {
    connect_timeout: Duration,
    request_timeout: Duration,
    pool_idle_timeout: Duration,
    pool_max_idle_per_host: usize,
    proxy: ProxyConfig,
    tls: TlsConfig,
}

impl Default for TransportConfig {
    fn default() -> Self {
        Self {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            pool_idle_timeout: DEFAULT_POOL_IDLE_TIMEOUT,
            pool_max_idle_per_host: usize::MAX,
            proxy: ProxyConfig::from_env(),
            tls: TlsConfig::new(),
        }
    }
}

impl TransportConfig {
    /// Creates the default settings: 10 s connect timeout, 60 s request
    /// timeout, 90 s pool idle timeout, proxy from the environment, webpki
    /// roots.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the time allowed to connect (TCP, proxy tunnel and TLS).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets the time allowed for one exchange, including the response body.
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = timeout;
        self
    }

    /// Sets how long an idle pooled connection is kept.
    pub fn pool_idle_timeout(mut self, timeout: Duration) -> Self {
        self.pool_idle_timeout = timeout;
        self
    }

    /// Sets the maximum number of idle connections kept per host
    /// (default: unbounded).
    pub fn pool_max_idle_per_host(mut self, max: usize) -> Self {
        self.pool_max_idle_per_host = max;
        self
    }

    /// Sets the proxy (default: [`ProxyConfig::from_env`]).
    pub fn proxy(mut self, proxy: ProxyConfig) -> Self {
        self.proxy = proxy;
        self
    }

    /// Sets the TLS settings.
    pub fn tls(mut self, tls: TlsConfig) -> Self {
        self.tls = tls;
        self
    }
}

type HyperClient = Client<errors::ConnectTimeout<HttpsConnector<ProxyConnector>>, Body>;

/// The transport service: sends absolute-URI requests and buffers the
/// response body. Cloning shares the connection pool.
#[derive(Clone, Debug)]
pub struct Transport {
    client: HyperClient,
    request_timeout: Duration,
}

impl Transport {
    /// Builds the transport. Fails when a TLS or proxy setting is unusable.
    pub fn new(config: TransportConfig) -> Result<Self, ConfigError> {
        let tls = config.tls.build()?;

        let mut direct = HttpConnector::new();
        direct.enforce_http(false);
        direct.set_nodelay(true);
        direct.set_connect_timeout(Some(config.connect_timeout));

        let proxied = ProxyConnector::new(config.proxy.into_rules(), direct);

        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .enable_http2()
            .wrap_connector(proxied);

        let connector = errors::ConnectTimeout::new(https, config.connect_timeout);

        let client = Client::builder(TokioExecutor::new())
            .pool_idle_timeout(config.pool_idle_timeout)
            .pool_max_idle_per_host(config.pool_max_idle_per_host)
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .build(connector);

        Ok(Self {
            client,
            request_timeout: config.request_timeout,
        })
    }
}

impl Service<Request<Body>> for Transport {
    type Response = Response<Body>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Response<Body>, BoxError>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        // The legacy client queues requests in its pool and is always ready.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        let client = self.client.clone();
        let timeout = self.request_timeout;
        let target = target_of(request.uri());

        Box::pin(async move {
            let exchange = send(client, request, target.clone());

            match tokio::time::timeout(timeout, exchange).await {
                Ok(result) => result,
                Err(_) => Err(Box::new(TimeoutError {
                    phase: TimeoutPhase::Request,
                    after: timeout,
                    target,
                }) as BoxError),
            }
        })
    }
}

async fn send(
    client: HyperClient,
    request: Request<Body>,
    target: String,
) -> Result<Response<Body>, BoxError> {
    if request.uri().authority().is_none() {
        return Err(Box::new(ConfigError::new(
            "request URI",
            request.uri().path().to_owned(),
            "the transport needs an absolute URI; put the routing layer in front of it",
        )));
    }

    let response = client
        .request(request)
        .await
        .map_err(|error| errors::classify(error, &target))?;

    let (parts, incoming) = response.into_parts();
    let collected = incoming.collect().await.map_err(|error| {
        Box::new(TransportError {
            kind: TransportErrorKind::ResponseBody,
            target: target.clone(),
            source: Some(Box::new(error)),
        }) as BoxError
    })?;

    Ok(Response::from_parts(
        parts,
        Body::from(collected.to_bytes()),
    ))
}
