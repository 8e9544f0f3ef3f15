//! Tracing: one span per Platform API call, with OpenTelemetry field names.
//!
//! ```
//! use http::{Request, Response};
//! use purecloud_layers::trace::TraceLayer;
//! use purecloud_layers::{Body, BoxError, Operation};
//! use tower::{service_fn, ServiceBuilder, ServiceExt};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), BoxError> {
//! let service = ServiceBuilder::new()
//!     .layer(TraceLayer::new().server_address("api.mypurecloud.com"))
//!     .service(service_fn(|_request: Request<Body>| async {
//!         Ok::<_, BoxError>(Response::new(Body::from(r#"{"id":"1"}"#)))
//!     }));
//!
//! let mut request = Request::get("/api/v2/users/me").body(Body::empty())?;
//! request.extensions_mut().insert(Operation {
//!     id: "getUsersMe",
//!     path_template: "/api/v2/users/me",
//! });
//! let response = service.oneshot(request).await?;
//! assert_eq!(response.status(), 200);
//! # Ok(())
//! # }
//! ```
//!
//! # The span
//!
//! Span names in `tracing` are static, so every call opens a DEBUG span
//! named `purecloud.call`, and its `otel.name` field carries the operation
//! id (such as `getUsersMe`). tracing-opentelemetry names the exported span
//! after `otel.name`. A request without an [`Operation`](crate::Operation)
//! extension is named after its method, such as `GET`, and gets no
//! `url.template`, because its concrete path may contain ids.
//!
//! The span fields are declared when the call starts and the rest are
//! recorded when it ends:
//!
//! | field | value |
//! |---|---|
//! | `otel.name` | operation id, or the method |
//! | `otel.kind` | `client` |
//! | `purecloud.operation_id` | operation id |
//! | `http.request.method` | `GET`, `POST`, ... |
//! | `url.template` | path template, such as `/api/v2/users/{userId}` |
//! | `server.address` | host of an absolute URI, or [`TraceLayer::server_address`] |
//! | `http.response.status_code` | response status |
//! | `inin.correlation_id` | the `inin-correlation-id` response header |
//! | `purecloud.attempts` | the [`Attempts`](crate::Attempts) response extension |
//! | `error.type` | status code of a 4xx or 5xx response, or the kind of error |
//! | `otel.status_code` | `ERROR` for a 4xx or 5xx response or an error |
//!
//! No query string, header value or body is recorded in the span. An error
//! status and an error returned by the inner service are also logged as
//! DEBUG events, because the caller receives them and decides how to report
//! them.
//!
//! # Bodies
//!
//! [`TraceLayer::log_bodies`] logs each non-empty request and response body
//! as a DEBUG event, after [`redact()`] has masked credential fields and cut
//! the text to [`MAX_REDACTED_LEN`] bytes. Headers are never logged, so the
//! `Authorization`, `Proxy-Authorization` and `Cookie` values never appear.

mod layer;
mod redact;

pub use layer::{ResponseFuture, Trace, TraceLayer};
pub use redact::{is_sensitive_key, redact, MAX_REDACTED_LEN, REDACTED};

#[cfg(test)]
mod tests;
