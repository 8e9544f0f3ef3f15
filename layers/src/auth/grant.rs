//! Token requests: the form each grant posts to `/oauth/token`, and the
//! parsing of the token endpoint's answer.

use base64::Engine;
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use http::{HeaderValue, Method, Request, Response, Uri};
use serde::Deserialize;

use super::credentials::Credentials;
use super::error::{OAuthError, OAuthErrorKind};
use super::secret::SecretString;
use crate::body::Body;
use crate::error::target_of;

/// The form fields and client authentication of one token request.
pub(crate) struct TokenForm {
    pub(crate) grant: &'static str,
    fields: Vec<(&'static str, String)>,
    basic: Option<(String, SecretString)>,
}

impl TokenForm {
    /// The first request for these credentials.
    pub(crate) fn initial(credentials: &Credentials) -> Option<Self> {
        let form = match credentials {
            Credentials::ClientCredentials {
                client_id,
                client_secret,
            } => Self {
                grant: "client_credentials",
                fields: vec![("grant_type", "client_credentials".into())],
                basic: Some((client_id.clone(), client_secret.clone())),
            },
            Credentials::Saml2Bearer {
                client_id,
                client_secret,
                assertion,
                org_name,
            } => Self {
                grant: credentials.grant_name(),
                fields: vec![
                    ("grant_type", credentials.grant_name().into()),
                    ("orgName", org_name.clone()),
                    ("assertion", assertion.expose().to_owned()),
                ],
                basic: Some((client_id.clone(), client_secret.clone())),
            },
            Credentials::AuthorizationCode {
                client_id,
                client_secret,
                code,
                redirect_uri,
            } => Self {
                grant: "authorization_code",
                fields: vec![
                    ("grant_type", "authorization_code".into()),
                    ("code", code.expose().to_owned()),
                    ("redirect_uri", redirect_uri.clone()),
                ],
                basic: Some((client_id.clone(), client_secret.clone())),
            },
            Credentials::Pkce {
                client_id,
                code,
                redirect_uri,
                code_verifier,
            } => Self {
                grant: "authorization_code",
                fields: vec![
                    ("grant_type", "authorization_code".into()),
                    ("client_id", client_id.clone()),
                    ("code", code.expose().to_owned()),
                    ("redirect_uri", redirect_uri.clone()),
                    ("code_verifier", code_verifier.secret().expose().to_owned()),
                ],
                basic: None,
            },
            Credentials::RefreshToken { refresh_token, .. } => {
                return Self::refresh(credentials, refresh_token)
            }
            Credentials::AccessToken(_) => return None,
        };
        Some(form)
    }

    /// A refresh with a refresh token, authenticated the way the credentials'
    /// grant authenticates (Basic for confidential clients, `client_id` in
    /// the form for PKCE). SAML2 and client credentials have no refresh.
    pub(crate) fn refresh(credentials: &Credentials, refresh_token: &SecretString) -> Option<Self> {
        let mut fields = vec![
            ("grant_type", "refresh_token".into()),
            ("refresh_token", refresh_token.expose().to_owned()),
        ];

        let basic = match credentials {
            Credentials::AuthorizationCode {
                client_id,
                client_secret,
                ..
            }
            | Credentials::RefreshToken {
                client_id,
                client_secret,
                ..
            } => Some((client_id.clone(), client_secret.clone())),
            Credentials::Pkce { client_id, .. } => {
                fields.push(("client_id", client_id.clone()));
                None
            }
            _ => return None,
        };

        Some(Self {
            grant: "refresh_token",
            fields,
            basic,
        })
    }

    /// Builds `POST <login>/oauth/token` with a form body.
    pub(crate) fn into_request(self, token_url: &Uri) -> Request<Body> {
        let body = serde_urlencoded::to_string(&self.fields).unwrap_or_default();

        let mut request = Request::new(Body::from(body));
        *request.method_mut() = Method::POST;
        *request.uri_mut() = token_url.clone();

        let headers = request.headers_mut();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));

        if let Some((client_id, client_secret)) = self.basic {
            let pair = format!("{client_id}:{}", client_secret.expose());
            let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
            if let Ok(mut value) = HeaderValue::from_str(&format!("Basic {encoded}")) {
                value.set_sensitive(true);
                headers.insert(AUTHORIZATION, value);
            }
        }

        request
    }
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
    #[serde(default)]
    refresh_token: Option<String>,
}

#[derive(Deserialize)]
struct ErrorResponse {
    error: String,
    #[serde(default)]
    error_description: Option<String>,
    #[serde(default)]
    description: Option<String>,
}

/// What a successful token response carried.
pub(crate) struct Issued {
    pub(crate) access_token: SecretString,
    pub(crate) refresh_token: Option<SecretString>,
    pub(crate) expires_in: Option<std::time::Duration>,
}

/// Parses the token endpoint's answer into a token or a typed error.
pub(crate) fn parse_response(
    response: &Response<Body>,
    grant: &'static str,
    token_url: &Uri,
) -> Result<Issued, OAuthError> {
    let login_host = target_of(token_url);
    let status = response.status();
    let bytes = response.body().as_bytes();

    if status.is_success() {
        if let Ok(token) = serde_json::from_slice::<TokenResponse>(bytes) {
            if !token.access_token.is_empty() {
                return Ok(Issued {
                    access_token: SecretString::new(token.access_token),
                    refresh_token: token.refresh_token.map(SecretString::new),
                    expires_in: token.expires_in.map(std::time::Duration::from_secs),
                });
            }
        }
    }

    let mut error = OAuthError::new(OAuthErrorKind::InvalidResponse, grant, login_host);
    error.status = Some(status.as_u16());

    // Only the error code and description are taken from the body; the rest
    // is never copied into the error, since it could echo credentials.
    if let Ok(body) = serde_json::from_slice::<ErrorResponse>(bytes) {
        error.kind = OAuthErrorKind::Rejected;
        error.error = Some(body.error);
        error.description = body.error_description.or(body.description);
    }

    Err(error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::StatusCode;

    fn token_url() -> Uri {
        "https://login.mypurecloud.ie/oauth/token".parse().unwrap()
    }

    fn response(status: u16, body: &'static str) -> Response<Body> {
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = StatusCode::from_u16(status).unwrap();
        response
    }

    #[test]
    fn client_credentials_form() {
        let credentials = Credentials::client_credentials("id", "secret");
        let request = TokenForm::initial(&credentials)
            .unwrap()
            .into_request(&token_url());
        assert_eq!(request.body().as_bytes(), b"grant_type=client_credentials");
        assert_eq!(request.headers()[AUTHORIZATION], "Basic aWQ6c2VjcmV0");
        assert!(request.headers()[AUTHORIZATION].is_sensitive());
    }

    #[test]
    fn pkce_form_has_no_basic() {
        let verifier = crate::auth::CodeVerifier::generate(43).unwrap();
        let credentials = Credentials::pkce("id", "code1", "http://localhost/cb", verifier);
        let request = TokenForm::initial(&credentials)
            .unwrap()
            .into_request(&token_url());
        assert!(request.headers().get(AUTHORIZATION).is_none());
        let body = std::str::from_utf8(request.body().as_bytes()).unwrap();
        assert!(body.contains("code_verifier="));
        assert!(body.contains("client_id=id"));
    }

    #[test]
    fn saml_form_fields() {
        let credentials = Credentials::saml2_bearer("id", "secret", "PHNhbWw+", "my org");
        let request = TokenForm::initial(&credentials)
            .unwrap()
            .into_request(&token_url());
        let body = std::str::from_utf8(request.body().as_bytes()).unwrap();
        assert_eq!(
            body,
            "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer&orgName=my+org&assertion=PHNhbWw%2B"
        );
    }

    #[test]
    fn client_credentials_not_refreshable() {
        let credentials = Credentials::client_credentials("id", "secret");
        assert!(TokenForm::refresh(&credentials, &SecretString::new("r")).is_none());
    }

    #[test]
    fn access_token_has_no_request() {
        assert!(TokenForm::initial(&Credentials::access_token("t")).is_none());
    }

    #[test]
    fn parses_token() {
        let issued = parse_response(
            &response(
                200,
                r#"{"access_token":"abc","token_type":"bearer","expires_in":86399}"#,
            ),
            "client_credentials",
            &token_url(),
        )
        .ok()
        .unwrap();
        assert_eq!(issued.access_token.expose(), "abc");
        assert_eq!(
            issued.expires_in,
            Some(std::time::Duration::from_secs(86399))
        );
    }

    #[test]
    fn invalid_client_is_typed() {
        let error = parse_response(
            &response(401, r#"{"error":"invalid_client","description":"client not found","error_description":"client not found"}"#),
            "client_credentials",
            &token_url(),
        )
        .err()
        .unwrap();
        assert_eq!(error.kind, OAuthErrorKind::Rejected);
        assert_eq!(error.error.as_deref(), Some("invalid_client"));
        assert_eq!(error.login_host, "https://login.mypurecloud.ie");
        assert!(error.to_string().contains("region"));
    }

    #[test]
    fn html_answer_is_invalid_response() {
        let error = parse_response(&response(200, "<html>"), "client_credentials", &token_url())
            .err()
            .unwrap();
        assert_eq!(error.kind, OAuthErrorKind::InvalidResponse);
    }
}
