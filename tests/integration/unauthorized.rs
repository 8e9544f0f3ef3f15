//! A 401 makes the client replace its token once and retry once.

use purecloud::api::users::GetUsers;
use purecloud::time::RecordingClock;
use purecloud::Error;
use purecloud_sandbox::Sandbox;

use crate::common::{received_tokens, sandbox_client};

#[tokio::test]
async fn revoked_token_refreshed_once() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    client.call(GetUsers::new()).await.unwrap();

    sandbox.controls().expire_tokens();
    let result = client.call(GetUsers::new()).await;

    assert!(result.is_ok(), "{result:?}");
    assert_eq!(sandbox.controls().token_requests(), 2);
    assert_eq!(sandbox.controls().requests_to("/api/v2/users"), 3);
}

#[tokio::test]
async fn retry_uses_new_token() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    client.call(GetUsers::new()).await.unwrap();

    sandbox.controls().expire_tokens();
    client.call(GetUsers::new()).await.unwrap();

    let tokens = received_tokens(&sandbox);
    assert_eq!(tokens.len(), 3);
    assert_eq!(tokens[0], tokens[1]);
    assert_ne!(tokens[1], tokens[2]);
}

#[tokio::test]
async fn second_401_is_error() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    client.call(GetUsers::new()).await.unwrap();

    sandbox.controls().fail_next(2, 401);
    let error = client.call(GetUsers::new()).await.unwrap_err();

    assert_eq!(error.status(), Some(http::StatusCode::UNAUTHORIZED));
    assert!(matches!(error, Error::Api(_)));
    assert_eq!(sandbox.controls().token_requests(), 2);
    assert_eq!(sandbox.controls().requests_to("/api/v2/users"), 3);
}
