//! Request and response models.
//!
//! NOTE: these few models are written by hand for the quickstart and the
//! tests; the code generator replaces them with every model of the API.

mod division;
mod listing;
mod permission;
mod user;

pub use division::Division;
pub use listing::EntityListing;
pub use permission::{DomainPermission, DomainPermissionCollection};
pub use user::{Chat, User, UserState};
