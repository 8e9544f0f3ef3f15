//! The OAuth layer: sets `Authorization: Bearer` on requests for the API
//! authority, and on a 401 replaces the token once and retries once.
//!
//! ```no_run
//! use purecloud_layers::auth::{Credentials, OAuthLayer, TokenProvider, LoginService};
//! use purecloud_layers::environment::Environment;
//! use purecloud_layers::transport::{Transport, TransportConfig};
//! use tower::ServiceBuilder;
//!
//! # fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let environment = Environment::default();
//! let transport = Transport::new(TransportConfig::new())?;
//! let login = LoginService::new(transport.clone());
//! let provider = TokenProvider::new(
//!     Credentials::client_credentials("id", "secret"),
//!     environment.login_url("/oauth/token"),
//!     login,
//! );
//! let service = ServiceBuilder::new()
//!     .layer(OAuthLayer::new(provider, environment.api_authority().clone()))
//!     .service(transport);
//! # let _ = service;
//! # Ok(())
//! # }
//! ```

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::header::AUTHORIZATION;
use http::uri::Authority;
use http::{HeaderValue, Request, Response, StatusCode};
use tower::ServiceExt;
use tower_layer::Layer;
use tower_service::Service;

use super::provider::TokenProvider;
use super::token::Token;
use crate::body::Body;
use crate::error::BoxError;

/// Adds bearer tokens from a [`TokenProvider`] to API requests.
#[derive(Clone, Debug)]
pub struct OAuthLayer {
    provider: TokenProvider,
    api_authority: Authority,
}

impl OAuthLayer {
    /// Creates the layer. Tokens go only to relative URIs (resolved later
    /// against the API base) and to absolute URIs whose authority is
    /// `api_authority`.
    pub fn new(provider: TokenProvider, api_authority: Authority) -> Self {
        Self {
            provider,
            api_authority,
        }
    }
}

impl<S> Layer<S> for OAuthLayer {
    type Service = OAuth<S>;

    fn layer(&self, inner: S) -> OAuth<S> {
        OAuth {
            inner,
            provider: self.provider.clone(),
            api_authority: self.api_authority.clone(),
        }
    }
}

/// The OAuth service; see [`OAuthLayer`].
#[derive(Clone, Debug)]
pub struct OAuth<S> {
    inner: S,
    provider: TokenProvider,
    api_authority: Authority,
}

/// Returns true when a request to `uri` may carry the API token: a relative
/// URI, or an absolute one whose authority is the API authority.
pub fn is_api_target(uri: &http::Uri, api_authority: &Authority) -> bool {
    match uri.authority() {
        None => true,
        Some(authority) => authority == api_authority,
    }
}

impl<S> Service<Request<Body>> for OAuth<S>
where
    S: Service<Request<Body>, Response = Response<Body>, Error = BoxError> + Clone + Send + 'static,
    S::Future: Send + 'static,
{
    type Response = Response<Body>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Response<Body>, BoxError>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<Body>) -> Self::Future {
        // The future takes the service that poll_ready prepared and leaves a
        // clone in its place; it waits for readiness again before a retry.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);

        if !is_api_target(request.uri(), &self.api_authority) {
            request.headers_mut().remove(AUTHORIZATION);
            return Box::pin(inner.call(request));
        }

        let provider = self.provider.clone();

        Box::pin(async move {
            let token = provider.token().await?;
            let replay = request.clone();

            set_bearer(&mut request, &token);
            let response = inner.call(request).await?;

            if response.status() != StatusCode::UNAUTHORIZED || !provider.can_refresh() {
                return Ok(response);
            }

            tracing::debug!(
                "the API rejected the token with 401; requesting a new token and retrying once"
            );
            provider.invalidate(&token);
            let token = provider.token().await?;

            let mut request = replay;
            set_bearer(&mut request, &token);
            inner.ready().await?.call(request).await
        })
    }
}

fn set_bearer(request: &mut Request<Body>, token: &Arc<Token>) {
    let value = format!("Bearer {}", token.access_token.expose());

    match HeaderValue::from_str(&value) {
        Ok(mut value) => {
            value.set_sensitive(true);
            request.headers_mut().insert(AUTHORIZATION, value);
        }
        Err(_) => {
            // A token with bytes not allowed in a header cannot be sent.
            // The API then returns 401 to the caller.
            tracing::warn!("the access token contains characters not allowed in a header; sending the request without it");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_uri_is_api() {
        let authority: Authority = "api.mypurecloud.com".parse().unwrap();
        assert!(is_api_target(
            &"/api/v2/users/me".parse().unwrap(),
            &authority
        ));
    }

    #[test]
    fn same_authority_is_api() {
        let authority: Authority = "api.mypurecloud.com".parse().unwrap();
        let uri = "https://api.mypurecloud.com/api/v2/users".parse().unwrap();
        assert!(is_api_target(&uri, &authority));
    }

    #[test]
    fn other_host_is_not_api() {
        let authority: Authority = "api.mypurecloud.com".parse().unwrap();
        let uri = "https://example.com/api/v2/users".parse().unwrap();
        assert!(!is_api_target(&uri, &authority));
    }

    #[test]
    fn other_port_is_not_api() {
        let authority: Authority = "127.0.0.1:8080".parse().unwrap();
        let uri = "http://127.0.0.1:8081/api/v2/users".parse().unwrap();
        assert!(!is_api_target(&uri, &authority));
    }
}
