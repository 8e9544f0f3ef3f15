//! Redaction of request and response bodies before they are logged.

use percent_encoding::percent_decode_str;
use serde_json::Value;

/// Maximum length in bytes of the redacted text that [`redact`] returns;
/// longer text is cut and a note with the body size is appended.
pub const MAX_REDACTED_LEN: usize = 4096;

/// The text that replaces the value of a credential field.
pub const REDACTED: &str = "[REDACTED]";

/// Key name endings that mark a credential field, compared after the key is
/// lowercased and stripped of everything but letters and digits, so
/// `access_token`, `accessToken` and `X-Api-Key` all match.
const SENSITIVE_KEY_ENDINGS: [&str; 11] = [
    "token",
    "secret",
    "password",
    "passwd",
    "assertion",
    "apikey",
    "privatekey",
    "credentials",
    "codeverifier",
    "authorization",
    "cookie",
];

/// Key names that mark a credential field only as a whole word, because as
/// an ending they match ordinary fields such as `countryCode`.
const SENSITIVE_KEYS: [&str; 1] = ["code"];

/// Returns a loggable copy of a body with the values of credential fields
/// replaced by [`REDACTED`], cut to [`MAX_REDACTED_LEN`] bytes.
///
/// JSON bodies (`application/json` or `*+json`) are masked at every depth
/// and written back compactly, with object keys in sorted order. Form
/// bodies (`application/x-www-form-urlencoded`) are masked pair by pair.
/// Credential fields are keys such as `access_token`, `refresh_token`,
/// `id_token`, `client_secret`, `password`, `assertion`, `code`,
/// `code_verifier`, `token`, `secret` and `apiKey`, matched without regard
/// to case, `_` or `-`. Any key ending in `token`, `secret` or `password`
/// also matches.
///
/// Without a content type, text that parses as JSON is treated as JSON and
/// text of `key=value` pairs as a form. Any other body (malformed JSON, text
/// that is not UTF-8, other media types) is never returned: the result only
/// names its size and why it was left out.
pub fn redact(content_type: Option<&str>, bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return String::new();
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return omitted(bytes.len(), "not UTF-8");
    };

    let redacted = match BodyKind::detect(content_type, text) {
        BodyKind::Json => match serde_json::from_str::<Value>(text) {
            Ok(mut value) => {
                redact_json(&mut value);
                value.to_string()
            }
            Err(_) => return omitted(bytes.len(), "invalid JSON"),
        },
        BodyKind::Form => redact_form(text),
        BodyKind::Other(media_type) => return omitted(bytes.len(), &media_type),
    };

    truncate(redacted, bytes.len())
}

/// Returns true when a JSON or form key names a credential field.
pub fn is_sensitive_key(key: &str) -> bool {
    let normalized: String = key
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();

    SENSITIVE_KEYS.contains(&normalized.as_str())
        || SENSITIVE_KEY_ENDINGS
            .iter()
            .any(|ending| normalized.ends_with(ending))
}

/// Returns true for a Platform API error code such as `"code":
/// "bad.request"`: lowercase words joined by dots, unlike an OAuth code,
/// so error bodies keep their code in the log.
fn is_api_error_code(key: &str, value: &Value) -> bool {
    let Value::String(text) = value else {
        return false;
    };

    key.eq_ignore_ascii_case("code")
        && text.contains('.')
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_')
}

/// The body format that decides how a body is redacted.
enum BodyKind {
    Json,
    Form,
    /// A format that is not redacted, so the body is left out. Contains the
    /// media type for the note that replaces the body.
    Other(String),
}

impl BodyKind {
    fn detect(content_type: Option<&str>, text: &str) -> BodyKind {
        let media_type = content_type.map(|value| {
            let essence = value.split(';').next().unwrap_or_default();
            essence.trim().to_ascii_lowercase()
        });

        match media_type.as_deref() {
            Some("application/json") => BodyKind::Json,
            Some(media_type) if media_type.ends_with("+json") => BodyKind::Json,
            Some("application/x-www-form-urlencoded") => BodyKind::Form,
            Some(media_type) => BodyKind::Other(media_type.to_owned()),
            None => Self::sniff(text),
        }
    }

    fn sniff(text: &str) -> BodyKind {
        let trimmed = text.trim_start();
        if trimmed.starts_with('{') || trimmed.starts_with('[') {
            return BodyKind::Json;
        }

        let looks_like_form = text.contains('=') && !text.chars().any(char::is_whitespace);
        if looks_like_form {
            BodyKind::Form
        } else {
            BodyKind::Other("unknown type".to_owned())
        }
    }
}

fn redact_json(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, field) in map.iter_mut() {
                if is_sensitive_key(key) && !is_api_error_code(key, field) {
                    *field = Value::String(REDACTED.to_owned());
                } else {
                    redact_json(field);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

/// Masks the values of credential pairs and keeps every other pair as it
/// was sent. Keys are percent-decoded before they are matched, so
/// `client%5Fsecret` is masked too.
fn redact_form(text: &str) -> String {
    let pairs: Vec<String> = text
        .split('&')
        .map(|pair| {
            let raw_key = pair.split_once('=').map_or(pair, |(key, _)| key);
            let key = raw_key.replace('+', " ");
            let key = percent_decode_str(&key).decode_utf8_lossy();

            if is_sensitive_key(&key) {
                format!("{raw_key}={REDACTED}")
            } else {
                pair.to_owned()
            }
        })
        .collect();

    escape_control_characters(&pairs.join("&"))
}

/// Escapes control characters such as line breaks, so a malformed form
/// body cannot forge extra log lines.
fn escape_control_characters(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            escaped.extend(c.escape_default());
        } else {
            escaped.push(c);
        }
    }
    escaped
}

fn truncate(mut text: String, body_len: usize) -> String {
    if text.len() <= MAX_REDACTED_LEN {
        return text;
    }

    let mut end = MAX_REDACTED_LEN;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text.push_str(&format!("... [truncated; the body is {body_len} bytes]"));
    text
}

fn omitted(body_len: usize, reason: &str) -> String {
    format!("[body of {body_len} bytes not logged: {reason}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: Option<&str> = Some("application/json");
    const FORM: Option<&str> = Some("application/x-www-form-urlencoded");

    #[test]
    fn json_masks_access_token() {
        let text = redact(JSON, br#"{"access_token":"tok123","token_type":"bearer"}"#);
        assert_eq!(
            text,
            r#"{"access_token":"[REDACTED]","token_type":"bearer"}"#
        );
    }

    #[test]
    fn json_masks_nested_fields() {
        let body = br#"{"user":{"password":"pw1"},"list":[{"refreshToken":"rt1"},{"name":"n"}]}"#;
        let text = redact(JSON, body);
        assert!(!text.contains("pw1"), "{text}");
        assert!(!text.contains("rt1"), "{text}");
        assert!(text.contains(r#""name":"n""#), "{text}");
    }

    #[test]
    fn json_masks_object_values() {
        let text = redact(JSON, br#"{"credentials":{"user":"u","key":"k1"}}"#);
        assert_eq!(text, r#"{"credentials":"[REDACTED]"}"#);
    }

    #[test]
    fn json_keeps_ordinary_fields() {
        let body = br#"{"countryCode":"US","expires_in":86399,"tokenType":"bearer"}"#;
        let text = redact(JSON, body);
        assert_eq!(
            text,
            r#"{"countryCode":"US","expires_in":86399,"tokenType":"bearer"}"#
        );
    }

    #[test]
    fn json_suffix_content_type() {
        let text = redact(
            Some("application/problem+json; charset=utf-8"),
            br#"{"secret":"x1"}"#,
        );
        assert_eq!(text, r#"{"secret":"[REDACTED]"}"#);
    }

    #[test]
    fn json_content_type_ignores_case() {
        let text = redact(Some("Application/JSON"), br#"{"id_token":"jwt1"}"#);
        assert_eq!(text, r#"{"id_token":"[REDACTED]"}"#);
    }

    #[test]
    fn malformed_json_is_omitted() {
        let text = redact(JSON, br#"{"access_token":"tok123""#);
        assert!(!text.contains("tok123"), "{text}");
        assert!(text.contains("invalid JSON"), "{text}");
    }

    #[test]
    fn non_utf8_is_omitted() {
        let text = redact(JSON, b"{\"password\":\"\xff\xfe\"}");
        assert_eq!(text, "[body of 17 bytes not logged: not UTF-8]");
    }

    #[test]
    fn form_masks_client_secret() {
        let text = redact(FORM, b"grant_type=client_credentials&client_secret=s3cret");
        assert_eq!(
            text,
            "grant_type=client_credentials&client_secret=[REDACTED]"
        );
    }

    #[test]
    fn form_masks_every_grant_field() {
        let body =
            b"code=c1&code_verifier=v1&assertion=a1&refresh_token=r1&password=p1&redirect_uri=x";
        let text = redact(FORM, body);
        assert_eq!(
            text,
            "code=[REDACTED]&code_verifier=[REDACTED]&assertion=[REDACTED]\
             &refresh_token=[REDACTED]&password=[REDACTED]&redirect_uri=x"
        );
    }

    #[test]
    fn form_decodes_keys() {
        let text = redact(FORM, b"client%5Fsecret=s3cret&CLIENT+SECRET=s4");
        assert!(!text.contains("s3cret"), "{text}");
        assert!(!text.contains("s4"), "{text}");
    }

    #[test]
    fn form_escapes_line_breaks() {
        let text = redact(FORM, b"a=1\nlevel=ERROR");
        assert_eq!(text, "a=1\\nlevel=ERROR");
    }

    #[test]
    fn sniffs_json_without_content_type() {
        let text = redact(None, br#" {"apiKey":"k1"}"#);
        assert_eq!(text, r#"{"apiKey":"[REDACTED]"}"#);
    }

    #[test]
    fn sniffs_form_without_content_type() {
        let text = redact(None, b"token=t1&x=2");
        assert_eq!(text, "token=[REDACTED]&x=2");
    }

    #[test]
    fn other_media_type_is_omitted() {
        let text = redact(Some("text/plain"), b"password is hunter2");
        assert_eq!(text, "[body of 19 bytes not logged: text/plain]");
    }

    #[test]
    fn unknown_text_is_omitted() {
        let text = redact(None, b"password is hunter2");
        assert!(!text.contains("hunter2"), "{text}");
    }

    #[test]
    fn empty_body_is_empty() {
        assert_eq!(redact(JSON, b""), "");
    }

    #[test]
    fn long_body_is_truncated() {
        let body = format!(r#"{{"items":"{}"}}"#, "é".repeat(MAX_REDACTED_LEN));
        let text = redact(JSON, body.as_bytes());
        assert!(text.len() < MAX_REDACTED_LEN + 64, "{}", text.len());
        assert!(text.ends_with(&format!("[truncated; the body is {} bytes]", body.len())));
    }

    #[test]
    fn truncation_after_masking() {
        let body = format!(
            r#"{{"filler":"{}","access_token":"tok123"}}"#,
            "x".repeat(MAX_REDACTED_LEN)
        );
        let text = redact(JSON, body.as_bytes());
        assert!(!text.contains("tok123"), "{text}");
    }

    #[test]
    fn sensitive_key_variants() {
        for key in [
            "access_token",
            "accessToken",
            "ACCESS-TOKEN",
            "client_secret",
            "clientSecret",
            "apiKey",
            "x-api-key",
            "code",
            "code_verifier",
            "Authorization",
            "client_assertion",
        ] {
            assert!(is_sensitive_key(key), "{key}");
        }
    }

    #[test]
    fn ordinary_key_variants() {
        for key in [
            "token_type",
            "countryCode",
            "expires_in",
            "name",
            "passwordPolicy",
        ] {
            assert!(!is_sensitive_key(key), "{key}");
        }
    }

    #[test]
    fn api_error_code_kept() {
        let body = br#"{"code":"bad.request","message":"m"}"#;
        let redacted = redact(Some("application/json"), body);
        assert!(redacted.contains("bad.request"), "{redacted}");
    }

    #[test]
    fn oauth_code_in_json_masked() {
        let body = br#"{"code":"Xy7Qa9"}"#;
        let redacted = redact(Some("application/json"), body);
        assert!(!redacted.contains("Xy7Qa9"), "{redacted}");
    }
}
