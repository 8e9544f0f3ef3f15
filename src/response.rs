//! A decoded output together with the response metadata.

use http::{HeaderMap, StatusCode};

/// The output of a call with its status, headers and correlation id, as
/// returned by [`crate::Client::call_with_response`].
#[derive(Debug, Clone)]
pub struct ApiResponse<T> {
    /// The decoded body.
    pub output: T,
    /// The HTTP status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The `inin-correlation-id` header, for support requests.
    pub correlation_id: Option<String>,
}
