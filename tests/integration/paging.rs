//! Paged listings walked as streams against the sandbox: all pages, the
//! loop guard for repeated pages and cursors, and the refusal to follow a
//! nextUri to another host.

use futures_util::TryStreamExt;
use purecloud::api::users::{GetUsers, GetUsersChatsMe, GetUsersQuery};
use purecloud::paging::PagingError;
use purecloud::time::RecordingClock;
use purecloud::Error;
use purecloud_sandbox::Sandbox;

use crate::common::sandbox_client;

#[tokio::test]
async fn items_walk_every_page() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);

    let users: Vec<_> = client
        .items(GetUsers::new().page_size(25))
        .try_collect()
        .await
        .unwrap();

    assert_eq!(users.len(), 60);
    assert_eq!(sandbox.controls().requests_to("/api/v2/users"), 3);
}

#[tokio::test]
async fn repeated_page_number_stops() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    let stuck = r#"{"entities":[{"id":"1"}],"pageNumber":1,"pageCount":3}"#;
    sandbox.controls().respond_next("/api/v2/users", 200, stuck);
    sandbox.controls().respond_next("/api/v2/users", 200, stuck);

    let result: Result<Vec<_>, Error> = client.items(GetUsers::new()).try_collect().await;

    let error = result.unwrap_err();
    let Error::Paging(PagingError::Repeated { what, .. }) = &error else {
        panic!("expected a repeated-page error, got {error:?}");
    };
    assert_eq!(*what, "page number");
    assert_eq!(sandbox.controls().requests_to("/api/v2/users"), 2);
}

#[tokio::test]
async fn cursor_sent_back_and_guarded() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    let page = r#"{"entities":[{"id":"1"}],"cursor":"c-1"}"#;
    sandbox
        .controls()
        .respond_next("/api/v2/users/query", 200, page);
    sandbox
        .controls()
        .respond_next("/api/v2/users/query", 200, page);

    let result: Result<Vec<_>, Error> = client.items(GetUsersQuery::new()).try_collect().await;

    assert!(
        matches!(
            result,
            Err(Error::Paging(PagingError::Repeated { what: "cursor", .. }))
        ),
        "{result:?}"
    );
    let queries: Vec<Option<String>> = sandbox
        .controls()
        .recorded()
        .into_iter()
        .filter(|request| request.path == "/api/v2/users/query")
        .map(|request| request.query)
        .collect();
    assert_eq!(queries, vec![None, Some("cursor=c-1".to_owned())]);
}

#[tokio::test]
async fn cursor_walk_ends_without_cursor() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    sandbox.controls().respond_next(
        "/api/v2/users/query",
        200,
        r#"{"entities":[{"id":"1"}],"cursor":"c-1"}"#,
    );
    sandbox
        .controls()
        .respond_next("/api/v2/users/query", 200, r#"{"entities":[{"id":"2"}]}"#);

    let users: Vec<_> = client
        .items(GetUsersQuery::new())
        .try_collect()
        .await
        .unwrap();

    assert_eq!(users.len(), 2);
}

#[tokio::test]
async fn next_uri_followed_until_absent() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    sandbox.controls().respond_next(
        "/api/v2/users/chats/me",
        200,
        r#"{"entities":[{"id":"a"}],"nextUri":"/api/v2/users/chats/me?pageToken=2"}"#,
    );
    sandbox.controls().respond_next(
        "/api/v2/users/chats/me",
        200,
        r#"{"entities":[{"id":"b"}]}"#,
    );

    let pages: Vec<_> = client
        .pages(GetUsersChatsMe::new())
        .try_collect()
        .await
        .unwrap();

    assert_eq!(pages.len(), 2);
    let last = sandbox.controls().recorded().pop().unwrap();
    assert_eq!(last.path_and_query(), "/api/v2/users/chats/me?pageToken=2");
}

#[tokio::test]
async fn foreign_next_uri_refused() {
    let sandbox = Sandbox::start().await.unwrap();
    let clock = RecordingClock::new();
    let client = sandbox_client(&sandbox, &clock);
    sandbox.controls().respond_next(
        "/api/v2/users/chats/me",
        200,
        r#"{"entities":[{"id":"a"}],"nextUri":"https://elsewhere.example/api/v2/users/chats/me?pageToken=2"}"#,
    );

    let result: Result<Vec<_>, Error> = client.pages(GetUsersChatsMe::new()).try_collect().await;

    assert!(
        matches!(
            result,
            Err(Error::Paging(PagingError::ForeignNextUri { .. }))
        ),
        "{result:?}"
    );
    assert_eq!(sandbox.controls().requests_to("/api/v2/users/chats/me"), 1);
}
