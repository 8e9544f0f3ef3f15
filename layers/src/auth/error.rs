//! The typed error of token requests.

use std::sync::Arc;

/// The kind of failure while obtaining a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum OAuthErrorKind {
    /// The token endpoint returned an OAuth error (`error`,
    /// `error_description`).
    Rejected,
    /// The token endpoint returned something that is not a token.
    InvalidResponse,
    /// The token request did not complete (connection, proxy, timeout).
    Transport,
    /// Waiting for a token request made by another call took longer than the
    /// configured token wait.
    WaitTimedOut,
    /// The credentials cannot produce a new token, such as an authorization
    /// code that was already exchanged without a refresh token.
    NotRefreshable,
}

/// A failed token request. Never contains a secret or token.
#[derive(Debug, Clone)]
pub struct OAuthError {
    /// The kind of failure.
    pub kind: OAuthErrorKind,
    /// The grant type used, such as `client_credentials`.
    pub grant: &'static str,
    /// The login host the token request went to, such as
    /// `https://login.mypurecloud.com`.
    pub login_host: String,
    /// The HTTP status of the token response, if one arrived.
    pub status: Option<u16>,
    /// The OAuth `error` code, such as `invalid_client`.
    pub error: Option<String>,
    /// The OAuth `error_description` (or Genesys `description`).
    pub description: Option<String>,
    /// The underlying error, for transport failures.
    pub source: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

impl OAuthError {
    pub(crate) fn new(
        kind: OAuthErrorKind,
        grant: &'static str,
        login_host: impl Into<String>,
    ) -> Self {
        Self {
            kind,
            grant,
            login_host: login_host.into(),
            status: None,
            error: None,
            description: None,
            source: None,
        }
    }

    /// Returns what the caller can do about this error.
    pub fn hint(&self) -> &'static str {
        match (self.kind, self.error.as_deref()) {
            (_, Some("invalid_client")) => {
                "check the client id and secret, and that the client belongs to the region whose login host was used (an OAuth client works only in its own region)"
            }
            (_, Some("invalid_grant")) => {
                "the code, assertion or refresh token was rejected or has expired; sign in again"
            }
            (_, Some("unauthorized_client")) => {
                "this OAuth client is not allowed to use this grant type; check its grant type in the Genesys Cloud admin"
            }
            (OAuthErrorKind::InvalidResponse, _) => {
                "the login host did not answer like a Genesys Cloud token endpoint; check the region or gateway login path"
            }
            (OAuthErrorKind::Transport, _) => self.transport_hint(),
            (OAuthErrorKind::WaitTimedOut, _) => {
                "the token endpoint is slow; raise the token wait or check the login host"
            }
            (OAuthErrorKind::NotRefreshable, _) => "obtain new credentials (sign in again)",
            _ => "check the OAuth client configuration",
        }
    }
}

impl OAuthError {
    /// Names the failed step of a token request that did not complete, from
    /// the transport error it carries.
    fn transport_hint(&self) -> &'static str {
        use crate::error::{TimeoutError, TransportError, TransportErrorKind};

        let Some(source) = self.source.as_deref() else {
            return "check the network, proxy and login host";
        };

        if let Some(transport) = source.downcast_ref::<TransportError>() {
            return match transport.kind {
                TransportErrorKind::ProxyAuthenticationRequired => {
                    "the proxy rejected its credentials (407 Proxy Authentication Required); check the proxy user name and password"
                }
                TransportErrorKind::Proxy => {
                    "the proxy failed to open a tunnel to the login host; check the proxy address and NO_PROXY"
                }
                TransportErrorKind::Connect => {
                    "failed to connect to the login host; check the region or gateway, the network and the proxy"
                }
                _ => "the connection to the login host failed after the request was sent; check the network and proxy",
            };
        }

        if source.is::<TimeoutError>() {
            return "the token request timed out; check the network and proxy, or raise the timeouts";
        }

        "check the network, proxy and login host"
    }
}

impl std::fmt::Display for OAuthError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "token request ({} grant) to {} failed",
            self.grant, self.login_host
        )?;

        if let Some(status) = self.status {
            write!(f, " with status {status}")?;
        }
        if let Some(error) = &self.error {
            write!(f, ": {error}")?;
        }
        if let Some(description) = &self.description {
            write!(f, " ({description})")?;
        }

        let reason = match self.kind {
            OAuthErrorKind::InvalidResponse => "; the response is not a token",
            OAuthErrorKind::Transport => "; the request did not complete",
            OAuthErrorKind::WaitTimedOut => "; timed out waiting for the token",
            OAuthErrorKind::NotRefreshable => "; the credentials cannot produce a new token",
            _ => "",
        };
        write!(f, "{reason}; {}", self.hint())
    }
}

impl std::error::Error for OAuthError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|error| error as &(dyn std::error::Error + 'static))
    }
}
