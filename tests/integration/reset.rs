//! A connection dropped after the request was sent: GET is retried, POST
//! is not, so a write is never sent twice.

use http::{Method, Request};
use purecloud::api::users::GetUsers;
use purecloud::layers::error::TransportErrorKind;
use purecloud::layers::{Body, Operation};
use purecloud::time::RecordingClock;
use purecloud::Error;
use purecloud_sandbox::Sandbox;

use crate::common::sandbox_client;

const QUERY_PATH: &str = "/api/v2/analytics/conversations/details/query";

fn post_query() -> Request<Body> {
    let mut request = Request::new(Body::from(
        r#"{"interval":"2026-01-01T00:00:00Z/2026-01-02T00:00:00Z"}"#,
    ));
    *request.method_mut() = Method::POST;
    *request.uri_mut() = QUERY_PATH.parse().unwrap();
    request.extensions_mut().insert(Operation {
        id: "postAnalyticsConversationsDetailsQuery",
        path_template: QUERY_PATH,
    });
    request
}

#[tokio::test]
async fn dropped_post_not_retried() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    client.call(GetUsers::new()).await.unwrap();

    sandbox.controls().drop_next(1);
    let error = client.send(post_query()).await.unwrap_err();

    let Error::Transport(transport) = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert_eq!(transport.kind, TransportErrorKind::Request);
    assert_eq!(sandbox.controls().requests_to(QUERY_PATH), 1);
}

#[tokio::test]
async fn dropped_get_retried() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    client.call(GetUsers::new()).await.unwrap();

    sandbox.controls().drop_next(1);
    let result = client.call(GetUsers::new()).await;

    assert!(result.is_ok(), "{result:?}");
    assert_eq!(sandbox.controls().requests_to("/api/v2/users"), 3);
}
