//! Embeds the client in an Axum app: the client lives in the router state,
//! and a handler calls the Platform API (here the sandbox) per request.
//! The example serves on 127.0.0.1, sends itself one request and exits.
//!
//! ```text
//! cargo run --example axum
//! ```

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use http_body_util::{BodyExt, Empty};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::rt::TokioExecutor;
use purecloud::api::users::GetUsers;
use purecloud::auth::Credentials;
use purecloud::Client;
use purecloud_sandbox::Sandbox;

/// Lists the names on the first page of users.
async fn user_names(
    State(client): State<Client>,
) -> Result<Json<Vec<String>>, (StatusCode, String)> {
    let page = client
        .call(GetUsers::new().page_size(5))
        .await
        .map_err(|error| (StatusCode::BAD_GATEWAY, error.to_string()))?;

    let names = page
        .entities
        .unwrap_or_default()
        .into_iter()
        .filter_map(|user| user.name)
        .collect();
    Ok(Json(names))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox = Sandbox::start().await?;
    let client = Client::builder()
        .local(sandbox.addr())
        .credentials(Credentials::client_credentials(
            purecloud_sandbox::CLIENT_ID,
            purecloud_sandbox::CLIENT_SECRET,
        ))
        .build()?;

    let app = Router::new()
        .route("/users", get(user_names))
        .with_state(client);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    tokio::spawn(async move { axum::serve(listener, app).await });

    let http = HyperClient::builder(TokioExecutor::new()).build_http::<Empty<Bytes>>();
    let response = http.get(format!("http://{address}/users").parse()?).await?;
    let status = response.status();
    let body = response.into_body().collect().await?.to_bytes();

    println!("GET /users -> {status}: {}", String::from_utf8_lossy(&body));
    Ok(())
}
