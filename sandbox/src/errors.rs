//! Error bodies in the two shapes the real services send: the Platform
//! API's `ErrorBody` and the login service's OAuth error.

use http::header::{HeaderValue, ALLOW, RETRY_AFTER};
use http::StatusCode;
use serde_json::json;

use crate::ids::random_uuid;
use crate::response::{raw_json, SandboxResponse};

/// Builds an API error response. The body's `contextId` equals the
/// `inin-correlation-id` header, as on the real API.
pub(crate) fn api_error(status: StatusCode, code: &str, message: &str) -> SandboxResponse {
    let correlation_id = random_uuid();
    let body = json!({
        "message": message,
        "code": code,
        "status": status.as_u16(),
        "messageParams": {},
        "contextId": correlation_id,
        "details": [],
        "errors": [],
    });

    raw_json(status, body.to_string(), &correlation_id)
}

/// 401 for an API request without `Authorization: Bearer ...`.
pub(crate) fn authentication_required() -> SandboxResponse {
    api_error(
        StatusCode::UNAUTHORIZED,
        "authentication.required",
        "No authentication bearer token specified in authorization header.",
    )
}

/// 401 for an unknown or expired bearer token.
pub(crate) fn bad_credentials() -> SandboxResponse {
    api_error(
        StatusCode::UNAUTHORIZED,
        "bad.credentials",
        "Invalid login credentials.",
    )
}

/// 404 for a path the sandbox does not serve.
pub(crate) fn not_found(path: &str) -> SandboxResponse {
    api_error(
        StatusCode::NOT_FOUND,
        "not.found",
        &format!("The requested path {path} was not found."),
    )
}

/// 405 for a known path requested with another method.
pub(crate) fn method_not_allowed(method: &http::Method, allowed: &'static str) -> SandboxResponse {
    let mut response = api_error(
        StatusCode::METHOD_NOT_ALLOWED,
        "method.not.allowed",
        &format!("Method {method} is not allowed here. Use {allowed}."),
    );
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allowed));
    response
}

/// 400 `bad.request` with `message`.
pub(crate) fn bad_request(message: &str) -> SandboxResponse {
    api_error(StatusCode::BAD_REQUEST, "bad.request", message)
}

/// 429 with `Retry-After` in seconds.
pub(crate) fn too_many_requests(retry_after_secs: u64) -> SandboxResponse {
    let mut response = api_error(
        StatusCode::TOO_MANY_REQUESTS,
        "too.many.requests",
        &format!(
            "Rate limit exceeded the maximum. Retry the request in {retry_after_secs} seconds."
        ),
    );
    response
        .headers_mut()
        .insert(RETRY_AFTER, HeaderValue::from(retry_after_secs));
    response
}

/// Builds the response for an injected failure with `status`, with the
/// code and message the real API uses for the common gateway statuses.
pub(crate) fn injected_failure(status: StatusCode) -> SandboxResponse {
    let (code, message) = match status.as_u16() {
        500 => (
            "internal.server.error",
            "The server encountered an unexpected error.",
        ),
        502 => (
            "bad.gateway",
            "The gateway received an invalid response from the service.",
        ),
        503 => (
            "service.unavailable",
            "The service is currently unavailable.",
        ),
        504 => (
            "gateway.timeout",
            "The gateway timed out waiting for the service.",
        ),
        _ => (
            "sandbox.injected.failure",
            "The sandbox returned this status as requested by fail_next.",
        ),
    };
    api_error(status, code, message)
}

/// Builds an OAuth error response as the login service sends it: the
/// message in both `description` and `error_description`.
pub(crate) fn oauth_error(status: StatusCode, error: &str, description: &str) -> SandboxResponse {
    let body = json!({
        "error": error,
        "description": description,
        "error_description": description,
    });
    raw_json(status, body.to_string(), &random_uuid())
}

/// 401 `invalid_client` for missing or wrong client credentials.
pub(crate) fn invalid_client() -> SandboxResponse {
    oauth_error(
        StatusCode::UNAUTHORIZED,
        "invalid_client",
        "client not found",
    )
}

/// 400 `invalid_grant` for a bad code, verifier, assertion or refresh token.
pub(crate) fn invalid_grant(description: &str) -> SandboxResponse {
    oauth_error(StatusCode::BAD_REQUEST, "invalid_grant", description)
}

/// 400 `invalid_request` for a malformed or incomplete token request.
pub(crate) fn invalid_request(description: &str) -> SandboxResponse {
    oauth_error(StatusCode::BAD_REQUEST, "invalid_request", description)
}
