//! Listing detection: the definitions that are pages of a listing, and the
//! way each listing operation requests its next page.

use crate::names::Names;
use crate::spec::{Definition, Location, Operation, Schema, Spec};

/// The fields of a listing definition, as Rust field names.
#[derive(Debug, Clone, PartialEq)]
pub struct Listing {
    /// The `entities` field and its item schema.
    pub entities: String,
    pub item: Schema,
    pub page_number: Option<String>,
    pub page_count: Option<String>,
    pub next_uri: Option<String>,
    /// A string `cursor` or `after` field.
    pub cursor: Option<String>,
}

/// Returns the listing fields of `definition`: an `entities` array plus a
/// way to the next page (`pageNumber` and `pageCount`, `nextUri`, or a
/// cursor). A definition with only `entities` is not a listing.
pub fn listing(definition: &Definition, names: &Names) -> Option<Listing> {
    let fields = &names.models[&definition.name].fields;
    let field = |json_name: &str, wanted: fn(&Schema) -> bool| {
        definition
            .properties
            .iter()
            .position(|property| property.json_name == json_name && wanted(&property.schema))
            .map(|position| fields[position].name.clone())
    };
    let integer = |schema: &Schema| matches!(schema, Schema::Integer(_));
    let string = |schema: &Schema| matches!(schema, Schema::String(None));

    let position = definition
        .properties
        .iter()
        .position(|property| property.json_name == "entities")?;
    let Schema::Array(item) = &definition.properties[position].schema else {
        return None;
    };

    let listing = Listing {
        entities: fields[position].name.clone(),
        item: (**item).clone(),
        page_number: field("pageNumber", integer),
        page_count: field("pageCount", integer),
        next_uri: field("nextUri", string),
        cursor: field("cursor", string).or_else(|| field("after", string)),
    };

    let numbered = listing.page_number.is_some() && listing.page_count.is_some();
    (numbered || listing.next_uri.is_some() || listing.cursor.is_some()).then_some(listing)
}

/// The paging style of a listing operation, for its `Paginated` impl.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Style {
    /// The `pageNumber` query parameter, by its Rust field name.
    PageNumber(String),
    /// The `cursor` or `after` query parameter, by its Rust field name.
    Cursor(String),
    NextUri,
}

/// Returns the paging style of `operation` when it is a `GET` whose response
/// is a listing. Other methods are never walked, because fetching the next
/// page would send their request, and any write in it, again.
/// `field_of` maps a query parameter name to its descriptor field.
pub fn style(
    operation: &Operation,
    spec: &Spec,
    names: &Names,
    field_of: impl Fn(&str) -> Option<String>,
) -> Option<Style> {
    if operation.method != "GET" {
        return None;
    }
    let Some(Schema::Ref(response)) = &operation.response else {
        return None;
    };
    let listing = listing(spec.definitions.get(response)?, names)?;

    let query = |name: &str, wanted: fn(&Schema) -> bool| {
        operation
            .parameters
            .iter()
            .find(|p| p.location == Location::Query && p.name == name && wanted(&p.schema))
            .and_then(|p| field_of(&p.name))
    };
    let integer = |schema: &Schema| matches!(schema, Schema::Integer(_));
    let string = |schema: &Schema| matches!(schema, Schema::String(None));

    if let Some(field) = query("pageNumber", integer) {
        return Some(Style::PageNumber(field));
    }
    if listing.cursor.is_some() {
        if let Some(field) = query("cursor", string).or_else(|| query("after", string)) {
            return Some(Style::Cursor(field));
        }
    }
    Some(Style::NextUri)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec_with(method: &str) -> Spec {
        let document = json!({
            "swagger": "2.0",
            "paths": {
                "/api/v2/things": {
                    method: {
                        "operationId": "listThings",
                        "tags": ["Things"],
                        "parameters": [
                            {"name": "pageNumber", "in": "query", "type": "integer", "format": "int32"}
                        ],
                        "responses": {"200": {"schema": {"$ref": "#/definitions/ThingListing"}}}
                    }
                }
            },
            "definitions": {
                "Thing": {"type": "object", "properties": {"id": {"type": "string"}}},
                "ThingListing": {"type": "object", "properties": {
                    "entities": {"type": "array", "items": {"$ref": "#/definitions/Thing"}},
                    "pageNumber": {"type": "integer", "format": "int32"},
                    "pageCount": {"type": "integer", "format": "int32"}
                }}
            }
        });
        crate::spec::parse(&document).unwrap()
    }

    fn style_of(method: &str) -> Option<Style> {
        let spec = spec_with(method);
        let names = Names::build(&spec);
        let operation = &spec.operations[0];
        style(operation, &spec, &names, |name| Some(name.to_owned()))
    }

    #[test]
    fn get_listing_paged_by_number() {
        assert_eq!(
            style_of("get"),
            Some(Style::PageNumber("pageNumber".to_owned()))
        );
    }

    #[test]
    fn patch_listing_not_paged() {
        assert_eq!(style_of("patch"), None);
    }
}
