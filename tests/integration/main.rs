//! Integration tests: the full client stack against the sandbox over
//! loopback TCP.

mod bearer_scope;
mod common;
mod decode;
mod gateway;
mod grants;
mod paging;
mod proxy;
mod rate_limit;
mod reset;
mod service;
mod single_flight;
mod tracing_capture;
mod unauthorized;
