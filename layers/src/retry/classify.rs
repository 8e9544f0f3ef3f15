//! Retry classification: which outcomes of one attempt may be retried.
//!
//! Classification decides only whether an outcome is retryable and why. How
//! long to wait, and whether the attempts, time or budget allow another
//! attempt, is decided elsewhere.

use std::fmt;

use http::{Method, StatusCode};

use crate::error::{BoxError, TimeoutError, TimeoutPhase, TransportError, TransportErrorKind};

/// The status retried for every method, because the server did not process
/// the request.
pub const RATE_LIMITED_STATUS: StatusCode = StatusCode::TOO_MANY_REQUESTS;

/// The statuses retried for idempotent methods only: the gateway or the
/// service failed, and the request may or may not have been processed.
pub const UNAVAILABLE_STATUSES: [StatusCode; 3] = [
    StatusCode::BAD_GATEWAY,
    StatusCode::SERVICE_UNAVAILABLE,
    StatusCode::GATEWAY_TIMEOUT,
];

/// The idempotent HTTP methods: sending such a request twice has the same
/// intended effect on the server as sending it once.
pub const IDEMPOTENT_METHODS: [Method; 6] = [
    Method::GET,
    Method::HEAD,
    Method::OPTIONS,
    Method::PUT,
    Method::DELETE,
    Method::TRACE,
];

/// The reason an attempt may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RetryReason {
    /// The server responded with `429 Too Many Requests`.
    RateLimited,
    /// The server responded with 502, 503 or 504 to an idempotent request.
    Unavailable(StatusCode),
    /// The exchange failed with a [`TransportError`] of this kind.
    Transport(TransportErrorKind),
    /// A [`TimeoutError`] of this phase elapsed.
    Timeout(TimeoutPhase),
}

impl fmt::Display for RetryReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::RateLimited => f.write_str("rate limited (429)"),
            Self::Unavailable(status) => write!(f, "server unavailable ({})", status.as_u16()),
            Self::Transport(kind) => write!(f, "transport error ({kind:?})"),
            Self::Timeout(phase) => write!(f, "{phase:?} timeout"),
        }
    }
}

/// Returns true when `method` is idempotent (see [`IDEMPOTENT_METHODS`]).
pub fn is_idempotent(method: &Method) -> bool {
    IDEMPOTENT_METHODS.contains(method)
}

/// Classifies a response status.
///
/// Returns a reason for 429 on any method and for 502, 503 and 504 on
/// idempotent methods. Every other status, including 500, is not retried:
/// a 500 usually means the request itself fails, so repeating it does not
/// help.
pub fn classify_status(method: &Method, status: StatusCode) -> Option<RetryReason> {
    if status == RATE_LIMITED_STATUS {
        return Some(RetryReason::RateLimited);
    }

    if UNAVAILABLE_STATUSES.contains(&status) && is_idempotent(method) {
        return Some(RetryReason::Unavailable(status));
    }

    None
}

/// Classifies an error returned by the inner service.
///
/// A [`TransportError`] is retried for idempotent methods, and for any
/// method when the request cannot have been sent (connect and proxy
/// failures). A [`TimeoutError`] of the connect phase counts as not sent and
/// one of the request phase as maybe sent. Any other error is not retried.
///
/// Only the error itself is inspected, not its source chain, so an error
/// that wraps a transport failure (such as a failed token request) is not
/// retried here.
pub fn classify_error(method: &Method, error: &BoxError) -> Option<RetryReason> {
    let (reason, may_have_been_sent) =
        if let Some(transport) = error.downcast_ref::<TransportError>() {
            (
                RetryReason::Transport(transport.kind),
                transport.request_may_have_been_sent(),
            )
        } else if let Some(timeout) = error.downcast_ref::<TimeoutError>() {
            (
                RetryReason::Timeout(timeout.phase),
                timeout.phase != TimeoutPhase::Connect,
            )
        } else {
            return None;
        };

    if may_have_been_sent && !is_idempotent(method) {
        return None;
    }

    Some(reason)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn transport(kind: TransportErrorKind) -> BoxError {
        Box::new(TransportError {
            kind,
            target: "http://127.0.0.1".to_owned(),
            source: None,
        })
    }

    fn timeout(phase: TimeoutPhase) -> BoxError {
        Box::new(TimeoutError {
            phase,
            after: Duration::from_secs(1),
            target: "http://127.0.0.1".to_owned(),
        })
    }

    #[test]
    fn idempotent_methods() {
        for method in IDEMPOTENT_METHODS {
            assert!(is_idempotent(&method), "{method}");
        }
    }

    #[test]
    fn post_and_patch_not_idempotent() {
        assert!(!is_idempotent(&Method::POST));
        assert!(!is_idempotent(&Method::PATCH));
    }

    #[test]
    fn rate_limited_any_method() {
        let reason = classify_status(&Method::POST, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(reason, Some(RetryReason::RateLimited));
    }

    #[test]
    fn unavailable_on_get() {
        for status in UNAVAILABLE_STATUSES {
            let reason = classify_status(&Method::GET, status);
            assert_eq!(reason, Some(RetryReason::Unavailable(status)), "{status}");
        }
    }

    #[test]
    fn unavailable_on_post() {
        for status in UNAVAILABLE_STATUSES {
            assert_eq!(classify_status(&Method::POST, status), None, "{status}");
        }
    }

    #[test]
    fn internal_error_not_retried() {
        let status = StatusCode::INTERNAL_SERVER_ERROR;
        assert_eq!(classify_status(&Method::GET, status), None);
    }

    #[test]
    fn client_errors_not_retried() {
        for code in [400, 401, 403, 404, 409, 422] {
            let status = StatusCode::from_u16(code).unwrap();
            assert_eq!(classify_status(&Method::GET, status), None, "{status}");
        }
    }

    #[test]
    fn success_not_retried() {
        assert_eq!(classify_status(&Method::GET, StatusCode::OK), None);
    }

    #[test]
    fn connect_error_on_post() {
        let reason = classify_error(&Method::POST, &transport(TransportErrorKind::Connect));
        assert_eq!(
            reason,
            Some(RetryReason::Transport(TransportErrorKind::Connect))
        );
    }

    #[test]
    fn proxy_errors_on_post() {
        for kind in [
            TransportErrorKind::Proxy,
            TransportErrorKind::ProxyAuthenticationRequired,
        ] {
            let reason = classify_error(&Method::POST, &transport(kind));
            assert_eq!(reason, Some(RetryReason::Transport(kind)), "{kind:?}");
        }
    }

    #[test]
    fn request_error_on_post() {
        for kind in [
            TransportErrorKind::Request,
            TransportErrorKind::ResponseBody,
        ] {
            assert_eq!(
                classify_error(&Method::POST, &transport(kind)),
                None,
                "{kind:?}"
            );
        }
    }

    #[test]
    fn request_error_on_get() {
        let reason = classify_error(&Method::GET, &transport(TransportErrorKind::Request));
        assert_eq!(
            reason,
            Some(RetryReason::Transport(TransportErrorKind::Request))
        );
    }

    #[test]
    fn connect_timeout_on_post() {
        let reason = classify_error(&Method::POST, &timeout(TimeoutPhase::Connect));
        assert_eq!(reason, Some(RetryReason::Timeout(TimeoutPhase::Connect)));
    }

    #[test]
    fn request_timeout_on_post() {
        assert_eq!(
            classify_error(&Method::POST, &timeout(TimeoutPhase::Request)),
            None
        );
    }

    #[test]
    fn request_timeout_on_put() {
        let reason = classify_error(&Method::PUT, &timeout(TimeoutPhase::Request));
        assert_eq!(reason, Some(RetryReason::Timeout(TimeoutPhase::Request)));
    }

    #[test]
    fn other_error_not_retried() {
        let error: BoxError = "invalid header value".into();
        assert_eq!(classify_error(&Method::GET, &error), None);
    }
}
