//! The generic call: a typed endpoint descriptor in, a typed output out.
//!
//! [`build_request`] turns a descriptor into an `http::Request` with a
//! relative URI, and [`decode_response`] maps the answer to the output type
//! or a typed error. The client runs the layer stack between the two.

use http::header::{ACCEPT, CONTENT_TYPE};
use http::{HeaderName, HeaderValue, Request, Response, StatusCode};
use purecloud_layers::error::ConfigError;
use purecloud_layers::{Body, Operation};

use crate::encode::query_string;
use crate::endpoint::{Endpoint, RequestBody};
use crate::error::{ApiError, DecodeError, Error};
use crate::mask::mask_secret_values;
use crate::response::ApiResponse;

/// Longest body excerpt a decode error carries.
const EXCERPT_LEN: usize = 200;

/// Builds the request for a descriptor, with a relative URI such as
/// `/api/v2/users/me?expand=presence` and the operation in the extensions.
pub fn build_request<E: Endpoint>(endpoint: &E) -> Result<Request<Body>, Error> {
    let mut uri = endpoint.path();
    let query = query_string(&endpoint.query());
    if !query.is_empty() {
        uri.push('?');
        uri.push_str(&query);
    }

    let uri: http::Uri = uri.parse().map_err(|error| {
        ConfigError::new(
            "request path",
            uri.clone(),
            format!("not a valid URI path: {error}"),
        )
    })?;

    let (content_type, body) = match endpoint.body()? {
        RequestBody::None => (None, Body::empty()),
        RequestBody::Json(bytes) => (Some("application/json"), Body::from(bytes)),
        RequestBody::Form(fields) => {
            let encoded = form_body(&fields);
            (
                Some("application/x-www-form-urlencoded"),
                Body::from(encoded),
            )
        }
    };

    let mut request = Request::new(body);
    *request.method_mut() = E::METHOD;
    *request.uri_mut() = uri;

    let headers = request.headers_mut();
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    if let Some(content_type) = content_type {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    }

    for (name, value) in endpoint.headers() {
        // The definition spells header names in mixed case, such as
        // `ININ-Organization-Id`; from_bytes lowercases them.
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            ConfigError::new(
                "header parameter name",
                name,
                "is not a valid HTTP header name",
            )
        })?;
        let value = HeaderValue::from_str(&value).map_err(|_| {
            ConfigError::new(
                "header parameter",
                name.as_str(),
                "contains characters not allowed in an HTTP header",
            )
        })?;
        headers.insert(name, value);
    }

    request.extensions_mut().insert(Operation {
        id: E::OPERATION_ID,
        path_template: E::PATH_TEMPLATE,
    });

    Ok(request)
}

/// Encodes form fields the way query strings are encoded.
fn form_body(fields: &[(String, String)]) -> String {
    let pairs: Vec<(&str, String)> = fields
        .iter()
        .map(|(name, value)| (name.as_str(), value.clone()))
        .collect();
    query_string(&pairs)
}

/// Maps a response to the endpoint's output: non-2xx to [`ApiError`], a
/// 2xx body to the output type, or [`DecodeError`] naming the failing field.
pub fn decode_response<E: Endpoint>(
    response: Response<Body>,
) -> Result<ApiResponse<E::Output>, Error> {
    let (parts, body) = response.into_parts();
    let bytes = body.as_bytes();

    if !parts.status.is_success() {
        let error = ApiError::from_response(E::OPERATION_ID, parts.status, &parts.headers, bytes);
        return Err(Error::Api(Box::new(error)));
    }

    let output = decode_json::<E::Output>(E::OPERATION_ID, parts.status, bytes)?;
    let correlation_id =
        purecloud_layers::operation::correlation_id(&parts.headers).map(str::to_owned);

    Ok(ApiResponse {
        output,
        status: parts.status,
        headers: parts.headers,
        correlation_id,
    })
}

/// Decodes a JSON body, reporting the JSON path of a failing field. An
/// empty body decodes as `null`, so `()` and `Option<T>` outputs accept it.
pub fn decode_json<T: serde::de::DeserializeOwned>(
    operation: &'static str,
    status: StatusCode,
    bytes: &[u8],
) -> Result<T, Error> {
    let document: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        bytes
    };

    let mut deserializer = serde_json::Deserializer::from_slice(document);
    let result: Result<T, _> = serde_path_to_error::deserialize(&mut deserializer);

    let error = match result {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };

    let path = error.path().to_string();
    let inner = error.into_inner();

    Err(Error::Decode(Box::new(DecodeError {
        operation,
        status: status.as_u16(),
        path,
        message: inner.to_string(),
        excerpt: excerpt(document, inner.line(), inner.column()),
    })))
}

/// Returns up to [`EXCERPT_LEN`] characters around the failing position,
/// with credential fields masked.
fn excerpt(document: &[u8], line: usize, column: usize) -> String {
    let raw = String::from_utf8_lossy(document);
    let text = mask_secret_values(&raw);
    let offset: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        + column.saturating_sub(1);

    let start = floor_char_boundary(&text, offset.saturating_sub(EXCERPT_LEN / 2));
    let end = floor_char_boundary(&text, (start + EXCERPT_LEN).min(text.len()));

    text[start..end].to_owned()
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone)]
    struct WithHeader(&'static str);

    impl Endpoint for WithHeader {
        type Output = ();

        const OPERATION_ID: &'static str = "getThing";
        const METHOD: http::Method = http::Method::GET;
        const PATH_TEMPLATE: &'static str = "/api/v2/things";

        fn path(&self) -> String {
            Self::PATH_TEMPLATE.to_owned()
        }

        fn headers(&self) -> Vec<(&'static str, String)> {
            vec![(self.0, "org-1".to_owned())]
        }
    }

    #[test]
    fn mixed_case_header_sent_lowercase() {
        let request = build_request(&WithHeader("ININ-Organization-Id")).unwrap();
        assert_eq!(request.headers()["inin-organization-id"], "org-1");
    }

    #[test]
    fn invalid_header_name_is_error() {
        let error = build_request(&WithHeader("bad name")).unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{error:?}");
    }

    #[test]
    fn empty_body_decodes_as_unit() {
        let decoded: Result<(), Error> = decode_json("deleteThing", StatusCode::NO_CONTENT, b"");
        assert!(decoded.is_ok());
    }
}
