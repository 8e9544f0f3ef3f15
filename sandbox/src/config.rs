//! Start-up settings of a sandbox and how its path prefixes route requests.

use std::time::Duration;

/// Settings for [`Sandbox::start_with`](crate::Sandbox::start_with).
///
/// ```
/// use purecloud_sandbox::SandboxConfig;
///
/// // A gateway that serves login under /login-gw and the API under /api-gw.
/// let config = SandboxConfig {
///     login_prefix: "/login-gw".into(),
///     api_prefix: "/api-gw".into(),
///     ..SandboxConfig::default()
/// };
/// assert_eq!(config.users, 60);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SandboxConfig {
    /// Number of users in the `GET /api/v2/users` listing. Default 60.
    pub users: usize,
    /// Path prefix in front of `/api/v2/...`, as a gateway adds it, for
    /// example `/api-gw`. Default empty. When set, API paths without it get
    /// 404, and every URI in a response body (`selfUri`, `nextUri`, ...)
    /// includes it.
    pub api_prefix: String,
    /// Path prefix in front of `/oauth/token`, for example `/login-gw`.
    /// Default empty. When set, login paths without it get 404.
    pub login_prefix: String,
    /// Lifetime of issued access tokens, sent as `expires_in` in whole
    /// seconds. Default 86,400 s, the Platform API's default for client
    /// credentials tokens.
    pub token_ttl: Duration,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            users: 60,
            api_prefix: String::new(),
            login_prefix: String::new(),
            token_ttl: Duration::from_secs(86_400),
        }
    }
}

/// Destination of a request, decided from its path alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route<'a> {
    /// A login path (`/oauth/...`), with the login prefix removed.
    Login(&'a str),
    /// An API path (`/api/v2` or below), with the API prefix removed.
    Api(&'a str),
    /// Any other path, with whichever configured prefix it starts with
    /// removed, for counting.
    Outside(&'a str),
}

impl<'a> Route<'a> {
    /// Returns the path without its prefix, as `Controls::requests_to` matches it.
    pub(crate) fn path(&self) -> &'a str {
        match self {
            Route::Login(path) | Route::Api(path) | Route::Outside(path) => path,
        }
    }
}

/// The login and API path prefixes, normalized to `""` or `/segment...`
/// without a trailing slash.
#[derive(Debug, Clone)]
pub(crate) struct Prefixes {
    pub(crate) login: String,
    pub(crate) api: String,
}

impl Prefixes {
    pub(crate) fn new(login: &str, api: &str) -> Self {
        Prefixes {
            login: normalize_prefix(login),
            api: normalize_prefix(api),
        }
    }

    /// Classifies a raw request path (without query) by its prefix.
    pub(crate) fn classify<'a>(&self, path: &'a str) -> Route<'a> {
        if let Some(rest) = strip_prefix(path, &self.login) {
            if rest == "/oauth" || rest.starts_with("/oauth/") {
                return Route::Login(rest);
            }
        }

        if let Some(rest) = strip_prefix(path, &self.api) {
            if rest == "/api/v2" || rest.starts_with("/api/v2/") {
                return Route::Api(rest);
            }
        }

        let rest = strip_prefix(path, &self.api)
            .filter(|_| !self.api.is_empty())
            .or_else(|| strip_prefix(path, &self.login))
            .unwrap_or(path);
        Route::Outside(rest)
    }
}

/// Turns `"api-gw/"`, `"/api-gw"` and `"/api-gw/"` into `"/api-gw"`, and
/// `""` or `"/"` into `""`.
fn normalize_prefix(prefix: &str) -> String {
    let trimmed = prefix.trim_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else {
        format!("/{trimmed}")
    }
}

/// Removes `prefix` when it is a whole number of leading path segments.
fn strip_prefix<'a>(path: &'a str, prefix: &str) -> Option<&'a str> {
    if prefix.is_empty() {
        return Some(path);
    }

    let rest = path.strip_prefix(prefix)?;
    if rest.starts_with('/') {
        Some(rest)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_normalized() {
        assert_eq!(normalize_prefix("api-gw/"), "/api-gw");
        assert_eq!(normalize_prefix("/"), "");
    }

    #[test]
    fn classify_without_prefixes() {
        let prefixes = Prefixes::new("", "");
        assert_eq!(
            prefixes.classify("/oauth/token"),
            Route::Login("/oauth/token")
        );
        assert_eq!(
            prefixes.classify("/api/v2/users"),
            Route::Api("/api/v2/users")
        );
        assert_eq!(prefixes.classify("/other"), Route::Outside("/other"));
    }

    #[test]
    fn classify_with_prefixes() {
        let prefixes = Prefixes::new("/login-gw", "/api-gw");
        assert_eq!(
            prefixes.classify("/login-gw/oauth/token"),
            Route::Login("/oauth/token")
        );
        assert_eq!(
            prefixes.classify("/api-gw/api/v2/users/me"),
            Route::Api("/api/v2/users/me")
        );
        assert_eq!(
            prefixes.classify("/api/v2/users/me"),
            Route::Outside("/api/v2/users/me")
        );
        assert_eq!(
            prefixes.classify("/api-gwx/api/v2/users"),
            Route::Outside("/api-gwx/api/v2/users")
        );
        assert_eq!(
            prefixes.classify("/api-gw/nothing"),
            Route::Outside("/nothing")
        );
    }
}
