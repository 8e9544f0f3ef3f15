//! Tests of the tracing layer through a subscriber that captures every span
//! name, field value and event message.

use std::sync::{Arc, Mutex};

use http::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE};
use http::{Request, Response, StatusCode};
use tower::{service_fn, ServiceExt};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::Layer;

use super::TraceLayer;
use crate::error::{BoxError, TransportError, TransportErrorKind};
use crate::{Attempts, Body, Operation};

/// Every span name (`span=<name>`) and field (`<field>=<value>`) seen by the
/// subscriber, in order. Event messages are captured as `message=<text>`.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<String>>>);

impl Captured {
    fn entries(&self) -> Vec<String> {
        self.0.lock().unwrap().clone()
    }

    fn contains(&self, entry: &str) -> bool {
        self.entries().iter().any(|captured| captured == entry)
    }

    fn mentions(&self, text: &str) -> bool {
        self.entries()
            .iter()
            .any(|captured| captured.contains(text))
    }

    fn push(&self, entry: String) {
        self.0.lock().unwrap().push(entry);
    }
}

impl Visit for Captured {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.push(format!("{}={value}", field.name()));
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.push(format!("{}={value}", field.name()));
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.push(format!("{}={value}", field.name()));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.push(format!("{}={value:?}", field.name()));
    }
}

impl<S> Layer<S> for Captured
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attributes: &Attributes<'_>, _id: &Id, _context: Context<'_, S>) {
        self.push(format!("span={}", attributes.metadata().name()));
        attributes.record(&mut self.clone());
    }

    fn on_record(&self, _id: &Id, values: &Record<'_>, _context: Context<'_, S>) {
        values.record(&mut self.clone());
    }

    fn on_event(&self, event: &Event<'_>, _context: Context<'_, S>) {
        event.record(&mut self.clone());
    }
}

const GET_USER: Operation = Operation {
    id: "getUser",
    path_template: "/api/v2/users/{userId}",
};

/// Sends `request` through a trace layer over an inner service that returns
/// `response`, and returns what the subscriber captured.
async fn trace_call(
    layer: TraceLayer,
    request: Request<Body>,
    response: fn() -> Result<Response<Body>, BoxError>,
) -> (Captured, Result<Response<Body>, BoxError>) {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::registry().with(captured.clone());
    let _default = tracing::subscriber::set_default(subscriber);

    let inner = service_fn(move |_: Request<Body>| async move { response() });
    let result = tower::ServiceBuilder::new()
        .layer(layer)
        .service(inner)
        .oneshot(request)
        .await;
    (captured, result)
}

fn user_request() -> Request<Body> {
    let mut request = Request::get("/api/v2/users/8f1c2e3a?expand=presence")
        .header(AUTHORIZATION, "Bearer tok123")
        .header(COOKIE, "session=c00kie")
        .body(Body::empty())
        .unwrap();
    request.extensions_mut().insert(GET_USER);
    request
}

fn ok_response() -> Result<Response<Body>, BoxError> {
    let mut response = Response::builder()
        .status(StatusCode::OK)
        .header("inin-correlation-id", "corr-42")
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from(r#"{"id":"8f1c2e3a","access_token":"tok123"}"#))
        .unwrap();
    response.extensions_mut().insert(Attempts(2));
    Ok(response)
}

fn not_found() -> Result<Response<Body>, BoxError> {
    let response = Response::builder()
        .status(StatusCode::NOT_FOUND)
        .header("inin-correlation-id", "corr-404")
        .body(Body::empty())
        .unwrap();
    Ok(response)
}

fn connect_error() -> Result<Response<Body>, BoxError> {
    let source = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "connection refused");
    Err(Box::new(TransportError {
        kind: TransportErrorKind::Connect,
        target: "https://api.mypurecloud.com".to_owned(),
        source: Some(Box::new(source)),
    }))
}

#[tokio::test]
async fn span_named_call() {
    let (captured, _) = trace_call(TraceLayer::new(), user_request(), ok_response).await;
    assert!(
        captured.contains("span=purecloud.call"),
        "{:?}",
        captured.entries()
    );
}

#[tokio::test]
async fn records_operation_id() {
    let (captured, _) = trace_call(TraceLayer::new(), user_request(), ok_response).await;
    let entries = captured.entries();
    assert!(captured.contains("otel.name=getUser"), "{entries:?}");
    assert!(
        captured.contains("purecloud.operation_id=getUser"),
        "{entries:?}"
    );
}

#[tokio::test]
async fn records_request_fields() {
    let layer = TraceLayer::new().server_address("api.mypurecloud.com");
    let (captured, _) = trace_call(layer, user_request(), ok_response).await;
    let entries = captured.entries();
    assert!(captured.contains("otel.kind=client"), "{entries:?}");
    assert!(captured.contains("http.request.method=GET"), "{entries:?}");
    assert!(
        captured.contains("url.template=/api/v2/users/{userId}"),
        "{entries:?}"
    );
    assert!(
        captured.contains("server.address=api.mypurecloud.com"),
        "{entries:?}"
    );
}

#[tokio::test]
async fn records_status_code() {
    let (captured, _) = trace_call(TraceLayer::new(), user_request(), ok_response).await;
    let entries = captured.entries();
    assert!(
        captured.contains("http.response.status_code=200"),
        "{entries:?}"
    );
}

#[tokio::test]
async fn records_correlation_id() {
    let (captured, _) = trace_call(TraceLayer::new(), user_request(), ok_response).await;
    let entries = captured.entries();
    assert!(
        captured.contains("inin.correlation_id=corr-42"),
        "{entries:?}"
    );
}

#[tokio::test]
async fn records_attempts() {
    let (captured, _) = trace_call(TraceLayer::new(), user_request(), ok_response).await;
    let entries = captured.entries();
    assert!(captured.contains("purecloud.attempts=2"), "{entries:?}");
}

#[tokio::test]
async fn success_sets_no_error() {
    let (captured, _) = trace_call(TraceLayer::new(), user_request(), ok_response).await;
    let entries = captured.entries();
    assert!(!captured.mentions("error.type="), "{entries:?}");
    assert!(!captured.mentions("otel.status_code="), "{entries:?}");
}

#[tokio::test]
async fn absolute_uri_sets_server_address() {
    let request = Request::post("https://login.mypurecloud.ie/oauth/token")
        .body(Body::empty())
        .unwrap();
    let (captured, _) = trace_call(TraceLayer::new(), request, ok_response).await;
    let entries = captured.entries();
    assert!(
        captured.contains("server.address=login.mypurecloud.ie"),
        "{entries:?}"
    );
}

#[tokio::test]
async fn never_records_path_or_query() {
    let (captured, _) = trace_call(TraceLayer::new(), user_request(), ok_response).await;
    let entries = captured.entries();
    assert!(!captured.mentions("8f1c2e3a"), "{entries:?}");
    assert!(!captured.mentions("presence"), "{entries:?}");
}

#[tokio::test]
async fn without_operation_uses_method() {
    let request = Request::delete("/api/v2/users/8f1c2e3a")
        .body(Body::empty())
        .unwrap();
    let (captured, _) = trace_call(TraceLayer::new(), request, ok_response).await;
    let entries = captured.entries();
    assert!(captured.contains("otel.name=DELETE"), "{entries:?}");
    assert!(!captured.mentions("url.template="), "{entries:?}");
    assert!(!captured.mentions("8f1c2e3a"), "{entries:?}");
}

#[tokio::test]
async fn error_status_marks_span() {
    let (captured, result) = trace_call(TraceLayer::new(), user_request(), not_found).await;
    let entries = captured.entries();
    assert_eq!(result.unwrap().status(), StatusCode::NOT_FOUND);
    assert!(captured.contains("error.type=404"), "{entries:?}");
    assert!(captured.contains("otel.status_code=ERROR"), "{entries:?}");
    assert!(
        captured.contains("inin.correlation_id=corr-404"),
        "{entries:?}"
    );
}

#[tokio::test]
async fn error_status_logs_event() {
    let (captured, _) = trace_call(TraceLayer::new(), user_request(), not_found).await;
    let entries = captured.entries();
    assert!(
        captured.contains("message=call returned error status 404 Not Found"),
        "{entries:?}"
    );
}

#[tokio::test]
async fn transport_error_marks_span() {
    let (captured, result) = trace_call(TraceLayer::new(), user_request(), connect_error).await;
    let entries = captured.entries();
    assert!(result.is_err());
    assert!(
        captured.contains("error.type=connection_failed"),
        "{entries:?}"
    );
    assert!(captured.contains("otel.status_code=ERROR"), "{entries:?}");
}

#[tokio::test]
async fn transport_error_logs_chain() {
    let (captured, _) = trace_call(TraceLayer::new(), user_request(), connect_error).await;
    let entries = captured.entries();
    assert!(
        captured.contains("message=Platform API call failed"),
        "{entries:?}"
    );
    assert!(
        captured.mentions("failed to connect to https://api.mypurecloud.com"),
        "{entries:?}"
    );
    assert!(captured.mentions(": connection refused"), "{entries:?}");
}

#[tokio::test]
async fn bodies_off_by_default() {
    let (captured, _) = trace_call(TraceLayer::new(), token_request(), ok_response).await;
    let entries = captured.entries();
    assert!(!captured.mentions("grant_type"), "{entries:?}");
    assert!(!captured.mentions("\"id\""), "{entries:?}");
}

fn token_request() -> Request<Body> {
    Request::post("/oauth/token")
        .header(AUTHORIZATION, "Bearer tok123")
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(
            "grant_type=client_credentials&client_secret=s3cret",
        ))
        .unwrap()
}

#[tokio::test]
async fn request_body_redacted() {
    let layer = TraceLayer::new().log_bodies(true);
    let (captured, _) = trace_call(layer, token_request(), ok_response).await;
    let entries = captured.entries();
    assert!(
        captured.contains("body=grant_type=client_credentials&client_secret=[REDACTED]"),
        "{entries:?}"
    );
    assert!(captured.contains("message=request body"), "{entries:?}");
}

#[tokio::test]
async fn response_body_redacted() {
    let layer = TraceLayer::new().log_bodies(true);
    let (captured, _) = trace_call(layer, token_request(), ok_response).await;
    let entries = captured.entries();
    assert!(
        captured.contains(r#"body={"access_token":"[REDACTED]","id":"8f1c2e3a"}"#),
        "{entries:?}"
    );
    assert!(captured.contains("message=response body"), "{entries:?}");
}

#[tokio::test]
async fn secrets_never_captured() {
    let layer = TraceLayer::new().log_bodies(true);
    let (captured, _) = trace_call(layer, token_request(), ok_response).await;
    let entries = captured.entries();
    assert!(!captured.mentions("s3cret"), "{entries:?}");
    assert!(!captured.mentions("tok123"), "{entries:?}");
}

#[tokio::test]
async fn headers_never_captured() {
    let layer = TraceLayer::new().log_bodies(true);
    let (captured, _) = trace_call(layer, user_request(), ok_response).await;
    let entries = captured.entries();
    assert!(!captured.mentions("Bearer"), "{entries:?}");
    assert!(!captured.mentions("c00kie"), "{entries:?}");
    assert!(!captured.mentions("tok123"), "{entries:?}");
}

#[tokio::test]
async fn response_passes_unchanged() {
    let (_, result) = trace_call(TraceLayer::new(), user_request(), ok_response).await;
    let response = result.unwrap();
    assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(2)));
    assert_eq!(response.headers()["inin-correlation-id"], "corr-42");
}
