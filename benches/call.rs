//! Per-call cost of the full client stack (tracing, retry, OAuth, routing,
//! pooled transport, typed decode) next to a bare hyper-util client that
//! sends the same request with a fixed bearer token and decodes the same
//! type. Both call the same in-process sandbox over loopback TCP in one
//! run, so the ratio of the two is the stack's overhead on this machine.
//!
//! ```text
//! cargo bench --bench call
//! ```

use criterion::{criterion_group, criterion_main, Criterion};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::rt::TokioExecutor;
use purecloud::api::users::GetUsers;
use purecloud::auth::Credentials;
use purecloud::models::UserEntityListing;
use purecloud::Client;
use purecloud_sandbox::Sandbox;

const PAGE_SIZE: i32 = 25;

fn call_overhead(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let sandbox = runtime
        .block_on(Sandbox::start())
        .expect("the sandbox starts");

    let client = Client::builder()
        .local(sandbox.addr())
        .credentials(Credentials::client_credentials(
            purecloud_sandbox::CLIENT_ID,
            purecloud_sandbox::CLIENT_SECRET,
        ))
        .build()
        .expect("a client");

    // One call obtains the token; the bare client reuses it from the
    // sandbox's request log.
    runtime
        .block_on(client.call(GetUsers::new().page_size(PAGE_SIZE)))
        .expect("the first call succeeds");
    let authorization = sandbox
        .controls()
        .recorded()
        .iter()
        .filter_map(|request| request.header("authorization"))
        .find(|value| value.starts_with("Bearer "))
        .map(str::to_owned)
        .expect("the sandbox saw the bearer token");
    sandbox.controls().set_recording(false);

    let bare = HyperClient::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let uri = format!("{}/api/v2/users?pageSize={PAGE_SIZE}", sandbox.base_url());

    let mut group = c.benchmark_group("get_users_page");

    group.bench_function("purecloud_stack", |b| {
        b.to_async(&runtime).iter(|| async {
            let page = client
                .call(GetUsers::new().page_size(PAGE_SIZE))
                .await
                .unwrap();
            assert_eq!(
                page.entities.as_ref().map_or(0, Vec::len),
                PAGE_SIZE as usize
            );
        })
    });

    group.bench_function("bare_hyper", |b| {
        b.to_async(&runtime).iter(|| async {
            let request = http::Request::get(&uri)
                .header("authorization", &authorization)
                .header("accept", "application/json")
                .body(Full::new(Bytes::new()))
                .unwrap();
            let response = bare.request(request).await.unwrap();
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            let page: UserEntityListing = serde_json::from_slice(&bytes).unwrap();
            assert_eq!(
                page.entities.as_ref().map_or(0, Vec::len),
                PAGE_SIZE as usize
            );
        })
    });

    group.finish();
}

criterion_group!(benches, call_overhead);
criterion_main!(benches);
