//! Calls through a local CONNECT proxy that requires basic auth.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use base64::Engine;
use purecloud::api::users::GetUsers;
use purecloud::layers::error::TransportErrorKind;
use purecloud::time::RecordingClock;
use purecloud::transport::{ProxyConfig, TransportConfig};
use purecloud::Error;
use purecloud_sandbox::Sandbox;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

use crate::common::sandbox_builder;

const PROXY_USER: &str = "proxy-user";
const PROXY_PASSWORD: &str = "proxy-pa55";

/// A minimal CONNECT proxy on 127.0.0.1 that requires basic auth and
/// counts the tunnels it opened.
struct TestProxy {
    port: u16,
    tunnels: Arc<AtomicUsize>,
}

impl TestProxy {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let tunnels = Arc::new(AtomicUsize::new(0));

        let counter = tunnels.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, counter.clone()));
            }
        });

        Self { port, tunnels }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

async fn serve(stream: TcpStream, tunnels: Arc<AtomicUsize>) {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).await.is_err() {
        return;
    }

    let mut authorization = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("proxy-authorization") {
                authorization = Some(value.trim().to_owned());
            }
        }
    }

    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{PROXY_USER}:{PROXY_PASSWORD}"))
    );
    let mut stream = reader.into_inner();

    let Some(target) = request_line
        .strip_prefix("CONNECT ")
        .and_then(|rest| rest.split(' ').next())
    else {
        let _ = stream
            .write_all(b"HTTP/1.1 405 Method Not Allowed\r\n\r\n")
            .await;
        return;
    };
    if authorization.as_deref() != Some(expected.as_str()) {
        let _ = stream
            .write_all(b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n\r\n")
            .await;
        return;
    }
    // Only loopback destinations are tunneled.
    if !target.starts_with("127.0.0.1:") {
        let _ = stream.write_all(b"HTTP/1.1 403 Forbidden\r\n\r\n").await;
        return;
    }

    let Ok(mut upstream) = TcpStream::connect(target).await else {
        let _ = stream.write_all(b"HTTP/1.1 502 Bad Gateway\r\n\r\n").await;
        return;
    };
    tunnels.fetch_add(1, Ordering::SeqCst);
    if stream
        .write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")
        .await
        .is_err()
    {
        return;
    }
    let _ = tokio::io::copy_bidirectional(&mut stream, &mut upstream).await;
}

#[tokio::test]
async fn calls_pass_through_proxy() {
    let sandbox = Sandbox::start().await.unwrap();
    let proxy = TestProxy::start().await;
    let clock = RecordingClock::new();
    let proxy_config = ProxyConfig::url(&proxy.url())
        .unwrap()
        .basic_auth(PROXY_USER, PROXY_PASSWORD);
    let client = sandbox_builder(&sandbox, &clock)
        .transport(TransportConfig::new().proxy(proxy_config))
        .build()
        .unwrap();

    let page = client.call(GetUsers::new().page_size(2)).await.unwrap();

    assert_eq!(page.entities.as_ref().map_or(0, Vec::len), 2);
    assert!(proxy.tunnels.load(Ordering::SeqCst) >= 1);
    assert_eq!(sandbox.controls().token_requests(), 1);
}

#[tokio::test]
async fn wrong_proxy_password_is_407_error() {
    let sandbox = Sandbox::start().await.unwrap();
    let proxy = TestProxy::start().await;
    let clock = RecordingClock::new();
    let proxy_config = ProxyConfig::url(&proxy.url())
        .unwrap()
        .basic_auth(PROXY_USER, "wrong-pa55");
    let client = sandbox_builder(&sandbox, &clock)
        .transport(TransportConfig::new().proxy(proxy_config))
        .build()
        .unwrap();

    let error = client.call(GetUsers::new()).await.unwrap_err();

    // The token request is the first to need the proxy, so the 407 comes
    // back as the cause of the OAuth error.
    let Error::OAuth(oauth) = &error else {
        panic!("expected an OAuth error caused by the proxy, got {error:?}");
    };
    let source = oauth
        .source
        .as_ref()
        .expect("the proxy error is the source");
    let transport = source
        .downcast_ref::<purecloud::layers::error::TransportError>()
        .expect("a transport error");
    assert_eq!(
        transport.kind,
        TransportErrorKind::ProxyAuthenticationRequired
    );
    assert!(error.to_string().contains("407"), "{error}");
    assert!(!format!("{error:?}").contains("wrong-pa55"));
    assert_eq!(proxy.tunnels.load(Ordering::SeqCst), 0);
    assert_eq!(sandbox.controls().token_requests(), 0);
}

#[tokio::test]
async fn wrong_proxy_password_on_api_call() {
    let sandbox = Sandbox::start().await.unwrap();
    let proxy = TestProxy::start().await;
    let clock = RecordingClock::new();
    let proxy_config = ProxyConfig::url(&proxy.url())
        .unwrap()
        .basic_auth(PROXY_USER, "wrong-pa55");
    let client = sandbox_builder(&sandbox, &clock)
        .credentials(purecloud::auth::Credentials::access_token("caller-token"))
        .transport(TransportConfig::new().proxy(proxy_config))
        .build()
        .unwrap();

    let error = client.call(GetUsers::new()).await.unwrap_err();

    let Error::Transport(transport) = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert_eq!(
        transport.kind,
        TransportErrorKind::ProxyAuthenticationRequired
    );
    assert!(error.to_string().contains("407"));
}
