//! Sample JSON documents built from the definition: every property set,
//! nested definitions filled in to a fixed depth.

use std::path::Path;

use serde_json::{json, Map, Value};

/// How deep nested definitions are filled in; deeper ones are left out,
/// which also ends recursive definitions.
const MAX_DEPTH: usize = 3;

/// Which value enum properties get.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Enums {
    /// The first listed value.
    Known,
    /// A value the definition does not list.
    Unknown,
}

/// Reads the pinned definition.
pub fn load_spec() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("spec/platform-api.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("failed to read {}: {error}", path.display()));
    serde_json::from_str(&text).expect("the definition is valid JSON")
}

/// Returns the names of all definitions.
#[cfg(feature = "full")]
pub fn definition_names(spec: &Value) -> std::collections::BTreeSet<String> {
    spec["definitions"]
        .as_object()
        .expect("definitions")
        .keys()
        .cloned()
        .collect()
}

/// Builds a document for definition `name` with every property set.
pub fn sample(spec: &Value, name: &str, enums: Enums) -> Value {
    object(spec, name, enums, 0).unwrap_or_else(|| json!({}))
}

fn object(spec: &Value, name: &str, enums: Enums, depth: usize) -> Option<Value> {
    if depth > MAX_DEPTH {
        return None;
    }
    let definition = spec["definitions"].get(name)?;

    let mut document = Map::new();
    if let Some(properties) = definition["properties"].as_object() {
        for (key, schema) in properties {
            if let Some(value) = value(spec, schema, enums, depth) {
                document.insert(key.clone(), value);
            }
        }
    }
    Some(Value::Object(document))
}

fn value(spec: &Value, schema: &Value, enums: Enums, depth: usize) -> Option<Value> {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/definitions/");
        return object(spec, name, enums, depth + 1);
    }

    let format = schema.get("format").and_then(Value::as_str);
    match schema.get("type").and_then(Value::as_str) {
        Some("string") => Some(string(schema, format, enums)),
        Some("integer") => Some(json!(7)),
        Some("number") => Some(json!(1.5)),
        Some("boolean") => Some(json!(true)),
        Some("array") => {
            let item = value(spec, schema.get("items")?, enums, depth)?;
            Some(json!([item]))
        }
        _ => match schema.get("additionalProperties") {
            Some(inner) if inner.is_object() && !inner.as_object()?.is_empty() => {
                let item = value(spec, inner, enums, depth)?;
                Some(json!({"key": item}))
            }
            _ => Some(json!({"free": ["form", 1]})),
        },
    }
}

fn string(schema: &Value, format: Option<&str>, enums: Enums) -> Value {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return match enums {
            Enums::Known => values[0].clone(),
            Enums::Unknown => json!("VALUE_ADDED_LATER"),
        };
    }

    match format {
        Some("date-time") => json!("2026-01-02T03:04:05.678Z"),
        Some("date") => json!("2026-01-02"),
        Some("local-date-time") => json!("2026-01-02T03:04:05.678"),
        Some("year-month") => json!("2026-01"),
        _ => json!("text"),
    }
}
