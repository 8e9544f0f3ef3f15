//! The transport over TLS to a local HTTPS server with its own CA:
//! verification is on by default, a custom CA is trusted when added, HTTP/2
//! is negotiated by ALPN, and a client certificate is presented for mutual
//! TLS.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;

use http::{Request, Response, Version};
use http_body_util::Full;
use hyper::body::Bytes;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use purecloud_layers::error::{BoxError, TransportError, TransportErrorKind};
use purecloud_layers::transport::{
    ProxyConfig, RootCertificates, TlsConfig, Transport, TransportConfig,
};
use purecloud_layers::Body;
use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, IsCa, KeyPair};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::server::WebPkiClientVerifier;
use tokio::net::TcpListener;
use tokio_rustls::TlsAcceptor;
use tower::ServiceExt;

/// A test CA with one server certificate for 127.0.0.1 and one client
/// certificate.
struct Pki {
    ca_pem: String,
    ca_der: CertificateDer<'static>,
    server_chain: Vec<CertificateDer<'static>>,
    server_key: PrivateKeyDer<'static>,
    client_pem: String,
    client_key_pem: String,
}

fn make_pki() -> Pki {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().unwrap()).unwrap();

    let server_key = KeyPair::generate().unwrap();
    let server = CertificateParams::new(vec!["127.0.0.1".to_owned()])
        .unwrap()
        .signed_by(&server_key, &ca)
        .unwrap();

    let client_key = KeyPair::generate().unwrap();
    let client = CertificateParams::new(vec!["client.test".to_owned()])
        .unwrap()
        .signed_by(&client_key, &ca)
        .unwrap();

    Pki {
        ca_pem: ca.pem(),
        ca_der: ca.der().clone(),
        server_chain: vec![server.der().clone()],
        server_key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(server_key.serialize_der())),
        client_pem: client.pem(),
        client_key_pem: client_key.serialize_pem(),
    }
}

/// Starts an HTTPS server on 127.0.0.1 that returns the HTTP version
/// it saw. With `require_client_cert`, it accepts only clients with a
/// certificate from the test CA.
// The ring provider is deprecated only for lacking post-quantum key
// exchange, which this loopback test does not need.
#[allow(deprecated)]
async fn start_server(pki: &Pki, require_client_cert: bool) -> SocketAddr {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .unwrap();

    let builder = if require_client_cert {
        let mut roots = rustls::RootCertStore::empty();
        roots.add(pki.ca_der.clone()).unwrap();
        let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
            .build()
            .unwrap();
        builder.with_client_cert_verifier(verifier)
    } else {
        builder.with_no_client_auth()
    };

    let mut config = builder
        .with_single_cert(pki.server_chain.clone(), pki.server_key.clone_key())
        .unwrap();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let acceptor = TlsAcceptor::from(Arc::new(config));

    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();

    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(tls) = acceptor.accept(stream).await else {
                    return;
                };
                let service = hyper::service::service_fn(
                    |request: Request<hyper::body::Incoming>| async move {
                        let version = format!("{:?}", request.version());
                        Ok::<_, Infallible>(Response::new(Full::new(Bytes::from(version))))
                    },
                );
                let _ = auto::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(tls), service)
                    .await;
            });
        }
    });

    addr
}

fn transport(tls: TlsConfig) -> Transport {
    Transport::new(
        TransportConfig::new()
            .proxy(ProxyConfig::disabled())
            .tls(tls),
    )
    .unwrap()
}

async fn get(transport: Transport, addr: SocketAddr) -> Result<Response<Body>, BoxError> {
    let request = Request::get(format!("https://{addr}/api/v2/users/me"))
        .body(Body::empty())
        .unwrap();
    transport.oneshot(request).await
}

#[tokio::test]
async fn unknown_ca_rejected() {
    let pki = make_pki();
    let addr = start_server(&pki, false).await;

    let error = get(transport(TlsConfig::new()), addr).await.unwrap_err();

    let transport_error = error
        .downcast_ref::<TransportError>()
        .expect("a transport error");
    assert_eq!(transport_error.kind, TransportErrorKind::Connect);
}

#[tokio::test]
async fn added_ca_trusted_over_http2() {
    let pki = make_pki();
    let addr = start_server(&pki, false).await;
    let tls = TlsConfig::new()
        .root_certificates(RootCertificates::None)
        .add_ca_pem(pki.ca_pem.as_bytes())
        .unwrap();

    let response = get(transport(tls), addr).await.unwrap();

    assert_eq!(response.version(), Version::HTTP_2);
    assert_eq!(response.body().as_bytes(), b"HTTP/2.0");
}

#[tokio::test]
async fn mutual_tls_needs_client_certificate() {
    let pki = make_pki();
    let addr = start_server(&pki, true).await;
    let without = TlsConfig::new()
        .root_certificates(RootCertificates::None)
        .add_ca_pem(pki.ca_pem.as_bytes())
        .unwrap();
    let with = without
        .clone()
        .client_certificate_pem(pki.client_pem.as_bytes(), pki.client_key_pem.as_bytes())
        .unwrap();

    let rejected = get(transport(without), addr).await;
    let accepted = get(transport(with), addr).await;

    assert!(rejected.is_err());
    assert_eq!(accepted.unwrap().status(), http::StatusCode::OK);
}
