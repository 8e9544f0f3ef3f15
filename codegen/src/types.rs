//! Swagger schemas to Rust types.
//!
//! | schema | Rust |
//! | --- | --- |
//! | `string` | `String` |
//! | `string`, `date-time` | `chrono::DateTime<chrono::Utc>` |
//! | `string`, `date` | `chrono::NaiveDate` |
//! | `string`, `local-date-time` | `chrono::NaiveDateTime` |
//! | `string`, `year-month` | `YearMonth` (hand-written in `src/models/support.rs`) |
//! | `string` with `enum` | a generated enum that keeps unknown values |
//! | `integer` | `i32`, or `i64` for `int64` |
//! | `number` | `f64` |
//! | `boolean` | `bool` |
//! | `array` | `Vec<T>` |
//! | `object` with `additionalProperties` | `BTreeMap<String, T>` (sorted keys encode deterministically) |
//! | free-form `object` | `serde_json::Value` |
//!
//! `number` is `f64` whatever its format: the recovered document gives
//! `float` for every number, because the Python SDK has one float type.

use crate::names::Names;
use crate::spec::Schema;

/// The way a generated file refers to models.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModelPath {
    /// By bare name, imported with `use super::...` (model files).
    Bare,
    /// As `models::Name` (operation files).
    Module,
}

/// Renders the Rust type of `schema`. `enum_type` names the generated enum
/// of a property with an inline `enum`; elsewhere enums are plain strings.
pub fn rust_type(
    schema: &Schema,
    names: &Names,
    path: ModelPath,
    enum_type: Option<&str>,
) -> String {
    match schema {
        Schema::String(format) => string_type(format.as_deref(), path),
        Schema::Enum(_) => match (enum_type, path) {
            (Some(name), ModelPath::Bare) => name.to_owned(),
            (Some(name), ModelPath::Module) => format!("models::{name}"),
            (None, _) => "String".to_owned(),
        },
        Schema::Integer(format) if format.as_deref() == Some("int64") => "i64".to_owned(),
        Schema::Integer(_) => "i32".to_owned(),
        Schema::Number => "f64".to_owned(),
        Schema::Boolean => "bool".to_owned(),
        Schema::Array(inner) => format!("Vec<{}>", rust_type(inner, names, path, enum_type)),
        Schema::Map(inner) => format!(
            "std::collections::BTreeMap<String, {}>",
            rust_type(inner, names, path, enum_type)
        ),
        // NOTE: file uploads (multipart) are not supported; such a
        // parameter is sent as a string form field.
        Schema::File => "String".to_owned(),
        Schema::Any => "serde_json::Value".to_owned(),
        Schema::Ref(name) => match (names.models.get(name), path) {
            (Some(model), ModelPath::Bare) => model.type_name.clone(),
            (Some(model), ModelPath::Module) => format!("models::{}", model.type_name),
            // A reference to a missing definition decodes as any JSON.
            (None, _) => "serde_json::Value".to_owned(),
        },
    }
}

fn string_type(format: Option<&str>, path: ModelPath) -> String {
    match (format, path) {
        (Some("date-time"), _) => "chrono::DateTime<chrono::Utc>".to_owned(),
        (Some("date"), _) => "chrono::NaiveDate".to_owned(),
        (Some("local-date-time"), _) => "chrono::NaiveDateTime".to_owned(),
        (Some("year-month"), ModelPath::Bare) => "YearMonth".to_owned(),
        (Some("year-month"), ModelPath::Module) => "models::YearMonth".to_owned(),
        _ => "String".to_owned(),
    }
}

/// Collects the definitions `schema` refers to directly.
pub fn references<'a>(schema: &'a Schema, out: &mut Vec<&'a str>) {
    match schema {
        Schema::Ref(name) => out.push(name),
        Schema::Array(inner) | Schema::Map(inner) => references(inner, out),
        _ => {}
    }
}

/// Returns whether `schema` uses `YearMonth`.
pub fn uses_year_month(schema: &Schema) -> bool {
    match schema {
        Schema::String(Some(format)) => format == "year-month",
        Schema::Array(inner) | Schema::Map(inner) => uses_year_month(inner),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Spec;
    use std::collections::BTreeMap;

    fn empty_names() -> Names {
        let spec = Spec {
            title: String::new(),
            version: String::new(),
            operations: Vec::new(),
            definitions: BTreeMap::new(),
        };
        Names::build(&spec)
    }

    #[test]
    fn date_formats_mapped() {
        let names = empty_names();
        let render = |format: &str| {
            rust_type(
                &Schema::String(Some(format.into())),
                &names,
                ModelPath::Bare,
                None,
            )
        };
        assert_eq!(render("date-time"), "chrono::DateTime<chrono::Utc>");
        assert_eq!(render("date"), "chrono::NaiveDate");
        assert_eq!(render("local-date-time"), "chrono::NaiveDateTime");
        assert_eq!(render("year-month"), "YearMonth");
        assert_eq!(render("time"), "String");
    }

    #[test]
    fn missing_reference_is_any() {
        let names = empty_names();
        let schema = Schema::Array(Box::new(Schema::Ref("Gone".into())));
        assert_eq!(
            rust_type(&schema, &names, ModelPath::Module, None),
            "Vec<serde_json::Value>"
        );
    }

    #[test]
    fn map_is_sorted() {
        let names = empty_names();
        let schema = Schema::Map(Box::new(Schema::Integer(Some("int64".into()))));
        assert_eq!(
            rust_type(&schema, &names, ModelPath::Bare, None),
            "std::collections::BTreeMap<String, i64>"
        );
    }
}
