//! Walks every page of the user listing as a stream of users.
//!
//! ```text
//! cargo run --example paging
//! ```

use futures_util::TryStreamExt;
use purecloud::api::users::GetUsers;
use purecloud::auth::Credentials;
use purecloud::Client;
use purecloud_sandbox::Sandbox;

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

    let users: Vec<_> = client
        .items(GetUsers::new().page_size(25))
        .try_collect()
        .await?;

    println!(
        "{} users in {} requests",
        users.len(),
        sandbox.controls().requests_to("/api/v2/users")
    );
    Ok(())
}
