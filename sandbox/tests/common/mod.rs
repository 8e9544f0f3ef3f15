//! A minimal HTTP/1.1 client over loopback TCP for the sandbox tests, and
//! helpers that obtain tokens.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use bytes::Bytes;
use http::header::{AUTHORIZATION, CONTENT_TYPE, HOST};
use http::{HeaderMap, Method, Request};
use http_body_util::{BodyExt as _, Full};
use hyper_util::rt::TokioIo;
use purecloud_sandbox::{Sandbox, CLIENT_ID, CLIENT_SECRET};
use serde_json::Value;
use tokio::net::TcpStream;

/// Media type of token requests.
pub const FORM: &str = "application/x-www-form-urlencoded";

/// A response read in full.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl Reply {
    /// Parses the body as JSON, or returns `Value::Null` when it is not.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    /// Returns header `name` as text, or an empty string when absent.
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
    }
}

/// Sends one request on a new HTTP/1.1 connection and reads the response.
pub async fn send(
    sandbox: &Sandbox,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: impl Into<Bytes>,
) -> Reply {
    let stream = TcpStream::connect(sandbox.addr())
        .await
        .expect("connect to sandbox");
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .expect("HTTP/1.1 handshake");
    tokio::spawn(connection);

    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(HOST, sandbox.addr().to_string());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request.body(Full::new(body.into())).expect("valid request");

    let response = sender.send_request(request).await.expect("response");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("response body").to_bytes();

    Reply {
        status: parts.status.as_u16(),
        headers: parts.headers,
        body,
    }
}

/// Sends `GET path`, with `Authorization: Bearer token` when given.
pub async fn get(sandbox: &Sandbox, path: &str, token: Option<&str>) -> Reply {
    match token {
        Some(token) => {
            let authorization = format!("Bearer {token}");
            send(
                sandbox,
                Method::GET,
                path,
                &[("authorization", &authorization)],
                "",
            )
            .await
        }
        None => send(sandbox, Method::GET, path, &[], "").await,
    }
}

/// Returns `Basic base64(id:secret)`.
pub fn basic(id: &str, secret: &str) -> String {
    format!("Basic {}", STANDARD.encode(format!("{id}:{secret}")))
}

/// Returns the Basic header of the sandbox's client.
pub fn sandbox_basic() -> String {
    basic(CLIENT_ID, CLIENT_SECRET)
}

/// Posts `form` to `path` as a form body, with `authorization` when given.
pub async fn post_form_to(
    sandbox: &Sandbox,
    path: &str,
    authorization: Option<&str>,
    form: &[(&str, &str)],
) -> Reply {
    let body = serde_urlencoded::to_string(form).expect("form encodes");
    let mut headers = vec![(CONTENT_TYPE.as_str(), FORM)];
    if let Some(authorization) = authorization {
        headers.push((AUTHORIZATION.as_str(), authorization));
    }

    send(sandbox, Method::POST, path, &headers, body).await
}

/// Posts `form` to `/oauth/token`, with `authorization` when given.
pub async fn token_request(
    sandbox: &Sandbox,
    authorization: Option<&str>,
    form: &[(&str, &str)],
) -> Reply {
    post_form_to(sandbox, "/oauth/token", authorization, form).await
}

/// Returns a client credentials access token.
pub async fn client_token(sandbox: &Sandbox) -> String {
    let reply = token_request(
        sandbox,
        Some(&sandbox_basic()),
        &[("grant_type", "client_credentials")],
    )
    .await;
    access_token(&reply)
}

/// Returns a user access token from the SAML2 bearer grant.
pub async fn user_token(sandbox: &Sandbox) -> String {
    let assertion = sandbox.controls().saml_assertion();
    let reply = token_request(
        sandbox,
        Some(&sandbox_basic()),
        &[
            (
                "grant_type",
                "urn:ietf:params:oauth:grant-type:saml2-bearer",
            ),
            ("assertion", &assertion),
            ("orgName", "sandbox-org"),
        ],
    )
    .await;
    access_token(&reply)
}

/// Returns `access_token` of a token response, or panics with the body.
pub fn access_token(reply: &Reply) -> String {
    match reply.json()["access_token"].as_str() {
        Some(token) => token.to_owned(),
        None => panic!("no access_token in {}: {:?}", reply.status, reply.body),
    }
}
