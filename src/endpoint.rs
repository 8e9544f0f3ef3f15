//! The `Endpoint` trait that every typed operation descriptor implements.

use http::Method;
use serde::de::DeserializeOwned;

use crate::error::Error;

/// A request body as an operation sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestBody {
    /// No body.
    #[default]
    None,
    /// A JSON document (`application/json`).
    Json(Vec<u8>),
    /// Form fields (`application/x-www-form-urlencoded`).
    Form(Vec<(String, String)>),
}

impl RequestBody {
    /// Serializes `value` as a JSON body.
    pub fn json<T: serde::Serialize + ?Sized>(value: &T) -> Result<Self, Error> {
        serde_json::to_vec(value).map(Self::Json).map_err(|error| {
            Error::Config(purecloud_layers::error::ConfigError::new(
                "request body",
                std::any::type_name::<T>(),
                format!("failed to serialize as JSON: {error}"),
            ))
        })
    }
}

/// A typed descriptor of one Platform API operation.
///
/// Required parameters are fields set by the descriptor's `new(...)`;
/// optional ones are builder setters. The generic call turns a descriptor
/// into a request with [`Endpoint::path`], [`Endpoint::query`],
/// [`Endpoint::headers`] and [`Endpoint::body`], and decodes a 2xx answer
/// into [`Endpoint::Output`] (`()` for operations without a response body).
pub trait Endpoint: Send + 'static {
    /// The decoded 2xx response.
    type Output: DeserializeOwned + Send + 'static;

    /// The operation id from the API definition, such as `getUsersMe`.
    const OPERATION_ID: &'static str;

    /// The HTTP method.
    const METHOD: Method;

    /// The path template, such as `/api/v2/users/{userId}`.
    const PATH_TEMPLATE: &'static str;

    /// The path with parameters filled in and percent-encoded as path
    /// segments (see [`crate::encode::path_segment`]).
    fn path(&self) -> String;

    /// Query parameters, unencoded; unset optional parameters are absent.
    fn query(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// Header parameters.
    fn headers(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }

    /// The request body.
    fn body(&self) -> Result<RequestBody, Error> {
        Ok(RequestBody::None)
    }
}
