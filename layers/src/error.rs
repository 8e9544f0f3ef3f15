//! Typed errors raised by the layers.
//!
//! Every service in this crate returns [`BoxError`], the error type tower's
//! own middleware uses, so the layers mix freely with tower and tower-http.
//! The boxed value is one of the types below (or `OAuthError` from the auth
//! module); callers downcast to inspect it. No message here contains a
//! credential, token or body.

use std::time::Duration;

/// The error type of every service in this crate.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A setting that was rejected while building a client or layer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid {setting} {value:?}: {reason}")]
pub struct ConfigError {
    /// The setting that was rejected, such as `region` or `gateway host`.
    pub setting: &'static str,
    /// The rejected value. Never a secret: secrets are not validated by value.
    pub value: String,
    /// What is wrong and what to do instead.
    pub reason: String,
}

impl ConfigError {
    /// Creates a configuration error.
    pub fn new(setting: &'static str, value: impl Into<String>, reason: impl Into<String>) -> Self {
        Self {
            setting,
            value: value.into(),
            reason: reason.into(),
        }
    }
}

/// What part of an HTTP exchange failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The TCP or TLS connection could not be made; nothing was sent.
    Connect,
    /// The proxy answered `407 Proxy Authentication Required`; nothing was
    /// sent to the destination.
    ProxyAuthenticationRequired,
    /// The proxy refused or failed the CONNECT tunnel; nothing was sent to
    /// the destination.
    Proxy,
    /// The connection failed after the request may have been sent.
    Request,
    /// The response body could not be read.
    ResponseBody,
}

/// A failed HTTP exchange.
#[derive(Debug, thiserror::Error)]
#[error("{}", transport_message(*.kind, .target))]
pub struct TransportError {
    /// What part of the exchange failed.
    pub kind: TransportErrorKind,
    /// The scheme and authority of the destination, such as
    /// `https://api.mypurecloud.com`. Never a path or query.
    pub target: String,
    /// The underlying error.
    #[source]
    pub source: Option<BoxError>,
}

impl TransportError {
    /// Returns true when the request may have reached the server, so a
    /// retry could repeat a write.
    pub fn request_may_have_been_sent(&self) -> bool {
        matches!(
            self.kind,
            TransportErrorKind::Request | TransportErrorKind::ResponseBody
        )
    }
}

fn transport_message(kind: TransportErrorKind, target: &str) -> String {
    match kind {
        TransportErrorKind::Connect => {
            format!("failed to connect to {target}; check the region or gateway host and the network")
        }
        TransportErrorKind::ProxyAuthenticationRequired => format!(
            "the proxy rejected the credentials (407 Proxy Authentication Required) for {target}; check the proxy user name and password"
        ),
        TransportErrorKind::Proxy => {
            format!("the proxy failed to open a tunnel to {target}; check the proxy address")
        }
        TransportErrorKind::Request => format!("the request to {target} failed after it was sent"),
        TransportErrorKind::ResponseBody => {
            format!("failed to read the response body from {target}")
        }
    }
}

/// Which timeout elapsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeoutPhase {
    /// Connecting (TCP, proxy tunnel and TLS); nothing was sent.
    Connect,
    /// The whole exchange, from sending the request to the end of the
    /// response body; the request may have been sent.
    Request,
}

/// A connect or request timeout elapsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{phase:?} timeout of {after:?} elapsed for {target}; raise the timeout or check the network"
)]
pub struct TimeoutError {
    /// Which timeout elapsed.
    pub phase: TimeoutPhase,
    /// The configured timeout.
    pub after: Duration,
    /// The scheme and authority of the destination.
    pub target: String,
}

/// The API answered 429 and asked for a longer wait than the retry layer is
/// allowed to make.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "rate limited: the server asked to wait {retry_after:?} (Retry-After), more than the configured maximum of {max_wait:?}; slow down, or raise the maximum with RetryConfig::builder().max_retry_after(..)"
)]
pub struct RateLimitedError {
    /// The wait the server asked for.
    pub retry_after: Duration,
    /// The configured maximum wait.
    pub max_wait: Duration,
    /// The `inin-correlation-id` of the 429 response, if any.
    pub correlation_id: Option<String>,
}

/// Returns the scheme and authority of a URI, for error messages.
pub fn target_of(uri: &http::Uri) -> String {
    match (uri.scheme_str(), uri.authority()) {
        (Some(scheme), Some(authority)) => format!("{scheme}://{authority}"),
        (None, Some(authority)) => authority.to_string(),
        _ => "(relative URI)".to_owned(),
    }
}
