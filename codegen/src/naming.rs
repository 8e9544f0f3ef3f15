//! Rust names for API names: snake_case and PascalCase conversion, keyword
//! escaping and deterministic de-duplication.

use std::collections::BTreeSet;

/// Strict and reserved keywords of Rust 2021, plus `gen` (reserved in 2024).
const KEYWORDS: [&str; 52] = [
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while",
];

/// Keywords that cannot be raw identifiers (`r#self` is invalid).
const NOT_RAW: [&str; 4] = ["self", "Self", "super", "crate"];

/// Converts a name to snake_case with swagger-codegen's rule, which the
/// official SDKs use for method names: `getUsersMe` -> `get_users_me`,
/// `OAuth` -> `o_auth`, `Workforce Management` -> `workforce_management`.
/// Characters other than letters and digits become `_`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();

    // "ABCDef" -> "ABC_Def": split an upper-case run before its last capital
    // when a lower-case letter follows.
    let mut first = Vec::with_capacity(chars.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let after = chars.get(i + 2).copied();
        first.push(c);
        if c.is_ascii_uppercase()
            && next.is_some_and(|n| n.is_ascii_uppercase())
            && after.is_some_and(|a| a.is_ascii_lowercase())
        {
            first.push('_');
        }
    }

    // "aB" and "1B" -> "a_B", "1_B".
    let mut second = String::with_capacity(first.len() + 8);
    for (i, &c) in first.iter().enumerate() {
        second.push(c);
        let next = first.get(i + 1).copied();
        if (c.is_ascii_lowercase() || c.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_uppercase())
        {
            second.push('_');
        }
    }

    let mut out = String::with_capacity(second.len());
    for c in second.chars() {
        let c = if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            '_'
        };
        if c == '_' && (out.is_empty() || out.ends_with('_')) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// Converts a name to PascalCase: `on-queue` -> `OnQueue`,
/// `ON_QUEUE` -> `OnQueue`, `getUsersMe` -> `GetUsersMe`.
pub fn pascal_case(name: &str) -> String {
    // An all-upper-case word (`ACTIVE`) is lowered first so it reads `Active`.
    let lowered;
    let source = if name.chars().any(|c| c.is_ascii_lowercase()) {
        name
    } else {
        lowered = name.to_ascii_lowercase();
        &lowered
    };

    snake_case(source)
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// Makes a type name from an API name that is usually PascalCase already:
/// letters and digits are kept as they are, so `AIStudio` stays `AIStudio`.
pub fn type_name(name: &str) -> String {
    let mut out = String::new();
    let mut upper_next = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(if upper_next {
                c.to_ascii_uppercase()
            } else {
                c
            });
            upper_next = false;
        } else {
            upper_next = true;
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    out
}

/// Makes a field, method or module identifier: snake_case, a leading digit
/// prefixed, keywords raw (`r#type`) or suffixed when they cannot be raw.
pub fn field_name(name: &str) -> String {
    let mut snake = snake_case(name);
    if snake.is_empty() {
        snake = "value".into();
    }
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake.insert_str(0, "n_");
    }
    escape_keyword(snake)
}

/// Escapes a keyword: `type` -> `r#type`, `self` -> `self_`.
pub fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// Makes a module and file name: like [`field_name`] but never raw, since
/// a file cannot be named `r#type.rs`.
pub fn module_name(name: &str) -> String {
    let field = field_name(name);
    match field.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None => field,
    }
}

/// Hands out names unique within one scope: the first `user_id` stays,
/// later ones become `user_id_2`, `user_id_3`.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// Creates a scope where `reserved` names are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// Returns `wanted`, or `wanted` with the lowest free number appended.
    /// `separator` goes between name and number (`_` for snake_case).
    pub fn claim(&mut self, wanted: &str, separator: &str) -> String {
        if self.taken.insert(wanted.to_owned()) {
            return wanted.to_owned();
        }

        let base = wanted.trim_start_matches("r#");
        (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }

    /// Returns whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_of_operation_ids() {
        assert_eq!(snake_case("getUsersMe"), "get_users_me");
        assert_eq!(snake_case("getSCIMV2Group"), "get_scimv2_group");
        assert_eq!(
            snake_case("postAnalyticsConversationsDetailsQuery"),
            "post_analytics_conversations_details_query"
        );
    }

    #[test]
    fn snake_case_of_groups() {
        assert_eq!(snake_case("OAuth"), "o_auth");
        assert_eq!(snake_case("AIStudio"), "ai_studio");
        assert_eq!(snake_case("Workforce Management"), "workforce_management");
        assert_eq!(snake_case("WorkforceManagement"), "workforce_management");
    }

    #[test]
    fn pascal_case_of_enum_values() {
        assert_eq!(pascal_case("on-queue"), "OnQueue");
        assert_eq!(pascal_case("ON_QUEUE"), "OnQueue");
        assert_eq!(pascal_case("active"), "Active");
        assert_eq!(pascal_case("emailAddress"), "EmailAddress");
    }

    #[test]
    fn keywords_escaped() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(module_name("Type"), "type_");
    }

    #[test]
    fn odd_json_names_become_identifiers() {
        assert_eq!(field_name("$schema"), "schema");
        assert_eq!(field_name("24hr"), "n_24hr");
        assert_eq!(
            field_name("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"),
            "urn_ietf_params_scim_schemas_extension_enterprise_2_0_user"
        );
        assert_eq!(field_name("_type"), "r#type");
    }

    #[test]
    fn type_name_keeps_capitals() {
        assert_eq!(type_name("AIStudio"), "AIStudio");
        assert_eq!(type_name("Workforce Management"), "WorkforceManagement");
        assert_eq!(type_name("getUsersMe"), "GetUsersMe");
    }

    #[test]
    fn scope_numbers_duplicates() {
        let mut scope = Scope::with_reserved(&["new"]);
        assert_eq!(scope.claim("new", "_"), "new_2");
        assert_eq!(scope.claim("page_size", "_"), "page_size");
        assert_eq!(scope.claim("page_size", "_"), "page_size_2");
        assert_eq!(scope.claim("r#type", "_"), "r#type");
        assert_eq!(scope.claim("r#type", "_"), "type_2");
    }
}
