//! Fault controls: rate limits, failures, dropped connections, canned
//! responses, delays and token expiry.

mod common;

use std::time::{Duration, Instant};

use common::{client_token, get, post_form_to, sandbox_basic, user_token};
use purecloud_sandbox::{Sandbox, SandboxConfig};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

#[tokio::test]
async fn rate_limit_sets_retry_after() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;
    sandbox.controls().rate_limit_next(2, 7);

    let first = get(&sandbox, "/api/v2/users", Some(&token)).await;
    let second = get(&sandbox, "/api/v2/users", Some(&token)).await;
    let third = get(&sandbox, "/api/v2/users", Some(&token)).await;

    assert_eq!(first.status, 429);
    assert_eq!(first.header("retry-after"), "7");
    assert_eq!(first.json()["code"], "too.many.requests");
    assert_eq!(second.status, 429);
    assert_eq!(third.status, 200);
}

#[tokio::test]
async fn rate_limit_skips_login() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.controls().rate_limit_next(1, 1);

    let token = client_token(&sandbox).await;
    let reply = get(&sandbox, "/api/v2/users", Some(&token)).await;

    assert_eq!(reply.status, 429);
}

#[tokio::test]
async fn fail_next_sends_status() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;
    sandbox.controls().fail_next(1, 503);

    let first = get(&sandbox, "/api/v2/users/me", Some(&token)).await;
    let second = get(&sandbox, "/api/v2/authorization/permissions", Some(&token)).await;

    assert_eq!(first.status, 503);
    assert_eq!(first.json()["code"], "service.unavailable");
    assert_eq!(first.json()["status"], 503);
    assert_eq!(second.status, 200);
}

#[tokio::test]
async fn drop_next_closes_connection() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;
    sandbox.controls().drop_next(1);

    let mut stream = TcpStream::connect(sandbox.addr()).await.unwrap();
    let request = format!(
        "POST /api/v2/users HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {token}\r\n\
         Content-Length: 5\r\n\r\nhello",
        sandbox.addr()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut received = Vec::new();
    let read =
        tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut received)).await;

    assert!(read.is_ok(), "the connection stayed open");
    assert!(received.is_empty(), "received {received:?}");
    assert_eq!(sandbox.controls().recorded().last().unwrap().body, "hello");
}

#[tokio::test]
async fn drop_next_then_served() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;
    sandbox.controls().drop_next(1);

    let mut stream = TcpStream::connect(sandbox.addr()).await.unwrap();
    let request = format!(
        "GET /api/v2/users HTTP/1.1\r\nHost: {}\r\n\r\n",
        sandbox.addr()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut received = Vec::new();
    let read =
        tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut received)).await;
    let reply = get(&sandbox, "/api/v2/users", Some(&token)).await;

    assert!(read.is_ok(), "the connection stayed open");
    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn respond_next_canned_body() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = user_token(&sandbox).await;
    sandbox
        .controls()
        .respond_next("/api/v2/users/me", 200, r#"{"id": 42}"#);

    let canned = get(&sandbox, "/api/v2/users/me", Some(&token)).await;
    let normal = get(&sandbox, "/api/v2/users/me", Some(&token)).await;

    assert_eq!(canned.status, 200);
    assert_eq!(canned.body, r#"{"id": 42}"#);
    assert_eq!(canned.header("content-type"), "application/json");
    assert!(normal.json()["id"].is_string());
}

#[tokio::test]
async fn respond_next_other_path_unaffected() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;
    sandbox
        .controls()
        .respond_next("/api/v2/users/me", 500, "not json");

    let reply = get(&sandbox, "/api/v2/users", Some(&token)).await;

    assert_eq!(reply.status, 200);
}

#[tokio::test]
async fn respond_next_on_token_path() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox
        .controls()
        .respond_next("/oauth/token", 200, "<html>not json</html>");

    let reply = post_form_to(
        &sandbox,
        "/oauth/token",
        Some(&sandbox_basic()),
        &[("grant_type", "client_credentials")],
    )
    .await;

    assert_eq!(reply.body, "<html>not json</html>");
    assert_eq!(sandbox.controls().token_requests(), 1);
}

#[tokio::test]
async fn delay_slows_responses() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;
    sandbox.controls().set_delay(Duration::from_millis(300));

    let started = Instant::now();
    let reply = get(&sandbox, "/api/v2/users", Some(&token)).await;
    let elapsed = started.elapsed();
    sandbox.controls().set_delay(Duration::ZERO);
    let started = Instant::now();
    get(&sandbox, "/api/v2/users", Some(&token)).await;
    let undelayed = started.elapsed();

    assert_eq!(reply.status, 200);
    assert!(elapsed >= Duration::from_millis(300), "took {elapsed:?}");
    assert!(undelayed < Duration::from_millis(300), "took {undelayed:?}");
}

#[tokio::test]
async fn expire_tokens_rejects_old() {
    let sandbox = Sandbox::start().await.unwrap();
    let old = client_token(&sandbox).await;
    sandbox.controls().expire_tokens();
    let new = client_token(&sandbox).await;

    let old_reply = get(&sandbox, "/api/v2/users", Some(&old)).await;
    let new_reply = get(&sandbox, "/api/v2/users", Some(&new)).await;

    assert_eq!(old_reply.status, 401);
    assert_eq!(old_reply.json()["code"], "bad.credentials");
    assert_eq!(new_reply.status, 200);
}

#[tokio::test]
async fn token_ttl_expires() {
    let sandbox = Sandbox::start().await.unwrap();
    sandbox.controls().set_token_ttl(Duration::from_millis(300));
    let token = client_token(&sandbox).await;

    let fresh = get(&sandbox, "/api/v2/users", Some(&token)).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let stale = get(&sandbox, "/api/v2/users", Some(&token)).await;

    assert_eq!(fresh.status, 200);
    assert_eq!(stale.status, 401);
    assert_eq!(stale.json()["code"], "bad.credentials");
}

#[tokio::test]
async fn token_ttl_sets_expires_in() {
    let sandbox = Sandbox::start_with(SandboxConfig {
        token_ttl: Duration::from_secs(90),
        ..SandboxConfig::default()
    })
    .await
    .unwrap();

    let first = post_form_to(
        &sandbox,
        "/oauth/token",
        Some(&sandbox_basic()),
        &[("grant_type", "client_credentials")],
    )
    .await;
    sandbox.controls().set_token_ttl(Duration::from_secs(5));
    let second = post_form_to(
        &sandbox,
        "/oauth/token",
        Some(&sandbox_basic()),
        &[("grant_type", "client_credentials")],
    )
    .await;

    assert_eq!(first.json()["expires_in"], 90);
    assert_eq!(second.json()["expires_in"], 5);
}

#[tokio::test]
async fn drop_next_http2() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;
    sandbox.controls().drop_next(1);

    let stream = TcpStream::connect(sandbox.addr()).await.unwrap();
    let (mut sender, connection) = hyper::client::conn::http2::handshake(
        hyper_util::rt::TokioExecutor::new(),
        hyper_util::rt::TokioIo::new(stream),
    )
    .await
    .unwrap();
    let connection = tokio::spawn(connection);
    let request = http::Request::builder()
        .uri(format!("{}/api/v2/users", sandbox.base_url()))
        .header("authorization", format!("Bearer {token}"))
        .body(http_body_util::Empty::<bytes::Bytes>::new())
        .unwrap();
    let response = tokio::time::timeout(Duration::from_secs(5), sender.send_request(request)).await;

    assert!(response.is_ok(), "the HTTP/2 connection stayed open");
    assert!(response.unwrap().is_err());
    let ended = tokio::time::timeout(Duration::from_secs(5), connection).await;
    assert!(ended.is_ok(), "the client connection task kept running");
}
