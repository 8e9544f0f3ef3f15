//! Rust names for every definition, property, inline enum, group and
//! operation, chosen once so all emitters agree.

use std::collections::BTreeMap;

use crate::naming::{field_name, module_name, pascal_case, snake_case, type_name, Scope};
use crate::spec::{Schema, Spec};

/// Type names the generated code uses unqualified, so no model may take
/// them: a model `Option` would shadow `std::option::Option` in its file.
/// Names such as `Error` or `Duration` are not reserved, because generated
/// code never uses the std types of those names unqualified.
const PRELUDE_TYPES: [&str; 9] = [
    "Option", "Result", "Box", "String", "Vec", "Some", "None", "Ok", "Err",
];

/// Module names of hand-written files next to the generated ones.
const RESERVED_MODULES: [&str; 2] = ["support", "mod"];

/// Rust names of one definition.
#[derive(Debug)]
pub struct ModelNames {
    pub type_name: String,
    pub module: String,
    /// Per property, in [`crate::spec::Definition::properties`] order.
    pub fields: Vec<FieldNames>,
}

#[derive(Debug)]
pub struct FieldNames {
    pub name: String,
    /// The generated enum type, for a property with an inline `enum`.
    pub enum_type: Option<String>,
}

/// Rust names of one API group.
#[derive(Debug, Clone)]
pub struct GroupNames {
    /// The tag as the document spells it.
    pub tag: String,
    /// Module and feature name, such as `workforce_management`.
    pub module: String,
    /// The handle type, such as `WorkforceManagementApi`.
    pub api_type: String,
}

#[derive(Debug)]
pub struct Names {
    pub models: BTreeMap<String, ModelNames>,
    /// Groups in module-name order.
    pub groups: Vec<GroupNames>,
    /// Descriptor type name per operation id.
    pub operations: BTreeMap<String, String>,
}

impl Names {
    pub fn build(spec: &Spec) -> Self {
        let mut types = Scope::with_reserved(&PRELUDE_TYPES);
        let mut modules = Scope::with_reserved(&RESERVED_MODULES);
        let mut models = BTreeMap::new();

        // Definitions claim their names before any inline enum does, so a
        // definition keeps its API name whatever enums exist.
        for name in spec.definitions.keys() {
            let rust = types.claim(&type_name(name), "Model");
            let module = modules.claim(&module_name(&rust), "_");
            models.insert(name.clone(), (rust, module));
        }

        let mut result = BTreeMap::new();
        for (name, definition) in &spec.definitions {
            let (rust, module) = models.remove(name).expect("claimed above");
            let mut fields = Scope::default();
            let field_names = definition
                .properties
                .iter()
                .map(|property| FieldNames {
                    name: fields.claim(&field_name(&property.json_name), "_"),
                    enum_type: has_enum(&property.schema).then(|| {
                        let wanted = format!("{rust}{}", pascal_case(&property.json_name));
                        types.claim(&wanted, "Enum")
                    }),
                })
                .collect();
            result.insert(
                name.clone(),
                ModelNames {
                    type_name: rust,
                    module,
                    fields: field_names,
                },
            );
        }

        Self {
            models: result,
            groups: group_names(spec),
            operations: operation_names(spec),
        }
    }

    /// Returns the group whose tag is `tag`.
    pub fn group(&self, tag: &str) -> &GroupNames {
        self.groups
            .iter()
            .find(|group| group.tag == tag)
            .expect("every operation tag has a group")
    }
}

fn has_enum(schema: &Schema) -> bool {
    match schema {
        Schema::Enum(_) => true,
        Schema::Array(inner) | Schema::Map(inner) => has_enum(inner),
        _ => false,
    }
}

fn group_names(spec: &Spec) -> Vec<GroupNames> {
    let mut by_module: BTreeMap<String, GroupNames> = BTreeMap::new();
    let mut modules = Scope::with_reserved(&RESERVED_MODULES);
    let mut tags: Vec<&String> = spec.operations.iter().flat_map(|op| &op.tags).collect();
    tags.sort();
    tags.dedup();

    for tag in tags {
        let module = modules.claim(&module_name(&snake_case(tag)), "_");
        let api_type = format!("{}Api", type_name(tag));
        by_module.insert(
            module.clone(),
            GroupNames {
                tag: tag.clone(),
                module,
                api_type,
            },
        );
    }
    by_module.into_values().collect()
}

fn operation_names(spec: &Spec) -> BTreeMap<String, String> {
    let mut scope = Scope::default();
    let mut ids: Vec<&String> = spec.operations.iter().map(|op| &op.id).collect();
    ids.sort();

    ids.into_iter()
        .map(|id| (id.clone(), scope.claim(&type_name(id), "Op")))
        .collect()
}
