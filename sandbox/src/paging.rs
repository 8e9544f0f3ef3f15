//! Paging parameters (`pageSize`, `pageNumber`) and the paged listing
//! envelope of the Platform API (`entities`, `pageCount`, `nextUri`, ...).

use std::ops::Range;

use serde_json::{json, Map, Value};

/// Default `pageSize` of the Platform API's listings.
pub(crate) const DEFAULT_PAGE_SIZE: usize = 25;

/// Largest `pageSize` the sandbox accepts on every listing.
// NOTE: the real API's limit differs by resource; 500 is not checked
// against each of them.
pub(crate) const MAX_PAGE_SIZE: usize = 500;

/// The requested page, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PageRequest {
    pub(crate) size: usize,
    pub(crate) number: usize,
}

impl PageRequest {
    /// Reads `pageSize` and `pageNumber` from a raw query string. Other
    /// parameters are ignored. Errors name the invalid parameter.
    pub(crate) fn parse(query: Option<&str>) -> Result<Self, String> {
        let pairs: Vec<(String, String)> = match query {
            Some(query) => serde_urlencoded::from_str(query)
                .map_err(|error| format!("The query string could not be parsed: {error}."))?,
            None => Vec::new(),
        };

        let size = parse_parameter(&pairs, "pageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)?;
        let number = parse_parameter(&pairs, "pageNumber", 1, usize::MAX)?;
        Ok(PageRequest { size, number })
    }

    /// Returns the index range of this page's entities among `total`.
    pub(crate) fn range(&self, total: usize) -> Range<usize> {
        let start = self
            .number
            .saturating_sub(1)
            .saturating_mul(self.size)
            .min(total);
        let end = start.saturating_add(self.size).min(total);
        start..end
    }
}

fn parse_parameter(
    pairs: &[(String, String)],
    name: &str,
    default: usize,
    max: usize,
) -> Result<usize, String> {
    let Some((_, raw)) = pairs.iter().find(|(key, _)| key == name) else {
        return Ok(default);
    };

    match raw.parse::<usize>() {
        Ok(value) if (1..=max).contains(&value) => Ok(value),
        _ if max == usize::MAX => Err(format!(
            "Invalid value for {name}: '{raw}'. {name} must be a positive integer."
        )),
        _ => Err(format!(
            "Invalid value for {name}: '{raw}'. {name} must be an integer from 1 to {max}."
        )),
    }
}

/// Builds the listing body for one page. `path` is the listing's path with
/// the API prefix, used in `firstUri`, `nextUri` and the other links.
/// `nextUri` is absent on the last page and `previousUri` on the first.
pub(crate) fn page_body(
    entities: Vec<Value>,
    page: PageRequest,
    total: usize,
    path: &str,
) -> Value {
    let page_count = total.div_ceil(page.size);
    let link = |number: usize| format!("{path}?pageSize={}&pageNumber={number}", page.size);

    let mut body = Map::new();
    body.insert("entities".into(), Value::Array(entities));
    body.insert("pageSize".into(), json!(page.size));
    body.insert("pageNumber".into(), json!(page.number));
    body.insert("total".into(), json!(total));
    body.insert("pageCount".into(), json!(page_count));
    body.insert("firstUri".into(), json!(link(1)));
    body.insert("selfUri".into(), json!(link(page.number)));

    if page.number < page_count {
        body.insert("nextUri".into(), json!(link(page.number + 1)));
    }
    if page.number > 1 {
        body.insert("previousUri".into(), json!(link(page.number - 1)));
    }
    body.insert("lastUri".into(), json!(link(page_count.max(1))));

    Value::Object(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_without_query() {
        assert_eq!(
            PageRequest::parse(None),
            Ok(PageRequest {
                size: 25,
                number: 1
            })
        );
    }

    #[test]
    fn page_size_over_max_rejected() {
        let error = PageRequest::parse(Some("pageSize=501")).unwrap_err();
        assert!(error.contains("pageSize"), "{error}");
    }

    #[test]
    fn page_number_zero_rejected() {
        let error = PageRequest::parse(Some("pageNumber=0")).unwrap_err();
        assert!(error.contains("pageNumber"), "{error}");
    }

    #[test]
    fn range_past_end_empty() {
        let page = PageRequest {
            size: 25,
            number: 4,
        };
        assert_eq!(page.range(60), 60..60);
    }

    #[test]
    fn range_of_last_page() {
        let page = PageRequest {
            size: 25,
            number: 3,
        };
        assert_eq!(page.range(60), 50..60);
    }
}
