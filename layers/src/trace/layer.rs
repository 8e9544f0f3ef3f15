//! The tracing layer and service.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{ready, Context, Poll};

use http::header::CONTENT_TYPE;
use http::{HeaderMap, Request, Response};
use pin_project_lite::pin_project;
use tower_layer::Layer;
use tower_service::Service;
use tracing::field::Empty;
use tracing::instrument::Instrumented;
use tracing::{Instrument, Span};

use crate::error::{
    BoxError, ConfigError, RateLimitedError, TimeoutError, TransportError, TransportErrorKind,
};
use crate::operation::{correlation_id, Attempts, Operation};
use crate::trace::redact::redact;
use crate::Body;

/// A layer that opens one `purecloud.call` span per call, as the
/// [module documentation](crate::trace) describes.
#[derive(Clone, Debug, Default)]
pub struct TraceLayer {
    config: Arc<TraceConfig>,
}

#[derive(Clone, Debug, Default)]
struct TraceConfig {
    log_bodies: bool,
    server_address: Option<String>,
}

impl TraceLayer {
    /// Creates a layer that logs no bodies and takes `server.address` from
    /// absolute request URIs only.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets whether request and response bodies are logged as DEBUG events,
    /// redacted by [`redact`](crate::trace::redact()). Off by default.
    pub fn log_bodies(mut self, enabled: bool) -> Self {
        Arc::make_mut(&mut self.config).log_bodies = enabled;
        self
    }

    /// Sets the host recorded as `server.address` for relative request URIs.
    ///
    /// The tracing layer usually sits outside the routing layer, so it receives
    /// `/api/v2/...` before the host is added. Pass the API host, such as
    /// `environment.api_base().host()`.
    pub fn server_address(mut self, host: impl Into<String>) -> Self {
        Arc::make_mut(&mut self.config).server_address = Some(host.into());
        self
    }
}

impl<S> Layer<S> for TraceLayer {
    type Service = Trace<S>;

    fn layer(&self, inner: S) -> Self::Service {
        Trace {
            inner,
            config: Arc::clone(&self.config),
        }
    }
}

/// A service that traces each call to the inner service; created by
/// [`TraceLayer`].
#[derive(Clone, Debug)]
pub struct Trace<S> {
    inner: S,
    config: Arc<TraceConfig>,
}

impl<S> Trace<S> {
    /// Returns a reference to the inner service.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// Returns the inner service, consuming this one.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S> Service<Request<Body>> for Trace<S>
where
    S: Service<Request<Body>, Response = Response<Body>>,
    S::Error: Into<BoxError>,
{
    type Response = Response<Body>;
    type Error = BoxError;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        let span = call_span(&request, self.config.server_address.as_deref());

        let future = {
            let _entered = span.enter();
            if self.config.log_bodies {
                log_body("request body", request.headers(), request.body());
            }
            self.inner.call(request)
        };

        ResponseFuture {
            future: future.instrument(span.clone()),
            span,
            log_bodies: self.config.log_bodies,
        }
    }
}

pin_project! {
    /// The response future of [`Trace`].
    pub struct ResponseFuture<F> {
        #[pin]
        future: Instrumented<F>,
        span: Span,
        log_bodies: bool,
    }
}

impl<F, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<Response<Body>, E>>,
    E: Into<BoxError>,
{
    type Output = Result<Response<Body>, BoxError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let result = ready!(this.future.poll(cx)).map_err(Into::into);

        let _entered = this.span.enter();
        match &result {
            Ok(response) => record_response(this.span, response, *this.log_bodies),
            Err(error) => record_error(this.span, error.as_ref()),
        }
        Poll::Ready(result)
    }
}

/// Creates the span of one call, with the fields known from the request.
///
/// Without an [`Operation`] extension the span is named after the method
/// alone, as the OpenTelemetry HTTP conventions ask, and `url.template` stays
/// empty because the concrete path may contain ids.
fn call_span(request: &Request<Body>, default_server_address: Option<&str>) -> Span {
    let operation = request.extensions().get::<Operation>();
    let method = request.method().as_str();

    let span = tracing::debug_span!(
        "purecloud.call",
        otel.name = operation.map_or(method, |operation| operation.id),
        otel.kind = "client",
        purecloud.operation_id = Empty,
        http.request.method = method,
        url.template = Empty,
        server.address = Empty,
        http.response.status_code = Empty,
        inin.correlation_id = Empty,
        purecloud.attempts = Empty,
        error.type = Empty,
        otel.status_code = Empty,
    );

    if let Some(operation) = operation {
        span.record("purecloud.operation_id", operation.id);
        span.record("url.template", operation.path_template);
    }
    if let Some(host) = request.uri().host().or(default_server_address) {
        span.record("server.address", host);
    }
    span
}

fn record_response(span: &Span, response: &Response<Body>, log_bodies: bool) {
    let status = response.status();
    span.record("http.response.status_code", status.as_u16());
    if let Some(id) = correlation_id(response.headers()) {
        span.record("inin.correlation_id", id);
    }
    if let Some(Attempts(attempts)) = response.extensions().get::<Attempts>() {
        span.record("purecloud.attempts", attempts);
    }

    if status.is_client_error() || status.is_server_error() {
        span.record("error.type", status.as_str());
        span.record("otel.status_code", "ERROR");
        tracing::debug!(
            http.response.status_code = status.as_u16(),
            "call returned error status {status}"
        );
    }

    if log_bodies {
        log_body("response body", response.headers(), response.body());
    }
}

fn record_error(span: &Span, error: &(dyn std::error::Error + 'static)) {
    span.record("error.type", error_type(error));
    span.record("otel.status_code", "ERROR");
    tracing::debug!(error = %ErrorChain(error), "Platform API call failed");
}

/// Logs a non-empty body, redacted, as a DEBUG event. The redaction runs
/// only when a subscriber enables the event.
fn log_body(message: &'static str, headers: &HeaderMap, body: &Body) {
    if body.is_empty() {
        return;
    }
    let content_type = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok());
    tracing::debug!(body = %redact(content_type, body.as_bytes()), "{message}");
}

/// Returns a low-cardinality `error.type` for an error the inner service
/// returned, or `_OTHER` (the OpenTelemetry fallback) for an unknown type.
fn error_type(error: &(dyn std::error::Error + 'static)) -> &'static str {
    if let Some(error) = error.downcast_ref::<TransportError>() {
        return match error.kind {
            TransportErrorKind::Connect => "connection_failed",
            TransportErrorKind::ProxyAuthenticationRequired => "proxy_authentication_required",
            TransportErrorKind::Proxy => "proxy_failed",
            TransportErrorKind::Request => "request_failed",
            TransportErrorKind::ResponseBody => "response_body_failed",
        };
    }
    if error.is::<TimeoutError>() {
        return "timeout";
    }
    if error.is::<RateLimitedError>() {
        return "rate_limited";
    }
    if error.is::<ConfigError>() {
        return "invalid_configuration";
    }
    if error.is::<crate::auth::OAuthError>() {
        return "oauth_failed";
    }
    "_OTHER"
}

/// Displays an error followed by each of its sources, separated by `: `.
struct ErrorChain<'a>(&'a (dyn std::error::Error + 'static));

impl fmt::Display for ErrorChain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut source = self.0.source();
        while let Some(error) = source {
            write!(f, ": {error}")?;
            source = error.source();
        }
        Ok(())
    }
}
