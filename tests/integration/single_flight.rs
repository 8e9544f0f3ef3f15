//! Concurrent calls share one token request.

use std::time::Duration;

use futures_util::future::join_all;
use purecloud::api::users::GetUsers;
use purecloud::time::RecordingClock;
use purecloud_sandbox::Sandbox;

use crate::common::sandbox_client;

const CALLS: usize = 1_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousand_calls_without_token_request_once() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);

    let calls = (0..CALLS).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.call(GetUsers::new().page_size(1)).await })
    });
    let results = join_all(calls).await;

    let succeeded = results
        .iter()
        .filter(|result| matches!(result, Ok(Ok(_))))
        .count();
    assert_eq!(succeeded, CALLS);
    assert_eq!(sandbox.controls().token_requests(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thousand_calls_with_expired_token_refresh_once() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.controls().set_token_ttl(Duration::from_secs(3_600));
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);

    client.call(GetUsers::new().page_size(1)).await.unwrap();
    assert_eq!(sandbox.controls().token_requests(), 1);

    // The client's clock passes the token's expiry; the sandbox still
    // accepts the old token, so only the client's expiry decision matters.
    clock.advance(Duration::from_secs(3_600));

    let calls = (0..CALLS).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.call(GetUsers::new().page_size(1)).await })
    });
    let results = join_all(calls).await;

    let succeeded = results
        .iter()
        .filter(|result| matches!(result, Ok(Ok(_))))
        .count();
    assert_eq!(succeeded, CALLS);
    assert_eq!(sandbox.controls().token_requests(), 2);
}
