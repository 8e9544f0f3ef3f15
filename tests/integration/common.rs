//! Helpers shared by the integration tests.

use std::sync::Arc;

use purecloud::auth::Credentials;
use purecloud::environment::Gateway;
use purecloud::time::RecordingClock;
use purecloud::{Client, ClientBuilder};
use purecloud_sandbox::Sandbox;

/// Returns a gateway that points at the sandbox over plain HTTP.
pub fn sandbox_gateway(sandbox: &Sandbox) -> Gateway {
    Gateway::new("127.0.0.1")
        .scheme(http::uri::Scheme::HTTP)
        .port(sandbox.addr().port())
}

/// Returns the sandbox's client credentials.
pub fn sandbox_credentials() -> Credentials {
    Credentials::client_credentials(
        purecloud_sandbox::CLIENT_ID,
        purecloud_sandbox::CLIENT_SECRET,
    )
}

/// Returns a builder aimed at the sandbox, with no proxy and a recording clock so
/// retries never wait for real.
pub fn sandbox_builder(sandbox: &Sandbox, clock: &RecordingClock) -> ClientBuilder {
    Client::builder()
        .local(sandbox.addr())
        .clock(Arc::new(clock.clone()))
        .credentials(sandbox_credentials())
}

/// A client aimed at the sandbox with client credentials.
pub fn sandbox_client(sandbox: &Sandbox, clock: &RecordingClock) -> Client {
    sandbox_builder(sandbox, clock).build().unwrap()
}

/// Returns the bearer tokens the sandbox received, from its recorded
/// requests.
pub fn received_tokens(sandbox: &Sandbox) -> Vec<String> {
    sandbox
        .controls()
        .recorded()
        .iter()
        .filter_map(|request| request.headers.get(http::header::AUTHORIZATION))
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| value.strip_prefix("Bearer "))
        .map(str::to_owned)
        .collect()
}
