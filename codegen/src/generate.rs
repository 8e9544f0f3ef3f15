//! Turns a parsed definition into the generated files, keyed by their path
//! relative to the repository root.

use std::collections::{BTreeMap, BTreeSet};

use crate::features::{cargo_section, cfg_line};
use crate::graph::{boxed_fields, groups_per_definition};
use crate::models::model_file;
use crate::names::Names;
use crate::operations::render;
use crate::spec::{Operation, Spec};

/// Everything the emitters share.
pub struct Context<'a> {
    pub spec: &'a Spec,
    pub names: &'a Names,
    /// `(definition, property index)` of fields boxed to break recursion.
    pub boxed: BTreeSet<(String, usize)>,
    /// Feature names of the groups that need each definition.
    pub model_groups: BTreeMap<String, BTreeSet<String>>,
}

/// The generated files, and the `[features]` section for Cargo.toml.
pub struct Output {
    pub files: BTreeMap<String, String>,
    pub features: String,
}

pub fn generate(spec: &Spec) -> Output {
    let names = Names::build(spec);
    let context = Context {
        spec,
        names: &names,
        boxed: boxed_fields(spec),
        model_groups: groups_per_definition(spec, &names),
    };

    let mut files = BTreeMap::new();
    for (name, definition) in &spec.definitions {
        let module = &names.models[name].module;
        files.insert(
            format!("src/models/{module}.rs"),
            model_file(definition, &context),
        );
    }
    files.insert("src/models/mod.rs".to_owned(), models_mod(&context));

    let groups = operations_by_group(spec, &names);
    for group in &names.groups {
        files.insert(
            format!("src/api/{}.rs", group.module),
            group_file(&group.module, &groups, &context),
        );
    }
    files.insert("src/api/mod.rs".to_owned(), api_mod(&groups, &context));
    files.insert(
        "tests/generated/models.rs".to_owned(),
        model_tests(&context),
    );

    let features: Vec<String> = names.groups.iter().map(|g| g.module.clone()).collect();
    Output {
        files,
        features: cargo_section(&features),
    }
}

/// The operations of one group module.
#[derive(Default)]
struct GroupOperations<'a> {
    /// Operations whose first tag is this group: defined here.
    own: Vec<&'a Operation>,
    /// Operations of this group defined in another module, with its name.
    borrowed: Vec<(&'a Operation, String)>,
}

fn operations_by_group<'a>(spec: &'a Spec, names: &Names) -> BTreeMap<String, GroupOperations<'a>> {
    let mut groups: BTreeMap<String, GroupOperations> = BTreeMap::new();
    let mut operations: Vec<&Operation> = spec.operations.iter().collect();
    operations.sort_by(|a, b| a.id.cmp(&b.id));

    for operation in operations {
        let home = names.group(&operation.tags[0]).module.clone();
        groups.entry(home.clone()).or_default().own.push(operation);
        for tag in &operation.tags[1..] {
            let module = names.group(tag).module.clone();
            if module != home {
                groups
                    .entry(module)
                    .or_default()
                    .borrowed
                    .push((operation, home.clone()));
            }
        }
    }
    groups
}

/// Returns the feature names of an operation's groups.
fn operation_groups(operation: &Operation, names: &Names) -> BTreeSet<String> {
    operation
        .tags
        .iter()
        .map(|tag| names.group(tag).module.clone())
        .collect()
}

/// Returns the groups whose features compile `module`: its own, and those
/// of the operations defined in it.
fn module_groups(
    module: &str,
    groups: &BTreeMap<String, GroupOperations>,
    names: &Names,
) -> BTreeSet<String> {
    let mut result = BTreeSet::from([module.to_owned()]);
    if let Some(operations) = groups.get(module) {
        for operation in &operations.own {
            result.extend(operation_groups(operation, names));
        }
    }
    result
}

fn group_file(
    module: &str,
    groups: &BTreeMap<String, GroupOperations>,
    context: &Context,
) -> String {
    let names = context.names;
    let group = names
        .groups
        .iter()
        .find(|g| g.module == module)
        .expect("known group");
    let operations = groups
        .get(module)
        .map(|g| (g.own.as_slice(), g.borrowed.as_slice()))
        .unwrap_or_default();
    let module_cfg = module_groups(module, groups, names);
    let own_only = BTreeSet::from([module.to_owned()]);

    // Items are gated inside the module only when the module is also
    // compiled for other groups' operations.
    let item_cfg = |wanted: &BTreeSet<String>| {
        if *wanted == module_cfg {
            String::new()
        } else {
            format!("{}\n", cfg_line(wanted))
        }
    };

    let mut body = String::new();
    let mut handle_methods = Vec::new();

    for (operation, home) in operations.1 {
        let name = &names.operations[&operation.id];
        body.push_str(&item_cfg(&operation_groups(operation, names)));
        if operation.deprecated {
            body.push_str("#[allow(deprecated)]\n");
        }
        body.push_str(&format!("pub use super::{home}::{name};\n"));
    }
    if !operations.1.is_empty() {
        body.push('\n');
    }

    let mut all: Vec<(&Operation, Option<crate::operations::Rendered>)> = Vec::new();
    for operation in operations.0 {
        let rendered = render(
            operation,
            context,
            &item_cfg(&operation_groups(operation, names)),
        );
        body.push_str(&rendered.items);
        all.push((operation, Some(rendered)));
    }
    for (operation, _) in operations.1 {
        all.push((operation, None));
    }
    all.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    for (operation, rendered) in all {
        let rendered = rendered.unwrap_or_else(|| render(operation, context, ""));
        handle_methods.push(rendered.handle_method);
    }

    let handle_cfg = item_cfg(&own_only);
    let api = &group.api_type;
    body.push_str(&format!(
        "/// The operations of the `{}` group, as methods that return a [`crate::Call`]; the official SDKs call this class `{api}`.\n",
        group.tag
    ));
    body.push_str(&handle_cfg);
    body.push_str(&format!(
        "#[derive(Clone, Copy, Debug)]\npub struct {api}<'a> {{\n    client: &'a crate::Client,\n}}\n\n"
    ));
    body.push_str(&handle_cfg);
    body.push_str(&format!(
        "impl crate::Client {{\n    /// Returns the operations of the `{}` group.\n    pub fn {}(&self) -> {api}<'_> {{\n        {api} {{ client: self }}\n    }}\n}}\n\n",
        group.tag,
        crate::naming::escape_keyword(module.to_owned()),
    ));
    body.push_str(&handle_cfg);
    body.push_str(&format!(
        "impl<'a> {api}<'a> {{\n{}}}\n",
        handle_methods.join("\n")
    ));

    let mut out = format!(
        "//! The `{}` API group: {} operations{}. Compiled with the `{module}` feature.\n\n",
        group.tag,
        operations.0.len() + operations.1.len(),
        if operations.1.is_empty() {
            String::new()
        } else {
            format!(", {} of them defined in other groups", operations.1.len())
        }
    );
    if body.contains("support::") {
        out.push_str("use super::support;\n");
    }
    if body.contains("models::") {
        out.push_str("use crate::models;\n");
    }
    out.push('\n');
    out.push_str(&body);
    out
}

fn api_mod(groups: &BTreeMap<String, GroupOperations>, context: &Context) -> String {
    let names = context.names;
    let mut out = String::new();
    out.push_str("//! Typed operation descriptors, one module per API group.\n//!\n");
    out.push_str(
        "//! Each group is a Cargo feature of the same name (`full` enables all). An operation\n",
    );
    out.push_str("//! listed in several groups is defined in its first group and re-exported in the others.\n\n");
    out.push_str("mod support;\n\n");

    for group in &names.groups {
        out.push_str(&cfg_line(&module_groups(&group.module, groups, names)));
        out.push_str(&format!("\npub mod {};\n", group.module));
    }

    let mut ids: Vec<(&String, &Operation)> = context
        .spec
        .operations
        .iter()
        .map(|op| (&op.id, op))
        .collect();
    ids.sort_by(|a, b| a.0.cmp(b.0));
    out.push_str(
        "\n/// The operation id of every generated descriptor, read from its `Endpoint` impl.\n",
    );
    out.push_str("#[cfg(feature = \"full\")]\n");
    out.push_str("// The index refers to deprecated descriptors too.\n#[allow(deprecated)]\n");
    out.push_str("pub const OPERATION_IDS: &[&str] = &[\n");
    for (id, operation) in ids {
        let home = &names.group(&operation.tags[0]).module;
        out.push_str(&format!(
            "    <{home}::{} as crate::Endpoint>::OPERATION_ID,\n",
            names.operations[id]
        ));
    }
    out.push_str("];\n");
    out
}

fn models_mod(context: &Context) -> String {
    let mut out = String::new();
    out.push_str("//! Request and response models, one type per definition.\n//!\n");
    out.push_str(
        "//! A model is compiled when an enabled feature's operations use it, directly or\n",
    );
    out.push_str("//! through other models; models no operation uses need `full`.\n\n");
    out.push_str("#[macro_use]\nmod support;\n\npub use support::{ToJson, YearMonth};\n\n");

    for name in context.spec.definitions.keys() {
        let model = &context.names.models[name];
        let cfg = cfg_line(&context.model_groups[name]);
        let mut exported = vec![model.type_name.clone()];
        exported.extend(model.fields.iter().filter_map(|f| f.enum_type.clone()));

        out.push_str(&format!("{cfg}\nmod {};\n", model.module));
        let list = if exported.len() == 1 {
            exported[0].clone()
        } else {
            format!("{{{}}}", exported.join(", "))
        };
        out.push_str(&format!("{cfg}\npub use self::{}::{list};\n", model.module));
    }

    out.push_str("\n/// The definition name of every generated model.\n#[cfg(feature = \"full\")]\npub const MODEL_NAMES: &[&str] = &[\n");
    for name in context.spec.definitions.keys() {
        out.push_str(&format!("    {name:?},\n"));
    }
    out.push_str("];\n");
    out
}

/// Renders the generated part of the round-trip test: one call per model,
/// compiled when the model is.
fn model_tests(context: &Context) -> String {
    let mut out = String::new();
    out.push_str("//! The round-trip function of every compiled model, by definition name.\n\n");
    out.push_str("use purecloud::models;\n\n");
    out.push_str(
        "/// Calls `visit` with every compiled model's definition name and round-trip function.\n",
    );
    out.push_str("pub fn run(visit: &mut dyn FnMut(&'static str, super::RoundTrip)) {\n");
    for name in context.spec.definitions.keys() {
        let model = &context.names.models[name];
        out.push_str(&format!("    {}\n", cfg_line(&context.model_groups[name])));
        out.push_str(&format!(
            "    visit({name:?}, super::round_trip::<models::{}>);\n",
            model.type_name
        ));
    }
    out.push_str("}\n");
    out
}
