//! The model emitter: one file per definition under `src/models/`, with
//! its inline enums and, for listings, a `Page` impl.

use std::collections::BTreeSet;

use crate::docs::doc_lines;
use crate::generate::Context;
use crate::paging::listing;
use crate::spec::{Definition, Schema};
use crate::types::{references, rust_type, uses_year_month, ModelPath};

/// Renders the file of one definition, without the header.
pub fn model_file(definition: &Definition, context: &Context) -> String {
    let names = &context.names.models[&definition.name];
    let mut out = String::new();

    out.push_str(&imports(definition, context));

    match &definition.description {
        Some(text) => out.push_str(&doc_lines(text, "")),
        None => out.push_str(&format!("/// The `{}` model.\n", definition.name)),
    }
    out.push_str(
        "#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]\n",
    );
    out.push_str(&format!("pub struct {} {{\n", names.type_name));

    for (position, property) in definition.properties.iter().enumerate() {
        let field = &names.fields[position];
        let mut ty = rust_type(
            &property.schema,
            context.names,
            ModelPath::Bare,
            field.enum_type.as_deref(),
        );
        if context.boxed.contains(&(definition.name.clone(), position)) {
            ty = format!("Box<{ty}>");
        }

        if let Some(text) = &property.description {
            out.push_str(&doc_lines(text, "    "));
        }
        if field.name.trim_start_matches("r#") == property.json_name {
            out.push_str("    #[serde(skip_serializing_if = \"Option::is_none\")]\n");
        } else {
            out.push_str(&format!(
                "    #[serde(rename = {:?}, skip_serializing_if = \"Option::is_none\")]\n",
                property.json_name
            ));
        }
        out.push_str(&format!("    pub {}: Option<{ty}>,\n", field.name));
    }
    out.push_str("}\n");

    for (position, property) in definition.properties.iter().enumerate() {
        if let (Some(enum_type), Some(values)) = (
            &names.fields[position].enum_type,
            enum_values(&property.schema),
        ) {
            out.push('\n');
            out.push_str(&enum_block(
                enum_type,
                &names.type_name,
                &property.json_name,
                values,
            ));
        }
    }

    if let Some(page) = listing(definition, context.names) {
        out.push('\n');
        out.push_str(&page_impl(&names.type_name, &page, context));
    }
    out
}

fn imports(definition: &Definition, context: &Context) -> String {
    let own = &context.names.models[&definition.name].type_name;
    let mut used = BTreeSet::new();
    let mut year_month = false;

    for property in &definition.properties {
        let mut targets = Vec::new();
        references(&property.schema, &mut targets);
        for target in targets {
            if let Some(model) = context.names.models.get(target) {
                if &model.type_name != own {
                    used.insert(model.type_name.clone());
                }
            }
        }
        year_month |= uses_year_month(&property.schema);
    }
    if year_month {
        used.insert("YearMonth".to_owned());
    }

    match used.len() {
        0 => String::new(),
        1 => format!("use super::{};\n\n", used.first().expect("one import")),
        _ => format!(
            "use super::{{{}}};\n\n",
            used.into_iter().collect::<Vec<_>>().join(", ")
        ),
    }
}

fn enum_values(schema: &Schema) -> Option<&[String]> {
    match schema {
        Schema::Enum(values) => Some(values),
        Schema::Array(inner) | Schema::Map(inner) => enum_values(inner),
        _ => None,
    }
}

/// Renders a `string_enum!` call; the macro is hand-written in
/// `src/models/support.rs`.
pub fn enum_block(enum_type: &str, model: &str, json_name: &str, values: &[String]) -> String {
    let mut variants = crate::naming::Scope::with_reserved(&["Unknown"]);
    let mut out = String::new();

    out.push_str("string_enum! {\n");
    out.push_str(&format!(
        "    /// The values of [`{model}`]'s `{json_name}`; a value this version does not know is kept in `Unknown`.\n"
    ));
    out.push_str(&format!("    {enum_type} {{\n"));
    let mut seen = BTreeSet::new();
    for value in values {
        if !seen.insert(value) {
            continue;
        }
        let mut wanted = crate::naming::pascal_case(value);
        if wanted.is_empty() {
            wanted = "Empty".to_owned();
        }
        if wanted.starts_with(|c: char| c.is_ascii_digit()) {
            wanted.insert(0, 'V');
        }
        if wanted == "Self" {
            wanted = "SelfValue".to_owned();
        }
        let variant = variants.claim(&wanted, "");
        out.push_str(&format!("        {variant} = {value:?},\n"));
    }
    out.push_str("    }\n}\n");
    out
}

fn page_impl(type_name: &str, page: &crate::paging::Listing, context: &Context) -> String {
    let item = rust_type(&page.item, context.names, ModelPath::Bare, None);
    let entities = &page.entities;
    let mut out = String::new();

    out.push_str(&format!("impl crate::paging::Page for {type_name} {{\n"));
    out.push_str(&format!("    type Item = {item};\n\n"));
    out.push_str(&format!(
        "    fn item_count(&self) -> usize {{\n        self.{entities}.as_ref().map_or(0, Vec::len)\n    }}\n\n"
    ));
    out.push_str(&format!(
        "    fn into_items(self) -> Vec<{item}> {{\n        self.{entities}.unwrap_or_default()\n    }}\n"
    ));
    if let Some(field) = &page.page_number {
        out.push_str(&format!(
            "\n    fn page_number(&self) -> Option<i64> {{\n        self.{field}.map(i64::from)\n    }}\n"
        ));
    }
    if let Some(field) = &page.page_count {
        out.push_str(&format!(
            "\n    fn page_count(&self) -> Option<i64> {{\n        self.{field}.map(i64::from)\n    }}\n"
        ));
    }
    if let Some(field) = &page.next_uri {
        out.push_str(&format!(
            "\n    fn next_uri(&self) -> Option<&str> {{\n        self.{field}.as_deref()\n    }}\n"
        ));
    }
    if let Some(field) = &page.cursor {
        out.push_str(&format!(
            "\n    fn cursor(&self) -> Option<&str> {{\n        self.{field}.as_deref()\n    }}\n"
        ));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_variants_named() {
        let values = [
            "active".to_owned(),
            "ON_QUEUE".to_owned(),
            "1".to_owned(),
            "Unknown".to_owned(),
            "self".to_owned(),
        ];
        let block = enum_block("UserState", "User", "state", &values);
        assert!(block.contains("Active = \"active\","), "{block}");
        assert!(block.contains("OnQueue = \"ON_QUEUE\","), "{block}");
        assert!(block.contains("V1 = \"1\","), "{block}");
        assert!(block.contains("Unknown2 = \"Unknown\","), "{block}");
        assert!(block.contains("SelfValue = \"self\","), "{block}");
    }

    #[test]
    fn duplicate_enum_values_once() {
        let values = ["a".to_owned(), "a".to_owned()];
        let block = enum_block("E", "M", "f", &values);
        assert_eq!(block.matches("= \"a\"").count(), 1);
    }
}
