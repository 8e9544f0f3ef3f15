//! Helpers the generated descriptors share: parameter values as strings,
//! list encoding and request bodies. Hand-written; the generator calls
//! them so each descriptor stays short.

// Which helpers and list formats the generated code uses depends on the
// definition and on the enabled features, so some are unused in a build.
#![allow(dead_code)]

use crate::endpoint::RequestBody;
use crate::error::Error;

/// The encoding of a list parameter, from Swagger's `collectionFormat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    /// Comma-separated in one parameter (`csv`, the default), as the
    /// official Python SDK sends every list.
    Csv,
    /// Space-separated (`ssv`).
    Ssv,
    /// Tab-separated (`tsv`).
    Tsv,
    /// Pipe-separated (`pipes`).
    Pipes,
    /// One parameter per value (`multi`).
    Multi,
}

/// A value sent in a path segment, query parameter, header or form field.
pub trait ParamValue {
    /// Returns the value as the API expects it: booleans lowercase, dates
    /// and date-times ISO-8601 (date-times in UTC with milliseconds).
    fn to_param(&self) -> String;
}

impl ParamValue for String {
    fn to_param(&self) -> String {
        self.clone()
    }
}

impl ParamValue for bool {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ParamValue for i32 {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ParamValue for i64 {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ParamValue for f64 {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

impl ParamValue for chrono::NaiveDate {
    fn to_param(&self) -> String {
        self.format("%Y-%m-%d").to_string()
    }
}

impl ParamValue for chrono::NaiveDateTime {
    fn to_param(&self) -> String {
        self.format("%Y-%m-%dT%H:%M:%S%.3f").to_string()
    }
}

impl ParamValue for chrono::DateTime<chrono::Utc> {
    fn to_param(&self) -> String {
        self.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }
}

impl ParamValue for serde_json::Value {
    fn to_param(&self) -> String {
        match self {
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        }
    }
}

impl ParamValue for crate::models::YearMonth {
    fn to_param(&self) -> String {
        self.to_string()
    }
}

/// Adds `name=value` when `value` is set.
pub fn push<T: ParamValue>(
    pairs: &mut Vec<(&'static str, String)>,
    name: &'static str,
    value: Option<&T>,
) {
    if let Some(value) = value {
        pairs.push((name, value.to_param()));
    }
}

/// Adds a list parameter when it is set and not empty.
pub fn push_list<T: ParamValue>(
    pairs: &mut Vec<(&'static str, String)>,
    name: &'static str,
    values: Option<&[T]>,
    format: ListFormat,
) {
    let Some(values) = values.filter(|values| !values.is_empty()) else {
        return;
    };

    let separator = match format {
        ListFormat::Csv => ",",
        ListFormat::Ssv => " ",
        ListFormat::Tsv => "\t",
        ListFormat::Pipes => "|",
        ListFormat::Multi => {
            pairs.extend(values.iter().map(|value| (name, value.to_param())));
            return;
        }
    };

    let joined: Vec<String> = values.iter().map(ParamValue::to_param).collect();
    pairs.push((name, joined.join(separator)));
}

/// Returns a JSON body when `value` is set, else no body.
pub fn optional_json<T: serde::Serialize>(value: Option<&T>) -> Result<RequestBody, Error> {
    match value {
        Some(value) => RequestBody::json(value),
        None => Ok(RequestBody::None),
    }
}

/// Returns form fields as a body.
pub fn form(pairs: Vec<(&'static str, String)>) -> RequestBody {
    RequestBody::Form(
        pairs
            .into_iter()
            .map(|(name, value)| (name.to_owned(), value))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_joined() {
        let mut pairs = Vec::new();
        push_list(
            &mut pairs,
            "expand",
            Some(&["a".to_owned(), "b".to_owned()][..]),
            ListFormat::Csv,
        );
        assert_eq!(pairs, vec![("expand", "a,b".to_owned())]);
    }

    #[test]
    fn multi_repeated() {
        let mut pairs = Vec::new();
        push_list(&mut pairs, "id", Some(&[1, 2][..]), ListFormat::Multi);
        assert_eq!(pairs, vec![("id", "1".to_owned()), ("id", "2".to_owned())]);
    }

    #[test]
    fn empty_list_omitted() {
        let mut pairs: Vec<(&'static str, String)> = Vec::new();
        push_list::<String>(&mut pairs, "expand", Some(&[]), ListFormat::Csv);
        assert!(pairs.is_empty());
    }

    #[test]
    fn date_time_in_utc_millis() {
        let value: chrono::DateTime<chrono::Utc> = "2026-01-02T03:04:05Z".parse().unwrap();
        assert_eq!(value.to_param(), "2026-01-02T03:04:05.000Z");
    }
}
