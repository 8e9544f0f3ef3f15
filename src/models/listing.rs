//! The page shape shared by paged listings.

use serde::{Deserialize, Serialize};

/// A page of a paged listing, such as `UserEntityListing`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntityListing<T> {
    /// The items on this page.
    #[serde(default = "Vec::new")]
    pub entities: Vec<T>,
    /// The requested page size.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_size: Option<i32>,
    /// The 1-based number of this page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_number: Option<i32>,
    /// The number of items in the whole listing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    /// The number of pages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_count: Option<i32>,
    /// The URI of the first page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_uri: Option<String>,
    /// The URI of this page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub self_uri: Option<String>,
    /// The URI of the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_uri: Option<String>,
    /// The URI of the previous page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_uri: Option<String>,
    /// The URI of the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_uri: Option<String>,
}

impl<T> Default for EntityListing<T> {
    fn default() -> Self {
        Self {
            entities: Vec::new(),
            page_size: None,
            page_number: None,
            total: None,
            page_count: None,
            first_uri: None,
            self_uri: None,
            next_uri: None,
            previous_uri: None,
            last_uri: None,
        }
    }
}

impl<T: Send + 'static> crate::paging::Page for EntityListing<T> {
    type Item = T;

    fn item_count(&self) -> usize {
        self.entities.len()
    }

    fn into_items(self) -> Vec<T> {
        self.entities
    }

    fn page_number(&self) -> Option<i64> {
        self.page_number.map(i64::from)
    }

    fn page_count(&self) -> Option<i64> {
        self.page_count.map(i64::from)
    }

    fn next_uri(&self) -> Option<&str> {
        self.next_uri.as_deref()
    }
}
