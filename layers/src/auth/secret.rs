//! A string that never prints: client secrets, tokens, assertions, codes.

use std::sync::Arc;

/// A secret string. `Debug` prints `"***"` and there is no `Display`, so a
/// secret cannot reach a log line or error message by formatting. Cloning
/// shares the allocation.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretString(Arc<str>);

impl SecretString {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(Arc::from(secret.into()))
    }

    /// Returns the secret. Call this only where the value is sent.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SecretString {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("\"***\"")
    }
}

impl From<String> for SecretString {
    fn from(secret: String) -> Self {
        Self::new(secret)
    }
}

impl From<&str> for SecretString {
    fn from(secret: &str) -> Self {
        Self::new(secret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_masked() {
        let secret = SecretString::new("hunter2");
        assert_eq!(format!("{secret:?}"), "\"***\"");
    }
}
