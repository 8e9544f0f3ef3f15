//! TLS settings for the transport: which root certificates to trust, extra
//! certificate authorities for gateways with a private CA, and a client
//! certificate for gateways that require mutual TLS.
//!
//! Certificate verification is always on; there is no setting to turn it off.

use std::sync::Arc;

use rustls::RootCertStore;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use crate::error::ConfigError;

/// Which built-in root certificates to trust.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum RootCertificates {
    /// The Mozilla root program as shipped by the `webpki-roots` crate. The
    /// default, because it behaves the same on every machine.
    #[default]
    WebPki,
    /// The operating system's trust store, read once when the client is
    /// built.
    Native,
    /// No built-in roots; only the certificates added with
    /// [`TlsConfig::add_ca_pem`] are trusted.
    None,
}

/// TLS settings for the transport.
///
/// ```
/// use purecloud_layers::transport::{RootCertificates, TlsConfig};
///
/// let tls = TlsConfig::new().root_certificates(RootCertificates::Native);
/// # let _ = tls;
/// ```
#[derive(Clone, Default)]
pub struct TlsConfig {
    roots: RootCertificates,
    extra_roots: Vec<CertificateDer<'static>>,
    client_identity: Option<ClientIdentity>,
}

struct ClientIdentity {
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
}

impl Clone for ClientIdentity {
    fn clone(&self) -> Self {
        Self {
            chain: self.chain.clone(),
            key: self.key.clone_key(),
        }
    }
}

/// Prints which settings are present, never key material.
impl std::fmt::Debug for TlsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsConfig")
            .field("roots", &self.roots)
            .field("extra_roots", &self.extra_roots.len())
            .field("client_identity", &self.client_identity.is_some())
            .finish()
    }
}

impl TlsConfig {
    /// Creates the default settings: webpki roots, no client certificate.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets which built-in root certificates to trust.
    pub fn root_certificates(mut self, roots: RootCertificates) -> Self {
        self.roots = roots;
        self
    }

    /// Trusts the certificate authorities in a PEM document as well, such as
    /// a gateway's private CA.
    pub fn add_ca_pem(mut self, pem: &[u8]) -> Result<Self, ConfigError> {
        let certificates = parse_certificates(pem, "CA certificate PEM")?;
        self.extra_roots.extend(certificates);
        Ok(self)
    }

    /// Presents a client certificate, for gateways that require mutual TLS.
    /// `chain_pem` holds the certificate and any intermediates; `key_pem`
    /// holds a PKCS#8, PKCS#1 or SEC1 private key.
    pub fn client_certificate_pem(
        mut self,
        chain_pem: &[u8],
        key_pem: &[u8],
    ) -> Result<Self, ConfigError> {
        let chain = parse_certificates(chain_pem, "client certificate PEM")?;

        // The key is secret, so the error names the setting but not the value.
        let key = PrivateKeyDer::from_pem_slice(key_pem).map_err(|error| {
            ConfigError::new(
                "client private key PEM",
                "(not shown)",
                format!("no usable private key found ({error}); expected a PKCS#8, PKCS#1 or SEC1 PEM block"),
            )
        })?;

        self.client_identity = Some(ClientIdentity { chain, key });
        Ok(self)
    }

    /// Builds the rustls client configuration with the ring crypto provider.
    pub fn build(&self) -> Result<rustls::ClientConfig, ConfigError> {
        let roots = self.root_store()?;
        let provider = Arc::new(ring_provider());

        let builder = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|error| {
                ConfigError::new("TLS protocol versions", "default", error.to_string())
            })?
            .with_root_certificates(roots);

        match &self.client_identity {
            None => Ok(builder.with_no_client_auth()),
            Some(identity) => builder
                .with_client_auth_cert(identity.chain.clone(), identity.key.clone_key())
                .map_err(|error| {
                    ConfigError::new(
                        "client certificate",
                        "(not shown)",
                        format!("the certificate and key do not form a usable identity: {error}"),
                    )
                }),
        }
    }

    fn root_store(&self) -> Result<RootCertStore, ConfigError> {
        let mut store = RootCertStore::empty();

        match self.roots {
            RootCertificates::WebPki => {
                store.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
            }
            RootCertificates::Native => {
                let loaded = rustls_native_certs::load_native_certs();
                let (added, _ignored) = store.add_parsable_certificates(loaded.certs);
                if added == 0 {
                    return Err(ConfigError::new(
                        "root certificates",
                        "native",
                        "no usable certificate found in the operating system's trust store; install the CA certificates package or use the webpki roots",
                    ));
                }
            }
            RootCertificates::None => {}
        }

        for certificate in &self.extra_roots {
            store.add(certificate.clone()).map_err(|error| {
                ConfigError::new("CA certificate", "(from PEM)", format!("rejected: {error}"))
            })?;
        }

        if store.is_empty() {
            return Err(ConfigError::new(
                "root certificates",
                "none",
                "no certificate is trusted; add a CA with add_ca_pem or choose built-in roots",
            ));
        }

        Ok(store)
    }
}

/// Returns rustls's ring crypto provider.
///
/// NOTE: rustls 0.23.48 deprecates this provider because it has no
/// post-quantum key exchange. It stays because ring builds with a C compiler
/// alone, while aws-lc-rs, the provider with post-quantum support, needs a
/// much longer native build.
#[allow(deprecated)]
fn ring_provider() -> rustls::crypto::CryptoProvider {
    rustls::crypto::ring::default_provider()
}

fn parse_certificates(
    pem: &[u8],
    setting: &'static str,
) -> Result<Vec<CertificateDer<'static>>, ConfigError> {
    let certificates = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| ConfigError::new(setting, "(PEM)", format!("invalid PEM: {error}")))?;

    if certificates.is_empty() {
        return Err(ConfigError::new(
            setting,
            "(PEM)",
            "no CERTIFICATE block found; pass the PEM text of one or more certificates",
        ));
    }

    Ok(certificates)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_builds() {
        assert!(TlsConfig::new().build().is_ok());
    }

    #[test]
    fn empty_ca_pem_rejected() {
        let error = TlsConfig::new().add_ca_pem(b"not a pem").err().unwrap();
        assert_eq!(error.setting, "CA certificate PEM");
    }

    #[test]
    fn no_roots_rejected() {
        let error = TlsConfig::new()
            .root_certificates(RootCertificates::None)
            .build()
            .err()
            .unwrap();
        assert_eq!(error.setting, "root certificates");
    }

    #[test]
    fn missing_key_message_hides_value() {
        let key = b"-----BEGIN NOTAKEY-----\nc2VjcmV0\n-----END NOTAKEY-----\n";
        let chain = webpki_pem();
        let error = TlsConfig::new()
            .client_certificate_pem(&chain, key)
            .err()
            .unwrap();
        assert!(!error.to_string().contains("c2VjcmV0"));
    }

    fn webpki_pem() -> Vec<u8> {
        // Any DER certificate wrapped as PEM serves to test parsing.
        use base64::Engine;
        let der = b"\x30\x03\x02\x01\x01";
        let text = base64::engine::general_purpose::STANDARD.encode(der);
        format!("-----BEGIN CERTIFICATE-----\n{text}\n-----END CERTIFICATE-----\n").into_bytes()
    }
}
