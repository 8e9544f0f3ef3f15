//! Request and response extensions that carry call metadata through the stack.

/// The Platform API operation a request belongs to.
///
/// The generic `call` puts this into the request extensions; the tracing
/// layer names its span after [`Operation::id`] and records
/// [`Operation::path_template`] as `url.template`, so spans never carry
/// concrete ids from the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operation {
    /// The operation id from the API definition, such as `getUsersMe`.
    pub id: &'static str,
    /// The path template, such as `/api/v2/users/{userId}`.
    pub path_template: &'static str,
}

/// The number of attempts the retry layer made, stored in response
/// extensions. A response that passed no retry layer has no such extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attempts(pub u32);

/// The response header that carries the Genesys Cloud correlation id.
pub const CORRELATION_ID_HEADER: &str = "inin-correlation-id";

/// Returns the `inin-correlation-id` of a response, if present and valid text.
pub fn correlation_id(headers: &http::HeaderMap) -> Option<&str> {
    headers
        .get(CORRELATION_ID_HEADER)
        .and_then(|value| value.to_str().ok())
}
