//! `Call`: a descriptor bound to a client, as returned by the per-group
//! handles (`client.users().get_users_me()`).

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use crate::client::Client;
use crate::endpoint::Endpoint;
use crate::error::Error;
use crate::response::ApiResponse;

/// A descriptor bound to a client. Await it (or call [`Call::send`]) to
/// send it; set optional parameters with its setters or with [`Call::map`].
#[derive(Clone, Debug)]
#[must_use = "a call does nothing until it is awaited or sent"]
pub struct Call<'a, E> {
    client: &'a Client,
    endpoint: E,
}

impl<'a, E: Endpoint> Call<'a, E> {
    /// Binds `endpoint` to `client`.
    pub fn new(client: &'a Client, endpoint: E) -> Self {
        Self { client, endpoint }
    }

    /// Changes the descriptor, for example to set optional parameters.
    pub fn map(self, change: impl FnOnce(E) -> E) -> Self {
        Self {
            client: self.client,
            endpoint: change(self.endpoint),
        }
    }

    /// Returns the descriptor.
    pub fn endpoint(&self) -> &E {
        &self.endpoint
    }

    /// Returns the descriptor, unbound.
    pub fn into_endpoint(self) -> E {
        self.endpoint
    }

    /// Sends the call and decodes its output.
    pub async fn send(self) -> Result<E::Output, Error> {
        self.client.call(self.endpoint).await
    }

    /// Sends the call and returns its output with status, headers and
    /// correlation id.
    pub async fn send_with_response(self) -> Result<ApiResponse<E::Output>, Error> {
        self.client.call_with_response(self.endpoint).await
    }
}

impl<'a, E: Endpoint> IntoFuture for Call<'a, E> {
    type Output = Result<E::Output, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<E::Output, Error>> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
