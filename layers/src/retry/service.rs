//! The [`Retry`] service and the future that sequences its attempts.

use std::sync::Arc;
use std::task::{Context, Poll};

use futures_util::future::BoxFuture;
use http::{Request, Response};
use tower::{Service, ServiceExt};

use super::policy::{Decision, RetryPolicy};
use crate::error::BoxError;
use crate::operation::Attempts;
use crate::Body;

/// Retries failed calls to the inner service. [`RetryLayer`](super::RetryLayer)
/// builds it.
///
/// The final response carries [`Attempts`] in its extensions. When retries
/// end, the last response or error is returned unchanged, except for a 429
/// whose `Retry-After` exceeds the maximum, which becomes a
/// [`RateLimitedError`](crate::error::RateLimitedError).
#[derive(Debug, Clone)]
pub struct Retry<S> {
    inner: S,
    policy: Arc<RetryPolicy>,
}

impl<S> Retry<S> {
    pub(crate) fn new(inner: S, policy: Arc<RetryPolicy>) -> Self {
        Self { inner, policy }
    }

    /// Returns the inner service.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// Returns the inner service, mutably.
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.inner
    }

    /// Returns the inner service, consuming the wrapper.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S> Service<Request<Body>> for Retry<S>
where
    S: Service<Request<Body>, Response = Response<Body>, Error = BoxError> + Clone + Send + 'static,
    S::Future: Send,
{
    type Response = Response<Body>;
    type Error = BoxError;
    type Future = BoxFuture<'static, Result<Response<Body>, BoxError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        // Take the service that `poll_ready` readied and leave a clone in
        // its place, as tower expects.
        let clone = self.inner.clone();
        let ready = std::mem::replace(&mut self.inner, clone);

        Box::pin(run_attempts(ready, Arc::clone(&self.policy), request))
    }
}

/// Sends `request` until the policy returns an outcome. `inner` is ready for
/// the first attempt, and later attempts wait for it to become ready again.
async fn run_attempts<S>(
    mut inner: S,
    policy: Arc<RetryPolicy>,
    request: Request<Body>,
) -> Result<Response<Body>, BoxError>
where
    S: Service<Request<Body>, Response = Response<Body>, Error = BoxError>,
{
    let started = policy.start_call();
    let mut attempt = 1;
    let mut outcome = inner.call(clone_request(&request)).await;

    loop {
        match policy.decide(request.method(), &outcome, attempt, started) {
            Decision::Return => return with_attempts(outcome, attempt),
            Decision::Fail(error) => return Err(error),
            Decision::Retry(delay) => policy.clock.sleep(delay).await,
        }

        attempt += 1;
        outcome = match inner.ready().await {
            Ok(ready) => ready.call(clone_request(&request)).await,
            Err(error) => Err(error),
        };
    }
}

/// Copies a request for one attempt. The body is buffered, so the copy is
/// cheap and identical.
fn clone_request(request: &Request<Body>) -> Request<Body> {
    let mut copy = Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    *copy.extensions_mut() = request.extensions().clone();
    copy
}

fn with_attempts(
    outcome: Result<Response<Body>, BoxError>,
    attempts: u32,
) -> Result<Response<Body>, BoxError> {
    let mut response = outcome?;
    response.extensions_mut().insert(Attempts(attempts));
    Ok(response)
}
