//! purecloud: a Rust SDK for the Genesys Cloud Platform API v2.
//!
//! Requests travel through composable Tower layers (tracing, retry, OAuth,
//! region routing) before a hyper transport, and typed endpoint descriptors
//! plug into one generic call:
//!
//! ```no_run
//! use purecloud::api::users::GetUsers;
//! use purecloud::auth::Credentials;
//! use purecloud::region::Region;
//!
//! # async fn demo() -> Result<(), purecloud::Error> {
//! let client = purecloud::Client::builder()
//!     .region(Region::UsEast1)
//!     .credentials(Credentials::client_credentials("client-id", "client-secret"))
//!     .build()?;
//!
//! let page = client.call(GetUsers::new().page_size(25)).await?;
//! for user in page.entities.into_iter().flatten() {
//!     println!("{}", user.name.unwrap_or_default());
//! }
//! # Ok(())
//! # }
//! ```
//!
//! The layers live in the `purecloud-layers` crate and are re-exported here
//! by concern.

pub mod api;
mod builder;
pub mod call;
mod call_builder;
mod client;
pub mod encode;
mod endpoint;
mod error;
mod mask;
pub mod models;
pub mod nulls;
pub mod paging;
mod response;

pub use builder::ClientBuilder;
pub use call_builder::Call;
pub use client::{Client, HttpService};
pub use endpoint::{Endpoint, RequestBody};
pub use error::{ApiError, DecodeError, Error};
pub use response::ApiResponse;

pub use purecloud_layers as layers;

/// Compiles the README's Rust examples as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
pub use purecloud_layers::{auth, environment, region, retry, routing, time, trace, transport};
