//! Observes calls through your own tracing subscriber: one `purecloud.call`
//! span per call (and per token request) at debug level, with retries and
//! errors as events. Tokens, secrets and bodies are not recorded.
//!
//! ```text
//! RUST_LOG=purecloud_layers=debug cargo run --example tracing
//! ```

use purecloud::api::users::GetUsers;
use purecloud::auth::Credentials;
use purecloud::Client;
use purecloud_sandbox::Sandbox;
use tracing_subscriber::fmt::format::FmtSpan;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_span_events(FmtSpan::CLOSE)
        .init();

    let sandbox = Sandbox::start().await?;
    let client = Client::builder()
        .local(sandbox.addr())
        .credentials(Credentials::client_credentials(
            purecloud_sandbox::CLIENT_ID,
            purecloud_sandbox::CLIENT_SECRET,
        ))
        .build()?;

    // One 503 first, so the log shows a retry event inside the call's span.
    sandbox.controls().fail_next(1, 503);
    let page = client.call(GetUsers::new().page_size(2)).await?;

    println!("{} users", page.entities.as_ref().map_or(0, Vec::len));
    Ok(())
}
