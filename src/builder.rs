//! `ClientBuilder`: assembles the default layer stack.
//!
//! The order, outermost first: the user's layers, tracing, retry, OAuth,
//! region routing, then the hyper transport. Token requests go to the login
//! host through their own tracing and retry layers over the same transport,
//! so they share its connection pool and proxy.

use std::time::Duration;

use http::{Request, Response};
use purecloud_layers::auth::{Credentials, LoginService, OAuthLayer, TokenProvider, TokenSettings};
use purecloud_layers::environment::{Environment, Gateway};
use purecloud_layers::error::ConfigError;
use purecloud_layers::region::Region;
use purecloud_layers::retry::{RetryConfig, RetryLayer};
use purecloud_layers::routing::RoutingLayer;
use purecloud_layers::time::{default_clock, SharedClock};
use purecloud_layers::trace::TraceLayer;
use purecloud_layers::transport::{ProxyConfig, Transport, TransportConfig};
use purecloud_layers::{Body, BoxError};
use tower::{Layer, Service, ServiceBuilder};

use crate::client::{Client, HttpService};
use crate::error::Error;

type AddLayer = Box<dyn FnOnce(HttpService) -> HttpService + Send>;

/// Builds a [`Client`] with the default stack.
///
/// ```no_run
/// use purecloud::auth::Credentials;
/// use purecloud::region::Region;
///
/// # fn demo() -> Result<(), purecloud::Error> {
/// let client = purecloud::Client::builder()
///     .region(Region::EuWest1)
///     .credentials(Credentials::client_credentials("client-id", "client-secret"))
///     .build()?;
/// # let _ = client;
/// # Ok(())
/// # }
/// ```
pub struct ClientBuilder {
    environment: Result<Environment, ConfigError>,
    credentials: Option<Credentials>,
    transport: TransportConfig,
    retry: RetryConfig,
    log_bodies: bool,
    clock: SharedClock,
    token: TokenSettings,
    layers: Vec<AddLayer>,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("environment", &self.environment)
            .field("credentials", &self.credentials)
            .field("transport", &self.transport)
            .field("retry", &self.retry)
            .field("log_bodies", &self.log_bodies)
            .field("layers", &self.layers.len())
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Starts with us-east-1 (`api.mypurecloud.com`), the default region of
    /// the official SDKs, default transport and retry settings, and no
    /// credentials.
    pub fn new() -> Self {
        Self {
            environment: Ok(Environment::default()),
            credentials: None,
            transport: TransportConfig::default(),
            retry: RetryConfig::default(),
            log_bodies: false,
            clock: default_clock(),
            token: TokenSettings::default(),
            layers: Vec::new(),
        }
    }

    /// Sends requests to a region's API and login hosts.
    pub fn region(mut self, region: Region) -> Self {
        self.environment = Ok(Environment::region(region));
        self
    }

    /// Sends requests to the region or domain named by `value`, such as
    /// `eu-west-1` or `mypurecloud.ie`. An invalid value fails [`build`].
    ///
    /// [`build`]: ClientBuilder::build
    pub fn region_or_domain(mut self, value: &str) -> Self {
        self.environment = Environment::parse(value);
        self
    }

    /// Sends requests through a gateway. An invalid gateway fails
    /// [`build`](ClientBuilder::build).
    pub fn gateway(mut self, gateway: Gateway) -> Self {
        self.environment = Environment::gateway(gateway);
        self
    }

    /// Sends requests over plain HTTP to a local server at `address`, such
    /// as `purecloud-sandbox`, with no proxy: the gateway
    /// `http://<address>` for login and API, and `ProxyConfig::disabled()`.
    /// Keeps other transport settings; a later [`transport`] call replaces
    /// the proxy setting too.
    ///
    /// [`transport`]: ClientBuilder::transport
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// let sandbox = purecloud_sandbox::Sandbox::start().await?;
    /// let client = purecloud::Client::builder()
    ///     .local(sandbox.addr())
    ///     .credentials(purecloud::auth::Credentials::client_credentials(
    ///         purecloud_sandbox::CLIENT_ID,
    ///         purecloud_sandbox::CLIENT_SECRET,
    ///     ))
    ///     .build()?;
    /// # let _ = client;
    /// # Ok(())
    /// # }
    /// ```
    pub fn local(mut self, address: std::net::SocketAddr) -> Self {
        let gateway = Gateway::new(address.ip().to_string())
            .scheme(http::uri::Scheme::HTTP)
            .port(address.port());

        self.environment = Environment::gateway(gateway);
        self.transport = self.transport.proxy(ProxyConfig::disabled());
        self
    }

    /// Sets the environment directly.
    pub fn environment(mut self, environment: Environment) -> Self {
        self.environment = Ok(environment);
        self
    }

    /// Sets how the client authenticates. Required.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Sets timeouts, proxy and TLS.
    pub fn transport(mut self, transport: TransportConfig) -> Self {
        self.transport = transport;
        self
    }

    /// Sets the retry policy, used for API calls and token requests.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Records request and response bodies in debug events, with credential
    /// fields masked. Off by default.
    pub fn log_bodies(mut self, enabled: bool) -> Self {
        self.log_bodies = enabled;
        self
    }

    /// Sets the clock for retry waits and token expiry, so tests need not
    /// wait (see `purecloud_layers::time::RecordingClock`).
    pub fn clock(mut self, clock: SharedClock) -> Self {
        self.token.clock = clock.clone();
        self.clock = clock;
        self
    }

    /// Sets how long before expiry tokens are refreshed and the upper bound
    /// of the random time added to that margin (defaults: 60 s and 30 s).
    pub fn refresh_margin(mut self, margin: Duration, jitter: Duration) -> Self {
        self.token.refresh_margin = margin;
        self.token.refresh_jitter = jitter;
        self
    }

    /// Sets how long a call waits for a token request (default 60 s).
    pub fn token_wait(mut self, wait: Duration) -> Self {
        self.token.token_wait = wait;
        self
    }

    /// Adds a layer outside the default stack: it sees each request before
    /// tracing and retry, with a relative URI and the operation extension.
    /// Layers added later wrap layers added earlier.
    pub fn layer<L>(mut self, layer: L) -> Self
    where
        L: Layer<HttpService> + Send + 'static,
        L::Service: Service<Request<Body>, Response = Response<Body>, Error = BoxError>
            + Clone
            + Send
            + Sync
            + 'static,
        <L::Service as Service<Request<Body>>>::Future: Send + 'static,
    {
        self.layers.push(Box::new(move |service| {
            HttpService::new(layer.layer(service))
        }));
        self
    }

    /// Builds the client. Fails when the environment, transport or
    /// credentials are missing or invalid; nothing is sent yet.
    pub fn build(self) -> Result<Client, Error> {
        let environment = self.environment?;
        let credentials = self.credentials.ok_or_else(|| {
            ConfigError::new(
                "credentials",
                "(none)",
                "no credentials set; call .credentials(Credentials::client_credentials(id, secret)) or another grant",
            )
        })?;

        let transport = Transport::new(self.transport)?;
        let retry = RetryLayer::new(self.retry).clock(self.clock.clone());
        let api_trace = TraceLayer::new()
            .log_bodies(self.log_bodies)
            .server_address(environment.api_base().host());
        let login_trace = TraceLayer::new()
            .log_bodies(self.log_bodies)
            .server_address(environment.login_base().host());

        let login = LoginService::new(
            ServiceBuilder::new()
                .layer(login_trace)
                .layer(retry.clone())
                .service(transport.clone()),
        );

        let provider = TokenProvider::with_settings(
            credentials,
            environment.login_url("/oauth/token"),
            login,
            self.token,
        );

        let api = ServiceBuilder::new()
            .layer(api_trace)
            .layer(retry)
            .layer(OAuthLayer::new(
                provider,
                environment.api_authority().clone(),
            ))
            .layer(RoutingLayer::new(&environment))
            .service(transport);

        let mut service = HttpService::new(api);
        for add_layer in self.layers {
            service = add_layer(service);
        }

        Ok(Client::from_service(service))
    }
}
