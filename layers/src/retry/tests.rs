//! Service tests of the retry layer against a real HTTP/1 server on
//! 127.0.0.1 that returns scripted statuses and counts requests.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_util::future::BoxFuture;
use http::header::{HOST, RETRY_AFTER};
use http::{Method, Request, Response, StatusCode, Uri};
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tower::{Service, ServiceBuilder, ServiceExt};

use super::{RetryConfig, RetryLayer};
use crate::error::{
    target_of, BoxError, RateLimitedError, TimeoutError, TimeoutPhase, TransportError,
    TransportErrorKind,
};
use crate::operation::CORRELATION_ID_HEADER;
use crate::time::{Clock, RecordingClock};
use crate::{Attempts, Body};

/// What the test server does with one request.
#[derive(Debug, Clone)]
enum Step {
    /// Responds with this status and, if given, this `Retry-After` value.
    Respond(u16, Option<String>),
    /// Reads the whole request, then closes the connection without a response.
    Drop,
}

const OK: Step = Step::Respond(200, None);
const UNAVAILABLE: Step = Step::Respond(503, None);

fn rate_limited(retry_after: &str) -> Step {
    Step::Respond(429, Some(retry_after.to_owned()))
}

/// The correlation id the test server sends on every response.
const CORRELATION_ID: &str = "9f1c2d3e-retry-test";

/// A running test server.
struct TestServer {
    addr: SocketAddr,
    bodies: Arc<Mutex<Vec<Bytes>>>,
}

impl TestServer {
    /// Starts a server that follows `script` and repeats its last step once
    /// the script runs out.
    async fn start(script: Vec<Step>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let bodies = Arc::new(Mutex::new(Vec::new()));
        let script = Arc::new(script);

        let received = Arc::clone(&bodies);
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    return;
                };
                let script = Arc::clone(&script);
                let received = Arc::clone(&received);
                let service = hyper::service::service_fn(move |request| {
                    answer(request, Arc::clone(&script), Arc::clone(&received))
                });
                tokio::spawn(
                    hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service),
                );
            }
        });

        Self { addr, bodies }
    }

    fn uri(&self) -> String {
        format!("http://{}/api/v2/users/me", self.addr)
    }

    /// Returns the number of requests received.
    fn requests(&self) -> usize {
        self.bodies().len()
    }

    /// Returns the body of every request received, in order.
    fn bodies(&self) -> Vec<Bytes> {
        self.bodies.lock().unwrap().clone()
    }
}

async fn answer(
    request: Request<Incoming>,
    script: Arc<Vec<Step>>,
    received: Arc<Mutex<Vec<Bytes>>>,
) -> Result<Response<Body>, BoxError> {
    let body = request.into_body().collect().await?.to_bytes();

    let index = {
        let mut received = received.lock().unwrap();
        received.push(body);
        received.len() - 1
    };
    let step = script.get(index).or(script.last()).cloned().unwrap_or(OK);

    match step {
        // hyper closes the connection without a response when the service
        // returns an error.
        Step::Drop => Err("scripted connection drop".into()),
        Step::Respond(status, retry_after) => {
            let mut response = Response::builder()
                .status(status)
                .header(CORRELATION_ID_HEADER, CORRELATION_ID);
            if let Some(value) = retry_after {
                response = response.header(RETRY_AFTER, value);
            }
            Ok(response.body(Body::from("{}"))?)
        }
    }
}

/// The inner service of the tests: sends each request over a new HTTP/1
/// connection and counts its calls.
#[derive(Debug, Clone, Default)]
struct TestClient {
    calls: Arc<AtomicUsize>,
}

impl TestClient {
    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

impl Service<Request<Body>> for TestClient {
    type Response = Response<Body>;
    type Error = BoxError;
    type Future = BoxFuture<'static, Result<Response<Body>, BoxError>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        self.calls.fetch_add(1, Ordering::SeqCst);
        Box::pin(send(request))
    }
}

async fn send(mut request: Request<Body>) -> Result<Response<Body>, BoxError> {
    let target = target_of(request.uri());
    let authority = request.uri().authority().unwrap().clone();

    let stream = TcpStream::connect(authority.as_str())
        .await
        .map_err(|error| transport_error(TransportErrorKind::Connect, &target, error))?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|error| transport_error(TransportErrorKind::Connect, &target, error))?;
    tokio::spawn(connection);

    // An HTTP/1 connection sends the path in origin form and the authority
    // as the Host header.
    let path = request
        .uri()
        .path_and_query()
        .unwrap()
        .as_str()
        .parse::<Uri>()?;
    *request.uri_mut() = path;
    request
        .headers_mut()
        .insert(HOST, authority.as_str().parse()?);

    let response = sender
        .send_request(request)
        .await
        .map_err(|error| transport_error(TransportErrorKind::Request, &target, error))?;
    let (parts, incoming) = response.into_parts();
    let bytes = incoming
        .collect()
        .await
        .map_err(|error| transport_error(TransportErrorKind::ResponseBody, &target, error))?
        .to_bytes();

    Ok(Response::from_parts(parts, Body::from(bytes)))
}

fn transport_error(
    kind: TransportErrorKind,
    target: &str,
    source: impl std::error::Error + Send + Sync + 'static,
) -> BoxError {
    Box::new(TransportError {
        kind,
        target: target.to_owned(),
        source: Some(Box::new(source)),
    })
}

/// Sends one request through a retry layer with `config` and a recording
/// clock, and returns the outcome.
async fn call(
    config: RetryConfig,
    clock: &RecordingClock,
    client: &TestClient,
    method: Method,
    uri: &str,
) -> Result<Response<Body>, BoxError> {
    // Shows the retry events with `cargo test -- --nocapture`.
    let _ = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_test_writer()
        .try_init();

    let layer = RetryLayer::new(config).clock(Arc::new(clock.clone()));
    let service = ServiceBuilder::new().layer(layer).service(client.clone());
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::from("{\"name\":\"test\"}"))
        .unwrap();

    service.oneshot(request).await
}

fn transport_kind(error: &BoxError) -> TransportErrorKind {
    error.downcast_ref::<TransportError>().unwrap().kind
}

#[tokio::test]
async fn retry_after_delays_second_request() {
    let server = TestServer::start(vec![rate_limited("2"), OK]).await;
    let clock = RecordingClock::new();

    let response = call(
        RetryConfig::default(),
        &clock,
        &TestClient::default(),
        Method::POST,
        &server.uri(),
    )
    .await
    .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(server.requests(), 2);
    assert_eq!(clock.sleeps().len(), 1);
    assert!(
        clock.sleeps()[0] >= Duration::from_secs(2),
        "{:?}",
        clock.sleeps()
    );
}

#[tokio::test]
async fn retry_after_http_date_honoured() {
    let clock = RecordingClock::new();
    let date = httpdate::fmt_http_date(clock.system_now() + Duration::from_secs(10));
    let server = TestServer::start(vec![rate_limited(&date), OK]).await;

    let response = call(
        RetryConfig::default(),
        &clock,
        &TestClient::default(),
        Method::GET,
        &server.uri(),
    )
    .await
    .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    // HTTP dates have whole seconds, so up to one second is cut off.
    assert!(
        clock.sleeps()[0] >= Duration::from_secs(9),
        "{:?}",
        clock.sleeps()
    );
}

#[tokio::test]
async fn retry_after_above_max_fails() {
    let server = TestServer::start(vec![rate_limited("3600"), OK]).await;
    let clock = RecordingClock::new();

    let error = call(
        RetryConfig::default(),
        &clock,
        &TestClient::default(),
        Method::GET,
        &server.uri(),
    )
    .await
    .unwrap_err();

    let rate_limited = error.downcast_ref::<RateLimitedError>().unwrap();
    assert_eq!(rate_limited.retry_after, Duration::from_secs(3600));
    assert_eq!(rate_limited.max_wait, RetryConfig::DEFAULT_MAX_RETRY_AFTER);
    assert_eq!(rate_limited.correlation_id.as_deref(), Some(CORRELATION_ID));
    assert_eq!(server.requests(), 1);
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn unavailable_retry_after_above_max() {
    let server = TestServer::start(vec![Step::Respond(503, Some("3600".to_owned())), OK]).await;
    let clock = RecordingClock::new();

    let response = call(
        RetryConfig::default(),
        &clock,
        &TestClient::default(),
        Method::GET,
        &server.uri(),
    )
    .await
    .unwrap();

    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn rate_limited_without_retry_after() {
    let server = TestServer::start(vec![Step::Respond(429, None), OK]).await;
    let clock = RecordingClock::new();

    let response = call(
        RetryConfig::default(),
        &clock,
        &TestClient::default(),
        Method::POST,
        &server.uri(),
    )
    .await
    .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(server.requests(), 2);
    assert!(
        clock.sleeps()[0] <= RetryConfig::DEFAULT_BASE_DELAY,
        "{:?}",
        clock.sleeps()
    );
}

#[tokio::test]
async fn unavailable_get_retried() {
    let server = TestServer::start(vec![UNAVAILABLE, OK]).await;
    let clock = RecordingClock::new();

    let response = call(
        RetryConfig::default(),
        &clock,
        &TestClient::default(),
        Method::GET,
        &server.uri(),
    )
    .await
    .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn unavailable_post_not_retried() {
    let server = TestServer::start(vec![UNAVAILABLE, OK]).await;
    let clock = RecordingClock::new();

    let response = call(
        RetryConfig::default(),
        &clock,
        &TestClient::default(),
        Method::POST,
        &server.uri(),
    )
    .await
    .unwrap();

    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn internal_error_not_retried() {
    let server = TestServer::start(vec![Step::Respond(500, None), OK]).await;
    let clock = RecordingClock::new();

    let response = call(
        RetryConfig::default(),
        &clock,
        &TestClient::default(),
        Method::GET,
        &server.uri(),
    )
    .await
    .unwrap();

    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn dropped_post_not_retried() {
    let server = TestServer::start(vec![Step::Drop, OK]).await;
    let clock = RecordingClock::new();

    let error = call(
        RetryConfig::default(),
        &clock,
        &TestClient::default(),
        Method::POST,
        &server.uri(),
    )
    .await
    .unwrap_err();

    assert_eq!(transport_kind(&error), TransportErrorKind::Request);
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn dropped_get_retried() {
    let server = TestServer::start(vec![Step::Drop, OK]).await;
    let clock = RecordingClock::new();

    let response = call(
        RetryConfig::default(),
        &clock,
        &TestClient::default(),
        Method::GET,
        &server.uri(),
    )
    .await
    .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn refused_post_retried() {
    // Bind and release a port so that nothing listens on it.
    let addr = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let clock = RecordingClock::new();
    let client = TestClient::default();

    let uri = format!("http://{addr}/api/v2/conversations");
    let error = call(RetryConfig::default(), &clock, &client, Method::POST, &uri)
        .await
        .unwrap_err();

    assert_eq!(transport_kind(&error), TransportErrorKind::Connect);
    assert_eq!(client.calls(), 4);
    assert_eq!(clock.sleeps().len(), 3);
}

#[tokio::test]
async fn max_attempts_respected() {
    let server = TestServer::start(vec![UNAVAILABLE]).await;
    let clock = RecordingClock::new();
    let config = RetryConfig::builder().max_attempts(3).build().unwrap();

    let response = call(
        config,
        &clock,
        &TestClient::default(),
        Method::GET,
        &server.uri(),
    )
    .await
    .unwrap();

    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(server.requests(), 3);
    assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(3)));
}

#[tokio::test]
async fn disabled_single_attempt() {
    let server = TestServer::start(vec![UNAVAILABLE]).await;
    let clock = RecordingClock::new();

    let response = call(
        RetryConfig::disabled(),
        &clock,
        &TestClient::default(),
        Method::GET,
        &server.uri(),
    )
    .await
    .unwrap();

    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn exhausted_returns_last_429() {
    let server = TestServer::start(vec![rate_limited("1")]).await;
    let clock = RecordingClock::new();
    let config = RetryConfig::builder().max_attempts(2).build().unwrap();

    let response = call(
        config,
        &clock,
        &TestClient::default(),
        Method::GET,
        &server.uri(),
    )
    .await
    .unwrap();

    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()[RETRY_AFTER], "1");
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn total_retry_time_respected() {
    let server = TestServer::start(vec![rate_limited("2")]).await;
    let clock = RecordingClock::new();
    let config = RetryConfig::builder()
        .max_attempts(10)
        .max_total_retry_time(Duration::from_secs(5))
        .build()
        .unwrap();

    let response = call(
        config,
        &clock,
        &TestClient::default(),
        Method::GET,
        &server.uri(),
    )
    .await
    .unwrap();

    // Waits of 2 s end at 2 s and 4 s, and a third would end at 6 s.
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(server.requests(), 3);
    assert_eq!(clock.sleeps().len(), 2);
}

#[tokio::test]
async fn budget_limits_retries() {
    let server = TestServer::start(vec![UNAVAILABLE]).await;
    let clock = RecordingClock::new();
    let config = RetryConfig::builder()
        .budget_capacity(5)
        .budget_retry_cost(5)
        .build()
        .unwrap();

    let response = call(
        config,
        &clock,
        &TestClient::default(),
        Method::GET,
        &server.uri(),
    )
    .await
    .unwrap();

    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn budget_shared_across_calls() {
    let server = TestServer::start(vec![UNAVAILABLE]).await;
    let clock = RecordingClock::new();
    let config = RetryConfig::builder()
        .budget_capacity(10)
        .budget_retry_cost(5)
        .build()
        .unwrap();
    let layer = RetryLayer::new(config).clock(Arc::new(clock.clone()));
    let client = TestClient::default();

    for _ in 0..2 {
        let service = ServiceBuilder::new()
            .layer(layer.clone())
            .service(client.clone());
        let request = Request::get(server.uri()).body(Body::empty()).unwrap();
        service.oneshot(request).await.unwrap();
    }

    // The first call spends both retries that 10 tokens pay for. The second
    // call earns 1 token, which is too few for a retry.
    assert_eq!(server.requests(), 4);
}

#[tokio::test]
async fn attempts_set_on_first_success() {
    let server = TestServer::start(vec![OK]).await;
    let clock = RecordingClock::new();

    let response = call(
        RetryConfig::default(),
        &clock,
        &TestClient::default(),
        Method::GET,
        &server.uri(),
    )
    .await
    .unwrap();

    assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(1)));
}

#[tokio::test]
async fn attempts_set_after_retry() {
    let server = TestServer::start(vec![UNAVAILABLE, OK]).await;
    let clock = RecordingClock::new();

    let response = call(
        RetryConfig::default(),
        &clock,
        &TestClient::default(),
        Method::GET,
        &server.uri(),
    )
    .await
    .unwrap();

    assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(2)));
}

#[tokio::test]
async fn request_body_resent() {
    let server = TestServer::start(vec![Step::Respond(429, None), OK]).await;
    let clock = RecordingClock::new();
    let client = TestClient::default();

    call(
        RetryConfig::default(),
        &clock,
        &client,
        Method::POST,
        &server.uri(),
    )
    .await
    .unwrap();

    let bodies = server.bodies();
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0], Bytes::from_static(b"{\"name\":\"test\"}"));
    assert_eq!(bodies[1], bodies[0]);
}

/// Runs one POST through a retry layer over an inner service that always
/// fails with a [`TimeoutError`] of `phase`, and returns the number of
/// attempts.
async fn timeout_attempts(phase: TimeoutPhase) -> usize {
    let attempts = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&attempts);
    let inner = tower::service_fn(move |_request: Request<Body>| {
        counter.fetch_add(1, Ordering::SeqCst);
        async move {
            let error: BoxError = Box::new(TimeoutError {
                phase,
                after: Duration::from_secs(1),
                target: "http://127.0.0.1".to_owned(),
            });
            Err::<Response<Body>, _>(error)
        }
    });
    let layer = RetryLayer::default().clock(Arc::new(RecordingClock::new()));
    let service = ServiceBuilder::new().layer(layer).service(inner);
    let request = Request::post("http://127.0.0.1/api/v2/conversations")
        .body(Body::from("{}"))
        .unwrap();

    let error = service.oneshot(request).await.unwrap_err();
    assert!(error.is::<TimeoutError>(), "{error}");

    attempts.load(Ordering::SeqCst)
}

#[tokio::test]
async fn connect_timeout_post_retried() {
    assert_eq!(timeout_attempts(TimeoutPhase::Connect).await, 4);
}

#[tokio::test]
async fn request_timeout_post_not_retried() {
    assert_eq!(timeout_attempts(TimeoutPhase::Request).await, 1);
}
