//! The OAuth grants a client can authenticate with.

use super::pkce::CodeVerifier;
use super::secret::SecretString;

/// How the client obtains access tokens. Secrets are [`SecretString`]s, so
/// `Debug` never prints them.
///
/// ```
/// use purecloud_layers::auth::Credentials;
///
/// let credentials = Credentials::client_credentials("my-client-id", "my-client-secret");
/// assert!(!format!("{credentials:?}").contains("my-client-secret"));
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Credentials {
    /// The client credentials grant, for services without a user.
    ClientCredentials {
        /// The OAuth client id.
        client_id: String,
        /// The OAuth client secret.
        client_secret: SecretString,
    },
    /// The SAML2 bearer grant: exchanges a SAML assertion from the
    /// organization's identity provider for a user token.
    Saml2Bearer {
        /// The OAuth client id.
        client_id: String,
        /// The OAuth client secret.
        client_secret: SecretString,
        /// The base64-encoded SAML assertion.
        assertion: SecretString,
        /// The Genesys Cloud organization name.
        org_name: String,
    },
    /// The authorization code grant: exchanges the code from the login
    /// redirect once, then refreshes with the refresh token it returns.
    AuthorizationCode {
        /// The OAuth client id.
        client_id: String,
        /// The OAuth client secret.
        client_secret: SecretString,
        /// The code from the redirect.
        code: SecretString,
        /// The redirect URI the code was issued for.
        redirect_uri: String,
    },
    /// The authorization code grant with PKCE, for public clients without a
    /// secret.
    Pkce {
        /// The OAuth client id.
        client_id: String,
        /// The code from the redirect.
        code: SecretString,
        /// The redirect URI the code was issued for.
        redirect_uri: String,
        /// The verifier whose challenge was sent to the authorize endpoint.
        code_verifier: CodeVerifier,
    },
    /// A refresh token obtained earlier by an authorization code grant.
    RefreshToken {
        /// The OAuth client id.
        client_id: String,
        /// The OAuth client secret.
        client_secret: SecretString,
        /// The refresh token.
        refresh_token: SecretString,
    },
    /// An access token the caller already holds. It is never refreshed; when
    /// the API rejects it, calls fail with the 401.
    AccessToken(SecretString),
}

impl Credentials {
    /// The client credentials grant.
    pub fn client_credentials(
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
    ) -> Self {
        Self::ClientCredentials {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
        }
    }

    /// The SAML2 bearer grant.
    pub fn saml2_bearer(
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
        assertion: impl Into<SecretString>,
        org_name: impl Into<String>,
    ) -> Self {
        Self::Saml2Bearer {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            assertion: assertion.into(),
            org_name: org_name.into(),
        }
    }

    /// The authorization code grant.
    pub fn authorization_code(
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
        code: impl Into<SecretString>,
        redirect_uri: impl Into<String>,
    ) -> Self {
        Self::AuthorizationCode {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            code: code.into(),
            redirect_uri: redirect_uri.into(),
        }
    }

    /// The authorization code grant with PKCE.
    pub fn pkce(
        client_id: impl Into<String>,
        code: impl Into<SecretString>,
        redirect_uri: impl Into<String>,
        code_verifier: CodeVerifier,
    ) -> Self {
        Self::Pkce {
            client_id: client_id.into(),
            code: code.into(),
            redirect_uri: redirect_uri.into(),
            code_verifier,
        }
    }

    /// A refresh token from an earlier authorization code grant.
    pub fn refresh_token(
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
        refresh_token: impl Into<SecretString>,
    ) -> Self {
        Self::RefreshToken {
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            refresh_token: refresh_token.into(),
        }
    }

    /// An access token the caller already holds.
    pub fn access_token(token: impl Into<SecretString>) -> Self {
        Self::AccessToken(token.into())
    }

    /// Returns the grant's name as sent in `grant_type`, or `access_token`
    /// for a caller-supplied token.
    pub fn grant_name(&self) -> &'static str {
        match self {
            Self::ClientCredentials { .. } => "client_credentials",
            Self::Saml2Bearer { .. } => "urn:ietf:params:oauth:grant-type:saml2-bearer",
            Self::AuthorizationCode { .. } | Self::Pkce { .. } => "authorization_code",
            Self::RefreshToken { .. } => "refresh_token",
            Self::AccessToken(_) => "access_token",
        }
    }
}
