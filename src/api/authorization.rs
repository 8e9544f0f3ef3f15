//! Authorization: the permission catalogue.

use http::Method;

use crate::endpoint::Endpoint;
use crate::models::{DomainPermissionCollection, EntityListing};

/// `GET /api/v2/authorization/permissions`: get a page of the permission
/// domains and their permissions.
#[derive(Clone, Debug, Default)]
pub struct GetAuthorizationPermissions {
    page_size: Option<i32>,
    page_number: Option<i32>,
}

impl GetAuthorizationPermissions {
    /// Creates the request for the first page with the API's default size.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the page size.
    pub fn page_size(mut self, page_size: i32) -> Self {
        self.page_size = Some(page_size);
        self
    }

    /// Sets the 1-based page number.
    pub fn page_number(mut self, page_number: i32) -> Self {
        self.page_number = Some(page_number);
        self
    }
}

impl Endpoint for GetAuthorizationPermissions {
    type Output = EntityListing<DomainPermissionCollection>;

    const OPERATION_ID: &'static str = "getAuthorizationPermissions";
    const METHOD: Method = Method::GET;
    const PATH_TEMPLATE: &'static str = "/api/v2/authorization/permissions";

    fn path(&self) -> String {
        Self::PATH_TEMPLATE.to_owned()
    }

    fn query(&self) -> Vec<(&'static str, String)> {
        let mut query = Vec::new();
        if let Some(page_size) = self.page_size {
            query.push(("pageSize", page_size.to_string()));
        }
        if let Some(page_number) = self.page_number {
            query.push(("pageNumber", page_number.to_string()));
        }
        query
    }
}
