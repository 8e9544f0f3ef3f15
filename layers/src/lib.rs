//! Tower layers for the Genesys Cloud Platform API v2.
//!
//! A call travels, outermost first, through tracing, retry, OAuth and region
//! routing before the hyper transport sends it. Each concern is a
//! `FooLayer` + `Foo<S>` pair usable on its own with `tower::ServiceBuilder`,
//! and the decision inside each (URI resolution, retry classification,
//! backoff delay, token expiry) is a plain function tested on its own.
//!
//! Requests and responses carry a buffered [`Body`], so a request can be
//! replayed for a retry or a token refresh. Every service returns
//! [`BoxError`]; the typed errors it boxes are in [`error`] and [`auth`].

pub mod auth;
pub mod body;
pub mod environment;
pub mod error;
pub mod operation;
pub mod region;
pub mod retry;
pub mod routing;
pub mod time;
pub mod trace;
pub mod transport;

pub use body::Body;
pub use error::BoxError;
pub use operation::{Attempts, Operation};
