//! Where API and login requests go: a region, a domain or a gateway.
//!
//! An [`Environment`] contains two [`BaseUri`]s, one for Platform API requests
//! and one for the OAuth login service. For a region or a domain they are
//! `https://api.<domain>` and `https://login.<domain>`. A [`Gateway`] sets the
//! scheme, host, port and a path prefix for each of them.
//!
//! ```
//! use purecloud_layers::environment::{Environment, Gateway};
//! use purecloud_layers::region::Region;
//!
//! let dublin = Environment::region(Region::EuWest1);
//! assert_eq!(dublin.login_url("/oauth/token"), "https://login.mypurecloud.ie/oauth/token");
//!
//! // A region added after this release: the hosts derive from the domain.
//! let new_region = Environment::domain("newregion.pure.cloud")?;
//! assert_eq!(new_region.api_authority(), "api.newregion.pure.cloud");
//!
//! let gateway = Environment::gateway(
//!     Gateway::new("gateway.example.com")
//!         .port(8443)
//!         .login_prefix("/genesys/login")
//!         .api_prefix("/genesys/api"),
//! )?;
//! assert_eq!(
//!     gateway.api_url("/api/v2/users/me")?,
//!     "https://gateway.example.com:8443/genesys/api/api/v2/users/me",
//! );
//! # Ok::<(), purecloud_layers::error::ConfigError>(())
//! ```

use std::fmt;
use std::net::{IpAddr, Ipv6Addr};
use std::str::FromStr;

use http::uri::{Authority, PathAndQuery, Scheme, Uri};
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use crate::error::ConfigError;
use crate::region::{self, Region};

/// A scheme, an authority and an optional path prefix, to which request
/// paths such as `/api/v2/users/me` are appended.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BaseUri {
    scheme: Scheme,
    authority: Authority,
    /// Either empty or `/segment[/segment...]` without a trailing slash.
    prefix: String,
}

impl BaseUri {
    /// Returns the scheme, `https` or `http`.
    pub fn scheme(&self) -> &Scheme {
        &self.scheme
    }

    /// Returns the host and optional port, such as `api.mypurecloud.com`.
    pub fn authority(&self) -> &Authority {
        &self.authority
    }

    /// Returns the host without the port.
    pub fn host(&self) -> &str {
        self.authority.host()
    }

    /// Returns the port when one is set explicitly.
    pub fn port(&self) -> Option<u16> {
        self.authority.port_u16()
    }

    /// Returns the path prefix: empty, or a path such as `/genesys/api`
    /// without a trailing slash.
    pub fn prefix(&self) -> &str {
        &self.prefix
    }

    /// Builds the absolute URI for `path_and_query`, which must start with
    /// `/`; the prefix is put in front of it.
    ///
    /// # Errors
    ///
    /// Returns a [`ConfigError`] for a path that does not start with `/` or
    /// contains a fragment (`#`) or characters a URI may not contain. The
    /// error value is the path without its query.
    pub fn url(&self, path_and_query: &str) -> Result<Uri, ConfigError> {
        let invalid =
            |reason: &str| ConfigError::new("request path", strip_query(path_and_query), reason);

        if !path_and_query.starts_with('/') {
            return Err(invalid(
                "expected an absolute path such as /api/v2/users/me",
            ));
        }
        if path_and_query.contains('#') {
            return Err(invalid("contains '#'; percent-encode it as %23"));
        }

        let joined = format!("{}{}", self.prefix, path_and_query);
        let path_and_query = PathAndQuery::try_from(joined).map_err(|_| {
            invalid("contains characters a URI may not contain; percent-encode them")
        })?;

        Uri::builder()
            .scheme(self.scheme.clone())
            .authority(self.authority.clone())
            .path_and_query(path_and_query)
            .build()
            .map_err(|_| invalid("does not form a valid URI with the base"))
    }

    fn https(host: String) -> Self {
        let authority = Authority::try_from(host).expect("region and domain hosts are validated");
        Self {
            scheme: Scheme::HTTPS,
            authority,
            prefix: String::new(),
        }
    }
}

impl fmt::Display for BaseUri {
    /// Writes the base as a URI, such as `https://api.mypurecloud.com`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}{}", self.scheme, self.authority, self.prefix)
    }
}

/// The destination of API and login requests.
///
/// The default is [`Region::UsEast1`] (`api.mypurecloud.com`), the region
/// the official SDKs use when none is configured.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Environment {
    api: BaseUri,
    login: BaseUri,
}

impl Environment {
    /// Creates the environment of a public region.
    pub fn region(region: Region) -> Self {
        Self::from_valid_domain(region.domain())
    }

    /// Creates the environment of any domain: the API host is
    /// `api.<domain>` and the login host is `login.<domain>`, both over
    /// https. This reaches a region added after this release.
    ///
    /// # Errors
    ///
    /// Returns a [`ConfigError`] unless `domain` is a host name with at
    /// least two labels, such as `usw2.pure.cloud`. A scheme, port, path,
    /// IP address or whitespace is rejected.
    pub fn domain(domain: &str) -> Result<Self, ConfigError> {
        let domain = validate_host(HostKind::Domain, domain)?;
        Ok(Self::from_valid_domain(&domain))
    }

    /// Parses a region name (`eu-west-1`) or a domain
    /// (`mypurecloud.ie`, `newregion.pure.cloud`).
    ///
    /// Surrounding whitespace is trimmed and case is ignored. Because users
    /// often paste a host or URL, the API or login host (`api.mypurecloud.ie`,
    /// `login.mypurecloud.ie`) is accepted too, with an optional leading
    /// `https://` and trailing `/`. Use [`Environment::gateway`] for http, a
    /// port or a path prefix.
    ///
    /// # Errors
    ///
    /// Returns a [`ConfigError`] for the setting `environment` when the value
    /// is neither a region name nor a valid domain. A value without a dot
    /// must be a region name.
    pub fn parse(value: &str) -> Result<Self, ConfigError> {
        let trimmed = value.trim();
        if let Ok(region) = trimmed.parse::<Region>() {
            return Ok(Self::region(region));
        }

        let invalid = |reason: String| ConfigError::new("environment", value, reason);

        let mut host = trimmed;
        if let Some(rest) = strip_prefix_ignore_case(host, "https://") {
            host = rest;
        } else if host.contains("://") {
            return Err(invalid(
                "a region or domain is always reached over https; use Environment::gateway for another scheme"
                    .to_owned(),
            ));
        }
        host = host.strip_suffix('/').unwrap_or(host);
        for service in ["api.", "login."] {
            if let Some(rest) = strip_prefix_ignore_case(host, service) {
                host = rest;
                break;
            }
        }

        if !host.contains('.') {
            return Err(invalid(format!(
                "expected a region name ({}) or a domain such as mypurecloud.ie",
                region::names()
            )));
        }

        Self::domain(host).map_err(|error| invalid(error.reason))
    }

    /// Creates the environment of a gateway that forwards API and login
    /// requests.
    ///
    /// # Errors
    ///
    /// Returns a [`ConfigError`] naming the gateway setting (`gateway
    /// scheme`, `gateway host`, `gateway port`, `gateway login prefix` or
    /// `gateway API prefix`) and the rejected value.
    pub fn gateway(gateway: Gateway) -> Result<Self, ConfigError> {
        gateway.validate()
    }

    /// Returns the base of Platform API requests.
    pub fn api_base(&self) -> &BaseUri {
        &self.api
    }

    /// Returns the base of login (OAuth) requests.
    pub fn login_base(&self) -> &BaseUri {
        &self.login
    }

    /// Returns the host and optional port of the API, such as
    /// `api.mypurecloud.com`. The OAuth layer sends the access token only to
    /// this authority.
    pub fn api_authority(&self) -> &Authority {
        self.api.authority()
    }

    /// Builds the URI of a login service path, such as `/oauth/token`.
    ///
    /// A missing leading `/` is added. Characters a URI may not contain,
    /// such as spaces, `#` and non-ASCII characters, are percent-encoded, so
    /// this never fails. `?`, `&`, `=` and `%` are kept, so a query may be
    /// passed already encoded.
    pub fn login_url(&self, path_and_query: &str) -> Uri {
        let encoded = utf8_percent_encode(path_and_query, NOT_IN_URI).to_string();
        let path_and_query = if encoded.starts_with('/') {
            encoded
        } else {
            format!("/{encoded}")
        };

        self.login
            .url(&path_and_query)
            .expect("a percent-encoded path starting with '/' is a valid URI path")
    }

    /// Builds the absolute URI of an API path and query, such as
    /// `/api/v2/users/me?expand=presence`.
    ///
    /// # Errors
    ///
    /// Returns a [`ConfigError`] as [`BaseUri::url`] does.
    pub fn api_url(&self, path_and_query: &str) -> Result<Uri, ConfigError> {
        self.api.url(path_and_query)
    }

    fn from_valid_domain(domain: &str) -> Self {
        Self {
            api: BaseUri::https(format!("api.{domain}")),
            login: BaseUri::https(format!("login.{domain}")),
        }
    }
}

impl Default for Environment {
    /// Returns the us-east-1 environment (`api.mypurecloud.com`).
    fn default() -> Self {
        Self::region(Region::default())
    }
}

impl From<Region> for Environment {
    fn from(region: Region) -> Self {
        Self::region(region)
    }
}

impl FromStr for Environment {
    type Err = ConfigError;

    /// Parses as [`Environment::parse`] does.
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Self::parse(value)
    }
}

/// A gateway in front of the API and login services, such as an API
/// management proxy or a local test server.
///
/// The login token URL is `<scheme>://<host>[:port]<login prefix>/oauth/token`
/// and API URLs are `<scheme>://<host>[:port]<API prefix>/api/v2/...`.
/// Prefixes are normalised: `genesys/api/`, `/genesys/api` and
/// `//genesys//api` are all `/genesys/api`. The settings are validated by
/// [`Environment::gateway`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gateway {
    scheme: Scheme,
    host: String,
    port: Option<u16>,
    login_prefix: String,
    api_prefix: String,
}

impl Gateway {
    /// Starts a gateway for `host` (a host name or IP address, without
    /// scheme, port or path), over https on the scheme's default port, with
    /// no path prefixes.
    pub fn new(host: impl Into<String>) -> Self {
        Self {
            scheme: Scheme::HTTPS,
            host: host.into(),
            port: None,
            login_prefix: String::new(),
            api_prefix: String::new(),
        }
    }

    /// Sets the scheme, [`Scheme::HTTPS`] (the default) or [`Scheme::HTTP`].
    pub fn scheme(mut self, scheme: Scheme) -> Self {
        self.scheme = scheme;
        self
    }

    /// Sets the port, 1 to 65535. Without it the scheme's default port is
    /// used.
    pub fn port(mut self, port: u16) -> Self {
        self.port = Some(port);
        self
    }

    /// Sets the path prefix in front of login paths such as `/oauth/token`.
    pub fn login_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.login_prefix = prefix.into();
        self
    }

    /// Sets the path prefix in front of API paths such as `/api/v2/users/me`.
    pub fn api_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.api_prefix = prefix.into();
        self
    }

    fn validate(self) -> Result<Environment, ConfigError> {
        if self.scheme != Scheme::HTTPS && self.scheme != Scheme::HTTP {
            return Err(ConfigError::new(
                "gateway scheme",
                self.scheme.as_str(),
                "expected https or http",
            ));
        }

        let host = validate_host(HostKind::Gateway, &self.host)?;
        let authority = match self.port {
            Some(0) => {
                return Err(ConfigError::new(
                    "gateway port",
                    "0",
                    "expected a port from 1 to 65535",
                ))
            }
            Some(port) => format!("{host}:{port}"),
            None => host,
        };
        let authority = Authority::try_from(authority.as_str()).map_err(|_| {
            ConfigError::new("gateway host", &self.host, "is not a valid URI authority")
        })?;

        let base = |setting, prefix: &str| -> Result<BaseUri, ConfigError> {
            Ok(BaseUri {
                scheme: self.scheme.clone(),
                authority: authority.clone(),
                prefix: normalize_prefix(setting, prefix)?,
            })
        };
        Ok(Environment {
            api: base("gateway API prefix", &self.api_prefix)?,
            login: base("gateway login prefix", &self.login_prefix)?,
        })
    }
}

/// Characters that `login_url` percent-encodes: everything the `http` crate
/// rejects in a path, plus `#` and non-ASCII characters (encoded always).
const NOT_IN_URI: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// The setting a host is validated for, which selects the hints in error
/// messages.
#[derive(Clone, Copy, PartialEq, Eq)]
enum HostKind {
    Domain,
    Gateway,
}

impl HostKind {
    fn setting(self) -> &'static str {
        match self {
            HostKind::Domain => "domain",
            HostKind::Gateway => "gateway host",
        }
    }

    fn example(self) -> &'static str {
        match self {
            HostKind::Domain => "expected a domain such as usw2.pure.cloud",
            HostKind::Gateway => "expected a host name such as gateway.example.com",
        }
    }
}

/// Validates a domain or gateway host and returns it lowercased (IPv6
/// addresses in brackets).
fn validate_host(kind: HostKind, value: &str) -> Result<String, ConfigError> {
    let invalid = |reason: String| ConfigError::new(kind.setting(), value, reason);
    let example = kind.example();

    if value.is_empty() {
        return Err(invalid(format!("is empty; {example}")));
    }
    if value.chars().any(char::is_whitespace) {
        return Err(invalid(format!("contains whitespace; {example}")));
    }
    if value.contains("://") {
        return Err(invalid(match kind {
            HostKind::Domain => {
                format!("contains a scheme; {example}, which is always reached over https")
            }
            HostKind::Gateway => {
                format!("contains a scheme; {example}, and set the scheme with Gateway::scheme")
            }
        }));
    }
    if value.contains('/') {
        return Err(invalid(match kind {
            HostKind::Domain => format!("contains a path; {example}, or use Environment::gateway for a path prefix"),
            HostKind::Gateway => format!(
                "contains a path; {example}, and set paths with Gateway::api_prefix and Gateway::login_prefix"
            ),
        }));
    }

    if let Some(ip) = parse_ip(value) {
        return match (kind, ip) {
            (HostKind::Domain, _) => Err(invalid(format!(
                "is an IP address; {example}, or use Environment::gateway to reach a host by address"
            ))),
            (HostKind::Gateway, IpAddr::V6(ip)) => Ok(format!("[{ip}]")),
            (HostKind::Gateway, IpAddr::V4(ip)) => Ok(ip.to_string()),
        };
    }

    if value.contains(':') {
        return Err(invalid(match kind {
            HostKind::Domain => {
                format!("contains a port; {example}, or use Environment::gateway for a port")
            }
            HostKind::Gateway => {
                format!("contains a port; {example}, and set the port with Gateway::port")
            }
        }));
    }

    check_host_name(value).map_err(|reason| invalid(format!("{reason}; {example}")))?;
    if kind == HostKind::Domain && !value.contains('.') {
        return Err(invalid(format!("has a single label; {example}")));
    }

    Ok(value.to_ascii_lowercase())
}

/// Parses an IPv4 address, or an IPv6 address with or without brackets.
fn parse_ip(value: &str) -> Option<IpAddr> {
    let unbracketed = value
        .strip_prefix('[')
        .and_then(|rest| rest.strip_suffix(']'));
    match unbracketed {
        Some(inner) => inner.parse::<Ipv6Addr>().ok().map(IpAddr::V6),
        None => value.parse::<IpAddr>().ok(),
    }
}

/// Checks DNS host name syntax: labels of 1 to 63 letters, digits, `-` or
/// `_`, not starting or ending with `-`, at most 253 characters in all.
/// Underscores are not valid in DNS host names but occur in container and
/// test host names, so they are accepted.
fn check_host_name(name: &str) -> Result<(), String> {
    if name.len() > 253 {
        return Err(format!(
            "is {} characters long, more than the maximum of 253",
            name.len()
        ));
    }

    for label in name.split('.') {
        if label.is_empty() {
            return Err("contains an empty label (a leading, trailing or doubled '.')".to_owned());
        }
        if label.len() > 63 {
            return Err(format!(
                "contains the label {label:?}, longer than the maximum of 63 characters"
            ));
        }
        if let Some(c) = label
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        {
            return Err(format!(
                "contains the invalid character {c:?}; a host name contains only letters, digits, '-' and '.'"
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Err(format!(
                "contains the label {label:?}, which starts or ends with '-'"
            ));
        }
    }
    Ok(())
}

/// Normalises a path prefix to empty or `/segment[/segment...]`.
fn normalize_prefix(setting: &'static str, value: &str) -> Result<String, ConfigError> {
    let invalid = |reason: &str| ConfigError::new(setting, value, reason);

    let mut prefix = String::new();
    for segment in value.split('/').filter(|segment| !segment.is_empty()) {
        if segment == "." || segment == ".." {
            return Err(invalid(
                "contains a '.' or '..' segment; write the prefix without them",
            ));
        }
        if segment.chars().any(char::is_whitespace) {
            return Err(invalid(
                "contains whitespace; percent-encode it as %20 or remove it",
            ));
        }
        if segment.contains(['?', '#']) {
            return Err(invalid(
                "contains '?' or '#'; a prefix is a path without query or fragment",
            ));
        }
        if !segment.chars().all(is_path_char) || !has_valid_escapes(segment) {
            return Err(invalid(
                "contains characters a URI path may not contain; percent-encode them",
            ));
        }
        prefix.push('/');
        prefix.push_str(segment);
    }
    Ok(prefix)
}

/// Returns true for the characters RFC 3986 allows in a path segment
/// (`pchar`), with `%` checked separately.
fn is_path_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@%".contains(c)
}

/// Returns true when every `%` starts a two-hex-digit escape.
fn has_valid_escapes(segment: &str) -> bool {
    let bytes = segment.as_bytes();
    bytes.iter().enumerate().all(|(index, byte)| {
        *byte != b'%'
            || (bytes.get(index + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(index + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

fn strip_prefix_ignore_case<'a>(value: &'a str, prefix: &str) -> Option<&'a str> {
    let head = value.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &value[prefix.len()..])
}

fn strip_query(path_and_query: &str) -> &str {
    path_and_query
        .split_once('?')
        .map_or(path_and_query, |(path, _)| path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The documented hosts of every public region.
    const REGION_HOSTS: [(Region, &str, &str); 18] = [
        (
            Region::UsEast1,
            "api.mypurecloud.com",
            "login.mypurecloud.com",
        ),
        (
            Region::EuWest1,
            "api.mypurecloud.ie",
            "login.mypurecloud.ie",
        ),
        (
            Region::ApSoutheast2,
            "api.mypurecloud.com.au",
            "login.mypurecloud.com.au",
        ),
        (
            Region::ApNortheast1,
            "api.mypurecloud.jp",
            "login.mypurecloud.jp",
        ),
        (
            Region::EuCentral1,
            "api.mypurecloud.de",
            "login.mypurecloud.de",
        ),
        (
            Region::UsWest2,
            "api.usw2.pure.cloud",
            "login.usw2.pure.cloud",
        ),
        (
            Region::CaCentral1,
            "api.cac1.pure.cloud",
            "login.cac1.pure.cloud",
        ),
        (
            Region::ApNortheast2,
            "api.apne2.pure.cloud",
            "login.apne2.pure.cloud",
        ),
        (
            Region::EuWest2,
            "api.euw2.pure.cloud",
            "login.euw2.pure.cloud",
        ),
        (
            Region::ApSouth1,
            "api.aps1.pure.cloud",
            "login.aps1.pure.cloud",
        ),
        (
            Region::UsEast2,
            "api.use2.us-gov-pure.cloud",
            "login.use2.us-gov-pure.cloud",
        ),
        (
            Region::SaEast1,
            "api.sae1.pure.cloud",
            "login.sae1.pure.cloud",
        ),
        (
            Region::MeCentral1,
            "api.mec1.pure.cloud",
            "login.mec1.pure.cloud",
        ),
        (
            Region::ApNortheast3,
            "api.apne3.pure.cloud",
            "login.apne3.pure.cloud",
        ),
        (
            Region::EuCentral2,
            "api.euc2.pure.cloud",
            "login.euc2.pure.cloud",
        ),
        (
            Region::MxCentral1,
            "api.mxc1.pure.cloud",
            "login.mxc1.pure.cloud",
        ),
        (
            Region::ApSoutheast1,
            "api.apse1.pure.cloud",
            "login.apse1.pure.cloud",
        ),
        (
            Region::EuscDeEast1,
            "api.edee1.eusc-pure.cloud",
            "login.edee1.eusc-pure.cloud",
        ),
    ];

    fn gateway(gateway: Gateway) -> Environment {
        Environment::gateway(gateway).expect("valid gateway")
    }

    #[test]
    fn region_table_covers_all() {
        let listed: Vec<Region> = REGION_HOSTS.iter().map(|(region, _, _)| *region).collect();
        assert_eq!(listed, Region::ALL);
    }

    #[test]
    fn region_api_hosts() {
        for (region, api, _) in REGION_HOSTS {
            let environment = Environment::region(region);
            assert_eq!(environment.api_authority().as_str(), api, "{region}");
        }
    }

    #[test]
    fn region_login_hosts() {
        for (region, _, login) in REGION_HOSTS {
            let environment = Environment::region(region);
            assert_eq!(
                environment.login_base().authority().as_str(),
                login,
                "{region}"
            );
        }
    }

    #[test]
    fn region_bases_use_https() {
        for region in Region::ALL {
            let environment = Environment::region(region);
            assert_eq!(environment.api_base().scheme(), &Scheme::HTTPS, "{region}");
            assert_eq!(
                environment.login_base().scheme(),
                &Scheme::HTTPS,
                "{region}"
            );
        }
    }

    #[test]
    fn region_bases_have_no_prefix() {
        for region in Region::ALL {
            let environment = Environment::region(region);
            assert_eq!(environment.api_base().prefix(), "", "{region}");
            assert_eq!(environment.login_base().prefix(), "", "{region}");
        }
    }

    #[test]
    fn default_is_us_east_1() {
        assert_eq!(Environment::default(), Environment::region(Region::UsEast1));
    }

    #[test]
    fn region_login_url() {
        let environment = Environment::region(Region::ApSoutheast2);
        assert_eq!(
            environment.login_url("/oauth/token"),
            "https://login.mypurecloud.com.au/oauth/token"
        );
    }

    #[test]
    fn region_api_url_keeps_query() {
        let environment = Environment::region(Region::UsEast1);
        let uri = environment
            .api_url("/api/v2/users/me?expand=presence")
            .unwrap();
        assert_eq!(
            uri,
            "https://api.mypurecloud.com/api/v2/users/me?expand=presence"
        );
    }

    #[test]
    fn domain_derives_hosts() {
        let environment = Environment::domain("newregion.pure.cloud").unwrap();
        assert_eq!(
            environment.api_authority().as_str(),
            "api.newregion.pure.cloud"
        );
        assert_eq!(
            environment.login_base().authority().as_str(),
            "login.newregion.pure.cloud"
        );
    }

    #[test]
    fn domain_of_region_equals_region() {
        let environment = Environment::domain("MyPureCloud.ie").unwrap();
        assert_eq!(environment, Environment::region(Region::EuWest1));
    }

    #[test]
    fn parse_region_name() {
        assert_eq!(
            Environment::parse(" us-west-2 ").unwrap(),
            Environment::region(Region::UsWest2)
        );
    }

    #[test]
    fn parse_region_domain() {
        assert_eq!(
            Environment::parse("mypurecloud.de").unwrap(),
            Environment::region(Region::EuCentral1)
        );
    }

    #[test]
    fn parse_new_domain() {
        let environment = Environment::parse("newregion.pure.cloud").unwrap();
        assert_eq!(
            environment.api_authority().as_str(),
            "api.newregion.pure.cloud"
        );
    }

    #[test]
    fn parse_api_host() {
        assert_eq!(
            Environment::parse("api.mypurecloud.jp").unwrap(),
            Environment::region(Region::ApNortheast1)
        );
    }

    #[test]
    fn parse_login_host() {
        assert_eq!(
            Environment::parse("login.mypurecloud.jp").unwrap(),
            Environment::region(Region::ApNortheast1)
        );
    }

    #[test]
    fn parse_https_url() {
        let environment = Environment::parse("https://api.newregion.pure.cloud/").unwrap();
        assert_eq!(
            environment.api_authority().as_str(),
            "api.newregion.pure.cloud"
        );
    }

    #[test]
    fn parse_via_from_str() {
        let environment: Environment = "eu-west-2".parse().unwrap();
        assert_eq!(environment, Environment::region(Region::EuWest2));
    }

    #[test]
    fn parse_rejects_http() {
        let error = Environment::parse("http://api.mypurecloud.com").unwrap_err();
        assert_eq!(error.setting, "environment");
        assert!(error.reason.contains("Environment::gateway"), "{error}");
    }

    #[test]
    fn parse_rejects_unknown_name() {
        let error = Environment::parse("us-east-7").unwrap_err();
        assert_eq!(error.value, "us-east-7");
        assert!(error.reason.contains("us-east-1"), "{error}");
    }

    #[test]
    fn parse_rejects_empty() {
        let error = Environment::parse("   ").unwrap_err();
        assert_eq!(error.setting, "environment");
    }

    #[test]
    fn parse_rejects_path() {
        let error = Environment::parse("mypurecloud.com/api").unwrap_err();
        assert!(
            error.to_string().contains("\"mypurecloud.com/api\""),
            "{error}"
        );
        assert!(error.reason.contains("path"), "{error}");
    }

    #[test]
    fn domain_rejections_name_value() {
        let cases = [
            ("", "is empty"),
            (" mypurecloud.com", "whitespace"),
            ("mypurecloud .com", "whitespace"),
            ("mypurecloud.com/api", "contains a path"),
            ("https://mypurecloud.com", "contains a scheme"),
            ("mypurecloud.com:443", "contains a port"),
            ("10.1.2.3", "IP address"),
            ("my*purecloud.com", "invalid character '*'"),
            ("user@mypurecloud.com", "invalid character '@'"),
            ("mypurecloud..com", "empty label"),
            ("-mypurecloud.com", "starts or ends with '-'"),
            ("mypurecloud", "single label"),
        ];
        for (value, reason) in cases {
            let error = Environment::domain(value).unwrap_err();
            assert_eq!(error.setting, "domain", "{value:?}");
            assert_eq!(error.value, value, "{value:?}");
            assert!(error.reason.contains(reason), "{value:?}: {error}");
        }
    }

    #[test]
    fn domain_rejects_long_label() {
        let value = format!("{}.pure.cloud", "a".repeat(64));
        let error = Environment::domain(&value).unwrap_err();
        assert!(error.reason.contains("maximum of 63"), "{error}");
    }

    #[test]
    fn gateway_default_urls() {
        let environment = gateway(Gateway::new("gateway.example.com"));
        assert_eq!(
            environment.login_url("/oauth/token"),
            "https://gateway.example.com/oauth/token"
        );
        assert_eq!(
            environment.api_url("/api/v2/users/me").unwrap(),
            "https://gateway.example.com/api/v2/users/me"
        );
    }

    #[test]
    fn gateway_login_url_with_port_and_prefix() {
        let environment = gateway(
            Gateway::new("gateway.example.com")
                .port(8443)
                .login_prefix("/genesys/login"),
        );
        assert_eq!(
            environment.login_url("/oauth/token"),
            "https://gateway.example.com:8443/genesys/login/oauth/token"
        );
    }

    #[test]
    fn gateway_api_url_with_port_and_prefix() {
        let environment = gateway(
            Gateway::new("gateway.example.com")
                .port(8443)
                .api_prefix("genesys/api/"),
        );
        assert_eq!(
            environment
                .api_url("/api/v2/users/me?expand=presence")
                .unwrap(),
            "https://gateway.example.com:8443/genesys/api/api/v2/users/me?expand=presence"
        );
    }

    #[test]
    fn gateway_prefixes_are_separate() {
        let environment = gateway(
            Gateway::new("gw.example.com")
                .login_prefix("login")
                .api_prefix("api"),
        );
        assert_eq!(environment.login_base().prefix(), "/login");
        assert_eq!(environment.api_base().prefix(), "/api");
    }

    #[test]
    fn gateway_prefix_slashes_normalised() {
        for prefix in ["a/b", "/a/b", "/a/b/", "//a//b//"] {
            let environment = gateway(Gateway::new("gw.example.com").api_prefix(prefix));
            assert_eq!(environment.api_base().prefix(), "/a/b", "{prefix:?}");
        }
    }

    #[test]
    fn gateway_root_prefix_is_empty() {
        let environment = gateway(Gateway::new("gw.example.com").api_prefix("/"));
        assert_eq!(environment.api_base().prefix(), "");
    }

    #[test]
    fn gateway_http_with_ip_and_port() {
        let environment = gateway(Gateway::new("127.0.0.1").scheme(Scheme::HTTP).port(8080));
        assert_eq!(
            environment.login_url("oauth/token"),
            "http://127.0.0.1:8080/oauth/token"
        );
    }

    #[test]
    fn gateway_ipv6_gets_brackets() {
        let environment = gateway(Gateway::new("::1").scheme(Scheme::HTTP).port(8080));
        assert_eq!(environment.api_authority().as_str(), "[::1]:8080");
    }

    #[test]
    fn gateway_host_is_lowercased() {
        let environment = gateway(Gateway::new("GW.Example.COM"));
        assert_eq!(environment.api_base().host(), "gw.example.com");
    }

    #[test]
    fn gateway_api_authority_includes_port() {
        let environment = gateway(Gateway::new("gw.example.com").port(9443));
        assert_eq!(environment.api_authority().as_str(), "gw.example.com:9443");
        assert_eq!(environment.api_base().port(), Some(9443));
    }

    #[test]
    fn gateway_host_rejections_name_value() {
        let cases = [
            ("", "is empty"),
            ("gw example.com", "whitespace"),
            ("https://gw.example.com", "Gateway::scheme"),
            ("gw.example.com/api", "Gateway::api_prefix"),
            ("gw.example.com:8443", "Gateway::port"),
            ("gw!.example.com", "invalid character '!'"),
        ];
        for (value, reason) in cases {
            let error = Environment::gateway(Gateway::new(value)).unwrap_err();
            assert_eq!(error.setting, "gateway host", "{value:?}");
            assert_eq!(error.value, value, "{value:?}");
            assert!(error.reason.contains(reason), "{value:?}: {error}");
        }
    }

    #[test]
    fn gateway_rejects_port_zero() {
        let error = Environment::gateway(Gateway::new("gw.example.com").port(0)).unwrap_err();
        assert_eq!(error.setting, "gateway port");
        assert_eq!(error.value, "0");
    }

    #[test]
    fn gateway_rejects_other_scheme() {
        let scheme = Scheme::try_from("ftp").unwrap();
        let error =
            Environment::gateway(Gateway::new("gw.example.com").scheme(scheme)).unwrap_err();
        assert_eq!(error.setting, "gateway scheme");
        assert_eq!(error.value, "ftp");
    }

    #[test]
    fn gateway_prefix_rejections_name_value() {
        let cases = [
            ("/api v2", "whitespace"),
            ("/api?x=1", "'?'"),
            ("/api/../admin", "'..'"),
            ("/a<b", "percent-encode"),
            ("/a%zz", "percent-encode"),
        ];
        for (value, reason) in cases {
            let error =
                Environment::gateway(Gateway::new("gw.example.com").api_prefix(value)).unwrap_err();
            assert_eq!(error.setting, "gateway API prefix", "{value:?}");
            assert_eq!(error.value, value, "{value:?}");
            assert!(error.reason.contains(reason), "{value:?}: {error}");
        }
    }

    #[test]
    fn gateway_login_prefix_rejection_names_setting() {
        let error =
            Environment::gateway(Gateway::new("gw.example.com").login_prefix("a b")).unwrap_err();
        assert_eq!(error.setting, "gateway login prefix");
    }

    #[test]
    fn gateway_prefix_keeps_escapes() {
        let environment = gateway(Gateway::new("gw.example.com").api_prefix("/a%20b"));
        assert_eq!(environment.api_base().prefix(), "/a%20b");
    }

    #[test]
    fn login_url_encodes_invalid_characters() {
        let environment = Environment::default();
        assert_eq!(
            environment.login_url("/oauth/a b#é?x=1"),
            "https://login.mypurecloud.com/oauth/a%20b%23%C3%A9?x=1"
        );
    }

    #[test]
    fn login_url_never_panics() {
        let environment = gateway(Gateway::new("gw.example.com").login_prefix("/p"));
        let every_char: String = (0u8..=127).map(char::from).chain(['é', '✓']).collect();
        let uri = environment.login_url(&every_char);
        assert_eq!(uri.host(), Some("gw.example.com"));
    }

    #[test]
    fn api_url_rejects_relative_path() {
        let error = Environment::default().api_url("api/v2/users").unwrap_err();
        assert_eq!(error.setting, "request path");
        assert_eq!(error.value, "api/v2/users");
    }

    #[test]
    fn api_url_rejects_fragment() {
        let error = Environment::default()
            .api_url("/api/v2/users#x")
            .unwrap_err();
        assert!(error.reason.contains("%23"), "{error}");
    }

    #[test]
    fn api_url_error_omits_query() {
        let error = Environment::default()
            .api_url("/api/v2/a b?q=private")
            .unwrap_err();
        assert_eq!(error.value, "/api/v2/a b");
    }

    #[test]
    fn base_uri_display() {
        let environment = gateway(Gateway::new("gw.example.com").port(8443).api_prefix("/g"));
        assert_eq!(
            environment.api_base().to_string(),
            "https://gw.example.com:8443/g"
        );
    }
}
