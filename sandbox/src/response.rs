//! Response builders shared by the handlers: JSON bodies and the
//! `inin-correlation-id` header.

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_TYPE};
use http::{Response, StatusCode};
use http_body_util::Full;

use crate::ids::random_uuid;

/// The response type of every handler.
pub(crate) type SandboxResponse = Response<Full<Bytes>>;

/// Header that carries the API's per-request correlation id.
pub(crate) const CORRELATION_ID: &str = "inin-correlation-id";

/// Builds a JSON response with a fresh correlation id.
pub(crate) fn json(status: StatusCode, body: &serde_json::Value) -> SandboxResponse {
    raw_json(status, body.to_string(), &random_uuid())
}

/// Builds a response with `body` sent as JSON unchanged, and `correlation_id`
/// in the `inin-correlation-id` header.
pub(crate) fn raw_json(
    status: StatusCode,
    body: impl Into<Bytes>,
    correlation_id: &str,
) -> SandboxResponse {
    let mut response = Response::new(Full::new(body.into()));
    *response.status_mut() = status;

    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Ok(value) = HeaderValue::from_str(correlation_id) {
        headers.insert(CORRELATION_ID, value);
    }

    response
}
