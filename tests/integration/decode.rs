//! 2xx bodies that do not match the output type give a decode error naming
//! the operation, status and JSON path.

use purecloud::api::users::{GetUsers, GetUsersMe};
use purecloud::auth::Credentials;
use purecloud::time::RecordingClock;
use purecloud::Error;
use purecloud_sandbox::Sandbox;

use crate::common::{sandbox_builder, sandbox_client};

#[tokio::test]
async fn wrong_type_names_json_path() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    let body = r#"{"entities":[{"id":"1"},{"id":"2","version":"two","refresh_token":"rt-secret"}],"pageNumber":1}"#;
    sandbox.controls().respond_next("/api/v2/users", 200, body);

    let error = client.call(GetUsers::new()).await.unwrap_err();

    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(decode.operation, "getUsers");
    assert_eq!(decode.status, 200);
    assert_eq!(decode.path, "entities[1].version");
    assert!(!error.to_string().contains("rt-secret"));
}

#[tokio::test]
async fn malformed_json_is_decode_error() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    sandbox
        .controls()
        .respond_next("/api/v2/users", 200, "{\"entities\": [");

    let error = client.call(GetUsers::new()).await.unwrap_err();

    assert!(matches!(error, Error::Decode(_)), "{error:?}");
}

#[tokio::test]
async fn unknown_enum_value_kept() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    sandbox.controls().respond_next(
        "/api/v2/users",
        200,
        r#"{"entities":[{"id":"1","state":"hibernating"}]}"#,
    );

    let page = client.call(GetUsers::new()).await.unwrap();

    let state = page.entities.as_ref().unwrap()[0].state.as_ref().unwrap();
    assert_eq!(state.as_str(), "hibernating");
}

#[tokio::test]
async fn api_error_fields_parsed() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_builder(&sandbox, &clock)
        .credentials(Credentials::client_credentials(
            purecloud_sandbox::CLIENT_ID,
            purecloud_sandbox::CLIENT_SECRET,
        ))
        .build()
        .unwrap();

    let error = client.call(GetUsersMe::new()).await.unwrap_err();

    let Error::Api(api) = &error else {
        panic!("expected an API error, got {error:?}");
    };
    assert_eq!(api.status, http::StatusCode::BAD_REQUEST);
    assert_eq!(api.code.as_deref(), Some("bad.request"));
    assert!(api
        .message
        .as_deref()
        .unwrap_or_default()
        .contains("user context"));
    assert!(api.correlation_id.is_some());
    assert!(api.context_id.is_some());
}
