//! A local Genesys Cloud Platform API v2 simulator for quickstarts, tests
//! and benchmarks.
//!
//! [`Sandbox`] is a real hyper server (HTTP/1.1 and HTTP/2 without TLS) bound
//! to `127.0.0.1` on an ephemeral port. It serves the parts of the Platform
//! API that the SDK's quickstart, tests and benches use:
//!
//! - `POST /oauth/token` for the client credentials, SAML2 bearer,
//!   authorization code, PKCE and refresh token grants;
//! - `GET /api/v2/users/me`, the paged `GET /api/v2/users` and
//!   `GET /api/v2/authorization/permissions`;
//! - a `404 not.found` error body for every other path, so a test can still
//!   inspect the raw request of any operation through
//!   [`Controls::recorded`].
//!
//! [`Controls`] injects faults (rate limits, 5xx bursts, dropped
//! connections, delays, canned responses), controls token lifetimes and
//! counts requests.
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! use purecloud_sandbox::{Sandbox, CLIENT_ID, CLIENT_SECRET};
//!
//! let sandbox = Sandbox::start().await?;
//! println!("login and API base: {}", sandbox.base_url());
//! println!("client: {CLIENT_ID} / {CLIENT_SECRET}");
//!
//! // The next two API requests get 429 with `Retry-After: 1`.
//! sandbox.controls().rate_limit_next(2, 1);
//!
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```

mod config;
mod connection;
mod controls;
mod errors;
mod faults;
mod ids;
mod oauth;
mod paging;
mod permissions;
mod record;
mod response;
mod router;
mod server;
mod state;
mod tokens;
mod users;

pub use config::SandboxConfig;
pub use controls::Controls;
pub use record::RecordedRequest;
pub use server::Sandbox;

/// The OAuth client id that the sandbox's token endpoint accepts.
pub const CLIENT_ID: &str = "sandbox-client-id";

/// The OAuth client secret that belongs to [`CLIENT_ID`].
pub const CLIENT_SECRET: &str = "sandbox-client-secret";
