//! The client: a cheap-to-clone handle on the layer stack that runs typed
//! calls.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use http::{Request, Response};
use purecloud_layers::{Body, BoxError};
use tower::util::BoxCloneSyncService;
use tower::{Service, ServiceExt};

use crate::call::{build_request, decode_response};
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::response::ApiResponse;

/// The type-erased layer stack a client sends requests through.
pub type HttpService = BoxCloneSyncService<Request<Body>, Response<Body>, BoxError>;

/// A Platform API client.
///
/// `Client` is `Clone + Send + Sync`; a clone shares the connection pool
/// and token cache, so clone it freely into tasks. Build one with
/// [`Client::builder`], or wrap a stack assembled by hand with
/// [`Client::from_service`].
#[derive(Clone)]
pub struct Client {
    service: HttpService,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").finish_non_exhaustive()
    }
}

impl Client {
    /// Starts a builder with the default stack.
    pub fn builder() -> crate::ClientBuilder {
        crate::ClientBuilder::new()
    }

    /// Wraps a layer stack assembled by hand. Requests reach it with
    /// relative URIs and an [`purecloud_layers::Operation`] extension, so
    /// the stack must contain a routing layer.
    pub fn from_service<S>(service: S) -> Self
    where
        S: Service<Request<Body>, Response = Response<Body>, Error = BoxError>
            + Clone
            + Send
            + Sync
            + 'static,
        S::Future: Send + 'static,
    {
        Self {
            service: BoxCloneSyncService::new(service),
        }
    }

    /// Sends a typed operation and decodes its output.
    ///
    /// ```no_run
    /// # async fn demo(client: purecloud::Client) -> Result<(), purecloud::Error> {
    /// use purecloud::api::authorization::GetAuthorizationPermissions;
    ///
    /// let permissions = client.call(GetAuthorizationPermissions::new().page_size(100)).await?;
    /// println!("{} permission domains", permissions.total.unwrap_or_default());
    /// # Ok(())
    /// # }
    /// ```
    pub async fn call<E: Endpoint>(&self, endpoint: E) -> Result<E::Output, Error> {
        Ok(self.call_with_response(endpoint).await?.output)
    }

    /// Sends a typed operation and returns its output with the status,
    /// headers and correlation id.
    pub async fn call_with_response<E: Endpoint>(
        &self,
        endpoint: E,
    ) -> Result<ApiResponse<E::Output>, Error> {
        let request = build_request(&endpoint)?;
        let response = self.send(request).await?;
        decode_response::<E>(response)
    }

    /// Sends a raw request through the stack. A relative URI is resolved
    /// against the API base; the bearer token is added only for the API
    /// host.
    pub async fn send(&self, request: Request<Body>) -> Result<Response<Body>, Error> {
        self.service
            .clone()
            .oneshot(request)
            .await
            .map_err(Error::from_layers)
    }
}

/// A client is a service for every endpoint type, so calls can be wrapped
/// in the user's own tower layers.
impl<E: Endpoint> Service<E> for Client {
    type Response = E::Output;
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<E::Output, Error>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        // Each call drives a clone of the stack to readiness itself.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, endpoint: E) -> Self::Future {
        let client = self.clone();
        Box::pin(async move { client.call(endpoint).await })
    }
}
