//! Issued access tokens, refresh tokens, authorization codes and the SAML2
//! assertion, and the bearer check on API requests.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine as _;
use sha2::{Digest, Sha256};
use tokio::time::Instant;

use crate::ids::{random_token, random_uuid};
use crate::record::lock;

/// Whose behalf a token acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Subject {
    /// A client credentials token, which has no user context.
    Client,
    /// A token from a user grant (authorization code, PKCE, SAML2, refresh).
    User,
}

/// An access token as issued to the client.
#[derive(Debug, Clone)]
pub(crate) struct Issued {
    pub(crate) access_token: String,
    pub(crate) expires_in: u64,
    pub(crate) refresh_token: Option<String>,
}

/// Reason a bearer token was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BearerError {
    /// No `Authorization: Bearer ...` header.
    Missing,
    /// A token that was never issued, has expired or was expired by
    /// `Controls::expire_tokens`.
    Invalid,
}

/// Reason an authorization code was not redeemed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CodeError {
    Unknown,
    RedirectMismatch,
    VerifierMissing,
    VerifierMismatch,
    NotPkce,
}

#[derive(Debug)]
struct AccessToken {
    subject: Subject,
    expires_at: Instant,
}

#[derive(Debug)]
struct AuthorizationCode {
    redirect_uri: String,
    code_challenge: Option<String>,
}

#[derive(Debug)]
struct Store {
    ttl: Duration,
    access: HashMap<String, AccessToken>,
    refresh: HashMap<String, Subject>,
    codes: HashMap<String, AuthorizationCode>,
}

/// The token state, shared by all connections.
#[derive(Debug)]
pub(crate) struct Tokens {
    store: Mutex<Store>,
    saml_assertion: String,
}

impl Tokens {
    pub(crate) fn new(ttl: Duration) -> Self {
        let assertion = format!(
            "<saml2:Assertion xmlns:saml2=\"urn:oasis:names:tc:SAML:2.0:assertion\" \
             ID=\"_{}\"><saml2:Subject>sandbox-user</saml2:Subject></saml2:Assertion>",
            random_uuid()
        );

        Tokens {
            store: Mutex::new(Store {
                ttl,
                access: HashMap::new(),
                refresh: HashMap::new(),
                codes: HashMap::new(),
            }),
            saml_assertion: STANDARD.encode(assertion),
        }
    }

    pub(crate) fn set_ttl(&self, ttl: Duration) {
        lock(&self.store).ttl = ttl;
    }

    /// Rejects every access token issued so far. Refresh tokens stay valid.
    pub(crate) fn expire_all(&self) {
        lock(&self.store).access.clear();
    }

    pub(crate) fn saml_assertion(&self) -> &str {
        &self.saml_assertion
    }

    /// Issues an access token, and a refresh token as `refresh` specifies.
    /// An existing refresh token passed in `refresh` is returned again.
    pub(crate) fn issue(&self, subject: Subject, refresh: RefreshToken) -> Issued {
        let access_token = random_token(48);
        let mut store = lock(&self.store);

        let ttl = store.ttl;
        store.access.insert(
            access_token.clone(),
            AccessToken {
                subject,
                expires_at: Instant::now() + ttl,
            },
        );

        let refresh_token = match refresh {
            RefreshToken::None => None,
            RefreshToken::New => {
                let token = random_token(48);
                store.refresh.insert(token.clone(), subject);
                Some(token)
            }
            RefreshToken::Keep(token) => Some(token),
        };

        Issued {
            access_token,
            expires_in: ttl.as_secs(),
            refresh_token,
        }
    }

    /// Returns the subject of a live refresh token.
    pub(crate) fn refresh_subject(&self, refresh_token: &str) -> Option<Subject> {
        lock(&self.store).refresh.get(refresh_token).copied()
    }

    /// Checks the `Authorization` header value of an API request.
    pub(crate) fn authorize(&self, authorization: Option<&[u8]>) -> Result<Subject, BearerError> {
        let token = authorization
            .and_then(bearer_token)
            .ok_or(BearerError::Missing)?;

        let mut store = lock(&self.store);
        let Some(entry) = store.access.get(token) else {
            return Err(BearerError::Invalid);
        };

        if Instant::now() >= entry.expires_at {
            store.access.remove(token);
            return Err(BearerError::Invalid);
        }

        Ok(entry.subject)
    }

    pub(crate) fn issue_code(&self, redirect_uri: &str, code_challenge: Option<&str>) -> String {
        let code = random_token(24);
        lock(&self.store).codes.insert(
            code.clone(),
            AuthorizationCode {
                redirect_uri: redirect_uri.to_owned(),
                code_challenge: code_challenge.map(str::to_owned),
            },
        );
        code
    }

    /// Redeems an authorization code. `pkce` is true for the public client
    /// flow without HTTP Basic auth, which only accepts codes issued with a
    /// challenge. A code is removed only when it is redeemed, so a failed
    /// attempt leaves it usable.
    pub(crate) fn redeem_code(
        &self,
        code: &str,
        redirect_uri: &str,
        code_verifier: Option<&str>,
        pkce: bool,
    ) -> Result<(), CodeError> {
        let mut store = lock(&self.store);
        let entry = store.codes.get(code).ok_or(CodeError::Unknown)?;

        if entry.redirect_uri != redirect_uri {
            return Err(CodeError::RedirectMismatch);
        }

        match (&entry.code_challenge, code_verifier) {
            (None, _) if pkce => return Err(CodeError::NotPkce),
            (None, _) => {}
            (Some(_), None) => return Err(CodeError::VerifierMissing),
            (Some(challenge), Some(verifier)) => {
                if s256_challenge(verifier) != *challenge {
                    return Err(CodeError::VerifierMismatch);
                }
            }
        }

        store.codes.remove(code);
        Ok(())
    }
}

/// Whether and how a newly issued token carries a refresh token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RefreshToken {
    None,
    New,
    Keep(String),
}

/// Returns the PKCE S256 challenge of `verifier`: base64url without padding
/// of its SHA-256 digest (RFC 7636, section 4.2).
pub(crate) fn s256_challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// Extracts the token from `Bearer <token>`, with the scheme matched
/// case-insensitively.
fn bearer_token(value: &[u8]) -> Option<&str> {
    let value = std::str::from_utf8(value).ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();

    if scheme.eq_ignore_ascii_case("bearer") && !token.is_empty() {
        Some(token)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_matches_rfc7636_example() {
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(
            s256_challenge(verifier),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn bearer_scheme_case_insensitive() {
        assert_eq!(bearer_token(b"bearer abc"), Some("abc"));
        assert_eq!(bearer_token(b"Basic abc"), None);
        assert_eq!(bearer_token(b"Bearer "), None);
    }

    #[tokio::test]
    async fn code_kept_after_failed_redeem() {
        let tokens = Tokens::new(Duration::from_secs(60));
        let code = tokens.issue_code("http://localhost/cb", None);
        assert_eq!(
            tokens.redeem_code(&code, "http://localhost/other", None, false),
            Err(CodeError::RedirectMismatch)
        );
        assert_eq!(
            tokens.redeem_code(&code, "http://localhost/cb", None, false),
            Ok(())
        );
    }
}
