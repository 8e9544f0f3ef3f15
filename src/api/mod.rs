//! Typed operation descriptors, one module per API group.
//!
//! NOTE: these few descriptors are written by hand for the quickstart and
//! the tests; the code generator replaces them with the full API.

pub mod authorization;
pub mod users;
