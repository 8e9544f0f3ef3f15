//! Every OAuth grant against the sandbox's token endpoint, and the typed
//! errors for rejected credentials.

use std::time::Duration;

use purecloud::api::users::GetUsersMe;
use purecloud::auth::{CodeVerifier, Credentials, OAuthErrorKind};
use purecloud::time::RecordingClock;
use purecloud::Error;
use purecloud_sandbox::{Sandbox, CLIENT_ID, CLIENT_SECRET};

use crate::common::sandbox_builder;

const REDIRECT_URI: &str = "http://127.0.0.1:8765/callback";

#[tokio::test]
async fn wrong_secret_is_invalid_client() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_builder(&sandbox, &clock)
        .credentials(Credentials::client_credentials(
            CLIENT_ID,
            "wrong-secret-value",
        ))
        .build()
        .unwrap();

    let error = client.call(GetUsersMe::new()).await.unwrap_err();

    let Error::OAuth(oauth) = &error else {
        panic!("expected an OAuth error, got {error:?}");
    };
    assert_eq!(oauth.kind, OAuthErrorKind::Rejected);
    assert_eq!(oauth.error.as_deref(), Some("invalid_client"));
    assert_eq!(oauth.login_host, sandbox.base_url());
    let message = error.to_string();
    assert!(message.contains("region"), "{message}");
    assert!(!message.contains("wrong-secret-value"));
    assert!(!format!("{error:?}").contains("wrong-secret-value"));
}

#[tokio::test]
async fn saml2_bearer_gets_user() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let assertion = sandbox.controls().saml_assertion();
    let client = sandbox_builder(&sandbox, &clock)
        .credentials(Credentials::saml2_bearer(
            CLIENT_ID,
            CLIENT_SECRET,
            assertion,
            "sandbox-org",
        ))
        .build()
        .unwrap();

    let user = client.call(GetUsersMe::new()).await.unwrap();

    assert!(user.id.is_some());
}

#[tokio::test]
async fn bad_saml_assertion_is_invalid_grant() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_builder(&sandbox, &clock)
        .credentials(Credentials::saml2_bearer(
            CLIENT_ID,
            CLIENT_SECRET,
            "bm90LXZhbGlk",
            "sandbox-org",
        ))
        .build()
        .unwrap();

    let error = client.call(GetUsersMe::new()).await.unwrap_err();

    let Error::OAuth(oauth) = &error else {
        panic!("expected an OAuth error, got {error:?}");
    };
    assert_eq!(oauth.error.as_deref(), Some("invalid_grant"));
}

#[tokio::test]
async fn authorization_code_then_refresh() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let code = sandbox.controls().issue_authorization_code(REDIRECT_URI);
    let client = sandbox_builder(&sandbox, &clock)
        .credentials(Credentials::authorization_code(
            CLIENT_ID,
            CLIENT_SECRET,
            code,
            REDIRECT_URI,
        ))
        .build()
        .unwrap();
    client.call(GetUsersMe::new()).await.unwrap();

    // The code is single use; a refresh must use the refresh token.
    clock.advance(Duration::from_secs(200_000));
    let user = client.call(GetUsersMe::new()).await.unwrap();

    assert!(user.id.is_some());
    assert_eq!(sandbox.controls().token_requests(), 2);
    let last_token_request = sandbox
        .controls()
        .recorded()
        .into_iter()
        .filter(|request| request.path_and_query().ends_with("/oauth/token"))
        .last()
        .unwrap();
    let body = String::from_utf8(last_token_request.body.to_vec()).unwrap();
    assert!(body.starts_with("grant_type=refresh_token"), "{body}");
}

#[tokio::test]
async fn pkce_gets_user() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let verifier = CodeVerifier::generate(64).unwrap();
    let code = sandbox
        .controls()
        .issue_pkce_code(REDIRECT_URI, &verifier.challenge_s256());
    let client = sandbox_builder(&sandbox, &clock)
        .credentials(Credentials::pkce(CLIENT_ID, code, REDIRECT_URI, verifier))
        .build()
        .unwrap();

    let user = client.call(GetUsersMe::new()).await.unwrap();

    assert!(user.id.is_some());
}

#[tokio::test]
async fn pkce_wrong_verifier_rejected() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let verifier = CodeVerifier::generate(64).unwrap();
    let other = CodeVerifier::generate(64).unwrap();
    let code = sandbox
        .controls()
        .issue_pkce_code(REDIRECT_URI, &verifier.challenge_s256());
    let client = sandbox_builder(&sandbox, &clock)
        .credentials(Credentials::pkce(CLIENT_ID, code, REDIRECT_URI, other))
        .build()
        .unwrap();

    let error = client.call(GetUsersMe::new()).await.unwrap_err();

    let Error::OAuth(oauth) = &error else {
        panic!("expected an OAuth error, got {error:?}");
    };
    assert_eq!(oauth.error.as_deref(), Some("invalid_grant"));
}

#[tokio::test]
async fn caller_token_used_as_is() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let code = sandbox.controls().issue_authorization_code(REDIRECT_URI);
    let first = sandbox_builder(&sandbox, &clock)
        .credentials(Credentials::authorization_code(
            CLIENT_ID,
            CLIENT_SECRET,
            code,
            REDIRECT_URI,
        ))
        .build()
        .unwrap();
    first.call(GetUsersMe::new()).await.unwrap();
    let token = crate::common::received_tokens(&sandbox).pop().unwrap();

    let second = sandbox_builder(&sandbox, &clock)
        .credentials(Credentials::access_token(token))
        .build()
        .unwrap();
    let user = second.call(GetUsersMe::new()).await.unwrap();

    assert!(user.id.is_some());
    assert_eq!(sandbox.controls().token_requests(), 1);
}

#[tokio::test]
async fn missing_credentials_rejected_at_build() {
    let error = purecloud::Client::builder().build().unwrap_err();

    let Error::Config(config) = &error else {
        panic!("expected a configuration error, got {error:?}");
    };
    assert_eq!(config.setting, "credentials");
}

#[tokio::test]
async fn bad_region_rejected_at_build() {
    let error = purecloud::Client::builder()
        .region_or_domain("mypurecloud.com/api")
        .credentials(Credentials::client_credentials("id", "secret"))
        .build()
        .unwrap_err();

    let message = error.to_string();
    assert!(matches!(error, Error::Config(_)));
    assert!(message.contains("mypurecloud.com/api"), "{message}");
}
