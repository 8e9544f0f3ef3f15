//! `POST /oauth/token`: every grant the SDK uses, with the login service's
//! success and error bodies.

use std::collections::HashMap;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use http::header::{AUTHORIZATION, CONTENT_TYPE};
use http::{HeaderMap, StatusCode};
use serde_json::json;

use crate::errors::{invalid_client, invalid_grant, invalid_request, oauth_error};
use crate::response::{json, SandboxResponse};
use crate::state::State;
use crate::tokens::{CodeError, RefreshToken, Subject};
use crate::{CLIENT_ID, CLIENT_SECRET};

/// Path of the token endpoint, without login prefix.
pub(crate) const TOKEN_PATH: &str = "/oauth/token";

const SAML2_BEARER: &str = "urn:ietf:params:oauth:grant-type:saml2-bearer";

/// Client authentication found on a token request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClientAuth {
    /// No `Authorization` header.
    Missing,
    /// HTTP Basic with `CLIENT_ID:CLIENT_SECRET`.
    Valid,
    /// Any other `Authorization` header.
    Invalid,
}

/// Serves one token request.
pub(crate) fn token(state: &State, headers: &HeaderMap, body: &[u8]) -> SandboxResponse {
    if !is_form(headers) {
        return invalid_request("Content-Type must be application/x-www-form-urlencoded.");
    }

    let form = match parse_form(body) {
        Ok(form) => form,
        Err(message) => return invalid_request(&message),
    };

    let Some(grant_type) = form.get("grant_type") else {
        return invalid_request("Missing required parameter: grant_type.");
    };

    let auth = client_auth(headers);
    match grant_type.as_str() {
        "client_credentials" => client_credentials(state, auth),
        SAML2_BEARER => saml2_bearer(state, auth, &form),
        "authorization_code" => authorization_code(state, auth, &form),
        "refresh_token" => refresh_token(state, auth, &form),
        other => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            &format!("Unsupported grant_type: {other}."),
        ),
    }
}

fn client_credentials(state: &State, auth: ClientAuth) -> SandboxResponse {
    if auth != ClientAuth::Valid {
        return invalid_client();
    }

    issue(state, Subject::Client, RefreshToken::None)
}

fn saml2_bearer(
    state: &State,
    auth: ClientAuth,
    form: &HashMap<String, String>,
) -> SandboxResponse {
    if auth != ClientAuth::Valid {
        return invalid_client();
    }

    let Some(assertion) = form.get("assertion") else {
        return invalid_request("Missing required parameter: assertion.");
    };
    if !form.contains_key("orgName") {
        return invalid_request("Missing required parameter: orgName.");
    }

    if assertion != state.tokens.saml_assertion() {
        return invalid_grant("The SAML2 assertion is not valid.");
    }

    issue(state, Subject::User, RefreshToken::None)
}

/// Serves the authorization code grant, confidential (HTTP Basic) or PKCE
/// (`client_id` and `code_verifier`, no Basic auth).
fn authorization_code(
    state: &State,
    auth: ClientAuth,
    form: &HashMap<String, String>,
) -> SandboxResponse {
    let pkce = match auth {
        ClientAuth::Valid => false,
        ClientAuth::Invalid => return invalid_client(),
        ClientAuth::Missing => {
            if form.get("client_id").map(String::as_str) != Some(CLIENT_ID) {
                return invalid_client();
            }
            true
        }
    };

    let Some(code) = form.get("code") else {
        return invalid_request("Missing required parameter: code.");
    };
    let Some(redirect_uri) = form.get("redirect_uri") else {
        return invalid_request("Missing required parameter: redirect_uri.");
    };
    let code_verifier = form.get("code_verifier").map(String::as_str);
    if pkce && code_verifier.is_none() {
        return invalid_request("Missing required parameter: code_verifier.");
    }

    let redeemed = state
        .tokens
        .redeem_code(code, redirect_uri, code_verifier, pkce);
    let description = match redeemed {
        Ok(()) => {
            // NOTE: PKCE tokens get no refresh token here, because the
            // refresh grant requires the client secret a public client lacks.
            let refresh = if pkce {
                RefreshToken::None
            } else {
                RefreshToken::New
            };
            return issue(state, Subject::User, refresh);
        }
        Err(CodeError::Unknown) => "The authorization code is not valid or was already used.",
        Err(CodeError::RedirectMismatch) => "redirect_uri does not match the authorization request.",
        Err(CodeError::VerifierMissing) => "The code was issued with a PKCE challenge, so code_verifier is required.",
        Err(CodeError::VerifierMismatch) => "code_verifier does not match the code challenge.",
        Err(CodeError::NotPkce) => "The code was issued without a PKCE challenge, so the client must authenticate with its secret.",
    };
    invalid_grant(description)
}

fn refresh_token(
    state: &State,
    auth: ClientAuth,
    form: &HashMap<String, String>,
) -> SandboxResponse {
    if auth != ClientAuth::Valid {
        return invalid_client();
    }

    let Some(refresh_token) = form.get("refresh_token") else {
        return invalid_request("Missing required parameter: refresh_token.");
    };

    match state.tokens.refresh_subject(refresh_token) {
        Some(subject) => issue(state, subject, RefreshToken::Keep(refresh_token.clone())),
        None => invalid_grant("The refresh token is not valid."),
    }
}

fn issue(state: &State, subject: Subject, refresh: RefreshToken) -> SandboxResponse {
    let issued = state.tokens.issue(subject, refresh);

    let mut body = json!({
        "access_token": issued.access_token,
        "token_type": "bearer",
        "expires_in": issued.expires_in,
    });
    if let Some(refresh_token) = issued.refresh_token {
        body["refresh_token"] = refresh_token.into();
    }

    json(StatusCode::OK, &body)
}

fn is_form(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };

    let media_type = value.split(';').next().unwrap_or_default().trim();
    media_type.eq_ignore_ascii_case("application/x-www-form-urlencoded")
}

/// Parses a form body. A parameter given twice is rejected, as RFC 6749
/// section 3.2 requires of the token endpoint.
fn parse_form(body: &[u8]) -> Result<HashMap<String, String>, String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body)
        .map_err(|error| format!("The form body could not be parsed: {error}."))?;

    let mut form = HashMap::new();
    for (name, value) in pairs {
        if form.contains_key(&name) {
            return Err(format!("Parameter {name} was given more than once."));
        }
        form.insert(name, value);
    }

    Ok(form)
}

fn client_auth(headers: &HeaderMap) -> ClientAuth {
    let Some(value) = headers.get(AUTHORIZATION) else {
        return ClientAuth::Missing;
    };

    if basic_credentials(value.as_bytes()) == Some((CLIENT_ID.into(), CLIENT_SECRET.into())) {
        ClientAuth::Valid
    } else {
        ClientAuth::Invalid
    }
}

/// Decodes `Basic base64(id:secret)` into the id and secret.
fn basic_credentials(value: &[u8]) -> Option<(String, String)> {
    let value = std::str::from_utf8(value).ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }

    let decoded = STANDARD.decode(encoded.trim()).ok()?;
    let decoded = String::from_utf8(decoded).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    Some((id.to_owned(), secret.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_decoded() {
        let value = format!("Basic {}", STANDARD.encode("id:se:cret"));
        assert_eq!(
            basic_credentials(value.as_bytes()),
            Some(("id".into(), "se:cret".into()))
        );
    }

    #[test]
    fn basic_rejects_bad_base64() {
        assert_eq!(basic_credentials(b"Basic !!!"), None);
    }

    #[test]
    fn form_rejects_duplicates() {
        assert!(parse_form(b"a=1&a=2").is_err());
    }

    #[test]
    fn form_content_type_with_charset() {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_TYPE,
            "application/x-www-form-urlencoded; charset=UTF-8"
                .parse()
                .unwrap(),
        );
        assert!(is_form(&headers));
    }
}
