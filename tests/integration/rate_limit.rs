//! 429 handling: wait at least Retry-After, or fail at once when the wait
//! exceeds the maximum.

use std::time::Duration;

use purecloud::api::users::GetUsers;
use purecloud::time::RecordingClock;
use purecloud::Error;
use purecloud_sandbox::Sandbox;

use crate::common::sandbox_client;

#[tokio::test]
async fn retry_after_two_seconds_waited() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    client.call(GetUsers::new()).await.unwrap();

    sandbox.controls().rate_limit_next(1, 2);
    let result = client.call(GetUsers::new()).await;

    assert!(result.is_ok(), "{result:?}");
    assert_eq!(sandbox.controls().requests_to("/api/v2/users"), 3);
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 1);
    assert!(sleeps[0] >= Duration::from_secs(2), "slept {:?}", sleeps[0]);
}

#[tokio::test]
async fn retry_after_above_maximum_fails() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    client.call(GetUsers::new()).await.unwrap();

    sandbox.controls().rate_limit_next(1, 3_600);
    let error = client.call(GetUsers::new()).await.unwrap_err();

    let Error::RateLimited(limited) = &error else {
        panic!("expected a rate-limited error, got {error:?}");
    };
    assert_eq!(limited.retry_after, Duration::from_secs(3_600));
    assert!(limited.correlation_id.is_some());
    assert_eq!(sandbox.controls().requests_to("/api/v2/users"), 2);
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn server_errors_retried_for_get() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    client.call(GetUsers::new()).await.unwrap();

    sandbox.controls().fail_next(2, 503);
    let result = client.call(GetUsers::new()).await;

    assert!(result.is_ok(), "{result:?}");
    assert_eq!(sandbox.controls().requests_to("/api/v2/users"), 4);
}

#[tokio::test]
async fn internal_error_not_retried() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    client.call(GetUsers::new()).await.unwrap();

    sandbox.controls().fail_next(1, 500);
    let error = client.call(GetUsers::new()).await.unwrap_err();

    assert_eq!(
        error.status(),
        Some(http::StatusCode::INTERNAL_SERVER_ERROR)
    );
    assert_eq!(sandbox.controls().requests_to("/api/v2/users"), 2);
}
