//! Paged listings: parameters, page math and links.

mod common;

use common::{client_token, get};
use purecloud_sandbox::{Sandbox, SandboxConfig};

#[tokio::test]
async fn users_default_page() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;

    let reply = get(&sandbox, "/api/v2/users", Some(&token)).await;
    let body = reply.json();

    assert_eq!(reply.status, 200);
    assert_eq!(body["entities"].as_array().unwrap().len(), 25);
    assert_eq!(body["pageSize"], 25);
    assert_eq!(body["pageNumber"], 1);
    assert_eq!(body["total"], 60);
    assert_eq!(body["pageCount"], 3);
    assert_eq!(body["firstUri"], "/api/v2/users?pageSize=25&pageNumber=1");
    assert_eq!(body["selfUri"], "/api/v2/users?pageSize=25&pageNumber=1");
    assert_eq!(body["nextUri"], "/api/v2/users?pageSize=25&pageNumber=2");
    assert_eq!(body["lastUri"], "/api/v2/users?pageSize=25&pageNumber=3");
    assert!(body.get("previousUri").is_none());
}

#[tokio::test]
async fn users_last_page() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;

    let reply = get(
        &sandbox,
        "/api/v2/users?pageSize=25&pageNumber=3",
        Some(&token),
    )
    .await;
    let body = reply.json();

    assert_eq!(body["entities"].as_array().unwrap().len(), 10);
    assert!(body.get("nextUri").is_none());
    assert_eq!(
        body["previousUri"],
        "/api/v2/users?pageSize=25&pageNumber=2"
    );
}

#[tokio::test]
async fn users_past_last_page() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;

    let reply = get(&sandbox, "/api/v2/users?pageNumber=9", Some(&token)).await;
    let body = reply.json();

    assert_eq!(reply.status, 200);
    assert_eq!(body["entities"].as_array().unwrap().len(), 0);
    assert!(body.get("nextUri").is_none());
}

#[tokio::test]
async fn users_page_count_rounds_up() {
    let sandbox = Sandbox::start_with(SandboxConfig {
        users: 101,
        ..SandboxConfig::default()
    })
    .await
    .unwrap();
    let token = client_token(&sandbox).await;

    let reply = get(&sandbox, "/api/v2/users?pageSize=50", Some(&token)).await;

    assert_eq!(reply.json()["pageCount"], 3);
    assert_eq!(reply.json()["total"], 101);
}

#[tokio::test]
async fn users_pages_do_not_overlap() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;

    let mut ids = Vec::new();
    let mut path = Some("/api/v2/users?pageSize=7".to_owned());
    while let Some(current) = path {
        let body = get(&sandbox, &current, Some(&token)).await.json();
        for user in body["entities"].as_array().unwrap() {
            ids.push(user["id"].as_str().unwrap().to_owned());
        }
        path = body["nextUri"].as_str().map(str::to_owned);
    }
    let total = ids.len();
    ids.sort();
    ids.dedup();

    assert_eq!(total, 60);
    assert_eq!(ids.len(), 60);
}

#[tokio::test]
async fn users_ids_deterministic() {
    let first = Sandbox::start().await.unwrap();
    let second = Sandbox::start().await.unwrap();
    let first_token = client_token(&first).await;
    let second_token = client_token(&second).await;

    let first_body = get(&first, "/api/v2/users", Some(&first_token))
        .await
        .json();
    let second_body = get(&second, "/api/v2/users", Some(&second_token))
        .await
        .json();

    assert_eq!(first_body["entities"], second_body["entities"]);
}

#[tokio::test]
async fn page_size_too_large() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;

    let reply = get(&sandbox, "/api/v2/users?pageSize=501", Some(&token)).await;
    let body = reply.json();

    assert_eq!(reply.status, 400);
    assert_eq!(body["code"], "bad.request");
    assert!(body["message"].as_str().unwrap().contains("pageSize"));
}

#[tokio::test]
async fn page_size_max_accepted() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;

    let reply = get(&sandbox, "/api/v2/users?pageSize=500", Some(&token)).await;

    assert_eq!(reply.status, 200);
    assert!(reply.json().get("nextUri").is_none());
}

#[tokio::test]
async fn page_number_not_a_number() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;

    let reply = get(&sandbox, "/api/v2/users?pageNumber=two", Some(&token)).await;

    assert_eq!(reply.status, 400);
    assert!(reply.json()["message"]
        .as_str()
        .unwrap()
        .contains("pageNumber"));
}

#[tokio::test]
async fn permissions_shape() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;

    let reply = get(&sandbox, "/api/v2/authorization/permissions", Some(&token)).await;
    let body = reply.json();
    let routing = body["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entity| entity["domain"] == "routing")
        .cloned()
        .unwrap_or_default();
    let queue_view = &routing["permissionMap"]["queue"]
        .as_array()
        .and_then(|permissions| permissions.iter().find(|p| p["action"] == "view"))
        .cloned()
        .unwrap_or_default();

    assert_eq!(reply.status, 200);
    assert_eq!(body["total"], 12);
    assert_eq!(body["pageCount"], 1);
    assert!(body.get("nextUri").is_none());
    assert_eq!(routing["id"], "routing");
    assert_eq!(queue_view["domain"], "routing");
    assert_eq!(queue_view["entityType"], "queue");
    assert_eq!(queue_view["label"], "View");
    assert_eq!(queue_view["allowsConditions"], false);
}

#[tokio::test]
async fn permissions_paged() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = client_token(&sandbox).await;

    let reply = get(
        &sandbox,
        "/api/v2/authorization/permissions?pageSize=5&pageNumber=2",
        Some(&token),
    )
    .await;
    let body = reply.json();

    assert_eq!(body["entities"].as_array().unwrap().len(), 5);
    assert_eq!(body["pageCount"], 3);
    assert_eq!(
        body["nextUri"],
        "/api/v2/authorization/permissions?pageSize=5&pageNumber=3"
    );
}
