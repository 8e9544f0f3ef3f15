//! Quickstart: authenticate with client credentials, then print the number
//! of permission domains and the organization's first users.
//!
//! With `GENESYS_CLOUD_CLIENT_ID`, `GENESYS_CLOUD_CLIENT_SECRET` and
//! `GENESYS_CLOUD_REGION` (such as `us-east-1` or `mypurecloud.ie`) set, it
//! calls the real API. With none of them set, it starts the local sandbox
//! and calls that instead.
//!
//! ```text
//! cargo run --example quickstart
//! ```

use std::process::ExitCode;

use purecloud::api::authorization::GetAuthorizationPermissions;
use purecloud::api::users::GetUsers;
use purecloud::auth::Credentials;
use purecloud::{Client, Error};
use purecloud_sandbox::Sandbox;

const VARIABLES: [&str; 3] = [
    "GENESYS_CLOUD_CLIENT_ID",
    "GENESYS_CLOUD_CLIENT_SECRET",
    "GENESYS_CLOUD_REGION",
];

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("quickstart failed: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let values: Vec<Option<String>> = VARIABLES
        .iter()
        .map(|name| std::env::var(name).ok().filter(|value| !value.is_empty()))
        .collect();

    // The sandbox must outlive the calls, so it is kept here.
    let (client, _sandbox) = match values.as_slice() {
        [Some(id), Some(secret), Some(region)] => {
            println!("Calling the Genesys Cloud API in {region}.");
            (real_client(id, secret, region)?, None)
        }
        [None, None, None] => {
            let sandbox = Sandbox::start().await?;
            println!(
                "No GENESYS_CLOUD_* variables set; using the local sandbox at {}.",
                sandbox.base_url()
            );
            (sandbox_client(&sandbox)?, Some(sandbox))
        }
        _ => {
            let missing: Vec<&str> = VARIABLES
                .iter()
                .zip(&values)
                .filter(|(_, value)| value.is_none())
                .map(|(name, _)| *name)
                .collect();
            return Err(format!(
                "{} not set; set all three variables to call the real API, or none to use the sandbox",
                missing.join(", ")
            )
            .into());
        }
    };

    let permissions = client
        .call(GetAuthorizationPermissions::new().page_size(100))
        .await?;
    println!(
        "Permission domains: {}",
        permissions.total.map_or_else(
            || permissions
                .entities
                .as_ref()
                .map_or(0, Vec::len)
                .to_string(),
            |total| total.to_string()
        )
    );

    let users = client.call(GetUsers::new().page_size(5)).await?;
    println!(
        "First users ({} in the organization):",
        users.total.unwrap_or_default()
    );
    for user in users.entities.iter().flatten() {
        println!(
            "  {}  {}",
            user.name.as_deref().unwrap_or("(no name)"),
            user.email.as_deref().unwrap_or("(no email)")
        );
    }

    Ok(())
}

fn real_client(id: &str, secret: &str, region: &str) -> Result<Client, Error> {
    Client::builder()
        .region_or_domain(region)
        .credentials(Credentials::client_credentials(id, secret))
        .build()
}

fn sandbox_client(sandbox: &Sandbox) -> Result<Client, Error> {
    Client::builder()
        .local(sandbox.addr())
        .credentials(Credentials::client_credentials(
            purecloud_sandbox::CLIENT_ID,
            purecloud_sandbox::CLIENT_SECRET,
        ))
        .build()
}
