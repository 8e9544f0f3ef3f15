//! Masks the string values of credential fields in JSON text without
//! parsing it, so a body excerpt in an error message does not show them,
//! even when the body is not valid JSON. Non-string values are kept.

/// Replaces every byte of the string values of credential keys with `*`.
/// The result has the same length as the input, so positions stay valid.
pub(crate) fn mask_secret_values(text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let mut index = 0;

    while let Some((key_start, key_end)) = next_string(&bytes, index) {
        index = key_end + 1;

        let Some(value_start) = value_after_colon(&bytes, index) else {
            continue;
        };
        if !is_secret_key(&bytes[key_start..key_end]) {
            continue;
        }

        let value_end = string_end(&bytes, value_start + 1);
        for byte in &mut bytes[value_start + 1..value_end] {
            *byte = b'*';
        }
        index = value_end + 1;
    }

    // Every changed byte became ASCII '*', replacing whole UTF-8 sequences
    // only inside a masked value, so lossy conversion changes nothing else.
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Finds the next quoted string at or after `from`; returns the positions
/// just after the opening quote and of the closing quote.
fn next_string(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    let open = from + bytes.get(from..)?.iter().position(|&byte| byte == b'"')?;
    let close = string_end(bytes, open + 1);
    (close < bytes.len()).then_some((open + 1, close))
}

/// Returns the position of the closing quote of a string whose content
/// starts at `from`, or the end of the input.
fn string_end(bytes: &[u8], from: usize) -> usize {
    let mut index = from;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => index += 2,
            b'"' => return index,
            _ => index += 1,
        }
    }
    bytes.len()
}

/// When `:` and then a string follow `from` (after whitespace), returns
/// the position of that string's opening quote.
fn value_after_colon(bytes: &[u8], from: usize) -> Option<usize> {
    let mut index = skip_whitespace(bytes, from);
    if bytes.get(index) != Some(&b':') {
        return None;
    }
    index = skip_whitespace(bytes, index + 1);
    (bytes.get(index) == Some(&b'"')).then_some(index)
}

fn skip_whitespace(bytes: &[u8], mut index: usize) -> usize {
    while bytes.get(index).is_some_and(u8::is_ascii_whitespace) {
        index += 1;
    }
    index
}

/// Uses the same key rules as the body redaction of the tracing layer.
fn is_secret_key(key: &[u8]) -> bool {
    purecloud_layers::trace::is_sensitive_key(&String::from_utf8_lossy(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_value_masked() {
        let masked = mask_secret_values(r#"{"access_token": "abc123", "name": "x"}"#);
        assert_eq!(masked, r#"{"access_token": "******", "name": "x"}"#);
    }

    #[test]
    fn camel_case_key_masked() {
        let masked = mask_secret_values(r#"{"clientSecret":"s3"}"#);
        assert!(!masked.contains("s3"));
    }

    #[test]
    fn escaped_quote_inside_value_masked() {
        let masked = mask_secret_values(r#"{"password":"a\"b"}"#);
        assert_eq!(masked, r#"{"password":"****"}"#);
    }

    #[test]
    fn key_endings_masked() {
        let text =
            r#"{"sessionToken":"st1","jwtToken":"jt1","privateKey":"pk1","proxyPassword":"pp1"}"#;
        let masked = mask_secret_values(text);
        for secret in ["st1", "jt1", "pk1", "pp1"] {
            assert!(!masked.contains(secret), "{secret} in {masked}");
        }
    }

    #[test]
    fn other_values_kept() {
        let text = r#"{"state":"active","count":3}"#;
        assert_eq!(mask_secret_values(text), text);
    }

    #[test]
    fn truncated_text_masked() {
        let masked = mask_secret_values(r#"{"token":"abcdef"#);
        assert!(!masked.contains("abc"));
    }

    #[test]
    fn length_preserved() {
        let text = r#"{"token":"é€"}"#;
        assert_eq!(mask_secret_values(text).len(), text.len());
    }
}
