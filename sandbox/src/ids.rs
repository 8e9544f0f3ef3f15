//! Random and deterministic identifiers: uuid-shaped ids and opaque tokens.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Returns a random id shaped like a version 4 UUID, as the API uses for
/// correlation ids.
pub(crate) fn random_uuid() -> String {
    format_uuid(rand::random::<[u8; 16]>())
}

/// Returns a uuid-shaped id derived from `seed` by SHA-256, so the same seed
/// always gives the same id. The version and variant bits are set as in a
/// version 4 UUID, but the id is not random.
pub(crate) fn seeded_uuid(seed: &str) -> String {
    let digest = Sha256::digest(seed.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    format_uuid(bytes)
}

/// Returns `bytes` random bytes as unpadded base64url text, for access
/// tokens, refresh tokens and authorization codes.
pub(crate) fn random_token(bytes: usize) -> String {
    let random: Vec<u8> = (0..bytes).map(|_| rand::random::<u8>()).collect();
    URL_SAFE_NO_PAD.encode(random)
}

fn format_uuid(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;

    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_shape() {
        let id = random_uuid();
        let lengths: Vec<usize> = id.split('-').map(str::len).collect();
        assert_eq!(lengths, [8, 4, 4, 4, 12]);
    }

    #[test]
    fn seeded_uuid_repeats() {
        assert_eq!(seeded_uuid("user-1"), seeded_uuid("user-1"));
        assert_ne!(seeded_uuid("user-1"), seeded_uuid("user-2"));
    }

    #[test]
    fn tokens_differ() {
        assert_ne!(random_token(32), random_token(32));
    }
}
