//! Gateway path prefixes for login and API paths.

mod common;

use common::{access_token, get, post_form_to, sandbox_basic};
use purecloud_sandbox::{Sandbox, SandboxConfig};

async fn gateway() -> Sandbox {
    Sandbox::start_with(SandboxConfig {
        login_prefix: "/login-gw".into(),
        api_prefix: "/api-gw".into(),
        ..SandboxConfig::default()
    })
    .await
    .unwrap()
}

async fn gateway_token(sandbox: &Sandbox) -> String {
    let reply = post_form_to(
        sandbox,
        "/login-gw/oauth/token",
        Some(&sandbox_basic()),
        &[("grant_type", "client_credentials")],
    )
    .await;
    access_token(&reply)
}

#[tokio::test]
async fn prefixed_login_succeeds() {
    let sandbox = gateway().await;

    let reply = post_form_to(
        &sandbox,
        "/login-gw/oauth/token",
        Some(&sandbox_basic()),
        &[("grant_type", "client_credentials")],
    )
    .await;

    assert_eq!(reply.status, 200);
    assert_eq!(sandbox.controls().token_requests(), 1);
}

#[tokio::test]
async fn unprefixed_login_not_found() {
    let sandbox = gateway().await;

    let reply = post_form_to(
        &sandbox,
        "/oauth/token",
        Some(&sandbox_basic()),
        &[("grant_type", "client_credentials")],
    )
    .await;

    assert_eq!(reply.status, 404);
    assert_eq!(sandbox.controls().token_requests(), 0);
}

#[tokio::test]
async fn prefixed_api_succeeds() {
    let sandbox = gateway().await;
    let token = gateway_token(&sandbox).await;

    let reply = get(
        &sandbox,
        "/api-gw/api/v2/authorization/permissions",
        Some(&token),
    )
    .await;

    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn unprefixed_api_not_found() {
    let sandbox = gateway().await;
    let token = gateway_token(&sandbox).await;

    let reply = get(&sandbox, "/api/v2/users", Some(&token)).await;

    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["code"], "not.found");
}

#[tokio::test]
async fn login_prefix_not_for_api() {
    let sandbox = gateway().await;
    let token = gateway_token(&sandbox).await;

    let reply = get(&sandbox, "/login-gw/api/v2/users", Some(&token)).await;

    assert_eq!(reply.status, 404);
}

#[tokio::test]
async fn prefix_in_links() {
    let sandbox = gateway().await;
    let token = gateway_token(&sandbox).await;

    let body = get(&sandbox, "/api-gw/api/v2/users", Some(&token))
        .await
        .json();
    let user = &body["entities"][0];

    assert_eq!(
        body["nextUri"],
        "/api-gw/api/v2/users?pageSize=25&pageNumber=2"
    );
    assert_eq!(
        body["firstUri"],
        "/api-gw/api/v2/users?pageSize=25&pageNumber=1"
    );
    assert_eq!(
        user["selfUri"],
        format!("/api-gw/api/v2/users/{}", user["id"].as_str().unwrap())
    );
}

#[tokio::test]
async fn next_uri_followable() {
    let sandbox = gateway().await;
    let token = gateway_token(&sandbox).await;

    let first = get(&sandbox, "/api-gw/api/v2/users", Some(&token))
        .await
        .json();
    let next = first["nextUri"].as_str().unwrap();
    let second = get(&sandbox, next, Some(&token)).await;

    assert_eq!(second.status, 200);
    assert_eq!(second.json()["pageNumber"], 2);
}

#[tokio::test]
async fn requests_to_strips_prefix() {
    let sandbox = gateway().await;
    let token = gateway_token(&sandbox).await;

    get(&sandbox, "/api-gw/api/v2/users?pageSize=3", Some(&token)).await;
    get(&sandbox, "/api-gw/api/v2/users", Some(&token)).await;

    assert_eq!(sandbox.controls().requests_to("/api/v2/users"), 2);
    assert_eq!(sandbox.controls().requests_to("/api-gw/api/v2/users"), 0);
    assert_eq!(sandbox.controls().requests_to("/oauth/token"), 1);
}

#[tokio::test]
async fn faults_use_unprefixed_path() {
    let sandbox = gateway().await;
    let token = gateway_token(&sandbox).await;
    sandbox
        .controls()
        .respond_next("/api/v2/users/me", 418, r#"{"teapot":true}"#);

    let reply = get(&sandbox, "/api-gw/api/v2/users/me", Some(&token)).await;

    assert_eq!(reply.status, 418);
}
