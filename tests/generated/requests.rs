//! Request shapes of generated descriptors, as the sandbox records them.

use purecloud::auth::Credentials;
use purecloud::Client;
use purecloud_sandbox::{RecordedRequest, Sandbox};

async fn start() -> (Sandbox, Client) {
    let sandbox = Sandbox::start().await.unwrap();
    let client = Client::builder()
        .local(sandbox.addr())
        .credentials(Credentials::client_credentials(
            purecloud_sandbox::CLIENT_ID,
            purecloud_sandbox::CLIENT_SECRET,
        ))
        .build()
        .unwrap();
    (sandbox, client)
}

/// Returns the one API request the sandbox recorded (token requests aside).
fn api_request(sandbox: &Sandbox) -> RecordedRequest {
    let mut requests: Vec<RecordedRequest> = sandbox
        .controls()
        .recorded()
        .into_iter()
        .filter(|request| request.path.starts_with("/api/"))
        .collect();
    assert_eq!(requests.len(), 1, "expected one API request");
    requests.remove(0)
}

#[tokio::test]
async fn path_parameter_stays_one_segment() {
    let (sandbox, client) = start().await;

    let _ = client.users().get_user("a b+c/d é").await;

    let request = api_request(&sandbox);
    assert_eq!(request.method, http::Method::GET);
    assert_eq!(request.path, "/api/v2/users/a%20b%2Bc%2Fd%20%C3%A9");
}

#[tokio::test]
async fn list_query_comma_joined() {
    let (sandbox, client) = start().await;

    let _ = client
        .call(
            purecloud::api::users::GetUsers::new()
                .id(["1", "2"])
                .expand(["presence"])
                .page_size(5),
        )
        .await;

    let request = api_request(&sandbox);
    assert_eq!(
        request.query.as_deref(),
        Some("pageSize=5&id=1%2C2&expand=presence")
    );
}

#[tokio::test]
async fn call_setters_forward() {
    let (sandbox, client) = start().await;

    let _ = client
        .users()
        .get_users()
        .page_size(3)
        .state("active")
        .await;

    let request = api_request(&sandbox);
    assert_eq!(
        request.path_and_query(),
        "/api/v2/users?pageSize=3&state=active"
    );
}

#[tokio::test]
async fn boolean_query_lowercase() {
    let (sandbox, client) = start().await;

    let _ = client
        .users()
        .get_users_chats_me()
        .exclude_closed(true)
        .include_presence(false)
        .await;

    let request = api_request(&sandbox);
    assert_eq!(
        request.query.as_deref(),
        Some("excludeClosed=true&includePresence=false")
    );
}

#[tokio::test]
async fn unset_optionals_omitted() {
    let (sandbox, client) = start().await;

    let _ = client.users().get_users_me().await;

    let request = api_request(&sandbox);
    assert_eq!(request.path_and_query(), "/api/v2/users/me");
}

#[tokio::test]
async fn json_body_sent() {
    let (sandbox, client) = start().await;
    let body = purecloud::models::UpdateUser {
        name: Some("Ada".into()),
        version: Some(2),
        ..Default::default()
    };

    let _ = client.users().patch_user("u-1", body).await;

    let request = api_request(&sandbox);
    assert_eq!(request.method, http::Method::PATCH);
    assert_eq!(request.path, "/api/v2/users/u-1");
    assert_eq!(request.header("content-type"), Some("application/json"));
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, serde_json::json!({"name": "Ada", "version": 2}));
}

#[tokio::test]
async fn explicit_null_sent() {
    use purecloud::nulls::SetNull;

    let (sandbox, client) = start().await;
    let body = purecloud::models::UpdateUser {
        version: Some(3),
        ..Default::default()
    };

    let _ = client
        .users()
        .patch_user("u-1", body.with_null("department"))
        .await;

    let request = api_request(&sandbox);
    let sent: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(sent, serde_json::json!({"version": 3, "department": null}));
}

#[tokio::test]
async fn page_number_paging_walks_pages() {
    use futures_util::TryStreamExt;

    let (_sandbox, client) = start().await;

    let users: Vec<purecloud::models::User> = client
        .items(purecloud::api::users::GetUsers::new().page_size(2))
        .try_collect()
        .await
        .unwrap();

    assert!(
        users.len() > 2,
        "expected more than one page, got {}",
        users.len()
    );
}

#[cfg(feature = "billing")]
#[tokio::test]
async fn date_time_query_iso_8601() {
    let (sandbox, client) = start().await;
    let start: chrono::DateTime<chrono::Utc> = "2026-01-02T03:04:05.678Z".parse().unwrap();
    let end: chrono::DateTime<chrono::Utc> = "2026-02-01T00:00:00Z".parse().unwrap();

    let _ = client
        .billing()
        .get_billing_reports_billableusage(start, end)
        .await;

    let request = api_request(&sandbox);
    assert_eq!(
        request.query.as_deref(),
        Some("startDate=2026-01-02T03%3A04%3A05.678Z&endDate=2026-02-01T00%3A00%3A00.000Z")
    );
}

#[cfg(feature = "o_auth")]
#[tokio::test]
async fn header_parameter_sent() {
    let (sandbox, client) = start().await;

    let _ = client
        .o_auth()
        .get_oauth_scopes()
        .accept_language("fr-FR")
        .await;

    let request = api_request(&sandbox);
    assert_eq!(request.header("accept-language"), Some("fr-FR"));
}
