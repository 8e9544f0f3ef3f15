//! Users: the current user, one user and the paged user listing.

use http::Method;

use crate::encode::path_segment;
use crate::endpoint::Endpoint;
use crate::models::{EntityListing, User};

/// Joins list values the way the API takes them in one query parameter.
fn join(values: &[String]) -> String {
    values.join(",")
}

/// `GET /api/v2/users/me`: get the user of the current token.
///
/// Fails with 400 for tokens from the client credentials grant, which have
/// no user.
#[derive(Clone, Debug, Default)]
pub struct GetUsersMe {
    expand: Vec<String>,
}

impl GetUsersMe {
    /// Creates the request.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the given sections to the response, such as `presence`.
    pub fn expand<I, T>(mut self, values: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        self.expand = values.into_iter().map(Into::into).collect();
        self
    }
}

impl Endpoint for GetUsersMe {
    type Output = User;

    const OPERATION_ID: &'static str = "getUsersMe";
    const METHOD: Method = Method::GET;
    const PATH_TEMPLATE: &'static str = "/api/v2/users/me";

    fn path(&self) -> String {
        Self::PATH_TEMPLATE.to_owned()
    }

    fn query(&self) -> Vec<(&'static str, String)> {
        let mut query = Vec::new();
        if !self.expand.is_empty() {
            query.push(("expand", join(&self.expand)));
        }
        query
    }
}

/// `GET /api/v2/users/{userId}`: get one user.
#[derive(Clone, Debug)]
pub struct GetUser {
    user_id: String,
    expand: Vec<String>,
}

impl GetUser {
    /// Creates the request for the user with this id.
    pub fn new(user_id: impl Into<String>) -> Self {
        Self {
            user_id: user_id.into(),
            expand: Vec::new(),
        }
    }

    /// Adds the given sections to the response, such as `presence`.
    pub fn expand<I, T>(mut self, values: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        self.expand = values.into_iter().map(Into::into).collect();
        self
    }
}

impl Endpoint for GetUser {
    type Output = User;

    const OPERATION_ID: &'static str = "getUser";
    const METHOD: Method = Method::GET;
    const PATH_TEMPLATE: &'static str = "/api/v2/users/{userId}";

    fn path(&self) -> String {
        format!("/api/v2/users/{}", path_segment(&self.user_id))
    }

    fn query(&self) -> Vec<(&'static str, String)> {
        let mut query = Vec::new();
        if !self.expand.is_empty() {
            query.push(("expand", join(&self.expand)));
        }
        query
    }
}

/// `GET /api/v2/users`: get a page of the organization's users.
#[derive(Clone, Debug, Default)]
pub struct GetUsers {
    page_size: Option<i32>,
    page_number: Option<i32>,
    sort_order: Option<String>,
    state: Option<String>,
}

impl GetUsers {
    /// Creates the request for the first page with the API's default size.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the page size (the API allows 1 to 500; its default is 25).
    pub fn page_size(mut self, page_size: i32) -> Self {
        self.page_size = Some(page_size);
        self
    }

    /// Sets the 1-based page number.
    pub fn page_number(mut self, page_number: i32) -> Self {
        self.page_number = Some(page_number);
        self
    }

    /// Sets the sort order by name: `ASC` or `DESC`.
    pub fn sort_order(mut self, sort_order: impl Into<String>) -> Self {
        self.sort_order = Some(sort_order.into());
        self
    }

    /// Lists only users in this state: `active`, `inactive`, `deleted` or `any`.
    pub fn state(mut self, state: impl Into<String>) -> Self {
        self.state = Some(state.into());
        self
    }
}

impl crate::paging::Paginated for GetUsers {
    const PAGING: crate::paging::PagingStyle = crate::paging::PagingStyle::PageNumber;

    fn set_page_number(&mut self, page_number: i64) {
        self.page_number = i32::try_from(page_number).ok();
    }
}

impl Endpoint for GetUsers {
    type Output = EntityListing<User>;

    const OPERATION_ID: &'static str = "getUsers";
    const METHOD: Method = Method::GET;
    const PATH_TEMPLATE: &'static str = "/api/v2/users";

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
        if let Some(sort_order) = &self.sort_order {
            query.push(("sortOrder", sort_order.clone()));
        }
        if let Some(state) = &self.state {
            query.push(("state", state.clone()));
        }
        query
    }
}
