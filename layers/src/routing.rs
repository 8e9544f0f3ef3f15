//! Region routing: resolves relative request URIs against the API base.
//!
//! ```
//! use http::Request;
//! use purecloud_layers::environment::Environment;
//! use purecloud_layers::region::Region;
//! use purecloud_layers::routing::RoutingLayer;
//! use purecloud_layers::{Body, BoxError};
//! use tower::{service_fn, ServiceBuilder, ServiceExt};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), BoxError> {
//! let service = ServiceBuilder::new()
//!     .layer(RoutingLayer::new(&Environment::region(Region::EuWest1)))
//!     .service(service_fn(|request: Request<Body>| async move {
//!         Ok::<_, BoxError>(request.uri().to_string())
//!     }));
//!
//! let request = Request::get("/api/v2/users/me?expand=presence").body(Body::empty())?;
//! let uri = service.oneshot(request).await?;
//! assert_eq!(uri, "https://api.mypurecloud.ie/api/v2/users/me?expand=presence");
//! # Ok(())
//! # }
//! ```
//!
//! A request whose URI is already absolute passes unchanged, so the OAuth
//! grants can send their token requests to the login host through the same
//! stack. The rewrite itself is [`resolve`].

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::{Request, Uri};
use pin_project_lite::pin_project;
use tower_layer::Layer;
use tower_service::Service;

use crate::environment::{BaseUri, Environment};
use crate::error::{BoxError, ConfigError};

/// Resolves `uri` against `base`.
///
/// An absolute URI (one with a scheme) is returned unchanged. A relative URI
/// whose path starts with `/` gets the base's scheme and authority, and the
/// base's path prefix goes in front of its path. The query is kept.
///
/// # Errors
///
/// Returns a [`ConfigError`] for the setting `request URI` when `uri` has an
/// authority but no scheme, or a path that does not start with `/` (such as
/// `*`).
pub fn resolve(base: &BaseUri, uri: &Uri) -> Result<Uri, ConfigError> {
    if uri.scheme().is_some() {
        return Ok(uri.clone());
    }

    if let Some(authority) = uri.authority() {
        return Err(ConfigError::new(
            "request URI",
            authority.as_str(),
            "has a host but no scheme; send a path such as /api/v2/users/me, or an absolute URI",
        ));
    }

    let path_and_query = uri.path_and_query().map_or("", |value| value.as_str());
    if !path_and_query.starts_with('/') {
        return Err(ConfigError::new(
            "request URI",
            uri.path(),
            "expected a path starting with '/', such as /api/v2/users/me",
        ));
    }

    base.url(path_and_query)
}

/// A layer that resolves relative request URIs against an API base, as the
/// [module documentation](self) shows.
#[derive(Clone, Debug)]
pub struct RoutingLayer {
    base: Arc<BaseUri>,
}

impl RoutingLayer {
    /// Creates a layer that routes to the environment's API base.
    pub fn new(environment: &Environment) -> Self {
        Self::with_base(environment.api_base().clone())
    }

    /// Creates a layer that routes to `base`, such as an environment's login
    /// base for a stack that only sends login requests.
    pub fn with_base(base: BaseUri) -> Self {
        Self {
            base: Arc::new(base),
        }
    }

    /// Returns the base that relative URIs are resolved against.
    pub fn base(&self) -> &BaseUri {
        &self.base
    }
}

impl<S> Layer<S> for RoutingLayer {
    type Service = Routing<S>;

    fn layer(&self, inner: S) -> Self::Service {
        Routing {
            inner,
            base: Arc::clone(&self.base),
        }
    }
}

/// A service that resolves relative request URIs before calling the inner
/// service; created by [`RoutingLayer`].
#[derive(Clone, Debug)]
pub struct Routing<S> {
    inner: S,
    base: Arc<BaseUri>,
}

impl<S> Routing<S> {
    /// Returns a reference to the inner service.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// Returns the inner service, consuming this one.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S, B> Service<Request<B>> for Routing<S>
where
    S: Service<Request<B>>,
    S::Error: Into<BoxError>,
{
    type Response = S::Response;
    type Error = BoxError;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, mut request: Request<B>) -> Self::Future {
        match resolve(&self.base, request.uri()) {
            Ok(uri) => {
                *request.uri_mut() = uri;
                ResponseFuture::Called {
                    future: self.inner.call(request),
                }
            }
            Err(error) => ResponseFuture::Rejected { error: Some(error) },
        }
    }
}

pin_project! {
    /// The response future of [`Routing`].
    #[project = ResponseFutureProjection]
    pub enum ResponseFuture<F> {
        /// The request was resolved and passed to the inner service.
        Called {
            #[pin]
            future: F,
        },
        /// The request URI could not be resolved, so the first poll returns
        /// the error.
        Rejected { error: Option<ConfigError> },
    }
}

impl<F, T, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<T, E>>,
    E: Into<BoxError>,
{
    type Output = Result<T, BoxError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project() {
            ResponseFutureProjection::Called { future } => future.poll(cx).map_err(Into::into),
            ResponseFutureProjection::Rejected { error } => {
                let error = error
                    .take()
                    .expect("ResponseFuture polled after completion");
                Poll::Ready(Err(error.into()))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::environment::Gateway;
    use crate::region::Region;
    use crate::Body;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tower::{service_fn, ServiceExt};

    fn us_east_1() -> BaseUri {
        Environment::region(Region::UsEast1).api_base().clone()
    }

    fn resolve_str(base: &BaseUri, uri: &str) -> Result<Uri, ConfigError> {
        resolve(base, &uri.parse::<Uri>().unwrap())
    }

    #[test]
    fn resolve_relative_with_query() {
        let uri = resolve_str(&us_east_1(), "/api/v2/users/me?expand=presence").unwrap();
        assert_eq!(
            uri,
            "https://api.mypurecloud.com/api/v2/users/me?expand=presence"
        );
    }

    #[test]
    fn resolve_absolute_passthrough() {
        let absolute = "http://127.0.0.1:8080/oauth/token?x=1";
        let uri = resolve_str(&us_east_1(), absolute).unwrap();
        assert_eq!(uri, absolute);
    }

    #[test]
    fn resolve_gateway_prefix() {
        let environment = Environment::gateway(
            Gateway::new("gw.example.com")
                .port(8443)
                .api_prefix("/genesys/api/"),
        )
        .unwrap();
        let uri = resolve_str(environment.api_base(), "/api/v2/users?pageSize=25").unwrap();
        assert_eq!(
            uri,
            "https://gw.example.com:8443/genesys/api/api/v2/users?pageSize=25"
        );
    }

    #[test]
    fn resolve_root_path() {
        let uri = resolve_str(&us_east_1(), "/").unwrap();
        assert_eq!(uri, "https://api.mypurecloud.com/");
    }

    #[test]
    fn resolve_rejects_authority_only() {
        let error = resolve_str(&us_east_1(), "api.mypurecloud.com:443").unwrap_err();
        assert_eq!(error.setting, "request URI");
        assert_eq!(error.value, "api.mypurecloud.com:443");
    }

    #[test]
    fn resolve_rejects_asterisk() {
        let error = resolve_str(&us_east_1(), "*").unwrap_err();
        assert_eq!(error.value, "*");
    }

    fn echo_uri() -> Routing<impl Service<Request<Body>, Response = String, Error = BoxError>> {
        RoutingLayer::new(&Environment::region(Region::EuWest1)).layer(service_fn(
            |request: Request<Body>| async move { Ok::<_, BoxError>(request.uri().to_string()) },
        ))
    }

    #[tokio::test]
    async fn layer_rewrites_relative() {
        let request = Request::get("/api/v2/users/me")
            .body(Body::empty())
            .unwrap();
        let uri = echo_uri().oneshot(request).await.unwrap();
        assert_eq!(uri, "https://api.mypurecloud.ie/api/v2/users/me");
    }

    #[tokio::test]
    async fn layer_keeps_absolute() {
        let request = Request::post("https://login.mypurecloud.ie/oauth/token")
            .body(Body::empty())
            .unwrap();
        let uri = echo_uri().oneshot(request).await.unwrap();
        assert_eq!(uri, "https://login.mypurecloud.ie/oauth/token");
    }

    #[tokio::test]
    async fn layer_returns_typed_error() {
        let request = Request::get("*").body(Body::empty()).unwrap();
        let error = echo_uri().oneshot(request).await.unwrap_err();
        let config_error = error.downcast_ref::<ConfigError>();
        assert_eq!(config_error.map(|error| error.setting), Some("request URI"));
    }

    #[tokio::test]
    async fn layer_skips_inner_on_error() {
        let calls = Arc::new(AtomicUsize::new(0));
        let counted = Arc::clone(&calls);
        let inner = service_fn(move |_: Request<Body>| {
            counted.fetch_add(1, Ordering::SeqCst);
            async { Ok::<(), BoxError>(()) }
        });
        let service = RoutingLayer::new(&Environment::default()).layer(inner);

        let request = Request::get("*").body(Body::empty()).unwrap();
        let result = service.oneshot(request).await;

        assert!(result.is_err());
        assert_eq!(calls.load(Ordering::SeqCst), 0);
    }
}
