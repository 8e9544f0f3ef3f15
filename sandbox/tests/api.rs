//! API requests: bearer checks, the current user, error bodies, routing,
//! HTTP/2 and concurrency.

mod common;

use bytes::Bytes;
use common::{client_token, get, send, user_token};
use http::header::{AUTHORIZATION, HOST};
use http::{Method, Request};
use http_body_util::{BodyExt as _, Empty};
use hyper_util::rt::{TokioExecutor, TokioIo};
use purecloud_sandbox::Sandbox;
use tokio::net::TcpStream;

fn is_uuid_shaped(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    let lengths: Vec<usize> = groups.iter().map(|group| group.len()).collect();
    lengths == [8, 4, 4, 4, 12]
        && groups
            .iter()
            .all(|group| group.chars().all(|c| c.is_ascii_hexdigit()))
}

#[tokio::test]
async fn me_returns_user() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = user_token(&sandbox).await;

    let reply = get(&sandbox, "/api/v2/users/me", Some(&token)).await;
    let user = reply.json();

    assert_eq!(reply.status, 200);
    assert!(is_uuid_shaped(user["id"].as_str().unwrap()));
    assert!(user["name"].as_str().is_some());
    assert!(user["email"].as_str().is_some_and(|e| e.contains('@')));
    assert_eq!(user["username"], user["email"]);
    assert_eq!(user["state"], "active");
    assert_eq!(user["version"], 1);
    assert_eq!(user["acdAutoAnswer"], false);
    assert_eq!(user["division"]["name"], "Home");
    assert!(user["chat"]["jabberId"].as_str().is_some());
    assert_eq!(
        user["selfUri"],
        format!("/api/v2/users/{}", user["id"].as_str().unwrap())
    );
}

#[tokio::test]
async fn me_rejects_client_credentials() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;

    let reply = get(&sandbox, "/api/v2/users/me", Some(&token)).await;
    let body = reply.json();

    assert_eq!(reply.status, 400);
    assert_eq!(body["code"], "bad.request");
    assert_eq!(
        body["message"],
        "This request requires a user context. Client credentials cannot be used for requests to this resource."
    );
}

#[tokio::test]
async fn missing_bearer_rejected() {
    let sandbox = Sandbox::start().await.unwrap();

    let reply = get(&sandbox, "/api/v2/users", None).await;
    let body = reply.json();

    assert_eq!(reply.status, 401);
    assert_eq!(body["code"], "authentication.required");
    assert_eq!(
        body["message"],
        "No authentication bearer token specified in authorization header."
    );
    assert_eq!(body["status"], 401);
}

#[tokio::test]
async fn unknown_token_rejected() {
    let sandbox = Sandbox::start().await.unwrap();

    let reply = get(&sandbox, "/api/v2/users", Some("never-issued")).await;

    assert_eq!(reply.status, 401);
    assert_eq!(reply.json()["code"], "bad.credentials");
}

#[tokio::test]
async fn error_body_shape() {
    let sandbox = Sandbox::start().await.unwrap();

    let reply = get(&sandbox, "/api/v2/users", None).await;
    let body = reply.json();

    assert!(body["message"].is_string());
    assert!(body["code"].is_string());
    assert!(body["status"].is_number());
    assert!(body["messageParams"].is_object());
    assert!(body["details"].is_array());
    assert!(body["errors"].is_array());
    assert_eq!(body["contextId"], reply.header("inin-correlation-id"));
}

#[tokio::test]
async fn correlation_id_fresh() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;

    let first = get(&sandbox, "/api/v2/users", Some(&token)).await;
    let second = get(&sandbox, "/api/v2/users", Some(&token)).await;

    assert!(is_uuid_shaped(first.header("inin-correlation-id")));
    assert_ne!(
        first.header("inin-correlation-id"),
        second.header("inin-correlation-id")
    );
}

#[tokio::test]
async fn unknown_path_not_found() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;

    let reply = get(&sandbox, "/api/v2/routing/queues", Some(&token)).await;

    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["code"], "not.found");
    assert!(is_uuid_shaped(reply.header("inin-correlation-id")));
}

#[tokio::test]
async fn outside_api_not_found() {
    let sandbox = Sandbox::start().await.unwrap();

    let reply = get(&sandbox, "/favicon.ico", None).await;

    assert_eq!(reply.status, 404);
    assert_eq!(reply.json()["code"], "not.found");
}

#[tokio::test]
async fn wrong_method_not_allowed() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;
    let authorization = format!("Bearer {token}");

    let reply = send(
        &sandbox,
        Method::DELETE,
        "/api/v2/users/me",
        &[("authorization", &authorization)],
        "",
    )
    .await;

    assert_eq!(reply.status, 405);
    assert_eq!(reply.header("allow"), "GET");
}

#[tokio::test]
async fn http2_prior_knowledge() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;

    let stream = TcpStream::connect(sandbox.addr()).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http2::handshake(TokioExecutor::new(), TokioIo::new(stream))
            .await
            .unwrap();
    tokio::spawn(connection);
    let request = Request::builder()
        .uri(format!("{}/api/v2/users?pageSize=5", sandbox.base_url()))
        .header(AUTHORIZATION, format!("Bearer {token}"))
        .body(Empty::<Bytes>::new())
        .unwrap();
    let response = sender.send_request(request).await.unwrap();

    assert_eq!(response.status(), 200);
    assert_eq!(response.version(), http::Version::HTTP_2);
    let recorded = sandbox.controls().recorded();
    assert_eq!(recorded.last().unwrap().version, http::Version::HTTP_2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thousand_concurrent_requests() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;
    let addr = sandbox.addr();

    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..1_000 {
        let authorization = format!("Bearer {token}");
        tasks.spawn(async move {
            let stream = TcpStream::connect(addr).await.unwrap();
            let (mut sender, connection) =
                hyper::client::conn::http1::handshake(TokioIo::new(stream))
                    .await
                    .unwrap();
            tokio::spawn(connection);
            let request = Request::builder()
                .uri("/api/v2/authorization/permissions")
                .header(HOST, addr.to_string())
                .header(AUTHORIZATION, authorization)
                .body(Empty::<Bytes>::new())
                .unwrap();
            let response = sender.send_request(request).await.unwrap();
            let status = response.status().as_u16();
            response.into_body().collect().await.unwrap();
            status
        });
    }
    let statuses: Vec<u16> = tasks.join_all().await;

    assert_eq!(statuses.len(), 1_000);
    assert!(statuses.iter().all(|status| *status == 200));
    assert_eq!(
        sandbox
            .controls()
            .requests_to("/api/v2/authorization/permissions"),
        1_000
    );
}
