//! The parts of a Swagger 2.0 document the generator reads, as plain types.
//!
//! Only the standard Swagger fields are required. The recovered document's
//! `x-purecloud-method-name` is used when present, otherwise the method
//! name is the snake_case of `operationId`, as the official SDKs name it.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::naming::snake_case;

/// A parsed definition: operations in path and method order, definitions
/// by name.
#[derive(Debug)]
pub struct Spec {
    /// `info.title` and `info.version`, for the generated file headers.
    pub title: String,
    pub version: String,
    pub operations: Vec<Operation>,
    pub definitions: BTreeMap<String, Definition>,
}

/// The schema of a property, parameter or response.
#[derive(Clone, Debug, PartialEq)]
pub enum Schema {
    /// A string with an optional `format` (`date-time`, `date`, ...).
    String(Option<String>),
    /// A string restricted to these values.
    Enum(Vec<String>),
    /// An integer with its `format` (`int32` or `int64`).
    Integer(Option<String>),
    Number,
    Boolean,
    Array(Box<Schema>),
    /// An object with `additionalProperties` of this schema.
    Map(Box<Schema>),
    /// A free-form object, or a schema the generator does not model.
    Any,
    /// A `#/definitions/Name` reference.
    Ref(String),
    /// A file upload (`type: file`).
    File,
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Header,
    Body,
    Form,
}

#[derive(Clone, Debug)]
pub struct Parameter {
    pub name: String,
    pub location: Location,
    pub required: bool,
    pub description: Option<String>,
    pub schema: Schema,
    /// Swagger's `collectionFormat`; `csv` when absent.
    pub collection_format: String,
}

#[derive(Clone, Debug)]
pub struct Operation {
    pub id: String,
    /// Upper-case HTTP method.
    pub method: String,
    pub path: String,
    pub tags: Vec<String>,
    /// The official SDKs' method name, such as `get_users_me`.
    pub method_name: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub preview: bool,
    pub parameters: Vec<Parameter>,
    /// The 2xx response schema; `None` when the operation returns no body.
    pub response: Option<Schema>,
}

#[derive(Clone, Debug)]
pub struct Definition {
    pub name: String,
    pub description: Option<String>,
    pub properties: Vec<Property>,
}

#[derive(Clone, Debug)]
pub struct Property {
    pub json_name: String,
    pub description: Option<String>,
    pub schema: Schema,
}

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// Parses a Swagger 2.0 document.
pub fn parse(document: &Value) -> Result<Spec, String> {
    let swagger = document.get("swagger").and_then(Value::as_str);
    if swagger != Some("2.0") {
        return Err(format!(
            "not a Swagger 2.0 document: \"swagger\" is {swagger:?}, expected \"2.0\""
        ));
    }

    let info = document.get("info");
    let title = text(info, "title").unwrap_or_default();
    let version = text(info, "version").unwrap_or_default();

    let mut operations = Vec::new();
    let paths = document
        .get("paths")
        .and_then(Value::as_object)
        .ok_or("the document has no \"paths\" object")?;
    let mut path_names: Vec<&String> = paths.keys().collect();
    path_names.sort();

    for path in path_names {
        let item = &paths[path];
        let shared = item.get("parameters");
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                operations.push(parse_operation(path, method, operation, shared)?);
            }
        }
    }

    let mut definitions = BTreeMap::new();
    if let Some(map) = document.get("definitions").and_then(Value::as_object) {
        for (name, schema) in map {
            definitions.insert(name.clone(), parse_definition(name, schema));
        }
    }

    Ok(Spec {
        title,
        version,
        operations,
        definitions,
    })
}

fn text(value: Option<&Value>, key: &str) -> Option<String> {
    value?
        .get(key)?
        .as_str()
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}

fn parse_operation(
    path: &str,
    method: &str,
    operation: &Value,
    shared: Option<&Value>,
) -> Result<Operation, String> {
    let id = text(Some(operation), "operationId")
        .ok_or_else(|| format!("{} {path} has no operationId", method.to_uppercase()))?;

    let tags: Vec<String> = operation
        .get("tags")
        .and_then(Value::as_array)
        .map(|tags| {
            tags.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if tags.is_empty() {
        return Err(format!(
            "operation {id} has no tags, so it has no API group"
        ));
    }

    let method_name =
        text(Some(operation), "x-purecloud-method-name").unwrap_or_else(|| snake_case(&id));

    // Path-level parameters apply unless the operation redefines them.
    let mut parameters: Vec<Parameter> = Vec::new();
    for list in [operation.get("parameters"), shared].into_iter().flatten() {
        for raw in list.as_array().into_iter().flatten() {
            let parameter = parse_parameter(&id, raw)?;
            let known = parameters
                .iter()
                .any(|p| p.name == parameter.name && p.location == parameter.location);
            if !known {
                parameters.push(parameter);
            }
        }
    }

    Ok(Operation {
        method: method.to_uppercase(),
        path: path.to_owned(),
        tags,
        method_name,
        summary: text(Some(operation), "summary"),
        description: text(Some(operation), "description"),
        deprecated: operation.get("deprecated").and_then(Value::as_bool) == Some(true),
        preview: operation.get("x-genesys-preview").and_then(Value::as_bool) == Some(true),
        parameters,
        response: parse_response(operation),
        id,
    })
}

fn parse_parameter(operation: &str, raw: &Value) -> Result<Parameter, String> {
    let name =
        text(Some(raw), "name").ok_or_else(|| format!("a parameter of {operation} has no name"))?;
    let location = match raw.get("in").and_then(Value::as_str) {
        Some("path") => Location::Path,
        Some("query") => Location::Query,
        Some("header") => Location::Header,
        Some("body") => Location::Body,
        Some("formData") => Location::Form,
        other => {
            return Err(format!(
                "parameter {name} of {operation} has an unsupported location {other:?}"
            ))
        }
    };

    let schema = match raw.get("schema") {
        Some(schema) => parse_schema(schema),
        None => parse_schema(raw),
    };

    Ok(Parameter {
        location,
        required: location == Location::Path
            || raw.get("required").and_then(Value::as_bool) == Some(true),
        description: text(Some(raw), "description"),
        schema,
        collection_format: text(Some(raw), "collectionFormat").unwrap_or_else(|| "csv".into()),
        name,
    })
}

/// Returns the schema of the first 2xx response, in status order.
fn parse_response(operation: &Value) -> Option<Schema> {
    let responses = operation.get("responses")?.as_object()?;
    let mut codes: Vec<&String> = responses
        .keys()
        .filter(|code| code.starts_with('2'))
        .collect();
    codes.sort();

    let first = responses.get(*codes.first()?)?;
    first.get("schema").map(parse_schema)
}

fn parse_definition(name: &str, schema: &Value) -> Definition {
    let mut properties = Vec::new();
    if let Some(map) = schema.get("properties").and_then(Value::as_object) {
        let mut names: Vec<&String> = map.keys().collect();
        names.sort();
        for json_name in names {
            let property = &map[json_name];
            properties.push(Property {
                json_name: json_name.clone(),
                description: text(Some(property), "description"),
                schema: parse_schema(property),
            });
        }
    }

    Definition {
        name: name.to_owned(),
        description: text(Some(schema), "description"),
        properties,
    }
}

/// Maps a schema object to [`Schema`]. Unknown shapes become [`Schema::Any`].
pub fn parse_schema(schema: &Value) -> Schema {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return match reference.strip_prefix("#/definitions/") {
            Some(name) => Schema::Ref(name.to_owned()),
            None => Schema::Any,
        };
    }

    let format = schema
        .get("format")
        .and_then(Value::as_str)
        .map(str::to_owned);

    match schema.get("type").and_then(Value::as_str) {
        Some("string") => match schema.get("enum").and_then(Value::as_array) {
            Some(values) if !values.is_empty() => Schema::Enum(
                values
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect(),
            ),
            _ => Schema::String(format),
        },
        Some("integer") => Schema::Integer(format),
        Some("number") => Schema::Number,
        Some("boolean") => Schema::Boolean,
        Some("file") => Schema::File,
        Some("array") => Schema::Array(Box::new(
            schema.get("items").map(parse_schema).unwrap_or(Schema::Any),
        )),
        Some("object") | None => match schema.get("additionalProperties") {
            Some(Value::Object(inner)) if !inner.is_empty() => {
                Schema::Map(Box::new(parse_schema(&Value::Object(inner.clone()))))
            }
            _ => Schema::Any,
        },
        Some(_) => Schema::Any,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn enum_string_parsed() {
        let schema = parse_schema(&json!({"type": "string", "enum": ["a", "b"]}));
        assert_eq!(schema, Schema::Enum(vec!["a".into(), "b".into()]));
    }

    #[test]
    fn map_parsed() {
        let schema = parse_schema(
            &json!({"type": "object", "additionalProperties": {"type": "integer", "format": "int32"}}),
        );
        assert_eq!(
            schema,
            Schema::Map(Box::new(Schema::Integer(Some("int32".into()))))
        );
    }

    #[test]
    fn free_form_object_is_any() {
        assert_eq!(parse_schema(&json!({"type": "object"})), Schema::Any);
    }

    #[test]
    fn method_name_falls_back_to_operation_id() {
        let document = json!({
            "swagger": "2.0",
            "paths": {"/api/v2/users/me": {"get": {
                "operationId": "getUsersMe", "tags": ["Users"],
                "responses": {"200": {"schema": {"$ref": "#/definitions/UserMe"}}}
            }}}
        });
        let spec = parse(&document).unwrap();
        assert_eq!(spec.operations[0].method_name, "get_users_me");
        assert_eq!(
            spec.operations[0].response,
            Some(Schema::Ref("UserMe".into()))
        );
    }

    #[test]
    fn swagger_3_rejected() {
        assert!(parse(&json!({"openapi": "3.0.0"})).is_err());
    }
}
