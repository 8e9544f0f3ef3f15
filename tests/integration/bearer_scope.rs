//! The bearer token goes only to the API host.

use http::Request;
use purecloud::api::users::GetUsers;
use purecloud::layers::Body;
use purecloud::time::RecordingClock;
use purecloud_sandbox::Sandbox;

use crate::common::{received_tokens, sandbox_client};

#[tokio::test]
async fn token_not_sent_to_other_host() {
    let sandbox = Sandbox::start().await.unwrap();
    let other = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    client.call(GetUsers::new()).await.unwrap();

    let uri = format!("{}/api/v2/users", other.base_url());
    let mut request = Request::new(Body::empty());
    *request.uri_mut() = uri.parse().unwrap();
    request.headers_mut().insert(
        http::header::AUTHORIZATION,
        "Bearer user-set".parse().unwrap(),
    );
    let response = client.send(request).await.unwrap();

    assert_eq!(response.status(), http::StatusCode::UNAUTHORIZED);
    let recorded = other.controls().recorded();
    assert_eq!(recorded.len(), 1);
    assert!(recorded[0]
        .headers
        .get(http::header::AUTHORIZATION)
        .is_none());
    assert_eq!(received_tokens(&sandbox).len(), 1);
}

#[tokio::test]
async fn token_sent_to_api_host() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);

    let uri = format!("{}/api/v2/users", sandbox.base_url());
    let mut request = Request::new(Body::empty());
    *request.uri_mut() = uri.parse().unwrap();
    let response = client.send(request).await.unwrap();

    assert_eq!(response.status(), http::StatusCode::OK);
    assert_eq!(received_tokens(&sandbox).len(), 1);
}
