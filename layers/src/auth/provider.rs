//! The token provider: holds the current token, refreshes it before expiry,
//! and makes concurrent callers share one in-flight token request.
//!
//! Reading a fresh token takes a read lock for a pointer copy; no lock is
//! held across an await. When the token is missing or due for refresh, the
//! first caller starts the token request as a spawned shared future and
//! every other caller awaits the same future, bounded by the token wait.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use futures_util::future::{BoxFuture, FutureExt, Shared};
use http::{Request, Response, Uri};
use tower::util::BoxCloneSyncService;
use tower::ServiceExt;

use super::credentials::Credentials;
use super::error::{OAuthError, OAuthErrorKind};
use super::grant::{parse_response, TokenForm};
use super::secret::SecretString;
use super::token::{refresh_at, Token, DEFAULT_REFRESH_JITTER, DEFAULT_REFRESH_MARGIN};
use crate::body::Body;
use crate::error::{target_of, BoxError};
use crate::operation::Operation;
use crate::time::{default_clock, SharedClock};

/// The service token requests go through: usually retry, tracing and the
/// shared transport, so the login host uses the same connection pool.
pub type LoginService = BoxCloneSyncService<Request<Body>, Response<Body>, BoxError>;

/// Default bound on how long a call waits for a token request.
pub const DEFAULT_TOKEN_WAIT: Duration = Duration::from_secs(60);

/// The operation recorded for token requests in spans and logs.
pub const TOKEN_OPERATION: Operation = Operation {
    id: "postOauthToken",
    path_template: "/oauth/token",
};

/// When tokens are refreshed and how long calls wait for them.
#[derive(Clone, Debug)]
pub struct TokenSettings {
    /// The clock used for expiry decisions (default: the real clock).
    pub clock: SharedClock,
    /// How long before expiry a token is refreshed (default 60 s).
    pub refresh_margin: Duration,
    /// Upper bound of the random time added to the margin (default 30 s).
    pub refresh_jitter: Duration,
    /// How long a call waits for a token request (default 60 s).
    pub token_wait: Duration,
}

impl Default for TokenSettings {
    fn default() -> Self {
        Self {
            clock: default_clock(),
            refresh_margin: DEFAULT_REFRESH_MARGIN,
            refresh_jitter: DEFAULT_REFRESH_JITTER,
            token_wait: DEFAULT_TOKEN_WAIT,
        }
    }
}

type SharedFetch = Shared<BoxFuture<'static, Result<Arc<Token>, OAuthError>>>;

/// Obtains, caches and refreshes access tokens. Cloning shares the cache.
#[derive(Clone)]
pub struct TokenProvider {
    shared: Arc<ProviderState>,
}

struct ProviderState {
    credentials: Credentials,
    token_url: Uri,
    login: LoginService,
    clock: SharedClock,
    refresh_margin: Duration,
    refresh_jitter: Duration,
    token_wait: Duration,
    current: RwLock<Option<Arc<Token>>>,
    refresh_token: Mutex<Option<SecretString>>,
    code_used: AtomicBool,
    in_flight: Mutex<Option<SharedFetch>>,
}

impl std::fmt::Debug for TokenProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenProvider")
            .field("grant", &self.shared.credentials.grant_name())
            .field("token_url", &format_args!("{}", self.shared.token_url))
            .finish_non_exhaustive()
    }
}

impl TokenProvider {
    /// Creates a provider that posts token requests to `token_url` (the
    /// login base's `/oauth/token`) through `login`.
    pub fn new(credentials: Credentials, token_url: Uri, login: LoginService) -> Self {
        Self::with_settings(credentials, token_url, login, TokenSettings::default())
    }

    /// Creates a provider with explicit refresh and wait settings.
    pub fn with_settings(
        credentials: Credentials,
        token_url: Uri,
        login: LoginService,
        settings: TokenSettings,
    ) -> Self {
        let current = match &credentials {
            Credentials::AccessToken(token) => Some(Arc::new(Token {
                access_token: token.clone(),
                refresh_token: None,
                expires_at: None,
                refresh_at: None,
            })),
            _ => None,
        };

        let refresh_token = match &credentials {
            Credentials::RefreshToken { refresh_token, .. } => Some(refresh_token.clone()),
            _ => None,
        };

        let state = ProviderState {
            credentials,
            token_url,
            login,
            clock: settings.clock,
            refresh_margin: settings.refresh_margin,
            refresh_jitter: settings.refresh_jitter,
            token_wait: settings.token_wait,
            current: RwLock::new(current),
            refresh_token: Mutex::new(refresh_token),
            code_used: AtomicBool::new(false),
            in_flight: Mutex::new(None),
        };

        Self {
            shared: Arc::new(state),
        }
    }

    /// Returns true when a rejected token can be replaced by a new request.
    pub fn can_refresh(&self) -> bool {
        !matches!(self.shared.credentials, Credentials::AccessToken(_))
    }

    /// Returns the current token, requesting a new one when it is missing or
    /// due for refresh.
    pub async fn token(&self) -> Result<Arc<Token>, OAuthError> {
        if let Some(token) = self.fresh_token() {
            return Ok(token);
        }

        let fetch = {
            let mut in_flight = lock(&self.shared.in_flight);

            // Another call may have stored a token since the check above.
            if let Some(token) = self.fresh_token() {
                return Ok(token);
            }

            match in_flight.as_ref() {
                Some(fetch) => fetch.clone(),
                None => {
                    let fetch = self.clone().fetch().boxed().shared();
                    *in_flight = Some(fetch.clone());
                    // Spawned so the request completes even when the call
                    // that started it is cancelled.
                    tokio::spawn(fetch.clone());
                    fetch
                }
            }
        };

        match tokio::time::timeout(self.shared.token_wait, fetch).await {
            Ok(result) => result,
            Err(_) => Err(OAuthError::new(
                OAuthErrorKind::WaitTimedOut,
                self.shared.credentials.grant_name(),
                target_of(&self.shared.token_url),
            )),
        }
    }

    /// Drops `rejected` if it is still the current token, so the next
    /// [`TokenProvider::token`] call requests a new one. Calls that were
    /// rejected with an older token do not drop a newer one.
    pub fn invalidate(&self, rejected: &Arc<Token>) {
        if !self.can_refresh() {
            return;
        }

        let mut current = write(&self.shared.current);
        if current
            .as_ref()
            .is_some_and(|token| Arc::ptr_eq(token, rejected))
        {
            *current = None;
        }
    }

    fn fresh_token(&self) -> Option<Arc<Token>> {
        let now = self.shared.clock.now();
        read(&self.shared.current)
            .as_ref()
            .filter(|token| token.is_fresh(now))
            .cloned()
    }

    async fn fetch(self) -> Result<Arc<Token>, OAuthError> {
        let result = self.request_token().await;

        if let Ok(token) = &result {
            *write(&self.shared.current) = Some(token.clone());
        }
        *lock(&self.shared.in_flight) = None;

        result
    }

    async fn request_token(&self) -> Result<Arc<Token>, OAuthError> {
        let state = &self.shared;
        let login_host = target_of(&state.token_url);

        let form = self.next_form().ok_or_else(|| {
            OAuthError::new(
                OAuthErrorKind::NotRefreshable,
                state.credentials.grant_name(),
                login_host.clone(),
            )
        })?;
        let grant = form.grant;

        let mut request = form.into_request(&state.token_url);
        request.extensions_mut().insert(TOKEN_OPERATION);

        let response = state
            .login
            .clone()
            .oneshot(request)
            .await
            .map_err(|error| {
                let mut oauth =
                    OAuthError::new(OAuthErrorKind::Transport, grant, login_host.clone());
                oauth.source = Some(Arc::from(error));
                oauth
            })?;

        let issued = parse_response(&response, grant, &state.token_url)?;

        if grant == "authorization_code" {
            state.code_used.store(true, Ordering::SeqCst);
        }
        if let Some(refresh_token) = &issued.refresh_token {
            *lock(&state.refresh_token) = Some(refresh_token.clone());
        }

        let now = state.clock.now();
        let mut rng = rand::rng();
        let token = Token {
            access_token: issued.access_token,
            refresh_token: issued.refresh_token,
            expires_at: issued.expires_in.map(|lifetime| now + lifetime),
            refresh_at: issued.expires_in.map(|lifetime| {
                refresh_at(
                    now,
                    lifetime,
                    state.refresh_margin,
                    state.refresh_jitter,
                    &mut rng,
                )
            }),
        };

        tracing::debug!(grant, login_host = %login_host, "obtained access token");
        Ok(Arc::new(token))
    }

    /// Picks the request: a refresh when a refresh token is known, else the
    /// initial grant, unless it was a code that is already spent.
    fn next_form(&self) -> Option<TokenForm> {
        let state = &self.shared;

        if let Some(refresh_token) = lock(&state.refresh_token).clone() {
            return TokenForm::refresh(&state.credentials, &refresh_token);
        }

        let code_grant = matches!(
            state.credentials,
            Credentials::AuthorizationCode { .. } | Credentials::Pkce { .. }
        );
        if code_grant && state.code_used.load(Ordering::SeqCst) {
            return None;
        }

        TokenForm::initial(&state.credentials)
    }
}

// Poisoning only means another thread panicked while holding the lock; the
// guarded values are replaced whole, so they are still consistent.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|e| e.into_inner())
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|e| e.into_inner())
}
