//! [`Controls`]: the test-facing handle for faults, tokens and counters.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use http::StatusCode;

use crate::record::RecordedRequest;
use crate::state::State;

/// Fault injection, token control and request counters of one sandbox.
///
/// Cheap to clone, and every clone controls the same server. Faults apply
/// to API requests (paths under `/api/v2`) and each fault is taken by one
/// request. When several are pending, a drop goes first, then a rate
/// limit, then a failure, then a canned response.
///
/// ```no_run
/// # async fn run() -> std::io::Result<()> {
/// let sandbox = purecloud_sandbox::Sandbox::start().await?;
/// let controls = sandbox.controls().clone();
///
/// controls.fail_next(2, 503);
/// // ... two API requests get 503, the third is served normally ...
/// assert_eq!(controls.requests_to("/api/v2/users/me"), 0);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Controls {
    state: Arc<State>,
}

/// Shows no state, because the state contains live tokens.
impl fmt::Debug for Controls {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.debug_struct("Controls").finish_non_exhaustive()
    }
}

impl Controls {
    pub(crate) fn new(state: Arc<State>) -> Self {
        Controls { state }
    }

    /// Rejects the next `count` API requests with 429, a `Retry-After`
    /// header of `retry_after_secs` and a `too.many.requests` error body.
    /// Replaces any rate limit still pending.
    pub fn rate_limit_next(&self, count: usize, retry_after_secs: u64) {
        self.state.faults.rate_limit_next(count, retry_after_secs);
    }

    /// Fails the next `count` API requests with `status` and an error
    /// body. Replaces any failure still pending.
    ///
    /// # Panics
    ///
    /// Panics when `status` is not a valid HTTP status code (100 to 999).
    pub fn fail_next(&self, count: usize, status: u16) {
        self.state.faults.fail_next(count, status_code(status));
    }

    /// Reads each of the next `count` API requests in full, then closes its
    /// TCP connection without a response. On HTTP/2 this closes every other
    /// stream of that connection too.
    pub fn drop_next(&self, count: usize) {
        self.state.faults.drop_next(count);
    }

    /// Sleeps for `delay` before responding to each API request. Zero
    /// turns the delay off. Login requests are not delayed.
    pub fn set_delay(&self, delay: Duration) {
        self.state.faults.set_delay(delay);
    }

    /// Sends `status` and `body` as the response to the next request to
    /// `path`, with the body unchanged and typed `application/json`, for
    /// example to test decode errors. `path` has no prefix and no query, as
    /// in [`requests_to`]. It may be a login path such as `/oauth/token` as
    /// well as an API path. Several calls for one path queue up in order.
    ///
    /// [`requests_to`]: Controls::requests_to
    ///
    /// # Panics
    ///
    /// Panics when `status` is not a valid HTTP status code (100 to 999).
    pub fn respond_next(&self, path: &str, status: u16, body: &str) {
        self.state
            .faults
            .respond_next(path, status_code(status), body);
    }

    /// Sets the lifetime of tokens issued from now on. Their `expires_in`
    /// is `ttl` in whole seconds, and API requests with them get 401 once
    /// `ttl` has passed. Tokens already issued keep their lifetime.
    pub fn set_token_ttl(&self, ttl: Duration) {
        self.state.tokens.set_ttl(ttl);
    }

    /// Rejects every access token issued so far with 401
    /// `bad.credentials`. Refresh tokens stay valid, so a client can
    /// recover with the refresh token grant.
    pub fn expire_tokens(&self) {
        self.state.tokens.expire_all();
    }

    /// Issues an authorization code for the authorization code grant, as
    /// the login page would after the user signs in. The token request must
    /// send the same `redirect_uri`. A code is used up once it is redeemed.
    pub fn issue_authorization_code(&self, redirect_uri: &str) -> String {
        self.state.tokens.issue_code(redirect_uri, None)
    }

    /// Issues an authorization code for the PKCE grant. `code_challenge` is
    /// the S256 challenge: the base64url SHA-256 digest, without padding,
    /// of the verifier that the token request must send.
    pub fn issue_pkce_code(&self, redirect_uri: &str, code_challenge: &str) -> String {
        self.state
            .tokens
            .issue_code(redirect_uri, Some(code_challenge))
    }

    /// Returns the base64 SAML2 assertion that the saml2-bearer grant
    /// accepts. Every sandbox has its own.
    pub fn saml_assertion(&self) -> String {
        self.state.tokens.saml_assertion().to_owned()
    }

    /// Returns the number of `/oauth/token` requests received, whatever
    /// their method or outcome.
    pub fn token_requests(&self) -> usize {
        self.state.recorder.token_requests()
    }

    /// Returns the number of requests whose path equals `path`, compared
    /// without the configured prefix and without the query.
    pub fn requests_to(&self, path: &str) -> usize {
        self.state.recorder.requests_to(path)
    }

    /// Returns a copy of every request received since start or the last
    /// [`reset_counters`](Controls::reset_counters), in arrival order.
    pub fn recorded(&self) -> Vec<RecordedRequest> {
        self.state.recorder.recorded()
    }

    /// Turns keeping copies of requests for [`recorded`](Controls::recorded)
    /// on or off. It is on by default, and benchmarks can turn it off so
    /// memory stays flat. Counters keep counting either way.
    pub fn set_recording(&self, on: bool) {
        self.state.recorder.set_recording(on);
    }

    /// Sets every counter to zero and clears the recorded requests. Faults
    /// and tokens are not affected.
    pub fn reset_counters(&self) {
        self.state.recorder.reset();
    }
}

fn status_code(status: u16) -> StatusCode {
    match StatusCode::from_u16(status) {
        Ok(code) => code,
        Err(_) => panic!("invalid HTTP status code {status}: use a value from 100 to 999"),
    }
}
