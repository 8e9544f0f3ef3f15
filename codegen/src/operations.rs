//! The operation emitter: one descriptor type per operation implementing
//! `Endpoint`, with its builder setters, `Call` forwarding setters,
//! `Paginated` impl and the group's handle method.

use crate::docs::{doc_lines, string_literal};
use crate::generate::Context;
use crate::naming::{field_name, Scope};
use crate::paging::{style, Style};
use crate::spec::{Location, Operation, Parameter, Schema};
use crate::types::{rust_type, ModelPath};

/// Method names a setter must not take: inherent methods would shadow the
/// `Endpoint`, `Clone`, `Debug` and `Call` methods of the same name.
const RESERVED_METHODS: [&str; 20] = [
    "new",
    "path",
    "query",
    "headers",
    "body",
    "clone",
    "fmt",
    "eq",
    "ne",
    "map",
    "send",
    "endpoint",
    "into_endpoint",
    "send_with_response",
    "into_future",
    "default",
    "into",
    "from",
    "to_owned",
    "hash",
];

/// Clippy's `too_many_arguments` threshold.
const MAX_ARGUMENTS: usize = 7;

/// One parameter with its Rust names and types.
struct Field<'a> {
    parameter: &'a Parameter,
    name: String,
    setter: String,
    /// The stored type without `Option`.
    ty: String,
    /// The element type, for a list.
    item: Option<String>,
}

impl Field<'_> {
    /// The argument type of `new(...)` and of the setter.
    fn argument(&self) -> String {
        match &self.item {
            Some(item) => format!("impl IntoIterator<Item = impl Into<{item}>>"),
            None => format!("impl Into<{}>", self.ty),
        }
    }

    /// Converts the argument `value` to the stored type.
    fn convert(&self, value: &str) -> String {
        match &self.item {
            Some(_) => format!("{value}.into_iter().map(Into::into).collect()"),
            None => format!("{value}.into()"),
        }
    }

    /// The argument name, without `r#` so it reads in `new(...)`.
    fn argument_name(&self) -> String {
        self.name.clone()
    }
}

fn fields<'a>(operation: &'a Operation, context: &Context) -> Vec<Field<'a>> {
    let mut names = Scope::default();
    let mut setters = Scope::with_reserved(&RESERVED_METHODS);
    let has_body = operation
        .parameters
        .iter()
        .any(|p| p.location == Location::Body);

    operation
        .parameters
        .iter()
        .filter(|p| !(has_body && p.location == Location::Form))
        .map(|parameter| {
            let name = names.claim(&field_name(&parameter.name), "_");
            let bare = name.trim_start_matches("r#");
            let setter = if setters.contains(&name) || setters.contains(bare) {
                setters.claim(&format!("set_{bare}"), "_")
            } else {
                setters.claim(&name, "_")
            };

            let (ty, item) = match (&parameter.schema, parameter.location) {
                (Schema::Ref(_), Location::Body) => {
                    let model =
                        rust_type(&parameter.schema, context.names, ModelPath::Module, None);
                    if model.starts_with("models::") {
                        (format!("crate::nulls::WithNulls<{model}>"), None)
                    } else {
                        (model, None)
                    }
                }
                (Schema::Array(inner), _) => {
                    let item = rust_type(inner, context.names, ModelPath::Module, None);
                    (format!("Vec<{item}>"), Some(item))
                }
                (schema, _) => (
                    rust_type(schema, context.names, ModelPath::Module, None),
                    None,
                ),
            };

            Field {
                parameter,
                name,
                setter,
                ty,
                item,
            }
        })
        .collect()
}

/// The rendered pieces of one operation.
pub struct Rendered {
    /// The descriptor type and its impls.
    pub items: String,
    /// The handle method, inside `impl GroupApi`.
    pub handle_method: String,
}

/// Renders one operation. `cfg` is the `#[cfg]` line its items need inside
/// their module, or empty.
pub fn render(operation: &Operation, context: &Context, cfg: &str) -> Rendered {
    let name = &context.names.operations[&operation.id];
    let fields = fields(operation, context);
    let required: Vec<&Field> = fields.iter().filter(|f| f.parameter.required).collect();
    let optional: Vec<&Field> = fields.iter().filter(|f| !f.parameter.required).collect();
    let allow = if operation.deprecated {
        "#[allow(deprecated)]\n"
    } else {
        ""
    };
    let attributes = format!("{cfg}{allow}");
    let mut out = String::new();

    // The descriptor.
    out.push_str(&operation_docs(operation, ""));
    out.push_str(cfg);
    if operation.deprecated {
        out.push_str(&format!(
            "#[deprecated(note = {})]\n",
            string_literal(&deprecation(operation))
        ));
    }
    if required.is_empty() {
        out.push_str("#[derive(Clone, Debug, Default)]\n");
    } else {
        out.push_str("#[derive(Clone, Debug)]\n");
    }
    out.push_str(&format!("pub struct {name} {{\n"));
    for field in &fields {
        if field.parameter.required {
            out.push_str(&format!("    {}: {},\n", field.name, field.ty));
        } else {
            out.push_str(&format!("    {}: Option<{}>,\n", field.name, field.ty));
        }
    }
    out.push_str("}\n\n");

    // new() and the setters.
    out.push_str(&attributes);
    out.push_str(&format!("impl {name} {{\n"));
    out.push_str(&constructor(&required, &optional));
    for field in &optional {
        out.push('\n');
        out.push_str(&setter_docs(field));
        out.push_str(&format!(
            "    pub fn {}(mut self, value: {}) -> Self {{\n        self.{} = Some({});\n        self\n    }}\n",
            field.setter,
            field.argument(),
            field.name,
            field.convert("value"),
        ));
    }
    out.push_str("}\n\n");

    out.push_str(&endpoint_impl(
        operation,
        name,
        &fields,
        context,
        &attributes,
    ));
    out.push_str(&paginated_impl(
        operation,
        name,
        &fields,
        context,
        &attributes,
    ));
    out.push_str(&call_setters(name, &optional, &attributes));

    Rendered {
        items: out,
        handle_method: handle_method(operation, name, &required),
    }
}

fn deprecation(operation: &Operation) -> String {
    format!("{} is deprecated in the Platform API", operation.id)
}

fn operation_docs(operation: &Operation, indent: &str) -> String {
    let mut out = String::new();
    let summary = operation
        .summary
        .clone()
        .unwrap_or_else(|| format!("The `{}` operation.", operation.id));
    out.push_str(&doc_lines(&summary, indent));
    if let Some(description) = &operation.description {
        out.push_str(&format!("{indent}///\n"));
        out.push_str(&doc_lines(description, indent));
    }
    out.push_str(&format!(
        "{indent}///\n{indent}/// `{} {}` (operation `{}`)\n",
        operation.method, operation.path, operation.id
    ));
    if operation.preview {
        out.push_str(&format!(
            "{indent}///\n{indent}/// This is a preview operation: it may change or be removed without notice.\n"
        ));
    }
    out
}

fn setter_docs(field: &Field) -> String {
    let mut out = format!("    /// Sets `{}`.\n", field.parameter.name);
    if let Some(text) = &field.parameter.description {
        out.push_str("    ///\n");
        out.push_str(&doc_lines(text, "    "));
    }
    out
}

fn constructor(required: &[&Field], optional: &[&Field]) -> String {
    let mut out = String::new();

    if required.is_empty() {
        out.push_str("    /// Creates the request; optional parameters are unset.\n");
        out.push_str("    pub fn new() -> Self {\n        Self::default()\n    }\n");
        return out;
    }

    out.push_str("    /// Creates the request from its required parameters");
    let names: Vec<String> = required
        .iter()
        .map(|f| format!("`{}`", f.parameter.name))
        .collect();
    out.push_str(&format!(" ({}).\n", names.join(", ")));
    if required.len() > MAX_ARGUMENTS {
        out.push_str("    // The operation has this many required parameters.\n");
        out.push_str("    #[allow(clippy::too_many_arguments)]\n");
    }

    let arguments: Vec<String> = required
        .iter()
        .map(|f| format!("{}: {}", f.argument_name(), f.argument()))
        .collect();
    out.push_str(&format!(
        "    pub fn new({}) -> Self {{\n",
        arguments.join(", ")
    ));
    out.push_str("        Self {\n");
    for field in required {
        out.push_str(&format!(
            "            {}: {},\n",
            field.name,
            field.convert(&field.argument_name())
        ));
    }
    for field in optional {
        out.push_str(&format!("            {}: None,\n", field.name));
    }
    out.push_str("        }\n    }\n");
    out
}

fn endpoint_impl(
    operation: &Operation,
    name: &str,
    fields: &[Field],
    context: &Context,
    attributes: &str,
) -> String {
    let output = match &operation.response {
        Some(schema) => rust_type(schema, context.names, ModelPath::Module, None),
        None => "()".to_owned(),
    };
    let mut out = String::new();

    out.push_str(attributes);
    out.push_str(&format!("impl crate::Endpoint for {name} {{\n"));
    out.push_str(&format!("    type Output = {output};\n\n"));
    out.push_str(&format!(
        "    const OPERATION_ID: &'static str = {:?};\n",
        operation.id
    ));
    out.push_str(&format!(
        "    const METHOD: http::Method = http::Method::{};\n",
        operation.method
    ));
    out.push_str(&format!(
        "    const PATH_TEMPLATE: &'static str = {:?};\n\n",
        operation.path
    ));

    out.push_str(&path_fn(operation, fields));
    out.push_str(&pairs_fn("query", Location::Query, fields));
    out.push_str(&pairs_fn("headers", Location::Header, fields));
    out.push_str(&body_fn(fields));
    out.push_str("}\n\n");
    out
}

fn path_fn(operation: &Operation, fields: &[Field]) -> String {
    let mut template = String::new();
    let mut arguments = Vec::new();
    let mut rest = operation.path.as_str();

    while let Some(start) = rest.find('{') {
        let Some(end) = rest[start..].find('}') else {
            break;
        };
        let parameter = &rest[start + 1..start + end];
        template.push_str(&rest[..start]);
        rest = &rest[start + end + 1..];

        let field = fields
            .iter()
            .find(|f| f.parameter.location == Location::Path && f.parameter.name == parameter);
        match field {
            Some(field) if field.ty == "String" => {
                template.push_str("{}");
                arguments.push(format!("crate::encode::path_segment(&self.{})", field.name));
            }
            Some(field) => {
                template.push_str("{}");
                arguments.push(format!(
                    "crate::encode::path_segment(&support::ParamValue::to_param(&self.{}))",
                    field.name
                ));
            }
            // NOTE: a template variable without a path parameter is sent
            // as written, braces included.
            None => template.push_str(&format!("{{{{{parameter}}}}}")),
        }
    }
    template.push_str(rest);

    if arguments.is_empty() {
        return "    fn path(&self) -> String {\n        Self::PATH_TEMPLATE.to_owned()\n    }\n"
            .to_owned();
    }
    format!(
        "    fn path(&self) -> String {{\n        format!({:?}, {})\n    }}\n",
        template,
        arguments.join(", ")
    )
}

fn list_format(parameter: &Parameter) -> &'static str {
    match parameter.collection_format.as_str() {
        "multi" => "support::ListFormat::Multi",
        "ssv" => "support::ListFormat::Ssv",
        "tsv" => "support::ListFormat::Tsv",
        "pipes" => "support::ListFormat::Pipes",
        _ => "support::ListFormat::Csv",
    }
}

/// Renders the statements that push the parameters at `location` onto
/// `pairs`.
fn push_statements(location: Location, fields: &[Field]) -> String {
    let mut out = String::new();
    for field in fields.iter().filter(|f| f.parameter.location == location) {
        let name = &field.parameter.name;
        let value = if field.parameter.required {
            match &field.item {
                Some(_) => format!("Some(self.{}.as_slice())", field.name),
                None => format!("Some(&self.{})", field.name),
            }
        } else {
            match &field.item {
                Some(_) => format!("self.{}.as_deref()", field.name),
                None => format!("self.{}.as_ref()", field.name),
            }
        };
        match &field.item {
            Some(_) => out.push_str(&format!(
                "        support::push_list(&mut pairs, {name:?}, {value}, {});\n",
                list_format(field.parameter)
            )),
            None => out.push_str(&format!(
                "        support::push(&mut pairs, {name:?}, {value});\n"
            )),
        }
    }
    out
}

fn pairs_fn(method: &str, location: Location, fields: &[Field]) -> String {
    let statements = push_statements(location, fields);
    if statements.is_empty() {
        return String::new();
    }
    format!(
        "\n    fn {method}(&self) -> Vec<(&'static str, String)> {{\n        let mut pairs = Vec::new();\n{statements}        pairs\n    }}\n"
    )
}

fn body_fn(fields: &[Field]) -> String {
    let signature = "\n    fn body(&self) -> Result<crate::RequestBody, crate::Error> {\n";

    if let Some(field) = fields
        .iter()
        .find(|f| f.parameter.location == Location::Body)
    {
        let statement = if field.parameter.required {
            format!("crate::RequestBody::json(&self.{})", field.name)
        } else {
            format!("support::optional_json(self.{}.as_ref())", field.name)
        };
        return format!("{signature}        {statement}\n    }}\n");
    }

    let form = push_statements(Location::Form, fields);
    if form.is_empty() {
        return String::new();
    }
    format!("{signature}        let mut pairs = Vec::new();\n{form}        Ok(support::form(pairs))\n    }}\n")
}

fn paginated_impl(
    operation: &Operation,
    name: &str,
    fields: &[Field],
    context: &Context,
    attributes: &str,
) -> String {
    let field_of = |parameter: &str| {
        fields
            .iter()
            .find(|f| f.parameter.location == Location::Query && f.parameter.name == parameter)
            .map(|f| f.name.clone())
    };
    let Some(style) = style(operation, context.spec, context.names, field_of) else {
        return String::new();
    };

    let mut out = String::new();
    out.push_str(attributes);
    out.push_str(&format!("impl crate::paging::Paginated for {name} {{\n"));
    match style {
        Style::PageNumber(field) => {
            let required = fields
                .iter()
                .any(|f| f.name == field && f.parameter.required);
            out.push_str("    const PAGING: crate::paging::PagingStyle = crate::paging::PagingStyle::PageNumber;\n\n");
            out.push_str("    fn set_page_number(&mut self, page_number: i64) {\n");
            if required {
                out.push_str(&format!(
                    "        if let Ok(page_number) = page_number.try_into() {{\n            self.{field} = page_number;\n        }}\n"
                ));
            } else {
                out.push_str(&format!(
                    "        self.{field} = page_number.try_into().ok();\n"
                ));
            }
            out.push_str("    }\n");
        }
        Style::Cursor(field) => {
            let required = fields
                .iter()
                .any(|f| f.name == field && f.parameter.required);
            out.push_str("    const PAGING: crate::paging::PagingStyle = crate::paging::PagingStyle::Cursor;\n\n");
            out.push_str("    fn set_cursor(&mut self, cursor: &str) {\n");
            if required {
                out.push_str(&format!("        self.{field} = cursor.to_owned();\n"));
            } else {
                out.push_str(&format!(
                    "        self.{field} = Some(cursor.to_owned());\n"
                ));
            }
            out.push_str("    }\n");
        }
        Style::NextUri => {
            out.push_str("    const PAGING: crate::paging::PagingStyle = crate::paging::PagingStyle::NextUri;\n");
        }
    }
    out.push_str("}\n\n");
    out
}

fn call_setters(name: &str, optional: &[&Field], attributes: &str) -> String {
    if optional.is_empty() {
        return String::new();
    }

    let mut out = String::new();
    out.push_str(attributes);
    out.push_str(&format!("impl crate::Call<'_, {name}> {{\n"));
    for (i, field) in optional.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "    /// Sets `{}`, as [`{name}::{}`] does.\n",
            field.parameter.name,
            field.setter.trim_start_matches("r#")
        ));
        out.push_str(&format!(
            "    pub fn {}(self, value: {}) -> Self {{\n        self.map(|endpoint| endpoint.{}(value))\n    }}\n",
            field.setter,
            field.argument(),
            field.setter
        ));
    }
    out.push_str("}\n\n");
    out
}

fn handle_method(operation: &Operation, name: &str, required: &[&Field]) -> String {
    let mut out = String::new();
    out.push_str(&operation_docs(operation, "    "));
    if operation.deprecated {
        out.push_str(&format!(
            "    #[deprecated(note = {})]\n    #[allow(deprecated)]\n",
            string_literal(&deprecation(operation))
        ));
    }
    if required.len() + 1 > MAX_ARGUMENTS {
        out.push_str("    // The operation has this many required parameters.\n");
        out.push_str("    #[allow(clippy::too_many_arguments)]\n");
    }

    let arguments: Vec<String> = required
        .iter()
        .map(|f| format!(", {}: {}", f.argument_name(), f.argument()))
        .collect();
    let passed: Vec<String> = required.iter().map(|f| f.argument_name()).collect();
    out.push_str(&format!(
        "    pub fn {}(&self{}) -> crate::Call<'a, {name}> {{\n        crate::Call::new(self.client, {name}::new({}))\n    }}\n",
        crate::naming::escape_keyword(operation.method_name.clone()),
        arguments.concat(),
        passed.join(", ")
    ));
    out
}
