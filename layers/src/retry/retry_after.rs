//! Parsing of the `Retry-After` response header.

use std::time::{Duration, SystemTime};

use http::header::RETRY_AFTER;
use http::HeaderMap;

/// Returns the wait that the `Retry-After` header of `headers` requests,
/// relative to `now`.
///
/// Returns `None` when the header is missing or is neither delta seconds nor
/// an HTTP date, as [`parse_retry_after`] defines them.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, now)
}

/// Parses a `Retry-After` value: delta seconds (`120`) or an HTTP date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`), which is measured from `now`.
///
/// A date in the past gives a zero wait. Delta seconds too large for a
/// `u64` give [`Duration::MAX`], so that such a wait exceeds every
/// configured maximum. Returns `None` for anything else, such as `-1`,
/// `1.5` or an empty value.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }

    if value.bytes().all(|byte| byte.is_ascii_digit()) {
        let seconds = value
            .parse::<u64>()
            .map_or(Duration::MAX, Duration::from_secs);
        return Some(seconds);
    }

    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn epoch_plus(seconds: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
    }

    /// 2015-10-21T07:28:00Z in seconds since the Unix epoch.
    const OCT_21_2015: u64 = 1_445_412_480;

    #[test]
    fn delta_seconds() {
        let now = SystemTime::now();
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
    }

    #[test]
    fn zero_seconds() {
        assert_eq!(
            parse_retry_after("0", SystemTime::now()),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn surrounding_whitespace() {
        let now = SystemTime::now();
        assert_eq!(parse_retry_after(" 7 ", now), Some(Duration::from_secs(7)));
    }

    #[test]
    fn overflowing_seconds() {
        let value = "99999999999999999999999";
        assert_eq!(
            parse_retry_after(value, SystemTime::now()),
            Some(Duration::MAX)
        );
    }

    #[test]
    fn http_date_ahead() {
        let now = epoch_plus(OCT_21_2015 - 90);
        let wait = parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now);
        assert_eq!(wait, Some(Duration::from_secs(90)));
    }

    #[test]
    fn http_date_past() {
        let now = epoch_plus(OCT_21_2015 + 5);
        let wait = parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now);
        assert_eq!(wait, Some(Duration::ZERO));
    }

    #[test]
    fn garbage() {
        for value in ["", "soon", "-1", "+5", "1.5", "5s", "Wed, 99 Oct 2015"] {
            assert_eq!(
                parse_retry_after(value, SystemTime::now()),
                None,
                "{value:?}"
            );
        }
    }

    #[test]
    fn header_missing() {
        assert_eq!(retry_after(&HeaderMap::new(), SystemTime::now()), None);
    }

    #[test]
    fn header_present() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, "3".parse().unwrap());
        let wait = retry_after(&headers, SystemTime::now());
        assert_eq!(wait, Some(Duration::from_secs(3)));
    }
}
