//! Retries of rate-limited and transiently failed calls.
//!
//! ```
//! use std::time::Duration;
//!
//! use http::{Request, Response};
//! use purecloud_layers::retry::{RetryConfig, RetryLayer};
//! use purecloud_layers::{Attempts, Body, BoxError};
//! use tower::{service_fn, ServiceBuilder, ServiceExt};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), BoxError> {
//! let config = RetryConfig::builder()
//!     .max_attempts(3)
//!     .base_delay(Duration::from_millis(50))
//!     .build()?;
//!
//! // Stands in for the transport at the bottom of the stack.
//! let transport = service_fn(|_request: Request<Body>| async {
//!     Ok::<_, BoxError>(Response::new(Body::from("{}")))
//! });
//!
//! let client = ServiceBuilder::new()
//!     .layer(RetryLayer::new(config))
//!     .service(transport);
//!
//! let request = Request::get("/api/v2/users/me").body(Body::empty())?;
//! let response = client.oneshot(request).await?;
//! assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(1)));
//! # Ok(())
//! # }
//! ```
//!
//! # What is retried
//!
//! - `429 Too Many Requests` for every method, because the server did not
//!   process the request. The wait is at least the `Retry-After` header
//!   (delta seconds or an HTTP date). When `Retry-After` requests more than
//!   [`RetryConfigBuilder::max_retry_after`] and attempts remain, the call
//!   fails at once with [`RateLimitedError`](crate::error::RateLimitedError).
//! - 502, 503 and 504 for idempotent methods only (GET, HEAD, OPTIONS, PUT,
//!   DELETE, TRACE). A `Retry-After` on them is honoured as well.
//! - [`TransportError`](crate::error::TransportError) and
//!   [`TimeoutError`](crate::error::TimeoutError) for idempotent methods, and
//!   for every method when the request cannot have been sent (connect and
//!   proxy failures, connect timeouts). A write that the server may have
//!   processed is never sent again.
//!
//! Everything else, including 500, is returned at once. Without
//! `Retry-After`, waits follow exponential backoff with full jitter
//! ([`backoff_delay`]).
//!
//! # When retries end
//!
//! Retries stop at the max attempts, when the next wait would pass the max
//! total retry time, or when the retry budget shared by the layer is spent.
//! The last response or error is then returned unchanged, so the caller
//! maps it to its own typed error. The final response carries
//! [`Attempts`](crate::Attempts) in its extensions.
//!
//! Every retry emits a `debug` event with the attempt, reason and delay,
//! and giving up on a retryable outcome emits a `warn` event. Neither
//! records headers nor bodies.
//!
//! All time reads and waits go through the layer's
//! [`Clock`](crate::time::Clock), set with [`RetryLayer::clock`].

mod backoff;
mod budget;
mod classify;
mod config;
mod layer;
mod policy;
mod retry_after;
mod service;

#[cfg(test)]
mod tests;

pub use backoff::backoff_delay;
pub use classify::{
    classify_error, classify_status, is_idempotent, RetryReason, IDEMPOTENT_METHODS,
    RATE_LIMITED_STATUS, UNAVAILABLE_STATUSES,
};
pub use config::{RetryConfig, RetryConfigBuilder};
pub use layer::RetryLayer;
pub use retry_after::{parse_retry_after, retry_after};
pub use service::Retry;
