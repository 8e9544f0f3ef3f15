//! The request log, counters and shutdown.

mod common;

use std::time::Duration;

use common::{client_token, send};
use http::Method;
use purecloud_sandbox::Sandbox;
use tokio::net::TcpStream;

#[tokio::test]
async fn recorded_keeps_raw_request() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;
    let authorization = format!("Bearer {token}");

    send(
        &sandbox,
        Method::POST,
        "/api/v2/analytics/conversations/details/query?expand=a%2Cb&flag=true",
        &[
            ("authorization", &authorization),
            ("content-type", "application/json"),
        ],
        r#"{"interval":"2024-01-01T00:00:00Z/2024-01-02T00:00:00Z"}"#,
    )
    .await;
    let recorded = sandbox.controls().recorded();
    let request = recorded.last().unwrap();

    assert_eq!(request.method, Method::POST);
    assert_eq!(
        request.path,
        "/api/v2/analytics/conversations/details/query"
    );
    assert_eq!(request.query.as_deref(), Some("expand=a%2Cb&flag=true"));
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(
        request.header("authorization"),
        Some(authorization.as_str())
    );
    assert_eq!(
        request.body_text(),
        r#"{"interval":"2024-01-01T00:00:00Z/2024-01-02T00:00:00Z"}"#
    );
    assert_eq!(
        request.path_and_query(),
        "/api/v2/analytics/conversations/details/query?expand=a%2Cb&flag=true"
    );
}

#[tokio::test]
async fn recorded_includes_token_requests() {
    let sandbox = Sandbox::start().await.unwrap();

    client_token(&sandbox).await;
    let recorded = sandbox.controls().recorded();

    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].path, "/oauth/token");
    assert_eq!(recorded[0].body_text(), "grant_type=client_credentials");
}

#[tokio::test]
async fn requests_to_ignores_query() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;

    common::get(&sandbox, "/api/v2/users?pageSize=2", Some(&token)).await;
    common::get(&sandbox, "/api/v2/users?pageNumber=2", Some(&token)).await;
    common::get(&sandbox, "/api/v2/users/me", Some(&token)).await;

    assert_eq!(sandbox.controls().requests_to("/api/v2/users"), 2);
    assert_eq!(sandbox.controls().requests_to("/api/v2/users/me"), 1);
    assert_eq!(sandbox.controls().requests_to("/api/v2/groups"), 0);
}

#[tokio::test]
async fn reset_counters_clears() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;
    common::get(&sandbox, "/api/v2/users", Some(&token)).await;

    sandbox.controls().reset_counters();

    assert_eq!(sandbox.controls().token_requests(), 0);
    assert_eq!(sandbox.controls().requests_to("/api/v2/users"), 0);
    assert!(sandbox.controls().recorded().is_empty());
    let reply = common::get(&sandbox, "/api/v2/users", Some(&token)).await;
    assert_eq!(reply.status, 200, "tokens survive a counter reset");
}

#[tokio::test]
async fn recording_off_keeps_counting() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.controls().set_recording(false);

    client_token(&sandbox).await;

    assert!(sandbox.controls().recorded().is_empty());
    assert_eq!(sandbox.controls().token_requests(), 1);
}

#[tokio::test]
async fn shutdown_closes_listener() {
    let sandbox = Sandbox::start().await.unwrap();
    let addr = sandbox.addr();

    sandbox.shutdown().await;
    let connected = TcpStream::connect(addr).await;

    assert!(connected.is_err());
}

#[tokio::test]
async fn shutdown_closes_idle_connection() {
    let sandbox = Sandbox::start().await.unwrap();
    let idle = TcpStream::connect(sandbox.addr()).await.unwrap();

    let finished = tokio::time::timeout(Duration::from_secs(5), sandbox.shutdown()).await;

    assert!(finished.is_ok(), "shutdown waited on an idle connection");
    drop(idle);
}

#[tokio::test]
async fn drop_stops_server() {
    let sandbox = Sandbox::start().await.unwrap();
    let addr = sandbox.addr();

    drop(sandbox);
    let mut refused = false;
    for _ in 0..50 {
        if TcpStream::connect(addr).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    assert!(refused, "the listener stayed open after drop");
}

#[test]
fn base_url_is_loopback() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sandbox = runtime.block_on(Sandbox::start()).unwrap();

    assert_eq!(
        sandbox.base_url(),
        format!("http://127.0.0.1:{}", sandbox.addr().port())
    );
}

#[tokio::test]
async fn shutdown_finishes_in_flight() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;
    sandbox.controls().set_delay(Duration::from_millis(300));
    let addr = sandbox.addr();

    let in_flight = tokio::spawn(async move {
        let stream = TcpStream::connect(addr).await.unwrap();
        let (mut sender, connection) =
            hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
                .await
                .unwrap();
        tokio::spawn(connection);
        let request = http::Request::builder()
            .uri("/api/v2/users")
            .header("host", addr.to_string())
            .header("authorization", format!("Bearer {token}"))
            .body(http_body_util::Empty::<bytes::Bytes>::new())
            .unwrap();
        sender.send_request(request).await.map(|r| r.status())
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    sandbox.shutdown().await;
    let status = in_flight.await.unwrap();

    assert_eq!(status.ok(), Some(http::StatusCode::OK));
}
