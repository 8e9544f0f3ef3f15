//! Paged listings as streams of pages and of items.
//!
//! A listing operation's output implements [`Page`] and its descriptor
//! implements [`Paginated`], saying whether it pages by page number, by
//! `nextUri` or by cursor. [`Client::pages`] and [`Client::items`] walk the
//! listing until the last page: the page count is reached, `nextUri` or the
//! cursor is missing or empty, or a page is empty. A server that hands back
//! a page, `nextUri` or cursor it already gave fails the stream with
//! [`PagingError`] instead of looping.
//!
//! ```no_run
//! use futures_util::TryStreamExt;
//! use purecloud::api::users::GetUsers;
//!
//! # async fn demo(client: purecloud::Client) -> Result<(), purecloud::Error> {
//! let users: Vec<_> = client.items(GetUsers::new().page_size(100)).try_collect().await?;
//! println!("{} users", users.len());
//! # Ok(())
//! # }
//! ```

use std::collections::HashSet;

use futures_util::stream::{self, Stream, TryStreamExt};
use http::Uri;

use crate::call::{build_request, decode_response};
use crate::client::Client;
use crate::endpoint::Endpoint;
use crate::error::Error;

/// The way a listing requests its next page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PagingStyle {
    /// A `pageNumber` query parameter, up to the response's `pageCount`.
    PageNumber,
    /// The response's `nextUri`, followed as given.
    NextUri,
    /// A cursor from the response, sent back as a query parameter.
    Cursor,
}

/// A response that is one page of a listing.
pub trait Page: Send + 'static {
    /// The listed item.
    type Item: Send + 'static;

    /// Returns the number of items on this page.
    fn item_count(&self) -> usize;

    /// Returns the items of this page.
    fn into_items(self) -> Vec<Self::Item>;

    /// Returns the 1-based page number, if the response has one.
    fn page_number(&self) -> Option<i64> {
        None
    }

    /// Returns the number of pages, if the response has one.
    fn page_count(&self) -> Option<i64> {
        None
    }

    /// Returns the URI of the next page, if the response has one.
    fn next_uri(&self) -> Option<&str> {
        None
    }

    /// Returns the cursor of the next page, if the response has one.
    fn cursor(&self) -> Option<&str> {
        None
    }
}

/// A listing operation whose pages can be walked.
pub trait Paginated: Endpoint<Output: Page> + Clone {
    /// The way the operation requests the next page.
    const PAGING: PagingStyle;

    /// Sets the page to request, for [`PagingStyle::PageNumber`].
    fn set_page_number(&mut self, _page_number: i64) {}

    /// Sets the cursor to send, for [`PagingStyle::Cursor`].
    fn set_cursor(&mut self, _cursor: &str) {}
}

/// A paged listing that would loop or leave the API host.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PagingError {
    /// The server handed back a page, `nextUri` or cursor it already gave.
    #[error("paging {operation} stopped: the server returned {what} {value:?} a second time, which would loop forever")]
    Repeated {
        /// The listing operation.
        operation: &'static str,
        /// `page number`, `nextUri` or `cursor`.
        what: &'static str,
        /// The repeated value.
        value: String,
    },
    /// The `nextUri` is absolute, so following it could send the token to
    /// another host.
    #[error("paging {operation} stopped: nextUri {uri:?} points at another host; it is not followed, so the token is not sent there")]
    ForeignNextUri {
        /// The listing operation.
        operation: &'static str,
        /// The scheme and host of the rejected `nextUri`.
        uri: String,
    },
}

enum Next {
    First,
    PageNumber(i64),
    Uri(String),
    Cursor(String),
    Done,
}

struct Walk<E> {
    client: Client,
    endpoint: E,
    next: Next,
    seen: HashSet<String>,
}

impl Client {
    /// Streams the pages of a listing, starting with the page `endpoint`
    /// requests.
    pub fn pages<E: Paginated>(
        &self,
        endpoint: E,
    ) -> impl Stream<Item = Result<E::Output, Error>> + Send + 'static {
        let walk = Walk {
            client: self.clone(),
            endpoint,
            next: Next::First,
            seen: HashSet::new(),
        };

        stream::try_unfold(walk, |mut walk| async move {
            let Some(page) = walk.fetch().await? else {
                return Ok(None);
            };
            walk.advance(&page)?;
            Ok(Some((page, walk)))
        })
    }

    /// Streams the items of every page of a listing.
    pub fn items<E: Paginated>(
        &self,
        endpoint: E,
    ) -> impl Stream<Item = Result<<E::Output as Page>::Item, Error>> + Send + 'static {
        self.pages(endpoint)
            .map_ok(|page| stream::iter(page.into_items().into_iter().map(Ok)))
            .try_flatten()
    }
}

impl<E: Paginated> Walk<E> {
    async fn fetch(&mut self) -> Result<Option<E::Output>, Error> {
        let mut endpoint = self.endpoint.clone();

        match std::mem::replace(&mut self.next, Next::Done) {
            Next::Done => return Ok(None),
            Next::First => {}
            Next::PageNumber(page_number) => endpoint.set_page_number(page_number),
            Next::Cursor(cursor) => endpoint.set_cursor(&cursor),
            Next::Uri(uri) => {
                return fetch_uri(self.client.clone(), endpoint, uri)
                    .await
                    .map(Some)
            }
        }

        self.client.call(endpoint).await.map(Some)
    }

    /// Decides the next request from the page just received.
    fn advance(&mut self, page: &E::Output) -> Result<(), Error> {
        self.next = Next::Done;

        if page.item_count() == 0 {
            return Ok(());
        }

        match E::PAGING {
            PagingStyle::PageNumber => self.advance_by_number(page),
            PagingStyle::NextUri => self.advance_by_uri(page),
            PagingStyle::Cursor => self.advance_by_cursor(page),
        }
    }

    fn advance_by_number(&mut self, page: &E::Output) -> Result<(), Error> {
        let Some(current) = page.page_number() else {
            // Without a page number the listing can only go on by nextUri.
            return self.advance_by_uri(page);
        };

        self.remember("page number", current.to_string())?;

        if page.page_count().is_some_and(|count| current >= count) {
            return Ok(());
        }
        if page.page_count().is_none() && page.next_uri().is_none_or(str::is_empty) {
            return Ok(());
        }

        self.next = Next::PageNumber(current + 1);
        Ok(())
    }

    fn advance_by_uri(&mut self, page: &E::Output) -> Result<(), Error> {
        let Some(uri) = page.next_uri().filter(|uri| !uri.is_empty()) else {
            return Ok(());
        };

        // NOTE: only relative nextUris are followed, as the Platform API
        // sends them. An absolute one is rejected even for the API host,
        // because the client does not know which host that is.
        if let Ok(parsed) = uri.parse::<Uri>() {
            if parsed.authority().is_some() {
                return Err(Error::Paging(PagingError::ForeignNextUri {
                    operation: E::OPERATION_ID,
                    uri: purecloud_layers::error::target_of(&parsed),
                }));
            }
        }

        self.remember("nextUri", uri.to_owned())?;
        self.next = Next::Uri(uri.to_owned());
        Ok(())
    }

    fn advance_by_cursor(&mut self, page: &E::Output) -> Result<(), Error> {
        let Some(cursor) = page.cursor().filter(|cursor| !cursor.is_empty()) else {
            return Ok(());
        };

        self.remember("cursor", cursor.to_owned())?;
        self.next = Next::Cursor(cursor.to_owned());
        Ok(())
    }

    fn remember(&mut self, what: &'static str, value: String) -> Result<(), Error> {
        let key = format!("{what}:{value}");
        if self.seen.insert(key) {
            return Ok(());
        }

        Err(Error::Paging(PagingError::Repeated {
            operation: E::OPERATION_ID,
            what,
            value,
        }))
    }
}

/// Sends the listing request to a relative `nextUri`.
async fn fetch_uri<E: Paginated>(
    client: Client,
    endpoint: E,
    uri: String,
) -> Result<E::Output, Error> {
    let mut request = build_request(&endpoint)?;
    *request.uri_mut() = uri.parse::<Uri>().map_err(|error| {
        purecloud_layers::error::ConfigError::new(
            "nextUri",
            uri.clone(),
            format!("not a valid URI: {error}"),
        )
    })?;

    let response = client.send(request).await?;
    Ok(decode_response::<E>(response)?.output)
}
