//! Percent-encoding of path segments and query strings as the Platform API
//! expects them.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything except RFC 3986 unreserved characters is encoded, so a path
/// parameter containing `/`, `?`, `#`, `+`, `%` or spaces stays one segment.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encodes a value as one path segment.
///
/// ```
/// assert_eq!(purecloud::encode::path_segment("a b/c+d"), "a%20b%2Fc%2Bd");
/// ```
pub fn path_segment(value: &str) -> String {
    utf8_percent_encode(value, COMPONENT).to_string()
}

/// Builds a query string (without the leading `?`) from unencoded pairs.
///
/// ```
/// let query = purecloud::encode::query_string(&[("q", "a b".to_owned()), ("expand", "presence,station".to_owned())]);
/// assert_eq!(query, "q=a%20b&expand=presence%2Cstation");
/// ```
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let mut query = String::new();

    for (name, value) in pairs {
        if !query.is_empty() {
            query.push('&');
        }
        query.push_str(&utf8_percent_encode(name, COMPONENT).to_string());
        query.push('=');
        query.push_str(&utf8_percent_encode(value, COMPONENT).to_string());
    }

    query
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_segment_encoded() {
        assert_eq!(path_segment("é"), "%C3%A9");
    }

    #[test]
    fn unreserved_kept() {
        assert_eq!(path_segment("a-b.c_d~e"), "a-b.c_d~e");
    }

    #[test]
    fn empty_query() {
        assert_eq!(query_string(&[]), "");
    }
}
