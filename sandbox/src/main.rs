//! The `purecloud-sandbox` binary: starts a sandbox, prints where it
//! listens and its client credentials, and runs until Ctrl-C.

use purecloud_sandbox::{Sandbox, CLIENT_ID, CLIENT_SECRET};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .init();

    let sandbox = Sandbox::start().await?;

    println!("base URL:      {}", sandbox.base_url());
    println!("client id:     {CLIENT_ID}");
    println!("client secret: {CLIENT_SECRET}");
    println!("press Ctrl-C to stop");

    tokio::signal::ctrl_c().await?;

    sandbox.shutdown().await;
    Ok(())
}
