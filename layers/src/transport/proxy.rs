//! The proxy connection: a connector that opens an HTTP CONNECT tunnel
//! through a proxy for destinations the proxy rules match, and connects
//! directly otherwise.
//!
//! The tunnel itself is hyper-util's `Tunnel` and the rules are hyper-util's
//! proxy `Matcher` (the `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and
//! `NO_PROXY` variables, lowercase too, read the way curl reads them).
//!
//! ```
//! use purecloud_layers::transport::ProxyConfig;
//!
//! let proxy = ProxyConfig::url("http://proxy.example.com:3128")?
//!     .basic_auth("svc-genesys", "password")
//!     .no_proxy("localhost,127.0.0.1");
//! # let _ = proxy;
//! # Ok::<(), purecloud_layers::error::ConfigError>(())
//! ```

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use base64::Engine;
use http::{HeaderValue, Uri};
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::proxy::matcher::Matcher;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tower_service::Service;

use crate::error::{BoxError, ConfigError};

/// The error type of hyper-util's tunnel. hyper-util does not export its
/// name, so the connector's associated type names it.
pub(crate) type TunnelError = <Tunnel<HttpConnector> as Service<Uri>>::Error;

/// The proxy setting of the transport: from the environment, none, or explicit.
#[derive(Clone, Default)]
pub struct ProxyConfig {
    mode: ProxyMode,
}

#[derive(Clone, Default)]
enum ProxyMode {
    /// Read the proxy variables from the environment when the client is built.
    #[default]
    Environment,
    /// Never use a proxy.
    Disabled,
    /// One proxy for every destination, except the `no_proxy` list.
    Explicit {
        uri: Uri,
        authorization: Option<HeaderValue>,
        no_proxy: String,
    },
}

impl ProxyConfig {
    /// Reads `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` (and
    /// their lowercase forms) when the transport is built. This is the
    /// default, as in curl and most HTTP clients; user info in the proxy URL
    /// (`http://user:password@proxy:3128`) becomes basic proxy credentials.
    pub fn from_env() -> Self {
        Self {
            mode: ProxyMode::Environment,
        }
    }

    /// Connects directly, ignoring the environment.
    pub fn disabled() -> Self {
        Self {
            mode: ProxyMode::Disabled,
        }
    }

    /// Sends every request through the proxy at `url` (`http://host:port`).
    pub fn url(url: &str) -> Result<Self, ConfigError> {
        let uri = parse_proxy_url(url)?;
        Ok(Self {
            mode: ProxyMode::Explicit {
                uri,
                authorization: None,
                no_proxy: String::new(),
            },
        })
    }

    /// Sends `Proxy-Authorization: Basic ...` with these credentials. Has no
    /// effect unless the proxy was set with [`ProxyConfig::url`].
    pub fn basic_auth(mut self, user: &str, password: &str) -> Self {
        if let ProxyMode::Explicit { authorization, .. } = &mut self.mode {
            *authorization = Some(basic_authorization(user, password));
        }
        self
    }

    /// Connects directly to the hosts in this comma-separated list (host
    /// names, domain suffixes, IP addresses or CIDR ranges, as in
    /// `NO_PROXY`). Has no effect unless the proxy was set with
    /// [`ProxyConfig::url`].
    pub fn no_proxy(mut self, list: &str) -> Self {
        if let ProxyMode::Explicit { no_proxy, .. } = &mut self.mode {
            *no_proxy = list.to_owned();
        }
        self
    }

    pub(crate) fn into_rules(self) -> ProxyRules {
        match self.mode {
            ProxyMode::Environment => ProxyRules {
                matcher: Some(Matcher::from_env()),
                authorization: None,
            },
            ProxyMode::Disabled => ProxyRules {
                matcher: None,
                authorization: None,
            },
            ProxyMode::Explicit {
                uri,
                authorization,
                no_proxy,
            } => ProxyRules {
                matcher: Some(Matcher::builder().all(uri.to_string()).no(no_proxy).build()),
                authorization,
            },
        }
    }
}

/// Prints the proxy address and whether credentials are set, never the
/// credentials.
impl std::fmt::Debug for ProxyConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.mode {
            ProxyMode::Environment => f.write_str("ProxyConfig::FromEnv"),
            ProxyMode::Disabled => f.write_str("ProxyConfig::Disabled"),
            ProxyMode::Explicit {
                uri,
                authorization,
                no_proxy,
            } => f
                .debug_struct("ProxyConfig")
                .field("uri", &format_args!("{uri}"))
                .field("basic_auth", &authorization.is_some())
                .field("no_proxy", no_proxy)
                .finish(),
        }
    }
}

fn parse_proxy_url(url: &str) -> Result<Uri, ConfigError> {
    let shown = strip_user_info(url);
    let uri: Uri = url.trim().parse().map_err(|error| {
        ConfigError::new(
            "proxy URL",
            shown.clone(),
            format!("not a URL ({error}); expected http://host:port"),
        )
    })?;

    if uri.scheme_str() != Some("http") {
        return Err(ConfigError::new(
            "proxy URL",
            shown,
            "only http:// proxies are supported (the tunnel to the API is TLS inside an HTTP CONNECT)",
        ));
    }

    if uri.host().is_none_or(str::is_empty) {
        return Err(ConfigError::new(
            "proxy URL",
            shown,
            "missing host; expected http://host:port",
        ));
    }

    if uri
        .authority()
        .is_some_and(|authority| authority.as_str().contains('@'))
    {
        return Err(ConfigError::new(
            "proxy URL",
            shown,
            "credentials in the URL are not accepted here; pass them with basic_auth",
        ));
    }

    Ok(uri)
}

/// Removes `user:password@` from a URL so it can appear in a message.
fn strip_user_info(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.split('@').next_back().unwrap_or_default().to_owned();
    };
    let rest = rest.split_once('@').map_or(rest, |(_, host)| host);
    format!("{scheme}://{rest}")
}

fn basic_authorization(user: &str, password: &str) -> HeaderValue {
    let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
    let mut value = HeaderValue::from_str(&format!("Basic {encoded}"))
        .unwrap_or_else(|_| HeaderValue::from_static(""));
    value.set_sensitive(true);
    value
}

/// Resolved proxy rules, shared by every connection attempt.
#[derive(Debug)]
pub(crate) struct ProxyRules {
    matcher: Option<Matcher>,
    authorization: Option<HeaderValue>,
}

/// A connector that tunnels through the proxy when the rules match the
/// destination and connects directly otherwise.
#[derive(Clone, Debug)]
pub struct ProxyConnector {
    rules: Arc<ProxyRules>,
    direct: HttpConnector,
}

impl ProxyConnector {
    pub(crate) fn new(rules: ProxyRules, direct: HttpConnector) -> Self {
        Self {
            rules: Arc::new(rules),
            direct,
        }
    }
}

impl Service<Uri> for ProxyConnector {
    type Response = TokioIo<TcpStream>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, BoxError>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        // HttpConnector is always ready; each call clones it.
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, destination: Uri) -> Self::Future {
        let intercept = self
            .rules
            .matcher
            .as_ref()
            .and_then(|matcher| matcher.intercept(&destination));

        let Some(intercept) = intercept else {
            let mut direct = self.direct.clone();
            return Box::pin(async move { direct.call(destination).await.map_err(BoxError::from) });
        };

        let authorization = self
            .rules
            .authorization
            .clone()
            .or_else(|| intercept.basic_auth().cloned());

        let mut tunnel = Tunnel::new(intercept.uri().clone(), self.direct.clone());
        if let Some(mut authorization) = authorization {
            authorization.set_sensitive(true);
            tunnel = tunnel.with_auth(authorization);
        }

        Box::pin(async move { tunnel.call(destination).await.map_err(BoxError::from) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_proxy_url_rejected() {
        let error = ProxyConfig::url("https://proxy:3128").err().unwrap();
        assert!(error.reason.contains("only http://"));
    }

    #[test]
    fn user_info_not_shown() {
        let error = ProxyConfig::url("http://user:pa55@proxy:3128")
            .err()
            .unwrap();
        assert!(!error.to_string().contains("pa55"));
    }

    #[test]
    fn debug_hides_credentials() {
        let proxy = ProxyConfig::url("http://proxy:3128")
            .unwrap()
            .basic_auth("user", "pa55");
        let text = format!("{proxy:?}");
        assert!(!text.contains("pa55"));
        assert!(!text.contains("dXNlcjpwYTU1"));
    }

    #[test]
    fn no_proxy_skips_host() {
        let rules = ProxyConfig::url("http://proxy:3128")
            .unwrap()
            .no_proxy("internal.example")
            .into_rules();
        let matcher = rules.matcher.unwrap();
        let direct: Uri = "https://api.internal.example/".parse().unwrap();
        let proxied: Uri = "https://api.mypurecloud.com/".parse().unwrap();
        assert!(matcher.intercept(&direct).is_none());
        assert!(matcher.intercept(&proxied).is_some());
    }

    #[test]
    fn disabled_has_no_matcher() {
        assert!(ProxyConfig::disabled().into_rules().matcher.is_none());
    }
}
