//! PKCE (RFC 7636): code verifiers and their S256 challenges.

use base64::Engine;
use rand::Rng;
use sha2::{Digest, Sha256};

use super::secret::SecretString;
use crate::error::ConfigError;

/// The characters RFC 7636 allows in a code verifier.
const UNRESERVED: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

/// Shortest code verifier RFC 7636 allows.
pub const MIN_VERIFIER_LEN: usize = 43;

/// Longest code verifier RFC 7636 allows.
pub const MAX_VERIFIER_LEN: usize = 128;

/// A PKCE code verifier: kept by the client, sent only with the token request.
///
/// ```
/// use purecloud_layers::auth::CodeVerifier;
///
/// let verifier = CodeVerifier::generate(64)?;
/// let challenge = verifier.challenge_s256();
/// // Send `challenge` with code_challenge_method=S256 in the authorize URL.
/// assert_eq!(challenge.len(), 43);
/// # Ok::<(), purecloud_layers::error::ConfigError>(())
/// ```
#[derive(Clone, Debug)]
pub struct CodeVerifier(SecretString);

impl CodeVerifier {
    /// Generates a random verifier of `len` characters (43 to 128) from the
    /// thread-local CSPRNG.
    pub fn generate(len: usize) -> Result<Self, ConfigError> {
        check_len(len, &len.to_string())?;

        let mut rng = rand::rng();
        let verifier: String = (0..len)
            .map(|_| UNRESERVED[rng.random_range(0..UNRESERVED.len())] as char)
            .collect();

        Ok(Self(SecretString::new(verifier)))
    }

    /// Wraps a verifier made elsewhere, checking its length and characters.
    pub fn from_string(verifier: impl Into<String>) -> Result<Self, ConfigError> {
        let verifier = verifier.into();
        check_len(verifier.len(), &format!("({} characters)", verifier.len()))?;

        if !verifier.bytes().all(|byte| UNRESERVED.contains(&byte)) {
            return Err(ConfigError::new(
                "PKCE code verifier",
                "(not shown)",
                "only A-Z, a-z, 0-9 and -._~ are allowed",
            ));
        }

        Ok(Self(SecretString::new(verifier)))
    }

    /// Returns the S256 challenge: base64url without padding of SHA-256.
    pub fn challenge_s256(&self) -> String {
        challenge_s256(self.0.expose())
    }

    /// Returns the verifier, to send with the token request.
    pub fn secret(&self) -> &SecretString {
        &self.0
    }
}

/// Computes the S256 challenge of a verifier.
pub fn challenge_s256(verifier: &str) -> String {
    let digest = Sha256::digest(verifier.as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest)
}

fn check_len(len: usize, shown: &str) -> Result<(), ConfigError> {
    if (MIN_VERIFIER_LEN..=MAX_VERIFIER_LEN).contains(&len) {
        return Ok(());
    }

    Err(ConfigError::new(
        "PKCE code verifier length",
        shown,
        format!("must be {MIN_VERIFIER_LEN} to {MAX_VERIFIER_LEN} characters"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc7636_example_challenge() {
        // The verifier and challenge from RFC 7636, appendix B.
        let challenge = challenge_s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assert_eq!(challenge, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    #[test]
    fn generated_length_matches() {
        for len in [MIN_VERIFIER_LEN, 64, MAX_VERIFIER_LEN] {
            let verifier = CodeVerifier::generate(len).unwrap();
            assert_eq!(verifier.secret().expose().len(), len);
        }
    }

    #[test]
    fn generated_characters_allowed() {
        let verifier = CodeVerifier::generate(128).unwrap();
        assert!(verifier
            .secret()
            .expose()
            .bytes()
            .all(|b| UNRESERVED.contains(&b)));
    }

    #[test]
    fn generated_values_differ() {
        let first = CodeVerifier::generate(64).unwrap();
        let second = CodeVerifier::generate(64).unwrap();
        assert_ne!(first.secret(), second.secret());
    }

    #[test]
    fn short_length_rejected() {
        assert!(CodeVerifier::generate(42).is_err());
    }

    #[test]
    fn long_length_rejected() {
        assert!(CodeVerifier::generate(129).is_err());
    }

    #[test]
    fn bad_characters_rejected() {
        let verifier = format!("{}+", "a".repeat(50));
        assert!(CodeVerifier::from_string(verifier).is_err());
    }
}
