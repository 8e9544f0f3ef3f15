//! OAuth for the Platform API: the grants ([`Credentials`]), the token
//! provider with refresh and single flight ([`TokenProvider`]), and the
//! layer that sets the bearer token ([`OAuthLayer`]).

mod credentials;
mod error;
mod grant;
mod layer;
mod pkce;
mod provider;
mod secret;
mod token;

pub use credentials::Credentials;
pub use error::{OAuthError, OAuthErrorKind};
pub use layer::{is_api_target, OAuth, OAuthLayer};
pub use pkce::{challenge_s256, CodeVerifier, MAX_VERIFIER_LEN, MIN_VERIFIER_LEN};
pub use provider::{
    LoginService, TokenProvider, TokenSettings, DEFAULT_TOKEN_WAIT, TOKEN_OPERATION,
};
pub use secret::SecretString;
pub use token::{refresh_at, Token, DEFAULT_REFRESH_JITTER, DEFAULT_REFRESH_MARGIN};
