//! Builds the layer stack by hand from the public layer types, with a
//! different order than `ClientBuilder` and a tower timeout of our own per
//! attempt, then calls the sandbox with it.
//!
//! ```text
//! cargo run --example custom_layers
//! ```

use std::time::Duration;

use purecloud::api::users::GetUsers;
use purecloud::auth::{Credentials, LoginService, OAuthLayer, TokenProvider};
use purecloud::environment::{Environment, Gateway};
use purecloud::layers::BoxError;
use purecloud::retry::{RetryConfig, RetryLayer};
use purecloud::routing::RoutingLayer;
use purecloud::trace::TraceLayer;
use purecloud::transport::{ProxyConfig, Transport, TransportConfig};
use purecloud::Client;
use purecloud_sandbox::Sandbox;
use tower::ServiceBuilder;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let sandbox = Sandbox::start().await?;
    let environment = Environment::gateway(
        Gateway::new("127.0.0.1")
            .scheme(http::uri::Scheme::HTTP)
            .port(sandbox.addr().port()),
    )?;

    let transport = Transport::new(TransportConfig::new().proxy(ProxyConfig::disabled()))?;

    // Token requests skip retries here, unlike the default stack.
    let login = LoginService::new(
        ServiceBuilder::new()
            .layer(TraceLayer::new())
            .service(transport.clone()),
    );
    let provider = TokenProvider::new(
        Credentials::client_credentials(
            purecloud_sandbox::CLIENT_ID,
            purecloud_sandbox::CLIENT_SECRET,
        ),
        environment.login_url("/oauth/token"),
        login,
    );

    // Retry outermost, so each attempt gets its own span and its own
    // 5-second timeout.
    let stack = ServiceBuilder::new()
        .layer(RetryLayer::new(RetryConfig::default()))
        .layer(TraceLayer::new())
        .map_err(BoxError::from)
        .timeout(Duration::from_secs(5))
        .layer(OAuthLayer::new(
            provider,
            environment.api_authority().clone(),
        ))
        .layer(RoutingLayer::new(&environment))
        .service(transport);

    let client = Client::from_service(stack);
    let page = client.call(GetUsers::new().page_size(3)).await?;

    println!(
        "{} users on the first page",
        page.entities.as_ref().map_or(0, Vec::len)
    );
    Ok(())
}
