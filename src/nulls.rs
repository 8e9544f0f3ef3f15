//! Explicit JSON `null` in request bodies.
//!
//! Model fields are `Option`s that are left out when `None`, which is what
//! most requests want. Some operations reset a field only when it is sent
//! as `null`; [`WithNulls`] adds those nulls to a body without changing the
//! model types.
//!
//! ```
//! use purecloud::nulls::SetNull;
//! use purecloud::models::User;
//!
//! let user = User { name: Some("Ada".into()), ..User::default() };
//! let body = user.with_null("email").with_null("division.name");
//! let json = serde_json::to_value(&body).unwrap();
//! assert_eq!(json, serde_json::json!({"name": "Ada", "email": null, "division": {"name": null}}));
//! ```

use serde::ser::Error as _;
use serde::{Serialize, Serializer};
use serde_json::{Map, Value};

/// A body of type `T` plus fields to send as explicit `null`. Field names
/// are JSON names; a dotted name (`division.name`) reaches into nested
/// objects, creating them when absent.
#[derive(Clone, Debug, PartialEq)]
pub struct WithNulls<T> {
    value: T,
    nulls: Vec<String>,
}

impl<T> WithNulls<T> {
    /// Wraps a value with no null fields.
    pub fn new(value: T) -> Self {
        Self {
            value,
            nulls: Vec::new(),
        }
    }

    /// Sends `field` (a JSON name, dotted for nested fields) as `null`.
    pub fn with_null(mut self, field: impl Into<String>) -> Self {
        self.nulls.push(field.into());
        self
    }

    /// Returns the wrapped value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// Returns the fields sent as `null`.
    pub fn null_fields(&self) -> &[String] {
        &self.nulls
    }
}

impl<T> From<T> for WithNulls<T> {
    fn from(value: T) -> Self {
        Self::new(value)
    }
}

/// Adds [`SetNull::with_null`] to every serializable type.
pub trait SetNull: Serialize + Sized {
    /// Wraps the value and sends `field` as `null`.
    fn with_null(self, field: impl Into<String>) -> WithNulls<Self> {
        WithNulls::new(self).with_null(field)
    }
}

impl<T: Serialize> SetNull for T {}

impl<T: Serialize> Serialize for WithNulls<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.nulls.is_empty() {
            return self.value.serialize(serializer);
        }

        let mut document = serde_json::to_value(&self.value).map_err(S::Error::custom)?;
        for field in &self.nulls {
            set_null(&mut document, field).map_err(S::Error::custom)?;
        }
        document.serialize(serializer)
    }
}

fn set_null(document: &mut Value, field: &str) -> Result<(), String> {
    let mut current = document;
    let mut names = field.split('.').peekable();

    while let Some(name) = names.next() {
        let Value::Object(map) = current else {
            return Err(format!(
                "cannot send {field:?} as null: the value at {name:?} is not a JSON object"
            ));
        };

        if names.peek().is_none() {
            map.insert(name.to_owned(), Value::Null);
            return Ok(());
        }

        let child = map
            .entry(name.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        if child.is_null() {
            *child = Value::Object(Map::new());
        }
        current = child;
    }

    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn no_nulls_serializes_value() {
        let body = WithNulls::new(json!({"a": 1}));
        assert_eq!(serde_json::to_value(&body).unwrap(), json!({"a": 1}));
    }

    #[test]
    fn null_replaces_value() {
        let body = json!({"a": 1}).with_null("a");
        assert_eq!(serde_json::to_value(&body).unwrap(), json!({"a": null}));
    }

    #[test]
    fn non_object_rejected() {
        let body = json!([1, 2]).with_null("a");
        assert!(serde_json::to_value(&body).is_err());
    }
}
