//! The token endpoint: every grant's success and failure.

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use common::{access_token, basic, get, sandbox_basic, send, token_request, FORM};
use http::Method;
use purecloud_sandbox::{Sandbox, CLIENT_ID};
use sha2::{Digest, Sha256};

const REDIRECT: &str = "http://localhost:8080/callback";
const SAML2: &str = "urn:ietf:params:oauth:grant-type:saml2-bearer";

fn challenge(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

#[tokio::test]
async fn client_credentials_succeeds() {
    let sandbox = Sandbox::start().await.unwrap();

    let reply = token_request(
        &sandbox,
        Some(&sandbox_basic()),
        &[("grant_type", "client_credentials")],
    )
    .await;
    let body = reply.json();

    assert_eq!(reply.status, 200);
    assert!(body["access_token"].as_str().is_some_and(|t| t.len() >= 32));
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 86_400);
    assert!(body.get("refresh_token").is_none());
}

#[tokio::test]
async fn tokens_differ_each_time() {
    let sandbox = Sandbox::start().await.unwrap();

    let first = common::client_token(&sandbox).await;
    let second = common::client_token(&sandbox).await;

    assert_ne!(first, second);
}

#[tokio::test]
async fn client_credentials_wrong_secret() {
    let sandbox = Sandbox::start().await.unwrap();

    let reply = token_request(
        &sandbox,
        Some(&basic(CLIENT_ID, "wrong")),
        &[("grant_type", "client_credentials")],
    )
    .await;
    let body = reply.json();

    assert_eq!(reply.status, 401);
    assert_eq!(body["error"], "invalid_client");
    assert_eq!(body["description"], "client not found");
    assert_eq!(body["error_description"], "client not found");
}

#[tokio::test]
async fn client_credentials_without_basic() {
    let sandbox = Sandbox::start().await.unwrap();

    let reply = token_request(&sandbox, None, &[("grant_type", "client_credentials")]).await;

    assert_eq!(reply.status, 401);
    assert_eq!(reply.json()["error"], "invalid_client");
}

#[tokio::test]
async fn saml2_succeeds() {
    let sandbox = Sandbox::start().await.unwrap();

    let token = common::user_token(&sandbox).await;
    let me = get(&sandbox, "/api/v2/users/me", Some(&token)).await;

    assert_eq!(me.status, 200);
}

#[tokio::test]
async fn saml2_wrong_assertion() {
    let sandbox = Sandbox::start().await.unwrap();

    let reply = token_request(
        &sandbox,
        Some(&sandbox_basic()),
        &[
            ("grant_type", SAML2),
            ("assertion", "bm90IGFuIGFzc2VydGlvbg=="),
            ("orgName", "sandbox-org"),
        ],
    )
    .await;

    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["error"], "invalid_grant");
}

#[tokio::test]
async fn saml2_missing_org_name() {
    let sandbox = Sandbox::start().await.unwrap();
    let assertion = sandbox.controls().saml_assertion();

    let reply = token_request(
        &sandbox,
        Some(&sandbox_basic()),
        &[("grant_type", SAML2), ("assertion", &assertion)],
    )
    .await;

    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["error"], "invalid_request");
}

#[tokio::test]
async fn authorization_code_succeeds() {
    let sandbox = Sandbox::start().await.unwrap();
    let code = sandbox.controls().issue_authorization_code(REDIRECT);

    let reply = token_request(
        &sandbox,
        Some(&sandbox_basic()),
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await;
    let body = reply.json();

    assert_eq!(reply.status, 200);
    assert!(body["refresh_token"].as_str().is_some());
    let me = get(&sandbox, "/api/v2/users/me", Some(&access_token(&reply))).await;
    assert_eq!(me.status, 200);
}

#[tokio::test]
async fn authorization_code_single_use() {
    let sandbox = Sandbox::start().await.unwrap();
    let code = sandbox.controls().issue_authorization_code(REDIRECT);
    let form = [
        ("grant_type", "authorization_code"),
        ("code", code.as_str()),
        ("redirect_uri", REDIRECT),
    ];

    let first = token_request(&sandbox, Some(&sandbox_basic()), &form).await;
    let second = token_request(&sandbox, Some(&sandbox_basic()), &form).await;

    assert_eq!(first.status, 200);
    assert_eq!(second.status, 400);
    assert_eq!(second.json()["error"], "invalid_grant");
}

#[tokio::test]
async fn authorization_code_wrong_redirect() {
    let sandbox = Sandbox::start().await.unwrap();
    let code = sandbox.controls().issue_authorization_code(REDIRECT);

    let reply = token_request(
        &sandbox,
        Some(&sandbox_basic()),
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", "http://localhost:8080/elsewhere"),
        ],
    )
    .await;

    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["error"], "invalid_grant");
}

#[tokio::test]
async fn authorization_code_unknown_code() {
    let sandbox = Sandbox::start().await.unwrap();

    let reply = token_request(
        &sandbox,
        Some(&sandbox_basic()),
        &[
            ("grant_type", "authorization_code"),
            ("code", "never-issued"),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await;

    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["error"], "invalid_grant");
}

#[tokio::test]
async fn pkce_succeeds() {
    let sandbox = Sandbox::start().await.unwrap();
    let verifier = "a-verifier-of-at-least-forty-three-characters-long";
    let code = sandbox
        .controls()
        .issue_pkce_code(REDIRECT, &challenge(verifier));

    let reply = token_request(
        &sandbox,
        None,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", CLIENT_ID),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", verifier),
        ],
    )
    .await;

    assert_eq!(reply.status, 200);
    let me = get(&sandbox, "/api/v2/users/me", Some(&access_token(&reply))).await;
    assert_eq!(me.status, 200);
}

#[tokio::test]
async fn pkce_wrong_verifier() {
    let sandbox = Sandbox::start().await.unwrap();
    let code = sandbox
        .controls()
        .issue_pkce_code(REDIRECT, &challenge("the-right-verifier"));

    let reply = token_request(
        &sandbox,
        None,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", CLIENT_ID),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", "a-wrong-verifier"),
        ],
    )
    .await;

    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["error"], "invalid_grant");
}

#[tokio::test]
async fn pkce_wrong_client_id() {
    let sandbox = Sandbox::start().await.unwrap();
    let verifier = "the-right-verifier";
    let code = sandbox
        .controls()
        .issue_pkce_code(REDIRECT, &challenge(verifier));

    let reply = token_request(
        &sandbox,
        None,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", "another-client"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", verifier),
        ],
    )
    .await;

    assert_eq!(reply.status, 401);
    assert_eq!(reply.json()["error"], "invalid_client");
}

#[tokio::test]
async fn pkce_rejects_plain_code() {
    let sandbox = Sandbox::start().await.unwrap();
    let code = sandbox.controls().issue_authorization_code(REDIRECT);

    let reply = token_request(
        &sandbox,
        None,
        &[
            ("grant_type", "authorization_code"),
            ("client_id", CLIENT_ID),
            ("code", &code),
            ("redirect_uri", REDIRECT),
            ("code_verifier", "any-verifier"),
        ],
    )
    .await;

    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["error"], "invalid_grant");
}

#[tokio::test]
async fn refresh_token_succeeds() {
    let sandbox = Sandbox::start().await.unwrap();
    let code = sandbox.controls().issue_authorization_code(REDIRECT);
    let first = token_request(
        &sandbox,
        Some(&sandbox_basic()),
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
        ],
    )
    .await;
    let refresh_token = first.json()["refresh_token"].as_str().unwrap().to_owned();

    let reply = token_request(
        &sandbox,
        Some(&sandbox_basic()),
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh_token),
        ],
    )
    .await;

    assert_eq!(reply.status, 200);
    assert_ne!(access_token(&reply), access_token(&first));
    assert_eq!(reply.json()["refresh_token"], refresh_token.as_str());
    let me = get(&sandbox, "/api/v2/users/me", Some(&access_token(&reply))).await;
    assert_eq!(me.status, 200);
}

#[tokio::test]
async fn refresh_token_unknown() {
    let sandbox = Sandbox::start().await.unwrap();

    let reply = token_request(
        &sandbox,
        Some(&sandbox_basic()),
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", "never-issued"),
        ],
    )
    .await;

    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["error"], "invalid_grant");
}

#[tokio::test]
async fn unknown_grant_unsupported() {
    let sandbox = Sandbox::start().await.unwrap();

    let reply = token_request(
        &sandbox,
        Some(&sandbox_basic()),
        &[("grant_type", "password")],
    )
    .await;

    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["error"], "unsupported_grant_type");
}

#[tokio::test]
async fn missing_grant_type() {
    let sandbox = Sandbox::start().await.unwrap();

    let reply = token_request(&sandbox, Some(&sandbox_basic()), &[("scope", "all")]).await;

    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["error"], "invalid_request");
}

#[tokio::test]
async fn json_body_rejected() {
    let sandbox = Sandbox::start().await.unwrap();
    let authorization = sandbox_basic();

    let reply = send(
        &sandbox,
        Method::POST,
        "/oauth/token",
        &[
            ("content-type", "application/json"),
            ("authorization", &authorization),
        ],
        r#"{"grant_type":"client_credentials"}"#,
    )
    .await;

    assert_eq!(reply.status, 400);
    assert_eq!(reply.json()["error"], "invalid_request");
}

#[tokio::test]
async fn non_utf8_form_rejected() {
    let sandbox = Sandbox::start().await.unwrap();
    let authorization = sandbox_basic();

    let reply = send(
        &sandbox,
        Method::POST,
        "/oauth/token",
        &[("content-type", FORM), ("authorization", &authorization)],
        &b"grant_type=\xff\xfe&&=%"[..],
    )
    .await;

    assert_eq!(reply.status, 400);
}

#[tokio::test]
async fn token_get_not_allowed() {
    let sandbox = Sandbox::start().await.unwrap();

    let reply = send(&sandbox, Method::GET, "/oauth/token", &[], "").await;

    assert_eq!(reply.status, 405);
    assert_eq!(reply.header("allow"), "POST");
}

#[tokio::test]
async fn token_requests_counted() {
    let sandbox = Sandbox::start().await.unwrap();

    common::client_token(&sandbox).await;
    token_request(&sandbox, None, &[("grant_type", "client_credentials")]).await;
    send(&sandbox, Method::GET, "/oauth/token", &[], "").await;

    assert_eq!(sandbox.controls().token_requests(), 3);
    assert_eq!(sandbox.controls().requests_to("/oauth/token"), 3);
}
