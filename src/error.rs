//! The SDK's error type: every way a call can fail, typed.

use std::collections::BTreeMap;

use http::{HeaderMap, StatusCode};
use purecloud_layers::auth::OAuthError;
use purecloud_layers::error::{
    BoxError, ConfigError, RateLimitedError, TimeoutError, TransportError,
};
use serde::Deserialize;

/// The error of a failed call. No variant's message or `Debug` output contains a
/// token, secret or full body.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The API returned a non-2xx status.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// A token request failed.
    #[error(transparent)]
    OAuth(OAuthError),
    /// The API returned 429 with a longer `Retry-After` than allowed.
    #[error(transparent)]
    RateLimited(RateLimitedError),
    /// The connection, proxy or TLS failed.
    #[error(transparent)]
    Transport(TransportError),
    /// A connect or request timeout elapsed.
    #[error(transparent)]
    Timeout(TimeoutError),
    /// A 2xx response body did not match the operation's output type.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// A paged listing would loop or leave the API host.
    #[error(transparent)]
    Paging(crate::paging::PagingError),
    /// A setting or request parameter was rejected before sending.
    #[error(transparent)]
    Config(ConfigError),
    /// An error from a layer the user added.
    #[error(transparent)]
    Other(BoxError),
}

impl Error {
    /// Returns the HTTP status for API errors.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(error) => Some(error.status),
            _ => None,
        }
    }

    /// Converts an error from the layer stack, recovering its typed form.
    pub fn from_layers(error: BoxError) -> Self {
        let error = match error.downcast::<OAuthError>() {
            Ok(error) => return Self::OAuth(*error),
            Err(error) => error,
        };
        let error = match error.downcast::<RateLimitedError>() {
            Ok(error) => return Self::RateLimited(*error),
            Err(error) => error,
        };
        let error = match error.downcast::<TransportError>() {
            Ok(error) => return Self::Transport(*error),
            Err(error) => error,
        };
        let error = match error.downcast::<TimeoutError>() {
            Ok(error) => return Self::Timeout(*error),
            Err(error) => error,
        };
        let error = match error.downcast::<ConfigError>() {
            Ok(error) => return Self::Config(*error),
            Err(error) => error,
        };
        match error.downcast::<Error>() {
            Ok(error) => *error,
            Err(error) => Self::Other(error),
        }
    }
}

impl From<ConfigError> for Error {
    fn from(error: ConfigError) -> Self {
        Self::Config(error)
    }
}

impl From<OAuthError> for Error {
    fn from(error: OAuthError) -> Self {
        Self::OAuth(error)
    }
}

/// A non-2xx response from the Platform API, with the fields of its error body.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The operation that failed, such as `getUsersMe`.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The API's error code, such as `bad.request` or `not.found`.
    pub code: Option<String>,
    /// The API's message, with `messageParams` placeholders as sent.
    pub message: Option<String>,
    /// Values for the placeholders in `message`.
    pub message_params: BTreeMap<String, String>,
    /// The API's context id, for support requests.
    pub context_id: Option<String>,
    /// The `inin-correlation-id` response header, for support requests.
    pub correlation_id: Option<String>,
    /// Further details from the error body (`details` and `errors`).
    pub details: Vec<serde_json::Value>,
    /// The `Retry-After` header in seconds, when the API sent one.
    pub retry_after: Option<u64>,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} failed with status {}",
            self.operation,
            self.status.as_u16()
        )?;

        if let Some(code) = &self.code {
            write!(f, " ({code})")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(correlation_id) = &self.correlation_id {
            write!(f, " [correlation id {correlation_id}]")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    message: Option<String>,
    code: Option<String>,
    #[serde(default)]
    message_params: BTreeMap<String, serde_json::Value>,
    context_id: Option<String>,
    #[serde(default)]
    details: Vec<serde_json::Value>,
    #[serde(default)]
    errors: Vec<serde_json::Value>,
}

impl ApiError {
    /// Builds the error from a non-2xx response. A body that is not the
    /// API's error shape leaves the body fields empty.
    pub fn from_response(
        operation: &'static str,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Self {
        let parsed: ErrorBody = serde_json::from_slice(body).unwrap_or_default();

        let message_params = parsed
            .message_params
            .into_iter()
            .map(|(key, value)| match value {
                serde_json::Value::String(text) => (key, text),
                other => (key, other.to_string()),
            })
            .collect();

        let mut details = parsed.details;
        details.extend(parsed.errors);

        let retry_after = headers
            .get(http::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse().ok());

        Self {
            operation,
            status,
            code: parsed.code,
            message: parsed.message,
            message_params,
            context_id: parsed.context_id,
            correlation_id: purecloud_layers::operation::correlation_id(headers).map(str::to_owned),
            details,
            retry_after,
        }
    }
}

/// A 2xx response body that did not decode into the output type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "failed to decode the {status} response of {operation} at {path}: {message}; body excerpt: {excerpt:?}"
)]
pub struct DecodeError {
    /// The operation, such as `getUsers`.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The JSON path of the failing field, such as `entities[3].state`,
    /// or `.` for the document itself.
    pub path: String,
    /// The serde error message.
    pub message: String,
    /// A bounded excerpt of the body near the failure, with credential
    /// fields masked.
    pub excerpt: String,
}
