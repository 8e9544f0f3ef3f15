//! The client is a tower service for every endpoint type.

use std::time::Duration;

use purecloud::api::users::GetUsers;
use purecloud::time::RecordingClock;
use purecloud_sandbox::Sandbox;
use tower::{Service, ServiceBuilder, ServiceExt};

use crate::common::sandbox_client;

#[tokio::test]
async fn client_wrapped_in_tower_layers() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);

    let mut service = ServiceBuilder::new()
        .concurrency_limit(4)
        .timeout(Duration::from_secs(30))
        .service(client);
    let ready = ServiceExt::<GetUsers>::ready(&mut service).await.unwrap();
    let page = ready.call(GetUsers::new().page_size(7)).await.unwrap();

    assert_eq!(page.entities.as_ref().map_or(0, Vec::len), 7);
}

#[tokio::test]
async fn call_with_response_has_metadata() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);

    let response = client.call_with_response(GetUsers::new()).await.unwrap();

    assert_eq!(response.status, http::StatusCode::OK);
    assert!(response.correlation_id.is_some());
    assert_eq!(response.output.page_number, Some(1));
}

#[tokio::test]
async fn user_layer_sees_operation() {
    use std::sync::{Arc, Mutex};

    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let seen: Arc<Mutex<Vec<String>>> = Arc::default();
    let record = seen.clone();
    let client = crate::common::sandbox_builder(&sandbox, &clock)
        .layer(tower::layer::layer_fn(
            move |inner: purecloud::HttpService| {
                let record = record.clone();
                tower::service_fn(move |request: http::Request<purecloud::layers::Body>| {
                    if let Some(operation) =
                        request.extensions().get::<purecloud::layers::Operation>()
                    {
                        record.lock().unwrap().push(operation.id.to_owned());
                    }
                    inner.clone().oneshot(request)
                })
            },
        ))
        .build()
        .unwrap();

    client.call(GetUsers::new()).await.unwrap();

    assert_eq!(*seen.lock().unwrap(), vec!["getUsers".to_owned()]);
}
